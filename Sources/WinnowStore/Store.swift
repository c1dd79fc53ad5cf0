import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// The workspace's SQLite store (WAL mode, so readers never block the writer).
public final class Store: Sendable {
    public let workspace: Workspace
    public let config: WorkspaceConfig
    public let pool: DatabasePool
    let checkpointer = BackgroundCheckpointer()

    init(workspace: Workspace, config: WorkspaceConfig, pool: DatabasePool) {
        self.workspace = workspace
        self.config = config
        self.pool = pool
    }

    public static func open(_ workspace: Workspace) throws -> Store {
        try open(workspace, busyTimeout: 15)
    }

    /// `busyTimeout`: how long a write waits for another process's write lock before it is
    /// refused with `StoreBusyError` (tests lower it).
    static func open(_ workspace: Workspace, busyTimeout: TimeInterval) throws -> Store {
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
        let store = Store(workspace: workspace, config: config, pool: pool)
        try Schema.migrator.migrate(pool)
        try pool.write { db in
            // A bulk import killed part way may have left its indexes dropped.
            try Schema.createSecondaryIndexes(db)
            try FullTextIndex.catchUp(db)
            try store.applySignalWeights(db)
        }
        return store
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
