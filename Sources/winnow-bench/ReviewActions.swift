import ArgumentParser
import Foundation
import GRDB
import WinnowConfig
import WinnowDemoData
import WinnowStore

/// The review actions timed one by one, through the calls the CLI and the queue make, each one
/// transaction with its audit records: per round item, the first reviewer's score, their revision
/// of it, and the second reviewer's score that completes the item (and settles it, opening its
/// disputes); beside each, a triage label action on another item and a dispute raised on that
/// label; at the end, the adjudicator's decision of every open dispute. Scores come from the demo's
/// reviewers (`DemoScoring`), so the disputes are as many as a real round's.
struct ReviewActions {
    let store: Store
    let items: Int
    let seed: UInt64

    struct Timings {
        var label: Stats
        /// Name, figures, how many were timed; the label action first.
        var rows: [(String, Stats, Int)]
    }

    static let round = "bench"
    let first = DemoReviewTeam.qaReviewers[0]
    let second = DemoReviewTeam.qaReviewers[2]

    func identity(_ name: String) -> Identity { Identity(reviewer: name, osUser: "bench") }

    func run() throws -> Timings {
        let lead = identity(DemoReviewTeam.lead)
        try store.createRound(RoundSpec(name: Self.round, rubric: Rubric.standard.name, overlap: 2, reviewers: [first, second],
                                        sample: RoundSampleSpec(count: items, seed: seed, stratify: [.intent, .cohort])),
                              by: lead)
        let (signals, triageItems) = try store.pool.read { db in
            (try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, signal FROM items").map { ($0["id"] as Int64, $0["signal"] as String) }),
             try Int64.fetchAll(db, sql: "SELECT id FROM items WHERE id NOT IN (SELECT item_id FROM round_items) ORDER BY id LIMIT ?",
                                arguments: [items]))
        }
        try store.checkpointInBackground()
        let assignments = try store.assignments(for: first, round: Self.round)
        let secondsOf = Dictionary(uniqueKeysWithValues: try store.assignments(for: second, round: Self.round).map { ($0.itemID, $0) })
        let severities = store.allowedValues(.severity)

        var label: [Double] = [], score: [Double] = [], revise: [Double] = [], completing: [Double] = [], raise: [Double] = []
        for (index, assignment) in assignments.enumerated() {
            let item = DemoScoring.Item(id: assignment.itemID, signal: signals[assignment.itemID] ?? "thumbs_down", hasToolCall: false)
            let firstValues = values(by: first, item, assignment.judged)
            score.append(try timed { try store.submitJudgments(round: Self.round, item: item.id, values: firstValues, by: identity(first)) })
            let faithfulness = JudgedField.dimension("faithfulness")
            if let old = firstValues[faithfulness].flatMap({ Int($0) }) {
                let changed = [faithfulness: String(old == 5 ? 4 : old + 1)]
                revise.append(try timed {
                    try store.reviseJudgments(round: Self.round, item: item.id, values: changed, itemRationale: "read the cited article again",
                                              by: identity(first))
                })
            }
            _ = try store.releaseClaim(item.id, by: identity(first))
            guard let theirs = secondsOf[item.id] else { throw ValidationError("item \(item.id) has no second reviewer") }
            let secondValues = values(by: second, item, theirs.judged)
            completing.append(try timed { try store.submitJudgments(round: Self.round, item: item.id, values: secondValues, by: identity(second)) })
            _ = try store.releaseClaim(item.id, by: identity(second))

            // Triage beside it: the lead labels an item, a reviewer disputes the label.
            let triaged = triageItems[index]
            let value = severities[index % severities.count]
            var labelled: ChangeSet?
            label.append(try timed {
                labelled = try store.applyLabel(.severity, value: value, to: [triaged], by: lead, expectedVersions: [triaged: 0])
                return labelled!
            })
            _ = try store.releaseClaim(triaged, by: lead)
            let seen = labelled?.versionsAfter[triaged] ?? 1
            let proposal = severities[(index + 1) % severities.count]
            raise.append(try timed {
                try store.raiseDispute(.severity, on: triaged, reason: "the user acted on it: a severity up", proposedValue: proposal,
                                       by: identity(DemoReviewTeam.triageReviewer), expectedVersion: seen)
            })
        }

        var decide: [Double] = []
        let adjudicator = identity(DemoReviewTeam.adjudicator)
        for dispute in try store.disputes(.open, limit: Int.max) {
            let detail = try store.dispute(dispute.id)
            let value = detail.competing.compactMap(\.value).first ?? severities[0]
            decide.append(try timed {
                try store.decideDispute(dispute.id, value: value, rationale: "the answer checked against the cited article",
                                        by: adjudicator, expectedVersion: detail.itemVersion)
            })
            _ = try store.releaseClaim(dispute.itemID, by: adjudicator)
        }
        let labelStats = Stats(label)
        return Timings(label: labelStats, rows: [
            ("label (triage, reference)", labelStats, label.count),
            ("score", Stats(score), score.count),
            ("revise", Stats(revise), revise.count),
            ("score, completing the item", Stats(completing), completing.count),
            ("dispute raise", Stats(raise), raise.count),
            ("dispute decide", Stats(decide), decide.count),
        ])
    }

    /// What `reviewer` scores on each judged dimension.
    func values(by reviewer: String, _ item: DemoScoring.Item, _ judged: [JudgedField]) -> [JudgedField: String] {
        var values: [JudgedField: String] = [:]
        for field in judged {
            guard case .dimension(let name) = field, let dimension = Rubric.standard.dimension(named: name) else { continue }
            values[field] = DemoScoring.score(by: reviewer, item, dimension: name, scale: dimension.demoScale)
        }
        return values
    }

    /// The seconds one action takes.
    private func timed<Result>(_ action: () throws -> Result) throws -> Double {
        let (_, seconds) = try measure(action)
        return seconds
    }
}
