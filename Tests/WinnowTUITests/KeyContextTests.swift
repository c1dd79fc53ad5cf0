import XCTest
import WinnowStore
import WinnowConfig
@testable import WinnowTUI

/// Keys live in contexts: each context's commands can be remapped under `[keys]`, the remapped key
/// works there and the old one no longer does, and a key may mean different things in different
/// contexts but never two things in one.
final class KeyContextTests: XCTestCase {
    func remapped(_ overrides: [String: [String]], rows: Int = 3) throws -> AppState {
        var state = makeState(rows: (1...Int64(rows)).map { makeRow($0) })
        state.keymap = try Keymap(overrides: overrides)
        state.labelChoices[.locus] = ["retrieval", "knowledge"]
        return state
    }

    func testTheStackFollowsWhatIsOpen() throws {
        var state = try remapped([:])
        XCTAssertEqual(state.keyContexts, [.global, .list])
        _ = press(&state, "space")
        XCTAssertEqual(state.keyContexts, [.global, .list, .marks])
        _ = press(&state, "L")
        XCTAssertEqual(state.keyContexts, [.global, .list, .marks, .picker])
        _ = press(&state, "esc", "esc", "enter")
        XCTAssertEqual(state.keyContexts, [.global, .detail])
        _ = press(&state, "s")
        XCTAssertEqual(state.keyContext, .labelValue)
    }

    func testListRemap() throws {
        var state = try remapped(["open_detail": ["f2"]])
        _ = press(&state, "enter")
        XCTAssertEqual(state.focus, .list)
        XCTAssertEqual(state.message?.text, "Enter is not bound (press ? for keys)")
        XCTAssertEqual(press(&state, "f2"), [.claim(1)])
        XCTAssertEqual(state.focus, .detail)
    }

    func testDetailRemap() throws {
        var state = try remapped(["back": ["z"]])
        _ = press(&state, "enter", "q")
        XCTAssertEqual(state.focus, .detail, "q no longer goes back")
        _ = press(&state, "z")
        XCTAssertEqual(state.focus, .list)
    }

    func testMarksRemapWorksOnlyWithMarks() throws {
        var state = try remapped(["clear_marks": ["X"], "toggle_mark": ["w"]])
        _ = press(&state, "X")
        XCTAssertEqual(state.message?.text, "X is not bound (press ? for keys)", "clear_marks belongs to the marks context")
        _ = press(&state, "space")
        XCTAssertTrue(state.marked.isEmpty, "Space no longer marks")
        _ = press(&state, "w", "j", "w")
        XCTAssertEqual(state.marked, [1, 2])
        _ = press(&state, "X")
        XCTAssertTrue(state.marked.isEmpty)
    }

    func testLabelValueRemap() throws {
        var state = try remapped(["severity_value": ["a", "b", "c", "d"], "status_wont_fix": ["W"]])
        _ = press(&state, "s")
        XCTAssertEqual(Reducer.labelPrompt(.severity, state), "a S1 · b S2 · c S3 · d S4")
        XCTAssertEqual(press(&state, "2"), [])
        XCTAssertEqual(state.message?.text, "2 is not a severity (a S1 · b S2 · c S3 · d S4)")
        XCTAssertEqual(press(&state, "s", "b"), [.label(field: .severity, value: "S2", items: [1], versions: [1: 0])])
        XCTAssertEqual(press(&state, "S", "w"), [])
        XCTAssertEqual(press(&state, "S", "W"), [.label(field: .status, value: "wont_fix", items: [1], versions: [1: 0])])
    }

    func testPickerRemap() throws {
        var state = try remapped(["picker_set": ["ctrl-j"], "picker_pick": ["f1", "f2"]])
        _ = press(&state, "L", "enter")
        XCTAssertEqual(state.keyContext, .picker, "Enter no longer sets")
        XCTAssertEqual(press(&state, "ctrl-j"), [.label(field: .locus, value: "retrieval", items: [1], versions: [1: 0])])
        _ = press(&state, "L", "2")
        XCTAssertEqual(state.keyContext, .picker, "2 no longer picks (and no locus contains it)")
        XCTAssertEqual(press(&state, "f2"), [.label(field: .locus, value: "knowledge", items: [1], versions: [1: 0])])
    }

