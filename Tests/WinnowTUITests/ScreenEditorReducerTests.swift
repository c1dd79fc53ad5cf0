import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// The correction editor keeps the item in sight, starts at the end of its text whatever the
/// text came from, and says what Esc did with a draft.
final class ScreenEditorReducerTests: XCTestCase {
    func opened(_ text: String, fromDraft: Bool, width: Int = 80, height: Int = 24) -> AppState {
        var state = makeState(width: width, height: height, rows: [makeRow(1)])
        var detail = makeDetail(makeRow(1), response: "Open Billing and choose Refund.")
        detail.prompt = "How do I get a refund?"
        _ = Reducer.reduce(&state, .detailLoaded(detail))
        _ = Reducer.reduce(&state, .editorOpened(itemID: 1, text: text, source: fromDraft ? "your draft" : "the response",
                                                 fromDraft: fromDraft, version: 0))
        return state
    }

    func testTheCursorStartsAtTheEndForANewCorrectionAnExistingOneAndADraft() throws {
        let long = (1...80).map { "Line \($0) of a long correction." }.joined(separator: "\n")
        for (text, fromDraft) in [("Open Billing and choose Refund.", false), ("Open Billing, then Refunds.\nThen the invoice.", false),
                                  ("My draft\nsecond line", true), (long, true), ("", false)] {
            let state = opened(text, fromDraft: fromDraft)
            let editor = try XCTUnwrap(state.editing?.editor)
            let lastLine = editor.lines.count - 1
            XCTAssertEqual(editor.cursor, EditorCursor(line: lastLine, column: editor.lines[lastLine].count), text)
            let area = Reducer.editorArea(state)
            XCTAssertNotNil(editor.layout(width: area.width, height: area.height).cursor, "the end is scrolled into view")
        }
    }

    func testTheEditorLeavesRoomForThePromptAndTheResponse() throws {
        let state = opened("Text", fromDraft: false)
        XCTAssertEqual(state.editing?.prompt, "How do I get a refund?")
        XCTAssertEqual(state.editing?.response, "Open Billing and choose Refund.")
        XCTAssertEqual(Reducer.editorArea(state).height, state.layout.bodyHeight - 1 - 3, "two briefs and a rule above the text")
        let lines = Presenter().render(state).lines
        XCTAssertTrue(lines[2].hasPrefix(" PROMPT    How do I get a refund?"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix(" RESPONSE  Open Billing and choose Refund."), lines[3])
        XCTAssertTrue(lines[4].hasPrefix("────"), lines[4])
        XCTAssertTrue(lines[5].hasPrefix(" Text"), lines[5])
    }

    /// Keys and pastes scroll within the area left under the prompt and the response, so the
    /// cursor stays on screen.
    func testTypingAndPastingKeepTheCursorInTheAreaUnderTheBriefs() throws {
        var state = opened("Start.", fromDraft: false)
        _ = Reducer.reduce(&state, .paste((1...200).map { "Pasted line \($0)" }.joined(separator: "\n")))
        var area = Reducer.editorArea(state)
        XCTAssertNotNil(state.editing?.editor.layout(width: area.width, height: area.height).cursor, "after a paste")
        for _ in 0..<30 { _ = Reducer.reduce(&state, .key(Key("enter"))) }
        area = Reducer.editorArea(state)
        XCTAssertNotNil(state.editing?.editor.layout(width: area.width, height: area.height).cursor, "after typing")
        let lines = Presenter().render(state).lines
        let cursor = try XCTUnwrap(Presenter().render(state).cursor)
        XCTAssertLessThan(cursor.row, state.layout.hintRow, "the cursor is drawn inside the editor:\n\(lines.joined(separator: "\n"))")
    }

    func testEscOnAResumedDraftSaysTheDraftIsKept() {
        var state = opened("My draft", fromDraft: true)
        let effects = Reducer.reduce(&state, .key(Key("esc")))
        XCTAssertNil(state.editing)
        XCTAssertEqual(state.message?.text, "Draft kept: c on #1 resumes it")
        XCTAssertEqual(effects, [], "the draft in the store already holds this text")

        var edited = opened("My draft", fromDraft: true)
        _ = Reducer.reduce(&edited, .key(Key("!")))
        XCTAssertEqual(Reducer.reduce(&edited, .key(Key("esc"))), [.saveDraft(1, text: "My draft!")])
        XCTAssertEqual(edited.message?.text, "Draft kept: c on #1 resumes it")
    }

    func testEscOnAnUntouchedCorrectionLeavesNoDraft() {
        var state = opened("Open Billing and choose Refund.", fromDraft: false)
        XCTAssertEqual(Reducer.reduce(&state, .key(Key("esc"))), [])
        XCTAssertEqual(state.message?.text, "Correction unchanged")
    }
}
