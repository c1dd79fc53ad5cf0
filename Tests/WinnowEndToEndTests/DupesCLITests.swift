import Foundation
import XCTest

/// `winnow dupes`: list, accept, reject and rebuild near-duplicate suggestions, through the real binary.
final class DupesCLITests: XCTestCase {
    /// Two groups (#1–#3 an invoice charged twice, #4–#5 a CSV export, whose texts carry an escape
    /// sequence) and #6 alone; the oldest event first.
    static let prompts = [
        "My invoice INV-48213 was charged twice this month, please refund the second charge",
        "my invoice inv-99120 was charged twice this month please refund the second charge!!",
        "Hi team, my invoice #5521 was chraged twice this month, pls refund the second charge",
        "The export to CSV button does nothing \u{1B}[2J when I click it on the reports page",
        "the export to csv button does nothing \u{1B}[2J when i click it on the reports page.",
        "How do I change the language of the assistant to German?",
    ]

    final class Workspace {
        let tmp: TemporaryDirectory
        let path: String

        init() throws {
            tmp = try TemporaryDirectory()
            path = tmp.path("ws")
            XCTAssertEqual(try WinnowBinary.run(["init", path], home: tmp.url).status, 0)
            let lines = try DupesCLITests.prompts.enumerated().map { offset, prompt in
                let event: [String: String] = ["id": "e\(offset + 1)", "ts": "2026-10-14T09:\(10 + offset):00Z", "signal": "thumbs_down",
                                               "prompt": prompt, "response": "Answer \(offset)"]
                return String(decoding: try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]), as: UTF8.self)
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: tmp.path("events.jsonl"), atomically: true, encoding: .utf8)
            let imported = try winnow(["import", tmp.path("events.jsonl")])
            XCTAssertEqual(imported.status, 0, imported.stderr)
        }

        @discardableResult
        func winnow(_ arguments: [String]) throws -> WinnowBinary.Result {
            try WinnowBinary.run(arguments + ["--workspace", path, "--reviewer", "dana"], home: tmp.url)
        }

        /// The groups `winnow dupes --json` lists, each as its members' item numbers, canonical first.
        func groups(_ extra: [String] = []) throws -> [[Int]] {
            let r = try winnow(["dupes", "--json"] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            let groups = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
            return groups.map { ($0["members"] as? [[String: Any]] ?? []).compactMap { $0["item"] as? Int } }
        }

        func editConfig(_ old: String, _ new: String) throws {
            let file = path + "/winnow.toml"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            XCTAssertTrue(text.contains(old), "winnow init wrote `\(old)`")
            try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    func testListShowsTheGroupsHeaviestFirstAsTextAndJSON() throws {
        let ws = try Workspace()
        var r = try ws.winnow(["dupes"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 7, r.stdout)
        XCTAssertEqual(lines[0], "group 1: 3 items, weight 1.50")
        XCTAssertTrue(lines[1].hasPrefix("  #1  e1  canonical  thumbs_down  new  "), lines[1])
        XCTAssertTrue(lines[1].contains("  My invoice INV-48213 was charged twice this month"), lines[1])
        XCTAssertTrue(lines[1].hasSuffix("…"), "the prompt is cut to the line: \(lines[1])")
        XCTAssertTrue(lines[2].hasPrefix("  #2  e2       1.00  thumbs_down  new  "), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("  #3  e3       0."), "a typo and an abbreviation cost some similarity: \(lines[3])")
        XCTAssertEqual(lines[4], "group 4: 2 items, weight 1.00")
        XCTAssertFalse(r.stdout.contains("\u{1B}"), "a prompt's escape sequence never reaches the terminal")
        XCTAssertTrue(lines[5].contains("The export to CSV button does nothing"), lines[5])
        XCTAssertFalse(r.stdout.contains("German"), "an item without near-duplicates is in no group")
        for line in lines { XCTAssertLessThanOrEqual(line.count, 100, "in a pipe, lines are cut to 100 columns: \(line)") }

        r = try ws.winnow(["dupes", "list", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let groups = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(groups.count, 2)
        XCTAssertEqual(groups[0]["id"] as? Int, 1)
        XCTAssertEqual(groups[0]["size"] as? Int, 3)
        XCTAssertEqual(groups[0]["canonical"] as? Int, 1)
        let members = try XCTUnwrap(groups[0]["members"] as? [[String: Any]])
        XCTAssertEqual(members.compactMap { $0["item"] as? Int }, [1, 2, 3])
        XCTAssertEqual(members.compactMap { $0["event_id"] as? String }, ["e1", "e2", "e3"])
        XCTAssertEqual(members.compactMap { $0["canonical"] as? Bool }, [true, false, false])
        XCTAssertEqual(members.compactMap { $0["similarity"] as? Double }.prefix(2), [1, 1])
        XCTAssertLessThan(try XCTUnwrap(members[2]["similarity"] as? Double), 1)
        XCTAssertEqual(members[0]["signal"] as? String, "thumbs_down")
        XCTAssertEqual(members[0]["status"] as? String, "new")
        XCTAssertEqual(members[0]["timestamp"] as? String, "2026-10-14T09:10:00Z")

        r = try ws.winnow(["dupes", "--limit", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("group 1: 3 items"), r.stdout)
        XCTAssertFalse(r.stdout.contains("group 4"), r.stdout)
        XCTAssertTrue(r.stderr.contains("… and 1 more groups (--limit 1)"), r.stderr)
    }

    func testMinSimilarityFiltersAndIsChecked() throws {
        let ws = try Workspace()
        XCTAssertEqual(try ws.groups(["--min-similarity", "0.99"]), [[1, 2], [4, 5]], "the typo's item is below 0.99")
        XCTAssertEqual(try ws.groups(["--min-similarity", "1"]), [[1, 2], [4, 5]])
        let lower = try ws.winnow(["dupes", "--min-similarity", "0.2"])
        XCTAssertEqual(lower.status, 0, lower.stderr)
        XCTAssertTrue(lower.stderr.contains("pairs below the workspace's dupes.min_similarity (0.6) are not kept"), lower.stderr)
        for bad in ["0", "1.5", "-0.1", "high"] {
            let r = try ws.winnow(["dupes", "--min-similarity", bad])
            XCTAssertEqual(r.status, 64, "--min-similarity \(bad): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("min-similarity"), r.stderr)
            XCTAssertEqual(r.stdout, "")
        }
        XCTAssertEqual(try ws.winnow(["dupes", "--limit", "0"]).status, 64)
    }

    func testAcceptingAGroupMergesItIntoTheCanonical() throws {
        let ws = try Workspace()
        let r = try ws.winnow(["dupes", "accept", "#2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "merged #2, #3 into #1 (accepted near-duplicate suggestion); `U` in the queue unmerges\n")
        XCTAssertEqual(try SQLiteShell.query(ws.path, "SELECT id || ':' || canonical_id FROM items WHERE canonical_id IS NOT NULL ORDER BY id"),
                       "2:1\n3:1")
        XCTAssertEqual(try SQLiteShell.query(ws.path, """
            SELECT count(*) FROM audit WHERE action = 'merge' AND reason = 'accepted near-duplicate suggestion' AND reviewer = 'dana'
            """), "2")
        XCTAssertEqual(try ws.groups(), [[4, 5]], "merged items are no longer suggested")

        let byGroup = try ws.winnow(["dupes", "accept", "--group", "4"])
        XCTAssertEqual(byGroup.status, 0, byGroup.stderr)
        XCTAssertTrue(byGroup.stdout.hasPrefix("merged #5 into #4 "), byGroup.stdout)
        XCTAssertEqual(try ws.groups(), [])
        let gone = try ws.winnow(["dupes", "accept", "--group", "4"])
        XCTAssertEqual(gone.status, 3)
        XCTAssertTrue(gone.stderr.contains("there is no suggested group 4"), gone.stderr)
    }

    func testAcceptingOnePairAndWhatIsRefused() throws {
        let ws = try Workspace()
        var r = try ws.winnow(["dupes", "accept", "3", "--into", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("merged #3 into #2 (accepted near-duplicate suggestion)"), r.stdout)
        XCTAssertEqual(try SQLiteShell.query(ws.path, "SELECT id || ':' || canonical_id FROM items WHERE canonical_id IS NOT NULL"), "3:2")

        let refusals: [([String], String)] = [
            (["4", "--into", "1"], "#4 and #1 are not suggested as duplicates of each other"),
            (["6"], "#6 has no suggested duplicates"),
            (["99"], "there is no item #99"),
            (["5", "--into", "99"], "there is no item #99"),
        ]
        for (arguments, message) in refusals {
            r = try ws.winnow(["dupes", "accept"] + arguments)
            XCTAssertEqual(r.status, 3, "\(arguments): \(r.stderr)")
            XCTAssertEqual(r.stderr, "winnow: error: \(message)\n")
        }
        for arguments in [["accept"], ["accept", "1", "--group", "1"], ["accept", "--group", "1", "--into", "2"], ["accept", "x1"],
                          ["reject", "--group", "1", "--from", "2"]] {
            XCTAssertEqual(try ws.winnow(["dupes"] + arguments).status, 64, "\(arguments) is a usage error")
        }
        XCTAssertEqual(try SQLiteShell.query(ws.path, "SELECT count(*) FROM items WHERE canonical_id IS NOT NULL"), "1", "refusals change nothing")
    }

    func testRejectionsAreRememberedPastARebuild() throws {
        let ws = try Workspace()
        var r = try ws.winnow(["dupes", "reject", "5", "--reason", "different pages"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "rejected: #4, #5 are not duplicates (1 pair); they will not be suggested again\n")
        XCTAssertEqual(try ws.groups(), [[1, 2, 3]])
        XCTAssertEqual(try SQLiteShell.query(ws.path, "SELECT reviewer || ' ' || reason FROM audit WHERE action = 'dupe_reject'"),
                       "dana different pages")

        r = try ws.winnow(["dupes", "reject", "3", "--from", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "rejected: #3 and #1 are not duplicates; they will not be suggested again\n")
        XCTAssertEqual(try SQLiteShell.query(ws.path, "SELECT a || '-' || b FROM dupe_rejections ORDER BY a"), "1-3\n4-5")
        r = try ws.winnow(["dupes", "reject", "6", "--from", "1"])
        XCTAssertEqual(r.status, 3)
        XCTAssertEqual(r.stderr, "winnow: error: #6 and #1 are not suggested as duplicates of each other\n")

        r = try ws.winnow(["dupes", "rebuild"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("rebuilt near-duplicate suggestions: 6 items, 6 sketched, "), r.stdout)
        XCTAssertEqual(r.stderr, "", "no progress bar in a pipe")
        XCTAssertEqual(try SQLiteShell.query(ws.path, "SELECT count(*) FROM dupe_pairs WHERE (a = 1 AND b = 3) OR (a = 4 AND b = 5)"), "0",
                       "rejected pairs are not found again")
        XCTAssertFalse(try ws.groups().contains { $0.contains(4) || $0.contains(5) })
        XCTAssertEqual(try SQLiteShell.query(ws.path, "SELECT count(*) FROM audit WHERE action = 'dupes_rebuild' AND reviewer = 'dana'"), "1")
    }

    func testChangedSettingsAskForARebuildAndOffRefusesDecisions() throws {
        let ws = try Workspace()
        try ws.editConfig("compare = [\"prompt\"]", "compare = [\"prompt\", \"response\"]")
        var r = try ws.winnow(["dupes"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "winnow: the near-duplicate suggestions are out of date (the [dupes] compare or mask settings changed); "
            + "run `winnow dupes rebuild --workspace \(ws.path)` to recompute them\n")
        r = try ws.winnow(["dupes", "rebuild"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try ws.winnow(["dupes"])
        XCTAssertEqual(r.stderr, "", "rebuilt with the new settings")

        try ws.editConfig("min_similarity = 0.6", "min_similarity = 0.3")
        XCTAssertTrue(try ws.winnow(["dupes"]).stderr.contains("(dupes.min_similarity was lowered)"))

        try ws.editConfig("enabled = true", "enabled = false")
        r = try ws.winnow(["dupes", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [Int], [], r.stdout)
        XCTAssertEqual(r.stderr, "winnow: near-duplicate suggestions are off in this workspace ([dupes] enabled = false in winnow.toml)\n")
        r = try ws.winnow(["dupes", "accept", "2"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.hasSuffix("winnow: error: nothing to decide: near-duplicate suggestions are off\n"), r.stderr)
        XCTAssertEqual(try SQLiteShell.query(ws.path, "SELECT count(*) FROM items WHERE canonical_id IS NOT NULL"), "0")

        // Items imported while suggestions are off have no sketch: turning them on asks for a rebuild.
        let late = #"{"id":"e7","ts":"2026-10-15T08:00:00Z","signal":"csat","prompt":"MY INVOICE 777 WAS CHARGED TWICE THIS MONTH, PLEASE REFUND THE SECOND CHARGE","response":"ok"}"#
        try (late + "\n").write(toFile: ws.tmp.path("late.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try ws.winnow(["import", ws.tmp.path("late.jsonl")]).status, 0)
        try ws.editConfig("enabled = false", "enabled = true")
        r = try ws.winnow(["dupes"])
        XCTAssertTrue(r.stderr.contains("out of date (items were stored without near-duplicate sketches"), r.stderr)
        XCTAssertEqual(try ws.winnow(["dupes", "rebuild"]).status, 0)
        XCTAssertEqual(try ws.winnow(["dupes"]).stderr, "")
        XCTAssertTrue(try ws.groups().contains { $0.contains(1) && $0.contains(7) }, "the late item joined its group")
    }

    func testDecisionsNeedAReviewerOnTheRoster() throws {
        let ws = try Workspace()
        let config = try String(contentsOfFile: ws.path + "/winnow.toml", encoding: .utf8)
        try (config + "\n[[reviewer]]\nname = \"alice\"\nroles = [\"lead\"]\n").write(toFile: ws.path + "/winnow.toml", atomically: true, encoding: .utf8)
        let r = try ws.winnow(["dupes", "accept", "2"])
        XCTAssertEqual(r.status, 77, r.stderr)
        XCTAssertEqual(try ws.winnow(["dupes"]).status, 0, "anyone may read the suggestions")
    }
}
