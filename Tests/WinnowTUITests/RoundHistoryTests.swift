import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// The history overlay reads through the blind rule: another reviewer's round score shows as
/// hidden until the item is complete, then as scored.
final class RoundHistoryTests: XCTestCase {
    func testTheHistoryOverlayHidesAnotherReviewersScoreUntilTheItemIsComplete() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let bo = Identity(reviewer: "bo", osUser: "bo-os"), alice = Identity(reviewer: "alice", osUser: "alice-os")
        try ws.store.createRound(RoundSpec(name: "r", fields: [.severity], reviewers: ["alice", "bo"]), by: bo, at: fixedNow - 60_000)
        let runtime = ws.runtime(width: 100, height: 30)
        let item = try XCTUnwrap(runtime.state.selectedRow?.id)
        try ws.store.submitJudgments(round: "r", item: item, values: [.label(.severity): "S1"], itemRationale: "leaks data", by: bo,
                                     at: fixedNow - 30_000)
        press(runtime, "h")
        var score = try XCTUnwrap(runtime.state.history.first { $0.action == "score" })
        XCTAssertEqual(score.newValue, JudgmentVisibility.hiddenText)
        XCTAssertEqual(score.reason, JudgmentVisibility.hiddenText)

        try ws.store.submitJudgments(round: "r", item: item, values: [.label(.severity): "S2"], by: alice, at: fixedNow - 20_000)
        press(runtime, "q")
        press(runtime, "h")
        score = try XCTUnwrap(runtime.state.history.first { $0.action == "score" })
        XCTAssertEqual(score.newValue, "S1")
        XCTAssertEqual(score.reason, "leaks data")
    }
}
