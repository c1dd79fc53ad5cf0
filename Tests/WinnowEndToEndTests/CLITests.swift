import Foundation
import WinnowCore
import XCTest

final class CLITests: XCTestCase {
    func event(_ id: String) -> String {
        #"{"id":"\#(id)","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"refund for \#(id)","response":"Open Billing."}"#
    }

    func testInitImportStatsAndExitCodes() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        var r = try WinnowBinary.run(["init", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws + "/winnow.toml"))
        r = try WinnowBinary.run(["init", ws], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("already exists"), r.stderr)

        try (["ok-1", "ok-2"].map(event) + ["{broken"]).joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        r = try WinnowBinary.run(["import", "--workspace", ws, tmp.path("e.jsonl")], home: tmp.url)
        XCTAssertEqual(r.status, 1, "rejected lines make the exit status 1")
        XCTAssertTrue(r.stderr.contains("e.jsonl:3: rejected: not valid JSON"), r.stderr)
        XCTAssertTrue(r.stdout.contains("imported 2"), r.stdout)
        XCTAssertTrue(r.stdout.contains("rejected lines: \(ws)/rejects/"), r.stdout)
        XCTAssertFalse(r.stderr.contains("\u{1B}[K") || r.stderr.contains("ETA"), "no progress bar in a pipe: \(r.stderr)")

        r = try WinnowBinary.run(["import", "--workspace", ws, "-"], home: tmp.url, stdin: Data((event("ok-3") + "\n" + event("ok-1")).utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("imported 1, skipped 1"), r.stdout)

        r = try WinnowBinary.run(["stats", "--json", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let stats = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(stats["events"] as? Int, 3)
        XCTAssertEqual(stats["open_backlog"] as? Int, 3)

        r = try WinnowBinary.run(["import", "--workspace", ws, tmp.path("missing.jsonl")], home: tmp.url)
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("no such file"), r.stderr)

        r = try WinnowBinary.run(["stats", "--workspace", tmp.path("nowhere")], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("winnow init"), r.stderr)
    }

    func testWorkspaceFromEnvironmentAndBadConfig() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("envws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        try "[signal_weights]\nthumbs_sideways = 0.5\n".write(toFile: ws + "/winnow.toml", atomically: true, encoding: .utf8)
        let r = try WinnowBinary.run(["stats"], home: tmp.url, extraEnvironment: ["WINNOW_WORKSPACE": ws])
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("winnow.toml:2: unknown signal `thumbs_sideways`"), r.stderr)
    }

    func testDemoWorkspaceIsCreatedUnderHomeOnFirstUse() throws {
        let tmp = try TemporaryDirectory()
        var r = try WinnowBinary.run(["stats", "--json"], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("Created the demo workspace at \(tmp.url.path)/.local/share/winnow/demo"), r.stderr)
        r = try WinnowBinary.run(["stats", "--json"], home: tmp.url)
        XCTAssertFalse(r.stderr.contains("Created"), "seeded only once")
        let stats = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertGreaterThanOrEqual(stats["events"] as? Int ?? 0, 1500)
    }

