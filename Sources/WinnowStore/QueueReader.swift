import Foundation
import GRDB
import GRDBSQLite
import WinnowCore

/// Reads the queue by key: windows of rows, counts and single items, never the whole table.
public final class QueueReader: Sendable {
    public let store: Store
    public let reviewer: String

    public init(store: Store, reviewer: String) {
        self.store = store
        self.reviewer = reviewer
    }

    /// A compiled filter (parse once per filter change).
    public struct Filter: Sendable {
        /// For pages: the order's first rows.
        let sql: FilterSQL
        /// For counts, which visit every match: disputed items looked up by id however many.
        let counting: FilterSQL
        public let query: FilterQuery
    }

    public func compile(_ query: FilterQuery, now: Int64 = Clock.nowMillis()) -> Filter {
        let counting = FilterSQL(query, reviewer: reviewer, now: now)
        let many = manyDisputes(query)
        return Filter(sql: many.isEmpty ? counting : FilterSQL(query, reviewer: reviewer, now: now, manyDisputes: many),
                      counting: counting, query: query)
    }

    /// The `dispute:` terms of the query that match many items: more than the square root of the
    /// item count, where walking the queue's index (about 60 × items ÷ disputes rows for a first
    /// page) reads fewer rows than looking every disputed item up and sorting them. Measured on a
    /// million items: 10,000 open disputes, 8–14 ms walking against 47 by lookup; 5 disputes,
    /// 2 ms by lookup against 100 walking. Two index counts, read only when the query has such terms.
    private func manyDisputes(_ query: FilterQuery) -> Set<DisputeFilter> {
        let filters = Set(query.terms.filter { $0.field == .dispute }.map { DisputeFilter(rawValue: $0.value.lowercased()) ?? .any })
        guard !filters.isEmpty else { return [] }
        let counts = try? store.pool.read { db -> (items: Int, byState: [String: Int]) in
            let items = try Int.fetchOne(db, sql: "SELECT max(id) FROM items") ?? 0
            var byState: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM disputes GROUP BY state") { byState[row["state"]] = row["n"] }
            return (items, byState)
        }
        guard let counts else { return [] }
        return filters.filter { filter in
            let matching = switch filter {
            case .open, .mine: counts.byState["open", default: 0]
            case .decided: counts.byState["decided", default: 0]
            case .any: counts.byState.values.reduce(0, +)
            }
            return matching * matching > counts.items
        }
    }

    private static let from = "items JOIN events ON events.rowid = items.id"

