import Foundation
import XCTest

/// A temporary workspace for driving the real binary in tmux: `winnow init`, an optional roster
/// spliced into winnow.toml, some events imported, then terminals opened on it as a reviewer.
/// Removed with its temporary directory at the end of the test.
final class TmuxWorkspace {
    let tmp: TemporaryDirectory
    /// The workspace folder.
    var path: String { tmp.path("ws") }
    /// The HOME every winnow process of the test runs with (so the user's demo workspace is never touched).
    var home: URL { tmp.url }
    /// How many events the workspace was made with: the queue shows "1 of" that many when it is ready.
    let eventCount: Int

    /// `roster`: reviewers in the order they are written, each with their roles; none leaves the
    /// template's roster alone. `importAs`: the `--reviewer` of the import, if any.
    init(roster: KeyValuePairs<String, [String]> = [:], events: [String], importAs reviewer: String? = nil,
         file: StaticString = #filePath, line: UInt = #line) throws {
        tmp = try TemporaryDirectory()
        eventCount = events.count
        XCTAssertEqual(try WinnowBinary.run(["init", path], home: home).status, 0, file: file, line: line)
        if !roster.isEmpty { try splice(roster: roster) }
        try events.joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        let r = try run(["import", "--workspace", path] + (reviewer.map { ["--reviewer", $0] } ?? []) + [tmp.path("e.jsonl")])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
    }

    private func splice(roster: KeyValuePairs<String, [String]>) throws {
        let text = roster.map { name, roles in
            "\n[[reviewer]]\nname = \"\(name)\"\nroles = [\(roles.map { "\"\($0)\"" }.joined(separator: ", "))]"
        }.joined(separator: "\n")
        let config = tmp.path("ws/winnow.toml")
        let template = try String(contentsOfFile: config, encoding: .utf8)
        // The roster goes before [keys] so it is not read as part of that table.
        try template.replacingOccurrences(of: "\n[keys]", with: text + "\n\n[keys]")
            .write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// One event as a JSONL line: the text fields JSON-encoded, `extra` spliced in as is (`,"csat":1`).
    static func event(_ id: String, _ signal: String, prompt: String, response: String = "Open Billing and choose Refund.",
                      intent: String = "billing.refund", ts: String = "2026-10-14T09:31:22Z", extra: String = "") -> String {
        func json(_ s: String) -> String { String(decoding: try! JSONEncoder().encode(s), as: UTF8.self) }
        return #"{"id":"\#(id)","ts":"\#(ts)","signal":"\#(signal)","prompt":\#(json(prompt)),"response":\#(json(response)),"intent":"\#(intent)"\#(extra)}"#
    }

    /// The time of the `i`th of a few events, newer as `i` grows smaller: newer items come first in
    /// the queue, so item ids follow queue order.
    static func inQueueOrder(_ i: Int) -> String { "2026-10-14T09:\(40 - i):22Z" }

    /// The binary on this workspace in a terminal of its own, as `reviewer`, once it shows `ready`
    /// (by default, the first of all the events selected).
    /// NO_COLOR is set explicitly (empty means colour) so the caller's environment cannot change
    /// the test; `environment` adds to or overrides it.
    func open(reviewer: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:],
              readyWhen ready: String? = nil, afterExit: String = "") throws -> TmuxSession {
        let binary = try WinnowBinary.located().path
        var env = ["HOME": home.path, "WINNOW_REVIEWER": reviewer, "NO_COLOR": ""]
        env.merge(environment) { $1 }
        let session = try TmuxSession(width: width, height: height,
                                      command: "\(TmuxSession.quote(binary)) --workspace \(TmuxSession.quote(path))",
                                      environment: env, afterExit: afterExit)
        try session.waitFor(ready ?? "1 of \(eventCount)")
        return session
    }

    /// Types a `:` command and enters it.
    func command(_ s: TmuxSession, _ text: String) throws {
        try s.press(":")
        try s.type(text)
        try s.press("Enter")
    }

    /// Types `query` on the filter line (`\`) and enters it.
    func filter(_ s: TmuxSession, _ query: String) throws {
        try s.press("\\")
        try s.type(query)
        try s.press("Enter")
    }

    /// One statement on the store, through a sqlite3 process independent of winnow; its output, trimmed.
    func query(_ sql: String) throws -> String {
        try SQLiteShell.query(path, sql)
    }

    /// winnow run outside the terminal, with this workspace's HOME.
    @discardableResult
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> WinnowBinary.Result {
        try WinnowBinary.run(arguments, home: home, extraEnvironment: extraEnvironment)
    }
}
