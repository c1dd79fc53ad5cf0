import XCTest
import WinnowConfig
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// The pickers' keys (digits, arrows, refused keys), label presets and `.` repeat, through the reducer.
final class PickersReducerTests: XCTestCase {
    func triageState(width: Int = 80) -> AppState {
        var state = makeState(width: width, rows: (1...6).map { makeRow($0) })
        state.labelChoices[.locus] = ["retrieval", "knowledge", "tool_use", "model"]
        state.labelChoices[.owner] = ["dana", "search-team", "content-team", "tools-team", "model-team"]
        state.locusReasons = ["retrieval": ["wrong_source", "missing_source"], "knowledge": ["stale", "contradictory_sources"],
                              "tool_use": ["tool_error", "wrong_parameters"], "model": ["hallucination"]]
        state.locusOwners = ["retrieval": "search-team", "knowledge": "content-team", "tool_use": "tools-team", "model": "model-team"]
        return state
    }

    func picker(_ state: AppState, file: StaticString = #filePath, line: UInt = #line) -> Picker? {
        guard case .picker(let picker)? = state.overlay else { XCTFail("no picker open", file: file, line: line); return nil }
        return picker
    }

    func screen(_ state: AppState) -> String { Presenter().render(state).lines.joined(separator: "\n") }

    let staleKB = LabelPreset(name: "stale-kb", key: "1", severity: "S3", locus: "knowledge", reasons: ["stale"], owner: "content-team",
                              status: "triaged")
    var staleKBLabels: [LabelField: String] {
        [.severity: "S3", .locus: "knowledge", .reasons: "stale", .owner: "content-team", .status: "triaged"]
    }

    // MARK: Pickers

    func testADigitPicksTheNthVisibleEntryAtOnce() {
        var state = triageState()
        _ = press(&state, "L")
        XCTAssertEqual(press(&state, "2"), [.label(field: .locus, value: "knowledge", items: [1], versions: [1: 0])])
        XCTAssertNil(state.overlay, "the pick closes the picker")

        // After narrowing, the numbers count what is shown.
        _ = press(&state, "L", "m", "o", "d")
        XCTAssertEqual(picker(state)?.visible.map(\.value), ["model"])
        XCTAssertEqual(press(&state, "1"), [.label(field: .locus, value: "model", items: [1], versions: [1: 0])])

        _ = press(&state, "O")
        XCTAssertEqual(press(&state, "3"), [.label(field: .owner, value: "content-team", items: [1], versions: [1: 0])])
    }

    func testADigitBeyondTheShownEntriesIsRefusedInThePicker() {
        var state = triageState()
        XCTAssertEqual(press(&state, "L", "7"), [])
        XCTAssertEqual(picker(state)?.refusal, "no locus 7: 4 are shown")
        XCTAssertTrue(screen(state).contains("no locus 7: 4 are shown"))
        XCTAssertEqual(picker(state)?.query, "", "a digit never narrows")
    }

    func testArrowsAndCtrlNAndCtrlPMove() {
        var state = triageState()
        _ = press(&state, "L", "down", "ctrl-n")
        XCTAssertEqual(picker(state)?.highlightedValue, "tool_use")
        _ = press(&state, "ctrl-p")
        XCTAssertEqual(picker(state)?.highlightedValue, "knowledge")
        _ = press(&state, "up", "up")
        XCTAssertEqual(picker(state)?.highlightedValue, "retrieval", "the top stops the highlight")
        XCTAssertEqual(picker(state)?.query, "")
    }

