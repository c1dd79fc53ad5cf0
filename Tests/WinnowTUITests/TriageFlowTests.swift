import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// Working down the queue against a real store.
final class TriageFlowTests: XCTestCase {
    func testClosingAnItemKeepsTheCursorInPlaceAndTheNextItemSlidesUnder() throws {
        let ws = try FixtureWorkspace(lines: (1...10).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        for key in ["j", "j"] { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        let triaged = try XCTUnwrap(runtime.state.selectedRow?.id)
        let next = runtime.state.rows[runtime.state.cursor - runtime.state.windowStart + 1].id

        for key in ["S", "t"] { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        XCTAssertEqual(runtime.state.cursor, 2, "the cursor stays where the reviewer is working")
        XCTAssertEqual(runtime.state.selectedRow?.id, next)
        XCTAssertEqual(runtime.state.detail?.row.id, next, "the detail follows the cursor")
        XCTAssertEqual(runtime.state.message?.text, "Status triaged on 1 item: #\(triaged) left the open queue")
        XCTAssertEqual(runtime.state.openCount, 9)
        XCTAssertEqual(runtime.state.rows.last?.id, triaged, "closed items come after the open ones")

        // A label that leaves the item open keeps the cursor on it.
        for key in ["s", "2"] { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        XCTAssertEqual(runtime.state.selectedRow?.id, next)
        XCTAssertEqual(runtime.state.selectedRow?.severity, "S2")

        // Undo shows the item it brings back.
        for key in ["u", "u"] { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        XCTAssertEqual(runtime.state.selectedRow?.id, triaged)
        XCTAssertEqual(runtime.state.openCount, 10)
    }
}
