import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class ClaimTests: XCTestCase {
    func testClaimRenewReleaseAndAuditOnlyNewClaims() throws {
        let ws = try workspace(2, config: rosterConfig)
        XCTAssertEqual(try ws.store.claim(1, by: bo, at: t0), .claimed)
        XCTAssertEqual(try ws.store.claim(1, by: bo, at: t0 + minute), .renewed)
        XCTAssertEqual(try ws.count("SELECT claim_expires_ms FROM items WHERE id = 1"), Int(t0 + 11 * minute), "renewed lease")
        XCTAssertEqual(try ws.store.claim(1, by: bo, at: t0 + 2 * minute), .renewed)
        XCTAssertFalse(try ws.store.releaseClaim(1, by: alice, at: t0 + 3 * minute), "not alice's claim")
        XCTAssertTrue(try ws.store.releaseClaim(1, by: bo, at: t0 + 3 * minute))
        XCTAssertFalse(try ws.store.releaseClaim(1, by: bo, at: t0 + 3 * minute), "already released")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE claimed_by IS NOT NULL"), 0)
        XCTAssertEqual(try auditActions(ws, item: 1), ["claim:claim", "release:claim"], "renewals are not audited")
    }

    func testAWriteToAnItemClaimedByAnotherIsRefusedAndNothingIsWritten() throws {
        let ws = try workspace(2, config: rosterConfig)
        try ws.store.claim(1, by: bo, at: t0)
        let before = try auditCount(ws)
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S1", to: [2, 1], by: ws.identity, at: t0 + minute)) { error in
            XCTAssertEqual(error as? ClaimError, .heldBy(item: 1, reviewer: "bo", untilMillis: t0 + 10 * minute))
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("#1 is claimed by bo until "), text)
            XCTAssertTrue(text.hasSuffix("a lead can take it over with :takeover"), text)
        }
        XCTAssertEqual(try auditCount(ws), before)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE severity IS NOT NULL"), 0, "item 2 not written either")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM judgments"), 0)
        XCTAssertThrowsError(try ws.store.claim(1, by: ws.identity, at: t0 + minute))
    }

    func testAWriteClaimsTheItemAndAnExpiredLeaseCountsAsUnclaimed() throws {
        let ws = try workspace(1, config: rosterConfig)
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: bo, at: t0)
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT claimed_by FROM items WHERE id = 1") }, "bo")
        // bo's lease ends at t0 + 10 min; after that tester may write, taking the claim.
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S3", to: [1], by: ws.identity, at: t0 + 10 * minute - 1))
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: ws.identity, at: t0 + 10 * minute)
        var claims: [AuditRecord] = []
        try AuditLog.forEach(.init(itemID: 1), in: ws.store) { if $0.action == "claim" { claims.append($0) } }
        XCTAssertEqual(claims.map(\.oldValue), [nil, "bo"])
        XCTAssertEqual(claims.map(\.newValue), ["bo", "tester"])
        XCTAssertEqual(claims.last?.reason, "expired lease of bo")
        XCTAssertEqual(try ws.store.claim(1, by: ws.identity, at: t0 + 11 * minute), .renewed)
    }

    func testLeadTakesOverAndNonLeadIsRefused() throws {
        let ws = try workspace(1, config: rosterConfig)
        try ws.store.claim(1, by: bo, at: t0)
        XCTAssertThrowsError(try ws.store.takeOver(1, by: ws.identity, reason: "bo left", at: t0 + minute)) { error in
            XCTAssertEqual(error as? ClaimError, .notLead(reviewer: "tester"))
        }
        try ws.store.takeOver(1, by: alice, reason: "bo went home", at: t0 + minute)
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT claimed_by FROM items WHERE id = 1") }, "alice")
        var records: [AuditRecord] = []
        try AuditLog.forEach(.init(itemID: 1), in: ws.store) { records.append($0) }
        XCTAssertEqual(records.map(\.action), ["claim", "takeover"])
        XCTAssertEqual(records.last?.oldValue, "bo")
        XCTAssertEqual(records.last?.newValue, "alice")
        XCTAssertEqual(records.last?.reason, "bo went home")
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S1", to: [1], by: bo, at: t0 + 2 * minute))
        try ws.store.applyLabel(.severity, value: "S1", to: [1], by: alice, at: t0 + 2 * minute)
    }

    func testSingleUserModeAllowsTakeover() throws {
        let ws = try workspace(1)
        XCTAssertTrue(ws.store.config.isSingleUser)
        try ws.store.claim(1, by: bo, at: t0)
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity, at: t0 + minute))
        try ws.store.takeOver(1, by: ws.identity, at: t0 + minute)
        try ws.store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity, at: t0 + minute)
        XCTAssertEqual(try auditActions(ws, item: 1), ["claim:claim", "takeover:claim", "label:severity"])
    }

    func testNextUnclaimedSkipsClaimedAndClosedItems() throws {
        // Queue order: higher weight first, so explicit corrections (0.9) lead thumbs_down (0.5).
        let ws = try TestWorkspace(config: rosterConfig)
        _ = try ws.importFile(try ws.file("q.jsonl", [
            eventLine("q1", signal: "explicit_correction"), eventLine("q2", signal: "explicit_correction"),
            eventLine("q3", signal: "thumbs_down"), eventLine("q4", signal: "rephrase"),
        ].joined(separator: "\n")))
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        let all = reader.compile(FilterQuery())
        let top = try reader.rows(all, sort: .queue, after: nil, limit: 4)
        XCTAssertEqual(top.map(\.id), [2, 1, 3, 4])
        XCTAssertEqual(try reader.nextUnclaimed(all, sort: .queue, now: t0)?.id, top[0].id)
        try ws.store.claim(top[0].id, by: bo, at: t0)
        try ws.store.applyLabel(.status, value: "resolved", to: [top[1].id], by: bo, at: t0)
        try ws.store.releaseClaim(top[1].id, by: bo, at: t0)
        XCTAssertEqual(try reader.nextUnclaimed(all, sort: .queue, now: t0 + minute)?.id, top[2].id, "claimed and closed items are skipped")
        try ws.store.claim(top[2].id, by: ws.identity, at: t0)
        XCTAssertEqual(try reader.nextUnclaimed(all, sort: .queue, now: t0 + minute)?.id, top[3].id, "my own claim counts too")
        XCTAssertEqual(try reader.nextUnclaimed(all, sort: .queue, now: t0 + 11 * minute)?.id, top[0].id, "leases ran out")
        let rephrase = reader.compile(try FilterQuery.parse("signal:rephrase"))
        XCTAssertEqual(try reader.nextUnclaimed(rephrase, sort: .queue, now: t0 + minute)?.id, top[3].id)
        try ws.store.claim(top[3].id, by: bo, at: t0)
        XCTAssertNil(try reader.nextUnclaimed(rephrase, sort: .queue, now: t0 + minute))
    }
}

