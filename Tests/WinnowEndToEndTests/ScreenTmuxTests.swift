import Foundation
import XCTest

/// What the real binary shows first, replaying the reported keys: an escalation's reason and an
/// arrived correction's text on screen without Tab or scrolling, the hints a reviewer needs at 80
/// columns, and the prompt and the response beside the correction editor.
final class ScreenTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    static let longPrompt = "I was charged twice for the December invoice and the second charge has still not been refunded after three weeks, "
        + "although your agent promised it within five days.\nWhat is going on, and when will I see the money back on my card?"
    static let longResponse = String(repeating: "Refunds usually take five to seven business days to appear on your statement. ", count: 5)
        + "\nIs there anything else I can help with?"

    override func setUpWithError() throws {
        ws = try TmuxWorkspace(events: [
            event("e1", "explicit_correction", extra: #","correction":"Double charges are refunded within two days; this one is late and has been escalated to billing.""#),
            event("e2", "agent_escalation", extra: #","escalation_reason":"refund over agent limit: customer asks for 1,240 EUR""#),
            event("e3", "thumbs_down"),
        ])
    }

    func event(_ id: String, _ signal: String, extra: String = "") -> String {
        TmuxWorkspace.event(id, signal, prompt: Self.longPrompt, response: Self.longResponse, extra: extra)
    }

    func open(width: Int, height: Int) throws -> TmuxSession {
        try ws.open(reviewer: "alice", width: width, height: height, environment: ["NO_COLOR": "1"])
    }

    func testAt100x30AnEscalationShowsItsReasonWithoutTab() throws {
        let s = try open(width: 100, height: 30)
        try ws.filter(s, "signal:agent_escalation")
        let screen = try s.waitFor("refund over agent limit: customer asks for 1,240 EUR")
        XCTAssertTrue(screen.contains("QUEUE │ 1 of 1"), "no Tab was needed: the list still has the focus\n\(screen)")
        XCTAssertTrue(screen.contains("ESCALATION"), screen)
    }

    func testAt80x24AnArrivedCorrectionsTextIsVisible() throws {
        let s = try open(width: 80, height: 24)
        let screen = try s.waitFor("CORRECTION (arrived with the event")
        XCTAssertTrue(screen.contains("Double charges are refunded within two days"), screen)
        let lines = try s.lines()
        let heading = try XCTUnwrap(lines.firstIndex { $0.contains("CORRECTION (arrived") })
        XCTAssertTrue(lines[heading + 1].contains("Double charges"), "its text follows its heading on screen:\n\(screen)")
    }

    func testTheHintBarAt80And100ColumnsShowsTakeHelpAndQuit() throws {
        for (width, height) in [(80, 24), (100, 30)] {
            let s = try open(width: width, height: height)
            let lines = try s.lines()
            let hints = lines[height - 2]
            for hint in ["t take", "? help", "Q quit"] {
                XCTAssertTrue(hints.contains(hint), "\(width): «\(hints)»\n\(lines.joined(separator: "\n"))")
            }
            try s.press("?")
            try s.waitFor("Keys — j/k scroll")
        }
    }

    func testHistoryTimesCarryTheirZone() throws {
        let s = try open(width: 80, height: 24)
        try s.press("s", "2")
        try s.waitFor("S2")
        try s.press("h")
        let screen = try s.waitFor("History of item #1")
        let stamp = try NSRegularExpression(pattern: "action #[0-9]+  [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC  alice")
        XCTAssertNotNil(stamp.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)), screen)
    }

    func testTheEditorShowsThePromptAndTheResponseAndKeepsADraft() throws {
        let s = try open(width: 80, height: 24)
        try s.press("c")
        var screen = try s.waitFor("Correction of #1")
        XCTAssertTrue(screen.contains("PROMPT    I was charged twice"), screen)
        XCTAssertTrue(screen.contains("RESPONSE  Refunds usually take"), screen)
        XCTAssertTrue(screen.contains("^S save"), screen)
        // The cursor starts at the end: typed text goes after the arrived correction.
        try s.type(" Sorry.")
        try s.waitFor("to billing. Sorry.")
        try s.press("Escape")
        try s.waitFor("Draft kept: c on #1 resumes it")
        try s.press("c")
        screen = try s.waitFor("Resumed your draft of #1")
        XCTAssertTrue(screen.contains("PROMPT    I was charged twice"), screen)
        try s.press("Escape")
        try s.waitFor("Draft kept: c on #1 resumes it")
    }
}
