import Foundation
import GRDB
import WinnowCore

/// What an eval export is asked to do.
public struct EvalExportOptions: Sendable {
    /// The slice is chosen up to here; nothing newer is exported.
    public var asOfMillis: Int64
    /// A query in the queue's filter language, or nil for every case.
    public var filter: String?
    /// Compute the manifest only: no file, no audit record, nothing chosen kept.
    public var dryRun: Bool
    /// The data file; the manifest goes next to it (`PATH.manifest.json`). Unused in a dry run.
    public var output: URL

    public init(asOfMillis: Int64, filter: String? = nil, dryRun: Bool = false, output: URL) {
        self.asOfMillis = asOfMillis
        self.filter = filter
        self.dryRun = dryRun
        self.output = output
    }

    public var manifestURL: URL { TrainingExportOptions.manifestURL(for: output) }
}

/// What an eval export wrote, beside its data file. Like a training export's manifest it holds no
/// wall-clock time, so the same store and the same as-of give the same bytes.
public struct EvalManifest: Codable, Sendable, Equatable {
    public var kind = "eval"
    public var asOf: String
    public var filter: String?
    /// `[eval]` share and seed: they decide which items a week gives.
    public var share: Double
    public var seed: String
    /// Rubric name → version (its content hash) in use by the workspace.
    public var rubricVersions: [String: String]
    /// The hash of the last audit record that is not an export's own.
    public var auditHead: String
    public var kept: Int
    /// Cases from the slice of live traffic (a case can also be a rubric case).
    public var sliceCases: Int
    /// Cases scored in a complete rubric round.
    public var rubricCases: Int
    /// Week (its Monday) → slice cases written.
    public var weeks: [String: Int]
    /// Reserved for eval but not written: rubric cases whose round is not complete by the as-of
    /// time (they have no settled scores yet; training never gets them either).
    public var dropped: [String: ExportManifest.Dropped]
    public var redactedRecords: Int
    public var dataFile: String
    public var dataBytes: Int
    public var dataSHA256: String

    enum CodingKeys: String, CodingKey {
        case kind, filter, share, seed, kept, weeks, dropped
        case asOf = "as_of", rubricVersions = "rubric_versions", auditHead = "audit_head"
        case sliceCases = "slice_cases", rubricCases = "rubric_cases"
        case redactedRecords = "redacted_records", dataFile = "data_file", dataBytes = "data_bytes", dataSHA256 = "data_sha256"
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

public struct EvalExportResult: Sendable {
    public var manifest: EvalManifest
    /// Slice items this export chose (weeks that grew since the last export); 0 on a rerun. Not
    /// in the manifest, which a rerun must reproduce byte for byte.
    public var sliceChosenNow: Int
    /// The export's audit record, nil in a dry run.
    public var auditSeq: Int64?
}

extension Store {
    /// Writes the eval set: freezes the slice of live traffic up to as-of (kept once chosen, so
    /// it never moves into training), then streams every case (the slice's items and the complete
    /// rubric cases with their settled scores) in item order, redacted as training records are,
    /// into a temporary file that is renamed into place after the one audit record commits. A dry
    /// run does the same in a transaction it rolls back.
    public func exportEval(_ options: EvalExportOptions, by identity: Identity,
                           at millis: Int64 = Clock.nowMillis()) throws -> EvalExportResult {
        let filter = try options.filter.map { FilterSQL(try FilterQuery.parse($0), reviewer: identity.reviewer, now: options.asOfMillis) }
            ?? .everything
        let redactor = try Redactor(custom: config.redactions)
        var manifest: EvalManifest?
        var chosen = 0
        let seq = try runExport(output: options.output, manifestURL: options.manifestURL, dryRun: options.dryRun, by: identity,
                                at: millis) { sink, db in
            chosen = try freezeEvalSlice(asOf: options.asOfMillis, db: db)
            let written = try writeEvalCases(options, filter: filter, redactor: redactor, sink: sink, db: db)
            manifest = written
            let reason = "exported \(written.kept) eval case\(written.kept == 1 ? "" : "s") to \(written.dataFile) "
                + "(\(written.sliceCases) from the slice, \(chosen) of them chosen now, \(written.rubricCases) rubric; as of \(written.asOf))"
            return ExportOutcome(manifest: try written.encoded(),
                                 audit: AuditEntry(action: "export", field: "eval", newValue: written.dataSHA256, reason: reason))
        }
        return EvalExportResult(manifest: manifest!, sliceChosenNow: chosen, auditSeq: seq)
    }

    private func writeEvalCases(_ options: EvalExportOptions, filter: FilterSQL, redactor: Redactor,
                                sink: ExportSink, db: Database) throws -> EvalManifest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var kept = 0, sliceCases = 0, rubricCases = 0, redactedRecords = 0
        var weeks: [String: Int] = [:]
        try forEachEvalCase(asOf: options.asOfMillis, filter: filter, db: db) { evalCase in
            var record = evalCase
            func clean(_ text: String, _ field: String) -> String {
                let (out, changed) = redactor.redact(text)
                if changed { record.redacted.append(field) }
                return out
            }
            record.prompt = clean(record.prompt, "prompt")
            record.response = clean(record.response, "response")
            record.correction = record.correction.map { clean($0, "correction") }
            if !record.redacted.isEmpty { redactedRecords += 1 }
            if let slice = record.slice {
                sliceCases += 1
                weeks[slice.week, default: 0] += 1
            }
            if !record.rubric.isEmpty { rubricCases += 1 }
            try sink.write(try encoder.encode(record))
            kept += 1
        }
        try sink.finish()
        var incomplete = ExportManifest.Dropped(count: 0, samples: [])
        let reserved = try Int64.fetchCursor(db, sql: """
            SELECT DISTINCT items.id FROM round_items ri JOIN rounds r ON r.id = ri.round_id JOIN items ON items.id = ri.item_id
            JOIN events ON events.rowid = items.id
            WHERE r.rubric IS NOT NULL AND items.id NOT IN (\(Self.completeRubricCasesSQL))
              AND items.id NOT IN (SELECT x.item_id FROM eval_items x JOIN items i ON i.id = x.item_id WHERE i.ts_ms <= ?)
              AND (\(filter.clause))
            ORDER BY items.id
            """, arguments: [options.asOfMillis, options.asOfMillis] + filter.arguments)
        while let item = try reserved.next() {
            incomplete.count += 1
            if incomplete.samples.count < 5 { incomplete.samples.append(item) }
        }
        var rubricVersions: [String: String] = [:]
        for rubric in config.rubrics { rubricVersions[rubric.name] = rubric.version }
        return EvalManifest(
            asOf: RFC3339.format(millis: options.asOfMillis), filter: options.filter, share: config.eval.share, seed: config.eval.seed,
            rubricVersions: rubricVersions, auditHead: try Self.auditHead(db), kept: kept, sliceCases: sliceCases,
            rubricCases: rubricCases, weeks: weeks,
            dropped: ["rubric_incomplete": incomplete],
            redactedRecords: redactedRecords, dataFile: options.output.lastPathComponent, dataBytes: sink.bytes,
            dataSHA256: sink.digest)
    }
}
