import Foundation
import GRDB

/// A copy of the workspace made while reviewers keep working, and what checking it found.
public struct BackupResult: Sendable {
    public var destination: URL
    public var databaseBytes: Int64
    /// What besides the database was copied: `winnow.toml`, and `themes/` and `rejects/` when present.
    public var copied: [String]
    /// `PRAGMA integrity_check`'s answer: ["ok"], or the problems it found.
    public var integrity: [String]
    /// The copy's audit chain and state, checked on the copy.
    public var check: AuditCheck

    public var passes: Bool { integrity == ["ok"] && check.passes }
}

public enum BackupError: Error, CustomStringConvertible, Equatable {
    case destinationNotEmpty(String)
    case destinationNotADirectory(String)
    case cannotCreate(String, reason: String)

    public var description: String {
        switch self {
        case .destinationNotEmpty(let path): "\(path) exists and is not empty: back up into a new or empty directory"
        case .destinationNotADirectory(let path): "\(path) exists and is not a directory: back up into a new or empty directory"
        case .cannotCreate(let path, let reason): "cannot create \(path): \(reason)"
        }
    }
}

extension Store {
    /// Copies the workspace into `destination` (new, or an empty directory): the database through
    /// SQLite's online backup API, inside one read transaction, so the copy is one consistent
    /// snapshot however many reviewers write meanwhile (a plain file copy of a live WAL database
    /// is not); then the config, themes and rejects files. The copy is then checked on its own:
    /// `PRAGMA integrity_check`, the audit chain, and its state against its log. A copy that does
    /// not pass is kept (it is what the workspace holds) and says so; a copy that fails part way
    /// is removed.
    public func backup(to destination: URL) throws -> BackupResult {
        let fileManager = FileManager.default
        let target = Workspace(directory: destination)
        let directory = target.directory
        var isDirectory: ObjCBool = false
        let existed = fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory)
        if existed {
            guard isDirectory.boolValue else { throw BackupError.destinationNotADirectory(directory.path) }
            guard try fileManager.contentsOfDirectory(atPath: directory.path).isEmpty else {
                throw BackupError.destinationNotEmpty(directory.path)
            }
        } else {
            try Self.makeDirectories(directory)
        }
        var copied: [String] = []
        do {
            let copy = try DatabaseQueue(path: target.databaseURL.path)
            try pool.backup(to: copy)
            // A backup is one self-contained file: no -wal or -shm beside it. Opening it as a
            // workspace switches it back to WAL.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            for name in [Workspace.configName, "themes", target.rejectsDirectory.lastPathComponent] {
                let source = workspace.directory.appendingPathComponent(name)
                guard fileManager.fileExists(atPath: source.path) else { continue }
                try fileManager.copyItem(at: source, to: directory.appendingPathComponent(name))
                copied.append(name)
            }
        } catch {
            // Nothing of the workspace is touched; only the half-made copy goes.
            if existed {
                for name in (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? [] {
                    try? fileManager.removeItem(at: directory.appendingPathComponent(name))
                }
            } else {
                try? fileManager.removeItem(at: directory)
            }
            throw error
        }

        var readOnly = Configuration()
        readOnly.readonly = true
        let copy = try DatabaseQueue(path: target.databaseURL.path, configuration: readOnly)
        defer { try? copy.close() }
        let (integrity, check) = try copy.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try AuditLog.check(db, anchor: nil))
        }
        let attributes = try fileManager.attributesOfItem(atPath: target.databaseURL.path)
        return BackupResult(destination: directory, databaseBytes: (attributes[.size] as? NSNumber)?.int64Value ?? 0,
                            copied: copied, integrity: integrity, check: check)
    }

    /// Creates the directory and its missing parents, with the system's reason when it cannot
    /// (a parent that is a file, no permission).
    static func makeDirectories(_ directory: URL) throws {
        var missing: [URL] = []
        var current = directory
        while !FileManager.default.fileExists(atPath: current.path) {
            missing.append(current)
            let parent = current.deletingLastPathComponent()
            guard parent.path != current.path else { break }
            current = parent
        }
        for url in missing.reversed() where mkdir(url.path, 0o777) != 0 {
            throw BackupError.cannotCreate(url.path, reason: String(cString: strerror(errno)))
        }
    }
}
