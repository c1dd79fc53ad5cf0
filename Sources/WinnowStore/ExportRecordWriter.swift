import Foundation

/// Encodes and writes an export's records on a second thread while the reader finds the next
/// candidates: encoding (and redacting) is about half of an export's work, and reading and judging
/// the rows the other half, so on two cores they overlap. One thread writes, in the order the
/// rows were handed over, so the file is the same as a single thread's.
final class ExportRecordWriter: @unchecked Sendable {
    /// Rows per batch handed over, and the most text waiting at once (a record can hold megabytes).
    static let batchRows = 256
    static let maxPendingBytes = 8 << 20

    private let condition = NSCondition()
    private var pending: [(rows: [CandidateRow], bytes: Int)] = []
    private var pendingBytes = 0
    private var readingDone = false
    private var writingDone = false
    private var failure: Error?
    private var redacted = 0
    private let sink: ExportSink
    private let encode: (CandidateRow) throws -> (json: Data, redacted: Bool)
    private var batch: [CandidateRow] = []
    private var batchBytes = 0

    init(sink: ExportSink, encode: @escaping (CandidateRow) throws -> (json: Data, redacted: Bool)) {
        self.sink = sink
        self.encode = encode
        let thread = Thread { [self] in run() }
        thread.name = "winnow export writer"
        thread.start()
    }

    /// Queues one record (the reader's thread).
    func add(_ row: CandidateRow) throws {
        batchBytes += row.prompt.utf8.count + row.facts.response.utf8.count + (row.facts.correction?.utf8.count ?? 0)
        batch.append(row)
        if batch.count >= Self.batchRows || batchBytes >= Self.maxPendingBytes / 4 { try handOver() }
    }

    private func handOver() throws {
        guard !batch.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while pendingBytes >= Self.maxPendingBytes && failure == nil && !writingDone { condition.wait() }
        if let failure { throw failure }
        pending.append((batch, batchBytes))
        pendingBytes += batchBytes
        condition.broadcast()
        batch = []
        batchBytes = 0
    }

    /// Hands over the last rows and waits until every record is written; returns how many were
    /// redacted. Call it however reading ended: the writer stops only when told.
    func finish() throws -> Int {
        let handed = Result { try handOver() }
        condition.lock()
        readingDone = true
        condition.broadcast()
        while !writingDone { condition.wait() }
        let failure = self.failure
        let redacted = self.redacted
        condition.unlock()
        try handed.get()
        if let failure { throw failure }
        return redacted
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !readingDone { condition.wait() }
            guard !pending.isEmpty, failure == nil else {
                writingDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let next = pending.removeFirst()
            condition.unlock()
            var redactedHere = 0
            var error: Error?
            do {
                for row in next.rows {
                    let line = try encode(row)
                    if line.redacted { redactedHere += 1 }
                    try sink.write(line.json)
                }
            } catch let thrown {
                error = thrown
            }
            condition.lock()
            pendingBytes -= next.bytes
            redacted += redactedHere
            if let error {
                failure = error
                pending.removeAll()
                writingDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}
