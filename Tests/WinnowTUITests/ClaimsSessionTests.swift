import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// Claims end with the shift, against a real store: `t` lets go of the item it took before when
/// nothing was done to it, quitting lets go of every claim the session did not use, a takeover is
/// told to the reviewer who lost the claim, and a crash needs nothing: the lease runs out.
final class ClaimsSessionTests: XCTestCase {
    /// A clock a test moves by hand.
    final class TestClock {
        var now = fixedNow
    }

    func runtime(_ ws: FixtureWorkspace, reviewer: String, clock: TestClock) -> QueueRuntime {
        let state = AppState(width: 100, height: 30, workspaceName: ws.store.config.name, reviewer: reviewer,
                             singleUser: true, now: clock.now, themeName: "dusk", themeNames: ["dusk"])
        let session = QueueSession(store: ws.store, identity: Identity(reviewer: reviewer, osUser: "os"), clock: { clock.now })
        let runtime = QueueRuntime(state: state.withVocabulary(of: ws.store), session: session)
        runtime.start()
        runtime.settle()
        return runtime
    }

    /// The items `reviewer` holds an active claim on at `now`, in queue order.
    func claimed(_ ws: FixtureWorkspace, by reviewer: String, now: Int64 = fixedNow) throws -> [Int64] {
        let reader = QueueReader(store: ws.store, reviewer: reviewer)
        let filter = reader.compile(try FilterQuery.parse("claimed:\(reviewer)"), now: now)
        return try reader.rows(filter, sort: .queue, offset: 0, limit: 100).map(\.id)
    }

    func testTakeNextLetsGoOfThePreviousTakeWhenNothingWasDoneToIt() throws {
        let ws = try FixtureWorkspace(lines: (1...6).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        var taken: [Int64] = []
        for _ in 1...3 {
            press(runtime, "t")
            taken.append(try XCTUnwrap(runtime.state.selectedRow?.id))
        }
        XCTAssertEqual(Set(taken).count, 3, "each t moves on to another item: \(taken)")
        XCTAssertEqual(runtime.state.message?.text,
                       "Took #\(taken[2]): claimed for 10 min, renewed as you work; released #\(taken[1]), untouched")
        XCTAssertEqual(try claimed(ws, by: "alice"), [taken[2]], "t t t holds one item, not three")
        var releases: [AuditRecord] = []
        try AuditLog.forEach(.init(reviewer: "alice"), in: ws.store) { if $0.action == "release" { releases.append($0) } }
        XCTAssertEqual(releases.map(\.itemID), [taken[0], taken[1]])
        XCTAssertEqual(Set(releases.map(\.reason)), ["passed over with take_next"])

        // An item labelled after it was taken is work: the next t keeps its claim.
        press(runtime, "s", "2")
        press(runtime, "t")
        let fourth = try XCTUnwrap(runtime.state.selectedRow?.id)
        XCTAssertFalse(taken.contains(fourth))
        XCTAssertEqual(runtime.state.message?.text, "Took #\(fourth): claimed for 10 min, renewed as you work")
        XCTAssertEqual(Set(try claimed(ws, by: "alice")), [taken[2], fourth])
    }

    func testTakeNextGoesRoundThePassedOverItemsWhenNoOtherIsLeft() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        var taken: [Int64] = []
        for _ in 1...4 {
            press(runtime, "t")
            XCTAssertTrue(runtime.state.message?.text.hasPrefix("Took #") == true, runtime.state.message?.text ?? "")
            taken.append(try XCTUnwrap(runtime.state.selectedRow?.id))
        }
        XCTAssertEqual(Set(taken.prefix(3)).count, 3)
        XCTAssertEqual(taken[3], taken[0], "with every other item passed over, t starts again from the first")
        XCTAssertEqual(try claimed(ws, by: "alice"), [taken[3]])
    }

