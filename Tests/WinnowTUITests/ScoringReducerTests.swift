import XCTest
import WinnowConfig
@testable import WinnowStore
@testable import WinnowTUI

/// The scoring context through the reducer alone: one key per level, the cursor moving on after
/// each score, the submission as one effect, skips that need a reason, revisions refused once the
/// item is complete, and score keys that follow `[keys]`.
final class ScoringReducerTests: XCTestCase {
    static let dimensions = Rubric.standard.dimensions.map { JudgedField.dimension($0.name) }

    static func sheet(states: [String] = ["open", "open", "open"], complete: [Bool]? = nil,
                      values: [JudgedField: String] = [:]) -> ScoringSheet {
        var fields: [JudgedField: ScoringField] = [:]
        for dimension in Rubric.standard.dimensions {
            fields[.dimension(dimension.name)] = ScoringField(field: .dimension(dimension.name), description: dimension.description,
                                                              levels: dimension.scale.levels.map { ScoringLevel(value: $0.value, anchor: $0.anchor) },
                                                              checks: dimension.checks)
        }
        let assignments = states.enumerated().map { index, state in
            AssignmentRow(round: "qa-oct", roundID: 1, itemID: Int64(10 + index), position: index, state: state, skipReason: nil,
                          submittedMillis: state == "open" ? nil : fixedNow, judged: dimensions,
                          values: state == "submitted" ? values : [:], itemComplete: complete?[index] ?? false, roundClosed: false)
        }
        return ScoringSheet(round: "qa-oct", rubric: "support", rubricVersion: "0123456789ab", fields: fields, assignments: assignments)
    }

    func opened(_ sheet: ScoringSheet = sheet(), keymap: Keymap = .standard) -> AppState {
        var state = makeState(rows: [makeRow(1)])
        state.keymap = keymap
        let effects = Reducer.reduce(&state, .scoring(.opened(sheet, item: nil)))
        XCTAssertEqual(effects, [.scoring(.loadItem(round: "qa-oct", item: sheet.assignments.first(where: \.isOpen)?.itemID ?? 10))])
        return state
    }

    func testEachScoreKeyMovesToTheNextDimensionAndEnterSubmitsTheWholeItem() throws {
        var state = opened()
        XCTAssertEqual(state.keyContexts, [.global, .scoring])
        XCTAssertEqual(state.scoring?.currentField, .dimension("faithfulness"))
        XCTAssertEqual(press(&state, "4"), [])
        XCTAssertEqual(state.scoring?.currentField, .dimension("completeness"))
        XCTAssertEqual(state.message?.text, "faithfulness 4 · 4 to score")
        _ = press(&state, "5", "3", "1", "2")
        XCTAssertEqual(state.message?.text, "action_validity not_needed · all 5 scored: Enter submits")
        XCTAssertEqual(press(&state, "enter"), [.scoring(.submit(round: "qa-oct", item: 10, values: [
            .dimension("faithfulness"): "4", .dimension("completeness"): "5", .dimension("citation_quality"): "3",
            .dimension("access_correctness"): "pass", .dimension("action_validity"): "not_needed",
        ], rationales: [:], itemRationale: nil, revising: false))])
        XCTAssertEqual(press(&state, "enter"), [], "a second Enter while the first is being written sends nothing")
        XCTAssertEqual(state.message?.text, "the last submission is still being written")
    }

    func testAKeyOffTheScaleIsRefusedAndSetsNothing() throws {
        var state = opened()
        _ = press(&state, "j", "j")
        XCTAssertEqual(state.scoring?.currentField, .dimension("citation_quality"))
        _ = press(&state, "5")
        XCTAssertEqual(state.message, .init(text: "5 is off the scale of citation_quality: its keys are 1 2 3 4", isError: true))
        XCTAssertNil(state.scoring?.values[.dimension("citation_quality")])
        XCTAssertEqual(state.scoring?.fieldCursor, 2, "the cursor stays on the field until it is scored")
        _ = press(&state, "j", "3")
        XCTAssertEqual(state.message?.isError, true, "pass/fail has two levels: 1 pass, 2 fail")
        _ = press(&state, "2")
        XCTAssertEqual(state.scoring?.values[.dimension("access_correctness")], "fail")
    }

    func testSubmittingWithAFieldUnscoredNamesItAndGoesThere() throws {
        var state = opened()
        _ = press(&state, "4", "5", "j", "1", "1")
        XCTAssertEqual(press(&state, "enter"), [])
        XCTAssertEqual(state.message, .init(text: "Score citation_quality first", isError: true))
        XCTAssertEqual(state.scoring?.currentField, .dimension("citation_quality"))
    }

