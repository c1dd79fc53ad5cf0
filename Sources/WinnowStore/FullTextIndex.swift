import GRDB

/// Keeps `events_fts` in step with `events`. Rows are indexed in bulk after they are inserted
/// (per-row indexing is an order of magnitude slower); `meta.fts_upto` records the last indexed
/// rowid, so an import killed before it caught up is completed by the next open.
enum FullTextIndex {
    /// FTS5 gathers new terms in memory and writes a segment each time they pass this size
    /// (its `hashsize` option; 1 MB by default). Fewer, larger segments cut a bulk build's
    /// merging by about a third, for at most this much memory during an import.
    static let pendingTermBytes = 16 << 20

    /// FTS5 merges a level's segments into one when this many have gathered (its `automerge`
    /// option; 4 by default). A bulk build of a million events then does about a third less
    /// merging, and a search still reads few enough segments to answer in milliseconds.
    static let segmentsMergedTogether = 16

    /// Applies the index's tuning to `table` (the options are stored with the table).
    static func configure(_ db: Database, table: String = "events_fts") throws {
        try db.execute(sql: "INSERT INTO \(table)(\(table), rank) VALUES('hashsize', ?)", arguments: [pendingTermBytes])
        try db.execute(sql: "INSERT INTO \(table)(\(table), rank) VALUES('automerge', ?)", arguments: [segmentsMergedTogether])
    }

    static func indexedUpTo(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto'") ?? 0
    }

    static func setIndexedUpTo(_ rowid: Int64, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_upto', ?)", arguments: [rowid])
    }

    /// Indexes every event above the watermark. An empty index is built with FTS5's `rebuild`,
    /// which is faster than inserting row by row.
    static func catchUp(_ db: Database) throws {
        let upTo = try indexedUpTo(db)
        guard let last = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM events"), last > upTo else { return }
        if upTo == 0 {
            try db.execute(sql: "INSERT INTO events_fts(events_fts) VALUES('rebuild')")
        } else {
            try db.execute(sql: """
                INSERT INTO events_fts(rowid, prompt, response, correction)
                SELECT rowid, prompt, response, correction FROM events WHERE rowid > ?
                """, arguments: [upTo])
        }
        try setIndexedUpTo(last, db)
    }
}
