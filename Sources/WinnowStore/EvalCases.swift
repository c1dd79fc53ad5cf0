import Foundation
import GRDB
import WinnowCore

/// One case of the eval set: an item of the frozen slice of live traffic, a scored case of a
/// rubric round, or both, with what reviewers settled about it.
public struct EvalCase: Codable, Equatable, Sendable {
    /// Where the item sits in the slice of live traffic.
    public struct Slice: Codable, Equatable, Sendable {
        public var week: String
        public var stratum: String
    }

    /// A settled score: its value and how it was reached (consensus or adjudicated); an open
    /// dispute has no value yet.
    public struct Score: Codable, Equatable, Sendable {
        public var value: String?
        public var source: String
    }

    /// The item's scores in one complete rubric round.
    public struct RubricScores: Codable, Equatable, Sendable {
        public var round: String
        public var rubric: String
        public var rubricVersion: String?
        public var scores: [String: Score]

        enum CodingKeys: String, CodingKey {
            case round, rubric, scores
            case rubricVersion = "rubric_version"
        }
    }

    public var itemID: Int64
    public var eventID: String
    public var requestID: String?
    public var ts: String
    public var signal: String
    public var intent: String?
    public var cohort: String?
    public var modelVersion: String?
    public var promptVersion: String?
    public var status: String
    public var severity: String?
    public var locus: String?
    public var reasons: [String]
    public var owner: String?
    public var prompt: String
    public var response: String
    /// The reviewer-written or accepted correction, the answer the case expects.
    public var correction: String?
    public var slice: Slice?
    public var rubric: [RubricScores]

    enum CodingKeys: String, CodingKey {
        case ts, signal, intent, cohort, status, severity, locus, reasons, owner, prompt, response, correction, slice, rubric
        case itemID = "item_id", eventID = "event_id", requestID = "request_id"
        case modelVersion = "model_version", promptVersion = "prompt_version"
    }
}

extension Store {
    /// Calls `body` with each case of the eval set, in item order, in the caller's transaction:
    /// the frozen slice's items (`freezeEvalSlice` first) and the complete items of rubric rounds.
    /// An incomplete rubric case is left out (it has no scores yet) but still reserved
    /// (`evalReach`). `itemFilter`, when given, is an SQL condition on `items AS i` that a case's
    /// item must meet (the compiled filter language). One row at a time: memory stays flat.
    func forEachEvalCase(db: Database, itemFilter: (sql: String, arguments: StatementArguments)? = nil,
                         _ body: (EvalCase) throws -> Void) throws {
        let rubricRounds = try db.cachedStatement(sql: """
            SELECT r.id, r.name, r.rubric, r.rubric_version FROM round_items ri JOIN rounds r ON r.id = ri.round_id
            WHERE ri.item_id = ? AND r.rubric IS NOT NULL AND ri.completed_ms IS NOT NULL ORDER BY r.id
            """)
        var arguments: StatementArguments = []
        var condition = ""
        if let itemFilter {
            condition = "AND (\(itemFilter.sql))"
            arguments += itemFilter.arguments
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT i.id, i.status, i.severity, i.locus, i.reasons, i.owner, i.correction, i.correction_state,
                   e.id AS event_id, e.request_id, e.ts, e.signal, e.intent, e.cohort, e.model_version, e.prompt_version,
                   e.prompt, e.response, x.week, x.stratum
            FROM items i JOIN events e ON e.rowid = i.id LEFT JOIN eval_items x ON x.item_id = i.id
            WHERE (x.item_id IS NOT NULL OR i.id IN (
                SELECT ri.item_id FROM round_items ri JOIN rounds r ON r.id = ri.round_id
                WHERE r.rubric IS NOT NULL AND ri.completed_ms IS NOT NULL)) \(condition)
            ORDER BY i.id
            """, arguments: arguments)
        while let row = try rows.next() {
            let item: Int64 = row["id"]
            var scored: [EvalCase.RubricScores] = []
            for round in try Row.fetchAll(rubricRounds, arguments: [item]) {
                var scores: [String: EvalCase.Score] = [:]
                for (field, outcome) in try roundOutcome(item: item, round: round["id"], db: db) {
                    guard case .dimension(let name) = field else { continue }
                    scores[name] = EvalCase.Score(value: outcome.value, source: outcome.source.rawValue)
                }
                scored.append(EvalCase.RubricScores(round: round["name"], rubric: round["rubric"], rubricVersion: round["rubric_version"],
                                                    scores: scores))
            }
            let week: String? = row["week"]
            let correctionState: String? = row["correction_state"]
            let settled = correctionState == "written" || correctionState == "accepted"
            try body(EvalCase(itemID: item, eventID: row["event_id"], requestID: row["request_id"], ts: row["ts"], signal: row["signal"],
                          intent: row["intent"], cohort: row["cohort"], modelVersion: row["model_version"],
                          promptVersion: row["prompt_version"], status: row["status"], severity: row["severity"],
                          locus: row["locus"], reasons: Store.reasonCodes(row["reasons"]), owner: row["owner"],
                          prompt: row["prompt"], response: row["response"], correction: settled ? row["correction"] : nil,
                          slice: week.map { EvalCase.Slice(week: $0, stratum: row["stratum"]) }, rubric: scored))
        }
    }
}
