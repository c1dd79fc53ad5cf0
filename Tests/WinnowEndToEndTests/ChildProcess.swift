import Foundation

/// Runs a program to completion: stdin is fed, and stdout and stderr are read, each on its own
/// thread, so a child that fills one pipe while the other is being read can never deadlock.
enum ChildProcess {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: Data
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil, stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        // A child that exits without reading all its input must not kill the tests with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        let stdoutReader = Drain(out.fileHandleForReading)
        let stderrReader = Drain(err.fileHandleForReading)
        let writer = Feed(stdin ?? Data(), into: input.fileHandleForWriting)
        let stdoutData = stdoutReader.wait()
        let stderrData = stderrReader.wait()
        writer.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdoutData, stderr: stderrData)
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class Drain: @unchecked Sendable {
        private let finished = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                finished.signal()
            }
        }

        func wait() -> Data {
            finished.wait()
            return data
        }
    }

    /// Writes the child's input, then closes it, on a thread of its own.
    private final class Feed: @unchecked Sendable {
        private let finished = DispatchSemaphore(value: 0)

        init(_ data: Data, into handle: FileHandle) {
            Thread.detachNewThread { [self] in
                if !data.isEmpty { try? handle.write(contentsOf: data) }
                try? handle.close()
                finished.signal()
            }
        }

        func wait() { finished.wait() }
    }
}
