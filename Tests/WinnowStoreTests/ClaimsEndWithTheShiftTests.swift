import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Claims end with the shift (the store's side): letting go of the claims a reviewer did nothing
/// with, a merge claiming its canonical item, and the takeovers a reviewer is told of.
final class ClaimsEndWithTheShiftTests: XCTestCase {
    func holder(_ ws: TestWorkspace, _ item: Int64) throws -> String? {
        try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT claimed_by FROM items WHERE id = ?", arguments: [item]) }
    }

    func testOnlyTheClaimsNothingWasDoneWithAreReleasedInOneAuditedAction() throws {
        let ws = try workspace(6, config: rosterConfig)
        // Item 5 was labelled by bo before the session began: that is not work of this session.
        try ws.store.applyLabel(.severity, value: "S3", to: [5], by: bo, at: t0 - minute)
        for item: Int64 in [1, 2, 3, 4, 5] { try ws.store.claim(item, by: bo, at: t0) }
        try ws.store.claim(6, by: alice, at: t0)
        try ws.store.applyLabel(.severity, value: "S2", to: [2], by: bo, at: t0 + 1)
        try ws.store.saveDraft("A better answer, half written", item: 3, reviewer: bo.reviewer, at: t0 + 2)
        let owner = try ws.store.applyLabel(.owner, value: "content-team", to: [4], by: bo, at: t0 + 3)
        try ws.store.undo(owner, by: bo, at: t0 + 4)
        let before = try auditCount(ws)

        let released = try ws.store.releaseUnusedClaims([6, 5, 4, 3, 2, 1, 1], by: bo, since: t0, reason: "unused when the session ended",
                                                        at: t0 + minute)
        XCTAssertEqual(released, [1, 5], "looked at only; 2 labelled, 3 drafted, 4 labelled and undone, 6 someone else's")
        XCTAssertEqual(try [1, 2, 3, 4, 5, 6].map { try holder(ws, $0) }, [nil, "bo", "bo", "bo", nil, "alice"])
        var records: [AuditRecord] = []
        try AuditLog.forEach(.init(), in: ws.store) { if $0.seq > before { records.append($0) } }
        XCTAssertEqual(records.map(\.action), ["release", "release"])
        XCTAssertEqual(records.map(\.itemID), [1, 5])
        XCTAssertEqual(records.map(\.oldValue), ["bo", "bo"])
        XCTAssertEqual(Set(records.map(\.reason)), ["unused when the session ended"])
        XCTAssertEqual(Set(records.map(\.actionID)), [records[0].seq], "one action")
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)

        // Nothing left to let go: nothing written.
        XCTAssertEqual(try ws.store.releaseUnusedClaims([1, 2, 5], by: bo, since: t0, at: t0 + 2 * minute), [])
        XCTAssertEqual(try auditCount(ws), before + 2)
        // An expired claim is no claim: nothing to release.
        XCTAssertEqual(try ws.store.releaseUnusedClaims([6], by: alice, since: t0 + 20 * minute, at: t0 + 20 * minute), [])
    }

    func testWorkOnAClusterCountsForItsCanonical() throws {
        let ws = try workspace(4, config: rosterConfig)
        for item: Int64 in [1, 4] { try ws.store.claim(item, by: bo, at: t0) }
        try ws.store.merge([2, 3], into: 1, by: bo, at: t0 + 1)
        XCTAssertEqual(try ws.store.releaseUnusedClaims([1, 2, 3, 4], by: bo, since: t0, at: t0 + minute), [4],
                       "merging into 1 was work on it")
    }

    func testAMergeClaimsTheCanonicalUnderTheMergesAction() throws {
        let ws = try workspace(5, config: rosterConfig)
        let merge = try ws.store.merge([2, 3], into: 1, by: bo, at: t0)
        XCTAssertEqual(try [1, 2, 3].map { try holder(ws, $0) }, ["bo", "bo", "bo"])
        var claims: [AuditRecord] = []
        try AuditLog.forEach(.init(), in: ws.store) { if $0.action == "claim" { claims.append($0) } }
        XCTAssertEqual(claims.map(\.itemID), [2, 3, 1])
        XCTAssertEqual(Set(claims.map(\.actionID)), [try XCTUnwrap(merge.actionID)], "the canonical's claim is the merge's")
        XCTAssertEqual(try ws.count("SELECT claim_expires_ms FROM items WHERE id = 1"), Int(t0 + 10 * minute))

        // Merging into a member claims the cluster's root, which is what grows; a held root refuses.
        try ws.store.releaseClaim(1, by: bo, at: t0 + 1)
        try ws.store.merge([4], into: 2, by: bo, at: t0 + 2)
        XCTAssertEqual(try holder(ws, 1), "bo")
        try ws.store.claim(5, by: alice, at: t0 + 3)
        XCTAssertThrowsError(try ws.store.merge([5], into: 1, by: bo, at: t0 + 4)) { error in
            XCTAssertEqual(error as? ClaimError, .heldBy(item: 5, reviewer: "alice", untilMillis: t0 + 3 + 10 * minute))
        }
        XCTAssertThrowsError(try ws.store.merge([1], into: 5, by: bo, at: t0 + 4))
        XCTAssertEqual(try holder(ws, 5), "alice")
    }

    func testTakeoversOfAReviewersClaimsAreFoundFromTheLastSeenRecord() throws {
        let ws = try workspace(3, config: rosterConfig)
        try ws.store.claim(1, by: bo, at: t0)
        try ws.store.claim(2, by: ws.identity, at: t0)
        let start = try AuditLog.head(ws.store).seq
        XCTAssertEqual(try ws.store.takeovers(from: "bo", after: start).notices, [])

        try ws.store.takeOver(1, by: alice, reason: "bo went home", at: t0 + minute)
        try ws.store.takeOver(2, by: alice, at: t0 + minute)
        let first = try ws.store.takeovers(from: "bo", after: start)
        XCTAssertEqual(first.notices.map(\.itemID), [1])
        XCTAssertEqual(first.notices.first?.by, "alice")
        XCTAssertEqual(first.notices.first?.reason, "bo went home")
        XCTAssertEqual(first.notices.first?.atMillis, t0 + minute)
        XCTAssertEqual(first.lastSeq, try AuditLog.head(ws.store).seq)
        XCTAssertEqual(try ws.store.takeovers(from: "tester", after: start).notices.map(\.itemID), [2])
        // From the last seen record on, the same takeover is not found again.
        XCTAssertEqual(try ws.store.takeovers(from: "bo", after: first.lastSeq).notices, [])
        XCTAssertEqual(try ws.store.takeovers(from: "bo", after: first.lastSeq).lastSeq, first.lastSeq)
    }
}
