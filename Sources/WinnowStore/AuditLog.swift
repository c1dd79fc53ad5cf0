import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// One entry of the append-only audit log: who (reviewer and OS account), when, what (action,
/// item, field, old → new), why. Each record's hash covers its fields and the previous record's
/// hash, so changing, removing or reordering any record breaks the chain from there on.
public struct AuditRecord: Codable, Sendable, Equatable {
    public var seq: Int64
    public var timestampMillis: Int64
    public var reviewer: String
    public var osUser: String
    public var action: String
    public var itemID: Int64?
    public var field: String?
    public var oldValue: String?
    public var newValue: String?
    public var reason: String?
    public var previousHash: String
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case seq, reviewer, action, field, reason, hash
        case timestampMillis = "ts_ms"
        case osUser = "os_user"
        case itemID = "item_id"
        case oldValue = "old_value"
        case newValue = "new_value"
        case previousHash = "prev_hash"
    }
}

/// What is being recorded; the log assigns the sequence, time and hashes.
public struct AuditEntry: Sendable {
    public var action: String
    public var itemID: Int64?
    public var field: String?
    public var oldValue: String?
    public var newValue: String?
    public var reason: String?

    public init(action: String, itemID: Int64? = nil, field: String? = nil, oldValue: String? = nil,
                newValue: String? = nil, reason: String? = nil) {
        self.action = action
        self.itemID = itemID
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.reason = reason
    }
}

public enum AuditLog {
    /// The `prev_hash` of the first record.
    public static let genesis = String(repeating: "0", count: 64)

