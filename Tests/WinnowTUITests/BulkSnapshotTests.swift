import Foundation
import XCTest
@testable import WinnowTUI

/// The status bar while marks last: the count stays after a bulk action, ahead of the filter.
final class BulkSnapshotTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    /// The status row alone, framed so its width and trailing spaces show: what this part of the
    /// screen owns, kept apart from the list and the hints that other changes redraw.
    func statusBar(_ width: Int, _ height: Int, keys: [String], filter: String? = nil) throws -> String {
        let ws = try FixtureWorkspace(lines: ScreenSnapshotTests.events)
        let runtime = ws.runtime(width: width, height: height)
        if let filter {
            runtime.dispatch(.command(.filter, argument: filter))
            runtime.settle()
        }
        for key in keys { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        let line = runtime.frame().lines[runtime.state.layout.statusRow]
        return "┃" + line + "┃ \(width)×\(height) status bar\n"
    }

    func testTheMarkCountStaysAfterABulkActionAndBeforeTheFilter() throws {
        let afterBulk = try statusBar(80, 24, keys: ["V", "j", "j", "V", "s", "3", "y"])
        let filtered = try statusBar(80, 24, keys: ["space", "j", "space"], filter: "-signal:thumbs_up -signal:rephrase intent:billing.refund")
        assertSnapshot(afterBulk + filtered, named: "status-marks-80x24")
    }
}
