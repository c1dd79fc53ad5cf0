import Foundation
import XCTest
@testable import WinnowStore
@testable import WinnowTUI

/// The suggestion keys against a real store: accept merges through the session's undo stack,
/// reject is remembered and the suggestion goes, suggested labels apply as one undoable action,
/// suggestions appear for events imported while the queue is open, and the dedupe view.
final class DuplicateSuggestionSessionTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    func canonical(_ ws: FixtureWorkspace, _ item: Int64) throws -> Int64? {
        try ws.store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT canonical_id FROM items WHERE id = ?", arguments: [item]) }
    }

    func row(_ runtime: QueueRuntime, _ item: Int64) throws -> QueueRow {
        try XCTUnwrap(runtime.state.rows.first { $0.id == item })
    }

    func testTheDetailLoadsTheLikelyDuplicatesMostSimilarFirst() throws {
        let ws = try suggestionWorkspace()
        let runtime = ws.runtime(width: 100, height: 30)
        select(runtime, 1)
        let suggestions = try XCTUnwrap(runtime.state.suggestions)
        XCTAssertEqual(suggestions.itemID, 1)
        XCTAssertEqual(suggestions.likely.map(\.itemID), [2, 3], "#2 differs from #1 only by a masked number")
        XCTAssertEqual(suggestions.group?.canonical.itemID, 3, "the oldest is the canonical")
        XCTAssertEqual(try row(runtime, 1).suggestedDuplicates, 2)
        XCTAssertNil(suggestions.labels, "no similar item is triaged yet")
        press(runtime, "]")
        XCTAssertEqual(runtime.state.suggestions?.highlightedMember?.itemID, 3)
        press(runtime, "]")
        XCTAssertEqual(runtime.state.suggestions?.highlightedMember?.itemID, 2, "the highlight cycles")
    }

    func testAcceptMergesTheGroupIntoItsCanonicalAndUndoRestoresTheSuggestion() throws {
        let ws = try suggestionWorkspace()
        let runtime = ws.runtime(width: 100, height: 30)
        select(runtime, 1)
        press(runtime, "m")
        XCTAssertEqual(runtime.state.message?.text, "Merged 2 suggested duplicates into #3 (u undoes)")
        XCTAssertEqual(try canonical(ws, 1), 3)
        XCTAssertEqual(try canonical(ws, 2), 3)
        XCTAssertEqual(try ws.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit WHERE action = 'merge' AND reason = ?", arguments: [Store.acceptedSuggestionReason])
        }, 2)
        XCTAssertNil(try ws.store.duplicateGroup(containing: 3))
        XCTAssertEqual(try row(runtime, 3).clusterSize, 3)
        XCTAssertEqual(try row(runtime, 3).suggestedDuplicates, 0)

        press(runtime, "u")
        XCTAssertEqual(runtime.state.message?.text.hasPrefix("Undid merge"), true, runtime.state.message?.text ?? "")
        XCTAssertNil(try canonical(ws, 1))
        XCTAssertNil(try canonical(ws, 2))
        XCTAssertEqual(try ws.store.duplicateGroup(containing: 1).map { Set($0.members.map(\.itemID)) }, [1, 2, 3])
        let selected = try XCTUnwrap(runtime.state.selectedRow?.id)
        XCTAssertEqual(try row(runtime, selected).suggestedDuplicates, 2, "the marker is back")
        XCTAssertEqual(runtime.state.suggestions?.itemID, selected)
        XCTAssertEqual(runtime.state.suggestions?.likely.count, 2)
    }

    func testPairAcceptMergesTheHighlightedOneOnly() throws {
        let ws = try suggestionWorkspace()
        let runtime = ws.runtime(width: 100, height: 30)
        select(runtime, 1)
        // #2 is highlighted; the group's canonical #3 is not in the pair, so the older of the two (#2) keeps.
        press(runtime, "M")
        XCTAssertEqual(runtime.state.message?.text, "Merged 1 suggested duplicate into #2 (u undoes)")
        XCTAssertEqual(try canonical(ws, 1), 2)
        XCTAssertNil(try canonical(ws, 3))
    }

    func testRejectingThePairIsRememberedAndTheSuggestionGoes() throws {
        let ws = try suggestionWorkspace()
        let runtime = ws.runtime(width: 100, height: 30)
        select(runtime, 4)
        XCTAssertEqual(runtime.state.suggestions?.likely.map(\.itemID), [5])
        press(runtime, "b")
        XCTAssertEqual(runtime.state.message?.text, "#5 and #4 are not duplicates: never suggested together again (no undo)")
        XCTAssertTrue(try ws.store.isRejectedDuplicatePair(4, 5))
        XCTAssertEqual(try row(runtime, 4).suggestedDuplicates, 0, "the marker went with the suggestion")
        XCTAssertNil(runtime.state.suggestions?.group)
        press(runtime, "m")
        XCTAssertEqual(runtime.state.message?.text, "merge_suggested: the item has no suggested duplicates")
        XCTAssertNil(try canonical(ws, 4))
    }

    func testRejectingTheWholeGroupAsksFirst() throws {
        let ws = try suggestionWorkspace()
        let runtime = ws.runtime(width: 100, height: 30)
        select(runtime, 2)
        press(runtime, "B")
        XCTAssertEqual(runtime.state.confirmation?.question.hasPrefix("Not duplicates: never suggest the 3 items of #3's group together"), true)
        press(runtime, "n")
        XCTAssertFalse(try ws.store.isRejectedDuplicatePair(1, 2), "declined: nothing rejected")
        press(runtime, "B", "y")
        XCTAssertTrue(try ws.store.isRejectedDuplicatePair(1, 2))
        XCTAssertTrue(try ws.store.isRejectedDuplicatePair(1, 3))
        XCTAssertTrue(try ws.store.isRejectedDuplicatePair(2, 3))
        XCTAssertNil(try ws.store.duplicateGroup(containing: 1))
        XCTAssertEqual(runtime.state.message?.text, "Not duplicates: 3 pairs of 3 items never suggested again (no undo)")
    }

    func testAcceptRefusedWhenSomeoneElseChangedAnItemMeanwhile() throws {
        let ws = try suggestionWorkspace()
        let runtime = ws.runtime(width: 100, height: 30)
        select(runtime, 1)
        try ws.label(.severity, "S3", on: 2, by: Identity(reviewer: "bob", osUser: "bob"))
        press(runtime, "m")
        XCTAssertEqual(runtime.state.message?.isError, true)
        XCTAssertNil(try canonical(ws, 1), "nothing was merged")
        XCTAssertNil(try canonical(ws, 2))
    }

    func testSuggestedLabelsApplyAsOneUndoableAction() throws {
        let ws = try suggestionWorkspace()
        try ws.label(.severity, "S2", on: 5, by: Identity(reviewer: "bob", osUser: "bob"))
        let runtime = ws.runtime(width: 100, height: 30)
        select(runtime, 4)
        let labels = try XCTUnwrap(runtime.state.suggestions?.labels)
        XCTAssertEqual(labels.neighbours.map(\.item), [5])
        XCTAssertEqual(labels.labels[.severity], "S2")
        press(runtime, "p")
        XCTAssertEqual(runtime.state.message?.text.hasPrefix("Suggested by #5: S2"), true, runtime.state.message?.text ?? "")
        XCTAssertEqual(try ws.store.pool.read { db in try String.fetchOne(db, sql: "SELECT severity FROM items WHERE id = 4") }, "S2")
        XCTAssertEqual(try ws.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT reason FROM audit WHERE item_id = 4 AND field = 'severity'")
        }, "suggested by similar items #5")
        press(runtime, "u")
        XCTAssertNil(try ws.store.pool.read { db in try String.fetchOne(db, sql: "SELECT severity FROM items WHERE id = 4") })
    }

    func testSuggestionsAppearForEventsImportedWhileTheQueueIsOpen() throws {
        let ws = try suggestionWorkspace(Array(suggestionPrompts[3...]))
        let runtime = ws.runtime(width: 100, height: 30)
        XCTAssertEqual(runtime.state.rows.map(\.suggestedDuplicates).sorted(), [0, 1, 1])
        let alone = try XCTUnwrap(runtime.state.rows.first { $0.suggestedDuplicates == 0 }?.id)
        select(runtime, alone)
        XCTAssertNil(runtime.state.suggestions?.group)
        try ws.importMore([fixtureEvent(9, prompt: "how do i change the language of the assistant to german")])
        runtime.tick()
        runtime.settle()
        XCTAssertEqual(runtime.state.selectedRow?.id, alone)
        XCTAssertEqual(try row(runtime, alone).suggestedDuplicates, 1)
        XCTAssertEqual(runtime.state.suggestions?.likely.count, 1)
        XCTAssertEqual(runtime.state.suggestions?.likely.first?.similarity, 1)
    }

    func testTheDedupeViewListsGroupsMarksThemSeenAndActsOnGroupsAndMembers() throws {
        let ws = try suggestionWorkspace()
        let runtime = ws.runtime(width: 100, height: 30)
        press(runtime, "~")
        var view = try XCTUnwrap(runtime.state.dedupe)
        XCTAssertFalse(view.loading)
        XCTAssertEqual(view.groups.map { Set($0.members.map(\.itemID)) }, [[1, 2, 3], [4, 5]], "heaviest first")
        XCTAssertEqual(Set(view.fresh.values), ["new"])
        XCTAssertEqual(runtime.state.keyContext, .dedupe)
        press(runtime, "q")
        XCTAssertNil(runtime.state.dedupe)
        press(runtime, "~")
        XCTAssertEqual(runtime.state.dedupe?.fresh, [:], "seen when last shown, and not grown since")

        // The second group's members: the canonical first, then #4.
        press(runtime, "j", "enter")
        view = try XCTUnwrap(runtime.state.dedupe)
        XCTAssertEqual(view.rows, [.group(0), .group(1), .member(group: 1, member: 0), .member(group: 1, member: 1)])
        press(runtime, "j")
        XCTAssertEqual(runtime.state.dedupe?.selectedRow, .member(group: 1, member: 0))
        press(runtime, "m")
        XCTAssertEqual(runtime.state.message?.text.hasPrefix("#5 is the canonical"), true)
        press(runtime, "j", "b")
        XCTAssertTrue(try ws.store.isRejectedDuplicatePair(4, 5))
        XCTAssertEqual(runtime.state.dedupe?.groups.count, 1, "the broken group left the view")

        // The invoice group, accepted from its row; undo brings it back.
        press(runtime, "g", "m")
        XCTAssertEqual(runtime.state.message?.text, "Merged 2 suggested duplicates into #3 (u undoes)")
        XCTAssertEqual(runtime.state.dedupe?.groups.count, 0)
        XCTAssertEqual(try canonical(ws, 1), 3)
        press(runtime, "u")
        XCTAssertNil(try canonical(ws, 1))
        XCTAssertEqual(runtime.state.dedupe?.groups.count, 1)
        XCTAssertEqual(runtime.state.keyContext, .dedupe, "still in the view")
    }
}
