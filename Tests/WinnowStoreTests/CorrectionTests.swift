import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class CorrectionTests: XCTestCase {
    func testWrittenCorrectionsAreSearchableAndFollowUndo() throws {
        let ws = try workspace(3)
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        let everything = reader.compile(FilterQuery())
        XCTAssertEqual(try reader.matchCount(search: "zanzibar", limit: 100), 0)
        let written = try ws.store.setCorrection("Ship the refund through the Zanzibar invoice page.", on: 2, by: ws.identity, at: t0)
        XCTAssertEqual(try reader.matchCount(search: "zanzibar", limit: 100), 1, "a written correction is in the full-text index")
        XCTAssertEqual(try reader.matchKeys(everything, sort: .queue, search: "zanzibar").map(\.id), [2])
        let filtered = reader.compile(try FilterQuery.parse("\"zanzibar invoice\""))
        XCTAssertEqual(try reader.rows(filtered, sort: .queue, after: nil, limit: 10).map(\.id), [2], "the filter's phrases see it too")
        XCTAssertEqual(try reader.rows(reader.compile(try FilterQuery.parse("-zanzibar")), sort: .queue, after: nil, limit: 10).count, 2)
        XCTAssertEqual(try reader.nextMatch(everything, sort: .queue, search: "zanzibar", after: nil, forward: true)?.id, 2)

        // Replaced, then undone: the index follows the accepted text each time.
        let replaced = try ws.store.setCorrection("Use the Mombasa form instead.", on: 2, by: ws.identity, at: t0 + 1)
        XCTAssertEqual(try reader.matchCount(search: "zanzibar", limit: 100), 0)
        XCTAssertEqual(try reader.matchCount(search: "mombasa", limit: 100), 1)
        let undoneReplacement = try ws.store.undo(replaced, by: ws.identity, at: t0 + 2)
        XCTAssertEqual(try reader.matchCount(search: "zanzibar", limit: 100), 1)
        XCTAssertEqual(try reader.matchCount(search: "mombasa", limit: 100), 0)
        // As the queue's undo stack does: the earlier action now expects the state the undo restored.
        try ws.store.undo(written.expecting(stateRestoredBy: undoneReplacement, reversing: replaced), by: ws.identity, at: t0 + 3)
        XCTAssertEqual(try reader.matchCount(search: "zanzibar", limit: 100), 0)
        try ws.store.pool.write { db in
            XCTAssertNoThrow(try db.execute(sql: "INSERT INTO corrections_fts(corrections_fts) VALUES('integrity-check')"),
                             "the index agrees with the items' corrections")
        }
    }

    func testCorrectionWrittenAcceptedAndRejectedWithAuditRecords() throws {
        let ws = try workspace(2, extra: { $0 == 1 ? #","correction":"Open Billing, then Refunds.""# : "" })
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        XCTAssertEqual(try reader.detail(id: 1)?.arrivedCorrection, "Open Billing, then Refunds.")
        XCTAssertNil(try reader.detail(id: 1)?.correction)

        let written = try ws.store.setCorrection("Line one\n  indented 日本語\n\n  \n", on: 2, by: ws.identity, at: t0)
        XCTAssertEqual(written.action, "correct")
        XCTAssertEqual(written.changes.map(\.field), ["correction", "correction_state"])
        var detail = try XCTUnwrap(try reader.detail(id: 2))
        XCTAssertEqual(detail.correction, "Line one\n  indented 日本語")
        XCTAssertEqual(detail.correctionState, "written")
        XCTAssertThrowsError(try ws.store.setCorrection(" \n\t", on: 2, by: ws.identity, at: t0)) { error in
            XCTAssertEqual(error as? CorrectionError, .empty)
        }
        XCTAssertThrowsError(try ws.store.acceptArrivedCorrection(on: 2, by: ws.identity, at: t0)) { error in
            XCTAssertEqual(error as? CorrectionError, .noArrivedCorrection(item: 2))
        }

        try ws.store.acceptArrivedCorrection(on: 1, by: ws.identity, at: t0)
        detail = try XCTUnwrap(try reader.detail(id: 1))
        XCTAssertEqual(detail.correction, "Open Billing, then Refunds.")
        XCTAssertEqual(detail.correctionState, "accepted")
        try ws.store.rejectArrivedCorrection(on: 1, by: ws.identity, at: t0 + 1)
        detail = try XCTUnwrap(try reader.detail(id: 1))
        XCTAssertNil(detail.correction)
        XCTAssertEqual(detail.correctionState, "rejected")
        // Writing exactly the arrived text is accepting it.
        try ws.store.setCorrection("Open Billing, then Refunds.\n", on: 1, by: ws.identity, at: t0 + 2)
        XCTAssertEqual(try reader.detail(id: 1)?.correctionState, "accepted")

        var records: [String] = []
        try AuditLog.forEach(.init(itemID: 1), in: ws.store) { r in
            if r.action == "correct" { records.append("\(r.field!):\(r.oldValue ?? "∅")→\(r.newValue ?? "∅")") }
        }
        XCTAssertEqual(records, ["correction:∅→Open Billing, then Refunds.", "correction_state:∅→accepted",
                                 "correction:Open Billing, then Refunds.→∅", "correction_state:accepted→rejected",
                                 "correction:∅→Open Billing, then Refunds.", "correction_state:rejected→accepted"])
        let report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + minute)
        XCTAssertEqual(report.corrections, 4)
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    func testDraftsUpsertListNewestFirstAndAreDeletedWhenTheCorrectionIsSaved() throws {
        let ws = try workspace(2)
        XCTAssertNil(try ws.store.draft(item: 1, reviewer: "tester"))
        try ws.store.saveDraft("half", item: 1, reviewer: "tester", at: t0)
        try ws.store.saveDraft("half written", item: 1, reviewer: "tester", at: t0 + 5)
        try ws.store.saveDraft("other", item: 2, reviewer: "tester", at: t0 + 2)
        try ws.store.saveDraft("bo's", item: 1, reviewer: "bo", at: t0 + 9)
        XCTAssertEqual(try ws.store.draft(item: 1, reviewer: "tester"), Draft(itemID: 1, text: "half written", updatedMillis: t0 + 5))
        XCTAssertEqual(try ws.store.drafts(reviewer: "tester").map(\.itemID), [1, 2])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action NOT LIKE 'import%'"), 0, "drafts are not audited")

        try ws.store.setCorrection("done", on: 1, by: ws.identity, at: t0 + 10)
        XCTAssertNil(try ws.store.draft(item: 1, reviewer: "tester"))
        XCTAssertEqual(try ws.store.draft(item: 1, reviewer: "bo")?.text, "bo's", "only the writer's draft goes")
        XCTAssertTrue(try ws.store.deleteDraft(item: 2, reviewer: "tester"))
        XCTAssertFalse(try ws.store.deleteDraft(item: 2, reviewer: "tester"))
        XCTAssertEqual(try ws.store.drafts(reviewer: "tester"), [])
    }
}

