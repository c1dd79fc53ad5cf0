import XCTest
@testable import WinnowCore

/// The release gate's statistics against published values, and its decision on crafted counts.
final class ReleaseGateTests: XCTestCase {
    func testQuantilesMatchTheTables() {
        XCTAssertEqual(IntervalEstimates.normalQuantile(0.975), 1.959964, accuracy: 1e-6)
        XCTAssertEqual(IntervalEstimates.normalQuantile(0.5), 0, accuracy: 1e-12)
        XCTAssertEqual(IntervalEstimates.normalQuantile(0.005), -2.575829, accuracy: 1e-6)
        XCTAssertEqual(IntervalEstimates.studentTQuantile(0.975, degrees: 1), 12.706, accuracy: 1e-3)
        XCTAssertEqual(IntervalEstimates.studentTQuantile(0.975, degrees: 2), 4.303, accuracy: 1e-3)
        XCTAssertEqual(IntervalEstimates.studentTQuantile(0.975, degrees: 5), 2.571, accuracy: 2e-3)
        XCTAssertEqual(IntervalEstimates.studentTQuantile(0.975, degrees: 10), 2.228, accuracy: 1e-3)
        XCTAssertEqual(IntervalEstimates.studentTQuantile(0.975, degrees: 30), 2.042, accuracy: 1e-3)
    }

    func testWilsonAndNewcombeMatchPublishedExamples() throws {
        // Newcombe (1998), Statistics in Medicine 17: 873–890, table I and table II.
        let wilson = try XCTUnwrap(IntervalEstimates.wilson(ProportionCount(count: 81, total: 263), confidence: 0.95))
        XCTAssertEqual(wilson.lower, 0.2553, accuracy: 5e-5)
        XCTAssertEqual(wilson.upper, 0.3662, accuracy: 5e-5)
        let zero = try XCTUnwrap(IntervalEstimates.wilson(ProportionCount(count: 0, total: 10), confidence: 0.95))
        XCTAssertEqual(zero.lower, 0)
        XCTAssertEqual(zero.upper, 0.2775, accuracy: 5e-5, "a rate of 0 still has an upper bound")
        let difference = try XCTUnwrap(IntervalEstimates.difference(ProportionCount(count: 56, total: 70),
                                                                   minus: ProportionCount(count: 48, total: 80), confidence: 0.95))
        XCTAssertEqual(difference.lower, 0.0524, accuracy: 5e-5)
        XCTAssertEqual(difference.upper, 0.3339, accuracy: 5e-5)
        XCTAssertNil(IntervalEstimates.wilson(ProportionCount(count: 0, total: 0), confidence: 0.95))
    }

    func testTheMeanIntervalIsTheTInterval() throws {
        let summary = MeanSummary(values: [1, 2, 3, 4, 5])
        XCTAssertEqual(summary.mean, 3)
        XCTAssertEqual(try XCTUnwrap(summary.standardDeviation), 1.5811, accuracy: 1e-4)
        let interval = try XCTUnwrap(IntervalEstimates.mean(summary, confidence: 0.95))
        // 3 ± 2.776 × 1.5811 / √5
        XCTAssertEqual(interval.lower, 1.0368, accuracy: 2e-3)
        XCTAssertEqual(interval.upper, 4.9632, accuracy: 2e-3)
        XCTAssertNil(IntervalEstimates.mean(MeanSummary(values: [4]), confidence: 0.95), "one value has no spread")
    }

    func counts(_ version: String, accuracy: (Int, Int), hallucinations: (Int, Int)) -> VersionCounts {
        VersionCounts(version: version, reviewed: hallucinations.1, hallucinations: hallucinations.0, rubricScored: accuracy.1,
                      dimensions: ["faithfulness": ProportionCount(count: accuracy.0, total: accuracy.1)])
    }

    func testHoldingAccuracyWithoutMoreHallucinationsPasses() {
        let report = ReleaseGate.evaluate(baseline: counts("v1", accuracy: (160, 200), hallucinations: (20, 400)),
                                          candidate: counts("v2", accuracy: (159, 200), hallucinations: (18, 400)), rule: GateRule())
        XCTAssertEqual(report.verdict, .pass, report.reasons.joined(separator: "\n"))
        XCTAssertEqual(report.accuracyChange.estimate!, -0.005, accuracy: 1e-12, "exactly the tolerance still holds")
        XCTAssertTrue(report.reasons[0].contains("holds within the tolerance 0.005"), report.reasons[0])
        XCTAssertTrue(report.reasons[1].contains("did not rise"), report.reasons[1])
        XCTAssertEqual(report.baseline.dimension("faithfulness")?.passRate.n, 200)
        XCTAssertEqual(report.candidate.hallucinationRate.count, 18)
    }

