import XCTest
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// Bulk stays bulk: marks outlive a bulk action until the reviewer lets them go or their items
/// leave the view, Space marks without moving, and the status bar always counts the marks.
final class BulkMarksReducerTests: XCTestCase {
    func state(rows count: Int = 6) -> AppState {
        makeState(rows: (1...Int64(count)).map { makeRow($0, version: 1) })
    }

    func testMarksStayAfterABulkActionAndTheNextOneActsOnTheVersionsItLeft() {
        var s = state()
        _ = press(&s, "V", "j", "j", "V")
        XCTAssertEqual(s.marked, [1, 2, 3])
        _ = press(&s, "s", "3")
        XCTAssertEqual(press(&s, "y"), [.label(field: .severity, value: "S3", items: [1, 2, 3], versions: [1: 1, 2: 1, 3: 1])])
        XCTAssertEqual(s.marked, [1, 2, 3], "answering yes keeps the marks")

        // The store wrote the label: each marked item moved on one version.
        _ = Reducer.reduce(&s, .marksRefreshed(stillInView: [1, 2, 3], versions: [1: 2, 2: 2, 3: 2]))
        XCTAssertEqual(s.markedVersions, [1: 2, 2: 2, 3: 2])
        _ = Reducer.reduce(&s, .command(.labelLocus, argument: "knowledge"))
        XCTAssertEqual(s.confirmation?.question, "Set locus knowledge on 3 marked items? y/n")
        XCTAssertEqual(press(&s, "y"), [.label(field: .locus, value: "knowledge", items: [1, 2, 3], versions: [1: 2, 2: 2, 3: 2])],
                       "the second bulk action is checked against what the first one left, not refused as stale")
        XCTAssertEqual(s.marked, [1, 2, 3])
    }

    func testMarksWhoseItemsLeftTheViewAreLetGoAndOthersKeepTheirMarkedVersion() {
        var s = state()
        s.marked = [1, 2, 3, 4]
        s.markedVersions = [1: 1, 2: 1, 3: 1, 4: 7]
        // #1 and #3 no longer match the filter; #2 changed; #4 was not touched by the change.
        _ = Reducer.reduce(&s, .marksRefreshed(stillInView: [2, 4], versions: [1: 2, 2: 2, 3: 2]))
        XCTAssertEqual(s.marked, [2, 4])
        XCTAssertEqual(s.markedVersions, [2: 2, 4: 7], "an untouched mark keeps the version it was marked at")
        XCTAssertTrue(Presenter().render(s).lines[s.layout.statusRow].contains("2 marked"))
    }

    func testEscClearsTheMarksAfterTheDetailAndBeforeTheFilter() throws {
        var s = state()
        _ = Reducer.reduce(&s, .command(.filter, argument: "signal:thumbs_down"))
        _ = press(&s, "space", "j", "space", "enter")
        XCTAssertEqual(s.focus, .detail)
        _ = press(&s, "esc")
        XCTAssertEqual(s.focus, .list, "Esc leaves the detail first")
        XCTAssertEqual(s.marked, [1, 2])
        XCTAssertEqual(press(&s, "esc"), [])
        XCTAssertTrue(s.marked.isEmpty)
        XCTAssertTrue(s.markedVersions.isEmpty)
        XCTAssertEqual(s.message?.text, "Unmarked 2 items")
        XCTAssertFalse(s.filter.isEmpty, "the filter stays for the next Esc")
        XCTAssertEqual(press(&s, "esc"), [.reload(keepingItem: 2, position: 1)])
        XCTAssertTrue(s.filter.isEmpty)
    }

    func testClearMarksSaysHowManyItLetGo() {
        var s = state()
        _ = press(&s, "space")
        _ = Reducer.reduce(&s, .command(.clearMarks, argument: nil))
        XCTAssertTrue(s.marked.isEmpty)
        XCTAssertEqual(s.message?.text, "Unmarked 1 item")
    }

    func testTheStatusBarCountsTheMarksEvenBehindALongFilter() {
        var s = state()
        _ = Reducer.reduce(&s, .command(.filter, argument: "signal:thumbs_down intent:billing.refund owner:search-team -password \"a long phrase to fill the bar\""))
        _ = press(&s, "V", "j", "j", "V")
        let bar = Presenter().render(s).lines[s.layout.statusRow]
        XCTAssertTrue(bar.hasPrefix(" QUEUE │ 3 of 6 │ 3 marked │ filter: "), bar)
    }

    func testTheCountShowsWhileAnInputLineCoversTheStatusBar() {
        var s = state()
        _ = press(&s, "space", "j", "space", ":")
        let bar = Presenter().render(s).lines[s.layout.statusRow]
        XCTAssertTrue(bar.hasPrefix(" 2 marked · "), bar)
        XCTAssertTrue(bar.contains("Command name and argument"), bar)
    }

    func testSpaceMarksTheSelectedItemAndStaysOnIt() {
        var s = state()
        _ = press(&s, "j")
        XCTAssertEqual(press(&s, "space"), [])
        XCTAssertEqual(s.marked, [2])
        XCTAssertEqual(s.cursor, 1, "marking does not move")
        _ = press(&s, "space")
        XCTAssertEqual(s.marked, [], "a second Space unmarks the same item")
        XCTAssertEqual(s.cursor, 1)
    }

    func testTheWorkspaceSettingMakesSpaceMoveDown() {
        var s = state()
        s.markMovesDown = true
        _ = press(&s, "space", "space")
        XCTAssertEqual(s.marked, [1, 2])
        XCTAssertEqual(s.cursor, 2)
    }
}

/// The setting travels from winnow.toml to the queue's state.
final class BulkMarkSettingLaunchTests: XCTestCase {
    func testQueueLaunchPassesMarkMovesDownFromTheWorkspace() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let launch = { try QueueLaunch(store: try Store.open(ws.store.workspace), identity: Identity(reviewer: "alice", osUser: "tester"),
                                       themeFlag: nil, environment: [:]) }
        XCTAssertFalse(try launch().makeRuntime(width: 100, height: 30).state.markMovesDown)

        var text = try String(contentsOf: ws.store.workspace.configURL, encoding: .utf8)
        text = text.replacingOccurrences(of: "mark_moves_down = false", with: "mark_moves_down = true")
        try text.write(to: ws.store.workspace.configURL, atomically: true, encoding: .utf8)
        let runtime = try launch().makeRuntime(width: 100, height: 30)
        XCTAssertTrue(runtime.state.markMovesDown)
        runtime.start()
        runtime.settle()
        runtime.dispatch(.key(Key("space")))
        XCTAssertEqual(runtime.state.cursor, 1, "Space marks and moves down in this workspace")
    }
}
