import XCTest
@testable import WinnowStore
@testable import WinnowTUI

/// The dispute queue's keys through the reducer alone: picking a competing value, the rationale
/// a decision needs, a party refused, remapped keys, reopening, and `:dispute` in triage.
final class DisputeReducerTests: XCTestCase {
    /// A severity dispute on #1: bo said S2, cy said S3 (and a decided one on severity of #1 when asked).
    func disputeDetail(id: Int64 = 7, state: DisputeState = .open, decidedValue: String? = nil) -> DisputeDetail {
        let summary = DisputeSummary(id: id, itemID: 1, field: .label(.severity), roundID: 1, roundName: "wk48", state: state,
                                     openedBy: "cy", openedMillis: fixedNow - 3_600_000, reason: "round wk48: bo said S2, cy said S3",
                                     decidedBy: state == .decided ? "dee" : nil, decidedMillis: nil, decidedValue: decidedValue)
        let competing = [
            DisputedJudgment(id: 10, reviewer: "bo", createdMillis: fixedNow - 7_200_000, value: "S2", rationale: "the user acted on it",
                             note: nil, state: "pending", verdict: .undecided),
            DisputedJudgment(id: 11, reviewer: "cy", createdMillis: fixedNow - 3_600_000, value: "S3", rationale: "only awkward",
                             note: nil, state: "pending", verdict: .undecided),
        ]
        return DisputeDetail(summary: summary, itemVersion: 4, competing: competing, decision: nil, withdrawn: [], disputants: ["bo", "cy"])
    }

    /// The dispute queue open on #1 with its dispute loaded, as `d` and the store leave it.
    func queueState(keymap: Keymap = .standard, reviewer: String = "alice", disputes: [DisputeDetail]? = nil) -> AppState {
        var state = makeState(rows: [makeRow(1, severity: "S2"), makeRow(2)])
        state.keymap = keymap
        state.reviewer = reviewer
        XCTAssertEqual(Reducer.run(&state, .disputeQueue, argument: nil), [.reload(keepingItem: nil, position: 0)])
        _ = Reducer.reduce(&state, .window(rows: [makeRow(1, severity: "S2")], start: 0, total: 1, open: 1, cursor: 0))
        _ = Reducer.reduce(&state, .disputesLoaded(itemID: 1, disputes ?? [disputeDetail()],
                                                   scales: [.label(.severity): ["S1", "S2", "S3", "S4"]]))
        return state
    }

    func type(_ state: inout AppState, _ text: String) {
        for character in text { _ = Reducer.reduce(&state, .key(Key(String(character)))) }
    }

    func testSomeoneWhoIsNoAdjudicatorReadsEveryOpenDisputeAndIsRefusedAtThePick() {
        var state = makeState(rows: [makeRow(1)])
        state.singleUser = false
        state.mayAdjudicate = false
        _ = press(&state, "d")
        XCTAssertEqual(state.filterText, "dispute:open", "not dispute:mine: nothing is theirs to decide")
        XCTAssertTrue(state.message?.text.contains("read only: an adjudicator decides them") ?? false, state.message?.text ?? "")
        _ = Reducer.reduce(&state, .window(rows: [makeRow(1, severity: "S2")], start: 0, total: 1, open: 1, cursor: 0))
        _ = Reducer.reduce(&state, .disputesLoaded(itemID: 1, [disputeDetail()], scales: [.label(.severity): ["S1", "S2", "S3", "S4"]]))
        XCTAssertEqual(press(&state, "1"), [])
        XCTAssertNil(state.input, "no rationale line opens")
        XCTAssertEqual(state.message?.text, DisputeError.notAdjudicator(reviewer: "alice").description)
    }

    func testTheDisputeQueueFiltersToOpenDisputesAndLeavingRestoresTheFilter() {
        var state = makeState(rows: [makeRow(1)])
        _ = Reducer.reduce(&state, .command(.filter, argument: "signal:thumbs_down"))
        XCTAssertEqual(press(&state, "d"), [.reload(keepingItem: nil, position: 0)])
        XCTAssertEqual(state.filterText, "dispute:open", "single-user: every open dispute")
        XCTAssertTrue(state.keyContexts.contains(.disputes))
        _ = press(&state, "d")
        XCTAssertNil(state.disputeQueue)
        XCTAssertEqual(state.filterText, "signal:thumbs_down")
        XCTAssertFalse(state.keyContexts.contains(.disputes))
    }

    func testWithARosterTheQueueShowsTheDisputesYouMayDecide() {
        var state = makeState(rows: [makeRow(1)])
        state.singleUser = false
        _ = press(&state, "d")
        XCTAssertEqual(state.filterText, "dispute:mine")
    }

    func testAKeyPicksACompetingValueAndTheRationaleLineDecides() {
        var state = queueState()
        XCTAssertEqual(press(&state, "2"), [])
        XCTAssertEqual(state.input?.text, "decide S3 ", "the second key picks the second value; the rationale comes next")
        type(&state, "no harm done")
        XCTAssertEqual(press(&state, "enter"), [.decideDispute(7, value: "S3", rationale: "no harm done", itemVersion: 4)])
        XCTAssertNil(state.input)
    }

    func testADecisionWithoutRationaleIsRefusedAndTheLineStaysOpen() {
        var state = queueState()
        _ = press(&state, "1")
        XCTAssertEqual(press(&state, "enter"), [], "nothing is decided")
        XCTAssertEqual(state.input?.text, "decide S2 ")
        XCTAssertEqual(state.input?.error, DisputeError.rationaleRequired.description)
    }

