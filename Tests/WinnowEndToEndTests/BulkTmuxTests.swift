import Foundation
import XCTest

/// Bulk stays bulk, in the real binary: the reported keys for marks and Space, replayed.
final class BulkTmuxTests: XCTestCase {
    var ws: TmuxWorkspace!

    override func setUpWithError() throws {
        // The prompts of #2, #3 and #5 mention "term", two of them next to each other.
        ws = try TmuxWorkspace(events: (1...6).map { i in
            let prompt = [2, 3, 5].contains(i) ? "What does the term \(i) mean on my invoice?" : "Refund question \(i)"
            return TmuxWorkspace.event("e\(i)", "thumbs_down", prompt: prompt, ts: TmuxWorkspace.inQueueOrder(i))
        }, importAs: "carol")
    }

    func open() throws -> TmuxSession { try ws.open(reviewer: "alice") }

    func testMarksStayForTheNextBulkAction() throws {
        let s = try open()
        try s.press("V", "j", "j", "V", "s", "3")
        try s.waitFor("Set severity S3 on 3 marked items? y/n")
        try s.press("y")
        try s.waitFor("Severity S3 on 3 items")
        try s.waitFor("3 marked")

        try s.press("L")
        try s.type("know")
        try s.press("Enter")
        try s.waitFor("Set locus knowledge on 3 marked items? y/n")
        try s.press("y")
        let screen = try s.waitFor("Locus knowledge on 3 items")
        XCTAssertTrue(screen.contains("3 marked"), "the marks are still there:\n\(screen)")
        XCTAssertEqual(try ws.query("SELECT group_concat(id) FROM items WHERE locus = 'knowledge' AND severity = 'S3'"),
                       "1,2,3")

        try s.press("Escape")
        try s.waitFor("Unmarked 3 items")
        try s.waitWhile("3 marked")
    }

    func testABulkCloseAboveAndAtTheCursorCountsWhatLeftAndSkipsNothing() throws {
        let s = try open()
        // Marked: #1 above the cursor, #3 under it and #4 below it; the cursor ends on #3.
        try s.press("Space", "j", "j", "Space", "j", "Space", "k")
        try s.waitFor("3 marked")
        try s.waitFor("3 of 6")
        try s.press("S", "t")
        try s.waitFor("Set status triaged on 3 marked items? y/n")
        try s.press("y")
        let screen = try s.waitFor("Status triaged on 3 items: 3 left the open queue")
        // Open now: #2, #5, #6. The next unprocessed item, #5, is under the cursor, not #6.
        XCTAssertTrue(screen.contains("2 of 6"), screen)
        XCTAssertTrue(screen.contains("#5 "), "the detail shows #5:\n\(screen)")
        XCTAssertEqual(try ws.query("SELECT group_concat(id) FROM items WHERE status = 'triaged'"), "1,3,4")
    }

    func testRedoOfACloseLeavesTheCursorWhereTheCloseDid() throws {
        let s = try open()
        try s.press("j", "j", "S", "t")
        try s.waitFor("Status triaged on 1 item: #3 left the open queue")
        try s.press("u")
        var screen = try s.waitFor("Undid status on 1 item")
        XCTAssertTrue(screen.contains("3 of 6") && screen.contains("#3 "), "undo brings #3 back under the cursor:\n\(screen)")
        try s.press("C-r")
        screen = try s.waitFor("Redid status on 1 item")
        XCTAssertTrue(screen.contains("3 of 6") && screen.contains("#4 "), "the cursor stays and #4 slides under it:\n\(screen)")
    }

    func testSpaceAfterASearchMarksWithoutSkippingTheNextMatch() throws {
        let s = try open()
        try s.press("/")
        try s.type("term")
        try s.press("Enter")
        try s.waitFor("2 of 6")
        try s.press("Space")
        try s.waitFor("1 marked")
        XCTAssertTrue(try s.screen().contains("2 of 6"), "Space stays on the item it marks")
        try s.press("n")
        let screen = try s.waitFor("3 of 6")
        XCTAssertTrue(screen.contains("1 marked"), screen)
    }
}
