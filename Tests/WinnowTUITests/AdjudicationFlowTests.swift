import Foundation
import XCTest
@testable import WinnowStore
@testable import WinnowTUI

/// The dispute queue against a real store: a round's disagreement decided from the queue with a
/// rationale (the item's value and its history follow), a party refused, `:dispute` in triage,
/// the message of a label that opened a dispute instead of overwriting, and the screens.
final class AdjudicationFlowTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    let lead = Identity(reviewer: "lead", osUser: "t")
    let bo = Identity(reviewer: "bo", osUser: "t")
    let cy = Identity(reviewer: "cy", osUser: "t")

    /// Round wk48 on the SAML item (#1): bo said S2, cy said S3, so a severity dispute is open.
    func workspaceWithARoundDispute(editConfig: ((String) -> String)? = nil) throws -> FixtureWorkspace {
        let ws = try FixtureWorkspace(lines: ScreenSnapshotTests.events, editConfig: editConfig)
        _ = try ws.store.createRound(RoundSpec(name: "wk48", fields: [.severity], overlap: 2, reviewers: ["bo", "cy"],
                                               sample: RoundSampleSpec(filter: "signal:explicit_correction")),
                                     by: lead, at: fixedNow - 10 * 3_600_000)
        _ = try ws.store.submitJudgments(round: "wk48", item: 1, values: [.label(.severity): "S2"],
                                         rationales: [.label(.severity): "admins followed it and disabled SSO for everyone"],
                                         by: bo, at: fixedNow - 3 * 3_600_000)
        let completing = try ws.store.submitJudgments(round: "wk48", item: 1, values: [.label(.severity): "S3"],
                                                      rationales: [.label(.severity): "the loop is annoying but nobody lost access"],
                                                      by: cy, at: fixedNow - 2 * 3_600_000)
        XCTAssertEqual(completing.disputesOpened.count, 1, "the disagreement opens one dispute")
        return ws
    }

    func severity(of item: Int64, in ws: FixtureWorkspace) throws -> String? {
        try QueueReader(store: ws.store, reviewer: "t").detail(id: item)?.row.severity
    }

    func type(_ runtime: QueueRuntime, _ text: String) {
        for character in text { runtime.dispatch(.key(Key(String(character)))) }
    }

    func testAnAdjudicatorDecidesFromTheQueueAndTheItemAndItsHistoryFollow() throws {
        let ws = try workspaceWithARoundDispute()
        let runtime = ws.runtime(width: 120, height: 40, reviewer: "dee")
        press(runtime, "d")
        XCTAssertEqual(runtime.state.total, 1)
        XCTAssertEqual(runtime.state.selectedRow?.id, 1)
        XCTAssertEqual(runtime.state.disputeQueue?.shown?.competing.map(\.value), ["S2", "S3"])
        press(runtime, "1")
        type(runtime, "admins acted on it: S2 by definition")
        press(runtime, "enter")
        let dispute = try ws.store.dispute(1)
        XCTAssertEqual(dispute.summary.state, .decided)
        XCTAssertEqual(dispute.decision?.value, "S2")
        XCTAssertEqual(dispute.decision?.rationale, "admins acted on it: S2 by definition")
        XCTAssertEqual(try severity(of: 1, in: ws), "S2", "the decision is the item's severity")
        let decisions = try ws.store.itemHistory(1, viewer: Identity(reviewer: "dee", osUser: "t")).filter { $0.action == "dispute_decide" }
        XCTAssertEqual(decisions.count, 1, "one audited action")
        XCTAssertEqual(decisions.first?.reviewer, "dee")
        XCTAssertTrue(runtime.state.message?.text.hasPrefix("Decided dispute #1: severity S2") == true, runtime.state.message?.text ?? "")
        XCTAssertEqual(runtime.state.total, 0, "the decided item leaves the dispute queue: the next one is up")
    }

    func testAPartyToTheDisputeIsRefusedAndNothingChanges() throws {
        let ws = try workspaceWithARoundDispute()
        let runtime = ws.runtime(width: 120, height: 40, reviewer: "cy")
        press(runtime, "d")
        press(runtime, "2")
        XCTAssertEqual(runtime.state.message?.text, DisputeError.disputant(reviewer: "cy", dispute: 1).description)
        XCTAssertNil(runtime.state.input)
        // Typed in full, the store refuses it in the same words.
        runtime.dispatch(.command(.decide, argument: "S3 mine is right"))
        runtime.settle()
        XCTAssertEqual(runtime.state.message?.isError, true)
        XCTAssertEqual(try ws.store.dispute(1).summary.state, .open)
    }

    func testStoreRefusalsReachTheScreenInItsWords() throws {
        let ws = try workspaceWithARoundDispute()
        let runtime = ws.runtime(width: 120, height: 40, reviewer: "dee")
        press(runtime, "d")
        let version = try XCTUnwrap(runtime.state.disputeQueue?.shown?.itemVersion)
        // Decided meanwhile by someone else: this screen's decision is refused, not applied twice.
        try ws.store.decideDispute(1, value: "S3", rationale: "nobody lost access", by: Identity(reviewer: "eve", osUser: "t"),
                                   expectedVersion: version, at: fixedNow)
        runtime.dispatch(.command(.decide, argument: "S2 acted on"))
        runtime.settle()
        XCTAssertEqual(runtime.state.message?.isError, true)
        XCTAssertEqual(try ws.store.dispute(1).decision?.value, "S3")
    }

    func testDisputeRaisedInTriageOpensOneAndSaysWhoseValueItQuestions() throws {
        let ws = try FixtureWorkspace(lines: ScreenSnapshotTests.events)
        try ws.label(.severity, "S3", on: 2, by: Identity(reviewer: "alice", osUser: "t"))
        let runtime = ws.runtime(width: 120, height: 40, reviewer: "bo")
        runtime.dispatch(.command(.filter, argument: "severity:S3"))
        runtime.settle()
        XCTAssertEqual(runtime.state.selectedRow?.id, 2)
        runtime.dispatch(.command(.raiseDispute, argument: "severity=S1 the refund promise was false"))
        runtime.settle()
        let open = try ws.store.disputes(.open, item: 2)
        XCTAssertEqual(open.count, 1)
        XCTAssertEqual(open.first?.reason, "the refund promise was false")
        XCTAssertEqual(runtime.state.message?.text,
                       "Opened dispute #\(open[0].id) on alice's severity S3 of #2; you propose S1: an adjudicator decides it")
        XCTAssertEqual(try severity(of: 2, in: ws), "S3", "raising changes no value")
    }

    func testALabelThatOpensADisputeInsteadOfOverwritingSaysSo() throws {
        let ws = try FixtureWorkspace(lines: ScreenSnapshotTests.events) {
            $0.replacingOccurrences(of: "dispute_on_overwrite = false", with: "dispute_on_overwrite = true")
        }
        XCTAssertTrue(ws.store.config.disputeOnOverwrite)
        try ws.label(.severity, "S2", on: 2, by: Identity(reviewer: "alice", osUser: "t"))
        let runtime = ws.runtime(width: 120, height: 40, reviewer: "bo")
        runtime.dispatch(.command(.filter, argument: "severity:S2"))
        runtime.settle()
        runtime.dispatch(.command(.labelSeverity, argument: "S1"))
        runtime.settle()
        let dispute = try XCTUnwrap(try ws.store.disputes(.open, item: 2).first)
        XCTAssertEqual(runtime.state.message?.text,
                       "Opened a dispute: alice set severity S2 on #2; your S1 waits for an adjudicator (dispute #\(dispute.id))")
        XCTAssertEqual(try severity(of: 2, in: ws), "S2")
    }

    func testTheAdjudicationDetailStacksAt80x24() throws {
        let ws = try workspaceWithARoundDispute()
        let runtime = ws.runtime(width: 80, height: 24, reviewer: "dee")
        // j on the only item moves nothing: it only lets the hints take the message's place.
        press(runtime, "d", "j")
        assertSnapshot(screenText(runtime.frame()), named: "adjudication-80x24")
    }

    func testTheAdjudicationDetailPutsTheJudgmentsSideBySideAt200x60() throws {
        let ws = try workspaceWithARoundDispute()
        let runtime = ws.runtime(width: 200, height: 60, reviewer: "dee")
        press(runtime, "d", "1")
        type(runtime, "admins acted on it")
        assertSnapshot(screenText(runtime.frame()), named: "adjudication-rationale-200x60")
    }

    func testALeadReopensTheDecisionFromTheDecidedDisputes() throws {
        let ws = try workspaceWithARoundDispute()
        try ws.store.decideDispute(1, value: "S2", rationale: "acted on", by: Identity(reviewer: "dee", osUser: "t"),
                                   expectedVersion: try ws.store.dispute(1).itemVersion, at: fixedNow - 3_600_000)
        let runtime = ws.runtime(width: 120, height: 40, reviewer: "lead")
        runtime.dispatch(.command(.disputeQueue, argument: "decided"))
        runtime.settle()
        XCTAssertEqual(runtime.state.disputeQueue?.shown?.summary.state, .decided)
        press(runtime, "ctrl-o")
        XCTAssertEqual(runtime.state.input?.text, "reopen ")
        type(runtime, "the customer was refunded after all")
        press(runtime, "enter")
        XCTAssertEqual(try ws.store.dispute(1).summary.state, .open)
        XCTAssertEqual(try ws.store.dispute(1).withdrawn.map(\.value), ["S2"])
        XCTAssertTrue(runtime.state.message?.text.hasPrefix("Reopened dispute #1 on the severity of #1") == true, runtime.state.message?.text ?? "")
        XCTAssertEqual(runtime.state.total, 0, "it left the decided disputes")
    }

    func testHostileRationalesAndNamesReachTheScreenOnlyAsText() throws {
        let ws = try FixtureWorkspace(lines: ScreenSnapshotTests.events)
        _ = try ws.store.createRound(RoundSpec(name: "wk48", fields: [.severity], overlap: 2, reviewers: ["bo", "cy"],
                                               sample: RoundSampleSpec(filter: "signal:explicit_correction")),
                                     by: lead, at: fixedNow - 10 * 3_600_000)
        _ = try ws.store.submitJudgments(round: "wk48", item: 1, values: [.label(.severity): "S2"],
                                         rationales: [.label(.severity): "red \u{1B}[31mALERT\u{1B}[0m \u{202E}reversed\u{202C} \u{07}"],
                                         by: bo, at: fixedNow - 3 * 3_600_000)
        _ = try ws.store.submitJudgments(round: "wk48", item: 1, values: [.label(.severity): "S3"], by: cy, at: fixedNow - 2 * 3_600_000)
        for width in [80, 200] {
            let runtime = ws.runtime(width: width, height: 40, reviewer: "dee")
            press(runtime, "d")
            let screen = runtime.frame().lines.joined(separator: "\n")
            XCTAssertTrue(screen.contains("ALERT"), screen)
            for raw in ["\u{1B}", "\u{202E}", "\u{07}"] { XCTAssertFalse(screen.contains(raw), "width \(width): a raw control character") }
        }
    }
}
