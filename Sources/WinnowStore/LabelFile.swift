import Foundation
import GRDB
import WinnowCore

/// One label to set: a line of a label file (`{"id": …, "field": …, "value": …}`) or one
/// `--set FIELD=VALUE` of `winnow label`, with the value as the store keeps it.
public struct LabelLine: Equatable, Sendable {
    public var line: Int
    public var eventID: String
    /// A `LabelField`'s name, or `correction`.
    public var field: String
    public var value: String

    public init(line: Int, eventID: String, field: String, value: String) {
        self.line = line
        self.eventID = eventID
        self.field = field
        self.value = value
    }
}

/// What `winnow label` did: per line applied, already so, or rejected (with the line and why).
public struct LabelRunSummary: Codable, Sendable, Equatable {
    public var source: String
    public var dryRun: Bool
    public var lines = 0
    public var blank = 0
    /// Lines whose label changed the item.
    public var applied = 0
    /// Lines whose item already had the value (nothing recorded for them).
    public var unchanged = 0
    public var rejected = 0
    /// The actions written, in order: the ids `winnow undo` takes.
    public var actions: [Int64] = []
    /// Claims the labels took and the run let go at its end (see `releaseClaimsTaken`).
    public var claimsReleased = 0
    public var firstRejections: [ImportRejection] = []
    public var rejectsFile: String?

    public init(source: String, dryRun: Bool) {
        self.source = source
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey {
        case source, lines, blank, applied, unchanged, rejected, actions
        case dryRun = "dry_run"
        case claimsReleased = "claims_released"
        case firstRejections = "first_rejections"
        case rejectsFile = "rejects_file"
    }
}

/// Sets labels from outside the queue, through the queue's own write path (`applyLabels`,
/// `setCorrection`): claims, versions, the taxonomy's values, the audit log and undo all apply.
///
/// The lines of one event that follow each other are ONE action (one transaction, one audit action
/// id, one `winnow undo`), labelled in the write path's order, so a locus given after its reasons
/// still comes first; a correction is an action of its own, as in the queue. A line that cannot be
/// read or names a value the taxonomy does not have is rejected alone; an event that cannot be
/// labelled (unknown, claimed by someone else, reasons not of its locus) has all its lines rejected
/// with the reason; the rest is applied.
public final class LabelApplier {
    public static let correctionField = "correction"
    /// Label lines are short; a correction may be long, but not a megabyte.
    public static let maxLineBytes = 1 << 20
    static let firstRejectionsKept = 20

    let store: Store
    let identity: Identity
    /// The audit records' reason.
    let reason: String?
    /// A lead's reason for taking over an item someone else has claimed; without it such an item is refused.
    let takeoverReason: String?
    /// Items whose claim this applier took (the write path claims what it changes), to let go at the end.
    private var claimed: [Int64] = []

    public init(store: Store, identity: Identity, reason: String? = nil, takeoverReason: String? = nil) {
        self.store = store
        self.identity = identity
        self.reason = reason
        self.takeoverReason = takeoverReason
    }

    /// Lets go of the claims the applied labels took on items the reviewer did not hold before, in one
    /// action (`release` records): a command has no session that goes on working the items, and a
    /// file of thousands of labels must not lock them all from the queue for the lease. Returns how many.
    @discardableResult
    public func releaseClaimsTaken() throws -> Int {
        defer { claimed = [] }
        guard !claimed.isEmpty else { return 0 }
        return try store.releaseClaims(claimed, by: identity, reason: "labels set from the command line")
    }

    /// The fields `winnow label` sets.
    public static var fields: [String] { LabelField.allCases.map(\.rawValue) + [correctionField] }

