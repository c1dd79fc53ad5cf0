import XCTest
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// Triage through the reducer: pickers, range marking.
final class TriageReducerTests: XCTestCase {
    func triageState(rows: [QueueRow] = (1...6).map { makeRow($0) }, total: Int? = nil) -> AppState {
        var state = makeState(rows: rows, total: total)
        state.labelChoices[.locus] = ["retrieval", "tool_use", "model"]
        state.labelChoices[.owner] = ["dana", "search-team", "tools-team", "model-team"]
        state.locusReasons = ["retrieval": ["wrong_source", "missing_source"], "tool_use": ["tool_error", "wrong_parameters"],
                              "model": ["hallucination"]]
        state.locusOwners = ["retrieval": "search-team", "tool_use": "tools-team", "model": "model-team"]
        return state
    }


    func testTheDraftOfferAtStartNeverSwallowsTheFirstKey() {
        var state = triageState()
        _ = Reducer.reduce(&state, .draftsFound([4, 5]))
        XCTAssertEqual(state.confirmation?.question, "Your unsaved correction of #4 survived (and 1 more). Resume it now? y/n")
        XCTAssertEqual(press(&state, "j"), [.loadDetail(2)], "j moves, and declines the offer")
        XCTAssertEqual(state.cursor, 1)
        XCTAssertNil(state.confirmation)
        XCTAssertEqual(state.message?.text, "Your draft of #4 is kept: c on #4 resumes it")

        _ = Reducer.reduce(&state, .draftsFound([4]))
        XCTAssertEqual(press(&state, "n"), [])
        XCTAssertEqual(state.cursor, 1, "n only answers")
        _ = Reducer.reduce(&state, .draftsFound([4]))
        XCTAssertEqual(press(&state, "y"), [.resumeDraft(4)])

        // A question the reviewer asked for still takes any other key as no.
        _ = press(&state, "space", "j", "space", "s", "2")
        XCTAssertNotNil(state.confirmation, "\(state.marked) \(String(describing: state.message))")
        XCTAssertEqual(press(&state, "j"), [])
        XCTAssertEqual(state.message?.text, "Cancelled")
    }

    func testClaimsShowInTheMarginWhenTheListHasNoClaimColumn() {
        let rows = [makeRow(1, claimedBy: "bo"), makeRow(2, claimedBy: "alice"), makeRow(3)]
        let narrow = Presenter().render(makeState(width: 80, rows: rows)).lines
        XCTAssertFalse(narrow[1].contains("CLAIM"))
        XCTAssertTrue(narrow[2].hasPrefix("▶@"), narrow[2])
        XCTAssertTrue(narrow[3].hasPrefix("   "), "my own claim needs no warning: \(narrow[3])")
        XCTAssertTrue(narrow[4].hasPrefix("   "), narrow[4])
        XCTAssertTrue(HelpOverlay.lines(makeState()).contains { $0.key == "@ ×N" && $0.text.hasPrefix("held by another reviewer") },
                      "the help explains the margin")
        let wide = Presenter().render(makeState(width: 120, rows: rows)).lines
        XCTAssertTrue(wide[1].contains("CLAIM"))
        XCTAssertTrue(wide[2].hasPrefix("▶ ") && wide[2].contains("@bo"), "the column names the reviewer instead: \(wide[2])")
    }

    func testLocusPickerNarrowsByTypingAndSetsTheChoice() {
        var state = triageState()
        XCTAssertEqual(press(&state, "L"), [])
        guard case .picker(let picker)? = state.overlay else { return XCTFail("L opens the locus picker") }
        XCTAssertEqual(picker.visible.map(\.value), ["retrieval", "tool_use", "model"])
        XCTAssertEqual(picker.visible[1].detail, "owner tools-team", "each locus shows its default owner")
        XCTAssertEqual(press(&state, "s", "e", "a"), [])
        guard case .picker(let narrowed)? = state.overlay else { return XCTFail() }
        XCTAssertEqual(narrowed.visible.map(\.value), ["retrieval"], "typing narrows by value or hint (owner search-team)")
        XCTAssertEqual(press(&state, "backspace", "backspace", "backspace", "down", "down"), [])
        XCTAssertEqual(press(&state, "enter"), [.label(field: .locus, value: "model", items: [1], versions: [1: 0])])
        XCTAssertNil(state.overlay)
        _ = press(&state, "L")
        XCTAssertEqual(press(&state, "esc"), [])
        XCTAssertNil(state.overlay, "Esc cancels without labelling")
    }

    func testReasonPickerOffersTheLocusCodesAndTicksSeveral() {
        var state = triageState()
        _ = press(&state, "R")
        XCTAssertNil(state.overlay, "without a locus there are no reason codes to offer")
        XCTAssertEqual(state.message?.isError, true)
        _ = Reducer.reduce(&state, .detailLoaded(makeDetail(state.selectedRow!, locus: "retrieval", reasons: ["missing_source"])))
        _ = press(&state, "R")
        guard case .picker(let picker)? = state.overlay else { return XCTFail("R opens the reasons picker") }
        XCTAssertEqual(picker.visible.map(\.value), ["wrong_source", "missing_source"], "only the locus's codes")
        XCTAssertEqual(picker.chosen, ["missing_source"], "the current codes start ticked")
        XCTAssertTrue(Presenter().render(state).lines.joined(separator: "\n").contains("[x] missing_source"))
        XCTAssertEqual(press(&state, "up", "space"), [])
        XCTAssertEqual(press(&state, "enter"), [.label(field: .reasons, value: "wrong_source,missing_source", items: [1], versions: [1: 0])])
    }

