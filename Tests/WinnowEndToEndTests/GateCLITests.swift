import Foundation
import XCTest

/// `winnow gate` on crafted versions, through the real binary: labels set with `winnow label`,
/// scores given blind in a round by two QA reviewers; pass, fail and inconclusive with their exit codes.
final class GateCLITests: XCTestCase {
    static let config = """
        [[reviewer]]
        name = "lead"
        roles = ["lead"]

        [[reviewer]]
        name = "ann"
        roles = ["qa"]

        [[reviewer]]
        name = "ben"
        roles = ["qa"]

        [gate]
        accuracy_dimension = "accuracy"
        min_items = 4

        [[rubric]]
        name = "qa"
        description = "Is the answer right?"
        [[rubric.dimension]]
        name = "accuracy"
        description = "The answer is right."
        scale = "pass_fail"
        checks = ["Every fact is right"]
        """

    /// v1 (baseline), v2 (as good), v3 (every item hallucinated), 8 items each; v4 only 3.
    static let versions: [(name: String, items: Int)] = [("v1", 8), ("v2", 8), ("v3", 8), ("v4", 3)]

    func testPassFailAndInconclusiveOnCraftedVersions() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        try Self.config.write(toFile: ws + "/winnow.toml", atomically: true, encoding: .utf8)
        func winnow(_ who: String, _ arguments: [String], stdin: Data? = nil) throws -> WinnowBinary.Result {
            try WinnowBinary.run(arguments + ["--workspace", ws], home: tmp.url, stdin: stdin, extraEnvironment: ["WINNOW_REVIEWER": who])
        }
        var events: [String] = []
        var labels: [String] = []
        for (version, count) in Self.versions {
            for n in 1...count {
                let id = "\(version)-\(n)"
                events.append(#"{"id":"\#(id)","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"p \#(id)","response":"r","model_version":"\#(version)","csat":\#(n % 5 + 1)}"#)
                labels.append(#"{"id":"\#(id)","field":"locus","value":"model"}"#)
                if version == "v3" { labels.append(#"{"id":"\#(id)","field":"reasons","value":["hallucination"]}"#) }
                labels.append(#"{"id":"\#(id)","field":"status","value":"triaged"}"#)
            }
        }
        try events.joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        var r = try winnow("lead", ["import", tmp.path("e.jsonl")])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try winnow("lead", ["label", "--file", "-"], stdin: Data(labels.joined(separator: "\n").utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("applied \(labels.count) labels"), r.stdout)
        // The claims the labels took are let go at the end, so the QA reviewers can score the items at once.
        XCTAssertTrue(r.stdout.contains("let go of the 27 claims the labels took"), r.stdout)
        r = try winnow("lead", ["round", "new", "all", "--rubric", "qa", "--reviewers", "ann,ben"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for item in 1...27 {
            for reviewer in ["ann", "ben"] {
                r = try winnow(reviewer, ["round", "score", "all", "--item", "\(item)", "accuracy=pass"])
                XCTAssertEqual(r.status, 0, "\(reviewer) on #\(item): \(r.stderr)")
            }
        }

        r = try winnow("lead", ["gate", "--baseline", "v1", "--candidate", "v2"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("release gate on model_version: v1 → v2: PASS\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("accuracy pass rate (accuracy)   1.000 [0.676, 1.000] n=8   1.000 [0.676, 1.000] n=8   +0.000 ["), r.stdout)
        XCTAssertTrue(r.stdout.contains("hallucination rate              0.000 [0.000, 0.324] n=8   0.000 [0.000, 0.324] n=8"), r.stdout)
        XCTAssertTrue(r.stdout.contains("mean CSAT                       "), r.stdout)

        r = try winnow("lead", ["gate", "--baseline", "v1", "--candidate", "v3", "--json"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["verdict"] as? String, "fail")
        XCTAssertEqual(report["axis"] as? String, "model_version")
        let candidate = try XCTUnwrap(report["candidate"] as? [String: Any])
        let hallucination = try XCTUnwrap(candidate["hallucination_rate"] as? [String: Any])
        XCTAssertEqual(hallucination["n"] as? Int, 8)
        XCTAssertEqual(hallucination["rate"] as? Double, 1)
        XCTAssertNotNil((hallucination["interval"] as? [String: Any])?["lower"])
        XCTAssertEqual((report["rule"] as? [String: Any])?["min_items"] as? Int, 4)
        XCTAssertTrue((report["reasons"] as? [String] ?? []).contains { $0.contains("it rose, beyond doubt") }, r.stdout)

        r = try winnow("lead", ["gate", "--baseline", "v1", "--candidate", "v4"])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("INCONCLUSIVE"), r.stdout)
        XCTAssertTrue(r.stdout.contains("too few items to tell: v4 has 3 rubric-scored items on accuracy, fewer than the 4 needed"), r.stdout)

        r = try winnow("lead", ["gate", "--baseline", "v1", "--candidate", "v9"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("no event carries model_version `v9`"), r.stderr)
        r = try winnow("lead", ["gate", "--baseline", "v1", "--candidate", "v2", "--by", "prompt"])
        XCTAssertEqual(r.status, 64, "no event has a prompt_version")
    }
}
