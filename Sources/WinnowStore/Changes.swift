import Foundation
import GRDB
import WinnowCore

/// One field of one item going from `oldValue` to `newValue` (values as the audit log records them).
public struct FieldChange: Equatable, Sendable {
    public var itemID: Int64
    public var field: String
    public var oldValue: String?
    public var newValue: String?

    public init(itemID: Int64, field: String, oldValue: String?, newValue: String?) {
        self.itemID = itemID
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
    }
}

/// What one action changed, in one transaction: labels, corrections, merges and their undos all
/// come back as this, so undo and redo treat them alike.
public struct ChangeSet: Equatable, Sendable {
    /// "label", "correct", "merge", "unmerge", "undo", "redo".
    public var action: String
    /// Only real changes (old != new), in the order they were written.
    public var changes: [FieldChange]
    /// The audit records the action wrote (its changes and any claims it took), nil when none.
    public var auditSeqs: ClosedRange<Int64>?
    /// The action's id in the audit log (its first record's seq), nil when it recorded nothing.
    public var actionID: Int64? { auditSeqs?.lowerBound }
    /// Items the action targeted that already had the value (nothing recorded for them).
    public var unchanged: Int
    /// Each item the action gave a new version: the version it found, and the one it left. Undoing
    /// the action expects `versionsAfter`, so a change made since by anyone else refuses the undo.
    public var versionsBefore: [Int64: Int]
    public var versionsAfter: [Int64: Int]
    /// Owners a locus change left alone because a reviewer had chosen them by hand (item → owner),
    /// so the message can say why they did not follow the new locus's default.
    public var keptOwners: [Int64: String] = [:]
    /// Disputes the action opened: with `[review] dispute_on_overwrite`, a label that would have
    /// overwritten another reviewer's opens one carrying the new value instead (see `OpenedDispute`).
    public var disputesOpened: [OpenedDispute] = []

    public init(action: String, changes: [FieldChange], auditSeqs: ClosedRange<Int64>?, unchanged: Int,
                versionsBefore: [Int64: Int] = [:], versionsAfter: [Int64: Int] = [:]) {
        self.action = action
        self.changes = changes
        self.auditSeqs = auditSeqs
        self.unchanged = unchanged
        self.versionsBefore = versionsBefore
        self.versionsAfter = versionsAfter
    }

    /// Distinct items whose values changed.
    public var changedItems: Int { Set(changes.map(\.itemID)).count }
    public var isEmpty: Bool { changes.isEmpty }
}

/// The fields one write path changes. The raw value is the judgment's and the audit record's field.
enum ItemField: String, CaseIterable {
    case severity, status, locus, reasons, owner, note, trainable, correction
    case correctionState = "correction_state"
    case canonical

    /// The items column that caches the accepted value (a note lives in judgments only).
    var column: String? {
        switch self {
        case .note: nil
        case .canonical: "canonical_id"
        default: rawValue
        }
    }
}

/// A write refused because another reviewer changed the item since the caller read it.
public enum ConcurrencyError: Error, CustomStringConvertible, Equatable {
    /// `changes` are the latest action's changes to the item, for the message.
    case changedMeanwhile(item: Int64, by: String, fields: [String], changes: [FieldChange] = [])
    /// The caller did not say which version of the item it acted on, so a change made meanwhile
    /// could not be ruled out (a caller's mistake, refused rather than written blind).
    case versionNotSeen(item: Int64)

