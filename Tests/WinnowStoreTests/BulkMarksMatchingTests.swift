import Foundation
import XCTest
import WinnowCore
@testable import WinnowStore

/// Which marked items a filter still matches after a change: the marks on the others are dropped.
final class BulkMarksMatchingTests: XCTestCase {
    func testMatchingTellsWhichItemsTheFilterStillHoldsAfterAChange() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("m.jsonl", (1...6).map { eventLine("e\($0)", extra: $0 == 4 ? #","cohort":"enterprise""# : "") }
            .joined(separator: "\n")))
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        let open = reader.compile(try FilterQuery.parse("status:open"))
        XCTAssertEqual(try reader.matching([1, 2, 3, 99], open), [1, 2, 3], "an id that is no item matches nothing")

        try ws.store.applyLabel(.status, value: "triaged", to: [1, 3], by: ws.identity, expectedVersions: try ws.store.versions(of: [1, 3]))
        XCTAssertEqual(try reader.matching([1, 2, 3], open), [2])
        XCTAssertEqual(try reader.matching([1, 2, 3], reader.compile(FilterQuery())), [1, 2, 3], "without a filter closed items stay in view")

        // A filter on the event's own columns needs the join.
        let enterprise = reader.compile(try FilterQuery.parse("cohort:enterprise status:open"))
        XCTAssertEqual(try reader.matching([2, 4, 5], enterprise), [4])
        XCTAssertEqual(try reader.matching([], open), [])
    }

    func testMatchingTakesMoreIdsThanOneStatementMayBind() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("m.jsonl", (1...3).map { eventLine("e\($0)") }.joined(separator: "\n")))
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        let ids = [Int64](1...40_000)
        XCTAssertEqual(try reader.matching(ids, reader.compile(FilterQuery())), [1, 2, 3])
    }
}
