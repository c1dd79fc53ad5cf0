import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class BackupTests: XCTestCase {
    private func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("winnow-backup-\(UUID().uuidString)")
    }

    func testABackupTakenWhileAnotherConnectionWritesIsConsistentAndVerifies() throws {
        let ws = try workspace(200)
        let destination = temporary()
        defer { try? FileManager.default.removeItem(at: destination) }
        // Another reviewer's process: its own store on the same workspace, labelling until the backup is done.
        let other = try Store.open(ws.store.workspace)
        let done = Atomic(false)
        let labels = Atomic(0)
        let finished = DispatchSemaphore(value: 0)
        let writer = Thread {
            defer { finished.signal() }
            var item: Int64 = 1
            while !done.value {
                _ = try? other.applyLabel(.severity, value: ["S1", "S2", "S3", "S4"][Int(item % 4)], to: [item], by: bo)
                labels.update { $0 + 1 }
                item = item % 200 + 1
            }
        }
        writer.start()
        let started = Date()
        while labels.value < 20 && Date().timeIntervalSince(started) < 30 { usleep(1_000) }
        let result = try ws.store.backup(to: destination)
        let during = labels.value
        done.value = true
        XCTAssertEqual(finished.wait(timeout: .now() + 30), .success)

        XCTAssertGreaterThan(during, 0, "the other connection was writing")
        XCTAssertEqual(result.integrity, ["ok"])
        XCTAssertTrue(result.check.passes, "\(result.check)")
        XCTAssertGreaterThan(result.check.head.seq, 2)
        XCTAssertEqual(result.copied, ["winnow.toml"])
        for suffix in ["-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: destination.appendingPathComponent("winnow.db" + suffix).path))
        }
        // Restoring is opening the copy: it is a workspace, and it holds what the check saw.
        let restored = try Store.open(Workspace(directory: destination))
        XCTAssertEqual(try AuditLog.head(restored), result.check.head)
        XCTAssertTrue(try AuditLog.check(restored).passes)
        XCTAssertEqual(try restored.eventCount(), 200)
    }

    func testItRefusesADestinationThatIsNotEmptyAndCopiesThemes() throws {
        let ws = try workspace(3)
        let full = temporary()
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: full) }
        try Data("keep me".utf8).write(to: full.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try ws.store.backup(to: full)) { error in
            XCTAssertEqual(error as? BackupError, .destinationNotEmpty(full.standardizedFileURL.path))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: full.path), ["notes.txt"], "nothing there was touched")
        let file = full.appendingPathComponent("notes.txt")
        XCTAssertThrowsError(try ws.store.backup(to: file)) { error in
            XCTAssertEqual(error as? BackupError, .destinationNotADirectory(file.standardizedFileURL.path))
        }

        let themes = ws.directory.appendingPathComponent("themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try Data("[colors]\n".utf8).write(to: themes.appendingPathComponent("mine.toml"))
        let empty = temporary()
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try ws.store.backup(to: empty)
        XCTAssertEqual(result.copied, ["winnow.toml", "themes"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: empty.appendingPathComponent("themes/mine.toml").path))
        XCTAssertEqual(try Data(contentsOf: empty.appendingPathComponent("winnow.toml")), try Data(contentsOf: ws.store.workspace.configURL))
        XCTAssertTrue(result.passes)
    }

    func testACopyOfADriftedWorkspaceSaysSo() throws {
        let ws = try workspace(3)
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity)
        try ws.store.pool.write { try $0.execute(sql: "UPDATE items SET severity = 'S1' WHERE id = 1") }
        let destination = temporary()
        defer { try? FileManager.default.removeItem(at: destination) }
        let result = try ws.store.backup(to: destination)
        XCTAssertFalse(result.passes)
        XCTAssertEqual(result.integrity, ["ok"])
        XCTAssertEqual(result.check.state.drifts.map(\.field), ["severity"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: destination.appendingPathComponent("winnow.db").path), "the copy is kept")
    }
}

/// A value shared with a thread the test started.
final class Atomic<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func update(_ change: (Value) -> Value) { lock.withLock { stored = change(stored) } }
}
