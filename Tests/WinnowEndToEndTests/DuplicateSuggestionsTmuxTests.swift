import Foundation
import XCTest

/// Near-duplicate suggestions in the real binary: the list's ≈N marker, and the dedupe view
/// accepting one group (a merge into its canonical) and breaking another (remembered pairs),
/// checked on the screen and in the store.
final class DuplicateSuggestionsTmuxTests: XCTestCase {
    /// Newer first in the queue, so item ids follow the order here; each group's oldest (its
    /// last item) is its canonical: #3 and #5.
    static let prompts = [
        "My invoice INV-48213 was charged twice this month, please refund the second charge",
        "my invoice inv-99120 was charged twice this month please refund the second charge!!",
        "Hi team, my invoice #5521 was charged twice this month, please refund the second charge",
        "The export to CSV button does nothing when I click it on the reports page",
        "the export to csv button does nothing when i click it on the reports page.",
        "How do I change the language of the assistant to German?",
    ]

    func testTheDedupeViewAcceptsOneGroupAndBreaksAnother() throws {
        let ws = try TmuxWorkspace(events: Self.prompts.enumerated().map { i, prompt in
            TmuxWorkspace.event("e\(i + 1)", "thumbs_down", prompt: prompt, ts: TmuxWorkspace.inQueueOrder(i + 1))
        }, importAs: "alice")
        let s = try ws.open(reviewer: "alice", environment: ["LC_ALL": "C.UTF-8"])
        let queue = try s.screen()
        let first = try XCTUnwrap(queue.split(separator: "\n").first { $0.contains("My invoice INV-48213") }, queue)
        XCTAssertTrue(first.contains("≈2"), "two other items are suggested as its duplicates:\n\(queue)")

        try s.press("~")
        var screen = try s.waitFor("Dedupe · 2 suggested groups")
        let groups = screen.split(separator: "\n").filter { $0.contains(" new ") }
        XCTAssertEqual(groups.count, 2, "both groups are new to alice:\n\(screen)")
        XCTAssertTrue(groups[0].contains("#3"), "the invoice group, heaviest, first:\n\(screen)")

        try s.press("m")
        try s.waitFor("Merged 2 suggested duplicates into #3")
        screen = try s.waitFor("Dedupe · 1 suggested group ")
        XCTAssertFalse(screen.contains("invoice"), "the merged group left the view:\n\(screen)")

        try s.press("B")
        try s.waitFor("never suggest the 2 items of #5's group together again (no undo)? y/n")
        try s.press("y")
        try s.waitFor("Not duplicates: 1 pair of 2 items never suggested again")
        screen = try s.waitFor("No suggested near-duplicates")

        XCTAssertEqual(try ws.query("SELECT group_concat(id) FROM items WHERE canonical_id = 3 ORDER BY id"), "1,2")
        XCTAssertEqual(try ws.query("SELECT count(*) FROM audit WHERE action = 'merge' AND reason = 'accepted near-duplicate suggestion'"), "2")
        XCTAssertEqual(try ws.query("SELECT a || '-' || b FROM dupe_rejections"), "4-5")
        XCTAssertEqual(try ws.query("SELECT count(*) FROM audit WHERE action = 'dupe_reject'"), "1")

        // Back in the queue the canonical carries its cluster and no suggestion is left.
        try s.press("q")
        screen = try s.waitFor("QUEUE")
        XCTAssertFalse(screen.contains("≈"), screen)
        let canonical = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("Hi team, my invoice") }, screen)
        XCTAssertTrue(canonical.contains("×3"), screen)
    }
}