final class ConcurrencyTests: XCTestCase {
    func testAStaleVersionRefusesTheWholeActionAndNamesTheChange() throws {
        let ws = try workspace(2)
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        let seen = try XCTUnwrap(try reader.detail(id: 1))
        let seen2 = try XCTUnwrap(try reader.detail(id: 2))
        XCTAssertEqual(seen.version, 0)
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: bo, at: t0)
        try ws.store.applyLabel(.severity, value: "S1", to: [1], by: bo, at: t0 + 1)
        XCTAssertEqual(try reader.detail(id: 1)?.version, 2)
        let audits = try auditCount(ws)
        let expected = [Int64(1): seen.version, 2: seen2.version]
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S2", to: [2, 1], by: ws.identity,
                                                     expectedVersions: expected, at: t0 + 11 * minute)) { error in
            guard case .changedMeanwhile(let item, let by, let fields, _)? = error as? ConcurrencyError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(item, 1)
            XCTAssertEqual(by, "bo")
            XCTAssertEqual(fields, ["severity"])
            XCTAssertEqual(String(describing: error),
                           "#1 was changed by bo meanwhile (severity S3 → S1); the fresh state is shown — repeat the action to apply it")
        }
        XCTAssertEqual(try auditCount(ws), audits, "nothing written")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE severity = 'S2'"), 0)
        // With the fresh version the action goes through.
        let fresh = try XCTUnwrap(try reader.detail(id: 1))
        XCTAssertEqual(try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, expectedVersions: [1: fresh.version],
                                               at: t0 + 11 * minute).changedItems, 1)
        XCTAssertEqual(try reader.rows(reader.compile(FilterQuery()), sort: .queue, after: nil, limit: 5).first { $0.id == 1 }?.version, 3)
    }

    func testAClaimIsReportedBeforeAStaleVersion() throws {
        let ws = try workspace(1)
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: bo, at: t0)
        // The item is both changed since version 0 and held by bo: the claim is what blocks, so it is what is said.
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity, expectedVersions: [1: 0],
                                                     at: t0 + minute)) { error in
            guard case .heldBy(let item, let reviewer, _)? = error as? ClaimError else { return XCTFail("\(error)") }
            XCTAssertEqual(item, 1)
            XCTAssertEqual(reviewer, "bo")
        }
        // Once the lease runs out, the stale version is what remains.
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity, expectedVersions: [1: 0],
                                                     at: t0 + 11 * minute)) { error in
            XCTAssertTrue(error is ConcurrencyError, "\(error)")
        }
    }

    func testALockHeldByAnotherProcessSurfacesAsStoreBusyError() throws {
        let ws = try workspace(1)
        let store = try Store.open(ws.store.workspace, busyTimeout: 0.1)
        let other = try DatabaseQueue(path: ws.store.workspace.databaseURL.path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            XCTAssertThrowsError(try store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity)) { error in
                XCTAssertEqual(error as? StoreBusyError, StoreBusyError())
                XCTAssertEqual(String(describing: error),
                               "the workspace is busy: another process holds the write lock; nothing was changed, try again")
            }
            XCTAssertThrowsError(try store.claim(1, by: ws.identity)) { XCTAssertTrue($0 is StoreBusyError) }
        }
        XCTAssertEqual(try store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity).changedItems, 1)
    }
}