    func testQuittingReleasesTheClaimsNotUsedAndKeepsTheChangedOnes() throws {
        let ws = try FixtureWorkspace(lines: (1...6).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        func selected() throws -> Int64 { try XCTUnwrap(runtime.state.selectedRow?.id) }
        press(runtime, "enter", "q")
        let looked = try selected()
        press(runtime, "j", "s", "2")
        let labelled = try selected()
        press(runtime, "j", "c", "X", "esc")            // a correction begun, kept as a draft
        let drafted = try selected()
        XCTAssertNotNil(try ws.store.draft(item: drafted, reviewer: "alice"))
        press(runtime, "j", "enter", "q")
        let lookedToo = try selected()
        press(runtime, "t")
        let took = try selected()
        XCTAssertEqual(Set(try claimed(ws, by: "alice")), [looked, labelled, drafted, lookedToo, took])
        XCTAssertEqual(try claimed(ws, by: "alice").count, 5)
        press(runtime, "q")
        XCTAssertFalse(runtime.state.shouldQuit)
        XCTAssertNil(runtime.session.claimsAtQuit, "q released nothing")

        press(runtime, "Q")
        XCTAssertTrue(runtime.state.shouldQuit)
        let unused = [looked, lookedToo, took].sorted()
        XCTAssertEqual(runtime.session.claimsAtQuit, ClaimsAtQuit(released: unused, failure: nil))
        XCTAssertEqual(Set(try claimed(ws, by: "alice")), [labelled, drafted], "the labelled item and the drafted one stay claimed")
        var records: [AuditRecord] = []
        try AuditLog.forEach(.init(reviewer: "alice"), in: ws.store) { if $0.action == "release" { records.append($0) } }
        XCTAssertEqual(records.map(\.itemID), unused)
        XCTAssertEqual(Set(records.map(\.actionID)).count, 1, "one action, one transaction")
        XCTAssertEqual(Set(records.map(\.reason)), ["unused when the session ended"])

        let report = try ws.store.shiftReport(reviewer: "alice", since: fixedNow - 1, until: fixedNow)
        let summary = QuitSummary(report: report, claims: try XCTUnwrap(runtime.session.claimsAtQuit),
                                  stillClaimed: report.itemsStillClaimed, leaseMinutes: 10)
        XCTAssertTrue(summary.text.hasPrefix("Shift of alice"), summary.text)
        XCTAssertTrue(summary.text.hasSuffix("Released 3 claims you did not use; still claimed 2, until the lease runs out (10 min)\n"),
                      summary.text)
        // Asked again (the terminal loop ending), nothing more happens.
        XCTAssertEqual(runtime.session.releaseUnusedClaims(), runtime.session.claimsAtQuit)
    }

    func testTheQuitSummarySaysWhatBecameOfTheClaims() {
        let none = QuitSummary(report: nil, claims: ClaimsAtQuit(released: [], failure: nil), stillClaimed: 0, leaseMinutes: 10)
        XCTAssertEqual(none.text, "", "a session that held nothing prints nothing")
        let looked = QuitSummary(report: nil, claims: ClaimsAtQuit(released: [4], failure: nil), stillClaimed: 0, leaseMinutes: 10)
        XCTAssertEqual(looked.text, "Released 1 claim you did not use; still claimed 0\n")
        let worked = QuitSummary(report: nil, claims: ClaimsAtQuit(released: [], failure: nil), stillClaimed: 2, leaseMinutes: 10)
        XCTAssertEqual(worked.text, "Still claimed 2, until the lease runs out (10 min)\n", "no line about releasing nothing")
        let failed = QuitSummary(report: nil, claims: ClaimsAtQuit(released: [], failure: "Your claims were not released (busy); they run out with their lease"),
                                 stillClaimed: 3, leaseMinutes: 10)
        XCTAssertEqual(failed.text, "Your claims were not released (busy); they run out with their lease\n")
    }

    func testATakeoverIsToldToTheReviewerWhoLostTheClaim() throws {
        let ws = try FixtureWorkspace(lines: (1...4).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        press(runtime, "enter")
        let item = try XCTUnwrap(runtime.state.selectedRow?.id)
        XCTAssertEqual(runtime.state.selectedRow?.claimedBy, "alice")
        try ws.store.takeOver(item, by: Identity(reviewer: "carol", osUser: "carol-os"), reason: "shift handoff", at: fixedNow)
        runtime.tick()
        runtime.settle()
        XCTAssertEqual(runtime.state.message,
                       .init(text: "carol took over #\(item) from you (reason: shift handoff) — your changes to it will be refused", isError: true))
        XCTAssertEqual(runtime.state.selectedRow?.claimedBy, "carol", "the list shows the new holder")
        XCTAssertEqual(runtime.state.detail?.row.claimedBy, "carol")

        // Told once; another reviewer's takeover of someone else's claim is not news here.
        press(runtime, "q", "j")
        let other = try XCTUnwrap(runtime.state.selectedRow?.id)
        XCTAssertNotEqual(other, item)
        try ws.store.claim(other, by: Identity(reviewer: "bo", osUser: "bo-os"), at: fixedNow)
        try ws.store.takeOver(other, by: Identity(reviewer: "carol", osUser: "carol-os"), at: fixedNow)
        runtime.tick()
        runtime.settle()
        XCTAssertNil(runtime.state.message)
        // Quitting does not try to release a claim that is no longer this reviewer's.
        press(runtime, "Q")
        XCTAssertEqual(runtime.session.claimsAtQuit?.released, [])
    }

    func testACrashLeavesTheClaimsToRunOutWithTheirLease() throws {
        let ws = try FixtureWorkspace(lines: (1...4).map { fixtureEvent($0) })
        let clock = TestClock()
        let dana = runtime(ws, reviewer: "dana", clock: clock)
        press(dana, "t")
        let item = try XCTUnwrap(dana.state.selectedRow?.id)
        // Dana's process dies here: no quit, nothing released.
        XCTAssertEqual(try claimed(ws, by: "dana"), [item])

        clock.now = fixedNow + 10 * 60_000 - 1
        let bob = runtime(ws, reviewer: "bob", clock: clock)
        press(bob, "t")
        XCTAssertNotEqual(bob.state.selectedRow?.id, item, "still dana's until the lease runs out")
        clock.now = fixedNow + 10 * 60_000
        XCTAssertEqual(try claimed(ws, by: "dana", now: clock.now), [], "an expired lease is no claim")
        press(bob, "g", "t")
        XCTAssertEqual(bob.state.selectedRow?.id, item)
        XCTAssertEqual(try claimed(ws, by: "bob", now: clock.now), [item])
    }
}
