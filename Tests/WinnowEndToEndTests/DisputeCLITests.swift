import Foundation
import XCTest

/// `winnow dispute`: raise, list, show, decide and reopen, through the real binary.
final class DisputeCLITests: XCTestCase {
    func testRaiseListShowDecideAndReopen() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let config = try String(contentsOfFile: ws + "/winnow.toml", encoding: .utf8) + """

            [[reviewer]]
            name = "alice"
            roles = ["lead", "reviewer"]

            [[reviewer]]
            name = "bo"
            roles = ["reviewer"]

            [[reviewer]]
            name = "carol"
            roles = ["adjudicator"]
            """
        try config.write(toFile: ws + "/winnow.toml", atomically: true, encoding: .utf8)
        let event = #"{"id":"e1","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"refund?","response":"Open Billing."}"#
        try event.write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try WinnowBinary.run(["import", "--workspace", ws, "--reviewer", "alice", tmp.path("e.jsonl")], home: tmp.url).status, 0)
        // alice's severity, as the queue would have written it.
        _ = try SQLiteShell.query(ws, """
            UPDATE items SET severity = 'S3' WHERE id = 1;
            INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state) VALUES (1, 'severity', 'S3', 'alice', 'alice', 1, 'accepted');
            """)
        func winnow(_ arguments: [String], as reviewer: String) throws -> WinnowBinary.Result {
            try WinnowBinary.run(arguments + ["--workspace", ws, "--reviewer", reviewer], home: tmp.url)
        }

        var r = try winnow(["dispute", "raise", "1", "severity", "--reason", "data lost \u{1B}[31mred", "--value", "critical"], as: "bo")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "opened dispute #1 on the severity of #1 (S3 by alice)\n")
        r = try winnow(["dispute", "raise", "1", "severity", "--reason", "again"], as: "carol")
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("dispute #1 on the severity of #1 is already open"), r.stderr)
        r = try winnow(["dispute", "raise", "1", "colour", "--reason", "x"], as: "bo")
        XCTAssertEqual(r.status, 64, r.stderr)

        r = try winnow(["dispute", "list", "--json"], as: "carol")
        XCTAssertEqual(r.status, 0, r.stderr)
        let listed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(listed["item"] as? Int, 1)
        XCTAssertEqual(listed["field"] as? String, "severity")
        XCTAssertEqual(listed["state"] as? String, "open")
        XCTAssertEqual(listed["origin"] as? String, "raised in triage")

        r = try winnow(["dispute", "show", "1"], as: "carol")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("\u{1B}"), "the reason's escape sequence never reaches the terminal")
        XCTAssertTrue(r.stdout.contains("  alice  S3  undecided"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  bo  S1  undecided"), r.stdout)
        XCTAssertTrue(r.stdout.contains("may not decide it: alice, bo"), r.stdout)

        r = try winnow(["dispute", "decide", "1", "S1", "--rationale", "rows were deleted"], as: "bo")
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("only an adjudicator decides disputes"), r.stderr)
        r = try winnow(["dispute", "decide", "1", "S1", "--rationale", "rows were deleted"], as: "carol")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "decided dispute #1: the severity of #1 is S1\n")
        XCTAssertEqual(try SQLiteShell.query(ws, "SELECT severity FROM items WHERE id = 1"), "S1")

        r = try winnow(["dispute", "show", "1", "--json"], as: "carol")
        let shown = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((shown["decision"] as? [String: Any])?["rationale"] as? String, "rows were deleted")
        XCTAssertEqual((shown["competing"] as? [[String: Any]])?.compactMap { $0["verdict"] as? String }, ["overruled", "upheld"])

        r = try winnow(["dispute", "reopen", "1", "--reason", "restored"], as: "carol")
        XCTAssertEqual(r.status, 3)
        r = try winnow(["dispute", "reopen", "1", "--reason", "restored from backup"], as: "alice")
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try winnow(["dispute", "list"], as: "alice")
        XCTAssertTrue(r.stdout.hasPrefix("#1  open  item 1  severity  raised in triage  opened by bo"), r.stdout)
        r = try winnow(["dispute", "list", "--decided"], as: "alice")
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("no decided disputes"), r.stderr)
    }
}
