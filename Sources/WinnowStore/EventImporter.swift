import Foundation
import GRDB
import GRDBSQLite
import WinnowConfig
import WinnowCore

public struct ImportOptions: Sendable {
    public var dryRun = false
    /// Where rejected lines go; default `WORKSPACE/rejects/NAME.TIMESTAMP.rejects.jsonl`. An
    /// existing file is never overwritten: the import fails with `RejectsFileError.exists`.
    public var rejectsURL: URL?
    /// Events per transaction: a killed import loses at most one uncommitted batch, which a re-run restores.
    public var batchSize = 5_000
    /// A batch is also handed over once its raw lines reach this size, so long events (or a few
    /// huge ones) keep memory bounded the way short ones do.
    public var batchBytes = 2 << 20
    /// Inputs larger than this are imported with the secondary indexes dropped and rebuilt at the
    /// end, when no other process has the workspace open (see `WorkspaceLock`).
    public var bulkIndexThresholdBytes: Int64 = 64 << 20
    /// New events are added to the full-text index after this many, and at the end.
    public var fullTextEvery = 100_000
    /// Near-duplicate suggestions are found this many events at a time (and at the end), so a
    /// queue open during a long import sees them as it goes.
    public var duplicatesEvery = 50_000

    public init(dryRun: Bool = false, rejectsURL: URL? = nil) {
        self.dryRun = dryRun
        self.rejectsURL = rejectsURL
    }
}

public struct ImportRejection: Codable, Sendable, Equatable {
    public var line: Int
    public var code: String
    public var reason: String
    public var excerpt: String
}

public struct ImportSummary: Codable, Sendable, Equatable {
    public var source: String
    public var format: ImportFormat
    public var dryRun: Bool
    public var lines = 0
    public var imported = 0
    public var skipped = 0
    public var rejected = 0
    public var blank = 0
    public var rejectsFile: String?
    public var seconds = 0.0
    public var indexes = IndexUpkeep.maintained
    /// The first rejections, for printing; all of them are in the rejects file.
    public var firstRejections: [ImportRejection] = []

    enum CodingKeys: String, CodingKey {
        case source, format, lines, imported, skipped, rejected, blank, seconds, indexes
        case dryRun = "dry_run"
        case rejectsFile = "rejects_file"
        case firstRejections = "first_rejections"
    }
}

/// How an import kept the queue and filter indexes.
public enum IndexUpkeep: String, Codable, Sendable {
    /// Updated row by row: the input was small.
    case maintained
    /// Dropped for the load and rebuilt at the end: the input was large and nobody else had the
    /// workspace open.
    case rebuilt
    /// Updated row by row although the input was large, because other processes had the
    /// workspace open and their queues use the indexes.
    case keptForOthers = "kept_for_others"
}

public struct ImportProgress: Sendable {
    public var bytesRead: Int64
    public var totalBytes: Int64?
    public var lines: Int
    public var elapsed: Double
}

/// Streams events from an input into the store: validate each line, insert new events and their
/// items in batched transactions, report every rejected line with its number and reason.
public final class EventImporter {
    public static let firstRejectionsKept = 20

    private let store: Store
    private let identity: Identity
    private let decoder = EventDecoder()
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public init(store: Store, identity: Identity) {
        self.store = store
        self.identity = identity
    }

    struct Accepted {
        var event: Event
        var raw: String
        var line: Int
        /// `sources` and `tool_calls` as stored, set by `encodeStoredFields`.
        var sourcesJSON: String?
        var toolCallsJSON: String?
        /// The near-duplicate sketch of the compared text, nil when suggestions are off.
        var sketch: DuplicateSketch?

        init(event: Event, raw: String, line: Int) {
            self.event = event
            self.raw = raw
            self.line = line
        }

        /// Runs on the reading thread: JSONEncoder is slow, and the writer thread, the import's
        /// bottleneck, should only write.
        /// The sketch is made here too: normalising and hashing text is the costly part of the
        /// near-duplicate index, and this thread has time to spare.
        mutating func encodeStoredFields(_ encoder: JSONEncoder, dupes: DuplicateSettings) throws {
            sourcesJSON = try event.sources.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            toolCallsJSON = try event.toolCalls.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            if dupes.enabled {
                sketch = DuplicateSketch(text: dupes.comparedText(prompt: event.prompt, response: event.response,
                                                                  correction: event.correction),
                                         parameters: dupes.parameters)
            }
        }
    }

