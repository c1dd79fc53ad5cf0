import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

let carol = Identity(reviewer: "carol", osUser: "carol-os")
let dana = Identity(reviewer: "dana", osUser: "dana-os")

/// alice leads, bo reviews, carol adjudicates, dana reviews and adjudicates.
func disputeRoster(disputeOnOverwrite: Bool = false) -> String {
    """
    [review]
    dispute_on_overwrite = \(disputeOnOverwrite)

    [[reviewer]]
    name = "alice"
    roles = ["lead", "reviewer"]

    [[reviewer]]
    name = "bo"
    roles = ["reviewer"]

    [[reviewer]]
    name = "carol"
    roles = ["adjudicator"]

    [[reviewer]]
    name = "dana"
    roles = ["reviewer", "adjudicator"]
    """
}

extension Store {
    @discardableResult
    func raiseDispute(_ field: LabelField, on item: Int64, reason: String, proposedValue: String? = nil, by identity: Identity,
                      at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try raiseDispute(field, on: item, reason: reason, proposedValue: proposedValue, by: identity,
                         expectedVersion: versions(of: [item])[item]!, at: millis)
    }

    @discardableResult
    func decideDispute(_ id: Int64, value: String, rationale: String, by identity: Identity,
                       at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try decideDispute(id, value: value, rationale: rationale, by: identity, expectedVersion: try dispute(id).itemVersion, at: millis)
    }
}

