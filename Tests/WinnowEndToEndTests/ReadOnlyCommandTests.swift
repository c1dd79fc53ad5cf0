import Foundation
import XCTest

/// The commands that only read (stats, audit log, audit verify, shift, themes) work on a workspace
/// whose files cannot be written, and leave every byte of it as it was.
final class ReadOnlyCommandTests: XCTestCase {
    static let readOnlyCommands: [[String]] = [
        ["stats"], ["stats", "--json"], ["audit", "log"], ["audit", "verify"], ["shift", "--reviewer", "alice"], ["themes"],
    ]

    private func event(_ id: String) -> String {
        #"{"id":"\#(id)","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p \#(id)","response":"r","csat":2}"#
    }

    /// A workspace with events and audit records, every process closed (no -wal or -shm left),
    /// as a killed bulk import leaves it: an index dropped and the full-text index behind, which a
    /// writing open would repair (and so write).
    private func workspace(in tmp: TemporaryDirectory) throws -> String {
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        try (1...20).map { event("e\($0)") }.joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        let r = try WinnowBinary.run(["import", "--workspace", ws, "--reviewer", "alice", tmp.path("e.jsonl")], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try SQLiteShell.once(ws + "/winnow.db", "DROP INDEX items_by_time; DELETE FROM meta WHERE key = 'fts_upto'; SELECT 'ok';"), "ok")
        return ws
    }

