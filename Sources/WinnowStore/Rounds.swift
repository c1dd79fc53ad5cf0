import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// How a round chooses its items.
public struct RoundSampleSpec: Sendable, Equatable {
    /// Only items matching this filter (the queue's filter language); nil: every item.
    public var filter: String?
    /// Draw this many of them; nil: take every match.
    public var count: Int?
    public var seed: UInt64
    public var stratify: [StratumKey]
    /// Extra items drawn from the smallest strata first.
    public var longTail: Int

    public init(filter: String? = nil, count: Int? = nil, seed: UInt64 = 1, stratify: [StratumKey] = [], longTail: Int = 0) {
        self.filter = filter
        self.count = count
        self.seed = seed
        self.stratify = stratify
        self.longTail = longTail
    }
}

/// What a lead asks for when creating a round.
public struct RoundSpec: Sendable, Equatable {
    public var name: String
    /// The rubric to score on (its current version is recorded with the round).
    public var rubric: String?
    /// Triage labels judged blind as well (never a note: free text does not agree or disagree).
    public var fields: [LabelField]
    /// Blind judgments per item.
    public var overlap: Int
    /// Nil: every rostered reviewer with the `qa` role.
    public var reviewers: [String]?
    public var sample: RoundSampleSpec

    public init(name: String, rubric: String? = nil, fields: [LabelField] = [], overlap: Int = 2, reviewers: [String]? = nil,
                sample: RoundSampleSpec = RoundSampleSpec()) {
        self.name = name
        self.rubric = rubric
        self.fields = fields
        self.overlap = overlap
        self.reviewers = reviewers
        self.sample = sample
    }
}

/// How the round's items were chosen, as `rounds.sample` records it.
public struct RoundSampleDescription: Codable, Sendable, Equatable {
    public var filter: String?
    public var count: Int?
    public var seed: UInt64
    public var stratify: [StratumKey]
    public var longTail: Int
    public var reviewers: [String]
    /// Stratum → items drawn from it, and its size in the population the sample was drawn from.
    public var strata: [String: Int]
    public var population: [String: Int]

    enum CodingKeys: String, CodingKey {
        case filter, count, seed, stratify, reviewers, strata, population
        case longTail = "long_tail"
    }
}

/// A round as listed.
public struct RoundSummary: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var rubric: String?
    public var rubricVersion: String?
    /// Judged triage labels, by name.
    public var fields: [String]
    public var overlap: Int
    public var sample: RoundSampleDescription
    public var createdBy: String
    public var createdMillis: Int64
    public var closedBy: String?
    public var closedMillis: Int64?
    public var items: Int
    public var itemsComplete: Int
    public var assignments: Int

    public var isClosed: Bool { closedMillis != nil }

    enum CodingKeys: String, CodingKey {
        case id, name, rubric, fields, overlap, sample, items, assignments
        case rubricVersion = "rubric_version"
        case createdBy = "created_by"
        case createdMillis = "created_ms"
        case closedBy = "closed_by"
        case closedMillis = "closed_ms"
        case itemsComplete = "items_complete"
    }
}

/// One reviewer's share of a round.
public struct ReviewerProgress: Codable, Sendable, Equatable {
    public var reviewer: String
    public var assigned: Int
    public var submitted: Int
    public var skipped: Int
    public var remaining: Int
}

/// A round's progress: per reviewer, and its disputes.
public struct RoundProgress: Codable, Sendable, Equatable {
    public var round: RoundSummary
    public var reviewers: [ReviewerProgress]
    public var disputesOpen: Int
    public var disputesDecided: Int

    enum CodingKeys: String, CodingKey {
        case round, reviewers
        case disputesOpen = "disputes_open"
        case disputesDecided = "disputes_decided"
    }
}

/// A round action refused, and why, in words a reviewer can act on. Nothing was changed.
public enum RoundError: Error, CustomStringConvertible, Equatable {
    case notLead(reviewer: String, action: String)
    case badName(String)
    case nameTaken(String)
    case noSuchRound(String)
    case nothingJudged
    case noSuchRubric(String, known: [String])
    case noteNotJudged
    case badOverlap(Int)
    case badFilter(String)
    case notOnRoster(String)
    case tooFewReviewers(have: [String], overlap: Int)
    case noItems
    case closed(String)
    case alreadyClosed(String, by: String)
    case notAssigned(reviewer: String, item: Int64, round: String)
    case alreadySubmitted(item: Int64, round: String, state: String)
    case notSubmitted(item: Int64, round: String)
    case itemComplete(item: Int64, round: String)
    case unknownField(String, item: Int64, judged: [String])
    case missingValues([String], item: Int64)
    case offScale(field: String, value: String, allowed: [String])
    case rubricChanged(rubric: String, round: String)
    case rationaleWithoutValue(String)
    case skipNeedsReason
    case heldByOther(item: Int64, reviewer: String)

