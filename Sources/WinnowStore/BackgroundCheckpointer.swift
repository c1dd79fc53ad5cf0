import Foundation
import GRDB

/// Copies the write-ahead log back into the database from a connection of its own, a few times a
/// second. An interactive session commits many small transactions; left to SQLite, the automatic
/// checkpoint runs inside whichever commit crosses its threshold and that keystroke waits for it.
/// A passive checkpoint never blocks writers or readers.
final class BackgroundCheckpointer: @unchecked Sendable {
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    private var connection: DatabaseQueue?

    func start(path: String, interval: DispatchTimeInterval = .seconds(2)) throws {
        lock.lock()
        defer { lock.unlock() }
        guard timer == nil else { return }
        var configuration = Configuration()
        // A checkpoint that finds the database busy simply tries again next time.
        configuration.busyMode = .timeout(0.05)
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        self.connection = connection
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "winnow.checkpoint", qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler {
            try? connection.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        lock.lock()
        defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        connection = nil
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
