import Foundation
import XCTest

/// A QA shift in the real binary: a lead creates a round from the shell, one reviewer scores an
/// item with five keys and Enter, a second reviewer on the same workspace sees none of it on the
/// scoring screen, in the queue's detail or in the history until their own scores are in, and
/// then both see both.
final class ScoringTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        ws = try TmuxWorkspace(roster: ["lead": ["lead"], "ana": ["qa"], "ben": ["qa"]],
                               events: (1...3).map { i in
                                   TmuxWorkspace.event("e\(i)", "thumbs_down", prompt: "Refund question \(i)", ts: TmuxWorkspace.inQueueOrder(i))
                               }, importAs: "lead")
        let created = try ws.run(["round", "new", "qa-oct", "--workspace", ws.path, "--reviewer", "lead", "--rubric", "support"])
        XCTAssertEqual(created.status, 0, created.stderr)
    }

    /// The item on the scoring screen, as its strip says: `Item 1 of 3 · #2 ○ open`.
    func itemOnScreen(_ screen: String) throws -> String {
        let line = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("Item ") && $0.contains(" of 3 · #") }, screen)
        let after = try XCTUnwrap(line.range(of: " · #"))
        return String(line[after.upperBound...].prefix { $0.isNumber })
    }

    func testAReviewersScoresStayHiddenFromTheOtherUntilTheItemIsComplete() throws {
        let ana = try ws.open(reviewer: "ana")
        try ana.press("r")
        var screen = try ana.waitFor("SCORING qa-oct")
        let item = try itemOnScreen(screen)
        try ana.press("4", "5", "3", "1", "2")
        try ana.waitFor("all 5 scored: Enter submits")
        try ana.press("W")
        try ana.type("secret rationale")
        try ana.press("Enter", "Enter")
        try ana.waitFor("Submitted #\(item): 5 scores")
        XCTAssertEqual(try ws.query("SELECT count(*) FROM judgments WHERE reviewer = 'ana' AND state = 'pending' AND item_id = \(item)"), "5")

        let ben = try ws.open(reviewer: "ben")
        try ben.press("r")
        try ben.waitFor("SCORING qa-oct")
        _ = try moveTo(ben, item: item)
        screen = try ben.waitFor("ana: (hidden until the item is complete)")
        XCTAssertFalse(screen.contains("secret rationale"), screen)
        try ben.press("h")
        screen = try ben.waitFor("History of item #\(item)")
        XCTAssertTrue(screen.contains("(hidden until the item is complete)"), screen)
        XCTAssertFalse(screen.contains("secret rationale"), screen)
        try ben.press("Escape", "q")
        try ws.filter(ben, "round:qa-oct")
        try ben.waitFor("filter: round:qa-oct")
        screen = try ben.screen()
        XCTAssertFalse(screen.contains("secret rationale"), "the queue's detail shows no round score:\n\(screen)")

        try ben.press("r")
        try ben.waitFor("SCORING qa-oct")
        _ = try moveTo(ben, item: item)
        try ben.press("3", "4", "4", "2", "1", "Enter")
        try ben.waitFor("Submitted #\(item): 5 scores · item complete")
        try ben.press("K")
        _ = try moveTo(ben, item: item)
        try ben.waitFor("ana: faithfulness 4 · completeness 5")

        // ana's screen picks up ben's submission by itself (another process committed).
        try ana.press("K")
        _ = try moveTo(ana, item: item)
        screen = try ana.waitFor("ben: faithfulness 3 · completeness 4")
        XCTAssertTrue(screen.contains("#\(item) ✓ complete"), screen)
    }

    /// Moves a scoring screen to `item` with the next and previous assignment keys.
    func moveTo(_ session: TmuxSession, item: String) throws -> String {
        var screen = try session.waitFor("· #")
        var tries = 0
        while try itemOnScreen(screen) != item, tries < 6 {
            let before = try itemOnScreen(screen)
            try session.press(tries < 3 ? "J" : "K")
            screen = try waitUntilChanged(session, from: before)
            tries += 1
        }
        XCTAssertEqual(try itemOnScreen(screen), item, screen)
        return screen
    }

    /// The screen once the item on it is another than `before`, or as it is when it stays (at an end).
    func waitUntilChanged(_ session: TmuxSession, from before: String) throws -> String {
        let deadline = Date().addingTimeInterval(2)
        var screen = try session.screen()
        while try itemOnScreen(screen) == before, Date() < deadline,
              !screen.contains("This is your last assignment"), !screen.contains("This is your first assignment") {
            screen = try session.screen()
        }
        return screen
    }

    func testAScoreKeyRemappedInWinnowTomlScores() throws {
        let config = ws.path + "/winnow.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "\n[keys]\n", with: "\n[keys]\nscore_level = [\"a\", \"s\", \"d\", \"f\", \"g\"]\nscore_submit = [\"ctrl-g\"]\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let ana = try ws.open(reviewer: "ana")
        try ana.press("r")
        let screen = try ana.waitFor("SCORING qa-oct")
        XCTAssertTrue(screen.contains("a–g score, ^G submits"), screen)
        let item = try itemOnScreen(screen)
        try ana.press("f", "g", "d", "a", "s")
        try ana.waitFor("all 5 scored: ^G submits")
        try ana.press("C-g")
        try ana.waitFor("Submitted #\(item): 5 scores")
        XCTAssertEqual(try ws.query("SELECT value FROM judgments WHERE reviewer = 'ana' AND field = 'rubric:access_correctness'"), "pass")
    }
}
