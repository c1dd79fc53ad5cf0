import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// A first page that takes longer than a keystroke's budget arrives from the background.
final class BackgroundPageTests: XCTestCase {
    func testFilterPageOverBudgetArrivesInTheBackground() throws {
        let lines = (1...300).map { fixtureEvent($0, signal: $0 % 3 == 0 ? "csat" : "thumbs_down") }
        let ws = try FixtureWorkspace(lines: lines)
        let runtime = ws.runtime(width: 120, height: 40)
        XCTAssertEqual(runtime.state.total, 300)
        runtime.session.pageBudget = 0
        for key in ["\\"] + "signal:csat".map(String.init) + ["enter"] { runtime.dispatch(.key(Key(key))) }
        // The keystroke ends at once, before the page: what the background finds is delivered only
        // when the loop polls for it, so until then nothing is shown as matching.
        XCTAssertTrue(runtime.state.pagePending)
        XCTAssertEqual(runtime.state.total, 0)
        XCTAssertTrue(runtime.state.rows.isEmpty)
        XCTAssertTrue(runtime.frame().lines[0].contains("searching…"), runtime.frame().lines[0])
        XCTAssertTrue(runtime.frame().lines.joined().contains("Searching the queue…"))
        runtime.settle()
        XCTAssertFalse(runtime.state.pagePending)
        XCTAssertFalse(runtime.state.countPending)
        XCTAssertEqual(runtime.state.total, 100)
        XCTAssertEqual(runtime.state.openCount, 100)
        XCTAssertTrue(runtime.state.rows.allSatisfy { $0.signal == "csat" })
        XCTAssertEqual(runtime.state.detail?.row.id, runtime.state.selectedRow?.id, "the selection's detail is loaded")

        // A filter that matches nothing says so once the background page arrives.
        for key in ["\\", "ctrl-u"] + "signal:csat severity:S4".map(String.init) + ["enter"] { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        XCTAssertFalse(runtime.state.pagePending)
        XCTAssertEqual(runtime.state.total, 0)
        XCTAssertTrue(runtime.frame().lines.joined().contains("Nothing matches the filter"))

        // A newer filter makes the older background page stale.
        for key in ["\\", "ctrl-u"] + "signal:thumbs_down".map(String.init) + ["enter"] { runtime.dispatch(.key(Key(key))) }
        for key in ["\\", "ctrl-u"] + "signal:csat".map(String.init) + ["enter"] { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        XCTAssertEqual(runtime.state.total, 100)
        XCTAssertTrue(runtime.state.rows.allSatisfy { $0.signal == "csat" })
    }

    func testFilterPageWithinBudgetIsShownAtOnce() throws {
        let lines = (1...50).map { fixtureEvent($0, signal: $0 % 2 == 0 ? "csat" : "thumbs_down") }
        let ws = try FixtureWorkspace(lines: lines)
        let runtime = ws.runtime(width: 120, height: 40)
        runtime.session.pageBudget = 10
        for key in ["\\"] + "signal:csat".map(String.init) + ["enter"] { runtime.dispatch(.key(Key(key))) }
        XCTAssertFalse(runtime.state.pagePending)
        XCTAssertEqual(runtime.state.total, 25, "everything fit in the first page: the count is exact at once")
    }

    func testFarSearchMatchArrivesInTheBackground() throws {
        // Only every tenth event mentions "invoice"; all of them sit low in the queue (thumbs_up).
        let lines = (1...120).map { i in
            i % 10 == 0 ? fixtureEvent(i, signal: "thumbs_up", prompt: "Where is invoice \(i)?", response: "See Billing.")
                : fixtureEvent(i, signal: "thumbs_down", prompt: "Password reset \(i)", response: "See Settings.")
        }
        let ws = try FixtureWorkspace(lines: lines)
        let runtime = ws.runtime(width: 120, height: 40)
        // Treat the match set as large, and give the walk near the selection no time at all.
        runtime.session.orderedHitsLimit = 0
        runtime.session.nearMatchBudget = 0
        for key in ["/"] + "invoice".map(String.init) + ["enter"] { runtime.dispatch(.key(Key(key))) }
        if runtime.session.isSearching {
            XCTAssertEqual(runtime.state.cursor, 0, "the keystroke does not wait for a far match")
            XCTAssertEqual(runtime.state.message?.text, "Searching for “invoice”…")
        }
        runtime.settle()
        XCTAssertEqual(runtime.state.selectedRow?.signal, "thumbs_up")
        XCTAssertTrue(runtime.state.selectedRow?.preview.contains("invoice") == true)
        XCTAssertEqual(runtime.state.cursor, 108, "108 thumbs_down items come first: the position is exact")
        XCTAssertFalse(runtime.state.countPending)
        let first = runtime.state.selectedRow?.id

        // With time to walk, the next match is found at once and its position counted from the selection.
        runtime.session.nearMatchBudget = 10
        runtime.dispatch(.key(Key("n")))
        XCTAssertFalse(runtime.session.isSearching)
        XCTAssertEqual(runtime.state.cursor, 109)
        XCTAssertNotEqual(runtime.state.selectedRow?.id, first)
        XCTAssertTrue(runtime.state.selectedRow?.preview.contains("invoice") == true)
        runtime.dispatch(.key(Key("N")))
        XCTAssertEqual(runtime.state.selectedRow?.id, first)
        XCTAssertEqual(runtime.state.cursor, 108)
        // Past the last match the search wraps (in the background when the walk finds nothing).
        runtime.session.nearMatchBudget = 0
        runtime.dispatch(.key(Key("G")))
        runtime.dispatch(.key(Key("n")))
        runtime.settle()
        XCTAssertEqual(runtime.state.selectedRow?.id, first)
        XCTAssertEqual(runtime.state.cursor, 108)
        XCTAssertEqual(runtime.state.message?.text, "Search wrapped to the top")
    }
}
