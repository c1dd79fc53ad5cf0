import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// The scoring screen against a real store: five keys and Enter write one audited submission, the
/// next open assignment comes up, the blind rule holds on a second reviewer's screen until the
/// item is complete, and the rounds view reports progress and runs `:round_new` / `:round_close`.
final class ScoringSessionTests: XCTestCase {
    let lead = Identity(reviewer: "lead", osUser: "lead-os")

    func workspace() throws -> FixtureWorkspace {
        let ws = try FixtureWorkspace(lines: (1...4).map { fixtureEvent($0) })
        try ws.store.createRound(RoundSpec(name: "qa-oct", rubric: "support", overlap: 2, reviewers: ["alice", "bo"],
                                           sample: RoundSampleSpec(count: 2, seed: 7)), by: lead, at: fixedNow - 60_000)
        return ws
    }

    /// Moves the scoring screen to the assignment of `item`.
    func show(_ runtime: QueueRuntime, item: Int64) throws {
        let index = try XCTUnwrap(runtime.state.scoring?.sheet.assignments.firstIndex { $0.itemID == item })
        while let current = runtime.state.scoring?.current, current != index {
            press(runtime, current < index ? "J" : "K")
        }
    }

    func testFiveKeysAndEnterSubmitThenTheNextAssignmentComesUp() throws {
        let ws = try workspace()
        let alice = ws.runtime(width: 100, height: 30)
        press(alice, "r")
        let first = try XCTUnwrap(alice.state.scoring?.assignment?.itemID)
        XCTAssertEqual(alice.state.scoring?.item?.detail?.row.id, first, "the item's evidence is loaded")
        press(alice, "4", "5", "3", "1", "2", "enter")
        let mine = try ws.store.assignments(for: "alice", round: "qa-oct")
        XCTAssertEqual(mine.first { $0.itemID == first }?.state, "submitted")
        XCTAssertEqual(mine.first { $0.itemID == first }?.values[.dimension("access_correctness")], "pass")
        XCTAssertEqual(alice.state.message?.text, "Submitted #\(first): 5 scores")
        XCTAssertNotEqual(alice.state.scoring?.assignment?.itemID, first, "on to the next open assignment")
        XCTAssertEqual(alice.state.scoring?.assignment?.isOpen, true)
        let audit = try ws.store.itemHistory(first, viewer: Identity(reviewer: "alice", osUser: "x")).filter { $0.action == "score" }
        XCTAssertEqual(audit.count, 5, "one audit record per field, in one action")
        XCTAssertEqual(Set(audit.map(\.actionID)).count, 1)
    }

    func testAnotherReviewerSeesNothingOfYourScoresUntilTheItemIsComplete() throws {
        let ws = try workspace()
        let alice = ws.runtime(width: 200, height: 60)
        press(alice, "r")
        let item = try XCTUnwrap(alice.state.scoring?.assignment?.itemID)
        press(alice, "5", "5", "4", "1", "2", "W")
        for key in "leaks nothing".map(String.init) { press(alice, key == " " ? "space" : key) }
        press(alice, "enter", "enter")

        let bo = ws.runtime(width: 200, height: 60, reviewer: "bo")
        press(bo, "r")
        try show(bo, item: item)
        let seen = try XCTUnwrap(bo.state.scoring?.item?.judgments.filter { $0.reviewer == "alice" })
        XCTAssertEqual(seen.count, 5)
        XCTAssertTrue(seen.allSatisfy(\.isHidden))
        var screen = screenText(bo.frame())
        XCTAssertTrue(screen.contains("alice: " + JudgmentVisibility.hiddenText), screen)
        XCTAssertFalse(screen.contains("leaks nothing"), screen)
        press(bo, "h")
        XCTAssertTrue(bo.state.history.filter { $0.action == "score" }.allSatisfy { $0.newValue == JudgmentVisibility.hiddenText })
        press(bo, "esc")

        press(bo, "3", "4", "4", "2", "1", "enter")
        XCTAssertTrue(bo.state.message?.text.contains("item complete: ") == true, bo.state.message?.text ?? "")
        try show(bo, item: item)
        screen = screenText(bo.frame())
        XCTAssertTrue(screen.contains("alice: faithfulness 5 · completeness 5"), screen)

        alice.tick()
        try show(alice, item: item)
        screen = screenText(alice.frame())
        XCTAssertTrue(screen.contains("bo: faithfulness 3 · completeness 4"), screen)
        XCTAssertEqual(alice.state.scoring?.assignment?.itemComplete, true)
        press(alice, "E")
        XCTAssertTrue(alice.state.message?.text.hasPrefix("#\(item) is complete") == true)
    }

