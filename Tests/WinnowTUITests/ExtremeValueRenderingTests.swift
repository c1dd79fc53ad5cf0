import Foundation
import XCTest
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// Whatever a store holds, an item's detail draws: values the import now refuses (a workspace
/// imported before it checked them may hold them) are shown as they are, never trapped on.
final class ExtremeValueRenderingTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    func detailText(_ detail: ItemDetail, width: Int = 120) -> String {
        DetailLines.build(detail, width: width, now: fixedNow).map { $0.segments.map(\.text).joined() }.joined(separator: "\n")
    }

    func testElapsedMillisecondsOfAnySizeRender() {
        var detail = makeDetail(makeRow(1))
        let values: [Double] = [1e20, -1e20, .infinity, -.infinity, .nan, -1, 9.3e18, Double(Int64.max), .greatestFiniteMagnitude, 0, 1234.6]
        detail.toolCalls = values.map { ToolCall(name: "lookup", elapsedMs: $0) }
        let text = detailText(detail)
        XCTAssertTrue(text.contains("lookup  (elapsed_ms 1e+20)"), text)
        XCTAssertTrue(text.contains("(elapsed_ms inf)"))
        XCTAssertTrue(text.contains("(elapsed_ms nan)"))
        XCTAssertTrue(text.contains("(elapsed_ms -1.0)"))
        XCTAssertTrue(text.contains("lookup  (0 ms)"))
        XCTAssertTrue(text.contains("lookup  (1,235 ms)"))
    }

    func testCsatOutsideOneToFiveRendersAsItIs() {
        for (score, shown) in [(9, "9 (not 1–5)"), (-3, "-3 (not 1–5)"), (Int.max, "\(Int.max) (not 1–5)"), (0, "0 (not 1–5)"), (4, "4/5 ★★★★☆")] {
            var detail = makeDetail(makeRow(1))
            detail.csat = score
            XCTAssertTrue(detailText(detail).contains("CSAT\n  \(shown)"), "csat \(score)")
        }
    }

    func testTimestampsAtTheEndsOfTimeRender() {
        for millis in [Int64.min, Int64.max, -62_167_219_200_000, 253_402_300_799_999, 0] {
            var row = makeRow(1)
            row.timestampMillis = millis
            let text = detailText(makeDetail(row))
            XCTAssertTrue(text.contains("at "), "ts \(millis)")
        }
        XCTAssertEqual(Age.text(now: fixedNow, then: Int64.max), "now", "a time in the future is now")
        XCTAssertEqual(Age.text(now: fixedNow, then: Int64.min), "\(Int64.max / 1000 / (86_400 * 365))y")
        XCTAssertEqual(Age.text(now: fixedNow, then: -62_167_219_200_000), "2028y", "year 0000")
    }

    func testDeepAndHugeToolArgumentsRenderAtEverySize() {
        var deep = JSONValue.number(1)
        for _ in 0..<300 { deep = .array([deep]) }
        var detail = makeDetail(makeRow(1), response: String(repeating: "\u{1B}[31m界\u{9B}\u{202E}", count: 3_000))
        detail.toolCalls = [ToolCall(name: "\u{1B}]0;x\u{07}", arguments: .object(["a": deep, "b": .string(String(repeating: "x", count: 30_000))]),
                                     error: String(repeating: "\r\n", count: 1000), elapsedMs: 1e300)]
        detail.sources = [String(repeating: "\u{0}\u{85}", count: 3_000)]
        for width in [3, 80, 300] {
            for line in DetailLines.build(detail, width: width, now: fixedNow) {
                let text = line.segments.map(\.text).joined()
                XCTAssertFalse(text.unicodeScalars.contains { SafeText.placeholder(for: $0) != nil }, "nothing raw at width \(width)")
            }
        }
        let presenter = Presenter()
        for (w, h) in [(80, 24), (200, 60), (60, 16), (20, 5)] {
            var state = makeState(width: w, height: h, rows: [detail.row])
            state.detail = detail
            state.focus = .detail
            let grid = presenter.render(state)
            XCTAssertEqual(grid.lines.count, h)
            for line in grid.lines { XCTAssertEqual(DisplayWidth.of(line), w, "the layout holds at \(w)×\(h)") }
        }
    }
}
