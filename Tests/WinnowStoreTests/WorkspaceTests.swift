import Foundation
import XCTest
import WinnowCore
import WinnowDemoData
@testable import WinnowStore

final class WorkspaceTests: XCTestCase {
    func testResolutionOrderFlagThenEnvironmentThenDemo() throws {
        let env = ["WINNOW_WORKSPACE": "/env/ws", "XDG_DATA_HOME": "/xdg", "HOME": "/home/r"]
        XCTAssertEqual(try WorkspaceChoice.resolve(flag: "/flag/ws", environment: env), .explicit(URL(fileURLWithPath: "/flag/ws")))
        XCTAssertEqual(try WorkspaceChoice.resolve(flag: nil, environment: env), .environment(URL(fileURLWithPath: "/env/ws")))
        XCTAssertEqual(try WorkspaceChoice.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/r"]),
                       .demo(URL(fileURLWithPath: "/xdg/winnow/demo")))
        XCTAssertEqual(try WorkspaceChoice.resolve(flag: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/r"]),
                       .demo(URL(fileURLWithPath: "/home/r/.local/share/winnow/demo")))
        XCTAssertThrowsError(try WorkspaceChoice.resolve(flag: nil, environment: [:]))
    }

    func testInitRefusesToOverwriteAndOpenRefusesNonWorkspace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try Store.open(Workspace(directory: dir))) { error in
            XCTAssertTrue(String(describing: error).contains("winnow init"))
        }
        let ws = try Workspace.create(at: dir)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.databaseURL.path))
        XCTAssertThrowsError(try Workspace.create(at: dir))
        let store = try Store.open(ws)
        let mode = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
    }

    func testIdentityResolution() {
        XCTAssertEqual(Identity.resolve(explicit: "alice", environment: ["WINNOW_REVIEWER": "bo"]).reviewer, "alice")
        XCTAssertEqual(Identity.resolve(explicit: nil, environment: ["WINNOW_REVIEWER": "bo"]).reviewer, "bo")
        let fallback = Identity.resolve(explicit: nil, environment: [:])
        XCTAssertEqual(fallback.reviewer, fallback.osUser)
        XCTAssertFalse(fallback.osUser.isEmpty)
    }

    func testDemoWorkspaceIsSeededOnceFromTheSampleData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-demo-\(UUID().uuidString)/winnow/demo")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent().deletingLastPathComponent()) }
        let identity = Identity(reviewer: "t", osUser: "t")
        let summary = try XCTUnwrap(try DemoWorkspace.ensure(at: dir, identity: identity))
        XCTAssertEqual(summary.imported, DemoEvents.defaultCount)
        XCTAssertEqual(summary.rejected, 0)
        XCTAssertNil(try DemoWorkspace.ensure(at: dir, identity: identity))
        let store = try Store.open(Workspace(directory: dir))
        XCTAssertEqual(try store.eventCount(), DemoEvents.defaultCount)
        XCTAssertEqual(store.config.name, DemoWorkspace.name)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.deletingLastPathComponent().path)
        XCTAssertEqual(leftovers, ["demo"])
    }

    func testCommittedSampleDataMatchesTheGenerator() throws {
        let sample = repositoryRoot.appendingPathComponent("SampleData")
        let events = try Data(contentsOf: sample.appendingPathComponent("events.jsonl"))
        XCTAssertEqual(events, DemoWorkspace.eventsJSONL,
                       "SampleData/events.jsonl is stale: regenerate it with `swift run winnow sample-data SampleData`")
        let config = try String(contentsOf: sample.appendingPathComponent("winnow.toml"), encoding: .utf8)
        XCTAssertEqual(config, DemoWorkspace.configText)
    }

    func testSampleDataIsRealistic() throws {
        let lines = DemoEvents.jsonLines()
        XCTAssertGreaterThanOrEqual(lines.count, 1500)
        XCTAssertEqual(lines, DemoEvents.jsonLines(), "the generator must be deterministic")
        let decoder = EventDecoder()
        var signals = Set<String>()
        var models = Set<String>()
        for line in lines {
            var bytes = Array(line.utf8)
            let event = try bytes.withUnsafeMutableBytes { try decoder.decode(line: UnsafeRawBufferPointer($0)).get() }
            signals.insert(event.signal.rawValue)
            if let m = event.modelVersion { models.insert(m) }
        }
        XCTAssertEqual(signals.count, 7)
        XCTAssertGreaterThanOrEqual(models.count, 2)
        XCTAssertTrue(lines.contains { $0.contains(#"\u001b["#) }, "hostile escape sequences")
        XCTAssertTrue(lines.contains { $0.utf8.count > 100_000 }, "a very long line")
        XCTAssertTrue(lines.contains { $0.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) } }, "CJK text")
    }
}
