import Crypto
import Foundation
import GRDB
import WinnowCore

/// What a training export is asked to do.
public struct TrainingExportOptions: Sendable {
    public var kind: TrainingExportKind
    /// Staleness is measured back from here, and nothing newer is considered.
    public var asOfMillis: Int64
    /// A query in the queue's filter language, or nil for every item.
    public var filter: String?
    /// DPO only: prompt, chosen and rejected as lists of chat messages.
    public var conversational: Bool
    /// Drop the items that would leak an eval item into training instead of refusing the export.
    public var dropLeaking: Bool
    /// Compute the manifest only: no file, no audit record, the eval slice not kept.
    public var dryRun: Bool
    /// The data file; the manifest goes next to it (`PATH.manifest.json`). Unused in a dry run.
    public var output: URL

    public init(kind: TrainingExportKind, asOfMillis: Int64, filter: String? = nil, conversational: Bool = false,
                dropLeaking: Bool = false, dryRun: Bool = false, output: URL) {
        self.kind = kind
        self.asOfMillis = asOfMillis
        self.filter = filter
        self.conversational = conversational
        self.dropLeaking = dropLeaking
        self.dryRun = dryRun
        self.output = output
    }

    public var manifestURL: URL { Self.manifestURL(for: output) }

    public static func manifestURL(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + ".manifest.json")
    }
}

public struct TrainingExportResult: Sendable {
    public var manifest: ExportManifest
    /// The export's audit record, nil in a dry run.
    public var auditSeq: Int64?
}

/// A training export refused: these items would carry eval items into training.
public struct EvalLeakageError: Error, CustomStringConvertible, Equatable {
    public struct Leak: Sendable, Equatable {
        public var item: Int64
        public var evalItem: Int64
    }

    public var leaks: [Leak]

    public var description: String {
        let shown = leaks.prefix(20).map { "#\($0.item) (touches eval item #\($0.evalItem))" }.joined(separator: ", ")
        let more = leaks.count > 20 ? " and \(leaks.count - 20) more" : ""
        return "refused: \(leaks.count) item\(leaks.count == 1 ? "" : "s") would leak the eval set into training: \(shown)\(more); "
            + "nothing was written — merge or reject the duplicate suggestions, or rerun with --drop-leaking to drop them"
    }
}

/// The blocked-users file could not be read.
public struct BlockedUsersFileError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "cannot read training.blocked_users_file \(path): \(message)" }
}

extension Store {
    /// Writes one training export (in `runExport`'s frame: one write transaction and audit record,
    /// files renamed into place after it commits): freezes the eval slice up to as-of (so no eval
    /// item can later collide with what was trained on), then reads the considered items in item
    /// order and streams the records, applying the per-user cap afterwards (see `writeExport`).
    public func exportTraining(_ options: TrainingExportOptions, by identity: Identity,
                               at millis: Int64 = Clock.nowMillis()) throws -> TrainingExportResult {
        let filter = try options.filter.map { FilterSQL(try FilterQuery.parse($0), reviewer: identity.reviewer, now: options.asOfMillis) }
            ?? .everything
        let blockedFromFile = try blockedUsersFromFile()
        let redactor = try Redactor(custom: config.redactions)
        var manifest: ExportManifest?
        let seq = try runExport(output: options.output, manifestURL: options.manifestURL, dryRun: options.dryRun, by: identity,
                                at: millis) { sink, db in
            _ = try freezeEvalSlice(asOf: options.asOfMillis, db: db)
            let reach = try evalReach(db: db)
            let reader = TrainingCandidateReader(kind: options.kind, policy: config.training, filter: filter,
                                                 asOfMillis: options.asOfMillis, blockedFromFile: blockedFromFile, reach: reach)
            let written = try writeExport(options, reader: reader, redactor: redactor, sink: sink, db: db)
            manifest = written
            let reason = "exported \(written.kept) \(options.kind.rawValue) record\(written.kept == 1 ? "" : "s") to "
                + "\(written.dataFile) (\(written.considered - written.kept) dropped; as of \(written.asOf))"
            return ExportOutcome(manifest: try written.encoded(),
                                 audit: AuditEntry(action: "export", field: options.kind.rawValue, newValue: written.dataSHA256, reason: reason))
        }
        return TrainingExportResult(manifest: manifest!, auditSeq: seq)
    }