    /// A label file's lines, applied (or, with `dryRun`, only checked); rejected lines go to
    /// `rejectsURL`, else `WORKSPACE/rejects/` (none on a dry run).
    public func run(_ input: ImportInput, dryRun: Bool = false, rejectsURL: URL? = nil) throws -> LabelRunSummary {
        var summary = LabelRunSummary(source: input.name, dryRun: dryRun)
        let rejects = rejectsURL.map { RejectsWriter(url: $0, onExisting: .refuse) }
            ?? (dryRun ? RejectsWriter(url: nil) : RejectsWriter(url: defaultRejectsURL(for: input), onExisting: .pickNewName))
        defer { rejects.close() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var excerpts: [Int: String] = [:]

        // Rejections are written in line order: a line that cannot be read waits for the event
        // whose lines surround it, whose own rejections are known once it is applied.
        var pending: [ImportRejection] = []
        func write(_ rejections: [ImportRejection]) throws {
            for rejection in rejections.sorted(by: { $0.line < $1.line }) {
                summary.rejected += 1
                if summary.firstRejections.count < Self.firstRejectionsKept { summary.firstRejections.append(rejection) }
                try rejects.write(rejection, encoder: encoder)
            }
        }
        var group: [LabelLine] = []
        func reject(_ line: Int, _ reason: String, code: String) throws {
            let rejection = ImportRejection(line: line, code: code, reason: reason, excerpt: excerpts[line] ?? "")
            if group.isEmpty { try write([rejection]) } else { pending.append(rejection) }
        }
        func flush() throws {
            guard !group.isEmpty else { return }
            let outcome = dryRun ? try check(group) : apply(group)
            summary.applied += outcome.applied
            summary.unchanged += outcome.unchanged
            summary.actions += outcome.actions
            try write(pending + outcome.rejected.map { ImportRejection(line: $0.0, code: "refused", reason: $0.1, excerpt: excerpts[$0.0] ?? "") })
            pending = []
            group = []
            excerpts = [:]
        }

        let lines = LineReader(source: input.source, maxLineBytes: Self.maxLineBytes)
        while let next = try lines.next() {
            summary.lines += 1
            let number = lines.lineNumber
            switch next {
            case .tooLong(let bytes):
                try reject(number, RejectReason.lineTooLong(bytes: bytes, limit: Self.maxLineBytes).description, code: "line_too_long")
            case .text(let bytes):
                let text = String(decoding: bytes, as: UTF8.self)
                guard !text.allSatisfy(\.isWhitespace) else { summary.blank += 1; continue }
                switch parse(text, line: number) {
                case .failure(let problem):
                    excerpts[number] = String(text.prefix(160))
                    try reject(number, problem.message, code: problem.code)
                case .success(let label):
                    if let first = group.first, first.eventID != label.eventID { try flush() }
                    excerpts[number] = String(text.prefix(160))
                    group.append(label)
                }
            }
        }
        try flush()
        if !dryRun { summary.claimsReleased = try releaseClaimsTaken() }
        summary.rejectsFile = rejects.writtenURL?.path
        return summary
    }

    public struct LineProblem: Error, Equatable {
        public var code: String
        public var message: String
    }

    /// One line of a label file, its value checked against the workspace's taxonomy.
    public func parse(_ text: String, line: Int) -> Result<LabelLine, LineProblem> {
        let raw: RawLabelLine
        do {
            raw = try JSONDecoder().decode(RawLabelLine.self, from: Data(text.utf8))
        } catch let problem as LineProblem {
            return .failure(problem)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            return .failure(LineProblem(code: "not_object", message: "not a JSON object"))
        } catch {
            return .failure(LineProblem(code: "not_json", message: "not valid JSON"))
        }
        guard let id = raw.id, !id.isEmpty else {
            return .failure(LineProblem(code: "missing_field", message: "`id` must be the event's id, a non-empty string"))
        }
        guard let field = raw.field else {
            return .failure(LineProblem(code: "missing_field", message: "`field` must be one of: \(Self.fields.joined(separator: ", "))"))
        }
        let value: String
        switch raw.value {
        case .text(let text)?: value = text
        case .flag(let flag)? where field == LabelField.trainable.rawValue: value = flag ? "yes" : "no"
        case .codes(let codes)? where field == LabelField.reasons.rawValue: value = codes.joined(separator: ",")
        case nil: return .failure(LineProblem(code: "missing_field", message: "missing `value`"))
        default:
            return .failure(LineProblem(code: "wrong_type", message: field == LabelField.reasons.rawValue
                ? "`value` of reasons must be a string or a list of reason codes" : "`value` must be a string"))
        }
        return check(LabelLine(line: line, eventID: id, field: field, value: value))
    }

    /// A label's field and value checked against the workspace (value as given, not yet canonical).
    public func check(_ label: LabelLine) -> Result<LabelLine, LineProblem> {
        if label.field == Self.correctionField {
            guard !Store.trimmingTrailingWhitespace(label.value).isEmpty else {
                return .failure(LineProblem(code: "bad_value", message: CorrectionError.empty.description))
            }
            return .success(label)
        }
        guard let field = LabelField(rawValue: label.field) else {
            return .failure(LineProblem(code: "unknown_field",
                                        message: "unknown field `\(SafeText.line(label.field))` (expected one of: \(Self.fields.joined(separator: ", ")))"))
        }
        do {
            _ = try store.canonicalValue(field, label.value)
        } catch {
            return .failure(LineProblem(code: "bad_value", message: SafeText.line(String(describing: error))))
        }
        return .success(label)
    }

    public struct GroupOutcome: Equatable, Sendable {
        public var applied = 0
        public var unchanged = 0
        public var actions: [Int64] = []
        /// What the actions changed, in order.
        public var changes: [FieldChange] = []
        /// Line → why.
        public var rejected: [(Int, String)] = []

        public static func == (a: GroupOutcome, b: GroupOutcome) -> Bool {
            a.applied == b.applied && a.unchanged == b.unchanged && a.actions == b.actions
                && a.rejected.map(\.0) == b.rejected.map(\.0) && a.rejected.map(\.1) == b.rejected.map(\.1)
        }
    }

    /// Labels of ONE event (checked lines), applied as one action, its correction as a second.
    public func apply(_ group: [LabelLine]) -> GroupOutcome {
        var outcome = GroupOutcome()
        guard let eventID = group.first?.eventID else { return outcome }
        let (labels, correction, repeated) = split(group)
        for (line, first) in repeated {
            outcome.rejected.append((line, "\(first.field) of \(SafeText.line(eventID)) is already set by line \(first.line)"))
        }
        let kept = group.filter { line in !repeated.contains { $0.0 == line.line } }
        let item: Int64
        do {
            guard let found = try store.itemID(forEvent: eventID) else {
                outcome.rejected += kept.map { ($0.line, "no event with id \(SafeText.line(eventID))") }
                return outcome
            }
            item = found
            let heldBefore = try store.pool.read { try Store.activeHolder(item, now: Clock.nowMillis(), db: $0) }?.reviewer == identity.reviewer
            defer { if !heldBefore { claimed.append(item) } }
            try takeOverIfAsked(item)
        } catch {
            outcome.rejected += kept.map { ($0.line, Self.describe(error)) }
            return outcome
        }
        let labelLines = kept.filter { $0.field != Self.correctionField }
        if !labels.isEmpty {
            do {
                let changes = try store.applyLabels(labels, to: [item], by: identity, reason: reason,
                                                    expectedVersions: try store.versions(of: [item]))
                if let action = changes.actionID { outcome.actions.append(action) }
                outcome.changes += changes.changes
                // A line counts as applied when its own field changed (a locus's followers are its doing).
                let changed = Set(changes.changes.map(\.field))
                for line in labelLines {
                    if changed.contains(line.field) { outcome.applied += 1 } else { outcome.unchanged += 1 }
                }
            } catch {
                outcome.rejected += labelLines.map { ($0.line, Self.describe(error)) }
            }
        }
        if let correction {
            do {
                let current = try store.pool.read { try Store.currentValue(.correction, item: item, db: $0) }
                if current == Store.trimmingTrailingWhitespace(correction.value) {
                    outcome.unchanged += 1
                } else {
                    let changes = try store.setCorrection(correction.value, on: item, by: identity, reason: reason,
                                                          expectedVersions: try store.versions(of: [item]))
                    if let action = changes.actionID { outcome.actions.append(action) }
                    outcome.changes += changes.changes
                    outcome.applied += 1
                }
            } catch {
                outcome.rejected.append((correction.line, Self.describe(error)))
            }
        }
        outcome.rejected.sort { $0.0 < $1.0 }
        return outcome
    }

    /// A dry run's check of one event's lines: they must name a stored event and not repeat a field.
    func check(_ group: [LabelLine]) throws -> GroupOutcome {
        var outcome = GroupOutcome()
        guard let eventID = group.first?.eventID else { return outcome }
        let repeated = split(group).repeated
        for (line, first) in repeated {
            outcome.rejected.append((line, "\(first.field) of \(SafeText.line(eventID)) is already set by line \(first.line)"))
        }
        let kept = group.filter { line in !repeated.contains { $0.0 == line.line } }
        if try store.itemID(forEvent: eventID) == nil {
            outcome.rejected += kept.map { ($0.line, "no event with id \(SafeText.line(eventID))") }
        } else {
            outcome.applied = kept.count
        }
        outcome.rejected.sort { $0.0 < $1.0 }
        return outcome
    }

    private func split(_ group: [LabelLine]) -> (labels: [LabelField: String], correction: LabelLine?, repeated: [(Int, LabelLine)]) {
        var labels: [LabelField: String] = [:]
        var correction: LabelLine?
        var seen: [String: LabelLine] = [:]
        var repeated: [(Int, LabelLine)] = []
        for line in group {
            if let first = seen[line.field] { repeated.append((line.line, first)); continue }
            seen[line.field] = line
            if line.field == Self.correctionField { correction = line } else if let field = LabelField(rawValue: line.field) { labels[field] = line.value }
        }
        return (labels, correction, repeated)
    }

    /// With a takeover reason, an item someone else holds is taken over first (only a lead may; an
    /// audited takeover, as `:takeover` in the queue); without one the write path refuses it.
    private func takeOverIfAsked(_ item: Int64) throws {
        guard let takeoverReason, let holder = try store.pool.read({ try Store.activeHolder(item, now: Clock.nowMillis(), db: $0) }),
              holder.reviewer != identity.reviewer else { return }
        try store.takeOver(item, by: identity, reason: takeoverReason)
    }

    /// The store's message, with the queue's commands it suggests said as this command's options.
    static func describe(_ error: Error) -> String {
        switch error {
        case ClaimError.heldBy: String(describing: error).replacingOccurrences(of: "with :takeover", with: "with --takeover REASON")
        case LabelError.reasonsNeedLocus: String(describing: error).replacingOccurrences(of: "(:locus NAME)", with: "(a locus line for the event, or --set locus=NAME)")
        default: String(describing: error)
        }
    }

    private func defaultRejectsURL(for input: ImportInput) -> URL {
        let base = input.name == "<stdin>" ? "stdin" : URL(fileURLWithPath: input.name).lastPathComponent
        let stamp = RFC3339.format(millis: Clock.nowMillis()).replacingOccurrences(of: ":", with: "")
        return store.workspace.rejectsDirectory.appendingPathComponent("\(base).\(stamp).rejects.jsonl")
    }
}

extension Store {
    /// Releases the reviewer's own active claims on `items` (others' and run-out ones are left alone)
    /// as ONE action, each release audited with `reason`. Returns how many were released.
    @discardableResult
    public func releaseClaims(_ items: [Int64], by identity: Identity, reason: String?, at millis: Int64 = Clock.nowMillis()) throws -> Int {
        try writing { db in
            let action = AuditAction()
            var released = 0
            for item in Set(items).sorted() {
                guard let holder = try Self.activeHolder(item, now: millis, db: db), holder.reviewer == identity.reviewer else { continue }
                try db.cachedStatement(sql: "UPDATE items SET claimed_by = NULL, claim_expires_ms = NULL WHERE id = ?").execute(arguments: [item])
                try AuditLog.append(AuditEntry(action: "release", itemID: item, field: "claim", oldValue: identity.reviewer, newValue: nil,
                                               reason: reason), by: identity, at: millis, action: action, db: db)
                released += 1
            }
            return released
        }
    }

