import Foundation
import XCTest

/// `winnow label` and `winnow undo` through the real binary: the roster, claims, a file with bad lines.
final class LabelCLITests: XCTestCase {
    static let config = """
        [[reviewer]]
        name = "lead"
        roles = ["lead"]

        [[reviewer]]
        name = "ann"
        roles = ["qa", "reviewer"]

        [[reviewer]]
        name = "ben"
        roles = ["qa", "reviewer"]
        """

    final class Workspace {
        let tmp: TemporaryDirectory
        let path: String

        init() throws {
            tmp = try TemporaryDirectory()
            path = tmp.path("ws")
            XCTAssertEqual(try WinnowBinary.run(["init", path], home: tmp.url).status, 0)
            try LabelCLITests.config.write(toFile: path + "/winnow.toml", atomically: true, encoding: .utf8)
            let events = (1...4).map { #"{"id":"e\#($0)","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"p\#($0)","response":"r"}"# }
            try events.joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
            XCTAssertEqual(try winnow("lead", ["import", tmp.path("e.jsonl")]).status, 0)
        }

        @discardableResult
        func winnow(_ who: String, _ arguments: [String], stdin: Data? = nil) throws -> WinnowBinary.Result {
            try WinnowBinary.run(arguments + ["--workspace", path], home: tmp.url, stdin: stdin, extraEnvironment: ["WINNOW_REVIEWER": who])
        }

        func auditLog(item: Int) throws -> String {
            try winnow("lead", ["audit", "log", "--item", "\(item)"]).stdout
        }
    }

    func testOneEventFromTheCommandLineAndItsUndo() throws {
        let ws = try Workspace()
        var r = try ws.winnow("eve", ["label", "e1", "--set", "severity=S2"])
        XCTAssertEqual(r.status, 77, "not on the roster")
        XCTAssertTrue(r.stderr.contains("reviewer `eve` is not on this workspace's roster"), r.stderr)

        r = try ws.winnow("ann", ["label", "e1", "--set", "locus=retrieval", "--set", "reasons=wrong_source", "--set", "severity=major",
                                  "--reason", "migrated from the old tracker"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("e1 (#1): locus none → retrieval, owner none → search-team, reasons none → [\"wrong_source\"], severity none → S2\n"),
                      r.stdout)
        let action = try XCTUnwrap(r.stdout.firstMatch(of: /action #(\d+);/)?.1).description
        XCTAssertTrue(r.stdout.contains("`winnow undo \(action)` undoes it"), r.stdout)
        let log = try ws.auditLog(item: 1)
        XCTAssertTrue(log.contains("action #\(action)  "), log)
        XCTAssertTrue(log.contains("label  item 1  severity: ∅ → S2  (migrated from the old tracker)"), log)
        XCTAssertTrue(log.contains("release  item 1  claim: ann → ∅  (labels set from the command line)"), log)

        r = try ws.winnow("ann", ["label", "e1", "--set", "severity=S9"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("--set severity=S9: severity `S9` is not one of: S1, S2, S3, S4"), r.stderr)
        r = try ws.winnow("ann", ["label", "e1", "--set", "colour"])
        XCTAssertEqual(r.status, 64)
        r = try ws.winnow("ann", ["label", "nope", "--set", "severity=S1"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("no event with id nope; nothing was changed"), r.stderr)

        r = try ws.winnow("ben", ["undo", action])
        XCTAssertEqual(r.status, 3, "only its reviewer or a lead")
        XCTAssertTrue(r.stderr.contains("action #\(action) is ann's"), r.stderr)
        r = try ws.winnow("ann", ["undo", action])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("undo of action #\(action): "), r.stdout)
        r = try ws.winnow("lead", ["stats", "--json"])
        XCTAssertTrue(r.stdout.contains("\"name\" : \"unset\""), r.stdout)
        r = try ws.winnow("ann", ["undo", action])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("was already undone"), r.stderr)
        r = try ws.winnow("lead", ["audit", "verify"])
        XCTAssertEqual(r.status, 0, r.stdout)
    }

    func testAnItemClaimedBySomeoneElseIsRefusedUntilALeadTakesItOver() throws {
        let ws = try Workspace()
        // ann's score in a round claims #1 while the item waits for ben's.
        XCTAssertEqual(try ws.winnow("lead", ["round", "new", "r", "--fields", "severity", "--reviewers", "ann,ben"]).status, 0)
        var r = try ws.winnow("ann", ["round", "score", "r", "--item", "1", "severity=S3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try ws.winnow("ben", ["label", "e1", "--set", "severity=S1"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("#1 is claimed by ann until "), r.stderr)
        XCTAssertTrue(r.stderr.contains("a lead can take it over with --takeover REASON; nothing was changed"), r.stderr)
        r = try ws.winnow("ben", ["label", "e1", "--set", "severity=S1", "--takeover", "mine now"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("only a lead can take over another reviewer's claim"), r.stderr)
        r = try ws.winnow("lead", ["label", "e1", "--set", "severity=S1", "--takeover", "shift handoff"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try ws.auditLog(item: 1).contains("takeover  item 1  claim: ann → lead  (shift handoff)"))
    }

    func testAFileWithABadLineAppliesTheRestAndSaysWhichLine() throws {
        let ws = try Workspace()
        let lines = [
            #"{"id":"e1","field":"severity","value":"S2"}"#,
            #"{"id":"e1","field":"status","value":"triaged"}"#,
            #"{"id":"e2","field":"locus","value":"nowhere"}"#,
            #"{"id":"e3","field":"owner","value":"content-team"}"#,
            #"{"id":"e3","field":"correction","value":"Refunds take \u001b[31m5 days"}"#,
        ]
        let file = ws.tmp.path("labels.jsonl")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        var r = try ws.winnow("ann", ["label", "--file", file, "--dry-run"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("would apply 4 labels, rejected 1"), r.stdout)
        XCTAssertTrue(try ws.auditLog(item: 1).isEmpty || !(try ws.auditLog(item: 1)).contains("label"))

        r = try ws.winnow("ann", ["label", "--file", file, "--rejects", ws.tmp.path("bad.jsonl")])
        XCTAssertEqual(r.status, 1, "rejected lines, as import")
        XCTAssertTrue(r.stderr.contains("labels.jsonl:3: rejected: locus `nowhere` is not one of: retrieval, knowledge"), r.stderr)
        XCTAssertTrue(r.stdout.contains("applied 4 labels, 0 already so, rejected 1 (5 lines; 3 actions)"), r.stdout)
        let rejects = try String(contentsOfFile: ws.tmp.path("bad.jsonl"), encoding: .utf8)
        XCTAssertTrue(rejects.contains("\"line\":3"), rejects)
        XCTAssertTrue(try ws.auditLog(item: 1).contains("status: new → triaged  (from "))
        let correction = try ws.auditLog(item: 3)
        XCTAssertTrue(correction.contains("correct  item 3  correction: ∅ → Refunds take ␛[31m5 days"), "the escape is shown, never sent: \(correction)")

        r = try ws.winnow("ann", ["label", "--file", "-", "--json"], stdin: Data((lines[0] + "\n").utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(summary["unchanged"] as? Int, 1)
        XCTAssertEqual(summary["source"] as? String, "<stdin>")
    }
}