    /// One pass that writes every candidate (encoded on a second thread, `ExportRecordWriter`),
    /// then the cap, and the manifest, in the caller's transaction. The cap needs the number of candidates, known only at the end: when a user is
    /// over it, their examples past the cap are found by a query of their rows alone, and the
    /// written file is copied without those lines. Most exports cap no one and read the items once.
    private func writeExport(_ options: TrainingExportOptions, reader: TrainingCandidateReader, redactor: Redactor,
                             sink: ExportSink, db: Database) throws -> ExportManifest {
        let rules = TrainingRules(policy: config.training, asOfMillis: options.asOfMillis)
        let auditHead = try Self.auditHead(db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let kind = options.kind, conversational = options.conversational
        let writer = ExportRecordWriter(sink: sink) { row in
            try Self.record(row, kind: kind, conversational: conversational, redactor: redactor, encoder: encoder)
        }
        var perUser: [String: Int] = [:]
        var candidates = 0, considered = 0, redactedRecords = 0
        var leaks: [EvalLeakageError.Leak] = []
        var dropped: [TrainingRule: ExportManifest.Dropped] = [:]
        func count(_ rule: TrainingRule, _ item: Int64) {
            var entry = dropped[rule] ?? ExportManifest.Dropped(count: 0, samples: [])
            entry.count += 1
            if entry.samples.count < 5 { entry.samples.append(item) }
            dropped[rule] = entry
        }
        do {
            try reader.forEach(db, withPrompt: true) { row in
                considered += 1
                if let drop = rules.firstDrop(row.facts) {
                    if drop == .evalLeakage { leaks.append(EvalLeakageError.Leak(item: row.facts.itemID, evalItem: row.facts.leaksTo!)) }
                    count(drop, row.facts.itemID)
                    return
                }
                candidates += 1
                if let user = row.facts.userID { perUser[user, default: 0] += 1 }
                // A refused export writes nothing more once it knows it will refuse.
                guard leaks.isEmpty || options.dropLeaking else { return }
                try writer.add(row)
            }
        } catch {
            _ = try? writer.finish()
            throw error
        }
        redactedRecords = try writer.finish()
        if !leaks.isEmpty && !options.dropLeaking { throw EvalLeakageError(leaks: leaks) }
        try sink.finish()

        // The cap: each user over it keeps their best examples, in the cap's order.
        let cap = UserCap.effectiveCap(policy: config.training, candidates: candidates)
        let capped = perUser.filter { $0.value > cap }.map(\.key).sorted()
        var kept = candidates
        var result = (bytes: sink.bytes, digest: sink.digest)
        if !capped.isEmpty {
            var taken: [String: Int] = [:]
            var overCap = Set<Int64>()
            try reader.forEachOfUsers(capped, db) { row in
                guard rules.firstDrop(row.facts) == nil, let user = row.facts.userID else { return }
                taken[user, default: 0] += 1
                if taken[user]! > cap { overCap.insert(row.facts.itemID) }
            }
            for item in overCap.sorted() { count(.userCap, item) }
            kept -= overCap.count
            let rewritten = try sink.copy(dropping: overCap)
            redactedRecords -= rewritten.redactedDropped
            result = (rewritten.bytes, rewritten.digest)
        }

        var rubricVersions: [String: String] = [:]
        for rubric in config.rubrics { rubricVersions[rubric.name] = rubric.version }
        var droppedByName: [String: ExportManifest.Dropped] = [:]
        for rule in TrainingRule.allCases { droppedByName[rule.rawValue] = dropped[rule] ?? ExportManifest.Dropped(count: 0, samples: []) }
        return ExportManifest(
            kind: options.kind.rawValue, conversational: options.conversational, asOf: RFC3339.format(millis: options.asOfMillis),
            filter: options.filter, dropLeaking: options.dropLeaking, settingsFingerprint: settingsFingerprint,
            rubricVersions: rubricVersions, auditHead: auditHead, considered: considered, kept: kept,
            redactedRecords: redactedRecords, dropped: droppedByName,
            userCap: ExportManifest.Cap(maxPerUser: config.training.maxPerUser, maxUserShare: config.training.maxUserShare,
                                        effectiveCap: cap, candidatesBeforeCap: candidates, usersCapped: capped.count),
            dataFile: options.output.lastPathComponent, dataBytes: result.bytes, dataSHA256: result.digest)
    }

    /// One record as a JSON line, its texts redacted.
    private static func record(_ row: CandidateRow, kind: TrainingExportKind, conversational: Bool, redactor: Redactor,
                               encoder: JSONEncoder) throws -> (json: Data, redacted: Bool) {
        var marked: [String] = []
        func clean(_ text: String, _ field: String) -> String {
            let (out, changed) = redactor.redact(text)
            if changed { marked.append(field) }
            return out
        }
        let data: Data
        switch kind {
        case .dpo:
            let prompt = clean(row.prompt, "prompt")
            let chosen = clean(row.facts.correction ?? "", "chosen")
            let rejected = clean(row.facts.response, "rejected")
            data = try encoder.encode(DPORecord(prompt: prompt, chosen: chosen, rejected: rejected, conversational: conversational,
                                                metadata: RecordMetadata(row, redacted: marked)))
        case .sft:
            let prompt = clean(row.prompt, "user")
            let answer = clean(row.facts.correction ?? "", "assistant")
            data = try encoder.encode(SFTRecord(prompt: prompt, answer: answer, metadata: RecordMetadata(row, redacted: marked)))
        case .sftNegative:
            let prompt = clean(row.prompt, "prompt")
            let response = clean(row.facts.response, "response")
            data = try encoder.encode(NegativeRecord(prompt: prompt, response: response, csat: row.csat,
                                                     metadata: RecordMetadata(row, redacted: marked)))
        }
        return (data, !marked.isEmpty)
    }

    /// The hash of the last audit record that is not an export's (the genesis hash when none), so
    /// rerunning an export on an unchanged store names the same head.
    static func auditHead(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE action <> 'export' ORDER BY seq DESC LIMIT 1") ?? AuditLog.genesis
    }

    /// SHA-256 of the rules' settings and the redaction patterns.
    var settingsFingerprint: String {
        let text = config.training.fingerprintText + ";" + (config.redactions + RedactionRule.builtIn)
            .map { "redaction.\($0.name)=\($0.pattern)" }.joined(separator: ";")
        return RecordMetadata.hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// The ids in `[training] blocked_users_file` (relative to the workspace), one a line, `#`
    /// comments and blank lines ignored; empty when the setting is absent.
    public func blockedUsersFromFile() throws -> Set<String> {
        guard let path = config.training.blockedUsersFile else { return [] }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : workspace.directory.appendingPathComponent(path)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw BlockedUsersFileError(path: url.path, message: error.localizedDescription)
        }
        var ids = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let id = content.trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { ids.insert(id) }
        }
        return ids
    }
}