    func testTheCommandLineTakesAnyValueOfATriageFieldButOnlyALevelOfADimension() throws {
        var sheet = Self.sheet()
        sheet.fields[.label(.reasons)] = ScoringField(field: .label(.reasons), levels: [ScoringLevel(value: "stale")])
        sheet.assignments[0].judged = [.dimension("faithfulness"), .label(.reasons)]
        var state = opened(sheet)
        _ = Reducer.reduce(&state, .command(.scoreLevel, argument: "6"))
        XCTAssertEqual(state.message, .init(text: "faithfulness `6` is not on its scale: 1, 2, 3, 4, 5", isError: true))
        _ = Reducer.reduce(&state, .command(.scoreLevel, argument: "4"))
        _ = Reducer.reduce(&state, .command(.scoreLevel, argument: "stale,wrong_source"))
        XCTAssertEqual(state.scoring?.values, [.dimension("faithfulness"): "4", .label(.reasons): "stale,wrong_source"])
    }

    func testMovingBetweenFieldsChangesAScore() throws {
        var state = opened()
        _ = press(&state, "4", "5", "3", "1", "2")
        XCTAssertEqual(state.scoring?.currentField, .dimension("action_validity"), "the last score leaves the cursor on the last field")
        _ = press(&state, "k", "k", "k")
        XCTAssertEqual(state.scoring?.currentField, .dimension("completeness"))
        _ = press(&state, "2")
        XCTAssertEqual(state.scoring?.values[.dimension("completeness")], "2")
        _ = press(&state, "backspace")
        XCTAssertEqual(state.scoring?.currentField, .dimension("citation_quality"))
        XCTAssertNil(state.scoring?.values[.dimension("citation_quality")], "backspace clears the field under the cursor")
    }

    func testRationalesUseTheInputLine() throws {
        var state = opened()
        _ = press(&state, "4", "k", "w")
        XCTAssertEqual(state.input?.text, "score_why ")
        XCTAssertEqual(state.keyContext, .commandInput)
        _ = press(&state, "n", "o", " ", "s", "o", "u", "r", "c", "e", "enter")
        XCTAssertEqual(state.scoring?.rationales, [.dimension("faithfulness"): "no source"])
        _ = press(&state, "W", "o", "k", "enter")
        XCTAssertEqual(state.scoring?.itemRationale, "ok")
        _ = press(&state, "w")
        XCTAssertEqual(state.input?.text, "score_why no source", "the rationale opens again for editing")
    }

    func testASkipNeedsAReason() throws {
        var state = opened()
        _ = press(&state, "X")
        XCTAssertEqual(state.input?.text, "score_skip ")
        XCTAssertEqual(press(&state, "enter"), [])
        XCTAssertEqual(state.input?.text, "score_skip ", "an empty reason asks again")
        XCTAssertEqual(state.message, .init(text: "Why skip #10? A reason is required", isError: false))
        _ = press(&state, "esc")
        XCTAssertEqual(Reducer.reduce(&state, .command(.scoreSkip, argument: "  ")), [])
        XCTAssertEqual(state.message, .init(text: "A skip needs a reason: say why #10 cannot be scored", isError: true))
        _ = press(&state, "X", "n", "o", "t", "space", "E", "N")
        XCTAssertEqual(press(&state, "enter"), [.scoring(.skip(round: "qa-oct", item: 10, reason: "not EN"))])
        XCTAssertEqual(state.scoring?.sending, true)
        XCTAssertEqual(Reducer.reduce(&state, .command(.scoreSkip, argument: "again")), [], "nothing is sent twice")
    }

    func testAfterAWriteTheNextOpenAssignmentComesUp() throws {
        var state = opened(Self.sheet(states: ["open", "submitted", "open"]))
        _ = press(&state, "4", "5", "3", "1", "2", "enter")
        let effects = Reducer.reduce(&state, .scoring(.written(Self.sheet(states: ["submitted", "submitted", "open"]), item: 10,
                                                               message: "Submitted #10: 5 scores")))
        XCTAssertEqual(effects, [.scoring(.loadItem(round: "qa-oct", item: 12))])
        XCTAssertEqual(state.scoring?.assignment?.itemID, 12)
        XCTAssertEqual(state.scoring?.values, [:])
        XCTAssertEqual(state.scoring?.sending, false)
        XCTAssertEqual(state.message?.text, "Submitted #10: 5 scores")
    }

    func testASubmittedAssignmentIsRevisedUntilItsItemIsComplete() throws {
        let mine: [JudgedField: String] = [.dimension("faithfulness"): "2"]
        var state = opened(Self.sheet(states: ["submitted", "submitted"], complete: [false, true], values: mine))
        XCTAssertEqual(state.scoring?.assignment?.itemID, 10)
        _ = press(&state, "4")
        XCTAssertEqual(state.message, .init(text: "#10 is submitted: E reopens it for revision until the item is complete", isError: true))
        _ = press(&state, "E")
        XCTAssertEqual(state.scoring?.revising, true)
        XCTAssertEqual(state.scoring?.values, mine)
        _ = press(&state, "5", "enter")
        XCTAssertEqual(state.scoring?.values[.dimension("faithfulness")], "5")
        // Only one field is scored: a revision still needs every field, as the store does.
        XCTAssertEqual(state.message?.text, "Score completeness, citation_quality, access_correctness, action_validity first")

        _ = press(&state, "J")
        XCTAssertEqual(state.scoring?.revising, false)
        _ = press(&state, "E")
        XCTAssertEqual(state.message, .init(text: "#11 is complete: every reviewer's scores are in, so yours can no longer be revised (a dispute, if any, is decided by an adjudicator)",
                                            isError: true))
        XCTAssertEqual(state.scoring?.revising, false)
    }