    func testARiseInHallucinationsFailsEvenWhenAccuracyRose() {
        let report = ReleaseGate.evaluate(baseline: counts("v1", accuracy: (120, 200), hallucinations: (10, 400)),
                                          candidate: counts("v2", accuracy: (180, 200), hallucinations: (60, 400)), rule: GateRule())
        XCTAssertEqual(report.verdict, .fail)
        XCTAssertTrue(report.reasons[0].contains("holds"), "accuracy went up")
        XCTAssertTrue(report.reasons[1].contains("it rose, beyond doubt"), report.reasons[1])
        XCTAssertGreaterThan(report.hallucinationChange.interval!.lower, 0)
    }

    func testAClearDropInAccuracyFails() {
        let report = ReleaseGate.evaluate(baseline: counts("v1", accuracy: (180, 200), hallucinations: (10, 400)),
                                          candidate: counts("v2", accuracy: (120, 200), hallucinations: (10, 400)), rule: GateRule())
        XCTAssertEqual(report.verdict, .fail)
        XCTAssertLessThan(report.accuracyChange.interval!.upper, -0.005)
    }

    func testADropTheIntervalsCannotTellFromNoiseIsInconclusive() {
        // One point less accurate on 200 items, and one hallucination more on 400: both break the
        // rule on the figures, and neither interval excludes no change.
        let report = ReleaseGate.evaluate(baseline: counts("v1", accuracy: (160, 200), hallucinations: (20, 400)),
                                          candidate: counts("v2", accuracy: (158, 200), hallucinations: (21, 400)), rule: GateRule())
        XCTAssertEqual(report.verdict, .inconclusive)
        XCTAssertTrue(report.reasons[0].contains("cannot tell that from noise"), report.reasons[0])
        XCTAssertTrue(report.reasons[1].contains("cannot tell that from noise"), report.reasons[1])
    }

    func testTooFewItemsIsInconclusiveWhateverTheFigures() {
        var rule = GateRule()
        rule.minimumItems = 30
        let report = ReleaseGate.evaluate(baseline: counts("v1", accuracy: (29, 29), hallucinations: (0, 100)),
                                          candidate: counts("v2", accuracy: (0, 30), hallucinations: (50, 100)), rule: rule)
        XCTAssertEqual(report.verdict, .inconclusive)
        XCTAssertEqual(report.reasons, ["too few items to tell: v1 has 29 rubric-scored items on faithfulness, fewer than the 30 needed"])
        rule.minimumItems = 29
        XCTAssertEqual(ReleaseGate.evaluate(baseline: counts("v1", accuracy: (29, 29), hallucinations: (0, 100)),
                                            candidate: counts("v2", accuracy: (0, 30), hallucinations: (50, 100)), rule: rule).verdict, .fail)
    }

    func testTheToleranceAndDimensionComeFromTheRule() {
        var rule = GateRule(accuracyDimension: "accuracy", tolerance: 0.05, minimumItems: 10, confidence: 0.9)
        var baseline = counts("v1", accuracy: (160, 200), hallucinations: (20, 400))
        var candidate = counts("v2", accuracy: (152, 200), hallucinations: (20, 400))
        baseline.dimensions = ["accuracy": ProportionCount(count: 160, total: 200)]
        candidate.dimensions = ["accuracy": ProportionCount(count: 152, total: 200)]
        XCTAssertEqual(ReleaseGate.evaluate(baseline: baseline, candidate: candidate, rule: rule).verdict, .pass, "a 4-point drop is within 0.05")
        rule.tolerance = 0.01
        XCTAssertEqual(ReleaseGate.evaluate(baseline: baseline, candidate: candidate, rule: rule).verdict, .inconclusive)
        rule.accuracyDimension = "faithfulness"
        XCTAssertEqual(ReleaseGate.evaluate(baseline: baseline, candidate: candidate, rule: rule).reasons.first,
                       "too few items to tell: v1 has 0 rubric-scored items on faithfulness, fewer than the 10 needed")
    }
}
