import Foundation
import XCTest
import GRDB
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// The fast path against a real store: a fully triaged item in a few keys, each step shown and undoable.
final class PickersFlowTests: XCTestCase {
    func labels(_ ws: FixtureWorkspace, _ id: Int64) throws -> String {
        try ws.store.pool.read { db in
            let row = try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT severity, locus, reasons, owner, status FROM items WHERE id = ?", arguments: [id]))
            return ["severity", "locus", "reasons", "owner", "status"].map { "\($0)=\(row[$0] as String? ?? "-")" }.joined(separator: " ")
        }
    }

    func keys(_ runtime: QueueRuntime, _ keys: String...) -> Int {
        for key in keys { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        return keys.count
    }

    let triaged = #"severity=S3 locus=knowledge reasons=["stale"] owner=content-team status=triaged"#

    func testAPresetTriagesATakenItemInTwoKeysAndOneUndoTakesItBack() throws {
        let ws = try FixtureWorkspace(lines: (1...6).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        XCTAssertEqual(runtime.state.presets.map(\.name), ["stale-kb", "wrong-source", "tool-error", "hallucination", "over-refusal"],
                       "the workspace's presets reach the queue")
        XCTAssertEqual(keys(runtime, "t"), 1)
        let item = try XCTUnwrap(runtime.state.selectedRow?.id)
        XCTAssertLessThanOrEqual(keys(runtime, "1") + 1, 6)
        XCTAssertEqual(try labels(ws, item), triaged)
        XCTAssertEqual(runtime.state.message?.text,
                       "Preset stale-kb: S3 · knowledge · stale · content-team · triaged: #\(item) left the open queue")
        XCTAssertEqual(runtime.state.undoDepth, 1, "one action")

        _ = keys(runtime, "u")
        XCTAssertEqual(try labels(ws, item), "severity=- locus=- reasons=- owner=- status=new")
        XCTAssertEqual(runtime.state.message?.text, "Undid locus, owner, reasons, severity, status on 1 item")
    }

    func testDotRepeatsThePresetOnTheNextTakenItem() throws {
        let ws = try FixtureWorkspace(lines: (1...6).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        _ = keys(runtime, "t", "1")
        XCTAssertEqual(keys(runtime, "t"), 1)
        let second = try XCTUnwrap(runtime.state.selectedRow?.id)
        _ = keys(runtime, ".")
        XCTAssertEqual(try labels(ws, second), triaged)
        XCTAssertEqual(runtime.state.message?.text,
                       "Repeated: S3 · knowledge · stale · content-team · triaged: #\(second) left the open queue")

        // A single label is a label set too: `.` repeats just it.
        _ = keys(runtime, "s", "1", "j", ".")
        let third = try XCTUnwrap(runtime.state.selectedRow?.id)
        XCTAssertEqual(runtime.state.selectedRow?.severity, "S1")
        XCTAssertEqual(runtime.state.message?.text, "Repeated: S1")
        XCTAssertTrue(try labels(ws, third).hasPrefix("severity=S1 locus=-"))
    }

    func testPickerDigitsSetTheLabelsAndTheOwnerFollowsTheLocus() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let pressed = keys(runtime, "t", "s", "3", "L", "2", "R", "1", "enter", "S", "t")
        XCTAssertEqual(pressed, 10)
        let item = try XCTUnwrap(runtime.state.rows.first { $0.status == "triaged" }?.id)
        XCTAssertEqual(try labels(ws, item), triaged)
        // What was set field by field on that item, `.` sets at once on the next one.
        XCTAssertEqual(keys(runtime, "t", "."), 2)
        let next = try XCTUnwrap(runtime.state.rows.first { $0.status == "triaged" && $0.id != item }?.id)
        XCTAssertEqual(try labels(ws, next), triaged)
    }
}
