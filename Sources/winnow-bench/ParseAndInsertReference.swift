import ArgumentParser
import Foundation
import GRDB
import WinnowStore

/// The import benchmark's reference: the least work that parses the same JSONL lines and stores
/// them. It reads the mapped file, splits lines, and scans each one once with a minimal JSON
/// scanner (`MinimalEventScanner`: the top-level members, escapes decoded, nested values kept as
/// their text, the timestamp turned into milliseconds); it binds the contract's columns and the
/// raw line through SQLite's C calls into a bare table with no index and no full-text index, with
/// one prepared statement in one transaction (WAL, synchronous=NORMAL, as the store). It validates
/// nothing, checks no duplicate ids and writes no items: it is the floor that the import's real
/// work is measured against.
enum ParseAndInsertReference {
    static let summary = "minimal JSON scan, one prepared statement into a bare table, one transaction"

    /// Column order of the bare table, after `ts_ms` and before `raw`.
    static let members = ["id", "ts", "signal", "prompt", "response", "correction", "request_id", "user_id",
                          "cohort", "channel", "intent", "page", "escalation_reason", "csat", "model_version",
                          "prompt_version", "policy_pack", "sources", "tool_calls"]

    /// Returns the seconds taken to parse and insert every line of `lines` into a new database.
    static func run(lines: URL, database: URL) throws -> Double {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        let queue = try DatabaseQueue(path: database.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
            try db.execute(sql: "CREATE TABLE bare(ts_ms INTEGER, \(members.map { "\($0) TEXT" }.joined(separator: ", ")), raw TEXT)")
        }
        let data = try Data(contentsOf: lines, options: .alwaysMapped)
        let (_, seconds) = try measure {
            try queue.inTransaction { db in
                let placeholders = Array(repeating: "?", count: members.count + 2).joined(separator: ", ")
                let prepared = try db.makeStatement(sql: "INSERT INTO bare VALUES (\(placeholders))")
                let statement = RawStatement(prepared.sqliteStatement, connection: db.sqliteConnection)
                var scanner = MinimalEventScanner(members: members)
                try data.withUnsafeBytes { (file: UnsafeRawBufferPointer) in
                    var start = 0
                    while start < file.count {
                        let end = file[start...].firstIndex(of: 10) ?? file.count
                        let line = UnsafeRawBufferPointer(rebasing: file[start..<end])
                        if !line.isEmpty {
                            try scanner.scan(line) { index, value in
                                if let value { statement.bind(Int32(index + 2), utf8: value) }
                                else { statement.bind(Int32(index + 2), nil as String?) }
                            }
                            statement.bind(1, scanner.timestampMillis)
                            statement.bind(Int32(members.count + 2), utf8: line)
                            try statement.run()
                        }
                        start = end + 1
                    }
                }
                return .commit
            }
        }
        try queue.close()
        return seconds
    }
}

