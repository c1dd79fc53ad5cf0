import Foundation
import XCTest

/// Triage in the real binary: several reviewers on one workspace in their own terminals, claims,
/// takeovers, corrections (inline, external editor, a draft surviving a kill), merges and undo.
final class TriageTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        // Item #1 arrived with a correction.
        ws = try TmuxWorkspace(roster: ["alice": ["reviewer"], "bob": ["reviewer"], "carol": ["lead", "reviewer"]],
                               events: (1...6).map { i in
                                   TmuxWorkspace.event("e\(i)", i == 1 ? "explicit_correction" : "thumbs_down", prompt: "Refund question \(i)",
                                                       ts: TmuxWorkspace.inQueueOrder(i),
                                                       extra: i == 1 ? #","correction":"Open Billing, then Refunds, then choose the invoice.""# : "")
                               }, importAs: "carol")
    }

    /// Waits until the store holds a draft with `text`; fails when none comes within the deadline.
    func waitForDraft(containing text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(timeout)
        let sql = "SELECT count(*) FROM drafts WHERE instr(text, '\(text.replacingOccurrences(of: "'", with: "''"))') > 0"
        while Date() < deadline {
            if try ws.query(sql) == "1" { return }
            usleep(100_000)
        }
        XCTFail("no draft with “\(text)” was saved", file: file, line: line)
    }

    func auditLog() throws -> String {
        try ws.run(["audit", "log", "--workspace", ws.path]).stdout
    }

    func testTwoReviewersContendForTheSameItemAndALeadTakesOver() throws {
        let alice = try ws.open(reviewer: "alice")
        let bob = try ws.open(reviewer: "bob")
        try alice.press("Enter")
        try alice.waitFor("Claimed #1")
        // Bob's queue shows Alice's claim within about a second, without a key press.
        try bob.waitFor("@alice", timeout: 5)
        try bob.press("s", "1")
        var screen = try bob.waitFor("#1 is claimed by alice")
        XCTAssertFalse(screen.contains("‼S1"), "nothing was labelled:\n\(screen)")
        // The next unclaimed item skips Alice's.
        try bob.press("t")
        screen = try bob.waitFor("Took #")
        XCTAssertFalse(screen.contains("Took #1"), screen)
        try bob.press("g")
        try ws.command(bob, "takeover")
        try bob.waitFor("only a lead can take over")

        let carol = try ws.open(reviewer: "carol")
        try ws.command(carol, "takeover shift handoff")
        try carol.waitFor("Took over #1 from alice")
        try carol.press("s", "2")
        try carol.waitFor("Severity S2 on 1 item")
        // Alice's screen follows Carol's takeover and label live; acting on that fresh state, she
        // meets the claim (acting on a stale one, she would meet the version check instead).
        try alice.waitFor("@carol", timeout: 5)
        try alice.waitFor("!S2", timeout: 5)
        try alice.press("s", "1")
        try alice.waitFor("#1 is claimed by carol")
        let log = try auditLog()
        XCTAssertTrue(log.contains("takeover") && log.contains("alice → carol") && log.contains("shift handoff"), log)
        XCTAssertEqual(try ws.run(["audit", "verify", "--workspace", ws.path, "--reviewer", "carol"]).status, 0)
    }

    func testASaveAfterSomeoneElsesChangeIsRefusedWithTheFreshState() throws {
        let alice = try ws.open(reviewer: "alice")
        try alice.press("c")
        try alice.waitFor("Correcting #1")
        try alice.type(" Also check the invoice date.")
        // A lead takes the item over, changes it and lets it go while Alice is still writing.
        let carol = try ws.open(reviewer: "carol")
        try ws.command(carol, "takeover")
        try carol.waitFor("Took over #1")
        try carol.press("s", "3")
        try carol.waitFor("Severity S3 on 1 item")
        try ws.command(carol, "release")
        try carol.waitFor("Released #1")
        try alice.press("C-s")
        let screen = try alice.waitFor("changed by carol meanwhile")
        XCTAssertTrue(screen.contains("severity"), screen)
        XCTAssertFalse(try auditLog().contains("correct  item 1"), "the correction was not written")
        // Her text is still in the editor; saving again applies it knowingly.
        try alice.press("C-s")
        try alice.waitFor("Saved the correction of #1")
        XCTAssertTrue(try auditLog().contains("correction"))
    }

    func testCorrectionEditorWritesAWordDiffAndAcceptsArrivedOnes() throws {
        let s = try ws.open(reviewer: "alice", width: 100, height: 40)
        try s.waitFor("CORRECTION (arrived with the event")
        try s.press("a")
        try s.waitFor("Accepted the correction that arrived with #1")
        try s.waitFor("edit distance")
        try s.press("j")
        try s.waitFor("2 of 6")
        try s.press("c")
        try s.waitFor("Correcting #2")
        // The editor starts from the response; change it, with wide characters.
        try s.press("C-e")
        try s.type(" 請在設定中確認 ✅")
        try s.press("Enter")
        try s.type("Then confirm.")
        try s.press("C-s")
        let screen = try s.waitFor("Saved the correction of #2")
        XCTAssertTrue(screen.contains("{+"), "the diff marks added words:\n\(screen)")
        XCTAssertTrue(screen.contains("請在設定中確認"), screen)
        let log = try auditLog()
        XCTAssertTrue(log.contains("correct") && log.contains("item 2"), log)
    }

    func testALargePasteArrivesWholeInTheEditor() throws {
        let s = try ws.open(reviewer: "alice")
        try s.press("j", "c")
        try s.waitFor("Correcting #2")
        try s.press("C-u")
        // 2,000 lines, about 80 KB, with wide characters and a line of shell-looking text that
        // must not be run as keys.
        let text = (1...2_000).map { "Step \($0): open Billing 請 ✅ then press q, Q and :quit" }.joined(separator: "\n")
        try s.paste(text)
        try s.waitFor("Step 2000: open Billing", timeout: 20)
        try s.press("C-s")
        let screen = try s.waitFor("Saved the correction of #2", timeout: 20)
        // The editor opened at the end of the response, so ^U cleared it: the paste is the whole text.
        let words = text.split(whereSeparator: \.isWhitespace).count
        XCTAssertTrue(screen.contains("(\(words) words)"), "every pasted word was saved:\n\(screen)")
        let log = try auditLog()
        XCTAssertTrue(log.contains("Step 1: open Billing"), "the whole paste was saved:\n\(log.suffix(400))")
    }

    /// The paste markers arrive in pieces, with pauses longer than ncurses' Esc delay between them
    /// (the pauses are made inside tmux, so they are exact): still one paste, and its Esc never
    /// closes the editor.
    func testAPasteWhoseMarkersArriveInPiecesIsStillAPaste() throws {
        let s = try ws.open(reviewer: "alice")
        try s.press("j", "c")
        try s.waitFor("Correcting #2")
        let pause = ["run-shell", "-d", "0.05"]
        let pieces: [[String]] = [["send-keys", "-t", s.name, "-H", "1b"], pause,
                                  ["send-keys", "-t", s.name, "-H", "5b", "32"], pause,
                                  ["send-keys", "-t", s.name, "-H", "30", "30", "7e"], pause,
                                  ["send-keys", "-t", s.name, "-l", "Pasted in pieces"], pause,
                                  ["send-keys", "-t", s.name, "-H", "1b", "5b", "32", "30"], pause,
                                  ["send-keys", "-t", s.name, "-H", "31", "7e"]]
        try s.tmux(Array(pieces.map { $0 + [";"] }.joined().dropLast()))
        try s.waitFor("Pasted in pieces")
        try s.press("C-s")
        let screen = try s.waitFor("Saved the correction of #2")
        XCTAssertFalse(screen.contains("Draft kept"), "the marker's Esc did not close the editor:\n\(screen)")
        let saved = try ws.query("SELECT correction FROM items WHERE id = 2")
        // The editor opens with the cursor at the end of the response, so the paste follows it.
        XCTAssertEqual(saved, "Open Billing and choose Refund.Pasted in pieces")
        XCTAssertFalse(saved.contains("200~") || saved.contains("201~"), "no marker leaked into the text: \(saved)")
    }

    func testExternalEditorResultComesBackIntoTheEditor() throws {
        let script = ws.tmp.path("fake-editor.sh")
        try "#!/bin/sh\nprintf 'Written in the external editor.\\n' > \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let s = try ws.open(reviewer: "alice", environment: ["EDITOR": script, "VISUAL": ""])
        try s.press("j")
        try s.press("e")
        try s.waitFor("Back from the editor")
        try s.waitFor("Written in the external editor.")
        try s.press("C-s")
        try s.waitFor("Saved the correction of #2")
    }

    func testADraftSurvivesKillingTheTerminal() throws {
        let s = try ws.open(reviewer: "alice")
        try s.press("j", "c")
        try s.waitFor("Correcting #2")
        try s.press("C-e")
        try s.type(" Unfinished thought")
        // Drafts are written about once a second while typing: kill once this one is in the store.
        try waitForDraft(containing: "Unfinished thought")
        try s.signal(SIGKILL)
        try s.waitFor("EXITED:137")

        let again = try ws.open(reviewer: "alice", readyWhen: "unsaved correction of #2 survived")
        try again.press("y")
        try again.waitFor("Resumed your draft of #2")
        try again.waitFor("Unfinished thought")
        try again.press("C-s")
        try again.waitFor("Saved the correction of #2")
    }

    /// SIGINT, SIGTERM and SIGHUP, each sent to the winnow process by its pid while a correction is
    /// being typed: the text typed is kept as a draft, the claim is left to expire, the terminal is
    /// back in its normal modes and off the alternate screen, and the exit status is 128 + signal.
    func testTerminationSignalsKeepTheDraftAndRestoreTheTerminal() throws {
        // What the shell sees afterwards: the terminal's line discipline modes, as `stty -a` lists them.
        let modes = "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig|icrnl|opost)$' | tr '\\n' ' ' | sed 's/^/MODES: /'; echo"
        for (index, signal) in [SIGINT, SIGTERM, SIGHUP].enumerated() {
            let words = "Typed before signal \(signal)"
            let s = try ws.open(reviewer: "alice", readyWhen: index == 0 ? "1 of 6" : "survived", afterExit: modes)
            // After the first signal, the draft is offered back at start.
            try s.press(index == 0 ? "j" : "y")
            if index == 0 { try s.press("c") }
            try s.waitFor(index == 0 ? "Correcting #2" : "Resumed your draft of #2")
            try s.press("C-e")
            try s.type(" " + words)
            try s.waitFor(words)
            try s.signal(signal)
            let screen = try s.waitFor("EXITED:\(128 + signal)")
            let modesLine = try s.waitFor("MODES:").split(separator: "\n").first { $0.hasPrefix("MODES:") } ?? ""
            XCTAssertEqual(modesLine.split(separator: " ").dropFirst().sorted(), ["echo", "icanon", "icrnl", "isig", "opost"],
                           "signal \(signal): the terminal is back in cooked mode\n\(screen)")
            XCTAssertEqual(try s.tmux(["display-message", "-p", "-t", s.name, "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines),
                           "0", "signal \(signal): the alternate screen was left")
            XCTAssertFalse(screen.contains("1 of 6"), "signal \(signal): the queue's screen is gone:\n\(screen)")
            try waitForDraft(containing: words)
            let claim = try ws.query("SELECT claimed_by, claim_expires_ms > CAST(strftime('%s','now') AS INTEGER) * 1000 FROM items WHERE id = 2")
            XCTAssertEqual(claim, "alice|1", "signal \(signal): the claim is left to expire")
        }
    }

    func testMergeUnmergeUndoAndRedo() throws {
        let s = try ws.open(reviewer: "alice", width: 120)
        try s.press("j", "Space", "j", "Space")
        try s.waitFor("2 marked")
        try s.press("g", "D")
        try s.waitFor("Merge 2 marked items into #1 as duplicates? y/n")
        try s.press("y")
        try s.waitFor("Merged 2 items into #1")
        var screen = try s.waitFor("6 items · 4 open", timeout: 5)
        XCTAssertFalse(screen.contains("marked"), "a merge consumes the marks of the duplicates it merged:\n\(screen)")
        XCTAssertTrue(screen.contains("×3"), "the canonical shows its cluster size:\n\(screen)")
        try s.press("C")
        try s.waitFor("cluster:1")
        try s.waitFor("1 of 3")
        try s.press("Escape")
        try s.waitFor("1 of 6")
        try s.press("u")
        try s.waitFor("Undid merge")
        try s.waitFor("6 items · 6 open", timeout: 5)
        try s.press("C-r")
        try s.waitFor("Redid merge")
        try s.waitFor("6 items · 4 open", timeout: 5)
        try s.press("U")
        try s.waitFor("Unmerge the whole cluster of #1")
        try s.press("y")
        try s.waitFor("Unmerged 2 items")
        screen = try s.waitFor("6 items · 6 open", timeout: 5)
        let log = try auditLog()
        XCTAssertTrue(log.contains("merge") && log.contains("undo") && log.contains("redo") && log.contains("unmerge"), log)
        XCTAssertEqual(try ws.run(["audit", "verify", "--workspace", ws.path, "--reviewer", "carol"]).status, 0)
    }
}