    /// Appends a record in the caller's transaction (one user action = one transaction = one record).
    @discardableResult
    public static func append(_ entry: AuditEntry, by identity: Identity, at millis: Int64 = Clock.nowMillis(),
                              db: Database) throws -> AuditRecord {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let previous: String = last?["hash"] ?? genesis
        var record = AuditRecord(seq: seq, timestampMillis: millis, reviewer: identity.reviewer, osUser: identity.osUser,
                                 action: entry.action, itemID: entry.itemID, field: entry.field, oldValue: entry.oldValue,
                                 newValue: entry.newValue, reason: entry.reason, previousHash: previous, hash: "")
        record.hash = hash(of: record)
        try db.execute(sql: """
            INSERT INTO audit(seq, ts_ms, reviewer, os_user, action, item_id, field, old_value, new_value, reason, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.seq, record.timestampMillis, record.reviewer, record.osUser, record.action,
                             record.itemID, record.field, record.oldValue, record.newValue, record.reason,
                             record.previousHash, record.hash])
        return record
    }

    /// SHA-256 over the record's fields, each length-prefixed so no two records serialise alike.
    static func hash(of r: AuditRecord) -> String {
        var hasher = SHA256()
        func feed(_ value: String?) {
            guard let value else {
                hasher.update(data: [0xFF])
                return
            }
            var length = UInt64(value.utf8.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            var text = value
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        feed(String(r.seq))
        feed(String(r.timestampMillis))
        feed(r.reviewer)
        feed(r.osUser)
        feed(r.action)
        feed(r.itemID.map(String.init))
        feed(r.field)
        feed(r.oldValue)
        feed(r.newValue)
        feed(r.reason)
        feed(r.previousHash)
        return hex(hasher.finalize())
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public struct Query: Sendable {
        public var itemID: Int64?
        public var reviewer: String?
        public var sinceMillis: Int64?
        public init(itemID: Int64? = nil, reviewer: String? = nil, sinceMillis: Int64? = nil) {
            self.itemID = itemID
            self.reviewer = reviewer
            self.sinceMillis = sinceMillis
        }
    }

    /// Records in sequence order, streamed to `body` (the log can hold millions).
    public static func forEach(_ query: Query, in store: Store, _ body: (AuditRecord) throws -> Void) throws {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let item = query.itemID { conditions.append("item_id = ?"); arguments.append(item) }
        if let reviewer = query.reviewer { conditions.append("reviewer = ?"); arguments.append(reviewer) }
        if let since = query.sinceMillis { conditions.append("ts_ms >= ?"); arguments.append(since) }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        try store.pool.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit \(clause) ORDER BY seq", arguments: StatementArguments(arguments))
            while let row = try rows.next() { try body(record(row)) }
        }
    }

    static func record(_ row: Row) -> AuditRecord {
        AuditRecord(seq: row["seq"], timestampMillis: row["ts_ms"], reviewer: row["reviewer"], osUser: row["os_user"],
                    action: row["action"], itemID: row["item_id"], field: row["field"], oldValue: row["old_value"],
                    newValue: row["new_value"], reason: row["reason"], previousHash: row["prev_hash"], hash: row["hash"])
    }

    public struct Verification: Sendable, Equatable {
        public var records: Int
        /// The first record that does not match, and why; nil when the whole chain holds.
        public var firstBroken: (seq: Int64, reason: String)?

        public static func == (a: Verification, b: Verification) -> Bool {
            a.records == b.records && a.firstBroken?.seq == b.firstBroken?.seq && a.firstBroken?.reason == b.firstBroken?.reason
        }
    }

    /// Recomputes every hash and link, in order, and names the first record that does not match.
    /// The serialisation is the same as `hash(of:)`; this loop reads column bytes through GRDB's
    /// raw statement handle, with no per-record allocation, because it runs over millions of records.
    public static func verify(_ store: Store) throws -> Verification {
        try store.pool.read { db in
            let statement = try db.makeStatement(sql: """
                SELECT seq, ts_ms, reviewer, os_user, action, item_id, field, old_value, new_value, reason, prev_hash, hash
                FROM audit ORDER BY seq
                """)
            let stmt = statement.sqliteStatement
            defer { sqlite3_reset(stmt) }
            var count = 0
            var previous = [UInt8](genesis.utf8)
            var computed = [UInt8](repeating: 0, count: 64)
            var expectedSeq: Int64 = 1
            var digits = [UInt8](repeating: 0, count: 24)
            var scratch: [UInt8] = []
            scratch.reserveCapacity(4096)
            while true {
                let rc = sqlite3_step(stmt)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                count += 1
                let seq = sqlite3_column_int64(stmt, 0)
                if seq != expectedSeq {
                    return Verification(records: count, firstBroken: (seq, "sequence jumps from \(expectedSeq - 1) to \(seq): records are missing"))
                }
                // The record's bytes, as `hash(of:)` feeds them, gathered into one buffer and hashed once.
                scratch.removeAll(keepingCapacity: true)
                func append(_ bytes: UnsafeRawBufferPointer) {
                    var length = UInt64(bytes.count).bigEndian
                    withUnsafeBytes(of: &length) { scratch.append(contentsOf: $0) }
                    scratch.append(contentsOf: bytes)
                }
                func appendInteger(_ column: Int32) {
                    if sqlite3_column_type(stmt, column) == SQLITE_NULL { scratch.append(0xFF); return }
                    let value = sqlite3_column_int64(stmt, column)
                    var v = value.magnitude
                    var i = digits.count
                    repeat {
                        i -= 1
                        digits[i] = UInt8(48 + v % 10)
                        v /= 10
                    } while v > 0
                    if value < 0 { i -= 1; digits[i] = 45 }
                    digits[i...].withUnsafeBytes { append($0) }
                }
                func text(_ column: Int32) -> UnsafeRawBufferPointer? {
                    guard sqlite3_column_type(stmt, column) != SQLITE_NULL, let pointer = sqlite3_column_text(stmt, column) else { return nil }
                    return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(stmt, column)))
                }
                func appendText(_ column: Int32) {
                    if let bytes = text(column) { append(bytes) } else { scratch.append(0xFF) }
                }
                appendInteger(0)
                appendInteger(1)
                for column: Int32 in 2...4 { appendText(column) }
                appendInteger(5)
                for column: Int32 in 6...10 { appendText(column) }
                guard let link = text(10), previous.withUnsafeBytes({ $0.elementsEqual(link) }) else {
                    return Verification(records: count, firstBroken: (seq, "its prev_hash does not match record \(seq - 1)'s hash"))
                }
                var hasher = SHA256()
                scratch.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                let digest = hasher.finalize()
                var i = 0
                for byte in digest {
                    computed[i] = hexDigits[Int(byte >> 4)]
                    computed[i + 1] = hexDigits[Int(byte & 0x0F)]
                    i += 2
                }
                guard let stored = text(11), computed.withUnsafeBytes({ $0.elementsEqual(stored) }) else {
                    return Verification(records: count, firstBroken: (seq, "its content does not match its hash: the record was changed"))
                }
                swap(&previous, &computed)
                expectedSeq = seq + 1
            }
            return Verification(records: count, firstBroken: nil)
        }
    }
}
