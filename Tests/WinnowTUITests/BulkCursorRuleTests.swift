import XCTest
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// The one rule for where the cursor lands after an action, its undo and its redo.
final class BulkCursorRuleTests: XCTestCase {
    func state(cursor: Int) -> AppState {
        var s = makeState(rows: (1...8).map { makeRow($0) })
        _ = Reducer.reduce(&s, .window(rows: s.rows, start: 0, total: 8, open: 8, cursor: cursor))
        return s
    }

    func status(_ items: [Int64], from old: String? = nil, to new: String) -> ChangeSet {
        ChangeSet(action: "label", changes: items.map { FieldChange(itemID: $0, field: "status", oldValue: old, newValue: new) },
                  auditSeqs: nil, unchanged: 0)
    }

    func testClosingMarkedItemsAboveAndAtTheCursorLandsOnTheNextUnprocessedOne() {
        // Cursor on #4; marked #1, #2 (above), #4 (selected) and #6 (below) are triaged.
        let s = state(cursor: 3)
        let change = status([1, 2, 4, 6], to: "triaged")
        let departed = CursorAfterChange.departed(change, stillInView: [1, 2, 4, 6], sort: .queue)
        XCTAssertEqual(departed, [1, 2, 4, 6], "in queue order closed items sink below the open ones")
        XCTAssertEqual(CursorAfterChange.target(after: change, departed: departed, showsChange: false, in: s), .item(5),
                       "#5 was right below the changed selection: it is next, not #7")
    }

    func testTheSelectedItemIsFollowedWhenOnlyItemsAboveItLeave() {
        let s = state(cursor: 3)
        let change = status([1, 2], to: "resolved")
        let departed = CursorAfterChange.departed(change, stillInView: [1, 2], sort: .queue)
        XCTAssertEqual(CursorAfterChange.target(after: change, departed: departed, showsChange: false, in: s), .item(4))
    }

    func testOutsideQueueOrderOnlyItemsTheFilterLostDepart() {
        let change = status([1, 2], to: "triaged")
        XCTAssertEqual(CursorAfterChange.departed(change, stillInView: [1, 2], sort: .newest), [],
                       "newest first: a closed item keeps its place")
        XCTAssertEqual(CursorAfterChange.departed(change, stillInView: [2], sort: .newest), [1], "a filter that no longer matches #1")
    }

    func testALabelThatLeavesItemsOpenKeepsTheSelection() {
        let s = state(cursor: 2)
        let change = ChangeSet(action: "label", changes: [FieldChange(itemID: 3, field: "severity", oldValue: nil, newValue: "S2")],
                               auditSeqs: nil, unchanged: 0)
        let departed = CursorAfterChange.departed(change, stillInView: [3], sort: .queue)
        XCTAssertEqual(CursorAfterChange.target(after: change, departed: departed, showsChange: false, in: s), .item(3))
    }

    func testUndoShowsTheItemItBringsBackAndRedoLandsWhereTheActionDid() {
        // The action: #3 closed under the cursor, #4 slid under it.
        let action = status([3], to: "triaged")
        XCTAssertEqual(CursorAfterChange.target(after: action, departed: [3], showsChange: false, in: state(cursor: 2)), .item(4))

        // Its undo, from #4: the reopened #3 is shown, back in its place.
        var afterAction = makeState(rows: [1, 2, 4, 5, 6, 7, 8, 3].map { makeRow($0) })
        _ = Reducer.reduce(&afterAction, .window(rows: afterAction.rows, start: 0, total: 8, open: 7, cursor: 2))
        let undo = status([3], from: "triaged", to: "new")
        XCTAssertEqual(CursorAfterChange.target(after: undo, departed: CursorAfterChange.departed(undo, stillInView: [3], sort: .queue),
                                                showsChange: true, in: afterAction), .item(3))

        // Its redo, from #3: like the action, #3 leaves and #4 is next.
        let redo = status([3], from: "new", to: "triaged")
        XCTAssertEqual(CursorAfterChange.target(after: redo, departed: CursorAfterChange.departed(redo, stillInView: [3], sort: .queue),
                                                showsChange: true, in: state(cursor: 2)), .item(4))
    }

    func testAnUndoThatTouchesTheSelectedItemKeepsIt() {
        let undo = ChangeSet(action: "undo", changes: [FieldChange(itemID: 3, field: "severity", oldValue: "S2", newValue: nil),
                                                       FieldChange(itemID: 5, field: "severity", oldValue: "S2", newValue: nil)],
                             auditSeqs: nil, unchanged: 0)
        XCTAssertEqual(CursorAfterChange.target(after: undo, departed: [], showsChange: true, in: state(cursor: 4)), .item(5))
        XCTAssertEqual(CursorAfterChange.target(after: undo, departed: [], showsChange: true, in: state(cursor: 0)), .item(3),
                       "an undo elsewhere shows the first item it changed")
    }

    func testWithNothingLeftBelowTheCursorKeepsThePositionLessWhatLeftAboveIt() {
        let s = state(cursor: 7)
        let change = status([2, 8], to: "triaged")
        XCTAssertEqual(CursorAfterChange.target(after: change, departed: [2, 8], showsChange: false, in: s), .position(6))
    }

    func testAMergedDuplicateLeavesTheOpenQueue() {
        XCTAssertTrue(CursorAfterChange.leavesOpenQueue(FieldChange(itemID: 2, field: "canonical", oldValue: nil, newValue: "1")))
        XCTAssertFalse(CursorAfterChange.leavesOpenQueue(FieldChange(itemID: 2, field: "canonical", oldValue: "1", newValue: nil)))
        XCTAssertFalse(CursorAfterChange.leavesOpenQueue(FieldChange(itemID: 2, field: "status", oldValue: "triaged", newValue: "resolved")))
        XCTAssertTrue(CursorAfterChange.leavesOpenQueue(FieldChange(itemID: 2, field: "status", oldValue: nil, newValue: "wont_fix")))
    }
}