    private func copy(_ source: String, to destination: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: destination)
    }

    /// `readerFiles`: SQLite may add its (empty) -wal and -shm companion files, as any reader does
    /// in a writable folder; everything else must stay as it was.
    private func runEachReadOnlyCommand(on ws: String, home: URL, expecting expected: [String: String] = [:],
                                        allowingReaderFiles readerFiles: Bool = false) throws {
        let before = try FolderContents(ws, ignoringEmptyLog: readerFiles)
        for command in Self.readOnlyCommands {
            let r = try WinnowBinary.run(command + ["--workspace", ws], home: home)
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("error"), "\(command): \(r.stderr)")
            if let text = expected[command.joined(separator: " ")] {
                XCTAssertTrue(r.stdout.contains(text), "\(command): \(r.stdout)")
            }
            XCTAssertEqual(try FolderContents(ws, ignoringEmptyLog: readerFiles), before, "\(command) changed the workspace")
        }
    }

    func testReadOnlyCommandsLeaveAWorkspaceWithReadOnlyFilesUntouched() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(in: tmp)
        // The files lose their write permission; the folder keeps it.
        let copy = tmp.path("files-read-only")
        try self.copy(ws, to: copy)
        let folder = try ReadOnlyFiles(copy, includingFolder: false)
        defer { folder.restore() }
        try runEachReadOnlyCommand(on: copy, home: tmp.url, expecting: [
            "stats --json": #""events" : 20"#, "audit verify": "audit log intact: 2 records", "audit log": "import.finish",
        ])
    }

    func testReadOnlyCommandsWorkInAFolderNobodyCanWrite() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(in: tmp)
        let copy = tmp.path("folder-read-only")
        try self.copy(ws, to: copy)
        let folder = try ReadOnlyFiles(copy, includingFolder: true)
        defer { folder.restore() }
        if folder.immutable {
            // Proof that writes really fail here, even for root: creating a file is refused.
            XCTAssertFalse(FileManager.default.createFile(atPath: copy + "/probe", contents: Data()))
        }
        try runEachReadOnlyCommand(on: copy, home: tmp.url, expecting: [
            "stats --json": #""events" : 20"#, "audit verify": "audit log intact: 2 records",
        ])
    }

    func testCommandsThatWriteRefuseAReadOnlyWorkspaceInPlainWords() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(in: tmp)
        let copy = tmp.path("folder-read-only")
        try self.copy(ws, to: copy)
        let folder = try ReadOnlyFiles(copy, includingFolder: true)
        defer { folder.restore() }
        let before = try FolderContents(copy)
        for command in [["import", tmp.path("e.jsonl")], ["queue"]] {
            let r = try WinnowBinary.run(command + ["--workspace", copy, "--reviewer", "alice"], home: tmp.url)
            XCTAssertEqual(r.status, 66, "\(command): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains("cannot write to the workspace at \(copy): its folder or store (winnow.db) is read-only"), r.stderr)
            XCTAssertTrue(r.stderr.contains("winnow backup DEST"), r.stderr)
            XCTAssertFalse(r.stderr.contains("SQLite error"), r.stderr)
            XCTAssertEqual(try FolderContents(copy), before, "\(command) changed the workspace")
        }
    }

    func testCommitsStillInTheWriteAheadLogAreReadFromAReadOnlyCopy() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(in: tmp)
        // Another process keeps the store open, so the next commit stays in the log: an import of
        // one more event, audited as any change must be (audit verify replays the log against it).
        let writer = try SQLiteShell(database: ws + "/winnow.db")
        defer { writer.close() }
        try writer.run("PRAGMA wal_autocheckpoint = 0; SELECT count(*) FROM events;")
        try event("e21").write(toFile: tmp.path("one-more.jsonl"), atomically: true, encoding: .utf8)
        let more = try WinnowBinary.run(["import", "--workspace", ws, "--reviewer", "alice", tmp.path("one-more.jsonl")], home: tmp.url)
        XCTAssertEqual(more.status, 0, more.stderr)
        let copy = tmp.path("live-copy")
        try self.copy(ws, to: copy)
        XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: copy + "/winnow.db-wal")[.size] as? Int) ?? 0, 0)
        let folder = try ReadOnlyFiles(copy, includingFolder: true)
        defer { folder.restore() }
        try runEachReadOnlyCommand(on: copy, home: tmp.url, expecting: ["stats --json": #""events" : 21"#])

        // Without its -shm, a log cannot be read where nothing may be written: a clear refusal.
        folder.restore()
        let noShm = tmp.path("live-copy-without-shm")
        try self.copy(ws, to: noShm)
        try FileManager.default.removeItem(atPath: noShm + "/winnow.db-shm")
        let locked = try ReadOnlyFiles(noShm, includingFolder: true)
        defer { locked.restore() }
        let r = try WinnowBinary.run(["stats", "--workspace", noShm], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("write-ahead log (winnow.db-wal) holds changes that must be recovered"), r.stderr)
        XCTAssertTrue(r.stderr.contains("run a writing command (e.g. winnow queue)"), r.stderr)
    }

    func testReadOnlyCommandsNeverUpgradeAnOlderStore() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(in: tmp)
        // The store as a version before corrections and drafts left it (as far as the migration log tells).
        XCTAssertEqual(try SQLiteShell.once(ws + "/winnow.db", "DELETE FROM grdb_migrations WHERE identifier = 'v2-corrections-drafts'; SELECT 'ok';"), "ok")
        let before = try FolderContents(ws, ignoringEmptyLog: true)
        for command in Self.readOnlyCommands where command != ["themes"] {
            let r = try WinnowBinary.run(command + ["--workspace", ws], home: tmp.url)
            XCTAssertEqual(r.status, 66, "\(command): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains("needs an upgrade (v2-corrections-drafts"), r.stderr)
            XCTAssertTrue(r.stderr.contains("run a writing command (e.g. winnow queue) to upgrade"), r.stderr)
            XCTAssertEqual(try FolderContents(ws, ignoringEmptyLog: true), before, "\(command) changed the workspace")
        }
        // A store missing only index migrations is read as it is, and stays as it is.
        XCTAssertEqual(try SQLiteShell.once(ws + "/winnow.db", """
            INSERT INTO grdb_migrations VALUES ('v2-corrections-drafts');
            DROP INDEX audit_into_cluster; DROP INDEX audit_out_of_cluster;
            DELETE FROM grdb_migrations WHERE identifier = 'v5-audit-by-cluster'; SELECT 'ok';
            """), "ok")
        try runEachReadOnlyCommand(on: ws, home: tmp.url, expecting: ["stats --json": #""events" : 20"#],
                                   allowingReaderFiles: true)
        XCTAssertEqual(try SQLiteShell.once(ws + "/winnow.db", "SELECT count(*) FROM grdb_migrations WHERE identifier = 'v5-audit-by-cluster'"), "0")
        // A writing command upgrades it.
        XCTAssertEqual(try WinnowBinary.run(["import", "--workspace", ws, tmp.path("e.jsonl")], home: tmp.url).status, 0)
        XCTAssertEqual(try SQLiteShell.once(ws + "/winnow.db", "SELECT count(*) FROM grdb_migrations WHERE identifier = 'v5-audit-by-cluster'"), "1")
    }
}

/// Every file of a folder, with its bytes and modification time, to compare before and after.
struct FolderContents: Equatable, CustomStringConvertible {
    var files: [String: Data]
    var modified: [String: Date]

    /// `ignoringEmptyLog`: leave out the -wal and -shm files while the log holds nothing (a
    /// reader's bookkeeping); a log with content is compared like every other file.
    init(_ path: String, ignoringEmptyLog: Bool = false) throws {
        files = [:]
        modified = [:]
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "/winnow.db-wal")[.size] as? Int) ?? 0
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            if ignoringEmptyLog, log == 0, name.hasSuffix("-wal") || name.hasSuffix("-shm") { continue }
            let file = path + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[name] = try Data(contentsOf: URL(fileURLWithPath: file))
            modified[name] = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        }
    }

    var description: String { files.keys.sorted().map { "\($0) (\(files[$0]!.count) bytes)" }.joined(separator: ", ") }
}

/// Makes a workspace's files (and optionally its folder) read-only for real. The tests run as
/// root, which ignores permission bits, so where the file system allows it the files are also
/// made immutable (`chattr +i`), which root cannot write either. Where it does not, the
/// comparison of every byte before and after is what shows nothing was written.
final class ReadOnlyFiles {
    let path: String
    let includingFolder: Bool
    private(set) var immutable = false

    init(_ path: String, includingFolder: Bool) throws {
        self.path = path
        self.includingFolder = includingFolder
        let files = try FileManager.default.contentsOfDirectory(atPath: path).map { path + "/" + $0 }
        let targets = includingFolder ? files + [path] : files
        for target in targets { chmod(target, 0o444 | (includingFolder && target == path ? 0o111 : 0)) }
        immutable = Self.tool("/usr/bin/chattr", ["+i"] + targets) == 0
    }

    func restore() {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path).map { path + "/" + $0 }) ?? []
        if immutable { _ = Self.tool("/usr/bin/chattr", ["-i", path] + files) }
        chmod(path, 0o755)
        for file in files { chmod(file, 0o644) }
    }

    private static func tool(_ executable: String, _ arguments: [String]) -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return -1 }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