    func testARevisionIsWrittenWhileTheItemIsIncomplete() throws {
        let ws = try workspace()
        let alice = ws.runtime(width: 100, height: 30)
        press(alice, "r")
        let item = try XCTUnwrap(alice.state.scoring?.assignment?.itemID)
        press(alice, "4", "5", "3", "1", "2", "enter")
        try show(alice, item: item)
        press(alice, "E", "2", "enter")
        XCTAssertEqual(alice.state.message?.text, "Revised 1 score on #\(item)")
        XCTAssertEqual(try ws.store.assignments(for: "alice", round: "qa-oct").first { $0.itemID == item }?.values[.dimension("faithfulness")], "2")
    }

    func testASkipIsWrittenWithItsReason() throws {
        let ws = try workspace()
        let alice = ws.runtime(width: 100, height: 30)
        press(alice, "r")
        let item = try XCTUnwrap(alice.state.scoring?.assignment?.itemID)
        press(alice, "X", "n", "o", "space", "c", "o", "n", "t", "e", "x", "t", "enter")
        let skipped = try XCTUnwrap(try ws.store.assignments(for: "alice", round: "qa-oct").first { $0.itemID == item })
        XCTAssertEqual(skipped.state, "skipped")
        XCTAssertEqual(skipped.skipReason, "no context")
        XCTAssertEqual(alice.state.message?.text, "Skipped #\(item)")
    }

    func testTheRoundsViewShowsProgressAndItsCommandsRunARound() throws {
        let ws = try workspace()
        let alice = ws.runtime(width: 100, height: 30)
        press(alice, "P")
        XCTAssertEqual(alice.state.rounds?.rounds.map(\.round.name), ["qa-oct"])
        XCTAssertEqual(alice.state.keyContexts, [.global, .rounds])
        for key in ":round_new spot 2 seed=3 fields=severity reviewers=alice overlap=1".map(String.init) { press(alice, key == " " ? "space" : key) }
        press(alice, "enter")
        XCTAssertEqual(alice.state.message?.text, "Round spot: 2 items, 2 assignments to alice · judging severity · 1 blind each")
        XCTAssertEqual(Set(alice.state.rounds?.rounds.map(\.round.name) ?? []), ["qa-oct", "spot"])
        XCTAssertEqual(alice.state.roundNames, ["qa-oct", "spot"])
        // Enter on a round with your assignments opens the scoring screen on it.
        let index = try XCTUnwrap(alice.state.rounds?.rounds.firstIndex { $0.round.name == "spot" })
        press(alice, "g")
        for _ in 0..<index { press(alice, "j") }
        press(alice, "enter")
        XCTAssertEqual(alice.state.scoring?.sheet.round, "spot")
        XCTAssertEqual(alice.state.scoring?.judged, [.label(.severity)])
        press(alice, "2", "enter")
        press(alice, "q")
        XCTAssertEqual(alice.state.keyContexts, [.global, .rounds], "back from scoring to the rounds view")
        for key in ":round_close spot".map(String.init) { press(alice, key == " " ? "space" : key) }
        press(alice, "enter")
        XCTAssertEqual(alice.state.message?.text, "Closed round spot: 1 open assignment ended unscored")
        XCTAssertNotNil(try ws.store.rounds().first { $0.name == "spot" }?.closedMillis)
    }

    func testTabCompletesRoundNamesAndTheRoundCommandOpensOne() throws {
        let ws = try workspace()
        let alice = ws.runtime(width: 100, height: 30)
        for key in [":", "r", "o", "u", "n", "d", "space", "q", "tab"] { press(alice, key) }
        XCTAssertEqual(alice.state.input?.text, "round qa-oct")
        press(alice, "enter")
        XCTAssertEqual(alice.state.scoring?.sheet.round, "qa-oct")
        for key in ":round nope".map(String.init) { press(alice, key == " " ? "space" : key) }
        press(alice, "enter")
        XCTAssertEqual(alice.state.message, .init(text: "there is no round named nope (winnow round list shows them)", isError: true))
        XCTAssertEqual(alice.state.scoring?.sheet.round, "qa-oct", "a refusal leaves the screen as it was")
    }

    func testEnterOnARoundWithoutYourAssignmentsFiltersTheQueueToItsItems() throws {
        let ws = try workspace()
        let carol = ws.runtime(width: 100, height: 30, reviewer: "carol")
        press(carol, "P", "enter")
        XCTAssertNil(carol.state.rounds)
        XCTAssertEqual(carol.state.filterText, "round:qa-oct")
        XCTAssertEqual(carol.state.total, 2)
        XCTAssertEqual(Set(carol.state.rows.map(\.id)), Set(try ws.store.assignments(for: "alice", round: "qa-oct").map(\.itemID)))
    }
}