    public var description: String {
        switch self {
        case .changedMeanwhile(let item, let by, let fields, let changes):
            let what = changes.isEmpty ? fields.joined(separator: ", ")
                : changes.map { "\($0.itemID == item ? "" : "#\($0.itemID) ")\($0.field) \(Self.shown($0.oldValue, of: $0.field)) → \(Self.shown($0.newValue, of: $0.field))" }
                    .joined(separator: ", ")
            let detail = what.isEmpty ? "" : " (\(what))"
            return "#\(item) was changed by \(by) meanwhile\(detail); the fresh state is shown — repeat the action to apply it"
        case .versionNotSeen(let item):
            return "#\(item) was not read before this action, so a change made meanwhile cannot be ruled out; nothing was changed — look at it, then repeat the action"
        }
    }

    /// A label's value as a reviewer reads it (`won't fix`, not `wont_fix`); any other value, or a
    /// note, as quoted by `shown(_:)`.
    static func shown(_ value: String?, of field: String) -> String {
        guard let value, let label = LabelField(rawValue: field), label != .note else { return shown(value) }
        return LabelWording.plain.text(label, value)
    }

    /// A value quoted in the message: its first line, clipped, through the one terminal sanitizer.
    static func shown(_ value: String?) -> String {
        guard let value else { return "none" }
        let line = value.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return SafeText.line(line.count > 40 || line.count < value.count ? String(line.prefix(40)) + "…" : line)
    }
}

/// SQLite stayed busy past the busy timeout: another process holds the write lock.
public struct StoreBusyError: Error, CustomStringConvertible, Equatable {
    public init() {}
    public var description: String {
        "the workspace is busy: another process holds the write lock; nothing was changed, try again"
    }
}

extension Store {
    /// Runs a write transaction, turning a lock that outlasted the busy timeout into `StoreBusyError`.
    func writing<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(updates)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreBusyError()
        }
    }

    /// Runs one action through the one write path, in one transaction: versions checked first (the
    /// whole action refused if any item changed meanwhile), then `body` sets fields via the writer,
    /// which refuses to change an item whose expected version is not in `expectedVersions`.
    /// `versionsFirst`: a change made meanwhile is said before a claim (an undo: no takeover can
    /// make it apply again).
    func change(_ action: String, by identity: Identity, expectedVersions: [Int64: Int], versionsFirst: Bool = false,
                reason: String?, at millis: Int64, _ body: (ChangeWriter) throws -> Void) throws -> ChangeSet {
        try writing { db in
            if versionsFirst { try ChangeWriter.checkVersions(expectedVersions, db: db) }
            // Someone else's claim is the reason a reviewer can do nothing about, so it is said first.
            for item in expectedVersions.keys.sorted() { try Store.refuseIfHeld(item, by: identity, now: millis, db: db) }
            if !versionsFirst { try ChangeWriter.checkVersions(expectedVersions, db: db) }
            let writer = ChangeWriter(store: self, db: db, identity: identity, action: action, reason: reason, at: millis,
                                      expectedVersions: expectedVersions)
            try body(writer)
            return try writer.finish()
        }
    }

    /// The current versions of items (absent ones left out), read in one query: what a caller that
    /// shows or marks items passes back as the versions it acted on.
    public func versions(of items: [Int64]) throws -> [Int64: Int] {
        try pool.read { db in try Self.versions(of: items, db: db) }
    }

    static func versions(of items: [Int64], db: Database) throws -> [Int64: Int] {
        var versions: [Int64: Int] = [:]
        // SQLite binds at most 32,766 parameters per statement; a chunk stays well below.
        for start in stride(from: 0, to: items.count, by: 10_000) {
            let chunk = Array(items[start..<min(items.count, start + 10_000)])
            let rows = try Row.fetchAll(db, sql: "SELECT id, version FROM items WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                                        arguments: StatementArguments(chunk))
            for row in rows { versions[row["id"]] = row["version"] }
        }
        return versions
    }
}

/// Writes field changes inside one transaction: for each changed (item, field) it supersedes the
/// previous accepted judgment, inserts an accepted one, updates the cached column and appends one
/// audit record; each changed item is claimed (or its claim renewed) for the writer, its version
/// bumped once and its `updated_ms` set. Items claimed by someone else are refused, and so is any
/// item the caller did not say it had seen (no expected version): nothing is written blind.
///
/// A cluster's canonical gets a new version whenever its membership changes, so its version also
/// stands for its members: the members a merge or unmerge moves along with their canonical are
/// covered by the canonical's expected version (`moveAlong`).
final class ChangeWriter {
    let store: Store
    let db: Database
    let identity: Identity
    let action: String
    let reason: String?
    let millis: Int64
    /// Every record the action writes, claims included, carries its id.
    let auditAction = AuditAction()
    /// The action name field changes are recorded under: the action's, except inside `recording(as:)`.
    private var recordedAction: String