extension ParseAndInsertReference {
    /// Fails unless the reference stored, for every event, the texts and timestamp the import stored:
    /// a reference that parsed less would flatter nothing but itself.
    static func checkSameValues(database: URL, store: URL, events: Int) throws {
        let queue = try DatabaseQueue(path: database.path)
        defer { try? queue.close() }
        let (matched, differing) = try queue.writeWithoutTransaction { db -> (Int, Int) in
            try db.execute(sql: "ATTACH DATABASE ? AS store", arguments: [store.path])
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS same, sum(e.prompt IS NOT b.prompt OR e.response IS NOT b.response
                    OR e.correction IS NOT b.correction OR e.ts_ms IS NOT b.ts_ms OR e.raw IS NOT b.raw) AS differing
                FROM bare b JOIN store.events e ON e.id = b.id
                """)
            let matched: Int = row?["same"] ?? 0
            let differing: Int = row?["differing"] ?? 0
            return (matched, differing)
        }
        guard matched == events, differing == 0 else {
            throw ValidationError("the reference's rows differ from the import's: \(matched) of \(events) matched by id, \(differing) with other values")
        }
    }
}

/// Scans one flat JSON object for the named members in a single pass. It trusts its input (the
/// benchmark wrote it): it checks only enough to find each value's end.
struct MinimalEventScanner {
    private let members: [[UInt8]]
    private var decoded: [UInt8] = []
    private(set) var timestampMillis: Int64?

    init(members: [String]) { self.members = members.map { Array($0.utf8) } }

    struct Malformed: Error {}

    /// Calls `found` with each member's index and its value (string contents unescaped, anything
    /// else as its JSON text), or nil for the members the line lacks.
    mutating func scan(_ line: UnsafeRawBufferPointer, found: (Int, UnsafeRawBufferPointer?) -> Void) throws {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        var present = [Bool](repeating: false, count: members.count)
        timestampMillis = nil
        var i = 0
        func skipSpace() { while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 } }
        func stringEnd(from start: Int) throws -> (end: Int, escaped: Bool) {
            var j = start
            var escaped = false
            while j < bytes.count, bytes[j] != 34 {
                if bytes[j] == 92 { escaped = true; j += 1 }
                j += 1
            }
            guard j < bytes.count else { throw Malformed() }
            return (j, escaped)
        }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { throw Malformed() }
        i += 1
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == 34 else { throw Malformed() }
            let (keyEnd, _) = try stringEnd(from: i + 1)
            let key = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<keyEnd])
            i = keyEnd + 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw Malformed() }
            i += 1
            skipSpace()
            guard i < bytes.count else { throw Malformed() }
            let index = members.firstIndex { $0.elementsEqual(key) }
            if bytes[i] == 34 {
                let (end, escaped) = try stringEnd(from: i + 1)
                let contents = UnsafeRawBufferPointer(rebasing: line[(i + 1)..<end])
                if let index {
                    present[index] = true
                    if escaped {
                        unescape(contents)
                        decoded.withUnsafeBytes { found(index, $0) }
                    } else {
                        found(index, contents)
                    }
                    if index == 1 { timestampMillis = Self.millis(contents) }
                }
                i = end + 1
            } else {
                let start = i
                var depth = 0
                valueEnd: while i < bytes.count {
                    switch bytes[i] {
                    case 34: i = try stringEnd(from: i + 1).end
                    case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"):
                        if depth == 0 { break valueEnd }
                        depth -= 1
                    case UInt8(ascii: ","):
                        if depth == 0 { break valueEnd }
                    default: break
                    }
                    i += 1
                }
                if let index {
                    present[index] = true
                    found(index, UnsafeRawBufferPointer(rebasing: line[start..<i]))
                }
            }
            skipSpace()
            guard i < bytes.count else { throw Malformed() }
            if bytes[i] == UInt8(ascii: "}") { break }
            guard bytes[i] == UInt8(ascii: ",") else { throw Malformed() }
            i += 1
        }
        for (index, isPresent) in present.enumerated() where !isPresent { found(index, nil) }
    }

    /// A JSON string's contents with its escapes decoded into `decoded` (surrogate pairs joined).
    private mutating func unescape(_ contents: UnsafeRawBufferPointer) {
        decoded.removeAll(keepingCapacity: true)
        var j = 0
        var pendingHigh: UInt32?
        func hex(_ at: Int) -> UInt32 {
            guard at + 4 <= contents.count else { return 0xFFFD }
            return UInt32(String(decoding: contents[at..<min(at + 4, contents.count)], as: UTF8.self), radix: 16) ?? 0xFFFD
        }
        while j < contents.count {
            let c = contents[j]
            guard c == 92, j + 1 < contents.count else { decoded.append(c); j += 1; continue }
            let e = contents[j + 1]
            j += 2
            switch e {
            case UInt8(ascii: "n"): decoded.append(10)
            case UInt8(ascii: "t"): decoded.append(9)
            case UInt8(ascii: "r"): decoded.append(13)
            case UInt8(ascii: "b"): decoded.append(8)
            case UInt8(ascii: "f"): decoded.append(12)
            case UInt8(ascii: "u"):
                var code = hex(j)
                j += 4
                if (0xD800..<0xDC00).contains(code) { pendingHigh = code; continue }
                if let high = pendingHigh, (0xDC00..<0xE000).contains(code) {
                    code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                }
                pendingHigh = nil
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: decoded.append(e)
            }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z` as milliseconds since 1970 (days from the civil calendar).
    private static func millis(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard text.count >= 20 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int64 {
            var value: Int64 = 0
            for k in from..<(from + count) { value = value * 10 + Int64(text[k] &- 48) }
            return value
        }
        var year = number(0, 4)
        let month = number(5, 2), day = number(8, 2)
        year -= month <= 2 ? 1 : 0
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        var fraction: Int64 = 0
        if text[19] == UInt8(ascii: "."), text.count >= 23 { fraction = number(20, 3) }
        return ((days * 24 + number(11, 2)) * 60 + number(14, 2)) * 60_000 + number(17, 2) * 1000 + fraction
    }
}