    /// A SIGKILL in the middle of an import leaves a consistent store; re-running yields every event once.
    func testImportKilledPartWayThenRerunImportsEveryEventOnce() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let total = 60_000
        var text = ""
        text.reserveCapacity(total * 160)
        for i in 0..<total { text += event("k-\(i)") + "\n" }
        try text.write(toFile: tmp.path("big.jsonl"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = try WinnowBinary.located()
        process.arguments = ["import", "--workspace", ws, "--batch-size", "500", tmp.path("big.jsonl")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some batches are committed, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        var committed = 0
        while Date() < deadline {
            committed = try count(ws, "SELECT count(*) FROM events")
            if committed >= 2_000 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        let afterKill = try count(ws, "SELECT count(*) FROM events")
        XCTAssertGreaterThan(afterKill, 0)
        XCTAssertLessThan(afterKill, total, "the kill should land part way")
        XCTAssertEqual(try count(ws, "SELECT count(*) FROM items"), afterKill, "events and items commit together")
        XCTAssertEqual(try count(ws, "SELECT count(*) FROM imports WHERE finished_ms IS NULL"), 1)

        let r = try WinnowBinary.run(["import", "--workspace", ws, tmp.path("big.jsonl")], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("skipped \(NumberFormat.grouped(afterKill)) already stored"), r.stdout)
        XCTAssertEqual(try count(ws, "SELECT count(*) FROM events"), total)
        XCTAssertEqual(try count(ws, "SELECT count(DISTINCT id) FROM events"), total)
        XCTAssertEqual(try count(ws, "SELECT count(*) FROM items"), total)
        XCTAssertEqual(try sqlite(ws, "PRAGMA integrity_check"), "ok")
        XCTAssertEqual(try sqlite(ws, "INSERT INTO events_fts(events_fts) VALUES('integrity-check'); SELECT 'fts-ok';"), "fts-ok")
    }

    func testRejectsFileNeverOverwritesAFileOrNamesTheInput() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let input = tmp.path("e.jsonl")
        let inputText = event("r-1") + "\n{broken\n"
        try inputText.write(toFile: input, atomically: true, encoding: .utf8)
        let kept = tmp.path("kept.txt")
        try "someone's notes\n".write(toFile: kept, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: tmp.path("link.jsonl"), withDestinationPath: input)

        for (rejects, message) in [
            (input, "is the input being imported"), (tmp.url.path + "/./e.jsonl", "is the input being imported"),
            (tmp.path("link.jsonl"), "is the input being imported"), (kept, "already exists"),
        ] {
            let r = try WinnowBinary.run(["import", "--workspace", ws, "--rejects", rejects, input], home: tmp.url)
            XCTAssertEqual(r.status, 64, "\(rejects): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("--rejects \(rejects) \(message)"), r.stderr)
            XCTAssertEqual(try String(contentsOfFile: input, encoding: .utf8), inputText)
            XCTAssertEqual(try String(contentsOfFile: kept, encoding: .utf8), "someone's notes\n")
            XCTAssertEqual(try count(ws, "SELECT count(*) FROM events"), 0, "a refused import writes nothing")
        }

        let fresh = tmp.path("fresh.rejects.jsonl")
        var r = try WinnowBinary.run(["import", "--workspace", ws, "--rejects", fresh, input], home: tmp.url)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("rejected lines: \(fresh)"), r.stdout)
        XCTAssertTrue(try String(contentsOfFile: fresh, encoding: .utf8).contains("{broken"))
        // Run again: the file now exists, so it is refused rather than overwritten.
        r = try WinnowBinary.run(["import", "--workspace", ws, "--rejects", fresh, input], home: tmp.url)
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: fresh, encoding: .utf8).contains("{broken"))
    }

    func count(_ ws: String, _ sql: String) throws -> Int {
        Int(try sqlite(ws, sql)) ?? -1
    }

    func sqlite(_ ws: String, _ sql: String) throws -> String {
        try SQLiteShell.query(ws, sql)
    }
}

