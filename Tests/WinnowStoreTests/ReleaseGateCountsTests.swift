import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// What `winnow gate` counts for a version: only reviewed items, only settled rubric scores (never a
/// blind pending one nor an open dispute), each item's latest round.
final class ReleaseGateCountsTests: XCTestCase {
    /// Items 1–6 and 11–13 are v1, 7–10 v2; 3 and 8 carry a CSAT score; 4 and 9 are escalations.
    func gateWorkspace() throws -> TestWorkspace {
        try workspace(13, config: disputeRoster()) { n in
            let version = (7...10).contains(n) ? "v2" : "v1"
            var extra = #","model_version":"\#(version)","prompt_version":"p\#(n % 2)""#
            if n == 3 { extra += #","csat":2"# }
            if n == 8 { extra += #","csat":4"# }
            return extra
        }
    }

    func testOnlySettledScoresOfTheLatestRoundCount() throws {
        let ws = try gateWorkspace()
        let first = try ws.makeRound("first", items: [1, 2, 3, 7, 8, 9], reviewers: ["alice", "bo"])
        // 1: agreed 5 (passes); 2: agreed 2 (fails); 3: 1 against 5, disputed, then decided 4 (passes).
        for (item, a, b) in [(Int64(1), "5", "5"), (2, "2", "2"), (3, "1", "5"), (7, "4", "4"), (8, "1", "1")] {
            try ws.judge(round: first, item: item, .dimension("faithfulness"), a, by: "alice")
            try ws.judge(round: first, item: item, .dimension("faithfulness"), b, by: "bo")
            try ws.judge(round: first, item: item, .dimension("access_correctness"), "pass", by: "alice")
            try ws.judge(round: first, item: item, .dimension("access_correctness"), item == 7 ? "fail" : "pass", by: "bo")
            try ws.complete(round: first, item: item, by: bo, at: t0 + item)
        }
        // 9: one blind judgment, the item not complete: nothing of it counts.
        try ws.judge(round: first, item: 9, .dimension("faithfulness"), "5", by: "alice")
        let disputed = try XCTUnwrap(try ws.store.disputes(.open).first { $0.itemID == 3 && $0.field == .dimension("faithfulness") })
        try ws.store.decideDispute(disputed.id, value: "4", rationale: "supported", by: carol, at: t0 + minute)
        // 8 failed in the first round and passed in a later one: the later round stands.
        let second = try ws.makeRound("second", items: [8], reviewers: ["alice", "bo"])
        try ws.judge(round: second, item: 8, .dimension("faithfulness"), "5", by: "alice")
        try ws.judge(round: second, item: 8, .dimension("faithfulness"), "5", by: "bo")
        try ws.complete(round: second, item: 8, by: bo, at: t0 + 2 * minute)

        let v1 = try ws.store.releaseGateCounts(version: "v1", axis: .model)
        XCTAssertEqual(v1.dimensions["faithfulness"], ProportionCount(count: 2, total: 3), "5 and the decided 4 pass, 2 fails")
        XCTAssertEqual(v1.dimensions["access_correctness"], ProportionCount(count: 3, total: 3))
        XCTAssertEqual(v1.rubricScored, 3)
        let v2 = try ws.store.releaseGateCounts(version: "v2", axis: .model)
        XCTAssertEqual(v2.dimensions["faithfulness"], ProportionCount(count: 2, total: 2), "7 agreed at 4; 8 by its later round; not 9")
        XCTAssertNil(v2.dimensions["access_correctness"], "7's pass against fail is an open dispute, 8's later round did not judge it")
        XCTAssertEqual(v2.rubricScored, 2)
    }

    func testReviewedItemsGiveTheHallucinationEscalationAndCSATFigures() throws {
        let ws = try gateWorkspace()
        let store = ws.store
        // v1: 3, 4, 5 triaged, 6 resolved; 1 won't fix and 2 new are not reviewed. 4 and 6 hallucinated.
        for item: Int64 in [3, 4, 5, 6, 1, 11] {
            try store.applyLabel(.locus, value: "model", to: [item], by: alice, at: t0 + item)
        }
        try store.applyLabel(.reasons, value: "hallucination", to: [4, 6], by: alice, at: t0 + 10)
        try store.applyLabel(.reasons, value: "reasoning_error", to: [5], by: alice, at: t0 + 11)
        try store.applyLabel(.status, value: "triaged", to: [3, 4, 5], by: alice, at: t0 + 12)
        try store.applyLabel(.status, value: "resolved", to: [6], by: alice, at: t0 + 13)
        try store.applyLabel(.status, value: "wont_fix", to: [1], by: alice, at: t0 + 14)
        // 11 is triaged and hallucinated but merged into 3: its canonical stands for it.
        try store.applyLabel(.reasons, value: "hallucination", to: [11], by: alice, at: t0 + 15)
        try store.applyLabel(.status, value: "triaged", to: [11], by: alice, at: t0 + 16)
        try store.merge([11], into: 3, by: alice, at: t0 + 17)

        let v1 = try store.releaseGateCounts(version: "v1", axis: .model)
        XCTAssertEqual(v1.reviewed, 4)
        XCTAssertEqual(v1.hallucinations, 2)
        XCTAssertEqual(v1.escalations, 0, "the workspace's events are thumbs_down")
        XCTAssertEqual(v1.csat, MeanSummary(count: 1, sum: 2, sumOfSquares: 4), "only 3 of the reviewed items has a CSAT score")
        XCTAssertEqual(try store.releaseGateCounts(version: "v2", axis: .model).reviewed, 0)
        // By prompt version: p0 is the even items (4, 6 reviewed), p1 the odd ones (3, 5).
        let p0 = try store.releaseGateCounts(version: "p0", axis: .prompt)
        XCTAssertEqual([p0.reviewed, p0.hallucinations], [2, 2])
        XCTAssertTrue(try store.versionExists("p1", axis: .prompt))
        XCTAssertFalse(try store.versionExists("p1", axis: .model))
    }

    func testTheHallucinationCodeComesFromTheConfig() throws {
        let ws = try workspace(2, config: "[gate]\nhallucination_reason = \"reasoning_error\"\n") { _ in #","model_version":"v1""# }
        try ws.store.applyLabel(.locus, value: "model", to: [1, 2], by: ws.identity)
        try ws.store.applyLabel(.reasons, value: "reasoning_error", to: [1], by: ws.identity)
        try ws.store.applyLabel(.reasons, value: "hallucination", to: [2], by: ws.identity)
        try ws.store.applyLabel(.status, value: "triaged", to: [1, 2], by: ws.identity)
        let counts = try ws.store.releaseGateCounts(version: "v1", axis: .model)
        XCTAssertEqual([counts.reviewed, counts.hallucinations], [2, 1])
    }
}
