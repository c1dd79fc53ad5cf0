import XCTest
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// A merged duplicate reads as `duplicate` in the list and the detail, in the closed style, and
/// the filter `status:duplicate` finds it.
final class DuplicatesReducerTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    func type(_ runtime: QueueRuntime, _ text: String) {
        for character in text { runtime.dispatch(.key(Key(String(character)))) }
        runtime.settle()
    }

    /// The row of the screen showing `id`'s list line (the list's header is its first row).
    func screenRow(of id: Int64, _ state: AppState) -> Int {
        state.layout.list.row + 1 + state.rows.firstIndex { $0.id == id }! - state.scrollTop
    }

    func testADuplicatesStatusCellSaysDuplicateInTheClosedStyle() throws {
        var duplicate = makeRow(2, status: "new")
        duplicate.canonicalID = 1
        duplicate.isOpen = false
        let state = makeState(width: 100, height: 30, rows: [makeRow(1, cluster: 2), duplicate, makeRow(3)])
        let grid = Presenter().render(state)
        let line = grid.lines[screenRow(of: 2, state)]
        XCTAssertTrue(line.contains(" duplicate "), line)
        XCTAssertFalse(line.contains(" new "), "its own status is kept underneath, not shown: \(line)")
        let column = try XCTUnwrap(line.range(of: "duplicate").map { line.distance(from: line.startIndex, to: $0.lowerBound) })
        XCTAssertEqual(grid[screenRow(of: 2, state), column].role, .statusClosed)
        XCTAssertTrue(grid.lines[screenRow(of: 3, state)].contains(" new "), "an item that is not merged shows its own status")

        let detail = DetailLines.build(makeDetail(duplicate, canonical: 1), width: 80, now: fixedNow).map { $0.segments.map(\.text).joined() }
        XCTAssertTrue(detail[0].hasSuffix("  duplicate"), detail[0])
        XCTAssertTrue(detail.contains { $0.contains("duplicate of #1") }, detail.joined(separator: "\n"))
    }

    func testMergeThenFilterStatusDuplicateShowsTheMergedItem() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let first = try XCTUnwrap(runtime.state.selectedRow?.id)
        press(runtime, "space", "G")
        let canonical = try XCTUnwrap(runtime.state.selectedRow?.id)
        XCTAssertNotEqual(first, canonical)
        press(runtime, "D")
        XCTAssertEqual(runtime.state.confirmation?.question, "Merge 1 marked item into #\(canonical) as duplicates? y/n")
        press(runtime, "y")
        XCTAssertEqual(runtime.state.message?.text.hasPrefix("Merged 1 item into #\(canonical)"), true)
        let merged = try XCTUnwrap(runtime.state.rows.first { $0.id == first })
        XCTAssertEqual(merged.effectiveStatus, "duplicate")
        XCTAssertEqual(merged.canonicalID, canonical)

        press(runtime, "\\")
        type(runtime, "status:duplicate")
        press(runtime, "enter")
        XCTAssertEqual(runtime.state.rows.map(\.id), [first])
        XCTAssertEqual(runtime.state.total, 1)
        let line = runtime.frame().lines[screenRow(of: first, runtime.state)]
        XCTAssertTrue(line.contains(" duplicate "), line)

        // `status:new` no longer finds it.
        press(runtime, "\\")
        for _ in 0..<"status:duplicate".count { press(runtime, "backspace") }
        type(runtime, "status:new")
        press(runtime, "enter")
        XCTAssertEqual(runtime.state.total, 2)
        XCTAssertFalse(runtime.state.rows.contains { $0.id == first })
    }
}