    func testAValueOffTheFieldsScaleIsRefused() {
        var state = queueState()
        XCTAssertEqual(Reducer.reduce(&state, .command(.decide, argument: "S9 because")), [])
        XCTAssertEqual(state.input?.error, "severity `S9` is not one of: S1, S2, S3, S4")
    }

    func testAnotherValueOpensTheLineWithTheFieldsValuesToComplete() {
        var state = queueState()
        _ = press(&state, "=")
        XCTAssertEqual(state.input?.text, "decide ")
        XCTAssertEqual(state.input?.completions, ["S1", "S2", "S3", "S4"])
        type(&state, "S1 rows were deleted")
        XCTAssertEqual(press(&state, "enter"), [.decideDispute(7, value: "S1", rationale: "rows were deleted", itemVersion: 4)])
    }

    func testAPartyToTheDisputeIsRefusedInTheStoresWords() {
        var state = queueState(reviewer: "cy")
        XCTAssertEqual(press(&state, "1"), [])
        XCTAssertNil(state.input)
        XCTAssertEqual(state.message, .init(text: DisputeError.disputant(reviewer: "cy", dispute: 7).description, isError: true))
    }

    func testRemappedPickKeysPickInTheirOrderAndTheDefaultsNoLonger() throws {
        var state = queueState(keymap: try Keymap(overrides: ["adjudicate_pick": ["y", "z"], "adjudicate_other": ["ctrl-g"]]))
        _ = press(&state, "z")
        XCTAssertEqual(state.input?.text, "decide S3 ")
        state.input = nil
        _ = press(&state, "2")
        XCTAssertNil(state.input, "2 is no longer bound in the dispute queue")
        _ = press(&state, "ctrl-g")
        XCTAssertEqual(state.input?.text, "decide ")
    }

    func testAPickBeyondTheCompetingValuesSaysHowManyThereAre() {
        var state = queueState()
        _ = press(&state, "3")
        XCTAssertNil(state.input)
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertTrue(state.message?.text.contains("has 2 competing values") == true, state.message?.text ?? "")
    }

    func testALeadReopensTheDecidedDisputeWithAReason() {
        var state = queueState(disputes: [disputeDetail(id: 9, state: .decided, decidedValue: "S2")])
        _ = press(&state, "1")
        XCTAssertTrue(state.message?.text.contains("is decided") == true, "a decided dispute takes no new decision")
        XCTAssertEqual(press(&state, "ctrl-o"), [])
        XCTAssertEqual(state.input?.text, "reopen ")
        type(&state, "the rows were restored")
        XCTAssertEqual(press(&state, "enter"), [.reopenDispute(9, reason: "the rows were restored")])
    }

    func testNextDisputeCyclesTheItemsFields() {
        var owner = disputeDetail(id: 8)
        owner.summary.field = .label(.owner)
        var state = queueState(disputes: [disputeDetail(), owner])
        XCTAssertEqual(state.disputeQueue?.shown?.summary.id, 7)
        _ = press(&state, "f")
        XCTAssertEqual(state.disputeQueue?.shown?.summary.id, 8)
        _ = press(&state, "f")
        XCTAssertEqual(state.disputeQueue?.shown?.summary.id, 7)
    }

    func testAdjudicatingKeysOutsideTheDisputeQueueSayWhereTheyWork() {
        var state = makeState(rows: [makeRow(1)])
        XCTAssertEqual(Reducer.reduce(&state, .command(.decide, argument: "S2 why")), [])
        XCTAssertEqual(state.message, .init(text: "decide: only in the dispute queue (d opens it)", isError: true))
    }

    func testDisputeInTriageNeedsAFieldAndAReason() {
        var state = makeState(rows: [makeRow(1, severity: "S2", version: 3)])
        XCTAssertEqual(Reducer.reduce(&state, .command(.raiseDispute, argument: "severity")), [])
        XCTAssertEqual(state.input?.text, "dispute severity ")
        XCTAssertEqual(state.input?.error, DisputeError.reasonRequired.description)
        state.input = nil
        XCTAssertEqual(Reducer.reduce(&state, .command(.raiseDispute, argument: "note it is wrong")), [])
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertEqual(Reducer.reduce(&state, .command(.raiseDispute, argument: "severity=S1 the export deleted rows")),
                       [.raiseDispute(.severity, item: 1, reason: "the export deleted rows", proposedValue: "S1", version: 3)])
    }

    func testTabCompletesTheFieldOfADispute() {
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, ":")
        type(&state, "dispute sev")
        _ = press(&state, "tab")
        XCTAssertEqual(state.input?.text, "dispute severity")
    }

    func testDisputesOfAnotherItemArrivingLateAreDropped() {
        var state = queueState()
        _ = Reducer.reduce(&state, .disputesLoaded(itemID: 2, [disputeDetail(id: 99)], scales: [:]))
        XCTAssertEqual(state.disputeQueue?.shown?.summary.id, 7)
    }

    func testEscLeavesTheDisputeQueueAfterTheMarks() {
        var state = queueState()
        state.marked = [1]
        XCTAssertEqual(state.keyContexts, [.global, .list, .disputes, .marks], "marks lie over the dispute queue")
        _ = press(&state, "esc")
        XCTAssertTrue(state.marked.isEmpty)
        XCTAssertNotNil(state.disputeQueue)
        XCTAssertEqual(press(&state, "esc"), [.reload(keepingItem: 1, position: 0)])
        XCTAssertNil(state.disputeQueue)
        XCTAssertEqual(state.filterText, "")
    }

    func testWithMarksADigitStillPicksInTheDisputeQueue() {
        var state = queueState()
        state.marked = [1]
        _ = press(&state, "2")
        XCTAssertEqual(state.input?.text, "decide S3 ")
    }
}
