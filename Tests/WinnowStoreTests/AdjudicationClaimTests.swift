import Foundation
import XCTest
import WinnowCore
@testable import WinnowStore

/// A decision right after the dispute opened: the party who last worked the item still holds it
/// for a lease, and must not keep the adjudicator out; anyone else's claim still does.
final class AdjudicationClaimTests: XCTestCase {
    /// bo's severity S3 on #1 (bo holds it), disputed by alice proposing S1.
    func disputedWhileHeld() throws -> TestWorkspace {
        let ws = try workspace(2, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: bo, expectedVersions: try ws.store.versions(of: [1]), at: t0)
        try ws.store.raiseDispute(.severity, on: 1, reason: "rows were deleted", proposedValue: "S1", by: alice, at: t0 + minute)
        return ws
    }

    func testTheDecisionTakesOverAPartysClaimInTheSameAction() throws {
        let ws = try disputedWhileHeld()
        let decided = try ws.store.decideDispute(1, value: "S1", rationale: "rows were deleted", by: carol, at: t0 + 2 * minute)
        XCTAssertEqual(try ws.store.dispute(1).summary.state, .decided)
        var records: [AuditRecord] = []
        try AuditLog.forEach(.init(itemID: 1), in: ws.store) { records.append($0) }
        let action = records.filter { $0.actionID == records.last!.actionID }
        XCTAssertEqual(action.map(\.action), ["takeover", "dispute_decide"], "one action: the takeover, then the decision")
        XCTAssertEqual(action.first?.oldValue, "bo")
        XCTAssertEqual(action.first?.reason, "deciding dispute #1")
        XCTAssertEqual(decided.changes.map(\.field), ["severity"])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND claimed_by = 'carol'"), 1)
    }

    func testSomeoneElsesClaimStillRefusesTheDecisionAndNothingChanges() throws {
        let ws = try disputedWhileHeld()
        // bo's lease is over; dana, no party, works the item now.
        _ = try ws.store.claim(1, by: dana, at: t0 + 60 * minute)
        XCTAssertThrowsError(try ws.store.decideDispute(1, value: "S1", rationale: "rows were deleted", by: carol, at: t0 + 61 * minute)) {
            XCTAssertTrue($0 is ClaimError, "\($0)")
        }
        XCTAssertEqual(try ws.store.dispute(1).summary.state, .open)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'dispute_decide'"), 0)
    }
}
