import Foundation
import XCTest
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// Labels never change by accident: the reason picker sets what it shows, completion and
/// validation share the workspace's vocabulary, and messages word values as a reviewer reads them.
final class LabelIntegrityReducerTests: XCTestCase {
    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { Reducer.reduce(&state, .key(Key($0 == " " ? "space" : String($0)))) }
    }

    /// A state with the default taxonomy's vocabulary, and item 1 showing `locus` and `reasons`.
    func labelState(locus: String? = nil, reasons: [String] = []) -> AppState {
        var state = makeState(rows: (1...4).map { makeRow($0) })
        let taxonomy = Taxonomy.defaults
        state.severityCodes = taxonomy.severities.map(\.code)
        state.severityNames = LabelWording(taxonomy: taxonomy).severityNames
        state.labelChoices[.locus] = taxonomy.loci.map(\.name)
        state.labelChoices[.owner] = ["support-ops"] + taxonomy.loci.map(\.owner)
        state.labelChoices[.reasons] = taxonomy.loci.flatMap(\.reasons)
        for l in taxonomy.loci {
            state.locusReasons[l.name] = l.reasons
            state.locusOwners[l.name] = l.owner
        }
        _ = Reducer.reduce(&state, .detailLoaded(makeDetail(state.selectedRow!, locus: locus, reasons: reasons)))
        return state
    }

    // MARK: The reason picker

    func testTheReasonPickerNeverTicksACodeOfAnotherLocus() {
        // The reported keys: locus tool_use, the old code stale still on the item, then R ↓ ↓ Enter.
        var state = labelState(locus: "tool_use", reasons: ["stale"])
        _ = press(&state, "R")
        guard case .picker(let picker)? = state.overlay else { return XCTFail("R opens the reasons picker") }
        XCTAssertEqual(picker.visible.map(\.value), ["tool_error", "wrong_parameters", "unverified_action"])
        XCTAssertEqual(picker.chosen, [], "stale is not a code of tool_use: it is neither offered nor ticked")
        XCTAssertEqual(picker.highlightedValue, "tool_error")
        XCTAssertFalse(Presenter().render(state).lines.joined().contains("[x]"), "nothing is shown ticked")
        XCTAssertEqual(press(&state, "down", "down", "enter"),
                       [.label(field: .reasons, value: "unverified_action", items: [1], versions: [1: 0])],
                       "Enter sets the highlighted code, the one shown")
    }

    func testTheReasonPickerSetsTheTickedCodesOfTheLocusOnly() {
        var state = labelState(locus: "tool_use", reasons: ["stale", "wrong_parameters"])
        _ = press(&state, "R")
        guard case .picker(let picker)? = state.overlay else { return XCTFail("R opens the reasons picker") }
        XCTAssertEqual(picker.chosen, ["wrong_parameters"])
        XCTAssertEqual(picker.highlightedValue, "wrong_parameters", "the first ticked code is highlighted")
        XCTAssertEqual(press(&state, "enter"), [.label(field: .reasons, value: "wrong_parameters", items: [1], versions: [1: 0])])
    }

    func testAPickerTicksOnlyWhatItOffers() {
        let picker = Picker(field: .reasons, title: "t", options: [.init(value: "a"), .init(value: "b")], allowsSeveral: true,
                            chosen: ["b", "elsewhere"])
        XCTAssertEqual(picker.chosen, ["b"])
        var emptied = Picker(field: .reasons, title: "t", options: [.init(value: "a"), .init(value: "b")], allowsSeveral: true,
                             chosen: ["elsewhere"])
        XCTAssertEqual(emptied.handle(Key("enter"), pageSize: 5), .choose(["a"]), "nothing ticked: the highlighted value")
    }

    // MARK: Completion from the same vocabulary

    func testReasonsCompleteOnlyTheCodesOfTheSelectedItemsLocus() {
        var state = labelState(locus: "tool_use")
        _ = press(&state, ":")
        _ = type(&state, "reasons ")
        _ = press(&state, "tab")
        XCTAssertEqual(state.input?.completions, ["tool_error", "wrong_parameters", "unverified_action"])
        _ = press(&state, "w", "tab")
        XCTAssertEqual(state.input?.text, "reasons wrong_parameters")

        var noLocus = labelState()
        _ = press(&noLocus, ":")
        _ = type(&noLocus, "reasons s")
        _ = press(&noLocus, "tab")
        XCTAssertEqual(noLocus.input?.completions, [], "without a locus no code would be accepted")
        XCTAssertEqual(noLocus.input?.text, "reasons s")
        XCTAssertEqual(noLocus.input?.error, "reasons: the item has no failure locus yet: set it first (L)", "and it says why")
        XCTAssertNil(state.input?.error)
    }

    func testMarkedItemsCompleteAndPickTheCodesOfTheirCommonLocus() {
        var rows = (1...4).map { makeRow($0) }
        rows[1].locus = "retrieval"
        rows[2].locus = "retrieval"
        rows[3].locus = "model"
        var state = labelState(locus: "tool_use")
        _ = Reducer.reduce(&state, .window(rows: rows, start: 0, total: 4, open: 4, cursor: 0))
        state.marked = [2, 3]
        state.markedVersions = [2: 0, 3: 0]
        _ = press(&state, ":")
        _ = type(&state, "reasons ")
        _ = press(&state, "tab")
        XCTAssertEqual(state.input?.completions, ["wrong_source", "missing_source"], "the marked items' locus, not the selected item's")
        _ = press(&state, "esc", "R")
        guard case .picker(let picker)? = state.overlay else { return XCTFail("R opens the reasons picker for the marked items") }
        XCTAssertEqual(picker.visible.map(\.value), ["wrong_source", "missing_source"])
        XCTAssertEqual(picker.chosen, [], "the selected item is not marked: its codes are not ticked")
        _ = press(&state, "esc")

        state.marked = [2, 4]
        _ = press(&state, "R")
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.message?.text, "reasons: the marked items share no failure locus: set one first (L)")
    }

    func testSeverityCompletesCodesAndNames() {
        var state = labelState()
        _ = press(&state, ":")
        _ = type(&state, "severity cr")
        _ = press(&state, "tab")
        XCTAssertEqual(state.input?.text, "severity critical")
        XCTAssertEqual(press(&state, "enter"), [.label(field: .severity, value: "critical", items: [1], versions: [1: 0])],
                       "the store takes a severity by its name")
    }

    // MARK: Filter validation from the same vocabulary

    func testAnUnknownSeverityIsFlaggedWhileTypingAndRefusedOnEnter() {
        var state = labelState()
        _ = press(&state, "\\")
        _ = type(&state, "severity:S")
        XCTAssertNil(state.input?.error, "S starts a known severity: not a mistake yet")
        _ = type(&state, "9")
        XCTAssertEqual(state.input?.error, "unknown severity `S9` (S1 critical, S2 major, S3 minor, S4 cosmetic, none)")
        XCTAssertEqual(press(&state, "enter"), [], "refused")
        XCTAssertNotNil(state.input, "the line stays open to fix the mistake")
        XCTAssertEqual(state.filter, FilterQuery())

        _ = press(&state, "backspace", "backspace")
        _ = type(&state, "critical")
        XCTAssertEqual(state.input?.text, "severity:critical")
        XCTAssertNil(state.input?.error)
        XCTAssertEqual(press(&state, "enter"), [.reload(keepingItem: nil, position: 0)])
        XCTAssertEqual(state.filter.terms, [.init(field: .severity, value: "S1")], "a severity's name filters by its code")
    }

    func testLocusAndOwnerFiltersTakeTheWorkspacesValues() throws {
        var state = labelState()
        for bad in ["locus:nowhere", "owner:billing-team", "severity:S"] {
            _ = Reducer.run(&state, .filter, argument: bad)
            XCTAssertEqual(state.message?.isError, true, bad)
        }
        for good in ["locus:retrieval", "locus:none", "locus:retr*", "owner:Search-Team", "-severity:none", "severity:s2 signal:csat"] {
            _ = Reducer.run(&state, .filter, argument: good)
            XCTAssertEqual(state.message?.isError, false, "\(good): \(state.message?.text ?? "")")
        }
        XCTAssertEqual(try FilterQuery.parse("owner:Search-Team", vocabulary: state.filterVocabulary).terms.first?.value, "search-team")
    }

    // MARK: Values worded for a reviewer

    func testABulkQuestionWordsTheValue() {
        var state = labelState()
        _ = press(&state, "space", "j", "space")
        _ = Reducer.run(&state, .labelStatus, argument: "wont_fix")
        XCTAssertEqual(state.confirmation?.question, "Set status won't fix on 2 marked items? y/n")
        _ = press(&state, "n")
        _ = Reducer.run(&state, .labelSeverity, argument: "critical")
        XCTAssertEqual(state.confirmation?.question, "Set severity S1 on 2 marked items? y/n")
    }

    func testALocusMessageSaysWhatFollowedIt() {
        let wording = LabelWording(taxonomy: .defaults)
        let cleared = ChangeSet(action: "label", changes: [
            FieldChange(itemID: 1, field: "locus", oldValue: "knowledge", newValue: "tool_use"),
            FieldChange(itemID: 1, field: "reasons", oldValue: #"["stale"]"#, newValue: "[]"),
            FieldChange(itemID: 1, field: "owner", oldValue: "content-team", newValue: "tools-team"),
        ], auditSeqs: 1...3, unchanged: 0)
        XCTAssertEqual(LabelMessage.text(.locus, value: "tool_use", outcome: cleared, wording: wording),
                       "Locus tool_use on 1 item · cleared reasons stale (not codes of tool_use) · owner content-team → tools-team, the default of tool_use")

        var kept = ChangeSet(action: "label", changes: [FieldChange(itemID: 1, field: "locus", oldValue: "knowledge", newValue: "retrieval")],
                             auditSeqs: 1...1, unchanged: 0)
        kept.keptOwners = [1: "support-ops"]
        XCTAssertEqual(LabelMessage.text(.locus, value: "retrieval", outcome: kept, wording: wording),
                       "Locus retrieval on 1 item · owner kept: support-ops was chosen by hand")

        var bulk = ChangeSet(action: "label", changes: [
            FieldChange(itemID: 1, field: "locus", oldValue: "knowledge", newValue: "retrieval"),
            FieldChange(itemID: 1, field: "reasons", oldValue: #"["stale"]"#, newValue: "[]"),
            FieldChange(itemID: 1, field: "owner", oldValue: "content-team", newValue: "search-team"),
            FieldChange(itemID: 2, field: "locus", oldValue: "knowledge", newValue: "retrieval"),
            FieldChange(itemID: 3, field: "locus", oldValue: nil, newValue: "retrieval"),
            FieldChange(itemID: 3, field: "owner", oldValue: nil, newValue: "search-team"),
        ], auditSeqs: 1...6, unchanged: 0)
        bulk.keptOwners = [2: "support-ops"]
        XCTAssertEqual(LabelMessage.text(.locus, value: "retrieval", outcome: bulk, wording: wording),
                       "Locus retrieval on 3 items · cleared reasons stale on 1 item (not codes of retrieval) · owner search-team on 2 items, the default of retrieval · owner kept on 1 item: chosen by hand (support-ops)")

        let status = ChangeSet(action: "label", changes: [FieldChange(itemID: 1, field: "status", oldValue: "new", newValue: "wont_fix")],
                               auditSeqs: 1...1, unchanged: 0)
        XCTAssertEqual(LabelMessage.text(.status, value: "wont_fix", outcome: status, wording: wording), "Status won't fix on 1 item")
        let severity = ChangeSet(action: "label", changes: [FieldChange(itemID: 1, field: "severity", oldValue: nil, newValue: "S1")],
                                 auditSeqs: 1...1, unchanged: 1)
        XCTAssertEqual(LabelMessage.text(.severity, value: "critical", outcome: severity, wording: wording),
                       "Severity S1 on 1 item (1 already S1)")
    }

    // MARK: Against the real store

    func testALocusChangeThroughTheQueueSaysWhatFollowedAndUndoesAsOne() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        func keys(_ keys: String...) {
            for key in keys { runtime.dispatch(.key(Key(key))) }
            runtime.settle()
        }
        func keys(contentsOf text: String) {
            for c in text { runtime.dispatch(.key(Key(c == " " ? "space" : String(c)))) }
        }
        let item = try XCTUnwrap(runtime.state.selectedRow?.id)
        keys(":")
        keys(contentsOf: "locus knowledge")
        keys("enter")
        XCTAssertEqual(runtime.state.message?.text, "Locus knowledge on 1 item · owner content-team, the default of knowledge")
        keys("R", "enter")
        XCTAssertEqual(runtime.state.detail?.reasons, ["stale"])
        keys("L", "r", "e", "t", "enter")
        XCTAssertEqual(runtime.state.message?.text,
                       "Locus retrieval on 1 item · cleared reasons stale (not codes of retrieval) · owner content-team → search-team, the default of retrieval")
        XCTAssertEqual(runtime.state.selectedRow?.owner, "search-team")
        XCTAssertEqual(runtime.state.detail?.reasons, [])
        keys("u")
        XCTAssertEqual(runtime.state.message?.text, "Undid locus, owner, reasons on 1 item")
        XCTAssertEqual(runtime.state.detail?.locus, "knowledge")
        XCTAssertEqual(runtime.state.detail?.reasons, ["stale"])
        XCTAssertEqual(runtime.state.selectedRow?.owner, "content-team")

        runtime.dispatch(.command(.labelOwner, argument: "support-ops"))
        runtime.settle()
        keys("L", "r", "e", "t", "enter")
        XCTAssertEqual(runtime.state.message?.text,
                       "Locus retrieval on 1 item · cleared reasons stale (not codes of retrieval) · owner kept: support-ops was chosen by hand")
        XCTAssertEqual(runtime.state.selectedRow?.owner, "support-ops")
        XCTAssertEqual(runtime.state.selectedRow?.id, item)
    }
}
