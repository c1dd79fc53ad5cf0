import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// Bulk actions against a real store: marks that last, messages that count, a cursor that skips
/// nothing, and a redo that puts the cursor where the action did.
final class BulkSessionTests: XCTestCase {
    let bo = Identity(reviewer: "bo", osUser: "bo-os")

    func reader(_ ws: FixtureWorkspace) -> QueueReader { QueueReader(store: ws.store, reviewer: "alice") }

    func count(_ ws: FixtureWorkspace, _ query: String) throws -> Int {
        let reader = reader(ws)
        return try reader.count(reader.compile(try FilterQuery.parse(query))).total
    }

    /// Five items in a `status:open` view, the first three marked with a range: the setting of a
    /// colleague's change taking a marked item out of the view.
    func threeMarkedInTheOpenView() throws -> (FixtureWorkspace, QueueRuntime, [Int64]) {
        let ws = try FixtureWorkspace(lines: (1...5).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        runtime.dispatch(.command(.filter, argument: "status:open"))
        runtime.settle()
        let order = ids(runtime)
        press(runtime, "V", "j", "j", "V")
        return (ws, runtime, order)
    }

    /// The ids of the loaded rows in queue order.
    func ids(_ runtime: QueueRuntime) -> [Int64] { runtime.state.rows.map(\.id) }

    func testMarksStayForTheNextBulkActionWhichIsNotRefusedAsStale() throws {
        let ws = try FixtureWorkspace(lines: (1...8).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let firstThree = Array(ids(runtime).prefix(3))
        press(runtime, "V", "j", "j", "V", "s", "3", "y")
        XCTAssertEqual(runtime.state.message?.text, "Severity S3 on 3 items")
        XCTAssertEqual(runtime.state.marked, Set(firstThree))
        XCTAssertEqual(runtime.state.markedVersions, try ws.store.versions(of: firstThree), "the marks carry the versions the label left")
        XCTAssertTrue(runtime.frame().lines[runtime.state.layout.statusRow].contains("3 marked"))

        press(runtime, "L", "k", "n", "o", "w", "enter")
        XCTAssertEqual(runtime.state.confirmation?.question, "Set locus knowledge on 3 marked items? y/n")
        press(runtime, "y")
        XCTAssertEqual(runtime.state.message?.isError, false, runtime.state.message?.text ?? "")
        XCTAssertTrue(runtime.state.message?.text.hasPrefix("Locus knowledge on 3 items") == true, runtime.state.message?.text ?? "")
        XCTAssertEqual(try count(ws, "locus:knowledge severity:S3"), 3)
        XCTAssertEqual(runtime.state.marked.count, 3)
    }

    func testAnUndoAndARedoLeaveTheMarksAtTheVersionsTheyLeft() throws {
        let ws = try FixtureWorkspace(lines: (1...6).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let firstThree = Array(ids(runtime).prefix(3))
        press(runtime, "V", "j", "j", "V", "s", "3", "y")
        press(runtime, "u")
        XCTAssertEqual(runtime.state.message?.text, "Undid severity on 3 items")
        XCTAssertEqual(runtime.state.markedVersions, try ws.store.versions(of: firstThree))
        press(runtime, "ctrl-r")
        XCTAssertEqual(runtime.state.markedVersions, try ws.store.versions(of: firstThree))
        press(runtime, "s", "2", "y")
        XCTAssertEqual(runtime.state.message?.text, "Severity S2 on 3 items", "not refused as acting on stale versions")
        XCTAssertEqual(try count(ws, "severity:S2"), 3)
    }

    func testABulkCloseCountsWhatLeftAndTheCursorLandsOnTheNextUnprocessedItem() throws {
        let ws = try FixtureWorkspace(lines: (1...10).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let order = ids(runtime)
        // Marked: two above the cursor, the selected one and one below it.
        press(runtime, "space", "j", "space", "j", "j", "j", "space", "j", "j", "space", "k", "k")
        XCTAssertEqual(runtime.state.marked, [order[0], order[1], order[4], order[6]])
        XCTAssertEqual(runtime.state.selectedRow?.id, order[4])

        press(runtime, "S", "t", "y")
        XCTAssertEqual(runtime.state.message?.text, "Status triaged on 4 items: 4 left the open queue")
        XCTAssertEqual(runtime.state.selectedRow?.id, order[5], "the item right below the selection is next, none skipped")
        XCTAssertEqual(runtime.state.cursor, 2, "two closed items above it slid away")
        XCTAssertEqual(runtime.state.detail?.row.id, order[5])
        XCTAssertEqual(runtime.state.marked.count, 4, "closed items are still in this unfiltered view: still marked")
        XCTAssertEqual(runtime.state.markedVersions, try ws.store.versions(of: [order[0], order[1], order[4], order[6]]))
    }

    func testMarksOnItemsThatLeaveTheFilteredViewAreDroppedExactly() throws {
        let ws = try FixtureWorkspace(lines: (1...8).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        runtime.dispatch(.command(.filter, argument: "status:open"))
        runtime.settle()
        let order = ids(runtime)
        press(runtime, "space", "j", "space", "j", "space")
        press(runtime, "s", "2", "y")
        XCTAssertEqual(runtime.state.marked.count, 3, "a severity keeps them open and in view")

        // Unmark the middle one and close the other two.
        press(runtime, "k", "space", "S", "r", "y")
        XCTAssertEqual(runtime.state.message?.text, "Status resolved on 2 items: 2 left the open queue")
        XCTAssertEqual(runtime.state.marked, [], "both left the open-items view")
        XCTAssertEqual(runtime.state.selectedRow?.id, order[1], "the unmarked item slid up under the cursor")
        XCTAssertEqual(runtime.state.cursor, 0)

        // The selected item and the one below it close: the next one below them comes under the cursor.
        press(runtime, "space", "j", "space", "S", "t", "y")
        XCTAssertEqual(runtime.state.message?.text, "Status triaged on 2 items: 2 left the open queue")
        XCTAssertEqual(runtime.state.marked, [])
        XCTAssertEqual(runtime.state.selectedRow?.id, order[4])
        XCTAssertEqual(runtime.state.cursor, 0)
        XCTAssertEqual(runtime.state.total, 4)
    }

    func testARefusedBulkActionKeepsTheMarksAndRepeatingItAppliesIt() throws {
        let ws = try FixtureWorkspace(lines: (1...5).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let order = ids(runtime)
        press(runtime, "V", "j", "j", "V")
        try ws.label(.owner, "search-team", on: order[1], by: bo)

        press(runtime, "s", "1", "y")
        XCTAssertEqual(runtime.state.message?.isError, true)
        XCTAssertTrue(runtime.state.message?.text.hasPrefix("#\(order[1]) was changed by bo meanwhile") == true, runtime.state.message?.text ?? "")
        XCTAssertEqual(try count(ws, "severity:S1"), 0, "nothing was written")
        XCTAssertEqual(runtime.state.marked.count, 3, "the marks stay")

        press(runtime, "s", "1", "y")
        XCTAssertEqual(runtime.state.message?.text, "Severity S1 on 3 items", "the item named in the refusal is marked at its fresh version")
        XCTAssertEqual(try count(ws, "severity:S1 owner:search-team"), 1, "bo's owner stands")
    }

    /// The once-a-second reload after another process's commit lets go of the marks whose items
    /// the colleague's change took out of the view, and says so; the rest keep their versions.
    func testAColleaguesChangeSeenByTheReloadLetsGoOfTheMarksThatLeftTheView() throws {
        let (ws, runtime, order) = try threeMarkedInTheOpenView()
        let versions = runtime.state.markedVersions
        runtime.tick()
        XCTAssertEqual(runtime.state.marked.count, 3, "nothing changed: nothing unmarked")
        try ws.label(.status, "resolved", on: order[1], by: bo)
        try ws.label(.severity, "S2", on: order[2], by: bo)
        runtime.tick()
        runtime.settle()
        XCTAssertEqual(runtime.state.marked, [order[0], order[2]], "only the resolved item left this open-items view")
        XCTAssertEqual(runtime.state.markedVersions[order[2]], versions[order[2]],
                       "a mark keeps the version it was made at, so the next bulk action refuses bo's severity")
        XCTAssertEqual(runtime.state.message?.text, "1 marked item left the view after another reviewer's change: unmarked (2 still marked)")
    }

    /// A merge is what its duplicates were marked for: their marks go with it, so the next label
    /// reaches the canonical alone; a marked canonical stays marked.
    func testAMergeConsumesTheMarksOfTheDuplicatesItMerged() throws {
        let ws = try FixtureWorkspace(lines: (1...5).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let order = ids(runtime)
        press(runtime, "V", "j", "j", "V", "g", "D")
        XCTAssertEqual(runtime.state.confirmation?.question, "Merge 2 marked items into #\(order[0]) as duplicates? y/n")
        press(runtime, "y")
        XCTAssertEqual(runtime.state.marked, [order[0]], "the canonical was marked too, and is not merged")
        XCTAssertEqual(try count(ws, "status:duplicate"), 2)
    }

    func testARefusalLetsGoOfAMarkedItemAColleagueTookOutOfTheView() throws {
        let (ws, runtime, order) = try threeMarkedInTheOpenView()
        try ws.label(.status, "resolved", on: order[1], by: bo)

        press(runtime, "s", "1", "y")
        XCTAssertEqual(runtime.state.message?.isError, true)
        XCTAssertEqual(runtime.state.marked, [order[0], order[2]], "bo's resolve took #\(order[1]) out of this open-items view")
        press(runtime, "s", "1", "y")
        XCTAssertEqual(runtime.state.message?.text, "Severity S1 on 2 items")
        XCTAssertEqual(try count(ws, "severity:S1"), 2)
    }

    func testRedoOfACloseKeepsTheCursorInPlaceAndUndoBringsTheItemBackUnderIt() throws {
        let ws = try FixtureWorkspace(lines: (1...6).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let order = ids(runtime)
        press(runtime, "j", "j", "S", "t")
        XCTAssertEqual(runtime.state.message?.text, "Status triaged on 1 item: #\(order[2]) left the open queue")
        XCTAssertEqual(runtime.state.cursor, 2)
        XCTAssertEqual(runtime.state.selectedRow?.id, order[3])

        press(runtime, "u")
        XCTAssertEqual(runtime.state.cursor, 2, "the item comes back to the selected place")
        XCTAssertEqual(runtime.state.selectedRow?.id, order[2])

        press(runtime, "ctrl-r")
        XCTAssertEqual(runtime.state.message?.text, "Redid status on 1 item")
        XCTAssertEqual(runtime.state.cursor, 2, "as the action did: the cursor stays")
        XCTAssertEqual(runtime.state.selectedRow?.id, order[3], "and the next item slides under it")
        XCTAssertEqual(runtime.state.detail?.row.id, order[3])
    }

    func testSpaceThenNextAfterASearchGoesToTheNextMatch() throws {
        let lines = (1...6).map { fixtureEvent($0, prompt: [2, 3, 5].contains($0) ? "Question \($0) about the term sheet" : "Question \($0)") }
        let ws = try FixtureWorkspace(lines: lines)
        let runtime = ws.runtime(width: 100, height: 30)
        let order = ids(runtime)
        runtime.dispatch(.command(.search, argument: "term"))
        runtime.settle()
        XCTAssertEqual(runtime.state.selectedRow?.id, order[1])
        press(runtime, "space", "n")
        XCTAssertEqual(runtime.state.marked, [order[1]])
        XCTAssertEqual(runtime.state.selectedRow?.id, order[2], "the adjacent match is not skipped")
    }
}
