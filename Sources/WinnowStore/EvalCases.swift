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
    /// SHA-256 of the request id (of the event id without one), as training records carry it.
    public var eventHash: String
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
    /// The texts an export redacted (prompt, response, correction).
    public var redacted: [String] = []

    enum CodingKeys: String, CodingKey {
        case ts, signal, intent, cohort, status, severity, locus, reasons, owner, prompt, response, correction, slice, rubric, redacted
        case itemID = "item_id", eventID = "event_id", eventHash = "event_hash", requestID = "request_id"
        case modelVersion = "model_version", promptVersion = "prompt_version"
    }
}

extension Store {
    /// Calls `body` with each case of the eval set as of `asOf`, in item order, in the caller's
    /// transaction: the frozen slice's items (`freezeEvalSlice` first) up to as-of, and the items
    /// of rubric rounds complete by then, with their scores as settled now. An incomplete rubric
    /// case is left out (it has no scores yet) but still reserved (`evalReach`). `filter` keeps
    /// the cases whose item matches it (the queue's filter language, on `items` and `events`).
    /// One row at a time: memory stays flat.
    func forEachEvalCase(asOf: Int64, filter: FilterSQL = .everything, db: Database, _ body: (EvalCase) throws -> Void) throws {
        let rubricRounds = try db.cachedStatement(sql: """
            SELECT r.id, r.name, r.rubric, r.rubric_version FROM round_items ri JOIN rounds r ON r.id = ri.round_id
            WHERE ri.item_id = ? AND r.rubric IS NOT NULL AND ri.completed_ms <= ? ORDER BY r.id
            """)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT items.id, items.status, items.severity, items.locus, items.reasons, items.owner, items.correction,
                   items.correction_state, events.id AS event_id, events.request_id, events.ts, events.signal, events.intent,
                   events.cohort, events.model_version, events.prompt_version, events.prompt, events.response, x.week, x.stratum
            FROM items JOIN events ON events.rowid = items.id LEFT JOIN eval_items x ON x.item_id = items.id AND items.ts_ms <= ?
            WHERE (x.item_id IS NOT NULL OR items.id IN (\(Self.completeRubricCasesSQL))) AND (\(filter.clause))
            ORDER BY items.id
            """, arguments: [asOf, asOf] + filter.arguments)
        while let row = try rows.next() {
            let item: Int64 = row["id"]
            var scored: [EvalCase.RubricScores] = []
            for round in try Row.fetchAll(rubricRounds, arguments: [item, asOf]) {
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
            let eventID: String = row["event_id"]
            let requestID: String? = row["request_id"]
            try body(EvalCase(itemID: item, eventID: eventID, eventHash: RecordMetadata.eventHash(requestID: requestID, eventID: eventID),
                              requestID: requestID, ts: row["ts"], signal: row["signal"],
                          intent: row["intent"], cohort: row["cohort"], modelVersion: row["model_version"],
                          promptVersion: row["prompt_version"], status: row["status"], severity: row["severity"],
                          locus: row["locus"], reasons: Store.reasonCodes(row["reasons"]), owner: row["owner"],
                          prompt: row["prompt"], response: row["response"], correction: settled ? row["correction"] : nil,
                          slice: week.map { EvalCase.Slice(week: $0, stratum: row["stratum"]) }, rubric: scored))
        }
    }

    /// Items of rubric rounds complete by the as-of time (the statement's argument).
    static let completeRubricCasesSQL = """
        SELECT ri.item_id FROM round_items ri JOIN rounds r ON r.id = ri.round_id WHERE r.rubric IS NOT NULL AND ri.completed_ms <= ?
        """
}
