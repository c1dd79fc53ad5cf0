import Foundation
import XCTest

/// The multi-process stress test of the write path, short and seeded: 8 reviewer processes of
/// the built `winnow-bench stress` on the same items, then its checks (see the README's "No lost
/// updates").
final class StressTests: XCTestCase {
    func testEightReviewerProcessesLoseNoUpdate() throws {
        let run = try stress(["--reviewers", "8", "--seconds", "12", "--seed", "7"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("result: OK, no update lost"), run.output)
        XCTAssertGreaterThan(try number(after: "accepted: ", in: run.output), 0, run.output)
        XCTAssertGreaterThan(try number(after: "version conflicts refused: ", in: run.output), 0,
                             "reviewers really collided:\n\(run.output)")
        for reviewer in 1...8 {
            let log = try String(contentsOfFile: run.directory.path("stress/reviewer-\(reviewer).jsonl"), encoding: .utf8)
            XCTAssertFalse(log.isEmpty, "reviewer-\(reviewer) logged its outcomes")
        }
    }

    /// The check can fail: reviewers that act on versions read again just before writing (as a
    /// screen that refreshes blindly would) overwrite what they never saw, and that is caught.
    func testTheCheckCatchesUpdatesWrittenOverVersionsNotSeen() throws {
        let run = try stress(["--reviewers", "4", "--seconds", "4", "--seed", "7", "--items", "6", "--lose-updates"])
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(run.output.contains("but wrote over version"), run.output)
        XCTAssertFalse(run.output.contains("result: OK"), run.output)
    }

    struct Run {
        var status: Int32
        var output: String
        var directory: TemporaryDirectory
    }

    /// Runs `winnow-bench stress` in a fresh directory; its output goes to a file (no pipe to fill).
    private func stress(_ arguments: [String]) throws -> Run {
        let directory = try TemporaryDirectory()
        let outputURL = directory.url.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = try WinnowBinary.located("winnow-bench")
        process.arguments = ["stress", "--workspace", directory.path("stress")] + arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(180)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTFail("winnow-bench stress did not finish within 180 s")
        }
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
                   directory: directory)
    }

    private func number(after label: String, in output: String) throws -> Int {
        let line = try XCTUnwrap(output.split(separator: "\n").first { $0.hasPrefix(label) }, "no `\(label)` line")
        return try XCTUnwrap(Int(line.dropFirst(label.count).prefix { $0.isNumber }), String(line))
    }
}
