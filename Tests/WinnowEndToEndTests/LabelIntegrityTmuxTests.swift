import Foundation
import XCTest

/// The reported keys for labels that changed by accident, replayed in the real binary: a locus
/// change clears the reasons it makes foreign and moves a default owner, the reason picker sets
/// what it shows, and the filter and `:severity` take the workspace's own vocabulary.
final class LabelIntegrityTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        ws = try TmuxWorkspace(events: (1...3).map { i in
            TmuxWorkspace.event("e\(i)", "thumbs_down", prompt: "Plan question \(i)", response: "The Pro plan costs 12 EUR.",
                                intent: "billing.plans", ts: TmuxWorkspace.inQueueOrder(i))
        })
    }

    /// Wide enough that a locus change's whole message fits on the status line.
    func open() throws -> TmuxSession { try ws.open(reviewer: "dana", width: 160) }

    func item1(_ columns: String) throws -> String {
        try ws.query("SELECT \(columns) FROM items WHERE id = 1")
    }

    /// Opens the locus picker on #1, narrows it by typing, chooses with Enter and waits for `message`.
    func pickLocus(_ s: TmuxSession, typing narrowing: String, thenWaitFor message: String,
                   file: StaticString = #filePath, line: UInt = #line) throws {
        try s.press("L")
        try s.waitFor("Failure locus of item #1", file: file, line: line)
        try s.type(narrowing)
        try s.press("Enter")
        try s.waitFor(message, file: file, line: line)
    }

    func testALocusChangeClearsForeignReasonsAndTheReasonPickerSetsWhatItShows() throws {
        let s = try open()
        try ws.command(s, "locus knowledge")
        try s.waitFor("Locus knowledge on 1 item")
        try s.press("R")
        try s.waitFor("Reason codes (knowledge)")
        try s.press("Enter")
        try s.waitFor("Reasons stale on 1 item")

        try pickLocus(s, typing: "tool",
                      thenWaitFor: "Locus tool_use on 1 item · cleared reasons stale (not codes of tool_use) · owner content-team → tools-team, the default of tool_use")
        XCTAssertEqual(try item1("locus, reasons, owner"), "tool_use|[]|tools-team")

        try s.press("R")
        let picker = try s.waitFor("Reason codes (tool_use)")
        XCTAssertFalse(picker.contains("[x]"), "nothing of another locus is ticked:\n\(picker)")
        try s.press("Down", "Down", "Enter")
        try s.waitFor("Reasons unverified_action on 1 item")
        XCTAssertEqual(try item1("reasons"), #"["unverified_action"]"#)

        // One undo takes the locus change back with what followed it; the picker's label first.
        try s.press("u")
        try s.waitFor("Undid reasons on 1 item")
        try s.press("u")
        try s.waitFor("Undid locus, owner, reasons on 1 item")
        XCTAssertEqual(try item1("locus, reasons, owner"), #"knowledge|["stale"]|content-team"#)
    }

    func testTheOwnerFollowsTheLocusDefaultUnlessChosenByHand() throws {
        let s = try open()
        try ws.command(s, "locus knowledge")
        try s.waitFor("Locus knowledge on 1 item · owner content-team, the default of knowledge")
        try pickLocus(s, typing: "ret", thenWaitFor: "Locus retrieval on 1 item · owner content-team → search-team, the default of retrieval")
        XCTAssertEqual(try item1("locus, owner"), "retrieval|search-team")

        try ws.command(s, "owner support-ops")
        try s.waitFor("Owner support-ops on 1 item")
        try pickLocus(s, typing: "know", thenWaitFor: "Locus knowledge on 1 item · owner kept: support-ops was chosen by hand")
        XCTAssertEqual(try item1("locus, owner"), "knowledge|support-ops")
    }

    func testFilterAndSeverityTakeTheTaxonomysValues() throws {
        let s = try open()
        try s.press("\\")
        try s.type("severity:S9")
        try s.waitFor("unknown severity `S9`")
        try s.press("Enter")
        // Refused: the line stays open with the mistake named, and the queue is not filtered.
        try s.waitFor("unknown severity `S9` (S1 critical, S2 major, S3 minor, S4 cosmetic, none)")
        try s.press("Escape")
        try s.waitWhile("unknown severity")

        try ws.command(s, "severity critical")
        try s.waitFor("Severity S1 on 1 item")
        XCTAssertEqual(try item1("severity"), "S1")

        // Tab offers only the codes the item's locus accepts.
        try ws.command(s, "locus tool_use")
        try s.waitFor("Locus tool_use on 1 item")
        try s.press(":")
        try s.type("reasons ")
        try s.press("Tab")
        let offered = try s.waitFor("tool_error  wrong_parameters  unverified_action")
        XCTAssertFalse(offered.contains("wrong_source") || offered.contains("stale"), offered)
        try s.type("w")
        try s.press("Tab", "Enter")
        try s.waitFor("Reasons wrong_parameters on 1 item")
    }
}
