import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class SchemaTests: XCTestCase {
    func testLabelFiltersReadIndexesOfTheLabelledItemsOnly() throws {
        let ws = try workspace(40)
        _ = try ws.store.applyLabel(.severity, value: "S2", to: [3, 7], by: ws.identity)
        _ = try ws.store.applyLabel(.locus, value: "retrieval", to: [7], by: ws.identity)
        _ = try ws.store.applyLabel(.status, value: "triaged", to: [5], by: ws.identity)

        // Filters are case-insensitive, and so are the indexes that serve them.
        XCTAssertEqual(try ws.matching("severity:s2"), [3, 7])
        XCTAssertEqual(try ws.matching("status:triaged"), [5])
        XCTAssertEqual(try ws.matching("status:new").count, 39)
        for (filter, index) in [("severity:s2", "items_by_severity"), ("locus:retrieval", "items_by_locus"),
                                ("owner:search-team", "items_by_owner"), ("status:triaged", "items_by_status")] {
            let detail = try ws.plan(filter)
            XCTAssertTrue(detail.contains(index), "\(filter): \(detail)")
        }
        // Unlabelled items are in no label index; asking for them still answers, in queue order.
        XCTAssertEqual(try ws.matching("severity:none").count, 38)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items INDEXED BY items_by_severity WHERE severity IS NOT NULL"), 2)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items INDEXED BY items_by_locus WHERE locus IS NOT NULL"), 1)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items INDEXED BY items_by_status WHERE status <> 'new'"), 1)
    }

    /// Closes the workspace's store, runs `sql` on the file as another program would, and opens it again.
    private func reopen(_ ws: TestWorkspace, afterRunning sql: String) throws -> Store {
        try ws.store.pool.close()
        let outside = try DatabaseQueue(path: ws.store.workspace.databaseURL.path)
        try outside.write { try $0.execute(sql: sql) }
        try outside.close()
        return try Store.open(ws.store.workspace)
    }

    func testAnIndexWhoseDefinitionChangedIsRebuiltOnOpen() throws {
        let ws = try workspace(5)
        let reopened = try reopen(ws, afterRunning: """
            DROP INDEX items_by_intent;
            CREATE INDEX items_by_intent ON items(intent);
            DROP INDEX items_by_time;
            """)
        let definitions = try reopened.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name LIKE 'items_by_%'")
                .reduce(into: [String: String]()) { $0[$1["name"]] = $1["sql"] }
        }
        for index in Schema.secondaryIndexes where index.name.hasPrefix("items_by_") {
            XCTAssertEqual(definitions[index.name], "CREATE INDEX \(index.name) ON \(index.sql)")
        }
    }

    func testMigrationReplacesFullLabelIndexesWithPartialOnes() throws {
        let ws = try workspace(5)
        // The workspace as the previous version left it: full label indexes, FTS5's default buffer.
        let reopened = try reopen(ws, afterRunning: """
            DROP INDEX items_by_severity;
            CREATE INDEX items_by_severity ON items(severity, is_open DESC, weight DESC, ts_ms DESC, id DESC);
            DELETE FROM events_fts_config WHERE k = 'hashsize';
            DELETE FROM grdb_migrations WHERE identifier = 'v4-partial-label-indexes-fts-hash';
            """)
        try reopened.pool.read { db in
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'items_by_severity'")
            XCTAssertTrue(definition?.contains("WHERE severity IS NOT NULL") == true, definition ?? "missing")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT v FROM events_fts_config WHERE k = 'hashsize'"),
                           FullTextIndex.pendingTermBytes)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'refund'"), 5)
        }
    }

    func testMigrationRebuildsTheFullTextIndexWithoutColumnSizes() throws {
        let ws = try workspace(5)
        // The index as the previous version made it: column sizes kept, FTS5's default merging.
        let reopened = try reopen(ws, afterRunning: """
            DROP TABLE events_fts;
            CREATE VIRTUAL TABLE events_fts USING fts5(
                prompt, response, correction, content='events', content_rowid='rowid',
                tokenize='unicode61 remove_diacritics 2');
            INSERT INTO events_fts(events_fts) VALUES('rebuild');
            DELETE FROM grdb_migrations WHERE identifier = 'v6-fts-without-column-sizes';
            """)
        try reopened.pool.read { db in
            XCTAssertFalse(try db.tableExists("events_fts_docsize"))
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT v FROM events_fts_config WHERE k = 'automerge'"),
                           FullTextIndex.segmentsMergedTogether)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT v FROM events_fts_config WHERE k = 'hashsize'"),
                           FullTextIndex.pendingTermBytes)
            // Rebuilt from the events by the open that migrated it.
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'refund'"), 5)
        }
        try reopened.pool.write { db in
            XCTAssertNoThrow(try db.execute(sql: "INSERT INTO events_fts(events_fts) VALUES('integrity-check')"))
        }
    }
}