    private(set) var changes: [FieldChange] = []
    private var touched: [Int64] = []
    private var touchedSet = Set<Int64>()
    private var changedItems = Set<Int64>()
    private var checked = Set<Int64>()
    private var canonicalsToRecount = Set<Int64>()
    private var firstSeq: Int64?
    private var lastSeq: Int64?
    private let expectedVersions: [Int64: Int]
    /// Members moved along with their canonical, whose version covers them.
    private var coveredByCanonical = Set<Int64>()
    /// Items the action changes on grounds other than what its reviewer saw (a round's agreed
    /// value), taken at their version of the moment.
    private var takenAsTheyAre = Set<Int64>()
    private var versionsBefore: [Int64: Int] = [:]
    private var versionsAfter: [Int64: Int] = [:]

    init(store: Store, db: Database, identity: Identity, action: String, reason: String?, at millis: Int64,
         expectedVersions: [Int64: Int]) {
        self.store = store
        self.db = db
        self.identity = identity
        self.action = action
        self.reason = reason
        self.millis = millis
        self.expectedVersions = expectedVersions
        self.recordedAction = action
    }

    /// Records the field changes `body` makes under another action name, within this action: the
    /// labels a round's agreement applies are the item's values, while the action's own `score`
    /// records are blind judgments that the state replay and the blind rule must tell apart.
    func recording<T>(as name: String, _ body: () throws -> T) rethrows -> T {
        let outer = recordedAction
        recordedAction = name
        defer { recordedAction = outer }
        return try body()
    }

    /// Refuses an item the caller did not say it had seen (its version was checked on entry).
    func requireSeen(_ item: Int64) throws {
        guard expectedVersions[item] != nil || coveredByCanonical.contains(item) || takenAsTheyAre.contains(item) else {
            throw ConcurrencyError.versionNotSeen(item: item)
        }
    }

    /// A member of `canonical`'s cluster that the action moves with it: covered by the canonical's
    /// expected version, which every change of membership bumps.
    func moveAlong(_ member: Int64, of canonical: Int64) throws {
        try requireSeen(canonical)
        coveredByCanonical.insert(member)
    }

    /// An item the action may change although its reviewer never saw it: the agreed value of a
    /// completed round item depends on the round's judgments, not on the item's current version.
    func takeAsItIs(_ item: Int64) {
        takenAsTheyAre.insert(item)
    }

    /// Records a change to an item that sets none of its cached fields (a dispute decided on a
    /// rubric dimension, or on the value the item already has): the item is claimed for the
    /// writer and gets its new version like any change, and the record joins the action.
    func recordWithoutField(_ entry: AuditEntry, on item: Int64) throws {
        try requireSeen(item)
        try target(item)
        if changedItems.insert(item).inserted {
            try Store.claimOrRenew(item, by: identity, now: millis, lease: store.leaseMillis, action: auditAction, db: db) { record($0) }
            try bumpVersion(item)
        }
        record(try AuditLog.append(entry, by: identity, at: millis, action: auditAction, db: db))
    }

    /// Appends a record that changes no item (a dispute opened) to the action.
    func append(_ entry: AuditEntry) throws {
        record(try AuditLog.append(entry, by: identity, at: millis, action: auditAction, db: db))
    }

    /// Gives the item its one new version for this action, remembering the version it found.
    private func bumpVersion(_ item: Int64) throws {
        let statement = try db.cachedStatement(sql: "SELECT version FROM items WHERE id = ?")
        guard let before = try Int.fetchOne(statement, arguments: [item]) else { return }
        try db.cachedStatement(sql: "UPDATE items SET version = version + 1, updated_ms = ? WHERE id = ?").execute(arguments: [millis, item])
        versionsBefore[item] = before
        versionsAfter[item] = before + 1
    }

    static func checkVersions(_ expected: [Int64: Int], db: Database) throws {
        for (item, version) in expected.sorted(by: { $0.key < $1.key }) {
            guard let current = try Int.fetchOne(try db.cachedStatement(sql: "SELECT version FROM items WHERE id = ?"), arguments: [item]),
                  current != version else { continue }
            throw try changedMeanwhile(item, db: db)
        }
    }

