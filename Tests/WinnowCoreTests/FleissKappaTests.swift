import Testing
@testable import WinnowCore

/// Fleiss' kappa as defined in Fleiss (1971), "Measuring nominal scale agreement among many
/// raters", Psychological Bulletin 76(5), checked on the worked example of Wikipedia's "Fleiss'
/// kappa" article, which computes it with Fleiss's formulas step by step.
@Suite("Fleiss' kappa")
struct FleissKappaTests {
    /// 10 subjects, 14 raters each, 5 categories; a row counts the raters choosing each category.
    static let wikipedia: ReliabilityData<Int> = {
        let counts = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let units = counts.map { row in
            row.enumerated().flatMap { category, count in Array(repeating: Optional(category + 1), count: count) }
        }
        return try! ReliabilityData(raters: (1...14).map { "rater \($0)" }, units: units)
    }()

    @Test("the 10-subject, 5-category example gives κ = 0.210 (P̄ = 0.378, P̄ₑ = 0.213)")
    func worked() {
        let kappa = Agreement.fleissKappa(Self.wikipedia)
        let value = try! #require(kappa.value)
        #expect(abs(value - 0.210) < 0.0005, "\(value)")
        #expect(kappa.unitsUsed == 10)
        #expect(kappa.pairableValues == 140)
    }

    @Test("units with different numbers of ratings leave κ undefined, saying why")
    func unequalRatings() throws {
        let data = try ReliabilityData<Int>(raters: ["a", "b", "c"], units: [[1, 1, 2], [1, nil, 1], [nil, nil, nil]])
        let kappa = Agreement.fleissKappa(data)
        #expect(kappa.undefinedReason == .unequalRatingsPerUnit(fewest: 2, most: 3))
        #expect(kappa.undefinedReason!.description.hasPrefix("needs the same number of ratings per unit"))
    }

    @Test("an unrated unit is left out; with two raters and no missing values κ is Scott's π, as alpha nearly is")
    func twoRaters() throws {
        // Two raters, 4 units, (1,1) (2,2) (1,2) and an empty one. P̄ = (1 + 1 + 0)/3 = 2/3;
        // p₁ = p₂ = ½, P̄ₑ = ½; κ = (2/3 − ½)/(½) = ⅓ (Scott's π). Alpha corrects for the small
        // sample: 1 − (n − 1)·2·o(1,2)/(n² − Σ n꜀²) = 1 − 5·2/18 = 4/9.
        let data = try ReliabilityData<Int>(raters: ["a", "b"], units: [[1, 1], [2, 2], [1, 2], [nil, nil]])
        let kappa = Agreement.fleissKappa(data)
        #expect(abs(kappa.value! - 1.0 / 3.0) < 1e-12)
        #expect(kappa.unitsUsed == 3)
        #expect(abs(Agreement.krippendorffAlpha(data, metric: .nominal).value! - 4.0 / 9.0) < 1e-12)
    }

    @Test("one category, or one rating per unit, is undefined")
    func degenerate() throws {
        let same = try ReliabilityData<String>(raters: ["a", "b"], units: [["x", "x"], ["x", "x"]])
        #expect(Agreement.fleissKappa(same).undefinedReason == .singleCategory("x"))
        let single = try ReliabilityData<String>(raters: ["a", "b"], units: [["x", nil], [nil, "y"]])
        #expect(Agreement.fleissKappa(single).undefinedReason == .noPairableValues)
    }
}