    func testTriageKeysAreRefusedWhileScoring() throws {
        var state = opened()
        XCTAssertEqual(press(&state, "s"), [])
        XCTAssertEqual(state.message, .init(text: "severity: not on the scoring screen (q goes back to the queue)", isError: true))
        XCTAssertNil(state.pendingLabel)
        _ = press(&state, "q")
        XCTAssertNil(state.scoring)
        XCTAssertEqual(state.keyContexts, [.global, .list])
    }

    func testTheRoundsViewTakesThePlaceOfTheScoringScreen() throws {
        var state = opened()
        XCTAssertEqual(press(&state, "P"), [.scoring(.loadRounds(open: true))])
        let sample = RoundSampleDescription(filter: nil, count: 3, seed: 1, stratify: [], longTail: 0, reviewers: ["alice", "bo"],
                                            strata: [:], population: [:])
        let round = RoundSummary(id: 1, name: "qa-oct", rubric: "support", rubricVersion: "0123456789ab", fields: [], overlap: 2,
                                 sample: sample, createdBy: "lead", createdMillis: fixedNow, closedBy: nil, closedMillis: nil,
                                 items: 3, itemsComplete: 0, assignments: 6)
        let progress = RoundProgress(round: round, reviewers: [ReviewerProgress(reviewer: "alice", assigned: 3, submitted: 0, skipped: 0, remaining: 3)],
                                     disputesOpen: 0, disputesDecided: 0)
        _ = Reducer.reduce(&state, .scoring(.roundsLoaded([progress], open: true)))
        XCTAssertNil(state.scoring)
        XCTAssertEqual(state.keyContexts, [.global, .rounds])
        XCTAssertEqual(press(&state, "enter"), [.scoring(.open(round: "qa-oct"))], "alice has assignments in it: Enter scores them")
    }

    func testRemappedRoundsViewKeysWork() throws {
        var state = opened(keymap: try Keymap(overrides: ["round_open": ["o"], "rounds": ["f6"]]))
        _ = press(&state, "q")
        XCTAssertEqual(press(&state, "f6"), [.scoring(.loadRounds(open: true))])
        let sample = RoundSampleDescription(filter: nil, count: 3, seed: 1, stratify: [], longTail: 0, reviewers: ["alice", "bo"],
                                            strata: [:], population: [:])
        let round = RoundSummary(id: 1, name: "qa-oct", rubric: "support", rubricVersion: "0123456789ab", fields: [], overlap: 2,
                                 sample: sample, createdBy: "lead", createdMillis: fixedNow, closedBy: nil, closedMillis: nil,
                                 items: 3, itemsComplete: 0, assignments: 6)
        let progress = RoundProgress(round: round, reviewers: [ReviewerProgress(reviewer: "alice", assigned: 3, submitted: 0, skipped: 0, remaining: 3)],
                                     disputesOpen: 0, disputesDecided: 0)
        _ = Reducer.reduce(&state, .scoring(.roundsLoaded([progress], open: true)))
        XCTAssertEqual(press(&state, "enter"), [], "Enter no longer opens a round")
        XCTAssertEqual(press(&state, "o"), [.scoring(.open(round: "qa-oct"))])
    }

    func testTheHistoryKeyOpensTheScoredItemsHistory() throws {
        var state = opened()
        XCTAssertEqual(press(&state, "h"), [.loadHistory(10)])
    }

    func testRemappedScoreKeysWork() throws {
        let keymap = try Keymap(overrides: ["score_level": ["b", "d", "f", "y", "z"], "score_submit": ["f5"]])
        var state = opened(keymap: keymap)
        _ = press(&state, "4")
        XCTAssertEqual(state.message?.text, "4 is not bound while scoring (press ? for keys)")
        _ = press(&state, "y", "z", "f", "b", "d")
        XCTAssertEqual(state.scoring?.values[.dimension("completeness")], "5")
        XCTAssertEqual(state.scoring?.values[.dimension("action_validity")], "not_needed")
        XCTAssertEqual(HintBar.fitted(.scoring, state, width: 200).first { $0.word == "score" }?.key, "b–z")
        XCTAssertEqual(press(&state, "enter"), [])
        XCTAssertEqual(press(&state, "f5").count, 1)
        // The scoring screen's keys win over the queue's there: `a` scores, it does not accept a correction.
        var shadowing = opened(keymap: try Keymap(overrides: ["score_level": ["a", "b"]]))
        XCTAssertEqual(press(&shadowing, "a"), [])
        XCTAssertEqual(shadowing.scoring?.values[.dimension("faithfulness")], "1")
        // One key for two commands of the screen is a config error naming both.
        XCTAssertThrowsError(try Keymap(overrides: ["score_submit": ["X"]])) { error in
            XCTAssertEqual(String(describing: error),
                           "[keys]: key `X` is bound to both `score_submit` and `score_skip` (scoring a round); rebind `score_skip` too")
        }
    }
}