    /// Who made the item's latest change, and what it was (the last action's audit records). A
    /// round's blind judgments change no version, and naming one here would break the blind.
    static func changedMeanwhile(_ item: Int64, db: Database) throws -> ConcurrencyError {
        // A canonical's version also moves when its cluster gains or loses members (their records).
        // A record whose value stayed (a dispute opened on the value the item has) changed nothing.
        let records = try Row.fetchAll(db, sql: """
            SELECT item_id, reviewer, action_id, field, old_value, new_value FROM audit WHERE seq IN (
                SELECT seq FROM audit WHERE item_id = ? AND field IS NOT NULL
                                        AND action NOT IN ('claim', 'release', 'takeover', 'score', 'revise', 'skip')
                                        AND old_value IS NOT new_value
                UNION ALL SELECT seq FROM audit WHERE field = 'canonical' AND new_value = ?
                UNION ALL SELECT seq FROM audit WHERE field = 'canonical' AND old_value = ?)
            ORDER BY seq DESC LIMIT 50
            """, arguments: [item, String(item), String(item)])
        guard let latest = records.first else {
            return .changedMeanwhile(item: item, by: "another reviewer", fields: [])
        }
        let by: String = latest["reviewer"]
        let lastAction: Int64? = latest["action_id"]
        let same = records.prefix { $0["action_id"] as Int64? == lastAction }
        let changes = same.reversed().map { FieldChange(itemID: $0["item_id"], field: $0["field"], oldValue: $0["old_value"], newValue: $0["new_value"]) }
        return .changedMeanwhile(item: item, by: by, fields: changes.map(\.field), changes: changes)
    }

    /// Refuses an item held by another reviewer's active claim (checked once per item).
    func ensureWritable(_ item: Int64) throws {
        guard checked.insert(item).inserted else { return }
        try Store.refuseIfHeld(item, by: identity, now: millis, db: db)
    }

    /// Claims (or renews the claim on) an item the action works on without setting a field of
    /// it, as a merge's canonical, whose cluster grows: audited as part of the action.
    func claim(_ item: Int64) throws {
        try ensureWritable(item)
        try Store.claimOrRenew(item, by: identity, now: millis, lease: store.leaseMillis, action: auditAction, db: db) { record($0) }
    }

    /// Marks an item as targeted by the action (for the `unchanged` count) and checks its claim.
    func target(_ item: Int64) throws {
        try ensureWritable(item)
        if touchedSet.insert(item).inserted { touched.append(item) }
    }

    /// The accepted value now: the item's column, or for a note the latest accepted judgment.
    func current(_ field: ItemField, of item: Int64) throws -> String? {
        try Store.currentValue(field, item: item, db: db)
    }

    /// Sets one field of one item; returns whether it changed. `reason` overrides the action's.
    @discardableResult
    func set(_ field: ItemField, of item: Int64, to value: String?, reason: String? = nil) throws -> Bool {
        try requireSeen(item)
        try target(item)
        let old = try current(field, of: item)
        guard old != value else { return false }
        let why = reason ?? self.reason
        if changedItems.insert(item).inserted {
            try Store.claimOrRenew(item, by: identity, now: millis, lease: store.leaseMillis, action: auditAction, db: db) { record($0) }
            try bumpVersion(item)
        }
        try Store.recordJudgment(field.rawValue, value: value, item: item, by: identity, at: millis, note: why, db: db)
        switch field {
        case .note:
            break
        case .status:
            let isOpen = try Self.isOpen(status: value, canonical: try current(.canonical, of: item))
            try db.cachedStatement(sql: "UPDATE items SET status = ?, is_open = ? WHERE id = ?").execute(arguments: [value, isOpen, item])
        case .correction:
            // The written correction is searchable: its full-text entry follows it.
            if let old {
                try db.cachedStatement(sql: "INSERT INTO corrections_fts(corrections_fts, rowid, correction) VALUES ('delete', ?, ?)")
                    .execute(arguments: [item, old])
            }
            try db.cachedStatement(sql: "UPDATE items SET correction = ? WHERE id = ?").execute(arguments: [value, item])
            if let value {
                try db.cachedStatement(sql: "INSERT INTO corrections_fts(rowid, correction) VALUES (?, ?)").execute(arguments: [item, value])
            }
        case .canonical:
            let newCanonical = value.flatMap { Int64($0) }
            let isOpen = try Self.isOpen(status: try current(.status, of: item), canonical: value)
            try db.cachedStatement(sql: "UPDATE items SET canonical_id = ?, is_open = ? WHERE id = ?").execute(arguments: [newCanonical, isOpen, item])
            for id in [old.flatMap { Int64($0) }, newCanonical].compactMap({ $0 }) { canonicalsToRecount.insert(id) }
        default:
            try db.cachedStatement(sql: "UPDATE items SET \(field.column!) = ? WHERE id = ?").execute(arguments: [value, item])
        }
        record(try AuditLog.append(AuditEntry(action: recordedAction, itemID: item, field: field.rawValue, oldValue: old, newValue: value,
                                              reason: why), by: identity, at: millis, action: auditAction, db: db))
        changes.append(FieldChange(itemID: item, field: field.rawValue, oldValue: old, newValue: value))
        return true
    }

