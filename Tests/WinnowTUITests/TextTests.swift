import XCTest
@testable import WinnowTUI

final class TextTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    func testDisplayWidths() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("日本語"), 6)
        XCTAssertEqual(DisplayWidth.of("😡"), 2)
        XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧"), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2)
        XCTAssertEqual(DisplayWidth.of("é"), 1)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
    }

    func testTruncateAndWrapByDisplayWidth() {
        XCTAssertEqual(TextLayout.truncate("日本語テキスト", to: 7), "日本語…")
        XCTAssertEqual(TextLayout.fit("ab", to: 4), "ab  ")
        XCTAssertEqual(TextLayout.wrap(["the quick brown fox"], width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TextLayout.wrap(["abcdefghij"], width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextLayout.wrap(["日本語日本語"], width: 5), ["日本", "語日", "本語"])
        for line in TextLayout.wrap([String(repeating: "界x ", count: 300)], width: 17) {
            XCTAssertLessThanOrEqual(DisplayWidth.of(line), 17)
        }
    }

    func testGridClipsWideCharactersAtTheEdge() {
        var grid = CellGrid(width: 5, height: 1)
        grid.put("ab日本", row: 0, column: 0, role: .base)
        XCTAssertEqual(grid.lines, ["ab日…"], "the cut is shown, and the wide character never straddles the edge")
        XCTAssertTrue(grid[0, 3].isContinuation)
    }
}
