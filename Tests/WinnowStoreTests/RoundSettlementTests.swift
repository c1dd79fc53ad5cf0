import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class RoundSettlementTests: XCTestCase {
    func testADisagreementOpensOneDisputePerDifferingFieldAndAgreementNone() throws {
        let ws = try workspace(3, config: disputeRoster())
        let round = try ws.makeRound("march", items: [1], reviewers: ["alice", "bo"])
        // faithfulness: 2 and 4 disagree (distance 1); completeness: 3 and 4 agree (distance 2);
        // severity differs; access_correctness agrees.
        for (field, a, b) in [(JudgedField.dimension("faithfulness"), "2", "4"), (.dimension("completeness"), "3", "4"),
                              (.label(.severity), "S2", "S3"), (.dimension("access_correctness"), "pass", "pass")] {
            try ws.judge(round: round, item: 1, field, a, by: "alice")
            try ws.judge(round: round, item: 1, field, b, by: "bo")
        }
        let (opened, changes) = try ws.complete(round: round, item: 1, by: bo)
        XCTAssertEqual(opened.count, 2)
        let disputes = try ws.store.disputes(.open)
        XCTAssertEqual(Set(disputes.map(\.field)), [.dimension("faithfulness"), .label(.severity)])
        XCTAssertEqual(disputes.first { $0.field == .label(.severity) }?.reason, "round march: alice said S2, bo said S3")
        XCTAssertEqual(disputes.first { $0.field == .dimension("faithfulness") }?.reason, "round march: alice said 2, bo said 4")
        XCTAssertEqual(Set(disputes.map(\.openedBy)), ["bo"])
        XCTAssertEqual(disputes.first?.origin, "round march")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM judgments WHERE dispute_id IS NOT NULL AND state = 'pending'"), 4)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'dispute_open' AND action_id = \(changes.actionID!)"), 2,
                       "audited in the completing action")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND severity IS NULL"), 1, "a disputed label is not applied")

        let outcome = try ws.store.roundOutcome(item: 1, round: round)
        XCTAssertEqual(outcome[.dimension("completeness")], RoundOutcome(value: "3", source: .consensus, reviewers: ["alice", "bo"]),
                       "agreed ordinal scores settle at the lower median")
        XCTAssertEqual(outcome[.dimension("access_correctness")]?.value, "pass")
        XCTAssertEqual(outcome[.dimension("faithfulness")]?.source, .disputed)
        XCTAssertNil(outcome[.dimension("faithfulness")]?.value)

        // Settling again opens nothing new.
        XCTAssertEqual(try ws.complete(round: round, item: 1, by: bo, at: t0 + 5).disputes, [])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM disputes"), 2)
        XCTAssertTrue(try AuditLog.check(ws.store).state.matches)
    }

    func testTheOrdinalDistanceComesFromTheRoundsRubric() throws {
        let config = disputeRoster() + """

            [[rubric]]
            name = "billing"
            description = "Billing answers"
            [[rubric.dimension]]
            name = "accuracy"
            description = "Amounts match."
            scale = "ordinal"
            range = [1, 5]
            disagreement_distance = 3
            checks = ["Every amount matches"]
            [rubric.dimension.anchors]
            1 = "wrong"
            2 = "mostly wrong"
            3 = "mixed"
            4 = "mostly right"
            5 = "right"
            """
        let ws = try workspace(2, config: config)
        let round = try ws.makeRound("billing-1", rubric: "billing", items: [1, 2], reviewers: ["alice", "bo", "dana"])
        for (reviewer, score) in [("alice", "2"), ("bo", "4"), ("dana", "3")] {
            try ws.judge(round: round, item: 1, .dimension("accuracy"), score, by: reviewer)
        }
        for (reviewer, score) in [("alice", "1"), ("bo", "4"), ("dana", "4")] {
            try ws.judge(round: round, item: 2, .dimension("accuracy"), score, by: reviewer)
        }
        XCTAssertEqual(try ws.complete(round: round, item: 1, by: dana).disputes, [], "2, 4 and 3 are within 3 levels")
        XCTAssertEqual(try ws.complete(round: round, item: 2, by: dana).disputes.count, 1, "1 and 4 are 3 levels apart")
        XCTAssertEqual(try ws.store.roundOutcome(item: 1, round: round)[.dimension("accuracy")]?.value, "3", "the median of 2, 3, 4")
    }

    func testAnAgreedLabelIsAppliedToTheItemAndARevisionCounts() throws {
        let ws = try workspace(2, config: disputeRoster())
        let round = try ws.makeRound("labels", rubric: nil, items: [1], reviewers: ["alice", "bo"])
        try ws.judge(round: round, item: 1, .label(.severity), "S1", by: "alice")
        try ws.judge(round: round, item: 1, .label(.severity), "S3", by: "bo")
        try ws.judge(round: round, item: 1, .label(.severity), "S1", by: "bo", at: t0 + 1)  // bo revises
        let (opened, changes) = try ws.complete(round: round, item: 1, by: bo)
        XCTAssertEqual(opened, [])
        XCTAssertEqual(changes.changes, [FieldChange(itemID: 1, field: "severity", oldValue: nil, newValue: "S1")])
        let reason = try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT reason FROM audit WHERE field = 'severity'") }
        XCTAssertEqual(reason, "agreed in round labels by alice, bo")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND severity = 'S1'"), 1)
        XCTAssertEqual(try ws.store.roundOutcome(item: 1, round: round)[.label(.severity)]?.source, .consensus)
        XCTAssertTrue(try AuditLog.check(ws.store).state.matches)
    }

    func testAnIncompleteItemRevealsNoOutcomeAndADecidedDimensionIsAdjudicated() throws {
        let ws = try workspace(2, config: disputeRoster())
        let round = try ws.makeRound("q", items: [1], reviewers: ["alice", "bo"])
        try ws.judge(round: round, item: 1, .dimension("faithfulness"), "1", by: "alice", rationale: "invents a refund window")
        try ws.judge(round: round, item: 1, .dimension("faithfulness"), "5", by: "bo", rationale: "matches the policy page")
        XCTAssertEqual(try ws.store.roundOutcome(item: 1, round: round)[.dimension("faithfulness")],
                       RoundOutcome(value: nil, source: .pending, reviewers: ["alice", "bo"]))
        let id = try XCTUnwrap(try ws.complete(round: round, item: 1, by: bo).disputes.first)
        let detail = try ws.store.dispute(id)
        XCTAssertEqual(detail.competing.map(\.rationale), ["invents a refund window", "matches the policy page"])
        XCTAssertEqual(detail.disputants, ["alice", "bo"])
        XCTAssertThrowsError(try ws.store.decideDispute(id, value: "7", rationale: "r", by: carol)) { error in
            XCTAssertEqual(String(describing: error), "faithfulness `7` is not one of: 1, 2, 3, 4, 5")
        }
        try ws.store.decideDispute(id, value: "2", rationale: "the window is invented but the rest holds", by: carol, at: t0 + 9)
        XCTAssertEqual(try ws.store.roundOutcome(item: 1, round: round)[.dimension("faithfulness")],
                       RoundOutcome(value: "2", source: .adjudicated, reviewers: ["alice", "bo"]))
        let decided = try ws.store.dispute(id)
        XCTAssertEqual(decided.competing.map(\.verdict), [.overruled, .overruled])
        XCTAssertEqual(decided.decision?.state, "accepted")
        let version = try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT rubric_version FROM judgments WHERE id = ?", arguments: [decided.decision!.id]) }
        XCTAssertEqual(version, ws.store.config.rubric(named: "support")?.version)
        XCTAssertTrue(try AuditLog.check(ws.store).state.matches)
    }
}
