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

    /// Its columns are read by position (`Column`): keep the two in step.
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

    /// The positions of `sql`'s columns: read by position, since looking each name up costs a
    /// hash per column per row.
    private enum Column {
        static let id = 0, signal = 1, weight = 2, tsMillis = 3, intent = 4, trainable = 5, canonical = 6, status = 7
        static let severity = 8, locus = 9, reasons = 10, correction = 11, eventID = 12, requestID = 13, user = 14
        static let sources = 15, response = 16, csat = 17, prompt = 18, openDisputes = 19, blocked = 20, settledBy = 21
    }

    private var readsSources: Bool { policy.cutoffs.contains { if case .source = $0.scope { true } else { false } } }

    func candidate(_ row: Row) throws -> CandidateRow {
        let id: Int64 = row[Column.id]
        let user: String? = row[Column.user]
        let canonical: Int64? = row[Column.canonical]
        var sources: [String] = []
        if readsSources, let json: String = row[Column.sources] {
            sources = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
        }
        let trainable: Int64? = row[Column.trainable]
        let blocked: Bool = row[Column.blocked]
        let facts = CandidateFacts(
            itemID: id, signal: row[Column.signal], tsMillis: row[Column.tsMillis], userID: user, intent: row[Column.intent],
            sources: sources, trainableFlag: trainable.map { $0 != 0 }, canonicalID: canonical, status: row[Column.status],
            openDisputes: row[Column.openDisputes], isBlocked: blocked || user.map(blockedFromFile.contains) == true,
            response: row[Column.response], correction: kind.usesCorrection ? row[Column.correction] : nil,
            isEvalItem: reach.reserved.contains(id), leaksTo: reach.leak(item: id, clusterRoot: canonical ?? id))
        return CandidateRow(facts: facts, eventID: row[Column.eventID], requestID: row[Column.requestID], weight: row[Column.weight],
                            severity: row[Column.severity], locus: row[Column.locus], reasonsText: row[Column.reasons],
                            settledBy: row[Column.settledBy], prompt: row[Column.prompt] ?? "", csat: row[Column.csat])
    }

}
