import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// One item in a reviewer's round queue: what to judge on it, and what they judged if they did.
public struct AssignmentRow: Sendable, Equatable {
    public var round: String
    public var roundID: Int64
    public var itemID: Int64
    public var position: Int
    /// `open`, `submitted` or `skipped`.
    public var state: String
    public var skipReason: String?
    public var submittedMillis: Int64?
    /// The rubric dimensions that apply to the item's signal and intent, then the triage labels.
    public var judged: [JudgedField]
    /// The reviewer's own current judgments (empty while open).
    public var values: [JudgedField: String]
    /// Whether every assignment of the item is in (its judgments are then visible to all its reviewers).
    public var itemComplete: Bool
    public var roundClosed: Bool

    public var isOpen: Bool { state == "open" }
}

extension Store {
    /// The reviewer's assignments, in one round or all: open ones first in queue order, then done ones.
    public func assignments(for reviewer: String, round: String? = nil) throws -> [AssignmentRow] {
        try pool.read { db in
            var sql = """
                SELECT a.*, r.name AS round_name, r.closed_ms AS round_closed, ri.completed_ms AS item_completed
                FROM assignments AS a JOIN rounds AS r ON r.id = a.round_id
                JOIN round_items AS ri ON ri.round_id = a.round_id AND ri.item_id = a.item_id
                WHERE a.reviewer = ?
                """
            var arguments: [DatabaseValueConvertible] = [reviewer]
            if let round {
                let record = try RoundRecord.fetch(named: round, db: db)
                sql += " AND a.round_id = ?"
                arguments.append(record.id)
            }
            sql += " ORDER BY a.state <> 'open', a.round_id, a.position"
            var rounds: [Int64: RoundRecord] = [:]
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                let roundID: Int64 = row["round_id"]
                if rounds[roundID] == nil {
                    rounds[roundID] = RoundRecord(try Row.fetchOne(db, sql: "SELECT * FROM rounds WHERE id = ?", arguments: [roundID])!)
                }
                let item: Int64 = row["item_id"]
                var values: [JudgedField: String] = [:]
                for judgment in try Row.fetchAll(db, sql: """
                    SELECT field, value FROM judgments WHERE round_id = ? AND item_id = ? AND reviewer = ? AND state <> 'superseded'
                    """, arguments: [roundID, item, reviewer]) {
                    if let field = JudgedField(stored: judgment["field"]) { values[field] = judgment["value"] }
                }
                return AssignmentRow(round: row["round_name"], roundID: roundID, itemID: item, position: row["position"], state: row["state"],
                                     skipReason: row["skip_reason"], submittedMillis: row["submitted_ms"],
                                     judged: try judgedFields(rounds[roundID]!, item: item, db: db), values: values,
                                     itemComplete: row["item_completed"] as Int64? != nil, roundClosed: row["round_closed"] as Int64? != nil)
            }
        }
    }

    /// What a round judges on an item: the dimensions of its rubric (as the workspace defines it
    /// now) that apply to the item's signal and intent, then its triage labels.
    func judgedFields(_ round: RoundRecord, item: Int64, db: Database) throws -> [JudgedField] {
        var judged: [JudgedField] = []
        if let name = round.rubric, let rubric = config.rubric(named: name),
           let row = try Row.fetchOne(db, sql: "SELECT signal, intent FROM items WHERE id = ?", arguments: [item]),
           let signal = Signal(rawValue: row["signal"]) {
            judged += rubric.dimensions(for: signal, intent: row["intent"]).map { .dimension($0.name) }
        }
        return judged + round.fields.map { .label($0) }
    }
}
