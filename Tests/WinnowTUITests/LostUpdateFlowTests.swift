import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// A reviewer's bulk actions and undos against a real store while a colleague works the same
/// items: a change made meanwhile is refused, however far from the loaded rows.
final class LostUpdateFlowTests: XCTestCase {
    let bo = Identity(reviewer: "bo", osUser: "bo-os")

    func testARangeMarkedBeyondTheWindowIsCheckedItemByItem() throws {
        let ws = try FixtureWorkspace(lines: (1...300).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let top = try XCTUnwrap(runtime.state.selectedRow?.id)
        press(runtime, "V", "G", "V")
        XCTAssertEqual(runtime.state.marked.count, 300)
        XCTAssertEqual(runtime.state.markedVersions.count, 300, "the range's versions came with its ids")
        XCTAssertFalse(runtime.state.rows.contains { $0.id == top }, "the first item is far outside the loaded rows")

        // A colleague labels the first item after it was marked, and moves on (releases it).
        try ws.label(.severity, "S2", on: top, by: bo)
        press(runtime, "s", "1")
        XCTAssertEqual(runtime.state.confirmation?.question, "Set severity S1 on 300 marked items? y/n")
        press(runtime, "y")
        XCTAssertEqual(runtime.state.message?.text,
                       "#\(top) was changed by bo meanwhile (severity none → S2); the fresh state is shown — repeat the action to apply it")
        XCTAssertEqual(runtime.state.message?.isError, true)
        let reader = QueueReader(store: ws.store, reviewer: "alice")
        XCTAssertEqual(try reader.count(reader.compile(try FilterQuery.parse("severity:S1"))).total, 0, "nothing was written")
        XCTAssertEqual(try reader.count(reader.compile(try FilterQuery.parse("severity:S2"))).total, 1, "bo's label stands")
    }

    func testOwnUndosChainAndAColleaguesChangeStopsTheUndoNamingWho() throws {
        let ws = try FixtureWorkspace(lines: (1...5).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let item = try XCTUnwrap(runtime.state.selectedRow?.id)
        press(runtime, "s", "1")
        press(runtime, "s", "2")
        press(runtime, "u")
        press(runtime, "u")
        XCTAssertEqual(runtime.state.message?.text, "Undid severity on 1 item", "the first label undoes after the second's undo")
        XCTAssertNil(runtime.state.selectedRow?.severity)
        press(runtime, "ctrl-r")
        XCTAssertEqual(runtime.state.selectedRow?.severity, "S1", "and redoes")

        // The colleague acts after alice's claim ran out (a lead's takeover would do the same).
        try ws.store.releaseClaim(item, by: Identity(reviewer: "alice", osUser: "tester"))
        try ws.store.applyLabel(.owner, value: "search-team", to: [item], by: bo, expectedVersions: try ws.store.versions(of: [item]))
        press(runtime, "u")
        XCTAssertEqual(runtime.state.message?.text, "cannot undo: owner of #\(item) was changed since by bo; nothing was changed")
        XCTAssertEqual(runtime.state.undoDepth, 0, "a refused undo cannot apply later: it leaves the stack")
        XCTAssertEqual(runtime.state.selectedRow?.severity, "S1", "nothing was changed")
    }
}
