import Foundation
import XCTest

/// Claims end with the shift, in the real binary: the keys of the reported defects replayed
/// by reviewers on one workspace, each in a terminal of their own.
final class ClaimsTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        ws = try TmuxWorkspace(roster: ["dana": ["reviewer"], "bob": ["reviewer"], "carol": ["lead", "reviewer"]],
                               events: (1...6).map { i in
                                   TmuxWorkspace.event("e\(i)", "thumbs_down", prompt: "Refund question \(i)", ts: TmuxWorkspace.inQueueOrder(i))
                               }, importAs: "carol")
    }

    func open(_ reviewer: String) throws -> TmuxSession {
        try ws.open(reviewer: reviewer, width: 120)
    }

    /// Items with an active claim of `reviewer`, as the store has them.
    func claims(of reviewer: String) throws -> String {
        try ws.query("""
            SELECT group_concat(id) FROM (SELECT id FROM items WHERE claimed_by = '\(reviewer)'
                AND claim_expires_ms > CAST(strftime('%s','now') AS INTEGER) * 1000 ORDER BY id)
            """)
    }

    func occurrences(_ text: String, in screen: String) -> Int { screen.components(separatedBy: text).count - 1 }

    func testTakingThreeTimesWithoutLabellingHoldsOneItem() throws {
        let dana = try open("dana")
        try dana.press("t")
        try dana.waitFor("Took #1")
        try dana.press("t")
        try dana.waitFor("Took #2: claimed for 10 min, renewed as you work; released #1, untouched")
        try dana.press("t")
        let screen = try dana.waitFor("Took #3: claimed for 10 min, renewed as you work; released #2, untouched")
        XCTAssertEqual(occurrences("@dana", in: screen), 1, "one @dana row:\n\(screen)")
        XCTAssertEqual(try claims(of: "dana"), "3")
    }

    func testQuittingReleasesTheClaimsOnItemsOnlyLookedAt() throws {
        let dana = try open("dana")
        try dana.press("Enter")
        try dana.waitFor("Claimed #1")
        try dana.press("q", "t")
        try dana.waitFor("Took #2")
        try dana.press("s", "2")
        try dana.waitFor("Severity S2 on 1 item")
        try dana.press("j", "Enter")
        try dana.waitFor("Claimed #3")
        XCTAssertEqual(try claims(of: "dana"), "1,2,3")
        try dana.press("q", "Q")
        let summary = try dana.waitFor("EXITED:0")
        XCTAssertTrue(summary.contains("Shift of dana"), summary)
        XCTAssertTrue(summary.contains("Released 2 claims you did not use; still claimed 1, until the lease runs out (10 min)"), summary)
        XCTAssertEqual(try claims(of: "dana"), "2", "only the labelled item is still dana's")

        let bob = try open("bob")
        try ws.filter(bob, "claimed:dana")
        let screen = try bob.waitFor("1 of 1")
        XCTAssertEqual(occurrences("@dana", in: screen), 1, screen)
        XCTAssertTrue(screen.contains("Refund question 2"), screen)
        // The list, above the detail (whose likely duplicates may name the others).
        let list = screen.components(separatedBy: "────").first ?? screen
        XCTAssertFalse(list.contains("Refund question 1") || list.contains("Refund question 3"),
                       "none of the items dana only looked at:\n\(screen)")
    }

    func testQInTheListDoesNotQuitButSaysHow() throws {
        let dana = try open("dana")
        try dana.press("q")
        try dana.waitFor("Q quits")
        try dana.press("j")
        try dana.waitFor("2 of 6")
        try dana.press("Q")
        let screen = try dana.waitFor("EXITED:0")
        XCTAssertFalse(screen.contains("Released") || screen.contains("Shift of"), "nothing held, nothing to say:\n\(screen)")
    }

    func testAMergeClaimsTheCanonicalItemToo() throws {
        let dana = try open("dana")
        try dana.press("j", "Space", "g", "D")
        try dana.waitFor("Merge 1 marked item into #1 as duplicates? y/n")
        try dana.press("y")
        let screen = try dana.waitFor("Merged 1 item into #1")
        XCTAssertEqual(try claims(of: "dana"), "1,2", "the canonical and its duplicate")
        XCTAssertTrue(screen.contains("claimed by") && screen.contains("dana"), "the canonical's detail shows the claim:\n\(screen)")
    }

    func testALeadsTakeoverIsShownToTheReviewerWhoLostTheClaim() throws {
        let dana = try open("dana")
        try dana.press("Enter")
        try dana.waitFor("Claimed #1")
        let carol = try open("carol")
        try ws.command(carol, "takeover shift handoff")
        try carol.waitFor("Took over #1 from dana")
        try dana.waitFor("carol took over #1 from you (reason: shift handoff) — your changes to it will be refused", timeout: 2)
        try dana.waitFor("@carol", timeout: 2)
    }
}
