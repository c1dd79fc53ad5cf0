import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class MergeTests: XCTestCase {
    func testMergeFlattensClustersCountsThemAndClosesDuplicatesWithoutDeletingEvents() throws {
        let ws = try workspace(5)
        let events = try ws.count("SELECT count(*) FROM events")
        // 3 and 4 into 2; then 2 (with its members) and 5 into 1 via member 3 (its root is 2 → then 1).
        let first = try ws.store.merge([3, 4, 2], into: 2, by: ws.identity, at: t0)
        XCTAssertEqual(first.action, "merge")
        XCTAssertEqual(first.changes, [FieldChange(itemID: 3, field: "canonical", oldValue: nil, newValue: "2"),
                                       FieldChange(itemID: 4, field: "canonical", oldValue: nil, newValue: "2")])
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 2"), 3)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE is_open = 1"), 3)

        let second = try ws.store.merge([2, 5], into: 1, by: ws.identity, at: t0 + 1)
        XCTAssertEqual(Set(second.changes.map(\.itemID)), [2, 3, 4, 5], "2's members came along")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE canonical_id = 1"), 4)
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 1"), 5)
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 2"), 1)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE is_open = 1"), 1)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM events"), events, "a merge never deletes an event")

        // Merging into a member goes to its root.
        let ws2 = try workspace(3)
        try ws2.store.merge([2], into: 1, by: ws2.identity, at: t0)
        try ws2.store.merge([3], into: 2, by: ws2.identity, at: t0)
        XCTAssertEqual(try ws2.count("SELECT canonical_id FROM items WHERE id = 3"), 1)
        XCTAssertEqual(try ws2.count("SELECT cluster_size FROM items WHERE id = 1"), 3)
        XCTAssertThrowsError(try ws2.store.merge([1], into: 2, by: ws2.identity, at: t0)) { error in
            XCTAssertEqual(error as? MergeError, .nothingToMerge)
        }

        let reader = QueueReader(store: ws.store, reviewer: "tester")
        // The cluster as `C` browses it: the `cluster:` filter.
        let cluster = try reader.rows(reader.compile(try FilterQuery.parse("cluster:1")), sort: .queue, offset: 0, limit: 10)
        XCTAssertEqual(cluster.map(\.id).filter { $0 != 1 }.sorted(), [2, 3, 4, 5])
        XCTAssertEqual(try reader.detail(id: 1)?.clusterMembers, 4)
        XCTAssertEqual(try reader.detail(id: 3)?.canonicalID, 1)
        XCTAssertEqual(try reader.count(reader.compile(try FilterQuery.parse("cluster:1"))).total, 5)
        XCTAssertEqual(try reader.count(reader.compile(try FilterQuery.parse("-cluster:1"))).total, 0)
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    func testUnmergeOneMemberOrTheWholeClusterRestoresThem() throws {
        let ws = try workspace(4)
        try ws.store.applyLabel(.status, value: "resolved", to: [4], by: ws.identity, at: t0)
        try ws.store.merge([2, 3, 4], into: 1, by: ws.identity, at: t0)
        // A merged duplicate stays out of the open queue whatever its status.
        try ws.store.applyLabel(.status, value: "in_review", to: [2], by: ws.identity, at: t0)
        XCTAssertEqual(try ws.count("SELECT is_open FROM items WHERE id = 2"), 0)

        let one = try ws.store.unmerge([2], by: ws.identity, at: t0 + 1)
        XCTAssertEqual(one.changes, [FieldChange(itemID: 2, field: "canonical", oldValue: "1", newValue: nil)])
        XCTAssertEqual(try ws.count("SELECT is_open FROM items WHERE id = 2"), 1)
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 1"), 3)

        let all = try ws.store.unmerge([1], by: ws.identity, at: t0 + 2)
        XCTAssertEqual(all.action, "unmerge")
        XCTAssertEqual(Set(all.changes.map(\.itemID)), [3, 4])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE canonical_id IS NOT NULL"), 0)
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 1"), 1)
        XCTAssertEqual(try ws.count("SELECT is_open FROM items WHERE id = 3"), 1)
        XCTAssertEqual(try ws.count("SELECT is_open FROM items WHERE id = 4"), 0, "resolved before the merge: stays closed")
        XCTAssertEqual(try auditActions(ws).filter { $0.hasPrefix("unmerge") }.count, 3)
    }

    func testACanonicalsHistoryShowsItsClusterComingAndGoing() throws {
        let ws = try workspace(4)
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, at: t0)
        try ws.store.merge([2, 3], into: 1, by: ws.identity, at: t0 + 1)
        try ws.store.unmerge([3], by: ws.identity, at: t0 + 2)
        try ws.store.merge([4], into: 2, by: ws.identity, at: t0 + 3)
        var history: [String] = []
        try AuditLog.forEach(.init(itemID: 1), in: ws.store) { r in
            if r.action != "claim" { history.append("\(r.action) #\(r.itemID!) \(r.field!): \(r.oldValue ?? "∅")→\(r.newValue ?? "∅")") }
        }
        XCTAssertEqual(history, ["label #1 severity: ∅→S2", "merge #2 canonical: ∅→1", "merge #3 canonical: ∅→1",
                                 "unmerge #3 canonical: 1→∅", "merge #4 canonical: ∅→1"],
                       "merging into a duplicate merges into its canonical")
        var duplicate: [String] = []
        try AuditLog.forEach(.init(itemID: 3), in: ws.store) { if $0.action != "claim" { duplicate.append($0.action) } }
        XCTAssertEqual(duplicate, ["merge", "unmerge"])
    }

    func testMergeRespectsClaims() throws {
        let ws = try workspace(3, config: rosterConfig)
        try ws.store.claim(3, by: bo, at: t0)
        XCTAssertThrowsError(try ws.store.merge([2, 3], into: 1, by: ws.identity, at: t0 + 1)) { error in
            XCTAssertEqual(error as? ClaimError, .heldBy(item: 3, reviewer: "bo", untilMillis: t0 + 10 * minute))
        }
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE canonical_id IS NOT NULL"), 0)
        try ws.store.claim(1, by: bo, at: t0)
        XCTAssertThrowsError(try ws.store.merge([2], into: 1, by: ws.identity, at: t0 + 1), "the canonical is held too")
    }
}

