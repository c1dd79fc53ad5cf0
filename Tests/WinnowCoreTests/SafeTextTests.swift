import Foundation
import XCTest
import WinnowCore

/// The one sanitizer for everything Winnow shows on a terminal, the queue and the command line alike.
final class SafeTextTests: XCTestCase {
    /// Hostile input and what a terminal is shown instead.
    static let table: [(input: String, shown: String)] = [
        ("a\u{1B}[31mb", "a␛[31mb"),                        // CSI colour
        ("\u{1B}]0;pwned\u{07}", "␛]0;pwned␇"),             // OSC title, BEL terminated
        ("\u{1B}]8;;http://x\u{1B}\\link", "␛]8;;http://x␛\\link"), // OSC 8 hyperlink, ST terminated
        ("bell\u{07}del\u{7F}", "bell␇del␡"),
        ("nul\u{0}bs\u{08}", "nul␀bs␈"),
        ("a\u{9B}31m", "a�31m"),                            // C1 CSI
        ("\u{85}\u{90}\u{9C}\u{9D}\u{9F}", "�����"),        // NEL, DCS, ST, OSC, APC
        ("x\u{202E}y\u{2066}z", "x⇆y⇆z"),                   // RLO, LRI
        ("\u{202A}\u{202B}\u{202C}\u{202D}", "⇆⇆⇆⇆"),
        ("\u{2067}\u{2068}\u{2069}", "⇆⇆⇆"),
        ("\u{200E}\u{200F}\u{061C}", "⇆⇆⇆"),                // LRM, RLM, ALM
        ("one\ntwo\r\nthree\rfour", "one⏎two⏎three⏎four"),
        ("line\u{2028}para\u{2029}", "line⏎para⏎"),
        ("tab\there", "tab here"),
        ("\u{FEFF}bom", "bom"),
        ("priv\u{E000}ate", "priv�ate"),
        ("\u{FFFD}", "\u{FFFD}"),                             // what invalid UTF-8 decodes to
        ("👨‍👩‍👧 ok", "👨‍👩‍👧 ok"),
        ("日本語", "日本語"),
    ]

    func testHostileStringsAreShownVisibly() {
        for (input, shown) in Self.table {
            XCTAssertEqual(SafeText.line(input), shown, "input \(input.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testNothingDangerousSurvivesAnyEntryPoint() {
        let everything = Self.table.map(\.input).joined() + String(decoding: [0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80] as [UInt8], as: UTF8.self)
        for output in [SafeText.line(everything), SafeText.text(everything)] + SafeText.lines(everything) {
            XCTAssertFalse(output.unicodeScalars.contains { $0 != "\n" && SafeText.placeholder(for: $0) != nil })
            XCTAssertFalse(output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        }
        XCTAssertFalse(SafeText.line(everything).contains("\n"))
    }

    func testCombiningMarkStacksAreCapped() {
        let zalgo = SafeText.line("Z̷̢̛̛̛̛̛a")
        XCTAssertLessThanOrEqual(zalgo.unicodeScalars.count, 1 + SafeText.maxCombiningMarks + 1)
    }

    func testTextKeepsLineBreaks() {
        XCTAssertEqual(SafeText.text("a\u{1B}\nb\r\nc"), "a␛\nb\nc")
        XCTAssertEqual(SafeText.lines("one\ntwo"), ["one", "two"])
    }

    func testJSONIsTheSameValueWithNothingRaw() throws {
        let value = ["k\u{202E}": Self.table.map(\.input).joined() + "\u{10FFFF}\u{E0001}"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        let safe = SafeText.json(json)
        XCTAssertFalse(safe.unicodeScalars.contains { $0 != "\n" && SafeText.placeholder(for: $0) != nil }, safe)
        XCTAssertTrue(safe.contains("\\u202e"))
        XCTAssertEqual(try JSONDecoder().decode([String: String].self, from: Data(safe.utf8)), value)
    }
}
