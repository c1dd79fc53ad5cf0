import Foundation
import XCTest

/// Runs the real `winnow` executable that `swift build` / `swift test` put beside the test bundle.
enum WinnowBinary {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs winnow with `arguments`, an isolated HOME (so the user's demo workspace is never touched).
    @discardableResult
    static func run(_ arguments: [String], home: URL, stdin: Data? = nil, extraEnvironment: [String: String] = [:])
        throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path
        env.removeValue(forKey: "XDG_DATA_HOME")
        env.removeValue(forKey: "WINNOW_WORKSPACE")
        env.removeValue(forKey: "WINNOW_REVIEWER")
        env.merge(extraEnvironment) { $1 }
        let result = try ChildProcess.run(try located(), arguments, environment: env, stdin: stdin)
        return Result(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
                      stderr: String(decoding: result.stderr, as: UTF8.self))
    }

    /// The binary's path (`winnow`, or another product such as `winnow-bench`); a missing binary
    /// is a test failure, never a skip.
    static func located(_ name: String = "winnow") throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name),
            Bundle.main.bundleURL.appendingPathComponent(name),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name),
            repositoryRoot.appendingPathComponent(".build/debug/\(name)"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            struct Missing: Error, CustomStringConvertible {
                var description: String
            }
            throw Missing(description: "the \(name) executable was not built; looked in \(candidates.map(\.path))")
        }
        return found
    }
}

/// A temporary directory removed at the end of the test.
final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