/// Where an export's lines go: through a 1 MB buffer into a temporary file (a dry run's too,
/// removed afterwards), hashed and counted on the way, so memory stays constant however many
/// records there are.
final class ExportSink {
    let file: URL
    private let handle: FileHandle
    private var buffer = Data()
    private var hasher = SHA256()
    private(set) var bytes = 0
    private(set) var digest = ""
    static let flushAt = 1 << 20

    init(file: URL) throws {
        self.file = file
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
        }
        handle = try FileHandle(forWritingTo: file)
        buffer.reserveCapacity(Self.flushAt + 65_536)
    }

    func write(_ line: Data) throws {
        buffer.append(line)
        buffer.append(0x0A)
        if buffer.count >= Self.flushAt { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        hasher.update(data: buffer)
        bytes += buffer.count
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        try handle.synchronize()
        try handle.close()
        digest = RecordMetadata.hex(hasher.finalize())
    }

    /// Copies the finished file over itself without the records of `items` (the capped ones),
    /// streaming line by line; returns the new size and hash, and how many of the dropped records
    /// had been redacted. A record's `"item_id":` key cannot occur inside one of its strings,
    /// where every quote is escaped.
    func copy(dropping items: Set<Int64>) throws -> (bytes: Int, digest: String, redactedDropped: Int) {
        let copy = file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".capped")
        defer { try? FileManager.default.removeItem(at: copy) }
        let out = try ExportSink(file: copy)
        let lines = LineReader(source: try FileByteSource(path: file.path), maxLineBytes: Int.max / 2)
        var redactedDropped = 0
        let itemKey = Array(#""item_id":"#.utf8)
        let emptyRedacted = Array(#""redacted":[]"#.utf8)
        while let line = try lines.next() {
            guard case .text(let bytes) = line else {
                // Unreachable with this limit; were it reached, a record would be lost, so say so.
                throw CocoaError(.fileReadTooLarge, userInfo: [NSFilePathErrorKey: file.path])
            }
            if let item = Self.number(after: itemKey, in: bytes), items.contains(item) {
                if Self.range(of: emptyRedacted, in: bytes) == nil { redactedDropped += 1 }
                continue
            }
            try out.write(Data(bytes))
        }
        try out.finish()
        guard rename(copy.path, file.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        return (out.bytes, out.digest, redactedDropped)
    }

    static func range(of needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        outer: for start in 0...(bytes.count - needle.count) {
            for (offset, byte) in needle.enumerated() where bytes[start + offset] != byte { continue outer }
            return start
        }
        return nil
    }

    static func number(after key: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int64? {
        guard var index = range(of: key, in: bytes).map({ $0 + key.count }) else { return nil }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
