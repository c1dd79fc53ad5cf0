import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Every audit record names the user action it belongs to, and what groups records reads that id.
final class ActionIDTests: XCTestCase {
    private func records(_ ws: TestWorkspace) throws -> [AuditRecord] {
        var out: [AuditRecord] = []
        try AuditLog.forEach(.init(), in: ws.store) { out.append($0) }
        return out
    }

    func testABulkLabelIsOneActionOfOneRecordPerItemWithTheClaimsItTook() throws {
        let ws = try workspace(30)
        let before = try auditCount(ws)
        let label = try ws.store.applyLabel(.severity, value: "S2", to: Array(1...30), by: ws.identity, at: t0)
        let actionID = try XCTUnwrap(label.actionID)
        let written = try records(ws).filter { $0.seq > before }
        XCTAssertEqual(written.count, 60, "30 claims and 30 labels")
        XCTAssertEqual(Set(written.map(\.actionID)), [actionID])
        XCTAssertEqual(actionID, Int64(before + 1), "an action is named by its first record")
        XCTAssertEqual(written.filter { $0.field == "severity" }.count, 30)
        XCTAssertEqual(written.filter { $0.action == "claim" }.count, 30, "the claims belong to the action that took them")
        XCTAssertEqual(Set(written.map(\.hashFormat)), [AuditLog.hashFormat])

        // The next action, in the same millisecond by the same reviewer, is still another action.
        let next = try ws.store.applyLabel(.severity, value: "S3", to: [1], by: ws.identity, at: t0)
        XCTAssertNotEqual(next.actionID, actionID)
        XCTAssertEqual(try records(ws).last?.actionID, next.actionID)
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    func testAnUndoIsOneActionNamingTheActionItUndoes() throws {
        let ws = try workspace(30)
        let label = try ws.store.applyLabel(.locus, value: "retrieval", to: Array(1...30), by: ws.identity, at: t0)
        let seqBefore = try auditCount(ws)
        let undo = try ws.store.undo(label, by: ws.identity, at: t0)
        let undoRecords = try records(ws).filter { $0.seq > seqBefore }
        XCTAssertEqual(undoRecords.count, 60, "locus and its default owner, on 30 items (their claims are held already)")
        XCTAssertEqual(Set(undoRecords.map(\.actionID)), [try XCTUnwrap(undo.actionID)])
        XCTAssertEqual(Set(undoRecords.compactMap(\.reason)), ["undo of action #\(try XCTUnwrap(label.actionID))"])

        let redo = try ws.store.redo(undo, by: ws.identity, at: t0)
        let redoRecords = try records(ws).filter { $0.action == "redo" }
        XCTAssertEqual(redoRecords.count, 60)
        XCTAssertEqual(Set(redoRecords.map(\.actionID)), [try XCTUnwrap(redo.actionID)])
        XCTAssertEqual(Set(redoRecords.compactMap(\.reason)), ["redo of action #\(try XCTUnwrap(undo.actionID))"])
    }

    func testAnImportsStartAndFinishAreOneAction() throws {
        let ws = try workspace(3)
        let log = try records(ws)
        XCTAssertEqual(log.map(\.action), ["import.start", "import.finish"])
        XCTAssertEqual(log.map(\.actionID), [1, 1])
    }

    func testTheShiftCountsActionsNotTimestamps() throws {
        let ws = try workspace(6)
        // Two merges in one millisecond: the old equal-time rule counted them as one.
        try ws.store.merge([2], into: 1, by: ws.identity, at: t0)
        try ws.store.merge([4], into: 3, by: ws.identity, at: t0)
        let merge = try ws.store.merge([6], into: 5, by: ws.identity, at: t0)
        try ws.store.undo(merge, by: ws.identity, at: t0)
        let report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + minute)
        XCTAssertEqual(report.merges, 2)
        XCTAssertEqual(report.auditHead, try AuditLog.head(ws.store).description)
        XCTAssertTrue(report.text.contains("\n    \(report.auditHead)\n"), report.text)
    }

