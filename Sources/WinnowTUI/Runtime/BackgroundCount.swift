import Foundation
import WinnowStore

/// One count at a time on a background queue; a newer request or a synchronous count makes an
/// older result stale, and stale results are dropped.
final class BackgroundCount: @unchecked Sendable {
    private let lock = NSCondition()
    private var generation = 0
    private var running = false
    private var result: (total: Int, open: Int)?

    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    func start(reader: QueueReader, filter: QueueReader.Filter) {
        lock.lock()
        generation += 1
        let mine = generation
        running = true
        result = nil
        lock.unlock()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let counted = try? reader.count(filter)
            lock.lock()
            if mine == generation {
                running = false
                result = counted ?? (0, 0)
                lock.broadcast()
            }
            lock.unlock()
        }
    }

    func cancel() {
        lock.lock()
        generation += 1
        running = false
        result = nil
        lock.broadcast()
        lock.unlock()
    }

    func take() -> (total: Int, open: Int)? {
        lock.lock()
        defer { lock.unlock() }
        let taken = result
        result = nil
        return taken
    }

    func wait() {
        lock.lock()
        while running { lock.wait() }
        lock.unlock()
    }
}
