import Foundation
import GRDB
import WinnowConfig
import WinnowCore
import WinnowDemoData

/// The demo's QA history, written through the same store calls the CLI and the queue make, so its
/// audit log is true: a finished double-review round on the support rubric with its disputes
/// (most decided by the adjudicator, a few left open), two disputes raised in triage, and a round
/// in progress in which the person running the demo has items waiting. The dates sit on the demo's
/// calendar (the weeks after its six weeks of feedback), so every claim they took has long expired.
enum DemoReviews {
    static let finishedRound = "qa-support-nov16"
    static let currentRound = "qa-support-nov30"
    /// Disputes of the finished round left for an adjudicator to decide.
    static let openDisputesLeft = 5
    /// Assignments each QA reviewer still has open in the current round.
    static let openPerReviewer = 3

    static let stratification: [StratumKey] = [.intent, .cohort, .severity]

    /// Seeds `store` (freshly imported with the demo events). `demoUser`: who runs the demo; they
    /// review in the current round.
    static func seed(_ store: Store, demoUser: String) throws {
        let team = Team(store: store)
        try runFinishedRound(store, team: team)
        try raiseTriageDisputes(store, team: team)
        try startCurrentRound(store, team: team, demoUser: demoUser)
    }

    /// Everyone on the demo's roster acts under their own name, from the same OS account.
    struct Team {
        let store: Store
        func identity(_ name: String) -> Identity { Identity(reviewer: name, osUser: "ledgerly-support") }
    }

    /// `days` after Monday 2026-11-16, the day after the demo's feedback ends, at `hour`:`minute` UTC.
    static func demoTime(days: Int, hour: Int, minute: Int = 0) -> Int64 {
        let monday: Int64 = 1_794_787_200_000 // 2026-11-16T00:00:00Z
        return monday + Int64(days) * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60_000
    }

    // MARK: - The finished round

    static func runFinishedRound(_ store: Store, team: Team) throws {
        let lead = team.identity(DemoReviewTeam.lead)
        try store.createRound(RoundSpec(name: finishedRound, rubric: Rubric.standard.name, overlap: 2,
                                        reviewers: DemoReviewTeam.qaReviewers,
                                        sample: RoundSampleSpec(count: 40, seed: 46, stratify: stratification)),
                              by: lead, at: demoTime(days: 0, hour: 9))
        var skipped = false
        try scoreAssignments(store, team: team, round: finishedRound, reviewers: DemoReviewTeam.qaReviewers, leaveOpen: 0,
                             days: 0, through: 3) { reviewer, item in
            // One skip, as happens: a reviewer who wrote the help articles an answer cites does not score it.
            guard !skipped, reviewer == "grant", try intent(of: item, store: store)?.hasPrefix("integrations.") == true else { return nil }
            skipped = true
            return "I wrote the integration help articles this answer cites; someone else should score it"
        }
        try store.closeRound(finishedRound, by: lead, at: demoTime(days: 4, hour: 9))

        let adjudicator = team.identity(DemoReviewTeam.adjudicator)
        let disputes = try store.disputes(.open).filter { $0.roundName == finishedRound }.sorted { $0.id < $1.id }
        for (index, dispute) in disputes.dropLast(openDisputesLeft).enumerated() {
            guard case .dimension(let name) = dispute.field, let dimension = Rubric.standard.dimension(named: name) else { continue }
            let item = try scoringItem(dispute.itemID, store: store)
            let value = DemoScoring.deserved(item, dimension: name, scale: dimension.demoScale)
            let anchor = dimension.scale.levels.first { $0.value == value }?.anchor
            let detail = try store.dispute(dispute.id)
            try store.decideDispute(dispute.id, value: value,
                                    rationale: DemoScoring.decisionRationale(item, dimension: name, value: value, anchor: anchor),
                                    by: adjudicator, expectedVersion: detail.itemVersion,
                                    at: demoTime(days: 4, hour: 10, minute: 0) + Int64(index) * 11 * 60_000)
        }
    }

    // MARK: - Disputes raised in triage