final class DisputeTests: XCTestCase {
    func refusal(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "not refused"
        } catch {
            return String(describing: error)
        }
    }

    func testARaisedDisputeTiesTheAcceptedLabelAndTheProposalAndIsAudited() throws {
        let ws = try workspace(3, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let before = try auditCount(ws)
        let raised = try ws.store.raiseDispute(.severity, on: 1, reason: "the user lost data", proposedValue: "critical", by: bo, at: t0 + 1 * 11 * minute)
        let opened = try XCTUnwrap(raised.disputesOpened.first)
        XCTAssertEqual(opened.disputedReviewer, "alice")
        XCTAssertEqual(opened.acceptedValue, "S3")
        XCTAssertEqual(opened.proposedValue, "S1", "a severity's name is stored as its code")
        XCTAssertEqual(try auditCount(ws), before + 1, "one record, no claim")
        XCTAssertEqual(try auditActions(ws, item: 1).last, "dispute_open:severity")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND severity = 'S3'"), 1, "the value stays")

        let detail = try ws.store.dispute(opened.id)
        XCTAssertEqual(detail.summary.origin, "raised in triage")
        XCTAssertEqual(detail.summary.reason, "the user lost data")
        XCTAssertEqual(detail.competing.map(\.reviewer), ["alice", "bo"])
        XCTAssertEqual(detail.competing.map(\.value), ["S3", "S1"])
        XCTAssertEqual(detail.competing.map(\.state), ["accepted", "disputed"])
        XCTAssertEqual(detail.competing.map(\.verdict), [.undecided, .undecided])
        XCTAssertEqual(detail.disputants, ["alice", "bo"])
        XCTAssertEqual(try AuditLog.check(ws.store).state.matches, true, "a dispute changes no value the replay sees")
    }

    func testRaisingIsRefusedWithoutReasonOnOwnOrUnsetLabelsAndTwiceOnOneField() throws {
        let ws = try workspace(3, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let before = try auditCount(ws)
        XCTAssertEqual(refusal { try ws.store.raiseDispute(.severity, on: 1, reason: "  ", by: bo) },
                       "a dispute needs a reason: say what is wrong with the value")
        XCTAssertEqual(refusal { try ws.store.raiseDispute(.severity, on: 1, reason: "wrong", by: alice) },
                       "the severity of #1 is your own label: change it instead of disputing it")
        XCTAssertEqual(refusal { try ws.store.raiseDispute(.severity, on: 2, reason: "wrong", by: bo) },
                       "#2 has no severity set by a reviewer, so there is nothing to dispute")
        XCTAssertEqual(refusal { try ws.store.raiseDispute(.severity, on: 1, reason: "wrong", proposedValue: "S3", by: bo) },
                       "S3 is already the severity of #1: propose a different value, or none")
        XCTAssertEqual(try auditCount(ws), before, "a refusal writes nothing")
        let first = try XCTUnwrap(try ws.store.raiseDispute(.severity, on: 1, reason: "wrong", by: bo).disputesOpened.first)
        XCTAssertEqual(refusal { try ws.store.raiseDispute(.severity, on: 1, reason: "also wrong", by: dana) },
                       "dispute #\(first.id) on the severity of #1 is already open; an adjudicator decides it")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM disputes"), 1)
    }

    func testRaisingIsCheckedAgainstTheVersionSeen() throws {
        let ws = try workspace(3, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let seen = try ws.store.versions(of: [1])[1]!
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: alice, at: t0 + 1 * 11 * minute)
        XCTAssertThrowsError(try ws.store.raiseDispute(.severity, on: 1, reason: "wrong", by: bo, expectedVersion: seen)) { error in
            XCTAssertTrue(String(describing: error).contains("#1 was changed by alice meanwhile (severity S3 → S2)"), "\(error)")
        }
        XCTAssertEqual(try ws.count("SELECT count(*) FROM disputes"), 0)
    }

    func testDisputeOnOverwriteOpensADisputeInsteadOfOverwritingAnotherReviewersLabel() throws {
        let ws = try workspace(3, config: disputeRoster(disputeOnOverwrite: true))
        try ws.store.applyLabels([.severity: "S3", .status: "triaged"], to: [1], by: alice, expectedVersions: ws.store.versions(of: [1]), at: t0)
        let changes = try ws.store.applyLabels([.severity: "S1", .status: "resolved"], to: [1], by: bo,
                                               expectedVersions: ws.store.versions(of: [1]), at: t0 + 1 * 11 * minute)
        XCTAssertEqual(changes.disputesOpened.map(\.field), [.label(.severity)])
        XCTAssertEqual(changes.disputesOpened.first?.disputedReviewer, "alice")
        XCTAssertEqual(changes.disputesOpened.first?.proposedValue, "S1")
        XCTAssertEqual(changes.changes.map(\.field), ["status"], "status is workflow: it is written")
        let row = try ws.store.pool.read { try Row.fetchOne($0, sql: "SELECT severity, status FROM items WHERE id = 1")! }
        XCTAssertEqual(row["severity"] as String?, "S3", "alice's severity stays")
        XCTAssertEqual(row["status"] as String?, "resolved")
        XCTAssertNotNil(changes.actionID)
        XCTAssertEqual(try ws.count("SELECT count(DISTINCT action_id) FROM audit WHERE action_id = \(changes.actionID!)"), 1)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action_id = \(changes.actionID!) AND action = 'dispute_open'"), 1)

        // Your own label you simply change.
        let own = try ws.store.applyLabel(.locus, value: "model", to: [2], by: bo, at: t0 + 2 * 11 * minute)
        XCTAssertTrue(own.disputesOpened.isEmpty)
        let again = try ws.store.applyLabel(.locus, value: "knowledge", to: [2], by: bo, at: t0 + 3 * 11 * minute)
        XCTAssertTrue(again.disputesOpened.isEmpty)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 2 AND locus = 'knowledge'"), 1)
    }

    func testAnOverwriteOfALabelAlreadyInDisputeIsRefusedAsAWhole() throws {
        let ws = try workspace(2, config: disputeRoster(disputeOnOverwrite: true))
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let id = try ws.store.applyLabel(.severity, value: "S1", to: [1], by: bo, at: t0 + 11 * minute).disputesOpened[0].id
        let before = try auditCount(ws)
        XCTAssertEqual(refusal {
            try ws.store.applyLabels([.severity: "S2", .status: "triaged"], to: [1], by: dana,
                                     expectedVersions: ws.store.versions(of: [1]), at: t0 + 22 * minute)
        }, "dispute #\(id) on the severity of #1 is already open; an adjudicator decides it")
        XCTAssertEqual(try auditCount(ws), before, "nothing of the action is written")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND status = 'new'"), 1)
    }

    func testWithoutTheSettingAnotherReviewersLabelIsOverwritten() throws {
        let ws = try workspace(2, config: disputeRoster(disputeOnOverwrite: false))
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let changes = try ws.store.applyLabel(.severity, value: "S1", to: [1], by: bo, at: t0 + 1 * 11 * minute)
        XCTAssertTrue(changes.disputesOpened.isEmpty)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND severity = 'S1'"), 1)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM disputes"), 0)
    }

    func testOnlyAnAdjudicatorWhoIsNoPartyDecidesWithARationale() throws {
        let ws = try workspace(2, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: dana, at: t0)
        let id = try ws.store.raiseDispute(.severity, on: 1, reason: "data was lost", proposedValue: "S1", by: bo, at: t0 + 1 * 11 * minute).disputesOpened[0].id
        let before = try auditCount(ws)
        XCTAssertEqual(refusal { try ws.store.decideDispute(id, value: "S1", rationale: "yes", by: bo, at: t0 + 2 * 11 * minute) },
                       "only an adjudicator decides disputes, and bo is not an adjudicator on this workspace's roster")
        XCTAssertEqual(refusal { try ws.store.decideDispute(id, value: "S1", rationale: "mine was wrong", by: dana, at: t0 + 2 * 11 * minute) },
                       "dana is a party to dispute #\(id) (raised it or judged the field): another adjudicator must decide it")
        XCTAssertEqual(refusal { try ws.store.decideDispute(id, value: "S1", rationale: " \n ", by: carol, at: t0 + 2 * 11 * minute) },
                       "a decision needs a rationale: say why this value")
        XCTAssertEqual(refusal { try ws.store.decideDispute(id, value: "S9", rationale: "why not", by: carol, at: t0 + 2 * 11 * minute) },
                       "severity `S9` is not one of: S1, S2, S3, S4")
        XCTAssertEqual(try auditCount(ws), before)
        XCTAssertEqual(try ws.store.dispute(id).summary.state, .open)
    }

    func testADecisionIsOneActionTheItemFollowsAndOverruledJudgmentsAreKept() throws {
        let ws = try workspace(2, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let id = try ws.store.raiseDispute(.severity, on: 1, reason: "data was lost", proposedValue: "S1", by: bo, at: t0 + 1 * 11 * minute).disputesOpened[0].id
        let judgmentsBefore = try ws.count("SELECT count(*) FROM judgments")
        let decided = try ws.store.decideDispute(id, value: "critical", rationale: "the export deleted rows", by: carol, at: t0 + 2 * 11 * minute)
        XCTAssertEqual(decided.changes, [FieldChange(itemID: 1, field: "severity", oldValue: "S3", newValue: "S1")])
        let records = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT action, field FROM audit WHERE action_id = ? ORDER BY seq", arguments: [decided.actionID])
                .map { "\($0["action"] as String):\(($0["field"] as String?) ?? "")" }
        }
        XCTAssertEqual(records, ["claim:claim", "dispute_decide:severity"], "one action: the adjudicator's claim and the decision")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND severity = 'S1' AND claimed_by = 'carol'"), 1)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM judgments"), judgmentsBefore + 1, "nothing deleted; the decision is a judgment")

        let detail = try ws.store.dispute(id)
        XCTAssertEqual(detail.summary.state, .decided)
        XCTAssertEqual(detail.summary.decidedBy, "carol")
        XCTAssertEqual(detail.decision?.value, "S1")
        XCTAssertEqual(detail.decision?.rationale, "the export deleted rows")
        XCTAssertEqual(detail.decision?.state, "accepted")
        XCTAssertEqual(detail.competing.map(\.verdict), [.overruled, .upheld], "alice's S3 overruled, bo's S1 upheld")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM judgments WHERE overruled_by = \(detail.decision!.id)"), 1)
        XCTAssertEqual(refusal { try ws.store.decideDispute(id, value: "S2", rationale: "again", by: carol, at: t0 + 3 * 11 * minute) },
                       "dispute #\(id) is already decided; a lead can reopen it")
        XCTAssertTrue(try AuditLog.check(ws.store).state.matches)
        // The decided value is re-examined by reopening, not by a new dispute.
        XCTAssertEqual(refusal { try ws.store.raiseDispute(.severity, on: 1, reason: "no", by: bo, at: t0 + 3 * 11 * minute) },
                       "the severity of #1 was decided in dispute #\(id); a lead can reopen that dispute (winnow dispute reopen \(id))")
    }

    func testUpholdingTheCurrentValueStillRecordsTheDecision() throws {
        let ws = try workspace(2, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let id = try ws.store.raiseDispute(.severity, on: 1, reason: "too low", proposedValue: "S2", by: bo, at: t0 + 1 * 11 * minute).disputesOpened[0].id
        let version = try ws.store.versions(of: [1])[1]!
        let decided = try ws.store.decideDispute(id, value: "S3", rationale: "cosmetic impact only", by: carol, at: t0 + 2 * 11 * minute)
        XCTAssertTrue(decided.changes.isEmpty)
        XCTAssertEqual(try ws.store.versions(of: [1])[1], version + 1, "a decision moves the item's version on")
        let detail = try ws.store.dispute(id)
        XCTAssertEqual(detail.competing.map(\.verdict), [.upheld, .overruled])
        XCTAssertEqual(detail.decision?.value, "S3")
        XCTAssertTrue(try AuditLog.check(ws.store).state.matches)
    }

    func testReopenIsForLeadsWithAReasonAndKeepsTheDecisionInHistory() throws {
        let ws = try workspace(2, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let id = try ws.store.raiseDispute(.severity, on: 1, reason: "lost data", proposedValue: "S1", by: bo, at: t0 + 1 * 11 * minute).disputesOpened[0].id
        try ws.store.decideDispute(id, value: "S1", rationale: "rows deleted", by: carol, at: t0 + 2 * 11 * minute)
        XCTAssertEqual(refusal { try ws.store.reopenDispute(id, reason: "check", by: carol) },
                       "only a lead reopens a decided dispute, and carol is not a lead on this workspace's roster")
        XCTAssertEqual(refusal { try ws.store.reopenDispute(id, reason: "", by: alice) },
                       "a dispute needs a reason: say what is wrong with the value")
        let reopened = try ws.store.reopenDispute(id, reason: "the rows were restored from backup", by: alice, at: t0 + 3 * 11 * minute)
        XCTAssertNotNil(reopened.actionID)
        XCTAssertEqual(try auditActions(ws, item: 1).last, "dispute_reopen:severity")
        let detail = try ws.store.dispute(id)
        XCTAssertEqual(detail.summary.state, .open)
        XCTAssertNil(detail.decision)
        XCTAssertEqual(detail.withdrawn.map(\.value), ["S1"])
        XCTAssertEqual(detail.withdrawn.first?.state, "superseded")
        XCTAssertEqual(detail.competing.map(\.verdict), [.undecided, .undecided], "the overruling is withdrawn with the decision")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND severity = 'S1'"), 1, "the item keeps its value")
        XCTAssertEqual(refusal { try ws.store.reopenDispute(id, reason: "again", by: alice) }, "dispute #\(id) is open: there is no decision to reopen")

        // dana decides it anew.
        try ws.store.decideDispute(id, value: "S2", rationale: "restored, but users saw errors", by: dana, at: t0 + 4 * 11 * minute)
        let again = try ws.store.dispute(id)
        XCTAssertEqual(again.decision?.value, "S2")
        XCTAssertEqual(again.withdrawn.map(\.value), ["S1"])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 1 AND severity = 'S2'"), 1)
        XCTAssertTrue(try AuditLog.check(ws.store).state.matches)
    }

    func testDisputesListByState() throws {
        let ws = try workspace(3, config: disputeRoster())
        try ws.store.applyLabel(.severity, value: "S3", to: [1, 2], by: alice, at: t0)
        let a = try ws.store.raiseDispute(.severity, on: 1, reason: "x", by: bo, at: t0 + 1 * 11 * minute).disputesOpened[0].id
        let b = try ws.store.raiseDispute(.severity, on: 2, reason: "y", proposedValue: "S2", by: bo, at: t0 + 2 * 11 * minute).disputesOpened[0].id
        try ws.store.decideDispute(b, value: "S2", rationale: "z", by: carol, at: t0 + 3 * 11 * minute)
        XCTAssertEqual(try ws.store.disputes(.open).map(\.id), [a])
        XCTAssertEqual(try ws.store.disputes(.decided).map(\.id), [b])
        XCTAssertEqual(try ws.store.disputes(.decided).first?.decidedValue, "S2")
        XCTAssertEqual(try ws.store.disputes().map(\.id), [a, b])
        XCTAssertEqual(try ws.store.disputes(item: 2).map(\.id), [b])
    }
}
