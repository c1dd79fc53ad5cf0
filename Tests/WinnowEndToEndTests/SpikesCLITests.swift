import Foundation
import XCTest

/// `winnow spikes` through the real binary: a planted rise after a prompt release, as JSON and as
/// text, with an intent that carries an escape sequence.
final class SpikesCLITests: XCTestCase {
    static let asOf = "2026-10-29"

    /// 28 days of one billing.refund correction a day, then six a day in the window, from the day
    /// prompt v14 shipped; a hostile intent rises the same way.
    static func events() throws -> String {
        let day: TimeInterval = 86_400
        let end = ISO8601DateFormatter().date(from: asOf + "T00:00:00Z")!
        let formatter = ISO8601DateFormatter()
        var lines: [String] = []
        for d in 0..<35 {
            let inWindow = d >= 28
            for intent in ["billing.refund", "evil\u{1B}[2J.intent"] {
                for n in 0..<(inWindow ? 6 : 1) {
                    let ts = end.addingTimeInterval(-Double(35 - d) * day + Double(n) * 600 + 3600)
                    let event: [String: Any] = [
                        "id": "e\(lines.count)", "ts": formatter.string(from: ts), "signal": "explicit_correction",
                        "intent": intent, "prompt": "refund?", "response": "no", "correction": "yes",
                        "prompt_version": inWindow ? "v14" : "v13", "model_version": "m1",
                    ]
                    lines.append(String(decoding: try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]), as: UTF8.self))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testSpikesAsJSONAndTextNameTheReleaseBeforeTheRise() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        try Self.events().write(toFile: tmp.path("events.jsonl"), atomically: true, encoding: .utf8)
        let imported = try WinnowBinary.run(["import", tmp.path("events.jsonl"), "--workspace", ws], home: tmp.url)
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let json = try WinnowBinary.run(["spikes", "--json", "--as-of", Self.asOf, "--workspace", ws], home: tmp.url)
        XCTAssertEqual(json.status, 0, json.stderr)
        let again = try WinnowBinary.run(["spikes", "--json", "--as-of", Self.asOf, "--workspace", ws], home: tmp.url)
        XCTAssertEqual(again.stdout, json.stdout, "the same store and --as-of give the same bytes")
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["as_of_source"] as? String, "given")
        let flags = try XCTUnwrap(report["flags"] as? [[String: Any]])
        let summaries = flags.compactMap { $0["summary"] as? String }
        XCTAssertTrue(summaries.contains("billing.refund corrections ×6.0 since prompt_version v14 (2026-10-22)"), "\(summaries)")
        let refund = try XCTUnwrap(flags.first { ($0["summary"] as? String)?.hasPrefix("billing.refund") == true })
        XCTAssertEqual(refund["recent_count"] as? Int, 42)
        XCTAssertEqual(refund["baseline_count"] as? Int, 28)
        XCTAssertEqual((refund["since"] as? [[String: Any]])?.map { $0["value"] as? String }, ["v14"])
        XCTAssertNotNil(report["velocity"] as? [String: Any])
        XCTAssertEqual((report["signals"] as? [[String: Any]])?.count, 7)
        XCTAssertFalse(json.stdout.contains("\u{1B}"), "JSON escapes the escape sequence")
        // Keys sorted: the top level's in order.
        let keys = ["as_of_ms", "as_of_source", "day_start_ms", "flags", "guardrails", "parameters", "signals", "velocity"]
        let positions = keys.compactMap { json.stdout.range(of: "\"\($0)\"")?.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertEqual(positions.count, keys.count)

        let text = try WinnowBinary.run(["spikes", "--as-of", Self.asOf, "--workspace", ws], home: tmp.url, extraEnvironment: ["LC_ALL": "C.UTF-8"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("▲ billing.refund corrections ×6.0 since prompt_version v14 (2026-10-22)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("filter: intent:billing.refund signal:explicit_correction"), text.stdout)
        XCTAssertTrue(text.stdout.contains("explicit_correction"), text.stdout)
        XCTAssertFalse(text.stdout.contains("\u{1B}"), "no raw escape reaches the terminal")
        XCTAssertTrue(text.stdout.contains("improvement velocity"), text.stdout)

        // A window that starts before --as-of by whole days; one the wrong way round is refused.
        let since = try WinnowBinary.run(["spikes", "--json", "--as-of", Self.asOf, "--since", "2026-10-26", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(since.status, 0, since.stderr)
        let narrow = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(since.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((narrow["parameters"] as? [String: Any])?["window_days"] as? Int, 3)
        let backwards = try WinnowBinary.run(["spikes", "--as-of", Self.asOf, "--since", "2026-11-02", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(backwards.status, 64, backwards.stdout)
        let bad = try WinnowBinary.run(["spikes", "--as-of", "yesterday", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("--as-of yesterday"), bad.stderr)
    }
}
