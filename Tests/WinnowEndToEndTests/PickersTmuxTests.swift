import Foundation
import XCTest

/// The pickers' keys and the fast path of triage in the real binary: the reported keys replayed.
final class PickersTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        // `winnow init` writes the template, with its presets (1 = stale-kb …).
        ws = try TmuxWorkspace(events: (1...4).map { i in
            TmuxWorkspace.event("e\(i)", "thumbs_down", prompt: "Where is the refund policy \(i)?", response: "It is in the 2019 handbook.",
                                ts: TmuxWorkspace.inQueueOrder(i))
        })
    }

    func open() throws -> TmuxSession { try ws.open(reviewer: "alice") }

    func labels(_ item: Int) throws -> String {
        try ws.query("SELECT severity, locus, reasons, owner, status FROM items WHERE id = \(item)")
    }

    /// `L j Enter`: the j is refused in the picker, visibly, and Enter sets the highlighted locus.
    func testLJEnterRefusesTheJAndEnterStillChooses() throws {
        let s = try open()
        try s.press("L")
        try s.waitFor("type to narrow · ↑↓ move · 1–9 pick · Enter choose · Esc cancel")
        try s.press("j")
        let screen = try s.waitFor(#"no locus contains "j""#)
        let queryLine = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("▸") }, screen)
        XCTAssertFalse(queryLine.contains("j"), "nothing was typed into the query:\n\(screen)")
        XCTAssertTrue(screen.contains("1 retrieval") && screen.contains("6 model"), "the list stays whole and numbered:\n\(screen)")
        try s.press("Enter")
        try s.waitFor("Locus retrieval on 1 item")
        XCTAssertEqual(try ws.query("SELECT locus FROM items WHERE id = 1"), "retrieval")
        // The keys that followed in the report (R, O, h) act as commands again, not as typing.
        try s.press("R")
        try s.waitFor("Reason codes (retrieval)")
        try s.press("2")
        try s.waitFor("[x] missing_source")
        try s.press("Enter")
        try s.waitFor("Reasons missing_source on 1 item")
        XCTAssertEqual(try ws.query("SELECT reasons FROM items WHERE id = 1"), #"["missing_source"]"#)
        // ^N and ^P move as the arrows do.
        try s.press("L")
        try s.waitFor("type to narrow")
        try s.press("C-n", "C-n", "C-p", "Enter")
        try s.waitFor("Locus knowledge on 1 item")
        XCTAssertEqual(try ws.query("SELECT locus FROM items WHERE id = 1"), "knowledge")
    }

    /// A fully triaged item in two keys (`t 1`), the next one in two more (`t .`), each checked in the
    /// store; one `u` takes a whole preset back.
    func testAFullyTriagedItemInAtMostSixKeys() throws {
        let s = try open()
        let firstKeys = ["t", "1"]
        XCTAssertLessThanOrEqual(firstKeys.count, 6)
        try s.press("t")
        try s.waitFor("Took #1")
        try s.press("1")
        try s.waitFor("Preset stale-kb: S3 · knowledge · stale · content-team · triaged: #1 left the open queue")
        XCTAssertEqual(try labels(1), #"S3|knowledge|["stale"]|content-team|triaged"#)
        XCTAssertEqual(try ws.query("SELECT count(DISTINCT action_id) FROM audit WHERE action = 'label'"), "1",
                       "the preset is one action")

        try s.press("t")
        try s.waitFor("Took #2")
        try s.press(".")
        try s.waitFor("Repeated: S3 · knowledge · stale · content-team · triaged")
        XCTAssertEqual(try labels(2), #"S3|knowledge|["stale"]|content-team|triaged"#)

        try s.press("u")
        try s.waitFor("Undid locus, owner, reasons, severity, status on 1 item")
        XCTAssertEqual(try labels(2), "||||new")
        XCTAssertEqual(try labels(1), #"S3|knowledge|["stale"]|content-team|triaged"#)
    }

    /// The presets are in the help, with their keys.
    func testTheHelpListsThePresets() throws {
        let s = try open()
        try s.press("?")
        try s.waitFor("Keys — j/k scroll")
        // The presets follow the keys of every group that works everywhere in the queue.
        // Line by line: a preset line stays in view for a window's height of steps, so a step
        // whose screen is not drawn yet cannot skip past it.
        for _ in 0..<6 { try s.press("C-d") }
        for _ in 0..<80 where try !s.screen().contains("stale-kb: severity S3 · locus knowledge") { try s.press("j") }
        try s.waitFor("stale-kb: severity S3 · locus knowledge")
    }
}
