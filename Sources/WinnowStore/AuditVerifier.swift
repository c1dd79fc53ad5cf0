import Foundation
import GRDB
import GRDBSQLite

/// `AuditLog.verify` over millions of records, on two threads: this one reads the log in sequence
/// order and checks each record's sequence number and link, while a second one recomputes each
/// record's SHA-256 and compares it with the stored hash, a batch behind.
///
/// The answer is the one a single pass would give. A record's checks run in the order sequence,
/// link, content, and a link is checked against the previous record's *stored* hash, which equals
/// its recomputed hash unless that record already failed its own content check, earlier in the log.
/// So the first broken record is the earlier of the reader's first failure and the hasher's, and
/// the reader's when both name the same record (it never hands the hasher a record it refused).
enum AuditVerifier {
    /// Records per batch handed between the threads (about 1 MB of hash input); tests make it
    /// small to cross batch boundaries.
    static func verify(_ db: Database, batchSize: Int = 4096) throws -> AuditLog.Verification {
        // A workspace opened read-only may predate action ids (migration v7): all its records are format 1.
        let hasActionIDs = try db.columns(in: "audit").contains { $0.name == "hash_format" }
        let statement = try db.makeStatement(sql: """
            SELECT seq, ts_ms, reviewer, os_user, action, item_id, field, old_value, new_value, reason, prev_hash, hash,
                   \(hasActionIDs ? "action_id, hash_format" : "NULL, 1")
            FROM audit ORDER BY seq
            """)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }

