import Foundation
import XCTest

/// `winnow-bench review`, short and seeded, on a small corpus written here (CI has no
/// chatterbot-corpus): every action kind is timed through the store's path, and the dispute queue's
/// first page holds only items with open disputes (the bench checks that itself and fails if not).
final class ReviewBenchTests: XCTestCase {
    func testReviewBenchTimesEveryActionAndTheDisputeQueue() throws {
        let directory = try TemporaryDirectory()
        let corpus = try BenchRun.corpus(in: directory, [
            ["How do I get a refund for last month's invoice?",
             "Open Billing, choose the invoice and select Refund; it takes five to seven days.",
             "That option is greyed out for me.",
             "Refunds need the Billing admin role; ask your workspace owner to grant it."],
            ["Why was I charged twice?",
             "A renewal and a seat change fell on the same day; the second charge is the prorated seats."],
            ["Can a guest see our budget report?", "Guests only see what is shared with them directly."],
        ])
        let (status, text) = try BenchRun.run(["review", "--corpus", corpus, "--events", "400", "--items", "40", "--seed", "7",
                                               "--queue-events", "3000", "--disputes", "150", "--repeats", "5",
                                               "--directory", directory.path("queue")], in: directory)
        XCTAssertEqual(status, 0, text)
        for (action, count) in [("label (triage, reference)", 40), ("score", 40), ("revise", 40), ("score, completing the item", 40),
                                ("dispute raise", 40)] {
            let line = text.split(separator: "\n").first { $0.hasPrefix(action + " ") }
            XCTAssertNotNil(line, "\(action) timed:\n\(text)")
            XCTAssertEqual(line.flatMap { Int($0.dropFirst(26).split(separator: " ").first ?? "") }, count, "\(action):\n\(text)")
        }
        let decided = text.split(separator: "\n").first { $0.hasPrefix("dispute decide ") }
            .flatMap { Int($0.dropFirst(26).split(separator: " ").first ?? "") } ?? 0
        XCTAssertGreaterThan(decided, 40, "every raised dispute and the round's disagreements were decided:\n\(text)")
        XCTAssertTrue(text.contains("150 open disputes"), text)
        XCTAssertTrue(text.contains("dispute:open  first read"), text)
        XCTAssertTrue(text.contains("150 items with an open dispute"), text)
    }
}