    func testViewPickerRemap() throws {
        var state = try remapped(["view_picker_delete": ["x"]])
        _ = Reducer.reduce(&state, .viewsLoaded([SavedView(name: "mine", query: "", sort: .queue, createdBy: "alice")], openPicker: true))
        XCTAssertEqual(press(&state, "d"), [])
        XCTAssertNil(state.overlay, "d closes the picker like any other key")
        _ = Reducer.reduce(&state, .viewsLoaded([SavedView(name: "mine", query: "", sort: .queue, createdBy: "alice")], openPicker: true))
        XCTAssertEqual(press(&state, "x"), [.deleteView(name: "mine")])
    }

    func testEditorRemap() throws {
        var state = try remapped(["editor_save": ["ctrl-y"], "editor_kill_line": ["ctrl-t"]])
        _ = Reducer.reduce(&state, .editorOpened(itemID: 1, text: "keep this", source: "the response", fromDraft: false, version: 3))
        XCTAssertEqual(state.message?.text, "Correcting #1: ^Y saves · Esc keeps a draft")
        _ = press(&state, "home")
        XCTAssertEqual(press(&state, "ctrl-s"), [])
        _ = press(&state, "ctrl-k")
        XCTAssertEqual(state.editing?.editor.text, "keep this", "^K no longer kills, and is not typed")
        _ = press(&state, "ctrl-t")
        XCTAssertEqual(state.editing?.editor.text, "")
        _ = press(&state, "o", "k")
        XCTAssertEqual(press(&state, "ctrl-y"), [.saveCorrection(1, text: "ok", baseVersion: 3)])
    }

    func testConfirmRemap() throws {
        var state = try remapped(["confirm_yes": ["ctrl-y"]])
        _ = press(&state, "space", "j", "space", "s", "1")
        let confirmation = try XCTUnwrap(state.confirmation)
        XCTAssertEqual(Presenter.question(confirmation, state.keymap), "Set severity S1 on 2 marked items? ^Y/n")
        XCTAssertEqual(press(&state, "y"), [])
        XCTAssertEqual(state.message?.text, "Cancelled")
        _ = press(&state, "s", "1")
        XCTAssertEqual(press(&state, "ctrl-y"), [.label(field: .severity, value: "S1", items: [1, 2], versions: [1: 0, 2: 0])])
    }

    func testOverlayRemap() throws {
        var state = try remapped(["move_down": ["z"]])
        _ = press(&state, "?", "z")
        XCTAssertEqual(state.overlay, .help(scroll: 1, from: .list))
        _ = press(&state, "j")
        XCTAssertNil(state.overlay, "j no longer scrolls: like any unbound key, it closes the help")
        _ = Reducer.reduce(&state, .historyLoaded(itemID: 1, []))
        _ = press(&state, "z")
        XCTAssertEqual(state.overlay, .history(itemID: 1, scroll: 1))
    }

    func testInputRemap() throws {
        var state = try remapped(["input_submit": ["ctrl-j"], "input_complete": ["ctrl-t"]])
        _ = press(&state, "/", "a", "enter")
        XCTAssertEqual(state.input?.text, "a", "Enter no longer submits")
        XCTAssertEqual(press(&state, "ctrl-j"), [.findMatch(forward: true)])
        XCTAssertEqual(state.search, "a")
        _ = press(&state, ":", "v", "i", "e", "w", "_", "s", "tab")
        XCTAssertEqual(state.input?.text, "view_s")
        _ = press(&state, "ctrl-t")
        XCTAssertEqual(state.input?.text, "view_save ")
    }

    func testAContextsOwnCommandIsRefusedElsewhere() throws {
        var state = try remapped([:])
        _ = press(&state, ":", "e", "d", "i", "t", "o", "r", "_", "s", "a", "v", "e", "enter")
        XCTAssertEqual(state.message, .init(text: "editor_save: only in the correction editor", isError: true))
    }

