import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Anchors: a head kept outside the workspace catches what the chain alone cannot, a log cut back
/// or rewritten whole by someone with the file.
final class AuditAnchorTests: XCTestCase {
    /// Five label actions on five items, ten records (a claim and a label each) after the import's two.
    private func labelled() throws -> TestWorkspace {
        let ws = try workspace(5)
        for item in Int64(1)...5 { try ws.store.applyLabel(.severity, value: "S2", to: [item], by: ws.identity, at: t0 + item) }
        return ws
    }

    private func edit(_ ws: TestWorkspace, _ sql: String) throws {
        try ws.store.pool.write { db in try db.execute(sql: sql) }
    }

    func testTheHeadIsTheLastRecord() throws {
        let empty = try TestWorkspace()
        XCTAssertEqual(try AuditLog.head(empty.store), AuditAnchor(seq: 0, hash: AuditLog.genesis))
        let ws = try labelled()
        let head = try AuditLog.head(ws.store)
        XCTAssertEqual(head.seq, 12)
        XCTAssertEqual(head.hash, try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT hash FROM audit WHERE seq = 12") })
        XCTAssertEqual(try AuditAnchor(parsing: head.description), head)
        let check = try AuditLog.check(ws.store, anchor: head)
        XCTAssertTrue(check.passes)
        XCTAssertEqual(check.anchorFinding, .holds)
        XCTAssertEqual(try AuditLog.check(empty.store, anchor: .genesis).anchorFinding, .holds)
    }

    func testALogCutBackBeforeTheAnchorFails() throws {
        let ws = try labelled()
        let anchor = try AuditLog.head(ws.store)
        try ws.store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity, at: t0 + 10)
        // Someone with the file drops the guard and deletes the tail, back past the anchor.
        try edit(ws, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE seq > 8")
        let check = try AuditLog.check(ws.store, anchor: anchor)
        XCTAssertNil(check.chain.firstBroken, "what is left still chains from genesis")
        XCTAssertEqual(check.anchorFinding, .missing(seq: 12, logEnd: 8))
        XCTAssertFalse(check.passes)
        XCTAssertEqual(check.anchorFinding?.description,
                       "missing record #12: the log ends at #8, so it was cut back after the anchor was taken")
    }

    func testAWholeLogRewrittenWithRecomputedHashesFailsOnlyAgainstAnAnchor() throws {
        let ws = try labelled()
        let anchor = try AuditLog.head(ws.store)
        // Record 4 (the first label) is reattributed, and every hash from there on recomputed.
        try ws.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_is_append_only_update")
            try db.execute(sql: "UPDATE audit SET reviewer = 'mallory' WHERE seq = 4")
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = 3")!
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE seq >= 4 ORDER BY seq") {
                var record = AuditLog.record(row)
                record.previousHash = previous
                record.hash = AuditLog.hash(of: record)
                try db.execute(sql: "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [previous, record.hash, record.seq])
                previous = record.hash
            }
        }
        let unanchored = try AuditLog.check(ws.store)
        XCTAssertTrue(unanchored.passes, "without an anchor a consistent rewrite cannot be told (the README says so)")
        let anchored = try AuditLog.check(ws.store, anchor: anchor)
        XCTAssertFalse(anchored.passes)
        guard case .differs(let seq, let stored)? = anchored.anchorFinding else { return XCTFail("\(String(describing: anchored.anchorFinding))") }
        XCTAssertEqual(seq, 12)
        XCTAssertNotEqual(stored, anchor.hash)
        XCTAssertTrue(anchored.anchorFinding?.description.hasPrefix("record #12's hash differs from the anchor") ?? false)
        // An anchor taken before the rewritten record still holds: the rewrite came after it.
        let early = AuditAnchor(seq: 3, hash: try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT hash FROM audit WHERE seq = 3")! })
        XCTAssertEqual(try AuditLog.check(ws.store, anchor: early).anchorFinding, .holds)
    }

    func testATailCutBackAndWrittenOnAgainFailsAgainstTheAnchor() throws {
        let ws = try labelled()
        let anchor = try AuditLog.head(ws.store)
        try edit(ws, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE seq = 12")
        // The next action takes the deleted record's number and links to record 11: the chain holds.
        try ws.store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity, at: t0 + 10)
        let check = try AuditLog.check(ws.store, anchor: anchor)
        XCTAssertNil(check.chain.firstBroken)
        guard case .differs(12, _)? = check.anchorFinding else { return XCTFail("\(String(describing: check.anchorFinding))") }
        XCTAssertFalse(check.passes)
    }

    func testARecordDeletedBeforeTheAnchorBreaksTheChainThoughTheAnchorHolds() throws {
        let ws = try labelled()
        let anchor = try AuditLog.head(ws.store)
        try edit(ws, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE seq = 7")
        let check = try AuditLog.check(ws.store, anchor: anchor)
        XCTAssertEqual(check.anchorFinding, .holds)
        XCTAssertEqual(check.chain.firstBroken?.seq, 8)
        XCTAssertFalse(check.passes)
    }

    func testMalformedAnchorsSayWhatIsWrong() {
        let hash = String(repeating: "ab", count: 32)
        XCTAssertEqual(try AuditAnchor(parsing: "12:" + hash.uppercased()), AuditAnchor(seq: 12, hash: hash))
        for (text, why) in [("12", "one colon"), ("x:" + hash, "`x` is not a whole number"), ("-1:" + hash, "not a whole number ≥ 0"),
                            ("12:abc", "64 hex digits"), ("12:" + String(repeating: "g", count: 64), "64 hex digits"),
                            ("12:\(hash):1", "one colon"), ("99999999999999999999:" + hash, "not a whole number")] {
            XCTAssertThrowsError(try AuditAnchor(parsing: text), text) { error in
                XCTAssertTrue(String(describing: error).contains(why), "\(text): \(error)")
            }
        }
    }
}
