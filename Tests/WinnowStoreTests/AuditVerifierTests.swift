import Foundation
import GRDB
import XCTest
@testable import WinnowStore

/// The two-thread verifier over logs many batches long (batches of 7 records here), so broken
/// records fall in the middle of a batch, on a boundary, and after other breaks.
final class AuditVerifierTests: XCTestCase {
    private func log(_ records: Int) throws -> TestWorkspace {
        let ws = try TestWorkspace()
        try ws.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_is_append_only_update; DROP TRIGGER audit_is_append_only_delete")
            for i in 0..<records {
                try AuditLog.append(AuditEntry(action: "label", itemID: i % 3 == 0 ? nil : Int64(i), field: "severity",
                                               oldValue: i % 2 == 0 ? nil : "S3", newValue: "S\(1 + i % 4)"),
                                    by: ws.identity, at: Int64(i) * 1_000, db: db)
            }
        }
        return ws
    }

    private func verify(_ ws: TestWorkspace) throws -> AuditLog.Verification {
        try ws.store.pool.read { db in try AuditVerifier.verify(db, batchSize: 7) }
    }

    private func edit(_ ws: TestWorkspace, _ sql: String) throws {
        try ws.store.pool.write { db in try db.execute(sql: sql) }
    }

    func testAnIntactLogVerifiesAcrossBatches() throws {
        for records in [0, 1, 7, 8, 100] {
            let result = try verify(try log(records))
            XCTAssertEqual(result.records, records)
            XCTAssertNil(result.firstBroken)
        }
    }

    func testTheFirstBrokenRecordIsNamedWhereverItFalls() throws {
        for seq in [1, 7, 8, 50, 100] {
            let ws = try log(100)
            try edit(ws, "UPDATE audit SET new_value = 'S9' WHERE seq = \(seq)")
            try edit(ws, "UPDATE audit SET reviewer = 'mallory' WHERE seq = \(seq + 20)")
            let result = try verify(ws)
            XCTAssertEqual(result.firstBroken?.seq, Int64(seq))
            XCTAssertEqual(result.records, seq)
            XCTAssertTrue(result.firstBroken?.reason.contains("was changed") ?? false)
        }
    }

    func testAChangedRecordBeforeAGapOrABrokenLinkComesFirst() throws {
        let ws = try log(100)
        try edit(ws, "DELETE FROM audit WHERE seq = 60")
        XCTAssertEqual(try verify(ws).firstBroken?.seq, 61)
        try edit(ws, "UPDATE audit SET prev_hash = hash WHERE seq = 40")
        XCTAssertEqual(try verify(ws).firstBroken?.seq, 40)
        XCTAssertTrue(try verify(ws).firstBroken?.reason.contains("prev_hash") ?? false)
        try edit(ws, "UPDATE audit SET field = NULL WHERE seq = 39")
        XCTAssertEqual(try verify(ws).firstBroken?.seq, 39)
        XCTAssertTrue(try verify(ws).firstBroken?.reason.contains("was changed") ?? false)
    }

    func testARehashedRecordBreaksTheNextLinkEvenOnABatchBoundary() throws {
        for seq in [7, 13, 30] {
            let ws = try log(50)
            try ws.store.pool.write { db in
                try db.execute(sql: "UPDATE audit SET old_value = 'S1' WHERE seq = \(seq)")
                let row = try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT * FROM audit WHERE seq = \(seq)"))
                try db.execute(sql: "UPDATE audit SET hash = ? WHERE seq = \(seq)", arguments: [AuditLog.hash(of: AuditLog.record(row))])
            }
            let result = try verify(ws)
            XCTAssertEqual(result.firstBroken?.seq, Int64(seq + 1))
            XCTAssertTrue(result.firstBroken?.reason.contains("prev_hash") ?? false)
        }
    }

    func testAMalformedStoredHashIsAChangedRecord() throws {
        let ws = try log(30)
        try edit(ws, "UPDATE audit SET hash = upper(hash) WHERE seq = 14")
        XCTAssertEqual(try verify(ws).firstBroken?.seq, 14)
        try edit(ws, "UPDATE audit SET hash = substr(hash, 1, 63) WHERE seq = 9")
        XCTAssertEqual(try verify(ws).firstBroken?.seq, 9)
    }
}
