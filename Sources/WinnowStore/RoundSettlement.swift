import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// How a field of a round item came out.
public struct RoundOutcome: Equatable, Sendable {
    public enum Source: String, Sendable {
        /// The reviewers agreed (on an ordinal scale, within the dimension's disagreement distance).
        case consensus
        /// They disagreed and an adjudicator decided.
        case adjudicated
        /// They disagreed and the dispute is open: no value yet.
        case disputed
        /// Not settled: the item is not complete, or fewer than two reviewers judged the field.
        case pending
    }

    public var value: String?
    public var source: Source
    /// The reviewers whose judgments count, in name order.
    public var reviewers: [String]
}

extension Store {
    /// Called in the transaction that completes an item of a round (its last assignment submitted
    /// or skipped, or the round closed): compares the item's round judgments field by field (each
    /// reviewer's latest pending judgment), records the agreed outcome, and opens a dispute for each
    /// field whose judgments disagree (on an ordinal rubric scale, by at least the dimension's
    /// `disagreement_distance`). Returns the disputes it opened.
    ///
    /// - A disagreement opens one dispute per field (`opened_by`: the reviewer whose action
    ///   completed the item; reason `round NAME: A said X, B said Y`), ties the competing
    ///   judgments to it and is audited (`dispute_open`) in the writer's action.
    /// - An agreed triage label is applied to the item through the writer (reason `agreed in
    ///   round NAME by A, B`), taken at the item's version of the moment: the value comes from the
    ///   round, not from what the completing reviewer saw. Like any change it claims the item, and
    ///   is refused while someone else holds it.
    /// - An agreed rubric dimension writes nothing: `roundOutcome` derives it.
    /// Fewer than two judgments of a field settle nothing. Settling again opens no second dispute.
    @discardableResult
    func settleCompletedItem(roundID: Int64, itemID: Int64, writer: ChangeWriter) throws -> [Int64] {
        let db = writer.db
        guard let round = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, rubric FROM rounds WHERE id = ?"), arguments: [roundID]) else { return [] }
        let name: String = round["name"]
        let rubric = (round["rubric"] as String?).flatMap { config.rubric(named: $0) }
        var opened: [Int64] = []
        let judged = try Self.latestRoundJudgments(roundID: roundID, itemID: itemID, db: db)
        // Labels in the write path's order, so an agreed locus is set before agreed reasons.
        let fields = judged.keys.sorted { a, b in
            switch (a, b) {
            case (.label(let x), .label(let y)): Self.labelOrder.firstIndex(of: x)! < Self.labelOrder.firstIndex(of: y)!
            case (.label, .dimension): true
            case (.dimension, .label): false
            default: a < b
            }
        }
        for field in fields {
            let judgments = judged[field]!
            guard judgments.count >= 2 else { continue }
            if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM disputes WHERE round_id = ? AND item_id = ? AND field = ?"),
                                arguments: [roundID, itemID, field.stored]) != nil { continue }
            let values = judgments.map(\.value)
            let disagree = Self.disagree(values, on: field, rubric: rubric)
            if disagree {
                let said = judgments.map { "\($0.reviewer) said \(Self.shown($0.value, of: field))" }.joined(separator: ", ")
                let reason = "round \(name): \(said)"
                try db.cachedStatement(sql: """
                    INSERT INTO disputes(item_id, field, round_id, state, opened_by, opened_ms, reason) VALUES (?, ?, ?, 'open', ?, ?, ?)
                    """).execute(arguments: [itemID, field.stored, roundID, writer.identity.reviewer, writer.millis, reason])
                let id = db.lastInsertedRowID
                for judgment in judgments {
                    try db.cachedStatement(sql: "UPDATE judgments SET dispute_id = ? WHERE id = ?").execute(arguments: [id, judgment.id])
                }
                var current: String?
                if case .label(let label) = field { current = try writer.current(ItemField(rawValue: label.rawValue)!, of: itemID) }
                try writer.append(AuditEntry(action: "dispute_open", itemID: itemID, field: field.stored, oldValue: current,
                                             newValue: current, reason: "dispute #\(id): \(reason)"))
                opened.append(id)
            } else if case .label(let label) = field, let value = values[0] {
                writer.takeAsItIs(itemID)
                let agreed = "agreed in round \(name) by \(judgments.map(\.reviewer).joined(separator: ", "))"
                let before = try writer.current(.locus, of: itemID)
                try writer.recording(as: "round_agree") {
                    if try writer.set(ItemField(rawValue: label.rawValue)!, of: itemID, to: value, reason: agreed), label == .locus {
                        _ = try followLocus(from: before, to: value, item: itemID, givesReasons: judged[.label(.reasons)] != nil,
                                            givesOwner: judged[.label(.owner)] != nil, writer: writer)
                    }
                }
            }
        }
        return opened
    }

    /// How each field judged on an item in a round came out (see `RoundOutcome`). An agreed
    /// ordinal score settles at the median of the scores, the lower of the two middle ones when
    /// their number is even (scores within the disagreement distance: 2 and 3 settle at 2); any
    /// other agreed field at the one value all gave. Nothing of an incomplete item is revealed.
    public func roundOutcome(item: Int64, round: Int64) throws -> [JudgedField: RoundOutcome] {
        try pool.read { db in try roundOutcome(item: item, round: round, db: db) }
    }

    /// `roundOutcome` in the caller's transaction (an export reads every case in one).
    func roundOutcome(item: Int64, round: Int64, db: Database) throws -> [JudgedField: RoundOutcome] {
        let completed = try Int64.fetchOne(db.cachedStatement(sql: "SELECT completed_ms FROM round_items WHERE round_id = ? AND item_id = ?"),
                                           arguments: [round, item])
        let rubric = try String.fetchOne(db.cachedStatement(sql: "SELECT rubric FROM rounds WHERE id = ?"), arguments: [round])
            .flatMap { config.rubric(named: $0) }
        var outcomes: [JudgedField: RoundOutcome] = [:]
        for (field, judgments) in try Self.latestRoundJudgments(roundID: round, itemID: item, db: db) {
            let reviewers = judgments.map(\.reviewer).sorted()
            guard completed != nil, judgments.count >= 2 else {
                outcomes[field] = RoundOutcome(value: nil, source: .pending, reviewers: reviewers)
                continue
            }
            if let dispute = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT disputes.state, decision.value FROM disputes LEFT JOIN judgments AS decision ON decision.id = disputes.decision_id
                WHERE disputes.round_id = ? AND disputes.item_id = ? AND disputes.field = ? ORDER BY disputes.id DESC LIMIT 1
                """), arguments: [round, item, field.stored]) {
                let decided = dispute["state"] as String == DisputeState.decided.rawValue
                outcomes[field] = RoundOutcome(value: decided ? dispute["value"] : nil, source: decided ? .adjudicated : .disputed,
                                               reviewers: reviewers)
                continue
            }
            outcomes[field] = RoundOutcome(value: Self.settledValue(judgments.compactMap(\.value), on: field, rubric: rubric),
                                           source: .consensus, reviewers: reviewers)
        }
        return outcomes
    }

    /// Each reviewer's latest pending judgment of each field of a round item, in reviewer order.
    static func latestRoundJudgments(roundID: Int64, itemID: Int64, db: Database)
        throws -> [JudgedField: [(id: Int64, reviewer: String, value: String?)]] {
        var judged: [JudgedField: [(id: Int64, reviewer: String, value: String?)]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT max(id) AS id, field, reviewer, value FROM judgments
            WHERE round_id = ? AND item_id = ? AND state = 'pending' GROUP BY field, reviewer ORDER BY field, reviewer
            """), arguments: [roundID, itemID]) {
            guard let field = JudgedField(stored: row["field"]) else { continue }
            judged[field, default: []].append((row["id"], row["reviewer"], row["value"]))
        }
        return judged
    }

    /// Whether judgments of a field disagree: any two different label values; on a rubric
    /// dimension, any pair the dimension says disagree (a dimension the rubric no longer has:
    /// any two different values).
    static func disagree(_ values: [String?], on field: JudgedField, rubric: Rubric?) -> Bool {
        for (i, a) in values.enumerated() {
            for b in values[(i + 1)...] {
                guard case .dimension(let name) = field, let a, let b, let dimension = rubric?.dimension(named: name) else {
                    if a != b { return true }
                    continue
                }
                if dimension.disagree(a, b) { return true }
            }
        }
        return false
    }

    /// The value agreed judgments settle at (see `roundOutcome`).
    static func settledValue(_ values: [String], on field: JudgedField, rubric: Rubric?) -> String? {
        guard case .dimension(let name) = field, case .ordinal? = rubric?.dimension(named: name)?.scale else { return values.first }
        let scores = values.compactMap { Int($0) }.sorted()
        guard scores.count == values.count, !scores.isEmpty else { return values.first }
        return String(scores[(scores.count - 1) / 2])
    }

    private static func shown(_ value: String?, of field: JudgedField) -> String {
        guard case .label(let label) = field else { return value ?? "none" }
        return LabelWording.plain.text(label, value)
    }
}
