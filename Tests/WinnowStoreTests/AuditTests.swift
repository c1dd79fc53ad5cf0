import Foundation
import GRDB
import XCTest
@testable import WinnowStore

final class AuditTests: XCTestCase {
    func testImportsAndViewsAreRecordedAndTheChainVerifies() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("a.jsonl", eventLine("a1")))
        try ws.store.saveView(SavedView(name: "refunds", query: "intent:billing.*", sort: .newest, createdBy: "tester"), by: ws.identity)
        try ws.store.saveView(SavedView(name: "refunds", query: "intent:refund*", sort: .queue, createdBy: "tester"), by: ws.identity)
        XCTAssertTrue(try ws.store.deleteView(named: "refunds", by: ws.identity))
        XCTAssertFalse(try ws.store.deleteView(named: "refunds", by: ws.identity), "deleting nothing records nothing")

        var records: [AuditRecord] = []
        try AuditLog.forEach(.init(), in: ws.store) { records.append($0) }
        XCTAssertEqual(records.map(\.action), ["import.start", "import.finish", "view.save", "view.save", "view.delete"])
        XCTAssertEqual(records.map(\.seq), [1, 2, 3, 4, 5])
        XCTAssertEqual(records[0].previousHash, AuditLog.genesis)
        for (a, b) in zip(records, records.dropFirst()) { XCTAssertEqual(b.previousHash, a.hash) }
        XCTAssertEqual(records[3].oldValue, "intent:billing.* · newest", "old → new is recorded")
        XCTAssertEqual(records[3].newValue, "intent:refund* · queue")
        XCTAssertTrue(records[1].newValue?.contains("imported 1") ?? false)
        XCTAssertEqual(Set(records.map(\.reviewer)), ["tester"])
        XCTAssertEqual(Set(records.map(\.osUser)), ["tester-os"])

        let result = try AuditLog.verify(ws.store)
        XCTAssertEqual(result.records, 5)
        XCTAssertNil(result.firstBroken)
    }

    func testTheLogRefusesUpdatesAndDeletes() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("a.jsonl", eventLine("a1")))
        XCTAssertThrowsError(try ws.store.pool.write { try $0.execute(sql: "UPDATE audit SET reviewer = 'mallory'") })
        XCTAssertThrowsError(try ws.store.pool.write { try $0.execute(sql: "DELETE FROM audit") })
    }

    func testTamperingIsDetectedAtTheFirstChangedRecord() throws {
        let ws = try TestWorkspace()
        for i in 1...3 { _ = try ws.importFile(try ws.file("f\(i).jsonl", eventLine("t\(i)"))) }
        // Someone with the sqlite3 tool drops the guard and edits history.
        try ws.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_is_append_only_update")
            try db.execute(sql: "UPDATE audit SET new_value = 'imported 0' WHERE seq = 4")
        }
        var result = try AuditLog.verify(ws.store)
        XCTAssertEqual(result.firstBroken?.seq, 4)
        XCTAssertTrue(result.firstBroken?.reason.contains("was changed") ?? false)

        // Rewriting the hash too breaks the link to the next record.
        try ws.store.pool.write { db in
            let row = try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT * FROM audit WHERE seq = 4"))
            let forged = AuditLog.hash(of: AuditLog.record(row))
            try db.execute(sql: "UPDATE audit SET hash = ? WHERE seq = 4", arguments: [forged])
        }
        result = try AuditLog.verify(ws.store)
        XCTAssertEqual(result.firstBroken?.seq, 5)
        XCTAssertTrue(result.firstBroken?.reason.contains("prev_hash") ?? false)

        try ws.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_is_append_only_delete")
            try db.execute(sql: "DELETE FROM audit WHERE seq = 2")
        }
        XCTAssertEqual(try AuditLog.verify(ws.store).firstBroken?.seq, 3, "a missing record is a gap in the sequence")
    }

    func testQueriesByItemReviewerAndTime() throws {
        let ws = try TestWorkspace()
        let other = Identity(reviewer: "bo", osUser: "bo-os")
        try ws.store.pool.write { db in
            try AuditLog.append(AuditEntry(action: "label", itemID: 7, field: "severity", oldValue: nil, newValue: "S2"), by: ws.identity, at: 1_000, db: db)
            try AuditLog.append(AuditEntry(action: "label", itemID: 8, field: "severity", newValue: "S1", reason: "data exposure"), by: other, at: 2_000, db: db)
            try AuditLog.append(AuditEntry(action: "label", itemID: 7, field: "owner", newValue: "billing"), by: other, at: 3_000, db: db)
        }
        func seqs(_ q: AuditLog.Query) throws -> [Int64] {
            var out: [Int64] = []
            try AuditLog.forEach(q, in: ws.store) { out.append($0.seq) }
            return out
        }
        XCTAssertEqual(try seqs(.init(itemID: 7)), [1, 3])
        XCTAssertEqual(try seqs(.init(reviewer: "bo")), [2, 3])
        XCTAssertEqual(try seqs(.init(sinceMillis: 2_000)), [2, 3])
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    /// The hash format is part of every existing log: pinned against an independent computation
    /// (Python's hashlib over the length-prefixed fields).
    func testHashFormatIsStable() {
        let record = AuditRecord(seq: 1, timestampMillis: -1000, reviewer: "alice", osUser: "alice-os", action: "label",
                                 itemID: 7, field: "severity", oldValue: nil, newValue: "S2", reason: "user acted on it",
                                 previousHash: AuditLog.genesis, hash: "", actionID: 1, hashFormat: 1)
        XCTAssertEqual(AuditLog.hash(of: record), "2dff350dc7ac4514cd6f8bcb679833c949eea33e236e33eba607eb6104d1f44c")
    }

    /// Format 2 (records since action ids) starts with its tag and covers the action id; pinned the
    /// same way.
    func testHashFormatTwoIsStableAndCoversTheActionID() {
        var record = AuditRecord(seq: 5, timestampMillis: -1000, reviewer: "alice", osUser: "alice-os", action: "label",
                                 itemID: 7, field: "severity", oldValue: nil, newValue: "S2", reason: "user acted on it",
                                 previousHash: AuditLog.genesis, hash: "", actionID: 3, hashFormat: 2)
        XCTAssertEqual(AuditLog.hash(of: record), "d95a171fadc066cf6a0c666ffffa3501ec03c3ef682f1acab5d47e7f2b62b925")
        record.actionID = 4
        XCTAssertNotEqual(AuditLog.hash(of: record), "d95a171fadc066cf6a0c666ffffa3501ec03c3ef682f1acab5d47e7f2b62b925")
        record.hashFormat = 3
        XCTAssertEqual(AuditLog.hash(of: record), "", "an unknown format matches no stored hash")
    }
}
