import XCTest
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// A mark records the version the reviewer marked, and a bulk action carries it to the store, so
/// a change made meanwhile by someone else is refused even far outside the loaded window.
final class MarkVersionTests: XCTestCase {
    func state(versions: [Int]) -> AppState {
        makeState(rows: versions.enumerated().map { makeRow(Int64($0.offset + 1), version: $0.element) })
    }

    func testSpaceRecordsTheMarkedVersionAndABulkLabelCarriesIt() {
        var s = state(versions: [4, 7, 9])
        _ = press(&s, "space", "j", "space")
        XCTAssertEqual(s.markedVersions, [1: 4, 2: 7])
        // The window is reloaded with a colleague's change to #2: the mark still says what was judged.
        _ = Reducer.reduce(&s, .window(rows: [makeRow(1, version: 4), makeRow(2, version: 8), makeRow(3, version: 9)],
                                       start: 0, total: 3, open: 3, cursor: 2))
        _ = press(&s, "s", "1")
        XCTAssertEqual(press(&s, "y"), [.label(field: .severity, value: "S1", items: [1, 2], versions: [1: 4, 2: 7])])
        XCTAssertEqual(s.markedVersions, [1: 4, 2: 7], "the marks stay, at their versions until the store says what it left")
    }

    func testUnmarkingAndClearingDropTheVersions() {
        var s = state(versions: [1, 2, 3])
        _ = press(&s, "space", "j", "space")
        _ = press(&s, "space")
        XCTAssertEqual(s.marked, [1])
        XCTAssertEqual(s.markedVersions, [1: 1])
        _ = Reducer.reduce(&s, .command(.clearMarks, argument: nil))
        XCTAssertEqual(s.markedVersions, [:])
    }

    func testARangeRecordsEachRowsVersionWithinAndBeyondTheWindow() {
        var s = state(versions: [5, 6, 7, 8])
        _ = press(&s, "j", "V", "j", "j", "V")
        XCTAssertEqual(s.markedVersions, [2: 6, 3: 7, 4: 8])

        // Beyond the loaded rows, the store reads ids and versions together; an item marked again
        // keeps the version it was first marked at.
        _ = Reducer.reduce(&s, .markItems([4: 9, 70_000: 3]))
        XCTAssertEqual(s.marked, [2, 3, 4, 70_000])
        XCTAssertEqual(s.markedVersions, [2: 6, 3: 7, 4: 8, 70_000: 3])
        _ = press(&s, "s", "2")
        XCTAssertEqual(press(&s, "y"), [.label(field: .severity, value: "S2", items: [2, 3, 4, 70_000],
                                               versions: [2: 6, 3: 7, 4: 8, 70_000: 3])],
                       "a marked item outside the window carries the version it was marked at")
    }

    func testAMergeCarriesTheMarkedDuplicatesAndTheCanonicalAsShown() {
        var s = state(versions: [10, 20, 30])
        _ = press(&s, "j", "space", "j", "space", "g")
        XCTAssertEqual(s.selectedRow?.id, 1)
        _ = press(&s, "D")
        XCTAssertEqual(s.confirmation?.effect, .merge(duplicates: [2, 3], into: 1, versions: [1: 10, 2: 20, 3: 30]))
    }

    func testAnItemWithNoKnownVersionIsLeftOutForTheStoreToRefuse() {
        var s = state(versions: [1])
        // #99 is neither shown nor marked with a version (as if marked by a path that forgot it).
        s.marked = [1, 99]
        s.markedVersions = [1: 1]
        _ = press(&s, "s", "3")
        XCTAssertEqual(press(&s, "y"), [.label(field: .severity, value: "S3", items: [1, 99], versions: [1: 1])])
    }
}
