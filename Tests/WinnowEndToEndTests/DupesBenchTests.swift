import Foundation
import XCTest

/// `winnow-bench dupes` and `dupes-speed`, small and seeded, on a corpus written here (CI has no
/// chatterbot-corpus): the planted near-duplicates are found and scored, and every figure the
/// table and the summary print parses as a share between 0 and 1.
final class DupesBenchTests: XCTestCase {
    private func writeCorpus(in directory: TemporaryDirectory) throws -> String {
        try BenchRun.corpus(in: directory, [
            ["How do I get a refund for last month's invoice?",
             "Open Billing, choose the invoice and select Refund; it takes five to seven days.",
             "That option is greyed out for me even though I am the account owner.",
             "Refunds need the Billing admin role; ask your workspace owner to grant it."],
            ["Why was I charged twice on my credit card this month?",
             "A renewal and a seat change fell on the same day; the second charge is the prorated seats."],
            ["Can a guest see our quarterly budget report?", "Guests only see what is shared with them directly."],
            ["My export to spreadsheet keeps failing halfway through.",
             "Large exports run in the background; you get an email with the file when it is done."],
            ["The mobile app logs me out every time I switch networks.",
             "Update to the latest version; the session now survives a change of network."],
        ])
    }

    func testDupesBenchPrintsPrecisionAndRecallThatParse() throws {
        let directory = try TemporaryDirectory()
        let corpus = try writeCorpus(in: directory)
        let (status, text) = try BenchRun.run(["dupes", "--corpus", corpus, "--texts", "12", "--duplicate-share", "60",
                                               "--negative-share", "30", "--seed", "3", "--skip-python", "--breakdown"], in: directory)
        XCTAssertEqual(status, 0, text)

        let lines = text.split(separator: "\n").map(String.init)
        // The threshold table: one row per threshold 0.3…0.9, each with precision, recall and F1 in [0, 1].
        for threshold in ["0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"] {
            let row = lines.first { $0.split(separator: " ").first.map(String.init) == threshold }
            let fields = row?.split(separator: " ").compactMap { Double($0) } ?? []
            XCTAssertEqual(fields.count, 5, "row \(threshold):\n\(text)")
            for share in fields.dropFirst(2) { XCTAssertTrue((0...1).contains(share), "row \(threshold):\n\(text)") }
        }
        let summary = try XCTUnwrap(lines.first { $0.hasPrefix("winnow at threshold ") }, text)
        let precision = try XCTUnwrap(figure("precision", in: summary), summary)
        let recall = try XCTUnwrap(figure("recall", in: summary), summary)
        XCTAssertNotNil(figure("F1", in: summary), summary)
        // Planted duplicates exist in this set, and the ones with light edits are found.
        XCTAssertTrue(summary.contains("duplicate pairs)") && !summary.contains(" 0 duplicate pairs)"), summary)
        XCTAssertGreaterThan(recall, 0, summary)
        XCTAssertGreaterThan(precision, 0, summary)
        XCTAssertTrue(lines.contains { $0.hasPrefix("targets (precision ≥ 0.95, recall ≥ 0.90): ") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("winnow time: ") && $0.hasSuffix(" texts/s") }, text)
        // The breakdown: recall by pair kind adds up to every duplicate pair.
        let byPair = lines.filter { $0.hasPrefix("  pair: ") }.compactMap { line -> Int? in
            let words = line.split(separator: " ")
            return words.firstIndex(of: "/").flatMap { Int(words[$0 + 1]) }
        }
        XCTAssertFalse(byPair.isEmpty, text)
        XCTAssertTrue(summary.contains(" \(byPair.reduce(0, +)) duplicate pairs)"), text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("False positives at ") }, text)
    }

    func testDupesSpeedBenchCountsCandidatesAndRecall() throws {
        let directory = try TemporaryDirectory()
        let corpus = try writeCorpus(in: directory)
        let (status, text) = try BenchRun.run(["dupes-speed", "--corpus", corpus, "--texts", "40", "--seed", "2", "--skip-python"],
                                              in: directory)
        XCTAssertEqual(status, 0, text)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("Near-duplicate search: 40 texts") == true, text)
        let candidates = try XCTUnwrap(lines.first { $0.hasPrefix("candidates per text: mean ") }, text)
        let mean = try XCTUnwrap(Double(candidates.split(separator: " ")[4].dropLast()), candidates)
        XCTAssertGreaterThan(mean, 0, "planted copies share band keys with their base")
        XCTAssertLessThanOrEqual(mean, 100, "the store verifies at most 100 candidates per text")
        let summary = try XCTUnwrap(lines.first { $0.hasPrefix("winnow at threshold ") }, text)
        XCTAssertGreaterThan(try XCTUnwrap(figure("recall", in: summary), summary), 0.5, summary)
        XCTAssertTrue(lines.contains { $0.hasPrefix("winnow time: ") && $0.hasSuffix(" texts/s") }, text)
    }

    /// The number after `name` in a line such as `precision 0.973  recall 0.921`.
    private func figure(_ name: String, in line: String) -> Double? {
        let words = line.split(separator: " ")
        guard let index = words.firstIndex(of: Substring(name)), index + 1 < words.count else { return nil }
        return Double(words[index + 1])
    }
}
