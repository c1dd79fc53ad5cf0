import Foundation
import GRDB
import GRDBSQLite

/// Copies the write-ahead log back into the database from a connection of its own, a few times a
/// second. An interactive session commits many small transactions; left to SQLite, the automatic
/// checkpoint runs inside whichever commit crosses its threshold and that keystroke waits for it.
/// A passive checkpoint never blocks writers or readers.
final class BackgroundCheckpointer: @unchecked Sendable {
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "winnow.checkpoint", qos: .utility)
    private var timer: DispatchSourceTimer?
    private var connection: DatabaseQueue?

    func start(path: String, interval: DispatchTimeInterval = .seconds(2)) throws {
        lock.lock()
        defer { lock.unlock() }
        guard timer == nil else { return }
        var configuration = Configuration()
        // A checkpoint that finds the database busy simply tries again next time.
        configuration.busyMode = .timeout(0.05)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.checkpoint() }
        timer.resume()
        self.timer = timer
    }

    private func checkpoint() {
        lock.lock()
        let connection = self.connection
        lock.unlock()
        try? connection?.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") }
    }

    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return timer != nil
    }

    /// Stops the checkpoints and closes their connection once a checkpoint under way is done,
    /// so the database is as free as before `start`.
    func stop() {
        lock.lock()
        timer?.cancel()
        timer = nil
        let connection = self.connection
        self.connection = nil
        lock.unlock()
        queue.sync {}
        try? connection?.close()
    }

    deinit { timer?.cancel() }
}

extension Store {
    /// For interactive use: the write connection stops checkpointing inside commits, and a
    /// background connection does it instead, so no single action pays for a checkpoint.
    public func checkpointInBackground() throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        try checkpointer.start(path: workspace.databaseURL.path)
    }
}

extension Store {
    /// For a bulk write such as an import. Left to SQLite, every commit that crosses a thousand
    /// pages of log checkpoints inline, and the writer waits for the database file to reach the
    /// disk (an import of a million events spent seconds in those waits). Here a background
    /// connection checkpoints every quarter second while the writer keeps writing; a commit
    /// checkpoints inline only when the log passes `maxLogFrames`, which bounds the log on disk
    /// when the disk falls behind. The store's checkpointing is as before afterwards.
    /// `backgroundInterval` is the background connection's period (tests lengthen it to watch the
    /// inline bound alone).
    func withBulkCheckpoints<T>(maxLogFrames: Int = 16_384, backgroundInterval: DispatchTimeInterval = .milliseconds(250),
                                _ body: () throws -> T) throws -> T {
        let startedHere = !checkpointer.isRunning
        let previous = try pool.writeWithoutTransaction { db in
            let previous = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
            // Replaces SQLite's own checkpointing hook, which `wal_autocheckpoint` restores below.
            sqlite3_wal_hook(db.sqliteConnection, { limit, connection, schema, frames in
                if Int(bitPattern: limit) <= Int(frames) {
                    sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                }
                return SQLITE_OK
            }, UnsafeMutableRawPointer(bitPattern: maxLogFrames))
            return previous
        }
        if startedHere { try checkpointer.start(path: workspace.databaseURL.path, interval: backgroundInterval) }
        defer {
            if startedHere { checkpointer.stop() }
            try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(previous)") }
        }
        return try body()
    }
}