    /// Open: a status that needs attention, and not merged into another item.
    static func isOpen(status: String?, canonical: String?) throws -> Bool {
        canonical == nil && (status.flatMap(ItemStatus.init(rawValue:))?.isOpen ?? false)
    }

    func record(_ audit: AuditRecord) {
        if firstSeq == nil { firstSeq = audit.seq }
        lastSeq = audit.seq
    }

    /// Recounts the clusters the action touched (each canonical gets a new version: its membership
    /// changed) and returns what it did.
    func finish() throws -> ChangeSet {
        for canonical in canonicalsToRecount.sorted() {
            try db.cachedStatement(sql: """
                UPDATE items SET cluster_size = 1 + (SELECT count(*) FROM items AS m WHERE m.canonical_id = ?) WHERE id = ?
                """).execute(arguments: [canonical, canonical])
            if !changedItems.contains(canonical) { try bumpVersion(canonical) }
        }
        let range = firstSeq.flatMap { first in lastSeq.map { first...$0 } }
        return ChangeSet(action: action, changes: changes, auditSeqs: range,
                         unchanged: touched.filter { !changedItems.contains($0) }.count,
                         versionsBefore: versionsBefore, versionsAfter: versionsAfter)
    }
}

extension Store {
    var leaseMillis: Int64 { Int64(max(1, config.leaseMinutes)) * 60_000 }

    static func recordJudgment(_ field: String, value: String?, item: Int64, by identity: Identity, at millis: Int64,
                               note: String?, db: Database) throws {
        try db.execute(sql: "UPDATE judgments SET state = 'superseded' WHERE item_id = ? AND field = ? AND state = 'accepted'",
                       arguments: [item, field])
        try db.cachedStatement(sql: """
            INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, note)
            VALUES (?, ?, ?, ?, ?, ?, 'accepted', ?)
            """).execute(arguments: [item, field, value, identity.reviewer, identity.osUser, millis, note])
    }

    /// The accepted value now: the item's column, or for a note the latest accepted judgment.
    static func currentValue(_ field: ItemField, item: Int64, db: Database) throws -> String? {
        if let column = field.column {
            let value = try DatabaseValue.fetchOne(try db.cachedStatement(sql: "SELECT \(column) FROM items WHERE id = ?"), arguments: [item])
            switch value?.storage {
            case .string(let text)?: return text
            case .int64(let n)?: return String(n)
            case .double(let d)?: return String(d)
            default: return nil
            }
        }
        return try String.fetchOne(try db.cachedStatement(sql: """
            SELECT value FROM judgments WHERE item_id = ? AND field = ? AND state = 'accepted' ORDER BY id DESC LIMIT 1
            """), arguments: [item, field.rawValue])
    }

    /// Who accepted the current value of a field (for messages), if anyone.
    static func lastChanger(_ field: String, item: Int64, db: Database) throws -> String? {
        try String.fetchOne(try db.cachedStatement(sql: """
            SELECT reviewer FROM judgments WHERE item_id = ? AND field = ? AND state = 'accepted' ORDER BY id DESC LIMIT 1
            """), arguments: [item, field])
    }
}
