import Foundation
import GRDB
import WinnowCore
@testable import WinnowStore
import XCTest

/// The dispute queue reads its first page one of two ways, by how many items the `dispute:` term
/// matches: few, looked up by id; many, by walking the queue's order. Both give the same page.
final class DisputeQueuePlanTests: XCTestCase {
    /// The plan and the first page of `dispute:open` as the queue compiles it now.
    private func firstPage(_ ws: TestWorkspace) throws -> (plan: String, ids: [Int64]) {
        let reader = QueueReader(store: ws.store, reviewer: "carol")
        let filter = reader.compile(try FilterQuery.parse("dispute:open"))
        let plan = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT items.id FROM items WHERE \(filter.sql.clause)
                ORDER BY is_open DESC, weight DESC, ts_ms DESC, id DESC LIMIT 5
                """, arguments: filter.sql.arguments).map { $0["detail"] as String }.joined(separator: "; ")
        }
        return (plan, try reader.rows(filter, sort: .queue, after: nil, limit: 5).map(\.id))
    }

    /// Every item in the queue's order, for the expected page.
    private func queueOrder(_ ws: TestWorkspace) throws -> [Int64] {
        let reader = QueueReader(store: ws.store, reviewer: "carol")
        return try reader.rows(reader.compile(FilterQuery()), sort: .queue, after: nil, limit: 1_000).map(\.id)
    }

    private func dispute(_ items: [Int64], in ws: TestWorkspace) throws {
        try ws.store.applyLabel(.severity, value: "S3", to: items, by: alice, at: t0)
        for (index, item) in items.enumerated() {
            try ws.store.raiseDispute(.severity, on: item, reason: "x", by: bo, expectedVersion: 1, at: t0 + Int64(index + 1) * 11 * minute)
        }
    }

    func testFewDisputesAreLookedUpByID() throws {
        let ws = try workspace(100, config: disputeRoster())
        try dispute([7, 40, 81], in: ws)
        let page = try firstPage(ws)
        XCTAssertTrue(page.plan.contains("SEARCH items USING INTEGER PRIMARY KEY"), page.plan)
        XCTAssertFalse(page.plan.contains("SCAN items"), page.plan)
        XCTAssertEqual(page.ids, try queueOrder(ws).filter { [7, 40, 81].contains($0) })
    }

    func testManyDisputesWalkTheQueuesOrderToTheSamePage() throws {
        let ws = try workspace(100, config: disputeRoster())
        let disputed = Array(stride(from: Int64(2), through: 100, by: 3)) // 33 of 100: 33² > 100
        try dispute(disputed, in: ws)
        let page = try firstPage(ws)
        XCTAssertTrue(page.plan.contains("SCAN items USING COVERING INDEX items_queue"), page.plan)
        XCTAssertFalse(page.plan.contains("SEARCH items USING INTEGER PRIMARY KEY"), page.plan)
        XCTAssertEqual(page.ids, Array(try queueOrder(ws).filter { disputed.contains($0) }.prefix(5)))
    }
}
