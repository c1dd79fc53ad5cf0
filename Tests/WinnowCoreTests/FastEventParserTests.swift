import Foundation
import WinnowDemoData
import XCTest
@testable import WinnowCore

/// The fast path must never change a verdict: on every line, the decoder with it gives exactly what
/// the decoder without it (JSONDecoder alone) gives, success or the precise rejection.
final class FastEventParserTests: XCTestCase {
    let fast = EventDecoder()
    let full = EventDecoder(fastPath: false)

    static let badEvents: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleData/bad-events.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }()

    static let valid = #"{"id":"e1","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"How do I refund?","response":"Go to Billing."}"#
    static let head = #"{"id":"e1","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r""#

    /// Lines written to sit on the fast path's edges.
    static let edgeCases: [String] = [
        valid,
        "  \t" + valid + " \r\n ",
        #"{ "id" : "e1" , "ts" : "2026-10-14T09:31:22Z" , "signal" : "rephrase" , "prompt" : "p" , "response" : "r" }"#,
        head + "}",
        head + #","csat":1}"#, head + #","csat":5}"#, head + #","csat":0}"#, head + #","csat":6}"#,
        head + #","csat":5.0}"#, head + #","csat":2.5}"#, head + #","csat":3e0}"#, head + #","csat":-3}"#,
        head + #","csat":33}"#, head + #","csat":"3"}"#, head + #","csat":null}"#, head + #","csat":true}"#,
        head + #","csat":3 }"#, head + #","csat":3,"csat":4}"#,
        head + #","sources":[]}"#, head + #","sources":["kb/a", "kb/b"]}"#, head + #","sources":[ ]}"#,
        head + #","sources":["a",]}"#, head + #","sources":[1]}"#, head + #","sources":"kb/a"}"#,
        head + #","sources":null}"#, head + #","sources":[null]}"#,
        head + #","tool_calls":[{"name":"lookup","status":"error"}]}"#, head + #","tool_calls":null}"#,
        head + #","tool_calls":[]}"#, head + #","tool_calls":[{}]}"#, head + #","tool_calls":{"name":"x"}}"#,
        head + #","tool_calls":[{"name":null}]}"#, head + #","tool_calls":[{"name":7}]}"#,
        head + #","tool_calls":[{"status":"ok"}]}"#, head + #","tool_calls":["lookup"]}"#,
        head + #","tool_calls":[{"name":"a","name":"b"}]}"#, head + #","tool_calls":[{"name":"a","x":1,"x":2}]}"#,
        head + #","tool_calls":[{"name":"a","arguments":null,"status":null,"error":null,"elapsed_ms":null}]}"#,
        head + #","tool_calls":[{"name":"a","elapsed_ms":"12"}]}"#, head + #","tool_calls":[{"name":"a","elapsed_ms":1e3}]}"#,
        head + #","tool_calls":[{"name":"a","elapsed_ms":-0}, {"name":"b","elapsed_ms":12.50}]}"#,
        head + #","tool_calls":[{"name":"a","status":1}]}"#, head + #","tool_calls":[{"name":"a","error":false}]}"#,
        head + #","tool_calls":[{"name":"a","arguments":{"n":1,"z":0,"t":true,"f":false,"s":"1","l":[1.5,null,[]],"o":{}}}]}"#,
        head + #","tool_calls":[{"name":"a","arguments":"text"}, {"name":"b","arguments":[1,"two"]}]}"#,
        head + #","tool_calls":[{"name":"a","arguments":{"k":1,"k":2}}]}"#,
        head + #","tool_calls":[{"name":"a","arguments":{"k\u00e9":"\ud83d\udc4d"}}]}"#,
        head + #","tool_calls":[{"name":"a","arguments":{"k":1e2}}]}"#,
        head + #","tool_calls":[{"name":"a","arguments":{"k":12345678901234567}}]}"#,
        head + #","tool_calls":[{"n\u0061me":"a"}]}"#, head + #","tool_calls":[{"name":"a",}]}"#,
        head + #","tool_calls":[{"name":"a"},]}"#, head + #","tool_calls":[{"name":"a"}"#,
        head + #","tool_calls":[{"name":"a","arguments":"# + String(repeating: "[", count: 40)
            + String(repeating: "]", count: 40) + "}]}",
        head + #","intent":null}"#, head + #","intent":5}"#, head + #","intent":"a\"b\\c\/d\b\f\n\r\t"}"#,
        head + #","intent":"\u00e9\u65E5\ud83d\udc4d\u0000"}"#, head + #","intent":"\ud83d"}"#,
        head + #","intent":"\udc4d x"}"#, head + #","intent":"\ud83dx"}"#, head + #","intent":"\x"}"#,
        head + #","intent":"\u12"}"#, head + "\",\"intent\":\"tab\there\"}",
        head + #","intent":"a","intent":"b"}"#, head + #","locale":"x","locale":"y"}"#,
        head + #","\u0069ntent":"escaped key"}"#, head + #","extra":{"a":[1,2.5,-0.5,true,false,null,{"b":{}}]}}"#,
        head + #","extra":1e5}"#, head + #","extra":1E400}"#, head + #","extra":01}"#, head + #","extra":-}"#,
        head + #","extra":1.}"#, head + #","extra":.5}"#, head + #","extra":12345678901234567890}"#,
        head + #","extra":[1 2]}"#, head + #","extra":{"a" 1}}"#, head + #","extra":tru}"#, head + #","extra":nul}"#,
        head + #","extra":}"#, head + #","extra":[}"#, head + #","extra":"\u0001"}"#,
        head + #","extra":"#, head + ",", head + "}}", head + "} x", head + "}\u{0}",
        head + "," + String(repeating: #"{"a":"#, count: 40) + "1" + String(repeating: "}", count: 40) + "}",
        head + "," + #""deep":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}",
        "\u{FEFF}" + valid, "{}", "{ }", "[]", "null", "\"text\"", "", "{", #"{"id"}"#, #"{"id":"x"}"#,
        #"{"id":"","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r"}"#,
        #"{"id":"e","ts":"2026-10-14T09:31:22","signal":"csat","prompt":"p","response":"r"}"#,
        #"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"Csat","prompt":"p","response":"r"}"#,
        #"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":null,"prompt":"p","response":"r"}"#,
        #"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r","id":"f"}"#,
        #"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p"}"#,
        #"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":7}"#,
    ]

    func decode(_ decoder: EventDecoder, _ bytes: [UInt8]) -> Result<Event, RejectReason> {
        bytes.withUnsafeBytes { decoder.decode(line: $0) }
    }

    func assertSameVerdict(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let a = decode(fast, bytes)
        let b = decode(full, bytes)
        let shown = String(decoding: bytes.prefix(200), as: UTF8.self)
        XCTAssertEqual(a, b, "fast and full decoders disagree on: \(shown)", file: file, line: line)
        // Equal Strings may still differ in their bytes (canonical equivalence): compare those too.
        if case .success(var x) = a, case .success(var y) = b {
            // Tool calls (compared above) hold dictionaries, whose printed order varies from run to run.
            x.toolCalls = nil
            y.toolCalls = nil
            XCTAssertEqual(String(reflecting: x), String(reflecting: y), shown, file: file, line: line)
            for (s, t) in [(x.prompt, y.prompt), (x.response, y.response), (x.id, y.id),
                           (x.intent ?? "", y.intent ?? ""), (x.correction ?? "", y.correction ?? "")] {
                XCTAssertEqual(Array(s.utf8), Array(t.utf8), shown, file: file, line: line)
            }
        }
    }

    func testFastPathAgreesOnTheDemoDataAndTheBadEvents() {
        XCTAssertFalse(Self.badEvents.isEmpty)
        for line in DemoEvents.jsonLines() + Self.badEvents { assertSameVerdict(Array(line.utf8)) }
    }

    func testFastPathAgreesOnEdgeCases() {
        for line in Self.edgeCases { assertSameVerdict(Array(line.utf8)) }
        assertSameVerdict(Array(Self.valid.utf8) + [0xFF])
    }

    /// Damaged copies of demo lines: cut short, a byte dropped, a byte replaced by JSON punctuation.
    func testFastPathAgreesOnDamagedLines() {
        let lines = DemoEvents.jsonLines().enumerated().filter { $0.offset % 15 == 0 }.map { Array($0.element.utf8) }
        let replacements: [UInt8] = Array(#"",:{}[]\ 1n-eu"#.utf8) + [0x00, 0x1F]
        var generator = UInt64(0x5EED)
        func random(_ bound: Int) -> Int {
            generator = generator &* 6364136223846793005 &+ 1442695040888963407
            return Int((generator >> 33) % UInt64(bound))
        }
        for line in lines {
            for _ in 0..<8 {
                let at = random(line.count)
                assertSameVerdict(Array(line[..<at]))
                var dropped = line
                dropped.remove(at: at)
                assertSameVerdict(dropped)
                var replaced = line
                replaced[at] = replacements[random(replacements.count)]
                assertSameVerdict(replaced)
            }
        }
    }

    func testToolCallsWithNullOrUnknownFieldsTakeTheFastPath() {
        let line = Self.head + #","tool_calls":[{"name":"a","arguments":null,"status":null,"trace":{"x":[1]},"#
            + #""error":null,"elapsed_ms":null},{"name":"b","arguments":{"q":"x"},"elapsed_ms":12}]}"#
        let event = Array(line.utf8).withUnsafeBytes { FastEventParser.parse($0) }
        XCTAssertEqual(event?.toolCalls, [ToolCall(name: "a"), ToolCall(name: "b", arguments: .object(["q": .string("x")]), elapsedMs: 12)])
        assertSameVerdict(Array(line.utf8))
    }

    func testMostDemoLinesTakeTheFastPath() {
        let lines = DemoEvents.jsonLines()
        let fastCount = lines.filter { line in
            Array(line.utf8).withUnsafeBytes { FastEventParser.parse($0) != nil }
        }.count
        // Tool calls (about a third of the demo) take it too; a few hostile lines do not.
        XCTAssertGreaterThan(fastCount, lines.count * 95 / 100, "only \(fastCount) of \(lines.count) took the fast path")
        let withToolCalls = lines.filter { $0.contains("\"tool_calls\":[{") }
        XCTAssertGreaterThan(withToolCalls.count, lines.count / 4)
        for line in withToolCalls {
            let event = Array(line.utf8).withUnsafeBytes { FastEventParser.parse($0) }
            XCTAssertFalse(event?.toolCalls?.isEmpty ?? true, String(line.prefix(120)))
        }
        XCTAssertNotNil(Array(Self.valid.utf8).withUnsafeBytes { FastEventParser.parse($0) })
    }
}
