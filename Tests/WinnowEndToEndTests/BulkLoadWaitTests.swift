import Foundation
import XCTest

/// A writing command started while a bulk load holds the workspace lock waits for it and says
/// so, instead of rebuilding the indexes under it.
final class BulkLoadWaitTests: XCTestCase {
    func testAnImportStartedDuringABulkLoadWaitsForItAndSaysWhy() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        try #"{"id":"w1","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r"}"#
            .write(toFile: tmp.path("w.jsonl"), atomically: true, encoding: .utf8)

        // The test stands in for a bulk import: it holds winnow.lock exclusively, as the import
        // does while its indexes are down.
        let lock = open(ws + "/winnow.lock", O_RDONLY)
        XCTAssertGreaterThanOrEqual(lock, 0)
        defer { close(lock) }
        XCTAssertEqual(flock(lock, LOCK_EX | LOCK_NB), 0)

        let importer = Process()
        importer.executableURL = try WinnowBinary.located()
        importer.arguments = ["import", "--workspace", ws, tmp.path("w.jsonl")]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = tmp.url.path
        importer.environment = environment
        let errors = Pipe()
        importer.standardError = errors
        importer.standardOutput = FileHandle.nullDevice
        let stderr = LockedText()
        errors.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        try importer.run()
        defer {
            if importer.isRunning { kill(importer.processIdentifier, SIGKILL) }
            importer.waitUntilExit()
            errors.fileHandleForReading.readabilityHandler = nil
        }

        XCTAssertTrue(waitFor(seconds: 30) { stderr.text.contains("waiting for a bulk import to finish") }, stderr.text)
        XCTAssertTrue(importer.isRunning, "it waits while the lock is held")
        XCTAssertEqual(try SQLiteShell.once(ws + "/winnow.db", "SELECT count(*) FROM events"), "0")

        XCTAssertEqual(flock(lock, LOCK_UN), 0)
        XCTAssertTrue(waitFor(seconds: 60) { !importer.isRunning }, "it goes on once the lock is free")
        XCTAssertEqual(importer.terminationStatus, 0, stderr.text)
        XCTAssertEqual(try SQLiteShell.once(ws + "/winnow.db", "SELECT count(*) FROM events"), "1")
    }

    private func waitFor(seconds: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}

/// Text gathered from a pipe on another thread.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
