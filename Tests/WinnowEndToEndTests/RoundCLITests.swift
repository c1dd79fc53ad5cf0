import Foundation
import XCTest

/// `winnow round`: a lead creates a round, two QA reviewers score blind, the audit log hides one
/// reviewer's score from the other until both are in, and the log still verifies.
final class RoundCLITests: XCTestCase {
    let config = """
        [[reviewer]]
        name = "lead"
        roles = ["lead"]

        [[reviewer]]
        name = "ann"
        roles = ["qa"]

        [[reviewer]]
        name = "ben"
        roles = ["qa"]
        """

    func testARoundFromCreationThroughBlindScoringToClose() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        try config.write(toFile: ws + "/winnow.toml", atomically: true, encoding: .utf8)
        let events = (1...6).map { n in
            #"{"id":"e\#(n)","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"p\#(n)","response":"r","intent":"\#(n % 2 == 0 ? "billing" : "sso")"}"#
        }
        try events.joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try WinnowBinary.run(["import", "--workspace", ws, "--reviewer", "lead", tmp.path("e.jsonl")], home: tmp.url).status, 0)
        func winnow(_ who: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let r = try WinnowBinary.run(arguments + ["--workspace", ws], home: tmp.url, extraEnvironment: ["WINNOW_REVIEWER": who])
            return (r.status, r.stdout, r.stderr)
        }

        var r = try winnow("ann", ["round", "new", "wk48", "--sample", "4", "--seed", "9", "--stratify", "intent", "--fields", "severity"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("only a lead can create a round"), r.stderr)
        r = try winnow("lead", ["round", "new", "wk48", "--sample", "4", "--seed", "9", "--stratify", "intent", "--fields", "severity", "--overlap", "3"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("an overlap of 3 needs at least 3 reviewers"), r.stderr)
        r = try winnow("lead", ["round", "new", "wk48", "--sample", "4", "--seed", "9", "--stratify", "intent", "--fields", "severity"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("created round wk48: 4 items, 8 assignments (2 per item) for "), r.stdout)
        XCTAssertTrue(r.stdout.contains("intent=billing: 2 of 3"), r.stdout)

        r = try winnow("ann", ["round", "queue", "wk48", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Another process (another hashing seed) on a copy of the data draws the same round.
        let copy = tmp.path("copy")
        XCTAssertEqual(try WinnowBinary.run(["init", copy], home: tmp.url).status, 0)
        try config.write(toFile: copy + "/winnow.toml", atomically: true, encoding: .utf8)
        XCTAssertEqual(try WinnowBinary.run(["import", "--workspace", copy, "--reviewer", "lead", tmp.path("e.jsonl")], home: tmp.url).status, 0)
        for arguments in [["round", "new", "wk48", "--sample", "4", "--seed", "9", "--stratify", "intent", "--fields", "severity"],
                          ["round", "queue", "wk48", "--json"]] {
            let again = try WinnowBinary.run(arguments + ["--workspace", copy], home: tmp.url, extraEnvironment: ["WINNOW_REVIEWER": "lead"])
            XCTAssertEqual(again.status, 0, again.stderr)
        }
        let copied = try WinnowBinary.run(["round", "queue", "wk48", "--json", "--workspace", copy], home: tmp.url,
                                          extraEnvironment: ["WINNOW_REVIEWER": "ann"])
        XCTAssertEqual(copied.stdout, r.stdout, "the same seed and data give the same items, assignments and queue order")
        let queue = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(queue.count, 4)
        XCTAssertEqual(queue.first?["judged"] as? [String], ["severity"])
        let item = queue[0]["item"] as! Int

        r = try winnow("ann", ["round", "score", "wk48", "--item", "\(item)", "severity=S9"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("severity `S9` is not one of"), r.stderr)
        r = try winnow("ann", ["round", "score", "wk48", "--item", "\(item)", "severity=S1", "--rationale", "leaks an invoice"])
        XCTAssertEqual(r.status, 0, r.stderr)

        r = try winnow("ben", ["audit", "log", "--item", "\(item)"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("score  item \(item)  severity: ∅ → (hidden until the item is complete)  ((hidden until the item is complete))"), r.stdout)
        XCTAssertFalse(r.stdout.contains("S1") || r.stdout.contains("leaks an invoice"), r.stdout)
        r = try winnow("ben", ["round", "judgments", "--item", "\(item)"])
        XCTAssertTrue(r.stdout.contains("ann  severity = (hidden until the item is complete)"), r.stdout)
        r = try winnow("lead", ["audit", "log", "--item", "\(item)"])
        XCTAssertTrue(r.stdout.contains("severity: ∅ → S1  (leaks an invoice)"), r.stdout)

        r = try winnow("ben", ["round", "score", "wk48", "--item", "\(item)", "severity=S2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("the item is complete"), r.stdout)
        r = try winnow("ben", ["audit", "log", "--item", "\(item)"])
        XCTAssertTrue(r.stdout.contains("severity: ∅ → S1  (leaks an invoice)"), r.stdout)
        r = try winnow("ann", ["round", "revise", "wk48", "--item", "\(item)", "severity=S2"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("is complete in round wk48"), r.stderr)

        r = try winnow("ann", ["round", "skip", "wk48", "--item", "\(queue[1]["item"] as! Int)", "--reason", "conflict of interest"])
        XCTAssertEqual(r.status, 0, r.stderr)

        r = try winnow("lead", ["round", "show", "wk48", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let progress = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let reviewers = progress["reviewers"] as! [[String: Any]]
        XCTAssertEqual(reviewers.map { $0["reviewer"] as! String }, ["ann", "ben"])
        XCTAssertEqual(reviewers[0]["submitted"] as? Int, 1)
        XCTAssertEqual(reviewers[0]["skipped"] as? Int, 1)
        XCTAssertEqual(reviewers[0]["remaining"] as? Int, 2)
        XCTAssertEqual((progress["round"] as! [String: Any])["items_complete"] as? Int, 1)
        XCTAssertEqual(progress["disputes_open"] as? Int, 1, "ann's S1 against ben's S2")

        r = try winnow("lead", ["round", "close", "wk48"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try winnow("lead", ["round", "list"])
        XCTAssertTrue(r.stdout.contains("wk48  closed"), r.stdout)
        r = try winnow("ben", ["round", "score", "wk48", "--item", "\(queue[2]["item"] as! Int)", "severity=S3"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("round wk48 is closed"), r.stderr)

        r = try winnow("lead", ["audit", "verify"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("hash chain verified"), r.stdout)
        XCTAssertTrue(r.stdout.contains("state matches the log"), r.stdout)
    }
}
