import Foundation
import GRDB
import GRDBSQLite
import WinnowCore

/// One way an item's stored state and the audit log disagree.
public struct StateDrift: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The stored value is not the one replaying the log gives.
        case value
        /// Record `seq` changes the field from `stored`, but the records before it leave `replayed`:
        /// a record between them is missing, or the value was changed without one.
        case gap(seq: Int64)
        /// Records about an item that does not exist (the first one's seq).
        case noSuchItem(seq: Int64)
    }

    public var item: Int64
    /// The field as the audit log names it (`severity`, `canonical`…), or `is_open`, `cluster_size`.
    public var field: String
    public var stored: String?
    public var replayed: String?
    public var kind: Kind

    public var description: String {
        let stored = ConcurrencyError.shown(self.stored), replayed = ConcurrencyError.shown(self.replayed)
        switch kind {
        case .value:
            return "item #\(item) \(field) is \(stored), but replaying the audit log gives \(replayed) "
                + "(changed without an audit record, or its record was removed)"
        case .gap(let seq):
            return "item #\(item) \(field): record #\(seq) changes it from \(stored), but the records before it leave \(replayed) "
                + "(a record is missing, or the value was changed without one)"
        case .noSuchItem(let seq):
            return "item #\(item) does not exist, but record #\(seq) and any after it change its \(field)"
        }
    }
}

/// Whether every item's labels, correction and cluster are what replaying the audit log gives.
public struct StateCheck: Equatable, Sendable {
    public var items = 0
    /// Audit records about item fields that were replayed.
    public var records = 0
    /// The first drifts found, in item order (at most the check's limit).
    public var drifts: [StateDrift] = []
    public var driftCount = 0

    public var matches: Bool { driftCount == 0 }
}

/// Replays the audit log item by item and compares each item's stored state with it, in
/// constant memory: the log is read in (item, seq) order through its item index and merged with
/// the items in id order, so only one item's replayed values are held at a time.
///
/// Replayed: severity, status, locus, reasons, owner, trainable, note (the latest accepted
/// judgment, as notes are not cached on the item), correction, correction state and canonical,
/// each from its default (status `new`, the rest none) through every record's old → new; and
/// from those, whether the item is open. `cluster_size` is checked against the members the
/// store holds, whose own canonicals the replay checks.
enum StateReplay {
    /// Replayed fields, in the order of the items query's columns 1…; note last (from judgments).
    static let fields: [ItemField] = [.severity, .status, .locus, .reasons, .owner, .trainable, .correction, .correctionState, .canonical, .note]
    private static let fieldNames: [[UInt8]] = fields.map { Array($0.rawValue.utf8) }

