import Foundation
import XCTest
@testable import WinnowStore
@testable import WinnowTUI

/// The list's ≈N marker, the detail's likely duplicates and suggested labels, and the dedupe
/// view, drawn from a real store at 80×24 and wider.
final class DuplicateSuggestionSnapshotTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    func testTheListMarksSuggestedDuplicatesAndTheDetailShowsThem() throws {
        let ws = try suggestionWorkspace()
        try ws.label(.severity, "S2", on: 5, by: Identity(reviewer: "bob", osUser: "bob"))
        try ws.label(.locus, "retrieval", on: 5, by: Identity(reviewer: "bob", osUser: "bob"))
        for (width, height) in [(80, 24), (140, 40)] {
            let runtime = ws.runtime(width: width, height: height)
            select(runtime, 4)
            assertSnapshot(screenText(runtime.frame()), named: "suggestions-detail-\(width)x\(height)")
        }
        let runtime = ws.runtime(width: 80, height: 24)
        select(runtime, 1)
        press(runtime, "tab", "j", "j", "j", "j", "j")
        assertSnapshot(screenText(runtime.frame()), named: "suggestions-diff-80x24")
    }

    func testTheMarkerCapsAndKeepsTheColumnsAligned() {
        var capped = makeRow(1)
        capped.suggestedDuplicates = QueueRow.suggestedDuplicatesCap
        var some = makeRow(2)
        some.suggestedDuplicates = 12
        let merged = makeRow(3, cluster: 4)
        let state = makeState(rows: [capped, some, merged, makeRow(4)])
        let lines = Presenter().render(state).lines
        XCTAssertEqual(ListColumns.duplicateMarker(capped), "≈999+")
        let rows = lines[2...5]
        XCTAssertTrue(rows.allSatisfy { $0.contains(" How do I get a refund?") })
        XCTAssertEqual(Set(rows.map { DisplayWidth.of(String($0[..<$0.range(of: "How do I")!.lowerBound])) }).count, 1,
                       "the prompts start in one column:\n" + rows.joined(separator: "\n"))
        XCTAssertTrue(lines[2].contains("≈999+"), lines[2])
        XCTAssertTrue(lines[3].contains("≈12"), lines[3])
        XCTAssertTrue(lines[4].contains("×4"), lines[4])
    }

    func testTheDetailOfACrowdCountsWhatItDoesNotList() throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let base = "the export to csv button does nothing when i click it on the reports page of the dashboard, "
            + "neither in firefox nor in chrome, and my manager expects the spreadsheet every friday morning"
        let count = Store.groupMembersRead + 40
        let prompts = (0..<count).map { (n: Int) -> String in base + " q" + String(letters[n % 26]) + String(letters[(n / 26) % 26]) + "z" }
        let ws = try suggestionWorkspace(prompts)
        let runtime = ws.runtime(width: 100, height: 60)
        select(runtime, 1)
        let screen = screenText(runtime.frame())
        XCTAssertTrue(screen.contains("LIKELY DUPLICATES (\(count - 1))"), "every other member counts:\n" + screen)
        let suggestions = try XCTUnwrap(runtime.state.suggestions)
        let group = try XCTUnwrap(suggestions.group)
        XCTAssertGreaterThan(group.unread, 0)
        let lines = SuggestionLines.build(suggestions, try XCTUnwrap(runtime.state.detail), keymap: runtime.state.keymap, width: 100,
                                          now: runtime.state.now).map { $0.segments.map(\.text).joined() }
        XCTAssertTrue(lines.contains("  … and \(group.unread) more of the same text, not listed: m merges the ones listed"),
                      lines.joined(separator: "\n"))
    }

    func testTheDedupeView() throws {
        let ws = try suggestionWorkspace()
        for (width, height) in [(80, 24), (120, 30)] {
            let runtime = ws.runtime(width: width, height: height)
            press(runtime, "~")
            press(runtime, "enter")
            assertSnapshot(screenText(runtime.frame()), named: "dedupe-\(width)x\(height)")
            press(runtime, "q")
        }
    }

    func testTheDedupeViewScrollsToTheSelection() {
        func member(_ id: Int64) -> DuplicateMember {
            DuplicateMember(itemID: id, eventID: "e\(id)", timestampMillis: fixedNow, signal: "csat", weight: 0.5, status: "new",
                            severity: nil, locus: nil, version: 0, similarity: 0.9, prompt: "Prompt \(id)")
        }
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, "~")
        let groups = (1...60).map { DuplicateGroup(id: Int64($0), members: [member(Int64($0) * 10), member(Int64($0) * 10 + 1)]) }
        _ = Reducer.reduce(&state, .duplicateGroupsLoaded(groups, opening: false))
        for _ in 0..<45 { _ = press(&state, "j") }
        let grid = Presenter().render(state)
        let selected = grid.lines.filter { $0.hasPrefix("▶") }
        XCTAssertEqual(selected.count, 1, grid.lines.joined(separator: "\n"))
        XCTAssertTrue(selected.first?.contains("#460 ") == true, "the 46th group is on screen and selected:\n" + grid.lines.joined(separator: "\n"))
        XCTAssertEqual(grid.cursor?.row, grid.lines.firstIndex { $0.hasPrefix("▶") })
    }
}
