import Foundation
import GRDB
import GRDBSQLite
import WinnowConfig

/// Why a read-only command cannot read the store; each says what to do instead.
public enum ReadOnlyOpenError: Error, CustomStringConvertible, Equatable {
    /// The store predates migrations whose tables or columns the readers need.
    case needsUpgrade(path: String, migrations: [String])
    /// The write-ahead log holds commits that only a writer (or a writable folder) can recover.
    case logNeedsRecovery(path: String)
    case noStore(path: String)
    /// Reading read-only files needs SQLite's `file:` URIs, which this SQLite was built without.
    case sqliteWithoutURIs(path: String)

    public var description: String {
        switch self {
        case .needsUpgrade(let path, let migrations):
            "the store in \(path) was made by an earlier version of Winnow and needs an upgrade "
                + "(\(migrations.joined(separator: ", "))); this command only reads, so it does not upgrade it: "
                + "run a writing command (e.g. winnow queue) to upgrade"
        case .logNeedsRecovery(let path):
            "cannot read \(path) read-only: its write-ahead log (\(Workspace.databaseName)-wal) holds changes "
                + "that must be recovered, and the workspace's files are read-only; run a writing command "
                + "(e.g. winnow queue) on the workspace where it is writable, or read a writable copy of the whole folder"
        case .sqliteWithoutURIs(let path):
            "cannot read \(path) without writing to it: this SQLite library was built without URI support, "
                + "which reading read-only files needs; read a writable copy of the folder"
        case .noStore(let path):
            "\(path) has no store yet (\(Workspace.databaseName)); run a writing command (e.g. winnow queue) to create it"
        }
    }
}

extension Store {
    /// Opens the store for commands that only read (stats, audit, shift, themes). SQLite opens
    /// it read-only, so no statement can write; nothing is migrated, rebuilt or caught up, and
    /// a store older than this binary is read when its tables are compatible, or refused with
    /// `ReadOnlyOpenError.needsUpgrade`. A workspace nobody may write to (read-only permissions,
    /// immutable files, a read-only file system) is read without creating or touching any file.
    public static func openForReading(_ workspace: Workspace) throws -> Store {
        guard workspace.exists else { throw WorkspaceError.notAWorkspace(workspace.directory.path) }
        let config = try workspace.loadConfig()
        let database = workspace.databaseURL.path
        guard FileManager.default.fileExists(atPath: database) else {
            throw ReadOnlyOpenError.noStore(path: workspace.directory.path)
        }
        // Files nobody may write (by permissions or the file system) cannot change under us.
        let filesAreReadOnly = !filesAreWritable(workspace)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(15)
        let path: String
        if !filesAreReadOnly {
            path = database
        } else if sqlite3_compileoption_used("USE_URI") == 0 {
            throw ReadOnlyOpenError.sqliteWithoutURIs(path: workspace.directory.path)
        } else if fileSize(database + "-wal") == 0 {
            // No log to read: every commit is in the database file. `immutable` reads the file
            // without creating the -wal and -shm files a reader otherwise makes.
            path = sqliteURI(database, parameters: "mode=ro&immutable=1")
        } else {
            // The log holds commits. `readonly_shm` keeps SQLite from writing its reader marks
            // into -shm even where permissions would let it (root ignores them).
            path = sqliteURI(database, parameters: "mode=ro&readonly_shm=1")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try requireReadableSchema(pool, workspace: workspace)
            let lock = WorkspaceLock(directory: workspace.directory, create: false)
            // A reader needs no indexes rebuilt, so it does not wait for a bulk import; holding
            // the shared lock keeps an import that starts later from dropping them under it.
            _ = lock?.tryShared()
            return Store(workspace: workspace, config: config, pool: pool, isReadOnly: true, lock: lock)
        } catch let error as DatabaseError where filesAreReadOnly && Self.isRecoveryRefusal(error) {
            throw ReadOnlyOpenError.logNeedsRecovery(path: workspace.directory.path)
        }
    }

    /// Migrations that change only indexes (the queue's and the full-text one), which the
    /// read-only commands do not depend on: a store without them is still read as it is.
    /// Any other migration missing means the readers' tables or columns may not be there yet.
    static let migrationsReadersCanDoWithout: Set<String> = [
        "v4-partial-label-indexes-fts-hash",
        "v5-audit-by-cluster",
        "v6-fts-without-column-sizes",
    ]

    private static func requireReadableSchema(_ pool: DatabasePool, workspace: Workspace) throws {
        let missing = try pool.read { db in
            let applied = try Schema.migrator.appliedIdentifiers(db)
            return Schema.migrator.migrations.filter { !applied.contains($0) && !migrationsReadersCanDoWithout.contains($0) }
        }
        if !missing.isEmpty {
            throw ReadOnlyOpenError.needsUpgrade(path: workspace.directory.path, migrations: missing)
        }
    }

    private static func isRecoveryRefusal(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY
            || error.resultCode == .SQLITE_BUSY
    }

    /// The workspace's folder is writable, and so is its store if it has one yet (see `isWritable`).
    static func filesAreWritable(_ workspace: Workspace) -> Bool {
        let database = workspace.databaseURL.path
        return isWritable(workspace.directory.path)
            && (!FileManager.default.fileExists(atPath: database) || isWritable(database))
    }

    /// Writable by this process and meant to be written: root passes `access` everywhere, so a
    /// file or folder without any write permission bit counts as read-only too.
    private static func isWritable(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return access(path, W_OK) == 0 && info.st_mode & 0o222 != 0
    }

    private static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// A `file:` URI for SQLite (the path percent-encoded); SQLite reads it as one only when
    /// built with URI support, as Debian's is.
    private static func sqliteURI(_ path: String, parameters: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "file:\(encoded)?\(parameters)"
    }
}
