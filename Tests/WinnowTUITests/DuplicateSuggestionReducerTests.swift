import XCTest
@testable import WinnowStore
@testable import WinnowTUI

/// The suggestion keys in the reducer alone: what each asks the store to do, with the versions
/// the reviewer saw, and the dedupe view's navigation.
final class DuplicateSuggestionReducerTests: XCTestCase {
    func member(_ id: Int64, similarity: Double = 0.8, minutesAgo: Int64 = 60, version: Int = 0, severity: String? = nil) -> DuplicateMember {
        DuplicateMember(itemID: id, eventID: "evt-\(id)", timestampMillis: fixedNow - minutesAgo * 60_000, signal: "thumbs_down", weight: 0.5,
                        status: "new", severity: severity, locus: nil, version: version, similarity: similarity, prompt: "Prompt of \(id)")
    }

    /// Item 1 selected, in a group with canonical #7 (oldest) and #4; #4 the most similar to it.
    func stateWithSuggestions(labels: LabelSuggestion? = nil) -> AppState {
        var state = makeState(rows: [makeRow(1, version: 2), makeRow(4, version: 1), makeRow(7, version: 5)])
        _ = Reducer.reduce(&state, .detailLoaded(makeDetail(makeRow(1, version: 2))))
        let group = DuplicateGroup(id: 7, members: [member(7, similarity: 1, minutesAgo: 300, version: 5), member(1, version: 2),
                                                    member(4, minutesAgo: 100, version: 1)])
        let suggestions = DuplicateSuggestions(itemID: 1, group: group, likely: [member(4, similarity: 0.9, minutesAgo: 100, version: 1),
                                                                                  member(7, similarity: 0.7, minutesAgo: 300, version: 5)],
                                               labels: labels)
        _ = Reducer.reduce(&state, .suggestionsLoaded(itemID: 1, suggestions))
        return state
    }

    func testLoadingTheDetailAsksForItsSuggestions() {
        var state = makeState(rows: [makeRow(1)])
        XCTAssertEqual(Reducer.reduce(&state, .detailLoaded(makeDetail(makeRow(1)))), [.loadSuggestions(1)])
    }

    func testSuggestionsOfAnotherItemAreNotShown() {
        var state = stateWithSuggestions()
        _ = Reducer.reduce(&state, .suggestionsLoaded(itemID: 9, nil))
        XCTAssertEqual(state.suggestions?.itemID, 1, "an answer for an item no longer shown is dropped")
        _ = Reducer.reduce(&state, .detailLoaded(makeDetail(makeRow(4))))
        XCTAssertNil(state.suggestions, "another item's detail clears them")
    }

    func testAcceptMergesTheOthersIntoTheCanonicalAtTheVersionsShown() {
        var state = stateWithSuggestions()
        XCTAssertEqual(press(&state, "m"), [.acceptDuplicates([1, 4], into: 7, versions: [7: 5, 1: 2, 4: 1])])
    }

    func testPairAcceptMergesIntoTheOlderOfThePair() {
        var state = stateWithSuggestions()
        XCTAssertEqual(press(&state, "M"), [.acceptDuplicates([1], into: 4, versions: [1: 2, 4: 1])])
        // Highlight the canonical: the pair joins it.
        _ = press(&state, "]")
        XCTAssertEqual(state.message?.text, "Likely duplicate 2 of 2: #7")
        XCTAssertEqual(press(&state, "M"), [.acceptDuplicates([1], into: 7, versions: [1: 2, 7: 5])])
        _ = press(&state, "[")
        XCTAssertEqual(state.suggestions?.highlightedMember?.itemID, 4)
    }

    func testRejectThePairAndTheGroupWithConfirmation() {
        var state = stateWithSuggestions()
        XCTAssertEqual(press(&state, "b"), [.rejectDuplicates([4], of: [1])])
        XCTAssertEqual(press(&state, "B"), [])
        XCTAssertEqual(state.keyContext, .confirm)
        XCTAssertEqual(press(&state, "n"), [])
        XCTAssertEqual(state.message?.text, "Cancelled")
        _ = press(&state, "B")
        XCTAssertEqual(press(&state, "y"), [.rejectDuplicates([7, 1, 4], of: [7, 1, 4])])
    }

    func testWithoutSuggestionsTheKeysSayWhy() {
        var state = makeState(rows: [makeRow(1)])
        _ = Reducer.reduce(&state, .detailLoaded(makeDetail(makeRow(1))))
        XCTAssertEqual(press(&state, "m"), [])
        XCTAssertEqual(state.message?.text, "merge_suggested: the item's suggestions are still loading")
        _ = Reducer.reduce(&state, .suggestionsLoaded(itemID: 1, nil))
        XCTAssertEqual(press(&state, "m"), [])
        XCTAssertEqual(state.message?.text, "merge_suggested: the item has no suggested duplicates")
        XCTAssertEqual(press(&state, "p"), [])
        XCTAssertEqual(state.message?.isError, true)
    }

    func testSuggestedLabelsApplyWithTheVersionShown() {
        let labels = LabelSuggestion(neighbours: [(item: 4, similarity: 0.9), (item: 7, similarity: 0.7)],
                                     values: [.init(field: .severity, value: "S2", agreeing: 2), .init(field: .locus, value: "retrieval", agreeing: 1)])
        var state = stateWithSuggestions(labels: labels)
        XCTAssertEqual(press(&state, "p"), [.applySuggestedLabels(item: 1, labels, versions: [1: 2])])
    }

    func testTheDedupeViewOpensLoadsMovesExpandsAndCloses() {
        var state = makeState(rows: [makeRow(1)])
        XCTAssertEqual(press(&state, "~"), [.loadDuplicateGroups(opening: true)])
        XCTAssertEqual(state.keyContext, .dedupe)
        XCTAssertEqual(press(&state, "m"), [], "nothing to act on while loading")
        XCTAssertEqual(state.message?.text, "The groups are still loading")
        let first = DuplicateGroup(id: 7, members: [member(7), member(1), member(4)], seenSize: nil)
        let second = DuplicateGroup(id: 9, members: [member(9), member(8)], seenSize: 1)
        _ = Reducer.reduce(&state, .duplicateGroupsLoaded([first, second], opening: true))
        XCTAssertEqual(state.dedupe?.fresh, [7: "new", 9: "grown"])
        _ = press(&state, "j", "enter")
        XCTAssertEqual(state.dedupe?.rows, [.group(0), .group(1), .member(group: 1, member: 0), .member(group: 1, member: 1)])
        XCTAssertEqual(press(&state, "G", "m"), [.acceptDuplicates([8], into: 9, versions: [8: 0, 9: 0])], "one member alone")
        XCTAssertEqual(press(&state, "b"), [.rejectDuplicates([8], of: [9])])
        XCTAssertEqual(press(&state, "k", "k", "m"), [.acceptDuplicates([8], into: 9, versions: [9: 0, 8: 0])], "the group from its row")
        _ = press(&state, "B")
        XCTAssertEqual(press(&state, "y"), [.rejectDuplicates([9, 8], of: [9, 8])])
        // Refreshed without the second group: the selection stays in range.
        _ = Reducer.reduce(&state, .duplicateGroupsLoaded([first], opening: false))
        XCTAssertEqual(state.dedupe?.selected, 0)
        XCTAssertEqual(state.dedupe?.fresh, [7: "new", 9: "grown"], "marked until the view closes")
        _ = press(&state, "enter")
        XCTAssertEqual(state.dedupe?.rows.count, 4)
        _ = press(&state, "esc")
        XCTAssertNil(state.dedupe)
        XCTAssertEqual(state.keyContext, .list)
    }
}
