import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// Whether the stored near-duplicate index matches the workspace's `[dupes]` settings.
public enum DuplicateIndexState: Equatable, Sendable {
    case off
    case current
    /// Sketches made with other settings, or items stored before suggestions: `winnow dupes rebuild`.
    case needsRebuild(String)
}

public struct DuplicateRebuildSummary: Equatable, Sendable {
    public var items = 0
    public var sketched = 0
    public var pairs = 0
    public var groups = 0
    public var seconds = 0.0
}

extension Store {
    static let dupesFingerprintKey = "dupes_fingerprint"
    static let dupesThresholdKey = "dupes_min_similarity"

    public func duplicateIndexState() throws -> DuplicateIndexState {
        guard config.dupes.enabled else { return .off }
        return try pool.read { db in
            let fingerprint = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.dupesFingerprintKey])
            let threshold = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.dupesThresholdKey])
                .flatMap(Double.init)
            guard let fingerprint else {
                let anyItem = try Int.fetchOne(db, sql: "SELECT 1 FROM items LIMIT 1") != nil
                return anyItem ? .needsRebuild("items were stored without near-duplicate sketches, before suggestions or while they were off")
                    : .current
            }
            if fingerprint != config.dupes.sketchFingerprint { return .needsRebuild("the [dupes] compare or mask settings changed") }
            // Pairs below the threshold are not kept, so only a lowered one needs them found again.
            if let threshold, config.dupes.minSimilarity < threshold {
                return .needsRebuild("dupes.min_similarity was lowered")
            }
            return .current
        }
    }

    /// Marks the index as made with the current settings when the workspace holds no item yet
    /// (its first import indexes everything), in the caller's transaction.
    static func adoptDuplicateSettingsIfEmpty(_ settings: DuplicateSettings, db: Database) throws {
        guard settings.enabled,
              try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [dupesFingerprintKey]) == nil,
              try Int.fetchOne(db, sql: "SELECT 1 FROM items LIMIT 1") == nil else { return }
        try recordDuplicateSettings(settings, db: db)
    }

    /// Forgets which settings the index was made with when an import runs with suggestions off:
    /// its items get no sketch, so turning suggestions back on must ask for a rebuild.
    static func forgetDuplicateSettingsIfOff(_ settings: DuplicateSettings, db: Database) throws {
        guard !settings.enabled else { return }
        try db.execute(sql: "DELETE FROM meta WHERE key IN (?, ?)", arguments: [dupesFingerprintKey, dupesThresholdKey])
    }

    static func recordDuplicateSettings(_ settings: DuplicateSettings, db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?), (?, ?)",
                       arguments: [dupesFingerprintKey, settings.sketchFingerprint, dupesThresholdKey, String(settings.minSimilarity)])
    }

    /// Recomputes every sketch, candidate and suggestion from the stored events with the current
    /// settings. Rejections and what reviewers saw are kept. Runs in batches (memory stays flat on
    /// a million items); the settings are recorded only when it completes, so a killed rebuild
    /// leaves a workspace that still says it needs one. Action "dupes_rebuild".
    @discardableResult
    public func rebuildDuplicates(by identity: Identity, batchSize: Int = 2_000, catchUpSize: Int = 50_000,
                                  progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> DuplicateRebuildSummary {
        let started = Date()
        let settings = config.dupes
        var summary = DuplicateRebuildSummary()
        let total = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM items") ?? 0 }
        try writing { db in
            try db.execute(sql: "DELETE FROM meta WHERE key IN (?, ?)", arguments: [Self.dupesFingerprintKey, Self.dupesThresholdKey])
            try db.execute(sql: "DELETE FROM dupe_pairs; DELETE FROM dupe_bands; DELETE FROM dupe_sketches;")
            try DuplicateIndex.setIndexedUpTo(0, db)
        }
        var after: Int64 = 0
        while settings.enabled {
            let rows = try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT i.id, e.prompt, e.response, e.correction FROM items i JOIN events e ON e.rowid = i.id
                    WHERE i.id > ? ORDER BY i.id LIMIT ?
                    """, arguments: [after, batchSize])
            }
            guard let last = rows.last else { break }
            after = last["id"]
            // Sketching is the costly part and needs no database: both cores share it.
            let texts: [String] = rows.map { settings.comparedText(prompt: $0["prompt"], response: $0["response"], correction: $0["correction"]) }
            var sketches = [DuplicateSketch?](repeating: nil, count: rows.count)
            sketches.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes its own element only.
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: texts.count) { index in
                    out[index] = DuplicateSketch(text: texts[index], parameters: settings.parameters)
                }
            }
            try writing { db in
                for (row, sketch) in zip(rows, sketches) {
                    guard let sketch, !sketch.isEmpty else { continue }
                    try DuplicateIndex.store(row["id"], sketch: sketch, db: db)
                    summary.sketched += 1
                }
            }
            summary.items += rows.count
            progress?(summary.items / 2, total)
        }
        // Then the suggestions, as an import finds them: in item order, many at a time.
        var indexed = 0
        while settings.enabled {
            let done = try writing { try DuplicateIndex.catchUp($0, minSimilarity: settings.minSimilarity, limit: catchUpSize) }
            if done == 0 { break }
            indexed += done
            progress?(summary.items / 2 + indexed * summary.items / max(1, 2 * summary.sketched), total)
        }
        try writing { db in
            summary.pairs = try Int.fetchOne(db, sql: "SELECT count(*) FROM dupe_pairs") ?? 0
            summary.groups = try Int.fetchOne(db, sql: "SELECT count(DISTINCT group_id) FROM dupe_sketches WHERE group_id IS NOT NULL") ?? 0
            if settings.enabled { try Self.recordDuplicateSettings(settings, db: db) }
            try AuditLog.append(AuditEntry(action: "dupes_rebuild",
                                           newValue: "\(summary.sketched) sketches, \(summary.pairs) suggested pairs in \(summary.groups) groups"),
                                by: identity, action: AuditAction(), db: db)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}