    public var description: String {
        switch self {
        case .notLead(let reviewer, let action):
            "only a lead can \(action), and \(reviewer) is not a lead on this workspace's roster"
        case .badName(let name):
            "`\(name)` is not a round name: use letters, digits, `-`, `_` and `.`, starting with a letter or digit"
        case .nameTaken(let name): "there is already a round named \(name); choose another name"
        case .noSuchRound(let name): "there is no round named \(name) (winnow round list shows them)"
        case .nothingJudged: "a round judges something: give a rubric (--rubric NAME), triage fields (--fields severity,locus), or both"
        case .noSuchRubric(let name, let known): "there is no rubric named \(name) in winnow.toml (rubrics: \(known.joined(separator: ", ")))"
        case .noteNotJudged: "a note is free text and cannot be judged blind; judge severity, status, locus, reasons, owner or trainable"
        case .badOverlap(let n): "the overlap is the number of blind judgments per item and must be at least 1, not \(n)"
        case .badFilter(let message): "the filter does not parse: \(message)"
        case .notOnRoster(let name): "\(name) is not on this workspace's roster, so cannot review in a round"
        case .tooFewReviewers(let have, let overlap):
            have.isEmpty
                ? "a round needs reviewers: none were given (--reviewers a,b) and nobody on the roster has the qa role"
                : "an overlap of \(overlap) needs at least \(overlap) reviewers, and only \(have.count) were given (\(have.joined(separator: ", ")))"
        case .noItems: "no item matches the round's sample (merged duplicates are never sampled); nothing was created"
        case .closed(let name): "round \(name) is closed: its assignments can no longer be submitted, skipped or revised"
        case .alreadyClosed(let name, let by): "round \(name) was already closed by \(by)"
        case .notAssigned(let reviewer, let item, let round): "\(reviewer) is not assigned item #\(item) in round \(round)"
        case .alreadySubmitted(let item, let round, let state):
            state == "skipped" ? "item #\(item) in round \(round) was already skipped"
                : "item #\(item) in round \(round) was already scored: revise it instead (winnow round revise)"
        case .notSubmitted(let item, let round): "item #\(item) in round \(round) has not been scored yet, so there is nothing to revise"
        case .itemComplete(let item, let round):
            "item #\(item) is complete in round \(round) (every judgment is in), so judgments can no longer be revised; raise a dispute instead"
        case .unknownField(let field, let item, let judged):
            "\(field) is not judged on item #\(item) in this round (judged: \(judged.joined(separator: ", ")))"
        case .missingValues(let fields, let item): "item #\(item) needs a value for \(fields.joined(separator: ", ")) too"
        case .offScale(let field, let value, let allowed): "\(field) `\(value)` is not on its scale: \(allowed.joined(separator: ", "))"
        case .rubricChanged(let rubric, let round):
            "rubric \(rubric) was edited in winnow.toml after round \(round) was created, so scores would not mean what the round's version meant; "
                + "nothing was recorded — restore the rubric as it was, or create a new round"
        case .rationaleWithoutValue(let field): "a rationale for \(field) needs a value for \(field)"
        case .skipNeedsReason: "a skip needs a reason (--reason TEXT)"
        case .heldByOther(let item, let reviewer): "#\(item) is claimed by \(reviewer), who is working it outside the round; try again later"
        }
    }
}

/// The round a row of `rounds` describes, as read inside a transaction.
struct RoundRecord {
    var id: Int64
    var name: String
    var rubric: String?
    var rubricVersion: String?
    var fields: [LabelField]
    var overlap: Int
    var closedMillis: Int64?

