import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// The judgments of one field (a triage label or a rubric dimension) in review rounds, laid out
/// as reliability data: one unit per round item, one rater per reviewer.
public struct FieldReliability: Sendable {
    public let field: JudgedField
    /// The rubric the dimension belongs to (nil for a triage label).
    public let rubric: String?
    /// The rounds the units come from, in name order.
    public let rounds: [String]
    /// The level of measurement the scale implies: a rubric's `measurementLevel`; triage severity
    /// is ordinal in taxonomy order; other labels are nominal.
    public let level: MeasurementLevel
    /// The scale's values in order (every level, used or not), or empty when the scale is open.
    public let scale: [String]
    /// Per unit: the item and the round it was judged in.
    public let units: [(round: String, item: Int64)]
    public let data: ReliabilityData<String>
    /// Per unit: the decided dispute's value, else the value every reviewer gave, else nil.
    public let reference: [String?]
    /// Judgments counted (one per reviewer per unit: the latest that no revision replaced).
    public let judgments: Int

    /// A value's place on the scale (1 for its first level), nil off the scale or on a nominal one.
    public func position(of value: String) -> Double? {
        guard level != .nominal, let index = scale.firstIndex(of: value) else { return nil }
        return Double(index + 1)
    }
}

extension Store {
    /// Reliability data for every field judged in review rounds, or only in round `round` and
    /// for field `field` (a label name like `severity`, a dimension name like `faithfulness`, or
    /// the stored form `rubric:faithfulness`). Only what reviewers may already see counts: items
    /// of a round that are complete, or every item of a closed round. Each reviewer counts once
    /// per item and field, by their latest judgment that no revision replaced; an adjudicator's
    /// decision is no reviewer's judgment (it has no round) and serves as the reference instead.
    /// Fields come in stored-name order, rubric dimensions after labels of the same name.
    public func reliabilityData(round: String? = nil, field: String? = nil) throws -> [FieldReliability] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT judgments.id, judgments.round_id, judgments.item_id, judgments.field, judgments.reviewer,
                       judgments.value, rounds.name AS round_name, rounds.rubric
                FROM judgments
                JOIN rounds ON rounds.id = judgments.round_id
                JOIN round_items ON round_items.round_id = judgments.round_id AND round_items.item_id = judgments.item_id
                WHERE judgments.round_id IS NOT NULL AND judgments.state <> 'superseded'
                  AND NOT EXISTS (SELECT 1 FROM judgments AS revision WHERE revision.revises = judgments.id)
                  AND (round_items.completed_ms IS NOT NULL OR rounds.closed_ms IS NOT NULL)
                  AND (?1 IS NULL OR rounds.name = ?1)
                ORDER BY judgments.id
                """, arguments: [round])
            let decisions = try Row.fetchAll(db, sql: """
                SELECT disputes.round_id, disputes.item_id, disputes.field, decision.value
                FROM disputes JOIN judgments AS decision ON decision.id = disputes.decision_id
                WHERE disputes.state = 'decided' AND disputes.round_id IS NOT NULL
                ORDER BY disputes.id
                """)
            var decided: [UnitKey: String] = [:]
            for row in decisions {
                guard let value: String = row["value"] else { continue }
                decided[UnitKey(round: row["round_id"], item: row["item_id"], field: row["field"])] = value
            }
            return assemble(rows, decided: decided, field: field)
        }
    }

    private struct UnitKey: Hashable {
        let round: Int64
        let item: Int64
        let field: String
    }

    private struct GroupKey: Hashable {
        let field: String
        let rubric: String?
    }

    private func assemble(_ rows: [Row], decided: [UnitKey: String], field wanted: String?) -> [FieldReliability] {
        // Later ids replace earlier ones: each reviewer's latest judgment per item and field.
        var latest: [GroupKey: [UnitKey: [String: String?]]] = [:]
        var roundNames: [Int64: String] = [:]
        for row in rows {
            let stored: String = row["field"]
            guard let judged = JudgedField(stored: stored) else { continue }
            if let wanted, wanted != stored, wanted != judged.name { continue }
            let roundID: Int64 = row["round_id"]
            roundNames[roundID] = row["round_name"]
            let rubric: String? = judged.isDimension ? row["rubric"] : nil
            let group = GroupKey(field: stored, rubric: rubric)
            let unit = UnitKey(round: roundID, item: row["item_id"], field: stored)
            let value: String? = row["value"]
            latest[group, default: [:]][unit, default: [:]][row["reviewer"]] = .some(value)
        }
        return latest.keys.sorted { ($0.field, $0.rubric ?? "") < ($1.field, $1.rubric ?? "") }.map { group in
            let byUnit = latest[group]!
            let units = byUnit.keys.sorted { (roundNames[$0.round]!, $0.item) < (roundNames[$1.round]!, $1.item) }
            let reviewers = Set(byUnit.values.flatMap(\.keys)).sorted()
            let table = units.map { unit in reviewers.map { reviewer in byUnit[unit]![reviewer] ?? nil } }
            let reference = zip(units, table).map { unit, values -> String? in
                if let decision = decided[unit] { return decision }
                let present = values.compactMap { $0 }
                guard present.count >= 2, Set(present).count == 1 else { return nil }
                return present[0]
            }
            let field = JudgedField(stored: group.field)!
            let (level, scale) = measurement(of: field, rubric: group.rubric)
            // Reviewer names come from the rows, so every table is as wide as its rater list.
            let data = try! ReliabilityData(raters: reviewers, units: table)
            return FieldReliability(
                field: field, rubric: group.rubric, rounds: Set(units.map { roundNames[$0.round]! }).sorted(),
                level: level, scale: scale, units: units.map { (roundNames[$0.round]!, $0.item) }, data: data,
                reference: reference, judgments: table.reduce(0) { $0 + $1.compactMap { $0 }.count })
        }
    }

    private func measurement(of field: JudgedField, rubric: String?) -> (MeasurementLevel, [String]) {
        switch field {
        case .label(.severity):
            return (.ordinal, config.taxonomy.severities.map(\.code))
        case .label:
            return (.nominal, [])
        case .dimension(let name):
            guard let scale = rubric.flatMap({ config.rubric(named: $0) })?.dimension(named: name)?.scale else {
                return (.nominal, [])
            }
            return (MeasurementLevel(rawValue: scale.measurementLevel) ?? .nominal, scale.levels.map(\.value))
        }
    }
}

extension JudgedField {
    var isDimension: Bool {
        if case .dimension = self { return true }
        return false
    }
}
