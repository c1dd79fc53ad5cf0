import Foundation
import XCTest

/// Merged duplicates in the real binary: the list and the filter call them `duplicate`, `winnow
/// stats` counts them apart from `new`, and `winnow shift` reports the resolved reviewer's work,
/// or who worked, when that reviewer did nothing.
final class DuplicatesTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        ws = try TmuxWorkspace(events: (1...4).map { i in
            TmuxWorkspace.event("e\(i)", "thumbs_down", prompt: "Refund question \(i)", ts: TmuxWorkspace.inQueueOrder(i))
        }, importAs: "alice")
    }

    /// Marks the selected item, merges it into the last one, and waits for the merge to be shown.
    func mergeSelectedIntoLast(_ s: TmuxSession) throws {
        try s.press("Space")
        try s.press("G")
        try s.press("D")
        try s.waitFor("into #4 as duplicates? y/n")
        try s.press("y")
        try s.waitFor("Merged 1 item into #4")
    }

    func testAMergedItemShowsAsDuplicateAndStatusDuplicateFindsIt() throws {
        let s = try ws.open(reviewer: "alice")
        try mergeSelectedIntoLast(s)
        try ws.filter(s, "status:duplicate")
        let screen = try s.waitFor("1 of 1")
        let row = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("Refund question 1") }, screen)
        XCTAssertTrue(row.contains(" duplicate "), "the status cell reads duplicate:\n\(screen)")
        XCTAssertFalse(row.contains(" new "), screen)
        XCTAssertFalse(screen.contains("Refund question 2"), "only the merged item matches:\n\(screen)")
        // The merge was what the mark was for: it is gone, so Esc clears the filter at once.
        XCTAssertFalse(screen.contains("marked"), screen)
        // `status:new` leaves it out.
        try s.press("Escape")
        try s.waitFor(" of 4")
        try ws.filter(s, "status:new")
        let fresh = try s.waitFor(" of 3")
        XCTAssertFalse(fresh.contains("Refund question 1"), fresh)
    }

    func testStatsAndShiftCountTheMergeForTheResolvedReviewer() throws {
        let s = try ws.open(reviewer: "alice")
        try s.press("s", "2")
        try s.waitFor("Severity S2 on 1 item")
        try s.press("j")
        try mergeSelectedIntoLast(s)
        try s.press("Q")
        // The quit summary counts the merge as such, not as labels.
        let summary = try s.waitFor("EXITED:")
        XCTAssertTrue(summary.contains("Shift of alice"), summary)
        XCTAssertTrue(summary.contains("merges           1  (1 item merged as duplicates)"), summary)
        XCTAssertTrue(summary.contains("items labelled   1 "), summary)

        var r = try ws.run(["stats", "--workspace", ws.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("open backlog 3   duplicates 1\n"), r.stdout)
        let statuses = try XCTUnwrap(r.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix("by status") }, r.stdout)
        // Each line without its share: the name (and label) and the count.
        func counts(_ section: String) -> [String] {
            section.split(separator: "\n").dropFirst().map { $0.split(separator: " ").dropLast().joined(separator: " ") }
        }
        XCTAssertEqual(counts(statuses),
                       ["new 3", "in_review 0", "triaged 0", "resolved 0", "wont_fix 0", "duplicate 1"], r.stdout)
        let severities = try XCTUnwrap(r.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix("by severity") }, r.stdout)
        XCTAssertTrue(severities.hasPrefix("by severity  (not counting 1 merged duplicate)\n"), severities)
        XCTAssertEqual(counts(severities),
                       ["S1 critical 0", "S2 major 1", "S3 minor 0", "S4 cosmetic 0", "unset 2"], r.stdout)

        r = try ws.run(["stats", "--json", "--workspace", ws.path])
        let stats = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(stats["duplicates"] as? Int, 1)
        let byStatus = try XCTUnwrap(stats["by_status"] as? [[String: Any]])
        XCTAssertEqual(byStatus.map { $0["name"] as? String }, ["new", "in_review", "triaged", "resolved", "wont_fix", "duplicate"])
        XCTAssertEqual(byStatus.map { $0["count"] as? Int }, [3, 0, 0, 0, 0, 1])

        // The reviewer resolves as the queue's did: WINNOW_REVIEWER, or --reviewer.
        for (arguments, environment) in [([String](), ["WINNOW_REVIEWER": "alice"]), (["--reviewer", "alice"], [:])] {
            r = try ws.run(["shift", "--workspace", ws.path] + arguments, extraEnvironment: environment)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.hasPrefix("Shift of alice  ("), r.stdout)
            XCTAssertTrue(r.stdout.contains("by severity      S2 1\n"), r.stdout)
            XCTAssertTrue(r.stdout.contains("(1 item merged as duplicates)"), r.stdout)
            XCTAssertFalse(r.stdout.contains("who worked"), r.stdout)
        }

        // Without either, the login name's shift is empty: it says who worked and how to see them.
        r = try ws.run(["shift", "--workspace", ws.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.hasPrefix("Shift of alice"), r.stdout)
        XCTAssertTrue(r.stdout.contains("in this period; who worked the workspace:\n"), r.stdout)
        let alice = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix("    alice ") }, r.stdout)
        XCTAssertEqual(alice.split(separator: " ").prefix(4), ["alice", "1", "1", "1"], "labels, items labelled, items merged")
        XCTAssertTrue(r.stdout.contains("--reviewer NAME"), r.stdout)

        r = try ws.run(["shift", "--json", "--workspace", ws.path])
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let workedBy = try XCTUnwrap(report["worked_by"] as? [[String: Any]], r.stdout)
        XCTAssertEqual(workedBy.map { $0["reviewer"] as? String }, ["alice"])
        XCTAssertEqual(workedBy.first?["items_merged"] as? Int, 1)

        r = try ws.run(["shift", "--all", "--workspace", ws.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Who worked the workspace  ("), r.stdout)
        XCTAssertTrue(r.stdout.contains("\n  alice "), r.stdout)
        r = try ws.run(["shift", "--all", "--json", "--workspace", ws.path])
        let all = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
        XCTAssertEqual(all.map { $0["reviewer"] as? String }, ["alice"])
    }
}
