import Foundation
import XCTest

/// `winnow audit head`, `audit verify --head` and `winnow backup`, run as the real binary.
final class AuditAnchorCLITests: XCTestCase {
    private func workspace(_ tmp: TemporaryDirectory, events: Int = 3) throws -> String {
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let lines = (1...events).map { #"{"id":"e\#($0)","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r"}"# }
        try lines.joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        let r = try WinnowBinary.run(["import", "--workspace", ws, "--reviewer", "alice", tmp.path("e.jsonl")], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        return ws
    }

    private func sqlite(_ database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, sql)
    }

    func testHeadPrintsSeqAndHashAndVerifyChecksTheLogAgainstIt() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(tmp)
        var r = try WinnowBinary.run(["audit", "head", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let head = r.stdout.trimmingCharacters(in: .newlines)
        XCTAssertNotNil(head.range(of: #"^2:[0-9a-f]{64}$"#, options: .regularExpression), head)
        r = try WinnowBinary.run(["audit", "head", "--json", "--workspace", ws], home: tmp.url)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["seq"] as? Int, 2)
        XCTAssertEqual((object?["hash"] as? String).map { "2:" + $0 }, head)

        r = try WinnowBinary.run(["audit", "verify", "--head", head, "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("audit log intact: 2 records"), r.stdout)
        XCTAssertTrue(r.stdout.contains("anchor #2 holds"), r.stdout)
        XCTAssertTrue(r.stdout.contains("state matches the log: 3 items"), r.stdout)
        XCTAssertTrue(r.stdout.contains("head " + head), r.stdout)

        // The shift summary prints the head too.
        r = try WinnowBinary.run(["shift", "--reviewer", "alice", "--workspace", ws], home: tmp.url)
        XCTAssertTrue(r.stdout.contains("\n    " + head + "\n"), r.stdout)
        r = try WinnowBinary.run(["shift", "--json", "--reviewer", "alice", "--workspace", ws], home: tmp.url)
        XCTAssertTrue(r.stdout.contains(#""audit_head" : "\#(head)""#), r.stdout)

        // The tail is cut back with sqlite3: the chain alone still verifies, the anchor does not.
        try sqlite(ws + "/winnow.db", "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE seq = 2;")
        r = try WinnowBinary.run(["audit", "verify", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, "without an anchor a cut tail cannot be told: \(r.stdout)")
        r = try WinnowBinary.run(["audit", "verify", "--head", head, "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("anchor #2 FAILS: missing record #2: the log ends at #1"), r.stdout)
    }

    func testAMalformedAnchorIsAUsageError() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(tmp)
        for anchor in ["12", "12:abc", "twelve:" + String(repeating: "0", count: 64)] {
            let r = try WinnowBinary.run(["audit", "verify", "--head", anchor, "--workspace", ws], home: tmp.url)
            XCTAssertEqual(r.status, 64, anchor)
            XCTAssertTrue(r.stderr.contains("malformed anchor `\(anchor)`"), r.stderr)
        }
    }

    func testVerifyReportsALabelChangedBehindTheStoresBack() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(tmp)
        try sqlite(ws + "/winnow.db", "UPDATE items SET severity = 'S1' WHERE id = 2;")
        let r = try WinnowBinary.run(["audit", "verify", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("audit log intact"), r.stdout)
        XCTAssertTrue(r.stdout.contains("state DIFFERS from the log: 1 difference"), r.stdout)
        XCTAssertTrue(r.stdout.contains("item #2 severity is S1, but replaying the audit log gives none"), r.stdout)
    }

    func testBackupCopiesAVerifiedWorkspaceAndRefusesAFullDestination() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(tmp, events: 20)
        let copy = tmp.path("copies/monday")
        var r = try WinnowBinary.run(["backup", copy, "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("backed up "), r.stdout)
        XCTAssertTrue(r.stdout.contains("integrity ok"), r.stdout)
        XCTAssertTrue(r.stdout.contains("audit log intact: 2 records"), r.stdout)
        XCTAssertTrue(r.stdout.contains("state matches the log: 20 items"), r.stdout)
        let head = try WinnowBinary.run(["audit", "head", "--workspace", ws], home: tmp.url).stdout.trimmingCharacters(in: .newlines)
        XCTAssertTrue(r.stdout.contains("head " + head), r.stdout)

        // The copy is a workspace: restoring is pointing --workspace at it.
        r = try WinnowBinary.run(["audit", "verify", "--head", head, "--workspace", copy], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        r = try WinnowBinary.run(["stats", "--json", "--workspace", copy], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)

        r = try WinnowBinary.run(["backup", copy, "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("exists and is not empty"), r.stderr)
        try Data().write(to: URL(fileURLWithPath: tmp.path("a-file")))
        r = try WinnowBinary.run(["backup", tmp.path("a-file") + "/inside", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("winnow: error: cannot create \(tmp.path("a-file"))/inside: Not a directory"), r.stderr)
    }
}
