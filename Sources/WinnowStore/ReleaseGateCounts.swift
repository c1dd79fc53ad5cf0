import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// Which version an event's release is told apart by.
public enum VersionAxis: String, Sendable, CaseIterable {
    case model = "model_version"
    case prompt = "prompt_version"
}

extension Store {
    /// What the release gate counts for one version (see `ReleaseGate`): on the version's reviewed
    /// items (triaged or resolved, merged duplicates left to their canonical), the hallucinations
    /// (the `[gate] hallucination_reason` code), the agent escalations and the CSAT scores; on its
    /// rubric-scored items, each dimension's settled scores and how many pass (`GateSettings.passes`).
    ///
    /// Only settled scores count: a round item's outcome by consensus or adjudication, as
    /// `roundOutcome` gives it, never a blind pending judgment nor an open dispute. An item scored in
    /// several rounds counts once, by its latest completed round with a rubric.
    public func releaseGateCounts(version: String, axis: VersionAxis) throws -> VersionCounts {
        let gate = config.gate
        var counts = VersionCounts(version: version)
        let column = axis.rawValue
        // One read: the figures of both kinds come from the same snapshot.
        try pool.read { db in
            if let reviewed = try Row.fetchOne(db, sql: """
                SELECT count(*) AS reviewed,
                       coalesce(sum(EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(items.reasons) THEN items.reasons ELSE '[]' END)
                                            WHERE json_each.value = ?)), 0) AS hallucinations,
                       coalesce(sum(items.signal = 'agent_escalation'), 0) AS escalations,
                       count(events.csat) AS csat_count,
                       coalesce(sum(events.csat), 0) AS csat_sum,
                       coalesce(sum(events.csat * events.csat), 0) AS csat_squares
                FROM items JOIN events ON events.rowid = items.id
                WHERE events.\(column) = ? AND items.status IN ('triaged', 'resolved') AND items.canonical_id IS NULL
                """, arguments: [gate.hallucinationReason, version]) {
                counts.reviewed = reviewed["reviewed"]
                counts.hallucinations = reviewed["hallucinations"]
                counts.escalations = reviewed["escalations"]
                counts.csat = MeanSummary(count: reviewed["csat_count"], sum: reviewed["csat_sum"], sumOfSquares: reviewed["csat_squares"])
            }
            let rounds = try Row.fetchAll(db, sql: """
                SELECT round_items.item_id AS item, max(round_items.round_id) AS round
                FROM round_items JOIN rounds ON rounds.id = round_items.round_id JOIN events ON events.rowid = round_items.item_id
                WHERE rounds.rubric IS NOT NULL AND round_items.completed_ms IS NOT NULL AND events.\(column) = ?
                GROUP BY round_items.item_id ORDER BY round_items.item_id
                """, arguments: [version])
            let rubricNames = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, rubric FROM rounds WHERE rubric IS NOT NULL")
                .map { ($0["id"] as Int64, $0["rubric"] as String) })
            for row in rounds {
                let item: Int64 = row["item"]
                let round: Int64 = row["round"]
                guard let rubric = rubricNames[round].flatMap({ config.rubric(named: $0) }) else { continue }
                var scored = false
                for (field, outcome) in try roundOutcome(item: item, round: round, db: db) {
                    guard case .dimension(let name) = field, outcome.source == .consensus || outcome.source == .adjudicated,
                          let value = outcome.value, let dimension = rubric.dimension(named: name) else { continue }
                    scored = true
                    var tally = counts.dimensions[name] ?? ProportionCount(count: 0, total: 0)
                    tally.total += 1
                    if gate.passes(value, on: dimension) { tally.count += 1 }
                    counts.dimensions[name] = tally
                }
                if scored { counts.rubricScored += 1 }
            }
        }
        return counts
    }

    /// Whether any event carries this version, so a typo is told apart from a version with nothing reviewed.
    public func versionExists(_ version: String, axis: VersionAxis) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE \(axis.rawValue) = ?)", arguments: [version]) ?? false
        }
    }
}