        let handoff = Handoff(batches: 3, size: batchSize)
        let hasher = Thread { handoff.hashBatches() }
        hasher.name = "winnow audit verify"
        hasher.start()
        // However the reader stops (end of log, a broken record, an SQLite error), the hasher
        // finishes what it was handed and the answer waits for it.
        var readerFailure: (position: Int, seq: Int64, reason: String)?
        var count = 0
        do {
            defer { handoff.finishReading() }
            let previous = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
            defer { previous.deallocate() }
            previous.copyBytes(from: AuditLog.genesis.utf8)
            var previousIsHash = true
            var expectedSeq: Int64 = 1
            guard var batch = handoff.emptyBatch(firstPosition: 1) else { return handoff.result(reader: nil, count: 0) }
            while true {
                let rc = sqlite3_step(stmt)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                count += 1
                let seq = sqlite3_column_int64(stmt, 0)
                if seq != expectedSeq {
                    readerFailure = (count, seq, "sequence jumps from \(expectedSeq - 1) to \(seq): records are missing")
                    break
                }
                // sqlite3_column_text is NULL exactly for a NULL value (or out of memory).
                func text(_ column: Int32) -> UnsafeRawBufferPointer? {
                    guard let pointer = sqlite3_column_text(stmt, column) else { return nil }
                    return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(stmt, column)))
                }
                func integer(_ column: Int32) -> Int64? {
                    sqlite3_column_type(stmt, column) == SQLITE_NULL ? nil : sqlite3_column_int64(stmt, column)
                }
                let link = text(10)
                guard let link, previousIsHash, link.count == 64, memcmp(link.baseAddress!, previous.baseAddress!, 64) == 0 else {
                    readerFailure = (count, seq, "its prev_hash does not match record \(seq - 1)'s hash")
                    break
                }
                // The same fields, in the same order, as `AuditLog.hash(of:)`. A record of a format
                // this version does not know is hashed as nothing, which its stored hash never matches.
                let input = batch.input
                let start = input.byteCount
                let format = integer(13) ?? 1
                if input.begin(format: Int(truncatingIfNeeded: format)) {
                    input.integer(seq)
                    input.integer(integer(1))
                    for column: Int32 in 2...4 { input.bytes(text(column)) }
                    input.integer(integer(5))
                    for column: Int32 in 6...9 { input.bytes(text(column)) }
                    input.bytes(link)
                    if format == 2 { input.integer(integer(12)) }
                }
                let stored = text(11)
                previousIsHash = batch.add(seq: seq, start: start, storedHash: stored)
                if let stored, previousIsHash { previous.copyMemory(from: stored) }
                expectedSeq = seq + 1
                if batch.records == batchSize {
                    handoff.submit(batch)
                    // nil: the hasher has found a broken record, which reading further cannot change.
                    guard let next = handoff.emptyBatch(firstPosition: count + 1) else { return handoff.result(reader: nil, count: count) }
                    batch = next
                }
            }
            handoff.submit(batch)
        }
        return handoff.result(reader: readerFailure, count: count)
    }

    /// Records read, waiting to be hashed.
    final class Batch {
        let input = AuditHashInput()
        /// The position in the log (1-based) of the first record.
        var firstPosition = 1
        private(set) var seqs: [Int64] = []
        /// Where each record's hash input ends in `input`.
        private(set) var ends: [Int] = []
        /// Each record's stored hash when it has the shape of one (64 bytes), else nil.
        let hashes: UnsafeMutableRawBufferPointer
        private(set) var hasHash: [Bool] = []

        init(size: Int) {
            hashes = .allocate(byteCount: 64 * size, alignment: 1)
            seqs.reserveCapacity(size)
            ends.reserveCapacity(size)
            hasHash.reserveCapacity(size)
        }

        deinit { hashes.deallocate() }

        var records: Int { seqs.count }

        func reset(firstPosition: Int) {
            self.firstPosition = firstPosition
            input.reset()
            seqs.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            hasHash.removeAll(keepingCapacity: true)
        }

        /// Adds the record whose hash input was written from `start`; whether its stored hash
        /// has the shape of one.
        func add(seq: Int64, start: Int, storedHash: UnsafeRawBufferPointer?) -> Bool {
            let valid = storedHash?.count == 64
            if let storedHash, valid {
                UnsafeMutableRawBufferPointer(rebasing: hashes[64 * records ..< 64 * (records + 1)]).copyMemory(from: storedHash)
            }
            seqs.append(seq)
            ends.append(input.byteCount)
            hasHash.append(valid)
            return valid
        }

        /// The index of the first record whose content does not match its stored hash.
        func firstMismatch() -> Int? {
            var start = 0
            for index in 0..<records {
                let stored = hasHash[index] ? UnsafeRawBufferPointer(rebasing: hashes[64 * index ..< 64 * (index + 1)]) : nil
                if !input.matches(hex: stored, in: start..<ends[index]) { return index }
                start = ends[index]
            }
            return nil
        }
    }

    /// The two threads' meeting point: empty batches go to the reader, full ones to the hasher.
    final class Handoff: @unchecked Sendable {
        private let condition = NSCondition()
        private var empty: [Batch]
        private var full: [Batch] = []
        private var readingDone = false
        private var hashingDone = false
        private var hashFailure: (position: Int, seq: Int64)?

        init(batches: Int, size: Int) { empty = (0..<batches).map { _ in Batch(size: size) } }

        /// An empty batch for the reader, or nil once the hasher has found a broken record.
        func emptyBatch(firstPosition: Int) -> Batch? {
            condition.lock()
            defer { condition.unlock() }
            while empty.isEmpty && hashFailure == nil { condition.wait() }
            guard hashFailure == nil else { return nil }
            let batch = empty.removeLast()
            batch.reset(firstPosition: firstPosition)
            return batch
        }

        func submit(_ batch: Batch) {
            condition.lock()
            full.append(batch)
            condition.broadcast()
            condition.unlock()
        }

        func finishReading() {
            condition.lock()
            readingDone = true
            condition.broadcast()
            condition.unlock()
        }

        /// The hashing thread's loop: until the reader is done and every batch is hashed, or a
        /// record does not match.
        func hashBatches() {
            while true {
                condition.lock()
                while full.isEmpty && !readingDone { condition.wait() }
                guard !full.isEmpty else {
                    hashingDone = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                let batch = full.removeFirst()
                condition.unlock()

                let mismatch = batch.firstMismatch()
                condition.lock()
                if let mismatch {
                    hashFailure = (batch.firstPosition + mismatch, batch.seqs[mismatch])
                    hashingDone = true
                }
                empty.append(batch)
                condition.broadcast()
                condition.unlock()
                if mismatch != nil { return }
            }
        }

        /// Waits for the hasher, then the first broken record of either thread.
        func result(reader: (position: Int, seq: Int64, reason: String)?, count: Int) -> AuditLog.Verification {
            condition.lock()
            readingDone = true
            condition.broadcast()
            while !hashingDone { condition.wait() }
            let hashed = hashFailure
            condition.unlock()
            if let hashed, reader.map({ hashed.position < $0.position }) ?? true {
                return AuditLog.Verification(records: hashed.position, firstBroken: (hashed.seq, "its content does not match its hash: the record was changed"))
            }
            if let reader {
                return AuditLog.Verification(records: reader.position, firstBroken: (reader.seq, reader.reason))
            }
            return AuditLog.Verification(records: count, firstBroken: nil)
        }
    }
}
