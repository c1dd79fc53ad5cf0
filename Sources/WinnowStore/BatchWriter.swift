import Foundation
import GRDB
import WinnowCore

/// Writes import batches on a thread of its own, so decoding the next batch overlaps with
/// SQLite writing this one. At most `capacity` batches wait, which bounds memory.
final class BatchWriter: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[EventImporter.Accepted]] = []
    private var closed = false
    private var failure: Error?
    private var inserted = 0
    private var skipped = 0
    private var thread: Thread?
    private let capacity = 2

    init(store: Store, importID: Int64?, weights: Taxonomy, fullTextEvery: Int, duplicatesEvery: Int) {
        let thread = Thread { [self] in
            var sinceFullText = 0
            var sinceDuplicates = 0
            while let batch = self.next() {
                do {
                    let (ins, skip) = try store.pool.write { db in
                        try EventImporter.insert(batch, importID: importID, weights: weights, db: db)
                    }
                    sinceFullText += ins
                    sinceDuplicates += ins
                    if sinceDuplicates >= duplicatesEvery {
                        _ = try store.pool.write { try DuplicateIndex.catchUp($0, minSimilarity: store.config.dupes.minSimilarity) }
                        sinceDuplicates = 0
                    }
                    if sinceFullText >= fullTextEvery {
                        try store.pool.write { try FullTextIndex.catchUp($0) }
                        sinceFullText = 0
                    }
                    self.record(inserted: ins, skipped: skip)
                } catch {
                    self.fail(error)
                }
            }
            self.finish()
        }
        thread.name = "winnow-import-writer"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    private var done = false

    /// Hands a batch over, waiting while the writer is `capacity` batches behind.
    func submit(_ batch: [EventImporter.Accepted]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(batch)
        condition.broadcast()
    }

    /// Waits for every submitted batch to be written; returns (inserted, skipped) or the first error.
    func close() throws -> (Int, Int) {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        defer { condition.unlock() }
        if let failure { throw failure }
        return (inserted, skipped)
    }

    var counts: (inserted: Int, skipped: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (inserted, skipped)
    }

    private func next() -> [EventImporter.Accepted]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed && failure == nil { condition.wait() }
        if failure != nil || queue.isEmpty { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    private func record(inserted ins: Int, skipped skip: Int) {
        condition.lock()
        inserted += ins
        skipped += skip
        condition.unlock()
    }

    private func fail(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func finish() {
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }
}
