import Foundation
import GRDB
import WinnowCore
import XCTest
@testable import WinnowStore

/// A large import drops the queue indexes only while nobody else has the workspace open; the
/// indexes are observed during the import, from a connection of the test's own, not after it.
final class ImportAlongsideReviewersTests: XCTestCase {
    private func secondaryIndexes(_ db: Database) throws -> Set<String> {
        let names = Set(Schema.secondaryIndexes.map(\.name))
        return try String.fetchSet(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index'").intersection(names)
    }

    /// A large-import run (every input counts as large) of 100 events in batches of 7, calling
    /// `duringImport` after each batch is handed to the writer.
    private func largeImport(_ ws: TestWorkspace, into store: Store? = nil,
                             duringImport: @escaping () throws -> Void) throws -> ImportSummary {
        let path = try ws.file("b.jsonl", (1...100).map { eventLine("b\($0)") }.joined(separator: "\n"))
        var options = ImportOptions()
        options.bulkIndexThresholdBytes = 10
        options.batchSize = 7
        var failure: Error?
        let summary = try EventImporter(store: store ?? ws.store, identity: ws.identity)
            .run(try ImportInput.open(path: path, format: nil), options: options) { _ in
                do { try duringImport() } catch { failure = failure ?? error }
            }
        if let failure { throw failure }
        return summary
    }

    func testAloneALargeImportDropsTheIndexesDuringTheLoadAndRebuildsThemAfter() throws {
        let ws = try TestWorkspace()
        // An observer outside the store: a plain connection, which takes no workspace lock.
        let observer = try DatabaseQueue(path: ws.store.workspace.databaseURL.path)
        var observed: [Set<String>] = []
        let summary = try largeImport(ws) { observed.append(try observer.read(self.secondaryIndexes)) }
        XCTAssertEqual(summary.imported, 100)
        XCTAssertEqual(summary.indexes, .rebuilt)
        XCTAssertEqual(observed.count, 15, "one observation per batch")
        XCTAssertEqual(observed, Array(repeating: [], count: observed.count), "no secondary index during the load")
        XCTAssertEqual(try observer.read(secondaryIndexes), Set(Schema.secondaryIndexes.map(\.name)), "all rebuilt after")
    }

    func testALargeImportKeepsTheIndexesOfAReviewerWhoHasTheWorkspaceOpen() throws {
        let ws = try TestWorkspace()
        let reviewer = try Store.open(ws.store.workspace)
        let importer = try Store.open(ws.store.workspace)
        let queue = QueueReader(store: reviewer, reviewer: "dana")
        let all = queue.compile(try FilterQuery.parse(""))
        var observations = 0
        let summary = try largeImport(ws, into: importer) {
            observations += 1
            try reviewer.pool.read { db in
                XCTAssertEqual(try self.secondaryIndexes(db), Set(Schema.secondaryIndexes.map(\.name)))
                let plan = try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT id FROM items ORDER BY is_open DESC, weight DESC, ts_ms DESC, id DESC LIMIT 20
                    """).map { $0["detail"] as String }.joined(separator: "; ")
                XCTAssertTrue(plan.contains("items_queue"), plan)
                XCTAssertFalse(plan.contains("TEMP B-TREE"), "the queue's first page is read off its index, not sorted: \(plan)")
            }
            // The reviewer's queue answers from the index while the import writes.
            _ = try queue.rows(all, sort: .queue, offset: 0, limit: 20)
        }
        XCTAssertEqual(summary.imported, 100)
        XCTAssertEqual(summary.indexes, .keptForOthers)
        XCTAssertEqual(observations, 15)
        XCTAssertEqual(try queue.count(all).total, 100)
    }

    func testAStoreOpenedDuringABulkLoadWaitsForItAndRebuildsNothingUnderIt() throws {
        let ws = try TestWorkspace()
        let observer = try DatabaseQueue(path: ws.store.workspace.databaseURL.path)
        let messages = Messages()
        let opened = Messages()
        var indexesSeen: [Set<String>] = []
        let summary = try largeImport(ws) {
            if messages.all.isEmpty {
                let workspace = ws.store.workspace
                Thread.detachNewThread {
                    let store = try? Store.open(workspace, announce: { messages.add($0) })
                    opened.add(store == nil ? "failed" : "opened")
                }
                XCTAssertTrue(messages.wait(until: { !$0.isEmpty }, seconds: 30), "the second open says why it waits")
            }
            XCTAssertEqual(opened.all, [], "it waits while the import has the indexes down")
            indexesSeen.append(try observer.read(self.secondaryIndexes))
        }
        XCTAssertEqual(summary.indexes, .rebuilt)
        XCTAssertEqual(indexesSeen, Array(repeating: [], count: 15), "nobody rebuilt the indexes under the import")
        XCTAssertTrue(opened.wait(until: { $0 == ["opened"] }, seconds: 30), "it opens once the import is done")
        XCTAssertEqual(messages.all.count, 1)
        XCTAssertTrue(messages.all[0].hasPrefix("waiting for tester's import of "), messages.all[0])
        XCTAssertTrue(messages.all[0].contains("b.jsonl to finish"), messages.all[0])
    }
}

/// Strings collected from other threads, with a wait for a condition on them.
final class Messages: @unchecked Sendable {
    private let condition = NSCondition()
    private var messages: [String] = []

    func add(_ message: String) {
        condition.lock()
        messages.append(message)
        condition.broadcast()
        condition.unlock()
    }

    var all: [String] {
        condition.lock()
        defer { condition.unlock() }
        return messages
    }

    func wait(until done: ([String]) -> Bool, seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !done(messages) {
            if !condition.wait(until: deadline) { return done(messages) }
        }
        return true
    }
}
