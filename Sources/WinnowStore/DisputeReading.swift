import Foundation
import GRDB
import WinnowCore

public enum DisputeState: String, Sendable, CaseIterable {
    case open, decided
}

/// One dispute as the dispute list shows it.
public struct DisputeSummary: Equatable, Sendable {
    public var id: Int64
    public var itemID: Int64
    public var field: JudgedField
    public var roundID: Int64?
    public var roundName: String?
    public var state: DisputeState
    public var openedBy: String
    public var openedMillis: Int64
    public var reason: String?
    public var decidedBy: String?
    public var decidedMillis: Int64?
    /// The decided value while the dispute is decided.
    public var decidedValue: String?

    /// Where it came from: `round NAME`, or `raised in triage`.
    public var origin: String { roundName.map { "round \($0)" } ?? "raised in triage" }
}

/// Where a judgment in a dispute stands.
public enum DisputeVerdict: String, Sendable {
    /// Competing, not decided yet.
    case undecided
    /// Competing, and the decision took its value.
    case upheld
    /// Competing, and the decision took another value (its `overruled_by`).
    case overruled
    /// The dispute's decision.
    case decision
    /// A decision a lead withdrew by reopening the dispute.
    case withdrawn
}

/// A judgment in a dispute, side by side with the others.
public struct DisputedJudgment: Equatable, Sendable {
    public var id: Int64
    public var reviewer: String
    public var createdMillis: Int64
    public var value: String?
    /// The rationale written with it (a round's judgment, or a decision).
    public var rationale: String?
    /// The note written with it (a triage label's reason, a proposal's dispute reason).
    public var note: String?
    /// The judgment's own state: accepted, pending, superseded or disputed.
    public var state: String
    public var verdict: DisputeVerdict
}

/// Everything the adjudication view shows about one dispute.
public struct DisputeDetail: Equatable, Sendable {
    public var summary: DisputeSummary
    /// The item's version now: what a decision made from this view passes as its expected version.
    public var itemVersion: Int
    /// The competing judgments, oldest first.
    public var competing: [DisputedJudgment]
    public var decision: DisputedJudgment?
    /// Earlier decisions withdrawn by a reopen, oldest first.
    public var withdrawn: [DisputedJudgment]
    /// Who may not decide it: whoever raised it and every reviewer with a competing judgment.
    public var disputants: [String]
}

extension Store {
    /// Disputes in the order they were opened (oldest first), optionally only open or decided ones,
    /// or one item's; at most `limit`.
    public func disputes(_ state: DisputeState? = nil, item: Int64? = nil, limit: Int = 1000) throws -> [DisputeSummary] {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let state { conditions.append("disputes.state = ?"); arguments.append(state.rawValue) }
        if let item { conditions.append("disputes.item_id = ?"); arguments.append(item) }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.summaryColumns) FROM \(Self.summaryFrom) \(clause)
                ORDER BY disputes.opened_ms, disputes.id LIMIT \(max(0, limit))
                """, arguments: StatementArguments(arguments)).map(Self.summary)
        }
    }

    /// One dispute with its competing judgments side by side, its decision and any withdrawn ones.
    public func dispute(_ id: Int64) throws -> DisputeDetail {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns) FROM \(Self.summaryFrom) WHERE disputes.id = ?",
                                             arguments: [id]) else { throw DisputeError.noSuchDispute(id) }
            let summary = Self.summary(row)
            let decisionID: Int64? = row["decision_id"]
            let version = try Int.fetchOne(db, sql: "SELECT version FROM items WHERE id = ?", arguments: [summary.itemID]) ?? 0
            var competing: [DisputedJudgment] = []
            var decision: DisputedJudgment?
            var withdrawn: [DisputedJudgment] = []
            for j in try Row.fetchAll(db, sql: """
                SELECT id, reviewer, created_ms, value, rationale, note, state, overruled_by, \(Self.isDecision) AS is_decision
                FROM judgments WHERE dispute_id = ? ORDER BY id
                """, arguments: [id]) {
                let isDecision: Bool = j["is_decision"]
                let verdict: DisputeVerdict
                if isDecision {
                    verdict = j["id"] as Int64 == decisionID ? .decision : .withdrawn
                } else if j["overruled_by"] as Int64? != nil {
                    verdict = .overruled
                } else {
                    verdict = decisionID == nil ? .undecided : .upheld
                }
                let judgment = DisputedJudgment(id: j["id"], reviewer: j["reviewer"], createdMillis: j["created_ms"], value: j["value"],
                                                rationale: j["rationale"], note: j["note"], state: j["state"], verdict: verdict)
                switch verdict {
                case .decision: decision = judgment
                case .withdrawn: withdrawn.append(judgment)
                default: competing.append(judgment)
                }
            }
            return DisputeDetail(summary: summary, itemVersion: version, competing: competing, decision: decision,
                                 withdrawn: withdrawn, disputants: try Self.disputants(of: id, db: db).sorted())
        }
    }

    private static let summaryColumns = """
        disputes.id, disputes.item_id, disputes.field, disputes.round_id, rounds.name AS round_name, disputes.state,
        disputes.opened_by, disputes.opened_ms, disputes.reason, disputes.decided_by, disputes.decided_ms, disputes.decision_id,
        decision.value AS decided_value
        """
    private static let summaryFrom = """
        disputes LEFT JOIN rounds ON rounds.id = disputes.round_id LEFT JOIN judgments AS decision ON decision.id = disputes.decision_id
        """

    private static func summary(_ row: Row) -> DisputeSummary {
        let stored: String = row["field"]
        return DisputeSummary(
            id: row["id"], itemID: row["item_id"], field: JudgedField(stored: stored) ?? .dimension(stored), roundID: row["round_id"],
            roundName: row["round_name"], state: DisputeState(rawValue: row["state"]) ?? .open, openedBy: row["opened_by"],
            openedMillis: row["opened_ms"], reason: row["reason"], decidedBy: row["decided_by"], decidedMillis: row["decided_ms"],
            decidedValue: row["decided_value"])
    }
}