    func testAKeyThatNarrowsToNothingIsRefusedVisiblyNotTyped() {
        var state = triageState()
        XCTAssertEqual(press(&state, "L", "j"), [])
        XCTAssertEqual(picker(state)?.query, "", "j is not typed into the query")
        XCTAssertEqual(picker(state)?.visible.count, 4, "the picker stays as it was")
        XCTAssertEqual(picker(state)?.refusal, #"no locus contains "j""#)
        XCTAssertTrue(screen(state).contains(#"no locus contains "j""#), screen(state))
        // Enter still chooses the highlighted entry: `L j Enter` sets the locus, no dead query.
        XCTAssertEqual(press(&state, "enter"), [.label(field: .locus, value: "retrieval", items: [1], versions: [1: 0])])

        // A key that narrows is typed; the next one that would empty the list is refused, the query kept.
        _ = press(&state, "L", "k", "n", "x")
        XCTAssertEqual(picker(state)?.query, "kn")
        XCTAssertEqual(picker(state)?.refusal, #"no locus contains "knx""#)
        _ = press(&state, "o")
        XCTAssertNil(picker(state)?.refusal, "the refusal lasts until the next key")
        XCTAssertEqual(picker(state)?.query, "kno")
    }

    func testTheReasonPickerTicksByNumberAndEnterSetsTheTicks() {
        var state = triageState()
        _ = Reducer.reduce(&state, .detailLoaded(makeDetail(state.selectedRow!, locus: "retrieval")))
        _ = press(&state, "R", "2")
        XCTAssertEqual(picker(state)?.chosen, ["missing_source"])
        XCTAssertEqual(picker(state)?.highlightedValue, "missing_source", "the highlight follows the ticked entry")
        _ = press(&state, "1", "2")
        XCTAssertEqual(picker(state)?.chosen, ["wrong_source"], "a second press of a digit unticks")
        XCTAssertTrue(screen(state).contains("1 [x] wrong_source"), screen(state))
        XCTAssertTrue(screen(state).contains("2 [ ] missing_source"))
        XCTAssertEqual(press(&state, "enter"), [.label(field: .reasons, value: "wrong_source", items: [1], versions: [1: 0])])
        _ = press(&state, "R", "j")
        XCTAssertEqual(picker(state)?.refusal, #"no reason code contains "j""#)
    }

    func testTheFirstLineSaysHowThePickerWorks() {
        var state = triageState()
        _ = press(&state, "L")
        let lines = Presenter().render(state).lines
        let usage = lines.firstIndex { $0.contains("type to narrow · ↑↓ move · 1–9 pick · Enter choose · Esc cancel") }
        let title = lines.firstIndex { $0.contains("Failure locus of item #1") }
        XCTAssertNotNil(usage, lines.joined(separator: "\n"))
        XCTAssertEqual(usage, title.map { $0 + 1 }, "right under the title")
        XCTAssertTrue(screen(state).contains("1 retrieval"), "numbers stand beside the entries")
        XCTAssertTrue(screen(state).contains("4 model"))

        var narrow = triageState(width: 60)
        _ = press(&narrow, "L")
        XCTAssertTrue(screen(narrow).contains("type narrows · ↑↓ · 1–9 pick · Enter choose · Esc"), screen(narrow))
        XCTAssertEqual(picker(narrow)?.usage(fitting: 20), "type narrows · ↑↓ ·…", "cut with an ellipsis when nothing fits")

        _ = Reducer.reduce(&state, .detailLoaded(makeDetail(state.selectedRow!, locus: "retrieval")))
        _ = press(&state, "esc", "R")
        XCTAssertTrue(screen(state).contains("type to narrow · ↑↓ move · 1–9/Space tick · Enter set · Esc cancel"), screen(state))
    }

    // MARK: Presets

    func testAPresetKeyAppliesAllItsLabelsAsOneAction() {
        var state = triageState()
        state.presets = [staleKB]
        XCTAssertEqual(press(&state, "1"), [.applyLabels(labels: staleKBLabels, items: [1], versions: [1: 0], source: "Preset stale-kb")])
        XCTAssertEqual(Reducer.reduce(&state, .command(.applyPreset, argument: "stale-kb")),
                       [.applyLabels(labels: staleKBLabels, items: [1], versions: [1: 0], source: "Preset stale-kb")])
        _ = Reducer.reduce(&state, .command(.applyPreset, argument: "nope"))
        XCTAssertEqual(state.message?.text, "unknown preset `nope` (presets: stale-kb)")
        _ = Reducer.reduce(&state, .command(.applyPreset, argument: nil))
        XCTAssertEqual(state.message?.text, "preset: 1 stale-kb")
    }

    func testAPresetOnMarkedItemsAsksFirst() {
        var state = triageState()
        state.presets = [staleKB]
        _ = Reducer.reduce(&state, .markItems([1: 0, 2: 0]))
        _ = press(&state, "1")
        XCTAssertEqual(state.confirmation?.question,
                       "Apply preset stale-kb on 2 marked items? y/n")
        XCTAssertEqual(press(&state, "y"), [.applyLabels(labels: staleKBLabels, items: [1, 2], versions: [1: 0, 2: 0], source: "Preset stale-kb")])
    }

    func testWithoutPresetsADigitIsNotBound() {
        var state = triageState()
        XCTAssertEqual(press(&state, "1"), [])
        XCTAssertEqual(state.message?.text, "1 is not bound (press ? for keys)")
        _ = Reducer.reduce(&state, .command(.applyPreset, argument: "x"))
        XCTAssertEqual(state.message?.text, "preset: this workspace has no presets ([[preset]] in winnow.toml)")
    }

    func testAPresetKeyThatACommandUsesIsRefusedAtStart() {
        let clash = LabelPreset(name: "oops", key: "j", severity: "S1")
        XCTAssertThrowsError(try Keymap.standard.checkPresetKeys([clash])) { error in
            XCTAssertEqual(String(describing: error),
                           "[[preset]] oops: key `j` is the key of `move_down`; give the preset another `key`, or rebind `move_down` in [keys]")
        }
        XCTAssertNoThrow(try Keymap.standard.checkPresetKeys([staleKB, LabelPreset(name: "f", key: "F2", severity: "S1")]))
        // A remapped command frees its key for a preset, and takes one away.
        let remapped = try! Keymap(overrides: ["move_down": ["1"]])
        XCTAssertThrowsError(try remapped.checkPresetKeys([staleKB]))
    }

    func testTheHelpListsThePresetsWithTheirKeys() {
        var state = triageState()
        XCTAssertTrue(HelpOverlay.lines(state).contains { $0.text.hasPrefix("none in this workspace") })
        state.presets = [staleKB]
        let line = HelpOverlay.lines(state).first { $0.key == "1" }
        XCTAssertEqual(line?.text, "stale-kb: severity S3 · locus knowledge · reasons stale · owner content-team · status triaged  :preset stale-kb")
    }

    // MARK: Repeat

    func testDotRepeatsTheLastLabelsOnTheSelectedItem() {
        var state = triageState()
        XCTAssertEqual(press(&state, "."), [])
        XCTAssertEqual(state.message?.text, "repeat: no labels set yet in this session")
        _ = Reducer.reduce(&state, .labelsApplied(staleKBLabels, items: [1]))
        XCTAssertEqual(press(&state, "j", "."), [.loadDetail(2),
                                                 .applyLabels(labels: staleKBLabels, items: [2], versions: [2: 0], source: "Repeated")])
        _ = Reducer.reduce(&state, .labelsApplied([.severity: "S2"], items: [2]))
        _ = Reducer.reduce(&state, .markItems([3: 0, 4: 0]))
        _ = press(&state, ".")
        XCTAssertEqual(state.confirmation?.question, "Repeat S2 on 2 marked items? y/n")
    }

    /// Labels set one by one on an item add up: `.` then repeats all of them on the next item,
    /// and labelling another item starts a new set.
    func testDotRepeatsEverythingSetOnTheLastItemLabelledFieldByField() {
        var state = triageState()
        _ = Reducer.reduce(&state, .labelsApplied([.severity: "S2"], items: [1]))
        _ = Reducer.reduce(&state, .labelsApplied([.locus: "knowledge"], items: [1]))
        _ = Reducer.reduce(&state, .labelsApplied([.reasons: "stale"], items: [1]))
        _ = Reducer.reduce(&state, .labelsApplied([.severity: "S3", .status: "triaged"], items: [1]))
        let all: [LabelField: String] = [.severity: "S3", .locus: "knowledge", .reasons: "stale", .status: "triaged"]
        XCTAssertEqual(state.lastLabels, all)
        XCTAssertEqual(press(&state, "j", "."), [.loadDetail(2), .applyLabels(labels: all, items: [2], versions: [2: 0], source: "Repeated")])
        _ = Reducer.reduce(&state, .labelsApplied([.owner: "support-ops"], items: [3]))
        XCTAssertEqual(state.lastLabels, [.owner: "support-ops"], "another item starts a new set")
    }
}
