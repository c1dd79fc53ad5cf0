import Foundation
import XCTest

/// An adjudication shift in the real binary: two QA reviewers score the same items differently
/// with `winnow round`, the disputes open; the adjudicator, in the queue, is refused on the
/// dispute over their own score and decides the other with a rationale; the item's value and the
/// audit log follow. And a dispute raised with `:dispute` in triage.
final class AdjudicationTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        ws = try TmuxWorkspace(roster: ["ann": ["qa"], "ben": ["qa"], "cy": ["qa", "adjudicator", "lead"]],
                               events: [
                                   TmuxWorkspace.event("e1", "thumbs_down", prompt: "Can I get my refund for the annual plan?",
                                                       intent: "billing.refund", ts: TmuxWorkspace.inQueueOrder(1)),
                                   TmuxWorkspace.event("e2", "thumbs_down", prompt: "SAML login loops after the update",
                                                       intent: "account.sso", ts: TmuxWorkspace.inQueueOrder(2)),
                                   TmuxWorkspace.event("e3", "thumbs_down", prompt: "Why was I charged twice?",
                                                       intent: "billing.invoice", ts: TmuxWorkspace.inQueueOrder(3)),
                               ], importAs: "cy")
    }

    /// `winnow` as `reviewer`, which must succeed.
    func winnow(_ reviewer: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try ws.run(arguments + ["--workspace", ws.path], extraEnvironment: ["WINNOW_REVIEWER": reviewer])
        XCTAssertEqual(r.status, 0, "\(arguments): \(r.stderr)", file: file, line: line)
    }

    /// Round r1 (ann, ben) disagrees on #1; round r2 (ann, cy) disagrees on #2, where cy is a party.
    func scoreTwoDisagreements() throws {
        try winnow("cy", ["round", "new", "r1", "--filter", "intent:billing.refund", "--fields", "severity", "--reviewers", "ann,ben"])
        try winnow("cy", ["round", "new", "r2", "--filter", "intent:account.sso", "--fields", "severity", "--reviewers", "ann,cy"])
        try winnow("ann", ["round", "score", "r1", "--item", "1", "severity=S2", "--rationale", "customers acted on the refund promise"])
        try winnow("ben", ["round", "score", "r1", "--item", "1", "severity=S3", "--rationale", "awkward, but nobody lost money"])
        try winnow("ann", ["round", "score", "r2", "--item", "2", "severity=S1", "--rationale", "admins locked out"])
        try winnow("cy", ["round", "score", "r2", "--item", "2", "severity=S4", "--rationale", "a retry fixes it"])
        XCTAssertEqual(try ws.query("SELECT group_concat(item_id) FROM (SELECT item_id FROM disputes WHERE state = 'open' ORDER BY item_id)"), "1,2")
    }

    func testTheAdjudicatorIsRefusedOnTheirOwnDisputeAndDecidesTheOther() throws {
        try scoreTwoDisagreements()
        let cy = try ws.open(reviewer: "cy", width: 160, height: 40)
        try cy.press("d")
        try cy.waitFor("DISPUTE QUEUE │ 1 of 1")
        try cy.waitFor("DISPUTE #1")
        // Every open dispute, the one over cy's own score among them.
        try ws.command(cy, "disputes open")
        try cy.waitFor("DISPUTE QUEUE │ 1 of 2")
        // The two items are in queue order; whichever is not selected is a j or a k away.
        let secondFirst = try cy.screen().contains("DISPUTE #2")
        if !secondFirst { try cy.press("j") }
        try cy.waitFor("DISPUTE #2")
        try cy.press("1")
        try cy.waitFor("cy is a party to dispute #2 (raised it or judged the field): another adjudicator must decide it")
        XCTAssertFalse(try cy.screen().contains(":decide"), "no rationale line opens for a party")

        try cy.press(secondFirst ? "j" : "k")
        try cy.waitFor("DISPUTE #1")
        try cy.waitFor("[1] S2")
        try cy.press("1")
        try cy.waitFor(":decide S2")
        try cy.press("Enter")
        try cy.waitFor("a decision needs a rationale: say why this value")
        try cy.type("customers acted on the promise")
        try cy.press("Enter")
        try cy.waitFor("Decided dispute #1: severity S2")
        XCTAssertEqual(try ws.query("SELECT severity FROM items WHERE id = 1"), "S2")
        XCTAssertEqual(try ws.query("SELECT state || ' ' || decided_by FROM disputes WHERE id = 1"), "decided cy")
        XCTAssertEqual(try ws.query("SELECT count(*) FROM audit WHERE action = 'dispute_decide' AND reviewer = 'cy' AND item_id = 1"), "1")
        XCTAssertEqual(try ws.query("SELECT state FROM disputes WHERE id = 2"), "open", "the refusal changed nothing")
        XCTAssertEqual(try ws.query("SELECT count(*) FROM audit WHERE action = 'dispute_decide' AND item_id = 2"), "0")
        let verify = try ws.run(["audit", "verify", "--workspace", ws.path])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        try cy.press("Q")
    }

    func testADisputeRaisedInTriage() throws {
        // ben's severity on #3, as the queue would have written it.
        _ = try ws.query("""
            UPDATE items SET severity = 'S3' WHERE id = 3;
            INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state) VALUES (3, 'severity', 'S3', 'ben', 'ben', 1, 'accepted');
            """)
        let ann = try ws.open(reviewer: "ann", width: 120)
        try ws.filter(ann, "intent:billing.invoice")
        try ann.waitFor("1 of 1")
        try ann.press(":")
        try ann.type("dispute sev")
        try ann.press("Tab")
        try ann.waitFor(":dispute severity")
        try ann.type("=S1 charged twice: money taken")
        try ann.press("Enter")
        try ann.waitFor("Opened dispute #1 on ben's severity S3")
        XCTAssertEqual(try ws.query("SELECT item_id || ' ' || field || ' ' || opened_by || ' ' || state FROM disputes"), "3 severity ann open")
        XCTAssertEqual(try ws.query("SELECT severity FROM items WHERE id = 3"), "S3", "raising changes no value")
        try ann.press("Q")
    }
}
