import Foundation
import XCTest

/// The real binary in a real terminal (tmux), driven by keys and read back from the screen.
final class QueueTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        ws = try TmuxWorkspace(events: [
            event("e1", "explicit_correction", "SAML login loops after the update", extra: #","correction":"Keep Enforce SSO on.""#),
            event("e2", "thumbs_down", "How do I get a refund for the annual plan?"),
            event("e3", "csat", "Refund took three weeks", extra: #","csat":1"#),
            event("e4", "rephrase", "evil \u{1B}[2J\u{1B}[31mRED \u{202E}txet\u{202C} 請問 😡 end"),
            event("e5", "thumbs_up", "Thanks, CSV export works"),
        ])
    }

    func event(_ id: String, _ signal: String, _ prompt: String, extra: String = "") -> String {
        TmuxWorkspace.event(id, signal, prompt: prompt, response: "An answer.", extra: extra)
    }

    func open(width: Int = 80, height: Int = 24, extraEnvironment: [String: String] = [:]) throws -> TmuxSession {
        try ws.open(reviewer: "alice", width: width, height: height, environment: extraEnvironment)
    }

    func testOpenNavigateSearchFilterAndQuit() throws {
        let s = try open()
        var screen = try s.screen()
        XCTAssertTrue(screen.contains("5 items · 5 open"), screen)
        XCTAssertTrue(screen.contains("alice (single-user)"), screen)
        XCTAssertTrue(try s.lines()[2].hasPrefix("▶"), "the first row is selected:\n\(screen)")

        try s.press("j")
        try s.waitFor("2 of 5")
        try s.press("G")
        try s.waitFor("5 of 5")
        try s.press("g")
        try s.waitFor("1 of 5")

        try s.press("/")
        try s.type("refund")
        try s.press("Enter")
        // The first match after the selected item in queue order: the csat item, second.
        screen = try s.waitFor("2 of 5")
        XCTAssertTrue(screen.contains("search: refund"), screen)
        try s.press("n")
        try s.waitFor("3 of 5")

        try ws.filter(s, "signal:csat")
        screen = try s.waitFor("1 of 1")
        XCTAssertTrue(screen.contains("filter: signal:csat"), screen)
        XCTAssertTrue(screen.contains("Refund took three weeks"), screen)

        try s.press("Q")
        try s.waitFor("EXITED:0")
    }

    func testFilterErrorIsShownInlineNotACrash() throws {
        let s = try open()
        try s.press("\\")
        try s.type("colour:red")
        try s.waitFor("unknown filter field `colour`")
        try s.press("Enter")
        try s.waitFor("unknown filter field `colour`")
        try s.press("Escape")
        try s.waitWhile("unknown filter field")
        try s.press("Q")
        try s.waitFor("EXITED:0")
    }

    func testSaveAndRecallAView() throws {
        let s = try open()
        try ws.filter(s, "signal:thumbs_down")
        try s.waitFor("1 of 1")
        try ws.command(s, "view_save downvotes")
        try s.waitFor("Saved view")
        try s.press("Escape")
        try s.waitFor("5 items · 5 open")
        try s.waitFor("Filter cleared")
        try s.press("v")
        try s.waitFor("Saved views")
        try s.waitFor("downvotes")
        try s.press("Enter")
        let screen = try s.waitFor("view: downvotes")
        XCTAssertTrue(screen.contains("1 of 1"), screen)
        try s.press("Q")
        try s.waitFor("EXITED:0")
    }

    func testSwitchThemeHelpAndResize() throws {
        let s = try open()
        try s.press("T")
        try s.waitFor("· daylight")
        try ws.command(s, "theme mono")
        try s.waitFor("· mono")
        try s.press("?")
        try s.waitFor("Navigation")
        try s.press("Escape")
        try s.waitWhile("Navigation")

        try s.resize(width: 160, height: 40)
        var screen = try s.waitFor("│ #")
        XCTAssertTrue(screen.contains("PROMPT"), "wide terminals show the detail beside the list:\n\(screen)")
        try s.resize(width: 50, height: 12)
        try s.waitFor("needs at least 60×16")
        try s.resize(width: 80, height: 24)
        screen = try s.waitFor("1 of 5")
        XCTAssertFalse(screen.contains("needs at least"))
        try s.press("Q")
        try s.waitFor("EXITED:0")
    }

    func testHostileTextNeverReachesTheTerminal() throws {
        let s = try open(width: 100, height: 30)
        try ws.filter(s, "signal:rephrase")
        let screen = try s.waitFor("1 of 1")
        XCTAssertTrue(screen.contains("␛[2J␛[31mRED ⇆txet⇆"), screen)
        let lines = try s.lines()
        XCTAssertTrue(lines[0].contains("Winnow"), "a clear-screen sequence in an event must not clear anything:\n\(screen)")
        XCTAssertTrue(lines.contains { $0.contains("filter: signal:rephrase") }, screen)
        try s.press("Q")
        try s.waitFor("EXITED:0")
    }

    func testNoColorStillMarksTheSelection() throws {
        let s = try open(extraEnvironment: ["NO_COLOR": "1"])
        try s.waitFor("· mono")
        // capture-pane -e shows the attributes: the selected row is drawn in reverse video.
        let styled = try s.tmux(["capture-pane", "-p", "-e", "-t", s.name])
        let selectedLine = styled.split(separator: "\n").first { $0.contains("▶") } ?? ""
        XCTAssertTrue(selectedLine.contains("\u{1B}[7m") || selectedLine.contains(";7m") || selectedLine.contains("[1;7m"),
                      "reverse video on the selected row: \(selectedLine.debugDescription)")
        XCTAssertFalse(styled.contains("38;5;"), "no colours under NO_COLOR")
        try s.press("Q")
        try s.waitFor("EXITED:0")
    }

    func testAnotherProcessImportingShowsUpLive() throws {
        let s = try open()
        try "{\"id\":\"late-1\",\"ts\":\"2026-10-15T09:31:22Z\",\"signal\":\"agent_escalation\",\"prompt\":\"Live arrival\",\"response\":\"r\"}\n"
            .write(toFile: ws.tmp.path("late.jsonl"), atomically: true, encoding: .utf8)
        let r = try ws.run(["import", "--workspace", ws.path, ws.tmp.path("late.jsonl")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let screen = try s.waitFor("6 items · 6 open", timeout: 5)
        XCTAssertTrue(screen.contains("1 of 6"), "the selection is kept:\n\(screen)")
        try s.press("Q")
        try s.waitFor("EXITED:0")
    }

    func testTerminatedProcessRestoresTheTerminal() throws {
        let s = try open()
        try s.signal(SIGTERM)
        let screen = try s.waitFor("EXITED:143")
        XCTAssertFalse(screen.contains("1 of 5"), "the queue's screen is gone: endwin ran\n\(screen)")
    }

    func testControlCQuits() throws {
        let s = try open()
        try s.press("C-c")
        try s.waitFor("EXITED:0")
    }

    func testImportShowsAProgressBarOnATerminal() throws {
        var text = ""
        for i in 0..<80_000 {
            text += #"{"id":"p-\#(i)","ts":"2026-10-14T09:31:22Z","signal":"rephrase","prompt":"question \#(i)","response":"answer"}"# + "\n"
        }
        try text.write(toFile: ws.tmp.path("many.jsonl"), atomically: true, encoding: .utf8)
        let binary = try WinnowBinary.located().path
        let s = try TmuxSession(width: 100, height: 10,
                                command: "\(TmuxSession.quote(binary)) import --workspace \(TmuxSession.quote(ws.path)) --batch-size 1000 \(TmuxSession.quote(ws.tmp.path("many.jsonl")))",
                                environment: ["HOME": ws.home.path])
        let screen = try s.waitFor("ETA", timeout: 30)
        XCTAssertTrue(screen.contains("%") && screen.contains("lines") && screen.contains("/s"), screen)
        let done = try s.waitFor("EXITED:0", timeout: 120)
        XCTAssertTrue(done.contains("imported 80,000"), done)
        XCTAssertFalse(done.contains("ETA"), "the bar is erased when the import ends:\n\(done)")
    }

    func testLabellingSeverityAndStatusIsShownAndAudited() throws {
        let s = try open()
        try s.press("s")
        try s.waitFor("Severity: 1 S1")
        try s.press("1")
        var screen = try s.waitFor("Severity S1 on 1 item")
        screen = try s.waitFor("‼S1")
        XCTAssertTrue(try s.lines().contains { $0.hasPrefix("▶ ‼S1") }, "the selected row shows its new severity:\n\(screen)")
        try s.press("S")
        try s.press("r")
        try s.waitFor("Status resolved on 1 item: #1 left the open queue")
        // The open count follows from a background count, within a moment.
        try s.waitFor("5 items · 4 open", timeout: 5)
        XCTAssertFalse(try s.lines().contains { $0.hasPrefix("▶ ‼S1") }, "the cursor stays in place; the next item is under it")
        // The resolved item is last, after the open ones.
        try s.press("G")
        try s.waitFor("5 of 5")
        try s.press("h")
        screen = try s.waitFor("History of item #1")
        XCTAssertTrue(screen.contains("alice (") && screen.contains("label severity: ∅ → S1"), screen)
        XCTAssertTrue(screen.contains("label status: new → resolved"), screen)
        try s.press("Escape")
        try s.waitWhile("History of item")
        try s.press("Q")
        screen = try s.waitFor("EXITED:0")
        XCTAssertTrue(screen.contains("Shift of alice") && screen.contains("items labelled   1"),
                      "quitting shows the shift summary:\n\(screen)")
        let r = try ws.run(["audit", "log", "--workspace", ws.path])
        XCTAssertTrue(r.stdout.contains("alice (") && r.stdout.contains("label  item 1  severity: ∅ → S1"), r.stdout)
        XCTAssertTrue(r.stdout.contains("status: new → resolved"), r.stdout)
    }
}
