import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class UndoTests: XCTestCase {
    func testUndoAndRedoOfALabelAreNewRecords() throws {
        let ws = try workspace(2)
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: ws.identity, at: t0)
        let label = try ws.store.applyLabel(.locus, value: "retrieval", to: [1, 2], by: ws.identity, at: t0 + 1)
        XCTAssertEqual(label.changes.count, 4, "locus and its default owner on two items")
        let undo = try ws.store.undo(label, by: ws.identity, at: t0 + 2)
        XCTAssertEqual(undo.action, "undo")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE locus IS NOT NULL OR owner IS NOT NULL"), 0)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE severity = 'S3'"), 1, "the earlier label stands")
        var undoRecords: [AuditRecord] = []
        try AuditLog.forEach(.init(), in: ws.store) { if $0.action == "undo" { undoRecords.append($0) } }
        XCTAssertEqual(undoRecords.count, 4)
        let actionID = try XCTUnwrap(label.actionID)
        XCTAssertEqual(undoRecords.first?.reason, "undo of action #\(actionID)")
        XCTAssertEqual(Set(undoRecords.map(\.actionID)), [try XCTUnwrap(undo.actionID)], "the undo is one action")
        XCTAssertNotEqual(undo.actionID, actionID)

        let redo = try ws.store.redo(undo, by: ws.identity, at: t0 + 3)
        XCTAssertEqual(redo.action, "redo")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE locus = 'retrieval' AND owner = 'search-team'"), 2)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'redo'"), 4)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM judgments WHERE field = 'locus'"), 6, "nothing deleted: 2 + 2 + 2")
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    func testUndoAndRedoOfAMerge() throws {
        let ws = try workspace(4)
        try ws.store.merge([3], into: 2, by: ws.identity, at: t0)
        let merge = try ws.store.merge([2, 4], into: 1, by: ws.identity, at: t0 + 1)
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 1"), 4)
        let undo = try ws.store.undo(merge, by: ws.identity, at: t0 + 2)
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 1"), 1)
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 2"), 2, "3 back in 2's cluster")
        XCTAssertEqual(try ws.count("SELECT canonical_id FROM items WHERE id = 3"), 2)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE is_open = 1"), 3)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE is_open = 1 AND id IN (1, 2, 4)"), 3)
        try ws.store.redo(undo, by: ws.identity, at: t0 + 3)
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 1"), 4)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE is_open = 1"), 1)
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    func testUndoIsRefusedAfterAnotherReviewersChange() throws {
        let ws = try workspace(2)
        let mine = try ws.store.applyLabel(.severity, value: "S3", to: [1, 2], by: ws.identity, at: t0)
        try ws.store.applyLabel(.severity, value: "S1", to: [2], by: bo, at: t0 + 11 * minute)
        let audits = try auditCount(ws)
        XCTAssertThrowsError(try ws.store.undo(mine, by: ws.identity, at: t0 + 12 * minute)) { error in
            XCTAssertEqual(error as? UndoError, .changedSince(item: 2, field: "severity", by: "bo"))
        }
        XCTAssertEqual(try auditCount(ws), audits)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE severity = 'S3'"), 1, "item 1 untouched too")
    }

    func testShiftCountsMergesAndClaims() throws {
        let ws = try workspace(4)
        try ws.store.merge([2, 3], into: 1, by: ws.identity, at: t0)
        try ws.store.merge([4], into: 1, by: ws.identity, at: t0 + minute)
        let report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + 2 * minute)
        XCTAssertEqual(report.merges, 2)
        XCTAssertEqual(report.itemsMerged, 3)
        XCTAssertEqual(report.itemsLabelled, 0, "merged items are counted as merged, not as labelled")
        XCTAssertEqual(report.claimsTaken, 4, "the three duplicates and the canonical (claimed by the first merge, renewed by the second)")
    }

    func testShiftCountsWhatStandsAfterUndoAndRedo() throws {
        let ws = try workspace(4)
        let severity = try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, at: t0)
        try ws.store.applyLabel(.severity, value: "S4", to: [2], by: ws.identity, at: t0 + 1)
        try ws.store.undo(severity, by: ws.identity, at: t0 + 2)
        let merge = try ws.store.merge([4], into: 3, by: ws.identity, at: t0 + 3)
        let unmerged = try ws.store.undo(merge, by: ws.identity, at: t0 + 4)
        let correction = try ws.store.setCorrection("Open Billing, then Refunds.", on: 2, by: ws.identity, at: t0 + 5)
        try ws.store.undo(correction, by: ws.identity, at: t0 + 6)

        var report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + minute)
        XCTAssertEqual(report.bySeverity, ["S4": 1], "the undone S2 is not part of the shift")
        XCTAssertEqual(report.labels, 1)
        XCTAssertEqual(report.itemsLabelled, 1)
        XCTAssertEqual(report.merges, 0)
        XCTAssertEqual(report.corrections, 0)

        try ws.store.redo(unmerged, by: ws.identity, at: t0 + 7)
        report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + minute)
        XCTAssertEqual(report.merges, 1)
        XCTAssertEqual(report.itemsMerged, 1, "item 4's merge, redone")
        XCTAssertEqual(report.itemsLabelled, 1, "item 2's severity")
    }
}