    func testOneKeyTwiceInOneContextIsAnErrorNamingBoth() {
        XCTAssertThrowsError(try Keymap(overrides: ["editor_save": ["esc"]])) { error in
            XCTAssertEqual(String(describing: error),
                           "[keys]: key `esc` is bound to both `editor_save` and `editor_close` (correction editor); rebind `editor_close` too")
        }
        XCTAssertThrowsError(try Keymap(overrides: ["picker_tick": ["1"]])) { error in
            XCTAssertTrue(String(describing: error).contains("`picker_tick` and `picker_pick`"), "\(error)")
        }
    }

    func testAKeyShadowingOneOfTheContextBelowIsAnError() {
        XCTAssertThrowsError(try Keymap(overrides: ["open_detail": ["o"]])) { error in
            XCTAssertEqual(String(describing: error),
                           "[keys]: key `o` is bound to both `cycle_sort` and `open_detail` (everywhere in the queue, and in the list above it); rebind `cycle_sort` too")
        }
    }

    func testAnUnknownCommandIsAnError() {
        XCTAssertThrowsError(try Keymap(overrides: ["editor_sav": ["ctrl-s"]])) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("[keys]: unknown command `editor_sav`"), "\(error)")
        }
    }

    func testTheSameKeyInTwoContextsIsAllowed() throws {
        // `1` picks in a picker, sets S1 after `s`; `y` confirms and, here, sets in a picker.
        let map = try Keymap(overrides: ["picker_set": ["y"]])
        XCTAssertEqual(map.command(for: Key("1"), only: .picker), .pickerPick)
        XCTAssertEqual(map.command(for: Key("1"), only: .labelValue), .severityValue)
        XCTAssertEqual(map.command(for: Key("y"), only: .picker), .pickerSet)
        XCTAssertEqual(map.command(for: Key("y"), only: .confirm), .confirmYes)
        XCTAssertNil(map.command(for: Key("j"), in: [.global, .list, .picker]), "a modal context takes every key itself")
        XCTAssertEqual(map.command(for: Key("j"), in: [.global, .list, .marks]), .moveDown, "the queue falls through to global")
    }

    func testHelpListsTheKeysOfTheContextItWasOpenedFromFirst() throws {
        var state = try remapped([:])
        _ = press(&state, "space", "?")
        XCTAssertEqual(state.overlay, .help(scroll: 0, from: .marks))
        let lines = HelpOverlay.lines(state, from: .marks)
        XCTAssertEqual(lines.first?.key, "With items marked")
        let headings = lines.filter(\.heading).map(\.key)
        XCTAssertLessThan(try XCTUnwrap(headings.firstIndex(of: "With items marked")), try XCTUnwrap(headings.firstIndex(of: "Navigation")))
        XCTAssertTrue(headings.contains("Correction editor"))
        XCTAssertEqual(HelpOverlay.lines(state, from: .detail).first?.key, "In the detail")
    }
}

/// The `[keys]` table of winnow.toml stays one flat table: old names and the contexts' names alike.
final class KeyContextConfigTests: XCTestCase {
    func testAWorkspaceRemapsKeysOfSeveralContextsInOneTable() throws {
        let config = try WorkspaceConfig.parse("""
            [keys]
            move_down = ["j", "down", "ctrl-n"]
            editor_save = ["ctrl-s", "f2"]
            confirm_yes = ["y"]
            """)
        let map = try Keymap(overrides: config.keyBindings)
        XCTAssertEqual(map.command(for: Key("ctrl-n"), in: [.global, .list]), .moveDown)
        XCTAssertEqual(map.command(for: Key("f2"), only: .editor), .editorSave)
        XCTAssertEqual(map.command(for: Key("ctrl-s"), only: .editor), .editorSave)
        XCTAssertNil(map.command(for: Key("Y"), only: .confirm), "an override replaces the defaults")
    }
}
