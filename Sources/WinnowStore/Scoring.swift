import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// What scoring, skipping or revising an item of a round did.
public struct ScoreResult: Sendable, Equatable {
    /// The action's audit records (and any changes the settlement of a completed item made).
    public var changeSet: ChangeSet
    /// The judgments written, in field order.
    public var judgments: [Int64]
    /// This action brought the item's last assignment in.
    public var itemCompleted: Bool
    /// Disputes the settlement of the completed item opened.
    public var disputesOpened: [Int64]
}

extension Store {
    /// Records a reviewer's blind judgments of an item in a round: one `pending` judgment per
    /// field, with the round's rubric version and the rationale, one audit record each (action
    /// `score`), the assignment submitted, the item claimed as triage claims it; and when this was
    /// the item's last assignment, the item completed and settled — all in one transaction.
    ///
    /// Every field the round judges on the item needs a value on its scale, and nothing else may be
    /// given. Scoring is refused once the rubric in `winnow.toml` differs from the version the round
    /// recorded: the scores would be read against a definition the reviewer never saw.
    @discardableResult
    public func submitJudgments(round name: String, item: Int64, values: [JudgedField: String],
                                rationales: [JudgedField: String] = [:], itemRationale: String? = nil,
                                by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> ScoreResult {
        try writing { db in
            let round = try RoundRecord.fetch(named: name, db: db)
            let state = try assignmentState(round, item: item, reviewer: identity.reviewer, db: db)
            guard state == "open" else { throw RoundError.alreadySubmitted(item: item, round: name, state: state) }
            let judged = try judgedFields(round, item: item, db: db)
            let missing = judged.filter { values[$0] == nil }
            let checked = try checkedValues(values, rationales: rationales, judged: judged, round: round, item: item)
            guard missing.isEmpty else { throw RoundError.missingValues(missing.map(\.name), item: item) }
            let writer = try roundWriter("score", round: round, item: item, by: identity, at: millis, db: db)
            var written: [Int64] = []
            for (field, value) in checked {
                let rationale = Self.nonEmpty(rationales[field]) ?? Self.nonEmpty(itemRationale)
                written.append(try insertRoundJudgment(field, value: value, round: round, item: item, rationale: rationale, revises: nil,
                                                       by: identity, at: millis, db: db))
                writer.record(try AuditLog.append(AuditEntry(action: "score", itemID: item, field: field.stored, newValue: value,
                                                             reason: rationale),
                                                  by: identity, at: millis, action: writer.auditAction, db: db))
            }
            try db.cachedStatement(sql: "UPDATE assignments SET state = 'submitted', submitted_ms = ? WHERE round_id = ? AND item_id = ? AND reviewer = ?")
                           .execute(arguments: [millis, round.id, item, identity.reviewer])
            return try finishRoundAction(writer, round: round, item: item, judgments: written, at: millis)
        }
    }

    /// Skips an assignment, with a reason (audited as `skip`). The item completes when this was its
    /// last assignment, as for a score.
    @discardableResult
    public func skipAssignment(round name: String, item: Int64, reason: String, by identity: Identity,
                               at millis: Int64 = Clock.nowMillis()) throws -> ScoreResult {
        guard let reason = Self.nonEmpty(reason) else { throw RoundError.skipNeedsReason }
        return try writing { db in
            let round = try RoundRecord.fetch(named: name, db: db)
            let state = try assignmentState(round, item: item, reviewer: identity.reviewer, db: db)
            guard state == "open" else { throw RoundError.alreadySubmitted(item: item, round: name, state: state) }
            let writer = ChangeWriter(store: self, db: db, identity: identity, action: "skip", reason: reason, at: millis,
                                      expectedVersions: try Self.versions(of: [item], db: db))
            try db.cachedStatement(sql: """
                UPDATE assignments SET state = 'skipped', skip_reason = ?, submitted_ms = ? WHERE round_id = ? AND item_id = ? AND reviewer = ?
                """).execute(arguments: [reason, millis, round.id, item, identity.reviewer])
            writer.record(try AuditLog.append(AuditEntry(action: "skip", itemID: item, field: "assignment", oldValue: "open", newValue: "skipped",
                                                         reason: "round \(name): \(reason)"),
                                              by: identity, at: millis, action: writer.auditAction, db: db))
            return try finishRoundAction(writer, round: round, item: item, judgments: [], at: millis)
        }
    }

    /// Changes some of the reviewer's submitted judgments of an item while the item is not complete
    /// and the round is open: each changed field gets a new `pending` judgment that `revises` the
    /// old one, which becomes `superseded`; audited as `revise`, old → new. Fields whose value and
    /// rationale are unchanged are left alone.
    @discardableResult
    public func reviseJudgments(round name: String, item: Int64, values: [JudgedField: String],
                                rationales: [JudgedField: String] = [:], itemRationale: String? = nil,
                                by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> ScoreResult {
        try writing { db in
            let round = try RoundRecord.fetch(named: name, db: db)
            let state = try assignmentState(round, item: item, reviewer: identity.reviewer, db: db)
            guard state == "submitted" else {
                throw state == "skipped" ? RoundError.alreadySubmitted(item: item, round: name, state: state)
                    : RoundError.notSubmitted(item: item, round: name)
            }
            if try Int64.fetchOne(db.cachedStatement(sql: "SELECT completed_ms FROM round_items WHERE round_id = ? AND item_id = ?"),
                                  arguments: [round.id, item]) != nil {
                throw RoundError.itemComplete(item: item, round: name)
            }
            let checked = try checkedValues(values, rationales: rationales, judged: try judgedFields(round, item: item, db: db),
                                            round: round, item: item)
            let writer = try roundWriter("revise", round: round, item: item, by: identity, at: millis, db: db)
            var written: [Int64] = []
            for (field, value) in checked {
                guard let old = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT id, value, rationale FROM judgments
                    WHERE round_id = ? AND item_id = ? AND reviewer = ? AND field = ? AND state = 'pending' ORDER BY id DESC LIMIT 1
                    """), arguments: [round.id, item, identity.reviewer, field.stored]) else { continue }
                let oldID: Int64 = old["id"]
                let oldValue: String? = old["value"]
                let oldRationale: String? = old["rationale"]
                let rationale = Self.nonEmpty(rationales[field]) ?? Self.nonEmpty(itemRationale) ?? oldRationale
                guard oldValue != value || oldRationale != rationale else { continue }
                try db.cachedStatement(sql: "UPDATE judgments SET state = 'superseded' WHERE id = ?").execute(arguments: [oldID])
                written.append(try insertRoundJudgment(field, value: value, round: round, item: item, rationale: rationale, revises: oldID,
                                                       by: identity, at: millis, db: db))
                writer.record(try AuditLog.append(AuditEntry(action: "revise", itemID: item, field: field.stored, oldValue: oldValue,
                                                             newValue: value, reason: rationale),
                                                  by: identity, at: millis, action: writer.auditAction, db: db))
            }
            return ScoreResult(changeSet: try writer.finish(), judgments: written, itemCompleted: false, disputesOpened: [])
        }
    }

    /// The reviewer's assignment's state; refused when the round is closed or they have none.
    func assignmentState(_ round: RoundRecord, item: Int64, reviewer: String, db: Database) throws -> String {
        guard round.closedMillis == nil else { throw RoundError.closed(round.name) }
        guard let state = try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM assignments WHERE round_id = ? AND item_id = ? AND reviewer = ?"),
                                              arguments: [round.id, item, reviewer]) else {
            throw RoundError.notAssigned(reviewer: reviewer, item: item, round: round.name)
        }
        return state
    }

    /// The values as stored, in the order the round judges them; refused as a whole at the first
    /// field not judged on the item, value off its scale, or rubric edited since the round began.
    func checkedValues(_ values: [JudgedField: String], rationales: [JudgedField: String], judged: [JudgedField],
                       round: RoundRecord, item: Int64) throws -> [(JudgedField, String)] {
        for field in values.keys.sorted() where !judged.contains(field) {
            throw RoundError.unknownField(field.name, item: item, judged: judged.map(\.name))
        }
        for field in rationales.keys.sorted() where values[field] == nil && Self.nonEmpty(rationales[field]) != nil {
            throw RoundError.rationaleWithoutValue(field.name)
        }
        let rubric = try round.rubric.map { name in
            guard let rubric = config.rubric(named: name), rubric.version == round.rubricVersion else {
                throw RoundError.rubricChanged(rubric: name, round: round.name)
            }
            return rubric
        }
        var checked: [(JudgedField, String)] = []
        for field in judged {
            guard let given = values[field] else { continue }
            let value = given.trimmingCharacters(in: .whitespaces)
            switch field {
            case .dimension(let name):
                guard let scale = rubric?.dimension(named: name)?.scale else {
                    throw RoundError.unknownField(name, item: item, judged: judged.map(\.name))
                }
                guard scale.contains(value) else { throw RoundError.offScale(field: name, value: value, allowed: scale.levels.map(\.value)) }
                checked.append((field, value))
            case .label(let label):
                checked.append((field, try canonicalValue(label, value)))
            }
        }
        return checked
    }

    /// A writer for a scoring action, with the item claimed for the reviewer as triage claims it.
    /// A claim by one of the item's other reviewers in the round does not stand in the way (they
    /// score the same item, blind); a claim by anyone else working the item does.
    func roundWriter(_ action: String, round: RoundRecord, item: Int64, by identity: Identity, at millis: Int64,
                     db: Database) throws -> ChangeWriter {
        if let holder = try Self.activeHolder(item, now: millis, db: db), holder.reviewer != identity.reviewer,
           try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM assignments WHERE round_id = ? AND item_id = ? AND reviewer = ?"),
                            arguments: [round.id, item, holder.reviewer]) == nil {
            throw RoundError.heldByOther(item: item, reviewer: holder.reviewer)
        }
        let writer = ChangeWriter(store: self, db: db, identity: identity, action: action, reason: nil, at: millis,
                                  expectedVersions: try Self.versions(of: [item], db: db))
        try Self.claimOrRenew(item, by: identity, now: millis, lease: leaseMillis, action: writer.auditAction, db: db) { writer.record($0) }
        return writer
    }

    func insertRoundJudgment(_ field: JudgedField, value: String, round: RoundRecord, item: Int64, rationale: String?, revises: Int64?,
                             by identity: Identity, at millis: Int64, db: Database) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, round_id, rubric_version, rationale, revises)
            VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
            """).execute(arguments: [item, field.stored, value, identity.reviewer, identity.osUser, millis, round.id, round.rubricVersion,
                                     rationale, revises])
        return db.lastInsertedRowID
    }

    /// Completes the item when none of its assignments is open any more (and settles it, in the
    /// same transaction), then returns what the action did. The completing reviewer's claim ends
    /// with it: their part is done, and an adjudicator must be able to take up its disputes now,
    /// not when the lease runs out.
    func finishRoundAction(_ writer: ChangeWriter, round: RoundRecord, item: Int64, judgments: [Int64], at millis: Int64) throws -> ScoreResult {
        let db = writer.db
        let open = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM assignments WHERE round_id = ? AND item_id = ? AND state = 'open'"),
                                    arguments: [round.id, item]) ?? 0
        var disputes: [Int64] = []
        if open == 0 {
            try db.cachedStatement(sql: "UPDATE round_items SET completed_ms = ? WHERE round_id = ? AND item_id = ?").execute(arguments: [millis, round.id, item])
            disputes = try settleCompletedItem(roundID: round.id, itemID: item, writer: writer)
            if let holder = try Self.activeHolder(item, now: millis, db: db), holder.reviewer == writer.identity.reviewer {
                try db.cachedStatement(sql: "UPDATE items SET claimed_by = NULL, claim_expires_ms = NULL WHERE id = ?").execute(arguments: [item])
                writer.record(try AuditLog.append(AuditEntry(action: "release", itemID: item, field: "claim", oldValue: holder.reviewer, newValue: nil,
                                                             reason: "round \(round.name): the item is complete"),
                                                  by: writer.identity, at: millis, action: writer.auditAction, db: db))
            }
        }
        return ScoreResult(changeSet: try writer.finish(), judgments: judgments, itemCompleted: open == 0, disputesOpened: disputes)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
