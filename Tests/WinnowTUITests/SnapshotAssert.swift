import Foundation
import XCTest
@testable import WinnowTUI

/// Compares text against `Snapshots/NAME.txt`. With WINNOW_RECORD_SNAPSHOTS=1 the file is
/// (re)written and the test fails, so a recording is never mistaken for a pass.
func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        .appendingPathComponent("Snapshots/\(name).txt")
    if ProcessInfo.processInfo.environment["WINNOW_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
        XCTFail("recorded snapshot \(name); review it and run again without WINNOW_RECORD_SNAPSHOTS", file: file, line: line)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("missing snapshot \(url.path): record it with WINNOW_RECORD_SNAPSHOTS=1", file: file, line: line)
        return
    }
    if expected != text {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDiff = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        XCTFail("""
            snapshot \(name) differs at line \(firstDiff + 1):
            expected: \(firstDiff < a.count ? String(a[firstDiff]) : "<end>")
            actual:   \(firstDiff < b.count ? String(b[firstDiff]) : "<end>")
            full actual screen:
            \(text)
            """, file: file, line: line)
    }
}

/// A screen as text: the grid framed so trailing spaces and the exact width stay visible, and
/// the cursor position noted.
func screenText(_ grid: CellGrid) -> String {
    var out = "┏" + String(repeating: "━", count: grid.width) + "┓ \(grid.width)×\(grid.height)\n"
    for line in grid.lines { out += "┃" + line + "┃\n" }
    out += "┗" + String(repeating: "━", count: grid.width) + "┛\n"
    if let cursor = grid.cursor { out += "cursor at row \(cursor.row), column \(cursor.column)\n" }
    return out
}
