import Foundation
import XCTest

/// The whole double-review flow in the real binary, every step on a screen: a lead creates a
/// round with `:round_new`, two QA reviewers score the item blind and disagree on its severity,
/// the dispute opens, and the adjudicator decides it with a rationale in the dispute queue.
final class QAFlowTmuxTests: XCTestCase {
    func testALeadsRoundTwoBlindScoresADisputeAndItsDecision() throws {
        let ws = try TmuxWorkspace(roster: ["lena": ["lead"], "ana": ["qa"], "ben": ["qa"], "cy": ["adjudicator"]],
                                   events: [TmuxWorkspace.event("e1", "thumbs_down", prompt: "Can I get my refund for the annual plan?",
                                                                intent: "billing.refund", ts: TmuxWorkspace.inQueueOrder(1))],
                                   importAs: "lena")
        let lena = try ws.open(reviewer: "lena")
        try ws.command(lena, "round_new wk49 fields=severity reviewers=ana,ben")
        try lena.waitFor("Round wk49: 1 item, 2 assignments to ana, ben")
        try lena.press("Q")

        let ana = try ws.open(reviewer: "ana")
        let ben = try ws.open(reviewer: "ben")
        try ana.press("r")
        try ana.waitFor("SCORING wk49")
        try ana.press("1", "Enter")
        try ana.waitFor("Submitted #1")
        try ben.press("r")
        var screen = try ben.waitFor("SCORING wk49")
        XCTAssertTrue(screen.contains("ana: (hidden until the item is complete)"), screen)
        try ben.press("3", "Enter")
        try ben.waitFor("Submitted #1")
        XCTAssertEqual(try ws.query("SELECT field || ' ' || state FROM disputes"), "severity open")
        XCTAssertEqual(try ws.query("SELECT count(*) FROM items WHERE severity IS NOT NULL"), "0", "a disagreement sets no value")

        let cy = try ws.open(reviewer: "cy")
        try cy.press("d")
        try cy.waitFor("DISPUTE #1")
        screen = try cy.waitFor("[2] S3")
        XCTAssertTrue(screen.contains("[1] S1"), screen)
        try cy.press("2")
        try cy.waitFor(":decide S3")
        try cy.type("an annoyance: the refund went through the next day")
        try cy.press("Enter")
        try cy.waitFor("Decided dispute #1: severity S3")
        XCTAssertEqual(try ws.query("SELECT severity FROM items WHERE id = 1"), "S3")
        XCTAssertEqual(try ws.query("SELECT reviewer FROM judgments WHERE state = 'pending' AND overruled_by IS NOT NULL"), "ana")
        let verify = try ws.run(["audit", "verify", "--workspace", ws.path])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        for session in [ana, ben, cy] { try session.press("Q") }
    }
}
