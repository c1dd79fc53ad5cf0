import Foundation
import XCTest

/// `winnow-bench review`, short and seeded, on a small corpus written here (CI has no
/// chatterbot-corpus): every action kind is timed through the store's path, and the dispute queue's
/// first page holds only items with open disputes (the bench checks that itself and fails if not).
final class ReviewBenchTests: XCTestCase {
    func testReviewBenchTimesEveryActionAndTheDisputeQueue() throws {
        let directory = try TemporaryDirectory()
        let corpus = directory.url.appendingPathComponent("corpus/english")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try """
            categories:
            - billing
            conversations:
            - - How do I get a refund for last month's invoice?
              - Open Billing, choose the invoice and select Refund; it takes five to seven days.
              - That option is greyed out for me.
              - Refunds need the Billing admin role; ask your workspace owner to grant it.
            - - Why was I charged twice?
              - A renewal and a seat change fell on the same day; the second charge is the prorated seats.
            - - Can a guest see our budget report?
              - Guests only see what is shared with them directly.
            """.write(to: corpus.appendingPathComponent("billing.yml"), atomically: true, encoding: .utf8)

        let outputURL = directory.url.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = try WinnowBinary.located("winnow-bench")
        process.arguments = ["review", "--corpus", directory.path("corpus"), "--events", "400", "--items", "40", "--seed", "7",
                             "--queue-events", "3000", "--disputes", "150", "--repeats", "5", "--directory", directory.path("queue")]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(180)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTFail("winnow-bench review did not finish within 180 s")
        }
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        XCTAssertEqual(process.terminationStatus, 0, text)
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
