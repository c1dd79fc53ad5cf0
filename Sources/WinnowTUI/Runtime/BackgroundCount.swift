import Foundation
import WinnowStore

/// One piece of queue work at a time on a background queue: an exact count, or a first page that
/// did not arrive within a keystroke's budget followed by its count. Its results are actions, in
/// the order the work delivers them; a newer request or a synchronous answer makes an older job
/// stale, and a stale job's results are dropped.
final class BackgroundCount: @unchecked Sendable {
    private let lock = NSCondition()
    private var generation = 0
    private var running = false
    private var results: [Action] = []

    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    /// Counts the filtered queue.
    func start(reader: QueueReader, filter: QueueReader.Filter) {
        start { deliver in
            let counted = (try? reader.count(filter)) ?? (total: 0, open: 0)
            _ = deliver(.counted(total: counted.total, open: counted.open))
        }
    }

    /// Runs `job`, which hands its results to `deliver`; `deliver` answers false once the job is
    /// stale, so it can stop early.
    func start(_ job: @escaping @Sendable (_ deliver: (Action) -> Bool) -> Void) {
        lock.lock()
        generation += 1
        let mine = generation
        running = true
        results = []
        lock.unlock()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            job { action in
                lock.lock()
                defer { lock.unlock() }
                guard mine == generation else { return false }
                results.append(action)
                lock.broadcast()
                return true
            }
            lock.lock()
            if mine == generation {
                running = false
                lock.broadcast()
            }
            lock.unlock()
        }
    }

    func cancel() {
        lock.lock()
        generation += 1
        running = false
        results = []
        lock.broadcast()
        lock.unlock()
    }

    /// The results delivered since the last call, oldest first.
    func take() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let taken = results
        results = []
        return taken
    }

    func wait() {
        lock.lock()
        while running { lock.wait() }
        lock.unlock()
    }
}
