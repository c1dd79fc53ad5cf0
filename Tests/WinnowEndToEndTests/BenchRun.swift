import Foundation
import XCTest

/// Running `winnow-bench` small in CI, where chatterbot-corpus is not installed: a corpus the test
/// writes, and the bench run to its end (or killed past a deadline) with its output read back.
enum BenchRun {
    /// Writes `conversations` as a chatterbot-corpus file under `directory/corpus/english`, and
    /// returns the corpus's root, for `--corpus`.
    static func corpus(in directory: TemporaryDirectory, _ conversations: [[String]]) throws -> String {
        let english = directory.url.appendingPathComponent("corpus/english")
        try FileManager.default.createDirectory(at: english, withIntermediateDirectories: true)
        let turns = conversations.map { turns in
            turns.enumerated().map { ($0.offset == 0 ? "- - " : "  - ") + $0.element }.joined(separator: "\n")
        }
        try ("categories:\n- billing\nconversations:\n" + turns.joined(separator: "\n") + "\n")
            .write(to: english.appendingPathComponent("billing.yml"), atomically: true, encoding: .utf8)
        return directory.path("corpus")
    }

    /// Runs `winnow-bench ARGUMENTS` with its output in a file (no pipe to fill up), killing it past
    /// `timeout`; returns its exit status and everything it printed.
    static func run(_ arguments: [String], in directory: TemporaryDirectory, timeout: TimeInterval = 180,
                    file: StaticString = #filePath, line: UInt = #line) throws -> (status: Int32, output: String) {
        let outputURL = directory.url.appendingPathComponent("bench-output.txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = try WinnowBinary.located("winnow-bench")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTFail("winnow-bench \(arguments.first ?? "") did not finish within \(Int(timeout)) s", file: file, line: line)
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "")
    }
}
