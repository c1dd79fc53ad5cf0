import Foundation
import GRDB
import GRDBSQLite

/// Items per day and (signal, intent, locus, reasons) over a time range, in one pass over the
/// covering index `items_by_day_slice`. SQLite's GROUP BY sorts every row (about a second for a
/// million), so the rows are counted here instead: each row's four columns are compared as bytes
/// with the groups already seen, and a String is made once per group, not per row.
struct DailySliceCounts {
    struct Group {
        var signal: String
        var intent: String?
        var locus: String?
        var reasons: String?
        var daily: [Int]
    }

    private(set) var groups: [Group] = []

    init(_ db: Database, start: Int64, end: Int64, days: Int) throws {
        let statement = try db.makeStatement(sql: """
            SELECT ts_ms, signal, intent, locus, reasons FROM items WHERE ts_ms >= ? AND ts_ms < ?
            """)
        try statement.setArguments([start, end])
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        // A group's key: each column's bytes and a terminator, 0xFF for NULL (never in UTF-8 text).
        var keys: [[UInt8]] = []
        var indexByHash: [UInt64: [Int]] = [:]
        var key: [UInt8] = []
        key.reserveCapacity(256)
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let day = Int((sqlite3_column_int64(stmt, 0) - start) / 86_400_000)
            guard day >= 0, day < days else { continue }
            key.removeAll(keepingCapacity: true)
            for column in Int32(1)...4 {
                if let text = sqlite3_column_text(stmt, column) {
                    key.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(stmt, column))))
                    key.append(0)
                } else {
                    key.append(0xFF)
                }
            }
            let hash = Self.fnv1a(key)
            if let index = indexByHash[hash]?.first(where: { keys[$0] == key }) {
                groups[index].daily[day] += 1
                continue
            }
            indexByHash[hash, default: []].append(groups.count)
            keys.append(key)
            // By length, not up to a NUL: an event's intent may hold one.
            func text(_ column: Int32) -> String? {
                sqlite3_column_text(stmt, column).map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: Int(sqlite3_column_bytes(stmt, column))), as: UTF8.self)
                }
            }
            var daily = Array(repeating: 0, count: days)
            daily[day] = 1
            groups.append(Group(signal: text(1) ?? "", intent: text(2), locus: text(3), reasons: text(4), daily: daily))
        }
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
