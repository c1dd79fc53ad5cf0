import Crypto
import Foundation
import GRDB

/// One entry of the append-only audit log: who (reviewer and OS account), when, what (action,
/// item, field, old → new), why, and the user action it belongs to. Each record's hash covers its
/// fields and the previous record's hash, so changing, removing or reordering any record breaks
/// the chain from there on.
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
    /// The user action the record belongs to: its first record's `seq` (see `AuditAction`).
    public var actionID: Int64
    /// Which fields the hash covers: 1 for records written before action ids existed (their
    /// action id, derived when the column was added, is not covered), 2 since.
    public var hashFormat: Int

    enum CodingKeys: String, CodingKey {
        case seq, reviewer, action, field, reason, hash
        case actionID = "action_id"
        case hashFormat = "hash_format"
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

/// The user action that audit records belong to: a keystroke that labels 30 marked items is one
/// action of 30 label records, plus the claims it took. Its id is the `seq` of its first record,
/// so ids are unique and ordered without a counter of their own. Pass the same one to every
/// `AuditLog.append` of the action (across transactions too, as an import's start and finish).
public final class AuditAction {
    /// Nil until the action's first record is appended.
    public private(set) var id: Int64?

    public init() {}

    fileprivate func assign(firstSeq: Int64) -> Int64 {
        if let id { return id }
        id = firstSeq
        return firstSeq
    }
}

public enum AuditLog {
    /// The `prev_hash` of the first record.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash format new records are written in (see `AuditHashInput`).
    public static let hashFormat = 2

    /// Appends a record in the caller's transaction. Without `action` the record is an action of
    /// its own.
    @discardableResult
    public static func append(_ entry: AuditEntry, by identity: Identity, at millis: Int64 = Clock.nowMillis(),
                              action: AuditAction? = nil, db: Database) throws -> AuditRecord {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"))
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let previous: String = last?["hash"] ?? genesis
        var record = AuditRecord(seq: seq, timestampMillis: millis, reviewer: identity.reviewer, osUser: identity.osUser,
                                 action: entry.action, itemID: entry.itemID, field: entry.field, oldValue: entry.oldValue,
                                 newValue: entry.newValue, reason: entry.reason, previousHash: previous, hash: "",
                                 actionID: action?.assign(firstSeq: seq) ?? seq, hashFormat: hashFormat)
        record.hash = hash(of: record)
        try db.cachedStatement(sql: """
            INSERT INTO audit(seq, ts_ms, reviewer, os_user, action, item_id, field, old_value, new_value, reason, prev_hash, hash,
                              action_id, hash_format)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [record.seq, record.timestampMillis, record.reviewer, record.osUser, record.action,
                             record.itemID, record.field, record.oldValue, record.newValue, record.reason,
                             record.previousHash, record.hash, record.actionID, record.hashFormat])
        return record
    }

    /// SHA-256 over the record's fields, each length-prefixed so no two records serialise alike;
    /// which fields, by the record's hash format (an unknown format hashes to nothing that matches).
    static func hash(of r: AuditRecord) -> String {
        let input = AuditHashInput()
        guard input.begin(format: r.hashFormat) else { return "" }
        input.integer(r.seq)
        input.integer(r.timestampMillis)
        for text in [r.reviewer, r.osUser, r.action] { input.text(text) }
        input.integer(r.itemID)
        for text in [r.field, r.oldValue, r.newValue, r.reason, r.previousHash] { input.text(text) }
        if r.hashFormat == 2 { input.integer(r.actionID) }
        return String(decoding: input.hexDigest(), as: UTF8.self)
    }

    public struct Query: Sendable {
        /// An item's records, and the merges into and out of the cluster it is the canonical of.
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
        try store.pool.read { db in try forEach(query, db: db, body) }
    }

    /// Records in sequence order, read in the caller's transaction.
    static func forEach(_ query: Query, db: Database, _ body: (AuditRecord) throws -> Void) throws {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let item = query.itemID {
            // Spelled as three alternatives so each reads its own index.
            conditions.append("""
                (item_id = ? OR (field = 'canonical' AND new_value = ?) OR (field = 'canonical' AND old_value = ?))
                """)
            arguments += [item, String(item), String(item)]
        }
        if let reviewer = query.reviewer { conditions.append("reviewer = ?"); arguments.append(reviewer) }
        if let since = query.sinceMillis { conditions.append("ts_ms >= ?"); arguments.append(since) }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit \(clause) ORDER BY seq", arguments: StatementArguments(arguments))
        while let row = try rows.next() { try body(record(row)) }
    }

    static func record(_ row: Row) -> AuditRecord {
        let seq: Int64 = row["seq"]
        return AuditRecord(seq: seq, timestampMillis: row["ts_ms"], reviewer: row["reviewer"], osUser: row["os_user"],
                           action: row["action"], itemID: row["item_id"], field: row["field"], oldValue: row["old_value"],
                           newValue: row["new_value"], reason: row["reason"], previousHash: row["prev_hash"], hash: row["hash"],
                           actionID: row["action_id"] ?? seq, hashFormat: row["hash_format"] ?? 1)
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
    /// It reads column bytes through GRDB's raw statement handle, with no per-record strings,
    /// and hashes on a second thread while it reads (`AuditVerifier`), because it runs over
    /// millions of records.
    public static func verify(_ store: Store) throws -> Verification {
        try store.pool.read { db in try AuditVerifier.verify(db) }
    }
}

/// The bytes an audit record's hash covers: each field length-prefixed (big-endian UInt64), a
/// missing one as the single byte 0xFF, integers in decimal. Appending and verifying both build
/// it here, so the two can never disagree on the format.
///
/// Format 1 covers seq, ts_ms, reviewer, os_user, action, item_id, field, old_value, new_value,
/// reason, prev_hash. Format 2 starts with the text `formatTwoTag` (no format-1 record starts
/// with it: its first field is a decimal sequence number), then the same fields, then action_id.
///
/// A class over one raw buffer, reused record after record: `verify` runs it over millions of
/// records, and arrays' generic appends and uniqueness checks cost more than the SHA-256 itself.
final class AuditHashInput {
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0
    /// The last `matches(hex:)` digest, as 64 lowercase hex digits.
    let hex = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)

    init() {
        capacity = 1024
        buffer = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit {
        buffer.deallocate()
        hex.deallocate()
    }

    func reset() { count = 0 }

    static let formatTwoTag = "winnow audit record, format 2"

    /// Starts a record of the given hash format; false for a format this version does not know.
    func begin(format: Int) -> Bool {
        switch format {
        case 1: return true
        case 2: text(Self.formatTwoTag); return true
        default: return false
        }
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var grown = capacity * 2
        while grown < count + extra { grown *= 2 }
        let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
        larger.copyMemory(from: buffer, byteCount: count)
        buffer.deallocate()
        buffer = larger
        capacity = grown
    }

    private func length(_ value: Int) {
        (buffer + count).storeBytes(of: UInt64(value).bigEndian, as: UInt64.self)
        count += 8
    }

    func bytes(_ field: UnsafeRawBufferPointer?) {
        guard let field else {
            reserve(1)
            buffer.storeBytes(of: 0xFF, toByteOffset: count, as: UInt8.self)
            count += 1
            return
        }
        reserve(8 + field.count)
        length(field.count)
        if let base = field.baseAddress, field.count > 0 {
            (buffer + count).copyMemory(from: base, byteCount: field.count)
        }
        count += field.count
    }

    func text(_ field: String?) {
        guard var field else { return bytes(nil) }
        field.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    /// An integer as its decimal text, written straight into the buffer (no String per field).
    func integer(_ value: Int64?) {
        guard let value else { return bytes(nil) }
        var digitCount = 1
        var rest = value.magnitude / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        let textCount = digitCount + (value < 0 ? 1 : 0)
        reserve(8 + textCount)
        length(textCount)
        let text = (buffer + count).assumingMemoryBound(to: UInt8.self)
        if value < 0 { text[0] = UInt8(ascii: "-") }
        var remaining = value.magnitude
        for index in stride(from: textCount - 1, through: textCount - digitCount, by: -1) {
            text[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
        }
        count += textCount
    }

    /// How many bytes it holds: records written one after another without `reset` end at
    /// successive offsets, and `matches(hex:in:)` hashes one of them.
    var byteCount: Int { count }

    /// Writes the SHA-256 of the bytes (or of `range` of them) into `hex` as 64 lowercase hex digits.
    private func digest(_ range: Range<Int>? = nil) {
        let range = range ?? 0..<count
        var hasher = SHA256()
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer + range.lowerBound, count: range.count))
        let digest = hasher.finalize()
        Self.hexDigits.withUnsafeBufferPointer { digits in
            digest.withUnsafeBytes { raw in
                for (index, byte) in raw.enumerated() {
                    hex[2 * index] = digits[Int(byte >> 4)]
                    hex[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
            }
        }
    }

    /// SHA-256 of the bytes, as 64 lowercase hex digits.
    func hexDigest() -> [UInt8] {
        digest()
        return Array(hex)
    }

    /// Whether `stored` is exactly the SHA-256 of the bytes in 64 lowercase hex digits (which
    /// `hex` then holds).
    func matches(hex stored: UnsafeRawBufferPointer?, in range: Range<Int>? = nil) -> Bool {
        digest(range)
        guard let stored, stored.count == 64, let base = stored.baseAddress else { return false }
        return memcmp(base, hex.baseAddress!, 64) == 0
    }
}