    static func check(_ db: Database, limit: Int = 100) throws -> StateCheck {
        let items = try RowStepper(db, """
            SELECT id, severity, status, locus, reasons, owner, trainable, correction, correction_state, canonical_id,
                   is_open, cluster_size
            FROM items ORDER BY id
            """)
        let names = fields.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        // A round's blind judgment of a label (action `score` or `revise`) is not the item's value.
        let blindActions = JudgmentVisibility.blindAuditActions.sorted().map { "'\($0)'" }.joined(separator: ", ")
        let records = try RowStepper(db, """
            SELECT item_id, seq, field, old_value, new_value FROM audit
            WHERE item_id IS NOT NULL AND field IN (\(names)) AND action NOT IN (\(blindActions)) ORDER BY item_id, seq
            """)
        let notes = try RowStepper(db, """
            SELECT item_id, max(id), value FROM judgments WHERE field = 'note' AND state = 'accepted'
            GROUP BY item_id ORDER BY item_id
            """)
        let clusters = try RowStepper(db, """
            SELECT canonical_id, count(*) FROM items WHERE canonical_id IS NOT NULL GROUP BY canonical_id ORDER BY canonical_id
            """)
        var result = StateCheck()
        func report(_ drift: StateDrift) {
            result.driftCount += 1
            if result.drifts.count < limit { result.drifts.append(drift) }
        }
        let noteIndex = fields.firstIndex(of: .note)!
        let statusIndex = fields.firstIndex(of: .status)!
        let canonicalIndex = fields.firstIndex(of: .canonical)!
        var replayed = [[UInt8]?](repeating: nil, count: fields.count)
        var hasRecords = try records.step()
        var hasNote = try notes.step()
        var hasCluster = try clusters.step()

        /// Reports the records about a missing item (up to `item`, exclusive) and skips them.
        func skipRecords(before item: Int64?) throws {
            while hasRecords, item.map({ records.int64(0) < $0 }) ?? true {
                let missing = records.int64(0)
                let field = records.text(2).map { String(decoding: $0, as: UTF8.self) } ?? "?"
                report(StateDrift(item: missing, field: field, stored: nil, replayed: nil, kind: .noSuchItem(seq: records.int64(1))))
                repeat { hasRecords = try records.step() } while hasRecords && records.int64(0) == missing
            }
        }

        while try items.step() {
            let item = items.int64(0)
            result.items += 1
            for index in replayed.indices { replayed[index] = nil }
            replayed[statusIndex] = Array(ItemStatus.new.rawValue.utf8)
            try skipRecords(before: item)
            while hasRecords && records.int64(0) == item {
                result.records += 1
                if let index = fieldNames.firstIndex(where: { records.equals(2, $0) }) {
                    if !records.equals(3, replayed[index]) {
                        report(StateDrift(item: item, field: fields[index].rawValue, stored: records.string(3),
                                          replayed: replayed[index].map { String(decoding: $0, as: UTF8.self) },
                                          kind: .gap(seq: records.int64(1))))
                    }
                    replayed[index] = records.text(4).map(Array.init)
                }
                hasRecords = try records.step()
            }
            var note: String?
            while hasNote && notes.int64(0) <= item {
                // The value of the row with the highest id, as `Store.currentValue` reads it.
                if notes.int64(0) == item { note = notes.string(2) }
                hasNote = try notes.step()
            }
            var members: Int64 = 0
            while hasCluster && clusters.int64(0) <= item {
                if clusters.int64(0) == item { members = clusters.int64(1) }
                hasCluster = try clusters.step()
            }

            for (index, field) in fields.enumerated() {
                let matches = index == noteIndex ? note.map { Array($0.utf8) } == replayed[index] : items.equals(Int32(index + 1), replayed[index])
                guard !matches else { continue }
                report(StateDrift(item: item, field: field.rawValue, stored: index == noteIndex ? note : items.string(Int32(index + 1)),
                                  replayed: replayed[index].map { String(decoding: $0, as: UTF8.self) }, kind: .value))
            }
            let status = replayed[statusIndex].flatMap { ItemStatus(rawValue: String(decoding: $0, as: UTF8.self)) }
            let open: Int64 = replayed[canonicalIndex] == nil && (status?.isOpen ?? false) ? 1 : 0
            if items.int64(10) != open {
                report(StateDrift(item: item, field: "is_open", stored: items.string(10), replayed: String(open), kind: .value))
            }
            if items.int64(11) != 1 + members {
                report(StateDrift(item: item, field: "cluster_size", stored: items.string(11), replayed: String(1 + members), kind: .value))
            }
        }
        try skipRecords(before: nil)
        return result
    }
}

/// Steps a statement through SQLite's C calls and reads its columns in place: the replay reads
/// every audit record and item, and building a String per value would cost more than the reading.
final class RowStepper {
    private let statement: Statement
    private let stmt: OpaquePointer
    private let connection: OpaquePointer?

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        stmt = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    deinit { sqlite3_reset(stmt) }

    /// Moves to the next row; false at the end.
    func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: connection.map { String(cString: sqlite3_errmsg($0)) })
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }

    /// The column as text (numbers in decimal), nil for NULL.
    func text(_ column: Int32) -> UnsafeRawBufferPointer? {
        guard let pointer = sqlite3_column_text(stmt, column) else { return nil }
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(stmt, column)))
    }

    func string(_ column: Int32) -> String? { text(column).map { String(decoding: $0, as: UTF8.self) } }

    /// Whether the column's text is exactly `bytes` (both NULL counts as equal).
    func equals(_ column: Int32, _ bytes: [UInt8]?) -> Bool {
        let value = text(column)
        guard let value, let bytes else { return value == nil && bytes == nil }
        guard value.count == bytes.count else { return false }
        guard let base = value.baseAddress, !bytes.isEmpty else { return true }
        return bytes.withUnsafeBytes { memcmp(base, $0.baseAddress!, bytes.count) == 0 }
    }
}