    static func fetch(named name: String, db: Database) throws -> RoundRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM rounds WHERE name = ?", arguments: [name]) else {
            throw RoundError.noSuchRound(name)
        }
        return RoundRecord(row)
    }

    init(_ row: Row) {
        id = row["id"]
        name = row["name"]
        rubric = row["rubric"]
        rubricVersion = row["rubric_version"]
        let stored: String = row["fields"]
        fields = ((try? JSONDecoder().decode([String].self, from: Data(stored.utf8))) ?? []).compactMap(LabelField.init(rawValue:))
        overlap = row["overlap"]
        closedMillis = row["closed_ms"]
    }
}

extension Store {
    /// Whether the reviewer may run a round (create, close): a lead, or anyone in single-user mode.
    func isLead(_ reviewer: String) -> Bool {
        config.isSingleUser || (config.roles(of: reviewer) ?? []).contains(.lead)
    }

    /// Creates a round: samples its items, assigns their reviewers, records both, in one
    /// transaction and one audited action (`round_new`). Only a lead may (anyone in single-user mode).
    @discardableResult
    public func createRound(_ spec: RoundSpec, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> RoundSummary {
        guard isLead(identity.reviewer) else { throw RoundError.notLead(reviewer: identity.reviewer, action: "create a round") }
        let name = spec.name.trimmingCharacters(in: .whitespaces)
        guard Self.isRoundName(name) else { throw RoundError.badName(spec.name) }
        guard spec.rubric != nil || !spec.fields.isEmpty else { throw RoundError.nothingJudged }
        guard !spec.fields.contains(.note) else { throw RoundError.noteNotJudged }
        let rubric = try spec.rubric.map { name in
            guard let rubric = config.rubric(named: name) else { throw RoundError.noSuchRubric(name, known: config.rubrics.map(\.name)) }
            return rubric
        }
        guard spec.overlap >= 1 else { throw RoundError.badOverlap(spec.overlap) }
        let reviewers = try roundReviewers(spec.reviewers)
        guard reviewers.count >= spec.overlap, !reviewers.isEmpty else {
            throw RoundError.tooFewReviewers(have: reviewers, overlap: spec.overlap)
        }
        let filter: FilterSQL
        do {
            filter = try spec.sample.filter.map { FilterSQL(try FilterQuery.parse($0), reviewer: identity.reviewer, now: millis) } ?? .everything
        } catch let error as FilterQuery.ParseError {
            throw RoundError.badFilter(error.message)
        }
        var fields: [LabelField] = []
        for field in spec.fields where !fields.contains(field) { fields.append(field) }

        return try writing { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM rounds WHERE name = ?", arguments: [name]) == nil else {
                throw RoundError.nameTaken(name)
            }
            let sample = spec.sample
            let strata = try Self.sampleStrata(filter, by: sample.stratify, db: db)
            let outcome = sample.count.map {
                RoundSampling.stratified(strata, count: $0, seed: sample.seed, longTail: max(0, sample.longTail))
            } ?? RoundSampling.everything(strata)
            guard !outcome.items.isEmpty else { throw RoundError.noItems }
            let description = RoundSampleDescription(filter: sample.filter, count: sample.count, seed: sample.seed, stratify: sample.stratify,
                                                      longTail: outcome.longTail, reviewers: reviewers, strata: outcome.perStratum,
                                                      population: outcome.population)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try db.execute(sql: """
                INSERT INTO rounds(name, rubric, rubric_version, fields, overlap, sample, created_by, created_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, rubric?.name, rubric?.version,
                                 String(decoding: try encoder.encode(fields.map(\.rawValue)), as: UTF8.self), spec.overlap,
                                 String(decoding: try encoder.encode(description), as: UTF8.self), identity.reviewer, millis])
            let roundID = db.lastInsertedRowID
            for (position, entry) in outcome.items.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO round_items(round_id, item_id, position, stratum) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [roundID, entry.itemID, position, entry.stratum])
            }
            let assignments = RoundSampling.assign(outcome.items.map(\.itemID), reviewers: reviewers, overlap: spec.overlap, seed: sample.seed)
            for assignment in assignments {
                try db.cachedStatement(sql: "INSERT INTO assignments(round_id, item_id, reviewer, position) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [roundID, assignment.itemID, assignment.reviewer, assignment.position])
            }
            let judged = (rubric.map { ["rubric \($0.name) (version \($0.shortVersion))"] } ?? []) + fields.map(\.rawValue)
            let how = sample.count == nil ? "every item matching \(sample.filter ?? "everything")"
                : "\(outcome.items.count) items sampled with seed \(sample.seed)"
                    + (sample.stratify.isEmpty ? "" : " by \(sample.stratify.map(\.rawValue).joined(separator: ", "))")
                    + (outcome.longTail > 0 ? ", \(outcome.longTail) from the long tail" : "")
            try AuditLog.append(AuditEntry(action: "round_new", field: "round", newValue: name,
                                           reason: "\(how); judging \(judged.joined(separator: ", ")); \(spec.overlap) blind judgments each "
                                               + "by \(reviewers.joined(separator: ", "))"),
                                by: identity, at: millis, db: db)
            return try Self.roundSummary(RoundRecord.fetch(named: name, db: db), db: db)
        }
    }

    /// The lead closing a round takes over a claim someone still holds on an item it settles (a
    /// reviewer who just scored it), as `:takeover` would: the settlement writes as the lead.
    func takeOverForSettling(_ item: Int64, round name: String, by identity: Identity, at millis: Int64, writer: ChangeWriter) throws {
        guard let holder = try Self.activeHolder(item, now: millis, db: writer.db), holder.reviewer != identity.reviewer else { return }
        try writer.db.execute(sql: "UPDATE items SET claimed_by = ?, claim_expires_ms = ? WHERE id = ?",
                              arguments: [identity.reviewer, millis + leaseMillis, item])
        writer.record(try AuditLog.append(AuditEntry(action: "takeover", itemID: item, field: "claim", oldValue: holder.reviewer,
                                                     newValue: identity.reviewer, reason: "round \(name) closed"),
                                          by: identity, at: millis, action: writer.auditAction, db: writer.db))
    }

    /// Letters, digits, `-`, `_`, `.`; the first a letter or digit (so it never reads as an option).
    static func isRoundName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 80,
              CharacterSet.alphanumerics.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    /// The reviewers given (each on the roster, when there is one), or the roster's QA reviewers.
    func roundReviewers(_ given: [String]?) throws -> [String] {
        guard let given else {
            return config.roster.filter { $0.roles.contains(.qa) }.map(\.name)
        }
        var names: [String] = []
        for name in given.map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty && !names.contains(name) {
            if !config.isSingleUser, config.roles(of: name) == nil { throw RoundError.notOnRoster(name) }
            names.append(name)
        }
        return names
    }

    /// Canonical items (never a merged duplicate) matching the filter, by stratum, in id order.
    static func sampleStrata(_ filter: FilterSQL, by keys: [StratumKey], db: Database) throws -> SampleStrata {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT items.id, items.intent, items.severity, items.signal, events.cohort, events.model_version
            FROM items JOIN events ON events.rowid = items.id
            WHERE items.canonical_id IS NULL AND (\(filter.clause)) ORDER BY items.id
            """, arguments: filter.arguments)
        var strata: SampleStrata = [:]
        while let row = try rows.next() {
            let stratum = StratumKey.stratumName(keys) { key -> String? in
                switch key {
                case .intent: row["intent"]
                case .severity: row["severity"]
                case .signal: row["signal"]
                case .cohort: row["cohort"]
                case .modelVersion: row["model_version"]
                }
            }
            strata[stratum, default: []].append(row["id"])
        }
        return strata
    }

    static func roundSummary(_ round: RoundRecord, db: Database) throws -> RoundSummary {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM rounds WHERE id = ?", arguments: [round.id])!
        let sampleText: String = row["sample"]
        let sample = (try? JSONDecoder().decode(RoundSampleDescription.self, from: Data(sampleText.utf8)))
            ?? RoundSampleDescription(filter: nil, count: nil, seed: 0, stratify: [], longTail: 0, reviewers: [], strata: [:], population: [:])
        let counts = try Row.fetchOne(db, sql: """
            SELECT count(*) AS items, count(completed_ms) AS complete,
                   (SELECT count(*) FROM assignments WHERE round_id = ?) AS assignments
            FROM round_items WHERE round_id = ?
            """, arguments: [round.id, round.id])!
        return RoundSummary(id: round.id, name: round.name, rubric: round.rubric, rubricVersion: round.rubricVersion,
                            fields: round.fields.map(\.rawValue), overlap: round.overlap, sample: sample,
                            createdBy: row["created_by"], createdMillis: row["created_ms"], closedBy: row["closed_by"],
                            closedMillis: round.closedMillis, items: counts["items"], itemsComplete: counts["complete"],
                            assignments: counts["assignments"])
    }

    /// Every round, newest first.
    public func rounds() throws -> [RoundSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rounds ORDER BY created_ms DESC, id DESC").map {
                try Self.roundSummary(RoundRecord($0), db: db)
            }
        }
    }

    /// A round's progress per reviewer, and its disputes open and decided.
    public func roundProgress(_ name: String) throws -> RoundProgress {
        try pool.read { db in
            let round = try RoundRecord.fetch(named: name, db: db)
            let reviewers = try Row.fetchAll(db, sql: """
                SELECT reviewer, count(*) AS assigned,
                       sum(state = 'submitted') AS submitted, sum(state = 'skipped') AS skipped, sum(state = 'open') AS remaining
                FROM assignments WHERE round_id = ? GROUP BY reviewer ORDER BY reviewer
                """, arguments: [round.id]).map {
                ReviewerProgress(reviewer: $0["reviewer"], assigned: $0["assigned"], submitted: $0["submitted"], skipped: $0["skipped"],
                                 remaining: $0["remaining"])
            }
            let disputes = try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(state = 'open'), 0) AS open, coalesce(sum(state = 'decided'), 0) AS decided
                FROM disputes WHERE round_id = ?
                """, arguments: [round.id])!
            return RoundProgress(round: try Self.roundSummary(round, db: db), reviewers: reviewers,
                                 disputesOpen: disputes["open"], disputesDecided: disputes["decided"])
        }
    }

    /// What closing a round did.
    public struct RoundClosing: Sendable, Equatable {
        public var round: String
        /// Items not complete that had at least two judgments, settled at close.
        public var settledItems: [Int64]
        public var disputesOpened: [Int64]
        /// Assignments left open, which can no longer be submitted.
        public var openAssignments: Int
        public var changeSet: ChangeSet
    }

    /// Closes a round (a lead only): items with two judgments or more that were not complete are
    /// settled as a completed item is; open assignments stay open but can no longer be submitted.
    /// One transaction, one audited action (`round_close`).
    @discardableResult
    public func closeRound(_ name: String, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> RoundClosing {
        guard isLead(identity.reviewer) else { throw RoundError.notLead(reviewer: identity.reviewer, action: "close a round") }
        return try writing { db in
            let round = try RoundRecord.fetch(named: name, db: db)
            if round.closedMillis != nil {
                let by = try String.fetchOne(db, sql: "SELECT closed_by FROM rounds WHERE id = ?", arguments: [round.id]) ?? "someone"
                throw RoundError.alreadyClosed(name, by: by)
            }
            let unsettled = try Int64.fetchAll(db, sql: """
                SELECT ri.item_id FROM round_items AS ri
                WHERE ri.round_id = ? AND ri.completed_ms IS NULL
                  AND (SELECT count(*) FROM assignments AS a WHERE a.round_id = ri.round_id AND a.item_id = ri.item_id
                                                             AND a.state = 'submitted') >= 2
                ORDER BY ri.position
                """, arguments: [round.id])
            let openAssignments = try Int.fetchOne(db, sql: "SELECT count(*) FROM assignments WHERE round_id = ? AND state = 'open'",
                                                   arguments: [round.id]) ?? 0
            let writer = ChangeWriter(store: self, db: db, identity: identity, action: "round_close",
                                      reason: "round \(name) closed", at: millis,
                                      expectedVersions: try Self.versions(of: unsettled, db: db))
            try db.execute(sql: "UPDATE rounds SET closed_by = ?, closed_ms = ? WHERE id = ?", arguments: [identity.reviewer, millis, round.id])
            writer.record(try AuditLog.append(AuditEntry(action: "round_close", field: "round", oldValue: name,
                                                         reason: "\(unsettled.count) unfinished items with two judgments or more settled; "
                                                             + "\(openAssignments) assignments left open"),
                                              by: identity, at: millis, action: writer.auditAction, db: db))
            var disputes: [Int64] = []
            for item in unsettled {
                try takeOverForSettling(item, round: name, by: identity, at: millis, writer: writer)
                disputes += try settleCompletedItem(roundID: round.id, itemID: item, writer: writer)
            }
            return RoundClosing(round: name, settledItems: unsettled, disputesOpened: disputes, openAssignments: openAssignments,
                                changeSet: try writer.finish())
        }
    }
}
