import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// The workspace's SQLite store (WAL mode, so readers never block the writer).
public final class Store: Sendable {
    public let workspace: Workspace
    public let config: WorkspaceConfig
    public let pool: DatabasePool
    /// Opened with `openForReading`: SQLite refuses every write, and nothing was migrated or rebuilt.
    public let isReadOnly: Bool
    /// This process's hold on `winnow.lock` (see `WorkspaceLock`); nil only for a read-only open
    /// of a workspace that has no lock file.
    let lock: WorkspaceLock?
    let checkpointer = BackgroundCheckpointer()

    init(workspace: Workspace, config: WorkspaceConfig, pool: DatabasePool, isReadOnly: Bool = false,
         lock: WorkspaceLock?) {
        self.workspace = workspace
        self.config = config
        self.pool = pool
        self.isReadOnly = isReadOnly
        self.lock = lock
    }

    /// Opens the store for commands that write: migrates it, re-creates missing indexes, catches
    /// up the full-text index and the signal weights. `announce` hears about a step that takes
    /// more than a second, and about waiting for a bulk import.
    public static func open(_ workspace: Workspace, announce: (@Sendable (String) -> Void)? = nil) throws -> Store {
        try open(workspace, busyTimeout: 15, notice: SlowStepNotice(announce: announce))
    }

    /// `busyTimeout`: how long a write waits for another process's write lock before it is
    /// refused with `StoreBusyError` (tests lower it).
    static func open(_ workspace: Workspace, busyTimeout: TimeInterval,
                     notice: SlowStepNotice = SlowStepNotice()) throws -> Store {
        // Asked before SQLite is: it would only say it cannot open the file, naming a pragma, and
        // root would write through the permission bits that mark a workspace read-only.
        if workspace.exists, !filesAreWritable(workspace) {
            throw WorkspaceError.readOnly(workspace.directory.path)
        }
        return try openWritable(workspace, busyTimeout: busyTimeout, notice: notice)
    }

    private static func openWritable(_ workspace: Workspace, busyTimeout: TimeInterval,
                                     notice: SlowStepNotice) throws -> Store {
        guard workspace.exists else { throw WorkspaceError.notAWorkspace(workspace.directory.path) }
        let config = try workspace.loadConfig()
        var configuration = Configuration()
        // Other reviewers' processes write to the same file: wait for their transactions
        // instead of surfacing SQLITE_BUSY.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let pool = try DatabasePool(path: workspace.databaseURL.path, configuration: configuration)
        let lock = WorkspaceLock(directory: workspace.directory, create: true)
        if let lock, !lock.tryShared() {
            // A bulk import has the indexes down: rebuilding them now would undo its work, and
            // working without them would crawl. Its end gives the lock back.
            notice.announce?("waiting for \(runningImport(pool) ?? "a bulk import") to finish: it has the queue indexes down while it loads …")
            lock.waitShared()
        }
        let store = Store(workspace: workspace, config: config, pool: pool, lock: lock)
        // Asked on the writer: a reader connection that saw the old schema would keep describing
        // `SELECT *` rows by it after the migration.
        let pending = try pool.writeWithoutTransaction { db in
            let applied = try Schema.migrator.appliedIdentifiers(db)
            return Schema.migrator.migrations.filter { !applied.contains($0) }
        }
        if !pending.isEmpty {
            try notice.run("upgrading the workspace store (\(pending.joined(separator: ", "))) …") {
                try Schema.migrator.migrate(pool)
            }
            pool.invalidateReadOnlyConnections()
        }
        try pool.write { db in
            // A bulk import killed part way may have left its indexes dropped.
            try notice.run("upgrading the workspace store (queue indexes) …") { try Schema.createSecondaryIndexes(db) }
            try notice.run("upgrading the workspace store (full-text index) …") { try FullTextIndex.catchUp(db) }
            _ = try notice.run("finding near-duplicates a stopped import left unsearched …") {
                try DuplicateIndex.catchUp(db, minSimilarity: config.dupes.minSimilarity)
            }
            try notice.run("upgrading the workspace store (queue order for the new signal weights) …") {
                try store.applySignalWeights(db)
            }
        }
        return store
    }

    /// "alice's import of big.jsonl", for the message of a process that waits for it.
    private static func runningImport(_ pool: DatabasePool) -> String? {
        guard let row = try? pool.read({ db in
            try Row.fetchOne(db, sql: "SELECT reviewer, source FROM imports WHERE finished_ms IS NULL ORDER BY id DESC LIMIT 1")
        }) else { return nil }
        let reviewer: String = row["reviewer"]
        let source: String = row["source"]
        return "\(reviewer)'s import of \(source)"
    }

    /// Keeps the queue's cached weights in step with the config's signal weights.
    func applySignalWeights(_ db: Database) throws {
        let weights = config.taxonomy
        let fingerprint = Signal.allCases.map { "\($0.rawValue)=\(weights.weight(of: $0))" }.joined(separator: ",")
        let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'signal_weights'")
        guard stored != fingerprint else { return }
        if stored != nil {
            let cases = Signal.allCases.map { "WHEN '\($0.rawValue)' THEN \(weights.weight(of: $0))" }.joined(separator: " ")
            try db.execute(sql: "UPDATE items SET weight = CASE signal \(cases) ELSE weight END")
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('signal_weights', ?)",
                       arguments: [fingerprint])
    }

    public func eventCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0 }
    }
}