    /// The lead labels two items on a triage shift; a reviewer disputes each, proposing another value.
    static func raiseTriageDisputes(_ store: Store, team: Team) throws {
        let lead = team.identity(DemoReviewTeam.lead)
        let reviewer = team.identity(DemoReviewTeam.triageReviewer)
        let items = try store.pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM items WHERE signal = 'explicit_correction' AND canonical_id IS NULL
                  AND id NOT IN (SELECT item_id FROM round_items) ORDER BY id LIMIT 2
                """)
        }
        let cases: [(LabelField, String, String, String)] = [
            (.severity, "S3", "S2", "The user followed the wrong steps and filed the expense twice; that is a wrong answer acted on, S2"),
            (.locus, "model", "retrieval", "The answer quotes the 2024 price list word for word: retrieval picked a stale article, the model did not invent it"),
        ]
        for (index, (item, entry)) in zip(items, cases).enumerated() {
            let (field, value, proposed, reason) = entry
            let labelled = demoTime(days: 8, hour: 14, minute: index * 7)
            let version = try store.pool.read { db in try Store.versions(of: [item], db: db)[item] ?? 0 }
            try store.applyLabel(field, value: value, to: [item], by: lead, expectedVersions: [item: version], at: labelled)
            let seen = try store.pool.read { db in try Store.versions(of: [item], db: db)[item] ?? 0 }
            try store.raiseDispute(field, on: item, reason: reason, proposedValue: proposed, by: reviewer, expectedVersion: seen,
                                   at: labelled + 3 * 3_600_000)
        }
    }

    // MARK: - The round in progress

    static func startCurrentRound(_ store: Store, team: Team, demoUser: String) throws {
        let colleagues = [DemoReviewTeam.qaReviewers[2], DemoReviewTeam.qaReviewers[0]]
        var reviewers = [demoUser]
        for name in colleagues where !reviewers.contains(name) { reviewers.append(name) }
        try store.createRound(RoundSpec(name: currentRound, rubric: Rubric.standard.name, overlap: 2, reviewers: reviewers,
                                        sample: RoundSampleSpec(filter: "-signal:thumbs_up", count: 24, seed: 48,
                                                                stratify: stratification)),
                              by: team.identity(DemoReviewTeam.lead), at: demoTime(days: 14, hour: 9))
        // The colleagues are most of the way through; the demo's user has not started.
        try scoreAssignments(store, team: team, round: currentRound, reviewers: colleagues.filter { $0 != demoUser },
                             leaveOpen: openPerReviewer, days: 14, through: 15) { _, _ in nil }
    }

    // MARK: - Scoring

    /// Each reviewer scores their assignments in queue order (all but the last `leaveOpen`), the
    /// reviewers taking turns, at times spread over the working hours (09:30–17:00) of the days from
    /// `firstDay` to `lastDay`. `skip` returns a reason to skip an assignment instead.
    static func scoreAssignments(_ store: Store, team: Team, round: String, reviewers: [String], leaveOpen: Int,
                                 days firstDay: Int, through lastDay: Int, skip: (String, Int64) throws -> String?) throws {
        var queues: [(String, [AssignmentRow])] = try reviewers.map { reviewer in
            let open = try store.assignments(for: reviewer, round: round).filter(\.isOpen)
            return (reviewer, Array(open.dropLast(leaveOpen)))
        }
        let total = queues.reduce(0) { $0 + $1.1.count }
        let perDay = max(1, (total + lastDay - firstDay) / (lastDay - firstDay + 1))
        var done = 0
        while queues.contains(where: { !$0.1.isEmpty }) {
            for index in queues.indices where !queues[index].1.isEmpty {
                let reviewer = queues[index].0
                let assignment = queues[index].1.removeFirst()
                let at = demoTime(days: firstDay + done / perDay, hour: 9, minute: 30 + (done % perDay) * 450 / perDay)
                done += 1
                if let reason = try skip(reviewer, assignment.itemID) {
                    try store.skipAssignment(round: round, item: assignment.itemID, reason: reason, by: team.identity(reviewer), at: at)
                    continue
                }
                let item = try scoringItem(assignment.itemID, store: store)
                var values: [JudgedField: String] = [:]
                var rationales: [JudgedField: String] = [:]
                for field in assignment.judged {
                    guard case .dimension(let name) = field, let dimension = Rubric.standard.dimension(named: name) else { continue }
                    let scale = dimension.demoScale
                    let value = DemoScoring.score(by: reviewer, item, dimension: name, scale: scale)
                    values[field] = value
                    rationales[field] = DemoScoring.rationale(by: reviewer, item, dimension: name, scale: scale, value: value)
                }
                try store.submitJudgments(round: round, item: assignment.itemID, values: values, rationales: rationales,
                                          by: team.identity(reviewer), at: at)
            }
        }
    }

    static func scoringItem(_ id: Int64, store: Store) throws -> DemoScoring.Item {
        try store.pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT signal, tool_calls FROM events WHERE rowid = ?", arguments: [id])!
            return DemoScoring.Item(id: id, signal: row["signal"], hasToolCall: (row["tool_calls"] as String?).map { $0 != "[]" } ?? false)
        }
    }

    static func intent(of id: Int64, store: Store) throws -> String? {
        try store.pool.read { db in try String.fetchOne(db, sql: "SELECT intent FROM items WHERE id = ?", arguments: [id]) }
    }
}

extension RubricDimension {
    /// The dimension's scale as the demo's reviewers score on it.
    public var demoScale: DemoScoring.Scale {
        switch scale {
        case .ordinal(let levels): .ordinal(levels.map(\.value))
        case .passFail: .passFail(pass: "pass", fail: "fail")
        case .categories(let levels): .categories(levels.map(\.value))
        }
    }
}