    func testAChangedMeanwhileMessageNamesTheLatestActionsChanges() throws {
        let ws = try workspace(2, config: rosterConfig)
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: bo, at: t0)
        try ws.store.releaseClaim(1, by: bo, at: t0)
        // Bo's next action, in the same millisecond, sets two fields: both are named, the first action's are not.
        try ws.store.applyLabel(.locus, value: "retrieval", to: [1], by: bo, at: t0)
        try ws.store.releaseClaim(1, by: bo, at: t0)
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S1", to: [1], by: alice, expectedVersions: [1: 1], at: t0 + 1)) { error in
            guard case ConcurrencyError.changedMeanwhile(let item, let by, let fields, _)? = error as? ConcurrencyError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(item, 1)
            XCTAssertEqual(by, "bo")
            XCTAssertEqual(fields, ["locus", "owner"])
        }
    }

    /// A workspace made before action ids: its records get ids by the old rule (one after another,
    /// same time, reviewer and OS account), keep hash format 1 and still verify; new records
    /// continue the chain in format 2.
    func testTheMigrationDerivesActionIDsAndOldRecordsStillVerify() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try Workspace.create(at: directory)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspace.databaseURL.path + suffix) }
        let old = try DatabaseQueue(path: workspace.databaseURL.path)
        try Schema.migrator.migrate(old, upTo: "v6-fts-without-column-sizes")
        let rows: [(Int64, String, String)] = [(1_000, "alice", "import.start"), (5_000, "alice", "view.save"),
                                                (5_000, "alice", "view.save"), (5_000, "bo", "view.save"), (6_000, "alice", "view.delete")]
        try old.write { db in
            var previous = AuditLog.genesis
            for (index, (ts, reviewer, action)) in rows.enumerated() {
                var record = AuditRecord(seq: Int64(index + 1), timestampMillis: ts, reviewer: reviewer, osUser: reviewer + "-os",
                                         action: action, itemID: nil, field: "v", oldValue: nil, newValue: "q\(index)", reason: nil,
                                         previousHash: previous, hash: "", actionID: Int64(index + 1), hashFormat: 1)
                record.hash = AuditLog.hash(of: record)
                try db.execute(sql: """
                    INSERT INTO audit(seq, ts_ms, reviewer, os_user, action, item_id, field, old_value, new_value, reason, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, NULL, 'v', NULL, ?, NULL, ?, ?)
                    """, arguments: [record.seq, ts, reviewer, record.osUser, action, record.newValue, previous, record.hash])
                previous = record.hash
            }
        }
        // Read as it is, before any migration (a read-only open does not migrate): the chain verifies.
        try old.read { db in
            let unmigrated = try AuditLog.check(db, anchor: nil)
            XCTAssertEqual(unmigrated.chain.records, 5)
            XCTAssertNil(unmigrated.chain.firstBroken)
            XCTAssertEqual(unmigrated.head.seq, 5)
        }
        try old.close()

        let store = try Store.open(workspace)
        var log: [AuditRecord] = []
        try AuditLog.forEach(.init(), in: store) { log.append($0) }
        XCTAssertEqual(log.map(\.actionID), [1, 2, 2, 4, 5])
        XCTAssertEqual(Set(log.map(\.hashFormat)), [1])
        XCTAssertEqual(try AuditLog.verify(store).firstBroken?.seq, nil)

        try store.saveView(SavedView(name: "v", query: "severity:S1", sort: .queue, createdBy: "alice"), by: alice)
        log.removeAll()
        try AuditLog.forEach(.init(), in: store) { log.append($0) }
        XCTAssertEqual(log.last?.hashFormat, 2)
        XCTAssertEqual(log.last?.actionID, 6)
        XCTAssertEqual(log.last?.previousHash, log[4].hash)
        let result = try AuditLog.verify(store)
        XCTAssertEqual(result.records, 6)
        XCTAssertNil(result.firstBroken)
        XCTAssertThrowsError(try store.pool.write { try $0.execute(sql: "UPDATE audit SET reviewer = 'mallory'") },
                             "the append-only guard is back")
    }
}
