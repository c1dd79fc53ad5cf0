import Foundation
import GRDB
import XCTest
@testable import WinnowStore

final class BulkCheckpointTests: XCTestCase {
    private func autocheckpoint(_ store: Store) throws -> Int {
        try store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") ?? -1 }
    }

    private func logBytes(_ store: Store) -> Int {
        let log = store.workspace.databaseURL.path + "-wal"
        return (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
    }

    func testAnImportLeavesTheStoreCheckpointingAsItFoundIt() throws {
        let ws = try workspace(3)
        XCTAssertEqual(try autocheckpoint(ws.store), 1000, "SQLite's default before any import")
        _ = try ws.importFile(try ws.file("more.jsonl", eventLine("m1") + "\n" + eventLine("m2")))
        XCTAssertEqual(try autocheckpoint(ws.store), 1000)
        XCTAssertFalse(ws.store.checkpointer.isRunning, "the import's background checkpoints stop with it")

        // An interactive session checkpoints in the background itself; an import keeps that going.
        try ws.store.checkpointInBackground()
        _ = try ws.importFile(try ws.file("later.jsonl", eventLine("l1")))
        XCTAssertEqual(try autocheckpoint(ws.store), 0)
        XCTAssertTrue(ws.store.checkpointer.isRunning)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM events"), 6)
    }

    func testTheLogStaysBoundedWhileTheWriterCommitsWithoutCheckpointing() throws {
        let ws = try workspace(1)
        let pageBytes = 4096 + 24
        let limit = 64
        try ws.store.pool.write { try $0.execute(sql: "CREATE TABLE scratch(body BLOB)") }
        // The background connection waits an hour here: a checkpoint of its own running at the
        // moment the inline one fires would make it give way (busy), and on a loaded machine the
        // log then outgrows any fixed bound. The inline bound alone is what this test is about.
        try ws.store.withBulkCheckpoints(maxLogFrames: limit, backgroundInterval: .seconds(3600)) {
            // 300 commits of about four new pages each: 1,200 pages through the log.
            for _ in 0..<300 {
                try ws.store.pool.write { db in
                    try db.execute(sql: "INSERT INTO scratch VALUES (zeroblob(15000))")
                }
                XCTAssertLessThan(logBytes(ws.store), 3 * limit * pageBytes)
            }
        }
        XCTAssertEqual(try ws.count("SELECT count(*) FROM scratch"), 300)
        XCTAssertEqual(try autocheckpoint(ws.store), 1000)
    }

    func testWithoutTheLimitTheSameWritesWouldGrowTheLog() throws {
        // The bound above comes from the inline checkpoint, not from the size of the writes.
        let ws = try workspace(1)
        try ws.store.pool.write { try $0.execute(sql: "CREATE TABLE scratch(body BLOB)") }
        try ws.store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        for _ in 0..<300 {
            try ws.store.pool.write { try $0.execute(sql: "INSERT INTO scratch VALUES (zeroblob(15000))") }
        }
        XCTAssertGreaterThan(logBytes(ws.store), 3 * 64 * (4096 + 24))
    }
}
