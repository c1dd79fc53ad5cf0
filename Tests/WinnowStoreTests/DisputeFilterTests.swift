import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class DisputeFilterTests: XCTestCase {
    func testTheDisputeQueueIsTheQueueFiltered() throws {
        let ws = try workspace(6, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [2, 4, 5], by: alice, at: t0)
        let open = try ws.store.raiseDispute(.severity, on: 2, reason: "x", proposedValue: "S1", by: bo, at: t0 + 1 * 11 * minute).disputesOpened[0].id
        try ws.store.raiseDispute(.severity, on: 4, reason: "y", by: dana, at: t0 + 2 * 11 * minute)
        let decided = try ws.store.raiseDispute(.severity, on: 5, reason: "z", proposedValue: "S2", by: bo, at: t0 + 3 * 11 * minute).disputesOpened[0].id
        try ws.store.decideDispute(decided, value: "S2", rationale: "r", by: carol, at: t0 + 4 * 11 * minute)
        XCTAssertEqual(try ws.matching("dispute:open"), [2, 4])
        XCTAssertEqual(try ws.matching("dispute:decided"), [5])
        XCTAssertEqual(try ws.matching("dispute:any"), [2, 4, 5])
        XCTAssertEqual(try ws.matching("-dispute:any"), [1, 3, 6])
        XCTAssertEqual(try ws.matching("dispute:Open severity:S3"), [2, 4])

        // `mine`: open disputes the reviewer neither raised nor judged.
        func mine(_ reviewer: String) throws -> [Int64] {
            let sql = FilterSQL(try FilterQuery.parse("dispute:mine"), reviewer: reviewer, now: 0)
            return try ws.store.pool.read { db in
                try Int64.fetchAll(db, sql: "SELECT items.id FROM items WHERE \(sql.clause) ORDER BY id", arguments: sql.arguments)
            }
        }
        XCTAssertEqual(try mine("carol"), [2, 4])
        XCTAssertEqual(try mine("dana"), [2], "dana raised the dispute on 4")
        XCTAssertEqual(try mine("alice"), [], "alice's labels are disputed in both")

        let reader = QueueReader(store: ws.store, reviewer: "carol")
        let rows = try reader.rows(reader.compile(try FilterQuery.parse("dispute:open")), sort: .queue, after: nil, limit: 10)
        XCTAssertEqual(Set(rows.map(\.id)), [2, 4])
        XCTAssertEqual(rows.map(\.openDisputes), [1, 1])
        XCTAssertEqual(try reader.detail(id: 5)?.row.openDisputes, 0)
        XCTAssertEqual(try reader.detail(id: 2)?.row.openDisputes, 1)
        _ = open
    }

    func testTheDisputeFilterReadsTheDisputesIndexAndItemsByKey() throws {
        let ws = try workspace(40, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [7], by: alice, at: t0)
        try ws.store.raiseDispute(.severity, on: 7, reason: "x", by: bo, at: t0 + 1 * 11 * minute)
        for filter in ["dispute:open", "dispute:decided", "dispute:any"] {
            let plan = try ws.plan(filter)
            XCTAssertTrue(plan.contains("SEARCH items USING INTEGER PRIMARY KEY"), "\(filter): \(plan)")
            XCTAssertTrue(plan.contains("USING COVERING INDEX disputes_by_state") || plan.contains("USING COVERING INDEX disputes_by_item"),
                          "\(filter): \(plan)")
            XCTAssertFalse(plan.contains("SCAN items"), "\(filter): \(plan)")
        }
    }

    func testTheLanguageRefusesUnknownDisputeValues() throws {
        XCTAssertThrowsError(try FilterQuery.parse("dispute:maybe")) { error in
            XCTAssertEqual(String(describing: error), "unknown dispute filter `maybe` (open, decided, any, mine)")
        }
        XCTAssertThrowsError(try FilterQuery.parse("dispute:op*")) { error in
            XCTAssertEqual(String(describing: error), "`dispute:` takes open, decided, any, mine, not a prefix")
        }
        XCTAssertEqual(try FilterQuery.parse("-dispute:open").canonicalText, "-dispute:open")
    }
}
