import Foundation
import GRDB
import XCTest
@testable import WinnowStore

final class ReadOnlyStoreTests: XCTestCase {
    /// Closes the workspace's store and runs `sql` on the file as another program would.
    private func closeAndRun(_ ws: TestWorkspace, _ sql: String) throws {
        try ws.store.pool.close()
        let outside = try DatabaseQueue(path: ws.store.workspace.databaseURL.path)
        try outside.write { try $0.execute(sql: sql) }
        try outside.close()
    }

    func testAReadOnlyOpenRefusesWritesAndRepairsNothing() throws {
        let ws = try workspace(5)
        // As a killed bulk import leaves it: the queue index dropped, the full-text index behind.
        try closeAndRun(ws, "DROP INDEX items_queue; DELETE FROM meta WHERE key = 'fts_upto';")
        let reader = try Store.openForReading(ws.store.workspace)
        XCTAssertTrue(reader.isReadOnly)
        XCTAssertEqual(try reader.stats().events, 5)
        XCTAssertThrowsError(try reader.pool.write { try $0.execute(sql: "INSERT INTO meta(key, value) VALUES ('x', 'y')") }) { error in
            XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_READONLY, "\(error)")
        }
        try reader.pool.read { db in
            XCTAssertFalse(try db.indexes(on: "items").contains { $0.name == "items_queue" }, "not rebuilt by a reader")
            XCTAssertNil(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fts_upto'"), "not caught up by a reader")
        }
        // A writing open repairs both.
        let writer = try Store.open(ws.store.workspace)
        try writer.pool.read { db in
            XCTAssertTrue(try db.indexes(on: "items").contains { $0.name == "items_queue" })
            XCTAssertNotNil(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fts_upto'"))
        }
    }

    func testAReadOnlyOpenOfAnOlderStoreReadsItOrAsksForAnUpgradeButNeverMigrates() throws {
        let ws = try workspace(3)
        try closeAndRun(ws, "DELETE FROM grdb_migrations WHERE identifier = 'v5-audit-by-cluster'")
        XCTAssertEqual(try Store.openForReading(ws.store.workspace).stats().events, 3, "an index migration readers can do without")
        let outside = try DatabaseQueue(path: ws.store.workspace.databaseURL.path)
        try outside.write { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-corrections-search'") }
        XCTAssertThrowsError(try Store.openForReading(ws.store.workspace)) { error in
            XCTAssertEqual(error as? ReadOnlyOpenError,
                           .needsUpgrade(path: ws.store.workspace.directory.path, migrations: ["v3-corrections-search"]))
            XCTAssertTrue(String(describing: error).hasSuffix("run a writing command (e.g. winnow queue) to upgrade"))
        }
        XCTAssertEqual(try outside.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") },
                       Schema.migrator.migrations.count - 2, "nothing was migrated")
    }

    func testEachMaintenanceStepOfAWritingOpenSaysWhatItDoes() throws {
        let ws = try workspace(3)
        try closeAndRun(ws, "DELETE FROM grdb_migrations WHERE identifier = 'v5-audit-by-cluster'; DROP INDEX audit_into_cluster; DROP INDEX audit_out_of_cluster;")
        let messages = Messages()
        // Every step counts as slow here, so each one's message is heard.
        _ = try Store.open(ws.store.workspace, busyTimeout: 15, notice: SlowStepNotice(after: 0, announce: { messages.add($0) }))
        XCTAssertEqual(messages.all, [
            "upgrading the workspace store (v5-audit-by-cluster) …",
            "upgrading the workspace store (queue indexes) …",
            "upgrading the workspace store (full-text index) …",
            "finding near-duplicates a stopped import left unsearched …",
            "upgrading the workspace store (queue order for the new signal weights) …",
        ])
    }

    func testASlowStepIsAnnouncedAndAFastOneIsNot() throws {
        let messages = Messages()
        let notice = SlowStepNotice(after: 0.05, announce: { messages.add($0) })
        notice.run("slow step …") {
            XCTAssertTrue(messages.wait(until: { $0 == ["slow step …"] }, seconds: 30), "announced while it runs")
        }
        SlowStepNotice(after: 30, announce: { messages.add($0) }).run("fast step …") {}
        XCTAssertEqual(messages.all, ["slow step …"])
    }
}