    /// The item of the event with this id, if it is stored.
    public func itemID(forEvent eventID: String) throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT rowid FROM events WHERE id = ?", arguments: [eventID]) }
    }
}

/// A label file's line as written: only `id`, `field` and `value`, each of a JSON type the reader
/// can say it is wrong about.
private struct RawLabelLine: Decodable {
    enum Value: Equatable {
        case text(String), flag(Bool), codes([String]), other
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var id: String?
    var field: String?
    var value: Value?

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys.map(\.stringValue).sorted() where !["id", "field", "value"].contains(key) {
            throw LabelApplier.LineProblem(code: "unknown_key", message: "unknown key `\(SafeText.line(key))` (a line has id, field and value)")
        }
        id = try? container.decode(String.self, forKey: Key(stringValue: "id"))
        field = try? container.decode(String.self, forKey: Key(stringValue: "field"))
        let key = Key(stringValue: "value")
        guard container.contains(key), (try? container.decodeNil(forKey: key)) != true else { return }
        if let text = try? container.decode(String.self, forKey: key) {
            value = .text(text)
        } else if let flag = try? container.decode(Bool.self, forKey: key) {
            value = .flag(flag)
        } else if let codes = try? container.decode([String].self, forKey: key) {
            value = .codes(codes)
        } else {
            value = .other
        }
    }
}
