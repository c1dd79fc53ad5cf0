import Foundation
import XCTest
@testable import WinnowTUI

/// The picker overlay drawn: usage line, numbered entries, ticks and a refused key.
final class PickersSnapshotTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    func render(_ width: Int, _ height: Int, keys: [String], keymap: Keymap = .standard) throws -> CellGrid {
        let ws = try FixtureWorkspace(lines: ScreenSnapshotTests.events)
        let runtime = ws.runtime(width: width, height: height, keymap: keymap)
        for key in keys {
            runtime.dispatch(.key(Key(key)))
            runtime.settle()
        }
        return runtime.frame()
    }

    func testLocusPickerRefusesAKeyThatMatchesNothing() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["L", "j"])), named: "picker-refused-80x24")
    }

    func testReasonPickerTicksByNumber() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["L", "2", "R", "2"])), named: "picker-reasons-ticked-80x24")
    }

    /// Remapped, the picker numbers its entries with the keys that pick them and its usage line
    /// names the keys that set and cancel.
    func testARemappedPickerShowsItsKeys() throws {
        let keymap = try Keymap(overrides: ["picker_pick": ["f1", "f2", "f3"], "picker_set": ["tab"], "picker_cancel": ["ctrl-g"]])
        assertSnapshot(screenText(try render(80, 24, keys: ["L"], keymap: keymap)), named: "picker-remapped-80x24")
    }

    func testPickerAtTheNarrowestWidth() throws {
        assertSnapshot(screenText(try render(60, 16, keys: ["O"])), named: "picker-owner-60x16")
    }
}
