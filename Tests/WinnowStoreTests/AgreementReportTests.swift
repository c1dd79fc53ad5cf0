import XCTest
import WinnowCore
@testable import WinnowStore

/// The report `winnow agreement` and the agreement view print, on a table of three reviewers.
final class AgreementReportTests: XCTestCase {
    /// scikit-learn's reference case of cohen_kappa_score (y1 = 0×46, 1×44, 2×10 against
    /// y2 = 0×50, 1×40, 2×10, in order: κ 0.9315, linear 0.9412, quadratic 0.9541; Cohen 1968,
    /// Fleiss & Cohen 1973) as the first pair of a three-reviewer table: the one-table weighted
    /// κ is defined for two raters only, so each pair gets its own, and that pair its published ones.
    func testEachPairOfThreeReviewersGetsItsWeightedKappa() throws {
        let first = Array(repeating: "0", count: 46) + Array(repeating: "1", count: 44) + Array(repeating: "2", count: 10)
        let second = Array(repeating: "0", count: 50) + Array(repeating: "1", count: 40) + Array(repeating: "2", count: 10)
        let third = (0..<100).map { String($0 % 3) }
        let data = try ReliabilityData<String>(raters: ["y1", "y2", "y3"],
                                               units: (0..<100).map { [first[$0], second[$0], third[$0]] })
        let report = AgreementReport.compute(data, level: .ordinal, scale: ["0", "1", "2"], reference: nil, replicates: 0, seed: 1)
        XCTAssertNil(report.entries.first { $0.key == "weighted_kappa_linear" }?.value, "three raters: no one-table weighted κ")
        XCTAssertEqual(report.pairwise.map { "\($0.firstRater)-\($0.secondRater)" }, ["y1-y2", "y1-y3", "y2-y3"])
        XCTAssertEqual(try XCTUnwrap(report.pairwise[0].kappa.value), 0.9315, accuracy: 0.00005)
        XCTAssertEqual(try XCTUnwrap(report.pairwiseWeighted[.linear]?[0].kappa.value), 0.9412, accuracy: 0.00005)
        XCTAssertEqual(try XCTUnwrap(report.pairwiseWeighted[.quadratic]?[0].kappa.value), 0.9541, accuracy: 0.00005)
        XCTAssertEqual(report.pairwiseWeighted[.linear]?.count, 3)

        let nominal = AgreementReport.compute(data, level: .nominal, scale: [], reference: nil, replicates: 0, seed: 1)
        XCTAssertTrue(nominal.pairwiseWeighted.isEmpty, "no weights on an unordered scale")
    }
}
