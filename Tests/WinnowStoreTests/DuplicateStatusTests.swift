import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Merged duplicates are `duplicate` in the filters, never `new`, and the filter stays index-backed.
final class DuplicateStatusTests: XCTestCase {
    func testStatusDuplicateMatchesMergedItemsAndTheirOwnStatusNoLonger() throws {
        let ws = try workspace(6)
        try ws.store.applyLabel(.status, value: "triaged", to: [5], by: ws.identity, at: t0)
        try ws.store.merge([2, 3, 5], into: 1, by: ws.identity, at: t0 + 1)

        XCTAssertEqual(try ws.matching("status:duplicate"), [2, 3, 5])
        XCTAssertEqual(try ws.matching("status:Duplicate"), [2, 3, 5], "statuses match in any case")
        XCTAssertEqual(try ws.matching("status:new"), [1, 4, 6], "a merged duplicate is no longer new")
        XCTAssertEqual(try ws.matching("status:triaged"), [], "5's own status is kept underneath, but it is a duplicate")
        XCTAssertEqual(try ws.matching("-status:duplicate"), [1, 4, 6])
        XCTAssertEqual(try ws.matching("status:new status:duplicate"), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try ws.matching("status:dup*"), [2, 3, 5])
        XCTAssertEqual(try ws.matching("status:*").count, 6)
        XCTAssertEqual(try ws.matching("status:n*"), [1, 4, 6])
        XCTAssertEqual(try ws.matching("status:closed"), [2, 3, 5])

        let reader = QueueReader(store: ws.store, reviewer: "tester")
        let filter = try reader.compile(try FilterQuery.parse("status:duplicate"))
        XCTAssertEqual(try reader.count(filter).total, 3)
        let rows = try reader.rows(filter, sort: .queue, offset: 0, limit: 10)
        XCTAssertEqual(rows.map(\.effectiveStatus), ["duplicate", "duplicate", "duplicate"])
        XCTAssertEqual(rows.map(\.canonicalID), [1, 1, 1])
        XCTAssertEqual(rows.first { $0.id == 5 }?.status, "triaged", "the stored status stays for unmerging")

        // Unmerging gives 5 its own status back, in the filters too.
        try ws.store.unmerge([5], by: ws.identity, at: t0 + 2)
        XCTAssertEqual(try ws.matching("status:triaged"), [5])
        XCTAssertEqual(try ws.matching("status:duplicate"), [2, 3])
        XCTAssertEqual(try reader.detail(id: 5)?.row.effectiveStatus, "triaged")
        XCTAssertEqual(try reader.detail(id: 2)?.row.effectiveStatus, "duplicate")
    }

    func testStatusFiltersStayIndexBacked() throws {
        let ws = try workspace(40)
        try ws.store.applyLabel(.status, value: "triaged", to: [5], by: ws.identity, at: t0)
        try ws.store.merge([7, 8], into: 6, by: ws.identity, at: t0 + 1)
        // Merged items are read from the index of merged items, worked statuses from theirs, and
        // `new` (most of a fresh queue) walks the queue's own index.
        for (filter, index) in [("status:duplicate", "items_merged"), ("status:triaged", "items_by_status"),
                                ("status:new", "items_queue")] {
            let detail = try ws.plan(filter)
            XCTAssertTrue(detail.contains(index), "\(filter): \(detail)")
        }
        XCTAssertFalse(try ws.plan("status:duplicate").contains("TEMP B-TREE"), "the first page needs no sort")
    }

    func testAWorkspaceFromBeforeGetsTheMergedItemsIndexOnOpen() throws {
        let ws = try workspace(5)
        try ws.store.merge([2], into: 1, by: ws.identity, at: t0)
        try ws.store.pool.write { try $0.execute(sql: "DROP INDEX items_merged") }
        try ws.store.pool.close()
        // A reader does without it, and creates nothing.
        XCTAssertEqual(try Store.openForReading(ws.store.workspace).stats().duplicates, 1)
        let reopened = try Store.open(ws.store.workspace)
        let indexed = try reopened.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM items INDEXED BY items_merged WHERE canonical_id IS NOT NULL")
        }
        XCTAssertEqual(indexed, 1)
    }
}
