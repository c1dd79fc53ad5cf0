import Foundation
import GRDB
import WinnowCore

/// Which rules keep or drop one item in a training export, and why (`winnow export --explain`).
public struct TrainingExplanation: Sendable {
    public var itemID: Int64
    public var eventID: String
    /// The export that would make an example of it, nil when none would.
    public var kind: TrainingExportKind?
    /// Why no export considers it, when none does.
    public var notConsidered: String?
    public var outcomes: [RuleOutcome]
    public var kept: Bool { kind != nil && notConsidered == nil && outcomes.allSatisfy(\.kept) }
}

public enum ExplainError: Error, CustomStringConvertible, Equatable {
    case noSuchItem(String)
    public var description: String {
        switch self {
        case .noSuchItem(let text): "there is no item or event \(text)"
        }
    }
}

extension Store {
    /// Explains one item (its number, `#12`, or its event's id) against the rules as of `asOfMillis`.
    /// The eval slice is frozen as an export would, in a transaction rolled back afterwards; the
    /// per-user cap is worked out over the whole export as it would be.
    public func explainTraining(_ reference: String, asOfMillis: Int64, by identity: Identity) throws -> TrainingExplanation {
        let blockedFromFile = try blockedUsersFromFile()
        var explanation: TrainingExplanation?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.deferred) {
                explanation = try explain(reference, asOfMillis: asOfMillis, blockedFromFile: blockedFromFile, db: db)
                return .rollback
            }
        }
        return explanation!
    }

    private func explain(_ reference: String, asOfMillis: Int64, blockedFromFile: Set<String>, db: Database) throws -> TrainingExplanation {
        let digits = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
        var found: Row?
        if let number = Int64(digits) {
            found = try Row.fetchOne(db, sql: """
                SELECT items.id, events.id AS event_id, items.signal, items.ts_ms, items.correction, items.correction_state, events.csat
                FROM items JOIN events ON events.rowid = items.id WHERE items.id = ?
                """, arguments: [number])
        }
        if found == nil {
            found = try Row.fetchOne(db, sql: """
                SELECT items.id, events.id AS event_id, items.signal, items.ts_ms, items.correction, items.correction_state, events.csat
                FROM items JOIN events ON events.rowid = items.id WHERE events.id = ?
                """, arguments: [reference])
        }
        guard let row = found else { throw ExplainError.noSuchItem(reference) }
        let item: Int64 = row["id"]
        let eventID: String = row["event_id"]
        let signal: String = row["signal"]
        let correction: String? = row["correction"]
        let state: String? = row["correction_state"]
        let csat: Int? = row["csat"]
        let policy = config.training
        let kind: TrainingExportKind?
        if correction != nil, state == "written" || state == "accepted" {
            kind = .dpo
        } else if correction == nil, signal == "thumbs_down" || signal == "agent_escalation"
                    || (signal == "csat" && (csat ?? Int.max) <= policy.negativeCSATMax) {
            kind = .sftNegative
        } else {
            kind = nil
        }
        var explanation = TrainingExplanation(itemID: item, eventID: eventID, kind: kind, notConsidered: nil, outcomes: [])
        guard let kind else {
            explanation.notConsidered = "it has no reviewer-written or accepted correction (for dpo and sft) and is not a negative-only "
                + "signal without one (thumbs_down, agent_escalation, csat ≤ \(policy.negativeCSATMax), for sft-negative)"
            return explanation
        }
        let tsMillis: Int64 = row["ts_ms"]
        if tsMillis > asOfMillis {
            explanation.notConsidered = "the event (\(RFC3339.format(millis: tsMillis))) is newer than the as-of time (\(RFC3339.format(millis: asOfMillis)))"
            return explanation
        }
        _ = try freezeEvalSlice(asOf: asOfMillis, db: db)
        let reader = TrainingCandidateReader(kind: kind, policy: policy, filter: .everything, asOfMillis: asOfMillis,
                                             blockedFromFile: blockedFromFile, reach: try evalReach(db: db))
        guard let candidate = try reader.one(item: item, db) else { throw ExplainError.noSuchItem(reference) }
        let rules = TrainingRules(policy: policy, asOfMillis: asOfMillis)
        explanation.outcomes = rules.outcomes(candidate.facts)
        explanation.outcomes.append(try capOutcome(candidate, reader: reader, rules: rules, db: db))
        return explanation
    }

    /// The cap's answer for one candidate: worked out over the whole export, as the export does.
    private func capOutcome(_ candidate: CandidateRow, reader: TrainingCandidateReader, rules: TrainingRules,
                            db: Database) throws -> RuleOutcome {
        guard let user = candidate.facts.userID else {
            return RuleOutcome(rule: .userCap, kept: true, why: "the event has no user id, so no cap applies")
        }
        guard rules.firstDrop(candidate.facts) == nil else {
            return RuleOutcome(rule: .userCap, kept: true, why: "not reached: another rule drops the item")
        }
        var candidates = 0, ofUser = 0
        try reader.forEach(db, withPrompt: false) { row in
            guard rules.firstDrop(row.facts) == nil else { return }
            candidates += 1
            if row.facts.userID == user { ofUser += 1 }
        }
        let cap = UserCap.effectiveCap(policy: config.training, candidates: candidates)
        guard ofUser > cap else {
            return RuleOutcome(rule: .userCap, kept: true, why: "user \(user) has \(ofUser) of \(candidates) candidates (the cap is \(cap))")
        }
        var rank = 0
        var position: Int?
        try reader.forEachOfUsers([user], db) { row in
            guard position == nil, rules.firstDrop(row.facts) == nil else { return }
            rank += 1
            if row.facts.itemID == candidate.facts.itemID { position = rank }
        }
        let place = position ?? ofUser
        let why = "user \(user) has \(ofUser) of \(candidates) candidates and the cap is \(cap); this one ranks \(place) "
            + "(by weight, then oldest, then item number)"
        return RuleOutcome(rule: .userCap, kept: place <= cap, why: why)
    }
}
