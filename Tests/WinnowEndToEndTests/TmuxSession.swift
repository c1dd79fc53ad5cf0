import Foundation
import XCTest

/// A tmux server of its own (private socket) running one command at a fixed size, for driving the
/// real binary as a person would: send keys, read the screen.
final class TmuxSession {
    let socket = "winnow-e2e-\(UUID().uuidString.prefix(8))"
    let name = "w"

    /// Where the command's process id is written as it starts, for signalling it by pid.
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-e2e-\(UUID().uuidString).pid").path

    /// `afterExit`: shell commands run in the pane once the command has exited (to inspect the
    /// terminal it left behind).
    init(width: Int, height: Int, command: String, environment: [String: String], afterExit: String = "") throws {
        var env = ["LC_ALL=C.UTF-8", "TERM=xterm-256color"]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { env.append("\(k)=\(v)") }
        // The command runs as the shell that wrote its pid (exec keeps the pid). Keep the pane after
        // the program exits so its exit status can be read.
        let recordPid = "sh -c 'echo $$ > \"$0\"; exec \"$@\"' \(Self.quote(pidFile))"
        let script = "env \(env.map(Self.quote).joined(separator: " ")) \(recordPid) \(command); echo \"EXITED:$?\"; \(afterExit.isEmpty ? "" : afterExit + "; ")sleep 120"
        // The server started here outlives the call: it must not inherit a pipe we wait on.
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", script], captureOutput: false)
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: pidFile)
    }

    /// The process id of the command this session started (waits until it has started).
    func processID(timeout: TimeInterval = 10) throws -> pid_t {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
            if let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 { return pid }
            usleep(20_000)
        }
        struct NoProcess: Error {}
        XCTFail("the command never wrote its pid to \(pidFile)")
        throw NoProcess()
    }

    /// Sends `signal` to the process this session started, and to nothing else.
    func signal(_ signal: Int32) throws {
        XCTAssertEqual(kill(try processID(), signal), 0, "kill(\(signal))")
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        p.arguments = ["-L", socket, "-f", "/dev/null"] + arguments
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        guard captureOutput else {
            // Foundation learns of a child's exit when a descriptor it shares with the child closes;
            // the tmux server this starts would inherit it and keep it open, so close every
            // descriptor above stderr before running tmux.
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "for fd in $(ls /proc/$$/fd); do [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\"; done 2>/dev/null; exec /usr/bin/tmux \"$@\"",
                           "tmux", "-L", socket, "-f", "/dev/null"] + arguments
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return ""
        }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Named keys as tmux knows them (Enter, Escape, Down, C-d, …). Keys queue up in the terminal
    /// in order, so there is no pause between them: a test waits for what a key must show.
    func press(_ keys: String...) throws {
        for key in keys {
            try tmux(["send-keys", "-t", name, key])
        }
    }

    /// Literal text, typed as is.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Pastes text as a terminal does when the program asked for bracketed paste.
    func paste(_ text: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-paste-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try tmux(["load-buffer", "-b", "paste", file.path])
        try tmux(["paste-buffer", "-p", "-d", "-b", "paste", "-t", name])
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    func lines() throws -> [String] { try screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen contains `text`; fails with the screen when it never does.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(100_000)
        }
        XCTFail("screen never showed “\(text)”; it shows:\n\(last)", file: file, line: line)
        return last
    }

    func waitWhile(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !(try screen().contains(text)) { return }
            usleep(100_000)
        }
        XCTFail("screen kept showing “\(text)”:\n\(try screen())", file: file, line: line)
    }
}
