import Foundation
import GRDB
import WinnowCore

/// Which training export: what an example is made of decides which items are considered at all.
public enum TrainingExportKind: String, CaseIterable, Sendable, Codable {
    /// Preference pairs: the reviewer-written or accepted correction is chosen, the response rejected.
    case dpo
    /// Chat exemplars: the prompt and the corrected answer.
    case sft
    /// Negative-only signals with no correction: the prompt and the bad response, with labels.
    case sftNegative = "sft-negative"

    /// Whether its examples train on a corrected answer (so the edit-distance rule applies).
    var usesCorrection: Bool { self != .sftNegative }
}

/// One considered row: the rule facts plus what a record is made of.
struct CandidateRow {
    var facts: CandidateFacts
    var eventID: String
    var requestID: String?
    var weight: Double
    var severity: String?
    var locus: String?
    /// The reason codes as stored, decoded only for the records written.
    var reasonsText: String?
    var settledBy: String?
    var prompt: String
    var csat: Int?
}

/// Reads the items a training export considers, in item order, with the facts its rules need,
/// in the caller's transaction. Blocked users come from the workspace's table and its file.
struct TrainingCandidateReader {
    let kind: TrainingExportKind
    let policy: TrainingPolicy
    let filter: FilterSQL
    let asOfMillis: Int64
    let blockedFromFile: Set<String>
    let reach: EvalReach

    /// The considered items' WHERE clause (without the filter): none newer than as-of, and only
    /// those the kind makes examples of.
    private var kindCondition: String {
        switch kind {
        case .dpo, .sft:
            return "items.correction IS NOT NULL AND items.correction_state IN ('written', 'accepted')"
        case .sftNegative:
            return """
                items.correction IS NULL AND (items.signal IN ('thumbs_down', 'agent_escalation') \
                OR (items.signal = 'csat' AND events.csat IS NOT NULL AND events.csat <= \(policy.negativeCSATMax)))
                """
        }
    }

    /// `withPrompt`: the pass that writes records, which also needs who settled each item; the
    /// counting passes read neither.
    private func sql(withPrompt: Bool, extraCondition: String = "", order: String = "items.id") -> String {
        """
        SELECT items.id, items.signal, items.weight, items.ts_ms, items.intent, items.trainable, items.canonical_id,
               items.status, items.severity, items.locus, items.reasons, items.correction,
               events.id AS event_id, events.request_id, events.user_id, events.sources, events.response, events.csat,
               \(withPrompt ? "events.prompt" : "NULL AS prompt"),
               (SELECT count(*) FROM disputes WHERE disputes.item_id = items.id AND disputes.state = 'open') AS open_disputes,
               EXISTS (SELECT 1 FROM blocked_users WHERE blocked_users.user_id = events.user_id) AS blocked,
               \(withPrompt ? Self.settledBy : "NULL") AS settled_by
        FROM items JOIN events ON events.rowid = items.id
        WHERE items.ts_ms <= ? AND \(kindCondition) AND (\(filter.clause)) \(extraCondition)
        ORDER BY \(order)
        """
    }

    static let settledBy = """
        (SELECT reviewer FROM judgments WHERE judgments.item_id = items.id AND judgments.field = 'status'
             AND judgments.state = 'accepted' ORDER BY judgments.id DESC LIMIT 1)
        """

    /// Every considered row in item order.
    func forEach(_ db: Database, withPrompt: Bool, _ body: (CandidateRow) throws -> Void) throws {
        var arguments: StatementArguments = [asOfMillis]
        arguments += filter.arguments
        let rows = try Row.fetchCursor(db, sql: sql(withPrompt: withPrompt), arguments: arguments)
        while let row = try rows.next() { try body(candidate(row)) }
    }

    /// The considered rows of these users, each user's in the cap's keeping order.
    func forEachOfUsers(_ users: [String], _ db: Database, _ body: (CandidateRow) throws -> Void) throws {
        guard !users.isEmpty else { return }
        let list = String(decoding: try JSONEncoder().encode(users), as: UTF8.self)
        var arguments: StatementArguments = [asOfMillis]
        arguments += filter.arguments
        arguments += [list]
        let rows = try Row.fetchCursor(db, sql: sql(withPrompt: false,
                                                    extraCondition: "AND events.user_id IN (SELECT value FROM json_each(?))",
                                                    order: "events.user_id, items.weight DESC, items.ts_ms, items.id"),
                                       arguments: arguments)
        while let row = try rows.next() { try body(candidate(row)) }
    }

    /// One item's row when the export considers it (for `--explain`).
    func one(item: Int64, _ db: Database) throws -> CandidateRow? {
        var arguments: StatementArguments = [asOfMillis]
        arguments += filter.arguments
        arguments += [item]
        return try Row.fetchOne(db, sql: sql(withPrompt: false, extraCondition: "AND items.id = ?"), arguments: arguments)
            .map(candidate)
    }

    func candidate(_ row: Row) throws -> CandidateRow {
        let id: Int64 = row["id"]
        let user: String? = row["user_id"]
        let canonical: Int64? = row["canonical_id"]
        var sources: [String] = []
        if policy.cutoffs.contains(where: { if case .source = $0.scope { true } else { false } }),
           let json: String = row["sources"] {
            sources = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
        }
        let trainable: Int64? = row["trainable"]
        let blocked: Bool = row["blocked"]
        let facts = CandidateFacts(
            itemID: id, signal: row["signal"], tsMillis: row["ts_ms"], userID: user, intent: row["intent"], sources: sources,
            trainableFlag: trainable.map { $0 != 0 }, canonicalID: canonical, status: row["status"],
            openDisputes: row["open_disputes"], isBlocked: blocked || user.map(blockedFromFile.contains) == true,
            response: row["response"], correction: kind.usesCorrection ? row["correction"] : nil,
            isEvalItem: reach.reserved.contains(id), leaksTo: reach.leak(item: id, clusterRoot: canonical ?? id))
        return CandidateRow(facts: facts, eventID: row["event_id"], requestID: row["request_id"], weight: row["weight"],
                            severity: row["severity"], locus: row["locus"], reasonsText: row["reasons"],
                            settledBy: row["settled_by"], prompt: row["prompt"] ?? "", csat: row["csat"])
    }
}
