import Foundation
import XCTest

/// The command-line tool prints event text, reviewer names, file names and the arguments it was
/// given; none of it may reach the terminal as a control: no ESC, no other C0 but the newline,
/// no DEL or C1, no bidi control.
final class HostileOutputTests: XCTestCase {
    static let evil = "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{9B}31m\u{85}\u{202E}txet\u{2066}\u{200F}\u{061C}\u{7F}"

    func assertSafe(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let bad = text.unicodeScalars.filter { s in
            (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value) || [0x061C, 0x200E, 0x200F].contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
        XCTAssertTrue(bad.isEmpty, "\(what) holds \(bad.map { "U+" + String($0.value, radix: 16) }): \(text.debugDescription)",
                      file: file, line: line)
    }

    func assertSafe(_ r: WinnowBinary.Result, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        assertSafe(r.stdout, what + " stdout", file: file, line: line)
        assertSafe(r.stderr, what + " stderr", file: file, line: line)
    }

    func testHostileEventsReviewersAndArgumentsNeverReachTheTerminalRaw() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let evilJSON = String(decoding: try JSONEncoder().encode(Self.evil), as: UTF8.self)
        let evilID = String(decoding: try JSONEncoder().encode("ok-" + Self.evil), as: UTF8.self)
        let lines = [
            #"{"id":\#(evilID),"ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":\#(evilJSON),"response":\#(evilJSON)}"#,
            #"{"id":"bad-signal","ts":"2026-10-14T09:31:22Z","signal":\#(evilJSON),"prompt":"p","response":"r"}"#,
            #"{"id":"bad-ts","ts":\#(evilJSON),"signal":"rephrase","prompt":"p","response":"r"}"#,
            #"{"id":"bad-elapsed","ts":"2026-10-14T09:31:22Z","signal":"rephrase","prompt":"p","response":"r","tool_calls":[{"name":"x","elapsed_ms":1e20}]}"#,
            "not json \u{1B}[31m \u{9B} \u{202E}",
        ]
        let file = tmp.path("events-\u{1B}[31m\u{202E}.jsonl")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let reviewer = ["--reviewer", "rev" + Self.evil]

        var r = try WinnowBinary.run(["import", "--workspace", ws, file] + reviewer, home: tmp.url)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("imported 1"), r.stdout)
        XCTAssertTrue(r.stderr.contains(":2: rejected: unknown signal \"␛[2J␛]0;pwned␇�31m�⇆txet⇆⇆⇆␡\""), r.stderr)
        XCTAssertTrue(r.stderr.contains(":4: rejected: `tool_calls[0].elapsed_ms` 1e+20 is out of range"), r.stderr)
        XCTAssertTrue(r.stderr.contains("events-␛[31m⇆.jsonl"), "the file name is shown safely: \(r.stderr)")
        assertSafe(r, "import")

        r = try WinnowBinary.run(["import", "--json", "--workspace", ws, file] + reviewer, home: tmp.url)
        assertSafe(r, "import --json")
        let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(summary?.first?["skipped"] as? Int, 1, "the JSON is still JSON: \(r.stdout)")

        for command in [["audit", "log"], ["audit", "log", "--json"], ["shift"], ["shift", "--json"], ["stats"], ["stats", "--json"]] {
            r = try WinnowBinary.run(command + ["--workspace", ws] + reviewer, home: tmp.url)
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
            assertSafe(r, command.joined(separator: " "))
        }
        r = try WinnowBinary.run(["audit", "log", "--workspace", ws] + reviewer, home: tmp.url)
        XCTAssertTrue(r.stdout.contains("rev␛[2J␛]0;pwned␇"), "the reviewer is shown, safely: \(r.stdout)")

        // Arguments quoted back in errors, ours and the argument parser's.
        for arguments in [["audit", "log", "--since", Self.evil], ["audit", "log", "--item", Self.evil], ["shift", "--since", "1" + Self.evil],
                          ["stats", "--no-such-option" + Self.evil], [Self.evil]] {
            r = try WinnowBinary.run(arguments + ["--workspace", ws], home: tmp.url)
            XCTAssertEqual(r.status, 64, "\(arguments.debugDescription): \(r.stderr)")
            XCTAssertFalse(r.stderr.isEmpty)
            assertSafe(r, arguments.debugDescription)
        }
    }

    func testNumbersAndDurationsOnTheCommandLineAreRangeChecked() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let refused: [([String], String)] = [
            (["audit", "log", "--since", "99999999999999w"], "--since 99999999999999w: an age is at most 100 years (5,214 weeks)"),
            (["audit", "log", "--since", "99999999999999999999999m"], "an age is at most 100 years (52,560,000 minutes)"),
            (["shift", "--since", "36501d"], "--since 36501d: an age is at most 100 years (36,500 days)"),
            (["shift", "--since=-5h"], "expected RFC 3339"),
            (["shift", "--since", "5x"], "expected RFC 3339"),
            (["audit", "log", "--since", "10000-01-01"], "expected RFC 3339"),
            (["audit", "log", "--item", "99999999999999999999"], "--item"),
            (["import", "--batch-size", "0", "-"], "--batch-size 0 is out of range (1 to 1,000,000 events)"),
            (["import", "--batch-size", "99999999999999999999", "-"], "--batch-size"),
        ]
        for (arguments, message) in refused {
            let r = try WinnowBinary.run(arguments + ["--workspace", ws], home: tmp.url)
            XCTAssertEqual(r.status, 64, "\(arguments): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("Stack dump"), r.stderr)
        }
        for since in ["36500d", "5214w", "0m", "0001-01-01", "9999-12-31", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00+23:59"] {
            for command in [["audit", "log"], ["shift"]] {
                let r = try WinnowBinary.run(command + ["--since", since, "--workspace", ws], home: tmp.url)
                XCTAssertEqual(r.status, 0, "\(command) --since \(since): \(r.stderr)")
            }
        }
    }
}
