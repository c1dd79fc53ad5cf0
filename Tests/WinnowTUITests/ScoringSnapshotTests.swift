import Foundation
import XCTest
import WinnowStore
@testable import WinnowTUI

/// The scoring screen and the rounds view drawn at the smallest common terminal and a large one.
final class ScoringSnapshotTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    /// A round of three items scored by alice and bo; bo has scored the first of alice's.
    func render(_ width: Int, _ height: Int, keys: [String]) throws -> CellGrid {
        let ws = try FixtureWorkspace(lines: ScreenSnapshotTests.events)
        try ws.store.createRound(RoundSpec(name: "qa-oct", rubric: "support", overlap: 2, reviewers: ["alice", "bo"],
                                           sample: RoundSampleSpec(count: 3, seed: 11)),
                                 by: Identity(reviewer: "lead", osUser: "lead-os"), at: fixedNow - 3_600_000)
        let first = try XCTUnwrap(try ws.store.assignments(for: "alice", round: "qa-oct").min { $0.position < $1.position }?.itemID)
        try ws.store.submitJudgments(round: "qa-oct", item: first, values: [
            .dimension("faithfulness"): "2", .dimension("completeness"): "3", .dimension("citation_quality"): "1",
            .dimension("access_correctness"): "pass", .dimension("action_validity"): "not_needed",
        ], itemRationale: "invented a menu path", by: Identity(reviewer: "bo", osUser: "bo-os"), at: fixedNow - 60_000)
        let runtime = ws.runtime(width: width, height: height)
        for key in keys {
            runtime.dispatch(.key(Key(key)))
            runtime.settle()
        }
        return runtime.frame()
    }

    func testScoringScreenMidwayAtTheSmallestSize() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["r", "4", "5"])), named: "scoring-midway-80x24")
    }

    func testScoringScreenAtALargeSize() throws {
        assertSnapshot(screenText(try render(200, 60, keys: ["r", "4", "5", "3"])), named: "scoring-midway-200x60")
    }

    func testRoundsViewAtTheSmallestSize() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["P"])), named: "rounds-80x24")
    }

    func testRoundsViewAtALargeSize() throws {
        assertSnapshot(screenText(try render(200, 60, keys: ["P"])), named: "rounds-200x60")
    }
}