    func testOwnerPickerSuggestsTheLocusDefaultOwner() {
        var state = triageState()
        _ = Reducer.reduce(&state, .detailLoaded(makeDetail(state.selectedRow!, locus: "tool_use")))
        _ = press(&state, "O")
        guard case .picker(let picker)? = state.overlay else { return XCTFail("O opens the owner picker") }
        XCTAssertEqual(picker.highlightedValue, "tools-team", "the locus's default owner is preselected")
        XCTAssertEqual(press(&state, "enter"), [.label(field: .owner, value: "tools-team", items: [1], versions: [1: 0])])
    }

    func testPickerOnMarkedItemsAsksFirst() {
        var state = triageState()
        _ = press(&state, "space", "j", "space", "L", "enter")
        XCTAssertEqual(state.confirmation?.question, "Set locus retrieval on 2 marked items? y/n")
        XCTAssertEqual(press(&state, "y"), [.label(field: .locus, value: "retrieval", items: [1, 2], versions: [1: 0, 2: 0])])
    }

    func testNoteOpensTheCommandLineAndTrainableTakesYesOrNo() {
        var state = triageState()
        _ = press(&state, "A")
        XCTAssertEqual(state.input?.text, "note ")
        XCTAssertEqual(press(&state, "h", "i", "enter"), [.label(field: .note, value: "hi", items: [1], versions: [1: 0])])
        XCTAssertEqual(press(&state, "+", "n"), [.label(field: .trainable, value: "no", items: [1], versions: [1: 0])])
    }

    func testRangeMarkingWithinAndBeyondTheLoadedRows() {
        var state = triageState()
        _ = press(&state, "j", "V")
        XCTAssertEqual(state.rangeAnchor, 1)
        XCTAssertTrue(Presenter().render(state).lines.last!.contains("range from 2"), "the status bar says a range is open")
        _ = press(&state, "j", "j")
        XCTAssertTrue(Reducer.inPendingRange(2, state))
        XCTAssertEqual(press(&state, "V"), [])
        XCTAssertEqual(state.marked, [2, 3, 4])
        XCTAssertNil(state.rangeAnchor)
        _ = press(&state, "V", "esc")
        XCTAssertNil(state.rangeAnchor, "Esc cancels a range")
        XCTAssertEqual(state.marked, [2, 3, 4])

        var big = triageState(rows: (1...100).map { makeRow($0) }, total: 50_000)
        _ = press(&big, "V")
        big.cursor = 5_000
        XCTAssertEqual(press(&big, "V"), [.markRange(from: 0, to: 5_000)], "beyond the loaded rows the store reads the ids")
        _ = Reducer.reduce(&big, .markItems([7: 3, 8: 5]))
        XCTAssertEqual(big.marked, [7, 8])
        _ = press(&big, "V")
        big.cursor = 40_000
        XCTAssertEqual(press(&big, "V"), [], "too large a range is refused")
        XCTAssertEqual(big.message?.isError, true)
    }
}

final class PasteReducerTests: XCTestCase {
    func testPasteGoesWholeIntoTheEditorOrTheInputLineAndNowhereElse() {
        var state = makeState(rows: (1...3).map { makeRow($0) })
        _ = Reducer.reduce(&state, .paste("signal:csat"))
        XCTAssertEqual(state.message?.text.contains("only taken by the correction editor"), true, "a paste is never read as keys")
        XCTAssertNil(state.input)

        _ = Reducer.reduce(&state, .key(Key("\\")))
        _ = Reducer.reduce(&state, .paste("signal:csat\nowner:x"))
        XCTAssertEqual(state.input?.text, "signal:csat owner:x", "one line: newlines become spaces")

        state.input = nil
        _ = Reducer.reduce(&state, .editorOpened(itemID: 1, text: "Start.", source: "the response", fromDraft: false, version: 0))
        let big = (1...20_000).map { "Line \($0) of a pasted log, 請 ✅" }.joined(separator: "\r\n")
        _ = Reducer.reduce(&state, .paste(big))
        XCTAssertEqual(state.editing?.editor.lines.count, 20_000, "\\r\\n normalised; one logical line each")
        // The editor opens with the cursor at the end of its text, so the paste follows it.
        XCTAssertTrue(state.editing?.editor.text.hasPrefix("Start.Line 1 of a pasted log") ?? false, "inserted at the cursor")
        XCTAssertTrue(state.editing?.editor.text.hasSuffix("Line 20000 of a pasted log, 請 ✅") ?? false)
        let frame = Presenter().render(state)
        for line in frame.lines { XCTAssertEqual(DisplayWidth.of(line), 80, "the layout holds") }
    }
}