    public func run(_ input: ImportInput, options: ImportOptions = ImportOptions(),
                    progress: ((ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        if options.dryRun { return try importAll(input, options: options, progress: progress) }
        return try store.withBulkCheckpoints { try importAll(input, options: options, progress: progress) }
    }

    private func importAll(_ input: ImportInput, options: ImportOptions,
                           progress: ((ImportProgress) -> Void)?) throws -> ImportSummary {
        let started = Date()
        var summary = ImportSummary(source: input.name, format: input.format, dryRun: options.dryRun)
        let rejects = options.rejectsURL.map { RejectsWriter(url: $0, onExisting: .refuse) }
            ?? (options.dryRun ? RejectsWriter(url: nil) : RejectsWriter(url: defaultRejectsURL(for: input), onExisting: .pickNewName))
        defer { rejects.close() }

        // The start and finish records are one action, though the batches between commit apart.
        let auditAction = AuditAction()
        let importID: Int64? = options.dryRun ? nil : try store.pool.write { db in
            let format = input.format.rawValue + (input.compressed ? "+gzip" : "")
            try db.execute(sql: """
                INSERT INTO imports(source, format, reviewer, os_user, started_ms) VALUES (?, ?, ?, ?, ?)
                """, arguments: [input.name, format, identity.reviewer, identity.osUser, Self.nowMillis()])
            let id = db.lastInsertedRowID
            try Store.adoptDuplicateSettingsIfEmpty(store.config.dupes, db: db)
            try Store.forgetDuplicateSettingsIfOff(store.config.dupes, db: db)
            // Recorded before the first batch, so even an import killed part way is attributed.
            try AuditLog.append(AuditEntry(action: "import.start", field: "import", newValue: "#\(id) \(input.name) (\(format))"),
                                by: identity, action: auditAction, db: db)
            return id
        }
        // Dropping the queue indexes and rebuilding them at the end is the fastest way to load a
        // large input, but only while nobody else has the workspace open: their queues would
        // crawl without the indexes. Otherwise the indexes are kept up to date row by row.
        let large = !options.dryRun && (input.totalBytes ?? 0) > options.bulkIndexThresholdBytes
        let bulk = large && store.lock?.tryExclusive() == true
        if large { summary.indexes = bulk ? .rebuilt : .keptForOthers }
        defer { if bulk { store.lock?.backToShared() } }
        if bulk { try store.pool.write { try Schema.dropSecondaryIndexes($0) } }

        var batch: [Accepted] = []
        var batchBytes = 0
        batch.reserveCapacity(options.batchSize)
        let weights = store.config.taxonomy

        func reject(_ reason: RejectReason, line: Int, excerpt: UnsafeRawBufferPointer?) throws {
            summary.rejected += 1
            let text = excerpt.map { String(decoding: $0.prefix(160), as: UTF8.self) } ?? ""
            let rejection = ImportRejection(line: line, code: reason.code, reason: reason.description, excerpt: text)
            if summary.firstRejections.count < Self.firstRejectionsKept { summary.firstRejections.append(rejection) }
            try rejects.write(rejection, encoder: encoder)
        }

        let writer = options.dryRun ? nil : BatchWriter(store: store, importID: importID, weights: weights,
                                                          fullTextEvery: options.fullTextEvery, duplicatesEvery: options.duplicatesEvery)
        func flush() throws {
            guard !batch.isEmpty else { return }
            if let writer {
                try writer.submit(batch)
            } else {
                try store.pool.read { db in
                    let exists = try db.cachedStatement(sql: "SELECT 1 FROM events WHERE id = ?")
                    for accepted in batch {
                        if try Int.fetchOne(exists, arguments: [accepted.event.id]) != nil { summary.skipped += 1 }
                        else { summary.imported += 1 }
                    }
                }
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
            progress?(ImportProgress(bytesRead: input.source.consumedBytes, totalBytes: input.totalBytes,
                                     lines: summary.lines, elapsed: Date().timeIntervalSince(started)))
        }

        func add(_ accepted: Accepted) throws {
            var accepted = accepted
            // A dry run stores nothing, so it has nothing to encode.
            if writer != nil { try accepted.encodeStoredFields(encoder, dupes: store.config.dupes) }
            batch.append(accepted)
            batchBytes += accepted.raw.utf8.count
            if batch.count >= options.batchSize || batchBytes >= options.batchBytes { try flush() }
        }

        let lines = LineReader(source: input.source, maxLineBytes: EventDecoder.maxLineBytes)
        do {
            switch input.format {
            case .jsonl:
                while let line = try lines.next() {
                    summary.lines += 1
                    switch line {
                    case .tooLong(let bytes):
                        try reject(.lineTooLong(bytes: bytes, limit: EventDecoder.maxLineBytes),
                                   line: lines.lineNumber, excerpt: nil)
                    case .text(let bytes):
                        if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { summary.blank += 1; continue }
                        switch decoder.decode(line: bytes) {
                        case .success(let event):
                            try add(Accepted(event: event, raw: String(decoding: bytes, as: UTF8.self),
                                             line: lines.lineNumber))
                        case .failure(let reason):
                            try reject(reason, line: lines.lineNumber, excerpt: bytes)
                        }
                    }
                }
            case .csv:
                try readCSV(lines: lines, countLine: { blank in
                    summary.lines += 1
                    if blank { summary.blank += 1 }
                }, reject: { reason, line, excerpt in
                    try excerpt.withUnsafeBytes { try reject(reason, line: line, excerpt: $0) }
                }, accept: add)
            }
            try flush()
            if let writer {
                let (inserted, skipped) = try writer.close()
                summary.imported += inserted
                summary.skipped += skipped
            }
        } catch {
            _ = try? writer?.close()
            if bulk { try? store.pool.write { try Schema.createSecondaryIndexes($0) } }
            throw error
        }
        if bulk {
            try store.pool.write { try Schema.createSecondaryIndexes($0) }
            store.lock?.backToShared()
        }
        if !options.dryRun {
            try store.pool.write { try FullTextIndex.catchUp($0) }
            // Fresh statistics let the query planner pick the filter indexes over a sort.
            try store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA analysis_limit = 2000; PRAGMA optimize(0x10002)")
            }
            // After the statistics: the suggestions' lookups of a few items by id would otherwise have
            // SQLite analyse a small queue's items table, and plan its filters for a queue that size.
            _ = try store.pool.write { try DuplicateIndex.catchUp($0, minSimilarity: store.config.dupes.minSimilarity) }
        }

        summary.seconds = Date().timeIntervalSince(started)
        summary.rejectsFile = rejects.writtenURL?.path
        if let importID {
            try store.pool.write { db in
                try db.execute(sql: """
                    UPDATE imports SET finished_ms = ?, imported = ?, skipped = ?, rejected = ? WHERE id = ?
                    """, arguments: [Self.nowMillis(), summary.imported, summary.skipped, summary.rejected, importID])
                try AuditLog.append(AuditEntry(
                    action: "import.finish", field: "import",
                    newValue: "#\(importID) \(input.name): imported \(summary.imported), skipped \(summary.skipped), rejected \(summary.rejected)"),
                    by: identity, action: auditAction, db: db)
            }
        }
        return summary
    }

    private func readCSV(lines: LineReader, countLine: (_ blank: Bool) -> Void,
                         reject: (RejectReason, Int, [UInt8]) throws -> Void,
                         accept: (Accepted) throws -> Void) throws {
        let records = CSVRecordReader(lines: lines, maxRecordBytes: EventDecoder.maxLineBytes)
        guard case .fields(let header, _)? = try records.next() else { return }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = ["id", "ts", "signal", "prompt", "response"].filter { !columns.contains($0) }
        if !missing.isEmpty {
            throw ImportError.csvHeader("the CSV header lacks required column(s): \(missing.joined(separator: ", ")) (header: \(columns.joined(separator: ",")))")
        }
        countLine(false)
        while let record = try records.next() {
            switch record {
            case .rejected(let reason, let line, let excerpt):
                countLine(false)
                try reject(reason, line, excerpt)
            case .fields(let fields, let line):
                let blank = fields.count == 1 && fields[0].isEmpty
                countLine(blank)
                if blank { continue }
                guard fields.count == columns.count else {
                    try reject(.csvColumnCount(expected: columns.count, found: fields.count), line,
                               Array(fields.joined(separator: ",").utf8.prefix(160)))
                    continue
                }
                let object = CSVToJSON.object(columns: columns, fields: fields)
                let data = try encoder.encode(object)
                switch decoder.decode(data: data) {
                case .success(let event):
                    try accept(Accepted(event: event, raw: String(decoding: data, as: UTF8.self), line: line))
                case .failure(let reason):
                    try reject(reason, line, Array(fields.joined(separator: ",").utf8.prefix(160)))
                }
            }
        }
    }

    /// Inserts one batch in the caller's transaction; returns (inserted, skipped as already stored).
    /// Values are bound with SQLite's own calls (`RawStatement`): GRDB's argument arrays box and
    /// convert every value, a per-row cost the writer thread, the import's bottleneck, can do without.
    static func insert(_ batch: [Accepted], importID: Int64?, weights: Taxonomy, db: Database) throws -> (Int, Int) {
        let insertEvent = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO events(id, ts, ts_ms, signal, prompt, response, correction, request_id, user_id,
                cohort, channel, intent, page, escalation_reason, csat, model_version, prompt_version, policy_pack,
                sources, tool_calls, tool_failures, raw, import_id, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertItem = try db.cachedStatement(sql: """
            INSERT INTO items(id, signal, weight, ts_ms, intent) VALUES (?, ?, ?, ?, ?)
            """)
        let connection = db.sqliteConnection
        let event = RawStatement(insertEvent.sqliteStatement, connection: connection)
        let item = RawStatement(insertItem.sqliteStatement, connection: connection)
        var signalWeights: [Signal: Double] = [:]
        for signal in Signal.allCases { signalWeights[signal] = weights.weight(of: signal) }
        var inserted = 0
        var skipped = 0
        for accepted in batch {
            let e = accepted.event
            let failures = e.toolCalls?.filter(\.failed).count ?? 0
            event.bind(1, e.id)
            event.bind(2, e.timestamp)
            event.bind(3, e.timestampMillis)
            event.bind(4, e.signal.rawValue)
            event.bind(5, e.prompt)
            event.bind(6, e.response)
            event.bind(7, e.correction)
            event.bind(8, e.requestID)
            event.bind(9, e.userID)
            event.bind(10, e.cohort)
            event.bind(11, e.channel)
            event.bind(12, e.intent)
            event.bind(13, e.page)
            event.bind(14, e.escalationReason)
            event.bind(15, e.csat.map(Int64.init))
            event.bind(16, e.modelVersion)
            event.bind(17, e.promptVersion)
            event.bind(18, e.policyPack)
            event.bind(19, accepted.sourcesJSON)
            event.bind(20, accepted.toolCallsJSON)
            event.bind(21, Int64(failures))
            event.bind(22, accepted.raw)
            event.bind(23, importID)
            event.bind(24, Int64(accepted.line))
            try event.run()
            guard sqlite3_changes(connection) > 0 else { skipped += 1; continue }
            let itemID = sqlite3_last_insert_rowid(connection)
            item.bind(1, itemID)
            item.bind(2, e.signal.rawValue)
            item.bind(3, signalWeights[e.signal] ?? 0)
            item.bind(4, e.timestampMillis)
            item.bind(5, e.intent)
            try item.run()
            if let sketch = accepted.sketch { try DuplicateIndex.store(itemID, sketch: sketch, db: db) }
            inserted += 1
        }
        return (inserted, skipped)
    }

    private func defaultRejectsURL(for input: ImportInput) -> URL {
        let base = input.name == "<stdin>" ? "stdin" : URL(fileURLWithPath: input.name).lastPathComponent
        let stamp = RFC3339.format(millis: Self.nowMillis()).replacingOccurrences(of: ":", with: "")
        return store.workspace.rejectsDirectory.appendingPathComponent("\(base).\(stamp).rejects.jsonl")
    }

    static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

public enum ImportError: Error, CustomStringConvertible {
    case csvHeader(String)
    public var description: String {
        switch self {
        case .csvHeader(let message): message
        }
    }
}

/// A CSV row as the JSON object the contract describes: empty cells are absent, `csat` is a number,
/// `sources` is a JSON array or a `|`-separated list, `tool_calls` is JSON.
enum CSVToJSON {
    static func object(columns: [String], fields: [String]) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for (column, value) in zip(columns, fields) where !value.isEmpty {
            switch column {
            case "csat":
                if let n = Double(value.trimmingCharacters(in: .whitespaces)) { object[column] = .number(n) }
                else { object[column] = .string(value) }
            case "sources":
                if value.hasPrefix("["), let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(value.utf8)) {
                    object[column] = parsed
                } else {
                    object[column] = .array(value.split(separator: "|").map { .string($0.trimmingCharacters(in: .whitespaces)) })
                }
            case "tool_calls":
                object[column] = (try? JSONDecoder().decode(JSONValue.self, from: Data(value.utf8))) ?? .string(value)
            default:
                object[column] = .string(value)
            }
        }
        return object
    }
}
