import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// `audit verify`'s state check: every item's labels, correction and cluster are what replaying
/// the audit log gives.
final class StateReplayTests: XCTestCase {
    /// Labels of every kind, a correction, merges, an undo and a redo, by two reviewers.
    private func worked() throws -> TestWorkspace {
        let ws = try workspace(8, config: rosterConfig, extra: { $0 == 3 ? #","correction":"Use the Refunds page.""# : "" })
        try ws.store.applyLabel(.severity, value: "S2", to: [1, 2, 3], by: alice, at: t0)
        try ws.store.applyLabel(.locus, value: "retrieval", to: [1, 2], by: alice, at: t0 + 1)
        try ws.store.applyLabel(.reasons, value: "wrong_source", to: [1], by: alice, at: t0 + 2)
        try ws.store.applyLabel(.status, value: "triaged", to: [2], by: alice, at: t0 + 3)
        try ws.store.applyLabel(.trainable, value: "yes", to: [1], by: alice, at: t0 + 4)
        try ws.store.applyLabel(.note, value: "asked twice", to: [1], by: alice, at: t0 + 5)
        try ws.store.acceptArrivedCorrection(on: 3, by: alice, at: t0 + 6)
        try ws.store.setCorrection("Open Billing, then Refunds.", on: 4, by: bo, at: t0 + 7)
        try ws.store.merge([6, 7], into: 5, by: bo, at: t0 + 8)
        let merge = try ws.store.merge([8], into: 5, by: bo, at: t0 + 9)
        let undo = try ws.store.undo(merge, by: bo, at: t0 + 10)
        try ws.store.redo(undo, by: bo, at: t0 + 11)
        try ws.store.unmerge([7], by: bo, at: t0 + 12)
        return ws
    }

    private func check(_ ws: TestWorkspace) throws -> StateCheck {
        try ws.store.pool.read { db in try StateReplay.check(db) }
    }

    private func edit(_ ws: TestWorkspace, _ sql: String) throws {
        try ws.store.pool.write { db in try db.execute(sql: sql) }
    }

    func testAWorkedWorkspaceMatchesItsLog() throws {
        let ws = try worked()
        let result = try check(ws)
        XCTAssertEqual(result.drifts, [])
        XCTAssertTrue(result.matches)
        XCTAssertEqual(result.items, 8)
        XCTAssertEqual(result.records, try ws.count("SELECT count(*) FROM audit WHERE item_id IS NOT NULL AND field <> 'claim'"))
        XCTAssertTrue(try AuditLog.check(ws.store).passes)
    }

    func testALabelChangedBehindTheStoresBackIsReportedWithItemAndField() throws {
        let ws = try worked()
        try edit(ws, "UPDATE items SET severity = 'S1' WHERE id = 2")
        let result = try check(ws)
        XCTAssertEqual(result.drifts, [StateDrift(item: 2, field: "severity", stored: "S1", replayed: "S2", kind: .value)])
        XCTAssertEqual(result.drifts.first?.description,
                       "item #2 severity is S1, but replaying the audit log gives S2 (changed without an audit record, or its record was removed)")
        XCTAssertFalse(try AuditLog.check(ws.store).passes)
        XCTAssertNil(try AuditLog.check(ws.store).chain.firstBroken, "the chain cannot see it: only the replay does")
    }

    func testEveryReplayedFieldIsCompared() throws {
        let edits: [(String, String, String?, String?)] = [
            ("UPDATE items SET status = 'resolved', is_open = 0 WHERE id = 2", "status", "resolved", "triaged"),
            ("UPDATE items SET locus = NULL WHERE id = 1", "locus", nil, "retrieval"),
            ("UPDATE items SET reasons = '[\"missing_source\"]' WHERE id = 1", "reasons", "[\"missing_source\"]", "[\"wrong_source\"]"),
            ("UPDATE items SET owner = 'ml-team' WHERE id = 2", "owner", "ml-team", "search-team"),
            ("UPDATE items SET trainable = 0 WHERE id = 1", "trainable", "0", "1"),
            ("UPDATE judgments SET value = 'asked once' WHERE field = 'note' AND state = 'accepted'", "note", "asked once", "asked twice"),
            ("UPDATE items SET correction = 'Ask support.' WHERE id = 4", "correction", "Ask support.", "Open Billing, then Refunds."),
            ("UPDATE items SET correction_state = 'rejected' WHERE id = 3", "correction_state", "rejected", "accepted"),
            ("UPDATE items SET canonical_id = NULL, is_open = 1 WHERE id = 8", "canonical", nil, "5"),
            ("UPDATE items SET is_open = 1 WHERE id = 6", "is_open", "1", "0"),
            ("UPDATE items SET cluster_size = 7 WHERE id = 5", "cluster_size", "7", "3"),
        ]
        for (sql, field, stored, replayed) in edits {
            let ws = try worked()
            try edit(ws, sql)
            let drifts = try check(ws).drifts
            let drift = drifts.first { $0.field == field }
            XCTAssertNotNil(drift, "\(sql): \(drifts)")
            XCTAssertEqual(drift?.stored, stored, sql)
            XCTAssertEqual(drift?.replayed, replayed, sql)
        }
    }

    func testADeletedRecordWhoseChangeStandsIsReported() throws {
        let ws = try worked()
        // The log's last record (the unmerge of 7) is deleted: the chain still verifies, the state does not.
        try edit(ws, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)")
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
        let drifts = try check(ws).drifts
        XCTAssertEqual(drifts.map(\.item), [7, 7])
        XCTAssertEqual(drifts.map(\.field), ["canonical", "is_open"])
        XCTAssertEqual(drifts.first?.stored, nil)
        XCTAssertEqual(drifts.first?.replayed, "5")

        // A record deleted in the middle: the next record of that field no longer follows on.
        let middle = try worked()
        let seq = try XCTUnwrap(try middle.store.pool.read {
            try Int64.fetchOne($0, sql: "SELECT min(seq) FROM audit WHERE item_id = 1 AND field = 'severity'")
        })
        try middle.store.applyLabel(.severity, value: "S4", to: [1], by: alice, at: t0 + 20)
        try edit(middle, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE seq = \(seq)")
        let gap = try check(middle).drifts
        XCTAssertEqual(gap.count, 1, "\(gap)")
        XCTAssertEqual(gap.first?.item, 1)
        XCTAssertEqual(gap.first?.field, "severity")
        guard case .gap? = gap.first?.kind else { return XCTFail("\(gap)") }
        XCTAssertTrue(gap.first?.description.contains("the records before it leave none") ?? false, gap.first?.description ?? "")
    }

    func testRecordsAboutAMissingItemAreReportedOnce() throws {
        let ws = try workspace(2)
        try ws.store.pool.write { db in
            for field in ["severity", "owner"] {
                try AuditLog.append(AuditEntry(action: "label", itemID: 9, field: field, newValue: "x"), by: alice, db: db)
            }
        }
        let drifts = try check(ws).drifts
        XCTAssertEqual(drifts.count, 1)
        XCTAssertEqual(drifts.first?.item, 9)
        guard case .noSuchItem(let seq)? = drifts.first?.kind else { return XCTFail("\(drifts)") }
        XCTAssertEqual(seq, 3)
    }

    func testItReportsAtMostItsLimitButCountsEverything() throws {
        let ws = try workspace(30)
        try edit(ws, "UPDATE items SET severity = 'S4'")
        let result = try ws.store.pool.read { db in try StateReplay.check(db, limit: 10) }
        XCTAssertEqual(result.drifts.count, 10)
        XCTAssertEqual(result.driftCount, 30)
    }

    /// It streams: the log is read in (item, seq) order from its item index, with no sort that
    /// would hold the log in a temporary B-tree.
    func testTheReplayReadsInIndexOrderWithoutSorting() throws {
        let ws = try worked()
        for sql in [
            "SELECT item_id, seq, field, old_value, new_value FROM audit WHERE item_id IS NOT NULL AND field IN ('severity', 'note') ORDER BY item_id, seq",
            "SELECT id, severity FROM items ORDER BY id",
            "SELECT item_id, max(id), value FROM judgments WHERE field = 'note' AND state = 'accepted' GROUP BY item_id ORDER BY item_id",
            "SELECT canonical_id, count(*) FROM items WHERE canonical_id IS NOT NULL GROUP BY canonical_id ORDER BY canonical_id",
        ] {
            let plan = try ws.store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
            }
            XCTAssertFalse(plan.contains("TEMP B-TREE"), "\(sql): \(plan)")
        }
    }
}