final class QueueCLITests: XCTestCase {
    func testConflictingKeyBindingIsAConfigErrorAtStart() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let config = try String(contentsOfFile: ws + "/winnow.toml", encoding: .utf8)
        try config.replacingOccurrences(of: "# move_down = [\"j\", \"down\", \"ctrl-n\"]", with: "move_down = [\"k\"]")
            .write(toFile: ws + "/winnow.toml", atomically: true, encoding: .utf8)
        let r = try WinnowBinary.run(["--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("key `k` is bound to both `move_down` and `move_up`"), r.stderr)
    }

    func testQueueWithoutATerminalPrintsTheSummaryAndSaysWhy() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let r = try WinnowBinary.run(["--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stdout.contains("open backlog 0"), r.stdout)
        XCTAssertTrue(r.stderr.contains("needs a terminal"), r.stderr)
    }

    func testUnknownThemeAndThemesList() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        var r = try WinnowBinary.run(["--workspace", ws, "--theme", "neon"], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("unknown theme `neon` (themes: dusk, daylight, contrast, okabe-ito, mono)"), r.stderr)
        r = try WinnowBinary.run(["themes", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        for name in ["dusk", "daylight", "contrast", "okabe-ito", "mono"] { XCTAssertTrue(r.stdout.contains(name), r.stdout) }
        XCTAssertTrue(r.stdout.contains("* dusk"), "the workspace default is marked:\n\(r.stdout)")

        // A malformed user theme is reported with its file and line.
        try FileManager.default.createDirectory(atPath: ws + "/themes", withIntermediateDirectories: true)
        try "name = \"broken\"\n[roles]\n\"base\" = { fg = \"blurple\" }\n".write(toFile: ws + "/themes/broken.toml", atomically: true, encoding: .utf8)
        r = try WinnowBinary.run(["themes", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("themes/broken.toml:3: role `base`: fg must be a colour name"), r.stderr)
    }

    func testBadEventsSampleReportsEveryRejection() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let sample = WinnowBinary.repositoryRoot.appendingPathComponent("SampleData/bad-events.jsonl").path
        let r = try WinnowBinary.run(["import", "--workspace", ws, sample], home: tmp.url)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr.components(separatedBy: "rejected: ").count - 1, 7, r.stderr)
        XCTAssertTrue(r.stdout.contains("imported 5"), r.stdout)
    }
}

final class AuditCLITests: XCTestCase {
    func testAuditLogAndVerifyCatchAnEditMadeWithSqlite3() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        try #"{"id":"a","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r","csat":2}"#
            .write(toFile: tmp.path("a.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try WinnowBinary.run(["import", "--workspace", ws, "--reviewer", "alice", tmp.path("a.jsonl")], home: tmp.url).status, 0)

        var r = try WinnowBinary.run(["audit", "log", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("#1  ") && r.stdout.contains("alice (") && r.stdout.contains("import.start"), r.stdout)
        XCTAssertTrue(r.stdout.contains("#2  ") && r.stdout.contains("imported 1"), r.stdout)
        r = try WinnowBinary.run(["audit", "log", "--json", "--by", "alice", "--since", "1d", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 2, r.stdout)
        XCTAssertTrue(r.stdout.contains(#""prev_hash":"0000"#), r.stdout)
        r = try WinnowBinary.run(["audit", "log", "--reviewer", "bo", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.stdout, "", "--reviewer filters the log by reviewer: bo made no changes")
        XCTAssertTrue(try WinnowBinary.run(["audit", "log", "--reviewer", "alice", "--workspace", ws], home: tmp.url).stdout.contains("import.start"))
        r = try WinnowBinary.run(["audit", "log", "--since", "last tuesday", "--workspace", ws], home: tmp.url)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--since last tuesday"), r.stderr)

        r = try WinnowBinary.run(["shift", "--json", "--reviewer", "alice", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(#""items_labelled" : 0"#), r.stdout)

        r = try WinnowBinary.run(["audit", "verify", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("audit log intact: 2 records"), r.stdout)

        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [ws + "/winnow.db", "DROP TRIGGER audit_is_append_only_update; UPDATE audit SET reviewer = 'mallory' WHERE seq = 2;"]
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(sqlite.terminationStatus, 0)

        r = try WinnowBinary.run(["audit", "verify", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("BROKEN at record #2"), r.stdout)
    }

    func testAReviewerNotOnTheRosterIsRefused() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let config = try String(contentsOfFile: ws + "/winnow.toml", encoding: .utf8)
        try (config + "\n[[reviewer]]\nname = \"alice\"\nroles = [\"lead\"]\n").write(toFile: ws + "/winnow.toml", atomically: true, encoding: .utf8)
        try #"{"id":"a","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r"}"#
            .write(toFile: tmp.path("a.jsonl"), atomically: true, encoding: .utf8)
        var r = try WinnowBinary.run(["import", "--workspace", ws, "--reviewer", "mallory", tmp.path("a.jsonl")], home: tmp.url)
        XCTAssertEqual(r.status, 77)
        XCTAssertTrue(r.stderr.contains("reviewer `mallory` is not on this workspace's roster (alice)"), r.stderr)
        r = try WinnowBinary.run(["import", "--workspace", ws, tmp.path("a.jsonl")], home: tmp.url, extraEnvironment: ["WINNOW_REVIEWER": "alice"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try WinnowBinary.run(["stats", "--workspace", ws, "--reviewer", "mallory"], home: tmp.url)
        XCTAssertEqual(r.status, 0, "reading the workspace needs no roster entry")
    }
}