    public func count(_ filter: Filter) throws -> (total: Int, open: Int) {
        try store.pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS total, coalesce(sum(items.is_open), 0) AS open FROM \(filter.counting.needsEvents ? Self.from : "items")
                WHERE \(filter.counting.clause)
                """, arguments: filter.counting.arguments)
            return (row?["total"] ?? 0, row?["open"] ?? 0)
        }
    }

    /// Up to `limit` rows in sort order, starting after `key` (from the top when nil).
    public func rows(_ filter: Filter, sort: QueueSort, after key: [DatabaseValue]?, limit: Int) throws -> [QueueRow] {
        try fetch(filter, sort: sort, key: key, forward: true, limit: limit)
    }

    /// Up to `limit` rows just before `key` (the last rows when nil), returned in sort order.
    public func rows(_ filter: Filter, sort: QueueSort, before key: [DatabaseValue]?, limit: Int) throws -> [QueueRow] {
        try fetch(filter, sort: sort, key: key, forward: false, limit: limit).reversed()
    }

    private func fetch(_ filter: Filter, sort: QueueSort, key: [DatabaseValue]?, forward: Bool, limit: Int) throws -> [QueueRow] {
        let columns = sort.keyColumns
        let descending = sort.descending == forward
        let direction = descending ? "DESC" : "ASC"
        let (clause, arguments) = Self.after(key, columns: columns, descending: descending, filter: filter)
        let order = columns.map { "\($0) \(direction)" }.joined(separator: ", ")
        return try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(QueueRow.selection) FROM \(Self.from) WHERE \(clause) ORDER BY \(order) LIMIT \(max(0, limit))
                """, arguments: arguments).map(QueueRow.init(row:))
        }
    }

    /// Rows from an absolute position: for re-anchoring when no key is known (a jump, a vanished item).
    public func rows(_ filter: Filter, sort: QueueSort, offset: Int, limit: Int) throws -> [QueueRow] {
        let direction = sort.descending ? "DESC" : "ASC"
        let order = sort.keyColumns.map { "\($0) \(direction)" }.joined(separator: ", ")
        return try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(QueueRow.selection) FROM \(Self.from) WHERE \(filter.sql.clause) ORDER BY \(order)
                LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """, arguments: filter.sql.arguments).map(QueueRow.init(row:))
        }
    }

    /// The ids and versions of the rows at queue positions `offset..<offset + limit`, in one query:
    /// what a range mark records, so a bulk action on the marks is checked against what was marked.
    public func versions(_ filter: Filter, sort: QueueSort, offset: Int, limit: Int) throws -> [Int64: Int] {
        let direction = sort.descending ? "DESC" : "ASC"
        let order = sort.keyColumns.map { "\($0) \(direction)" }.joined(separator: ", ")
        return try store.pool.read { db in
            var versions: [Int64: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT items.id, items.version FROM \(filter.sql.needsEvents ? Self.from : "items") WHERE \(filter.sql.clause)
                ORDER BY \(order) LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """, arguments: filter.sql.arguments)
            while let row = try rows.next() { versions[row[0]] = row[1] }
            return versions
        }
    }

    /// The same rows, but only if SQLite finds them within `budget` seconds: a filter that matches
    /// almost nothing must scan far before its first page can say so, and a keystroke may not wait
    /// for that. Nil when the budget ran out (the query is interrupted, nothing is kept).
    public func rows(_ filter: Filter, sort: QueueSort, offset: Int, limit: Int, budget: Double) throws -> [QueueRow]? {
        let direction = sort.descending ? "DESC" : "ASC"
        let order = sort.keyColumns.map { "\($0) \(direction)" }.joined(separator: ", ")
        return try store.pool.read { db in
            try Self.within(budget, db) {
                try Row.fetchAll(db, sql: """
                    SELECT \(QueueRow.selection) FROM \(Self.from) WHERE \(filter.sql.clause) ORDER BY \(order)
                    LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                    """, arguments: filter.sql.arguments).map(QueueRow.init(row:))
            }
        }
    }

    /// Runs `body` on this connection with a deadline: SQLite's progress handler interrupts the
    /// running statement once `budget` seconds have passed, and then the answer is nil.
    static func within<T>(_ budget: Double, _ db: Database, _ body: () throws -> T) throws -> T? {
        let deadline = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        deadline.pointee = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, budget) * 1e9)
        // Every 1,000 virtual-machine steps (a few microseconds) the handler looks at the clock.
        sqlite3_progress_handler(db.sqliteConnection, 1000, { context in
            guard let context else { return 0 }
            return DispatchTime.now().uptimeNanoseconds > context.assumingMemoryBound(to: UInt64.self).pointee ? 1 : 0
        }, deadline)
        defer {
            sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)
            deadline.deallocate()
        }
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            return nil
        }
    }

    /// The filter plus "strictly after `key` in this direction", as a row-value comparison that the
    /// order's index serves as a range.
    private static func after(_ key: [DatabaseValue]?, columns: [String], descending: Bool, filter: Filter)
        -> (String, StatementArguments) {
        guard let key else { return (filter.sql.clause, filter.sql.arguments) }
        let placeholders = columns.map { _ in "?" }.joined(separator: ", ")
        let clause = filter.sql.clause + " AND (\(columns.joined(separator: ", "))) \(descending ? "<" : ">") (\(placeholders))"
        return (clause, filter.sql.arguments + StatementArguments(key))
    }

    /// How many rows come before `row` in this order: its index in the queue. The order's index
    /// answers it alone (no join) unless the filter reads events' columns.
    public func index(of row: QueueRow, _ filter: Filter, sort: QueueSort) throws -> Int {
        let columns = sort.keyColumns
        let comparison = sort.descending ? ">" : "<"
        return try store.pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM \(filter.sql.needsEvents ? Self.from : "items") WHERE \(filter.sql.clause)
                AND (\(columns.joined(separator: ", "))) \(comparison) (\(columns.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: filter.sql.arguments + StatementArguments(row.key(for: sort))) ?? 0
        }
    }

    /// How many rows lie strictly between `first` and `second` (which comes later in this order):
    /// a position relative to a known one, at a cost that grows with the distance, not the index.
    public func count(_ filter: Filter, sort: QueueSort, between first: [DatabaseValue], and second: [DatabaseValue]) throws -> Int {
        let columns = "(" + sort.keyColumns.joined(separator: ", ") + ")"
        let placeholders = "(" + sort.keyColumns.map { _ in "?" }.joined(separator: ", ") + ")"
        let (after, before) = sort.descending ? ("<", ">") : (">", "<")
        return try store.pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM \(filter.sql.needsEvents ? Self.from : "items") WHERE \(filter.sql.clause)
                AND \(columns) \(after) \(placeholders) AND \(columns) \(before) \(placeholders)
                """, arguments: filter.sql.arguments + StatementArguments(first) + StatementArguments(second)) ?? 0
        }
    }

    /// Which of `ids` the filter matches now: after a change, the marks and the cursor let go of
    /// the items that left the view. One query per chunk of ids, served by the primary key.
    public func matching(_ ids: [Int64], _ filter: Filter) throws -> Set<Int64> {
        try store.pool.read { db in
            var found = Set<Int64>()
            // SQLite binds at most 32,766 parameters per statement; a chunk stays well below.
            for start in stride(from: 0, to: ids.count, by: 10_000) {
                let chunk = Array(ids[start..<min(ids.count, start + 10_000)])
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT items.id FROM \(filter.sql.needsEvents ? Self.from : "items")
                    WHERE items.id IN (\(chunk.map { _ in "?" }.joined(separator: ","))) AND \(filter.sql.clause)
                    """, arguments: StatementArguments(chunk) + filter.sql.arguments)
                found.formUnion(ids)
            }
            return found
        }
    }

    public func row(id: Int64, _ filter: Filter) throws -> QueueRow? {
        try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(QueueRow.selection) FROM \(Self.from) WHERE items.id = ? AND \(filter.sql.clause)",
                             arguments: [id] + filter.sql.arguments).map(QueueRow.init(row:))
        }
    }

    /// The next row (in `forward` direction from `key`) whose texts match a full-text search.
    /// The matches' rowids are gathered once from FTS5 (fast even for hundreds of thousands), then
    /// the queue's order index is walked until one of them comes up: `+items.id` keeps SQLite from
    /// fetching every match by primary key and sorting them all.
    public func nextMatch(_ filter: Filter, sort: QueueSort, search: String, after key: [DatabaseValue]?, forward: Bool)
        throws -> QueueRow? {
        let columns = sort.keyColumns
        let descending = sort.descending == forward
        let direction = descending ? "DESC" : "ASC"
        let (clause, arguments) = Self.after(key, columns: columns, descending: descending, filter: filter)
        let order = columns.map { "\($0) \(direction)" }.joined(separator: ", ")
        let match = FilterSQL.ftsString(search)
        return try store.pool.read { db in
            // Nothing matches anywhere: say so without walking the queue.
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM (\(FilterSQL.matchingRowids)) LIMIT 1", arguments: [match, match]) != nil else {
                return nil
            }
            return try Row.fetchOne(db, sql: """
                SELECT \(QueueRow.selection) FROM \(Self.from)
                WHERE +items.id IN (\(FilterSQL.matchingRowids)) AND \(clause)
                ORDER BY \(order) LIMIT 1
                """, arguments: [match, match] + arguments).map(QueueRow.init(row:))
        }
    }

    /// How many events the full-text index matches (no filter), counting no further than `limit`:
    /// a common word's hundreds of thousands of matches need not be counted to know they are many.
    public func matchCount(search: String, limit: Int) throws -> Int {
        try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(FilterSQL.matchingRowids) LIMIT ?)",
                             arguments: [FilterSQL.ftsString(search), FilterSQL.ftsString(search), max(0, limit)]) ?? 0
        }
    }

    /// The nearest row (in `forward` direction from `key`) whose texts match, found by walking the
    /// order's index and asking FTS5 about each row in turn: for a common word the next match is a
    /// few rows away, and nothing is gathered. Nil when none matches or the `budget` (seconds) ran
    /// out first; `exhausted` tells which.
    public func nearMatch(_ filter: Filter, sort: QueueSort, search: String, after key: [DatabaseValue]?, forward: Bool,
                          budget: Double) throws -> (row: QueueRow?, exhausted: Bool) {
        let columns = sort.keyColumns
        let descending = sort.descending == forward
        let direction = descending ? "DESC" : "ASC"
        let (clause, arguments) = Self.after(key, columns: columns, descending: descending, filter: filter)
        let order = columns.map { "\($0) \(direction)" }.joined(separator: ", ")
        return try store.pool.read { db in
            guard let found = try Self.within(budget, db, {
                try Row.fetchOne(db, sql: """
                    SELECT \(QueueRow.selection) FROM \(Self.from)
                    WHERE \(clause) AND (EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH ? AND events_fts.rowid = items.id)
                        OR EXISTS (SELECT 1 FROM corrections_fts WHERE corrections_fts MATCH ? AND corrections_fts.rowid = items.id))
                    ORDER BY \(order) LIMIT 1
                    """, arguments: arguments + [FilterSQL.ftsString(search), FilterSQL.ftsString(search)]).map(QueueRow.init(row:))
            }) else { return (nil, false) }
            return (found, true)
        }
    }

    /// The matching rows that pass the filter, in queue order, as (position key, id): for a small
    /// match set, `n` and `N` then need no query at all.
    /// Only the key columns are read (no prompt text, no join unless the filter needs one).
    public func matchKeys(_ filter: Filter, sort: QueueSort, search: String) throws -> [(key: [Double], id: Int64)] {
        let direction = sort.descending ? "DESC" : "ASC"
        let columns = sort.keyColumns
        let order = columns.map { "\($0) \(direction)" }.joined(separator: ", ")
        return try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT items.id, \(columns.joined(separator: ", ")) FROM \(filter.sql.needsEvents ? Self.from : "items")
                WHERE items.id IN (\(FilterSQL.matchingRowids)) AND \(filter.sql.clause)
                ORDER BY \(order)
                """, arguments: [FilterSQL.ftsString(search), FilterSQL.ftsString(search)] + filter.sql.arguments)
                .map { row in
                    // Columns 1… are the order's key, all numeric (is_open, weight, ts_ms, id).
                    (key: (1...columns.count).map { row[$0] as Double }, id: row[0] as Int64)
                }
        }
    }

    public func detail(id: Int64) throws -> ItemDetail? {
        try store.pool.read { db in
            guard let r = try Row.fetchOne(db, sql: """
                SELECT \(QueueRow.selection), events.id AS event_id, events.ts AS event_ts, events.prompt AS full_prompt,
                    events.response, events.correction, events.request_id, events.user_id, events.cohort, events.channel,
                    events.page, events.escalation_reason, events.csat, events.model_version, events.prompt_version,
                    events.policy_pack, events.sources, events.tool_calls,
                    items.locus, items.reasons, items.trainable,
                    items.correction AS accepted_correction, items.correction_state
                FROM \(Self.from) WHERE items.id = ?
                """, arguments: [id]) else { return nil }
            let decoder = JSONDecoder()
            let sources = (r["sources"] as String?).flatMap { try? decoder.decode([String].self, from: Data($0.utf8)) } ?? []
            let tools = (r["tool_calls"] as String?).flatMap { try? decoder.decode([ToolCall].self, from: Data($0.utf8)) } ?? []
            let reasons = (r["reasons"] as String?).flatMap { try? decoder.decode([String].self, from: Data($0.utf8)) } ?? []
            return ItemDetail(
                row: QueueRow(row: r), eventID: r["event_id"], timestamp: r["event_ts"], prompt: r["full_prompt"], response: r["response"],
                arrivedCorrection: r["correction"], correction: r["accepted_correction"],
                correctionState: r["correction_state"], requestID: r["request_id"], userID: r["user_id"], cohort: r["cohort"],
                channel: r["channel"], page: r["page"], escalationReason: r["escalation_reason"], csat: r["csat"],
                modelVersion: r["model_version"], promptVersion: r["prompt_version"], policyPack: r["policy_pack"],
                sources: sources, toolCalls: tools, locus: r["locus"], reasons: reasons, trainable: r["trainable"],
                canonicalID: r["canonical_id"])
        }
    }

    /// The first open item in this order (under the filter) that nobody, the reviewer included,
    /// holds by an active claim. It walks the order's index from the top and stops at the first
    /// unclaimed row, which is usually near the top. `excluding`: items the reviewer passed over.
    public func nextUnclaimed(_ filter: Filter, sort: QueueSort, excluding: Set<Int64> = [],
                              now: Int64 = Clock.nowMillis()) throws -> QueueRow? {
        let direction = sort.descending ? "DESC" : "ASC"
        let order = sort.keyColumns.map { "\($0) \(direction)" }.joined(separator: ", ")
        let skipped = excluding.sorted()
        let skipping = skipped.isEmpty ? "" : " AND items.id NOT IN (\(skipped.map { _ in "?" }.joined(separator: ",")))"
        return try store.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(QueueRow.selection) FROM \(Self.from)
                WHERE items.is_open = 1 AND (items.claimed_by IS NULL OR items.claim_expires_ms <= ?)\(skipping) AND \(filter.sql.clause)
                ORDER BY \(order) LIMIT 1
                """, arguments: StatementArguments([now] + skipped) + filter.sql.arguments).map(QueueRow.init(row:))
        }
    }

    /// Changes whenever any process commits to the workspace (the database and its WAL file change).
    public func changeStamp() -> String {
        let paths = [store.workspace.databaseURL.path, store.workspace.databaseURL.path + "-wal"]
        return paths.map { path -> String in
            var info = stat()
            guard stat(path, &info) == 0 else { return "-" }
            return "\(info.st_size):\(info.st_mtim.tv_sec):\(info.st_mtim.tv_nsec)"
        }.joined(separator: "|")
    }
}

public enum Clock {
    public static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
