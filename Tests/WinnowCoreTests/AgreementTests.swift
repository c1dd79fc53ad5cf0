import Foundation
import PropertyBased
import Testing
@testable import WinnowCore

/// Agreement coefficients against the published worked examples that define them, and the edge
/// cases where they are undefined. Each example names its source; expected values are the
/// published ones, compared to the decimals the source prints.
@Suite("Inter-rater agreement")
struct AgreementTests {
    static func expect(_ figure: AgreementFigure, _ expected: Double, within tolerance: Double,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        guard let value = figure.value else {
            Issue.record("undefined: \(figure.undefinedReason!)", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(value - expected) <= tolerance, "\(value) is not \(expected) ± \(tolerance)",
                sourceLocation: sourceLocation)
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    /// observers, twelve units, values 1–5, with missing data. Rows are units; unit 12 has one
    /// value only and cannot be paired. The same table is irrCAC's `cac.raw4raters`.
    static let krippendorff2011 = try! ReliabilityData<Int>(raters: ["A", "B", "C", "D"], units: [
        [1, 1, nil, 1],
        [2, 2, 3, 2],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [2, 2, 2, 2],
        [1, 2, 3, 4],
        [4, 4, 4, 4],
        [1, 1, 2, 1],
        [2, 2, 2, 2],
        [nil, 5, 5, 5],
        [nil, nil, 1, 1],
        [nil, nil, 3, nil],
    ])

    @Test("Krippendorff 2011: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797 over 11 units and 40 values")
    func krippendorffWorkedExample() {
        let data = Self.krippendorff2011
        let nominal = Agreement.krippendorffAlpha(data, metric: .nominal)
        Self.expect(nominal, 0.743, within: 0.0005)
        // irrCAC's krippen.alpha.raw prints the same coefficient to five decimals.
        Self.expect(nominal, 0.74342, within: 0.000005)
        Self.expect(Agreement.krippendorffAlpha(data, metric: .ordinal), 0.815, within: 0.0005)
        Self.expect(Agreement.krippendorffAlpha(data, metric: .interval), 0.849, within: 0.0005)
        Self.expect(Agreement.krippendorffAlpha(data, metric: .ratio), 0.797, within: 0.0005)
        // The same four levels through the flat numeric entry point (NaN for missing).
        let numbers = data.units.flatMap { unit in unit.map { $0.map(Double.init) ?? .nan } }
        for (level, published) in [(MeasurementLevel.nominal, 0.743), (.ordinal, 0.815), (.interval, 0.849), (.ratio, 0.797)] {
            let figure = Agreement.krippendorffAlpha(numbers: numbers, raterCount: 4, level: level)
            Self.expect(figure, published, within: 0.0005)
            #expect(figure.unitsUsed == 11)
            #expect(figure.pairableValues == 40)
        }
        #expect(nominal.unitsUsed == 11)
        #expect(nominal.pairableValues == 40)
    }

    @Test("ordinal alpha with the scale spelled out, including an unused level, is the same")
    func ordinalWithExplicitLevels() {
        let data = Self.krippendorff2011
        // An unused level has no values, so it adds nothing to the ranks between used levels.
        let withUnused = Agreement.krippendorffAlpha(data, metric: .ordinal(levels: [1, 2, 3, 4, 5, 6]))
        Self.expect(withUnused, 0.815, within: 0.0005)
        let notOnScale = Agreement.krippendorffAlpha(data, metric: .ordinal(levels: [1, 2, 3, 4]))
        #expect(notOnScale.undefinedReason == .valueNotOnScale("5"))
    }

    @Test("string codes: nominal alpha does not care what the categories are called")
    func stringCodes() throws {
        let names = [1: "low", 2: "mid", 3: "high", 4: "severe", 5: "critical"]
        let rows = Self.krippendorff2011.units.map { unit in unit.map { $0.map { names[$0]! } ?? "" } }
        let data = try ReliabilityData.fromCodes(raters: ["A", "B", "C", "D"], rows: rows)
        #expect(data.units[0] == ["low", "low", nil, "low"])
        Self.expect(Agreement.krippendorffAlpha(data, metric: .nominal), 0.74342, within: 0.000005)
        let ordered = ["low", "mid", "high", "severe", "critical"]
        Self.expect(Agreement.krippendorffAlpha(data, metric: .ordinal(levels: ordered)), 0.815, within: 0.0005)
        let scores = ["low": 1.0, "mid": 2, "high": 3, "severe": 4, "critical": 5]
        Self.expect(Agreement.krippendorffAlpha(data, metric: .interval { scores[$0]! }), 0.849, within: 0.0005)
    }

    @Test("Gwet's AC1 and percent agreement on the Krippendorff table: irrCAC gives 0.77544 and 0.8181818")
    func gwetOnKrippendorffTable() {
        // irrCAC README, gwet.ac1.raw(cac.raw4raters): pa 0.8181818, pe 0.1903212, AC1 0.77544.
        let ac1 = Agreement.gwetAC1(Self.krippendorff2011)
        Self.expect(ac1, 0.77544, within: 0.000005)
        #expect(ac1.unitsUsed == 11)
        #expect(ac1.pairableValues == 40)
        Self.expect(Agreement.percentAgreement(Self.krippendorff2011), 0.8181818, within: 0.0000001)
    }

    /// Gwet's `distrib.6raters` (irrCAC): 15 patients, 6 psychiatrists, 5 diagnoses, given as how
    /// many raters chose each category. Rater identity plays no part in AC1, so each row is
    /// spread over six rater columns in category order.
    static let sixRaters: ReliabilityData<String> = {
        let categories = ["Depression", "Personality Disorder", "Schizophrenia", "Neurosis", "Other"]
        let distribution = [
            [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
            [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
            [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
        ]
        let units = distribution.map { counts in
            zip(categories, counts).flatMap { category, count in Array(repeating: Optional(category), count: count) }
        }
        return try! ReliabilityData(raters: (1...6).map { "psychiatrist \($0)" }, units: units)
    }()

    /// AC1 as defined in Gwet (2008), "Computing inter-rater reliability and its variance in the
    /// presence of high agreement", and Gwet (2014), Handbook of Inter-Rater Reliability.
    @Test("Gwet's AC1 on distrib.6raters: 0.4448007, percent agreement 0.5511111 (irrCAC)")
    func gwetSixRaters() {
        Self.expect(Agreement.gwetAC1(Self.sixRaters), 0.4448007, within: 0.0000001)
        Self.expect(Agreement.percentAgreement(Self.sixRaters), 0.5511111, within: 0.0000001)
    }

    /// irrCAC's `cont3x3abstractors` (Gwet 2014): 100 abstracts, two abstractors, categories
    /// Ectopic / AIU / NIU. Laid out as units from the contingency table.
    static let abstractors: ReliabilityData<String> = {
        let cells: [(String, String, Int)] = [
            ("Ectopic", "Ectopic", 13), ("AIU", "AIU", 20), ("AIU", "NIU", 7), ("NIU", "AIU", 4), ("NIU", "NIU", 56),
        ]
        let units = cells.flatMap { first, second, count in Array(repeating: [Optional(first), second], count: count) }
        return try! ReliabilityData(raters: ["abstractor 1", "abstractor 2"], units: units)
    }()

    @Test("two raters on cont3x3abstractors: kappa 0.7964094, AC1 0.8493305, pa 0.89 (irrCAC)")
    func abstractorsTable() {
        let kappa = Agreement.cohenKappa(Self.abstractors)
        Self.expect(kappa, 0.7964094, within: 0.0000001)
        #expect(kappa.unitsUsed == 100)
        #expect(kappa.pairableValues == 200)
        Self.expect(Agreement.gwetAC1(Self.abstractors), 0.8493305, within: 0.0000001)
        Self.expect(Agreement.percentAgreement(Self.abstractors), 0.89, within: 1e-12)
    }

    /// Cohen (1960), "A coefficient of agreement for nominal scales", defines kappa; the numbers
    /// are the worked example of Wikipedia's "Cohen's kappa" article.
    @Test("Cohen's kappa, the textbook 2×2 example (Wikipedia, 'Cohen's kappa'): 0.4")
    func cohenTextbook() throws {
        // 50 grant proposals read by A and B: both yes 20, A yes B no 5, A no B yes 10, both no 15.
        // pₒ = 0.7, pₑ = 0.5, so kappa = 0.4.
        let units = Array(repeating: ["yes", "yes"], count: 20) + Array(repeating: ["yes", "no"], count: 5)
            + Array(repeating: ["no", "yes"], count: 10) + Array(repeating: ["no", "no"], count: 15)
        let data = try ReliabilityData.fromCodes(raters: ["A", "B"], rows: units)
        Self.expect(Agreement.cohenKappa(data), 0.4, within: 1e-12)
    }

    /// Weighted kappa as defined by Cohen (1968), with the quadratic weights of Fleiss & Cohen (1973).
    @Test("weighted kappa: scikit-learn's reference case, unweighted 0.9315, linear 0.9412, quadratic 0.9541")
    func weightedKappaReference() throws {
        // scikit-learn's test of cohen_kappa_score: y1 = 0×46, 1×44, 2×10 and y2 = 0×50, 1×40, 2×10,
        // paired in order.
        let first = Array(repeating: 0, count: 46) + Array(repeating: 1, count: 44) + Array(repeating: 2, count: 10)
        let second = Array(repeating: 0, count: 50) + Array(repeating: 1, count: 40) + Array(repeating: 2, count: 10)
        let data = try ReliabilityData<Int>(raters: ["y1", "y2"], units: zip(first, second).map { [$0, $1] })
        Self.expect(Agreement.cohenKappa(data), 0.9315, within: 0.00005)
        Self.expect(Agreement.weightedKappa(data, weighting: .linear), 0.9412, within: 0.00005)
        Self.expect(Agreement.weightedKappa(data, weighting: .quadratic), 0.9541, within: 0.00005)
        // The scale spelled out gives the same weights when every level is used.
        #expect(Agreement.weightedKappa(data, levels: [0, 1, 2], weighting: .linear)
                == Agreement.weightedKappa(data, weighting: .linear))
    }

    @Test("weighted kappa by hand, and an unused middle level of the scale changes the weights")
    func weightedKappaByHand() throws {
        // Four units on 1–3: three agree, one is (1, 2). Observed linear disagreement: ¼ · 1 = 0.25.
        // Marginals a: 1 ½, 2 ¼, 3 ¼; b: 1 ¼, 2 ½, 3 ¼. Expected: Σ pᵢ qⱼ |i − j|
        // = ½(½·1 + ¼·2) + ¼(¼·1 + ¼·1) + ¼(¼·2 + ½·1) = 0.5 + 0.125 + 0.25 = 0.875.
        let mixed = try ReliabilityData<Int>(raters: ["a", "b"], units: [[1, 1], [2, 2], [3, 3], [1, 2]])
        Self.expect(Agreement.weightedKappa(mixed, weighting: .linear), 1 - 0.25 / 0.875, within: 1e-12)
        #expect(Agreement.weightedKappa(mixed, levels: [1, 2], weighting: .linear).undefinedReason
                == .valueNotOnScale("3"))
        // A level listed twice counts once.
        #expect(Agreement.weightedKappa(mixed, levels: [1, 1, 2, 3, 2], weighting: .linear)
                == Agreement.weightedKappa(mixed, levels: [1, 2, 3], weighting: .linear))
        #expect(Agreement.krippendorffAlpha(mixed, metric: .ordinal(levels: [1, 2, 2, 3])).value
                == Agreement.krippendorffAlpha(mixed, metric: .ordinal).value)
        #expect(Agreement.gwetAC1(mixed, categories: [1, 2, 3, 3]) == Agreement.gwetAC1(mixed))
        // The same pattern on levels 1, 2 and 4. Ranked by the used values alone, 4 sits next to 2
        // and kappa is as above; on the whole 1–4 scale, 4 is two levels from 2 and three from 1:
        // expected = ½(½·1 + ¼·3) + ¼(¼·1 + ¼·2) + ¼(¼·3 + ½·2) = 0.625 + 0.1875 + 0.4375 = 1.25.
        let gapped = try ReliabilityData<Int>(raters: ["a", "b"], units: [[1, 1], [2, 2], [4, 4], [1, 2]])
        Self.expect(Agreement.weightedKappa(gapped, weighting: .linear), 1 - 0.25 / 0.875, within: 1e-12)
        Self.expect(Agreement.weightedKappa(gapped, levels: [1, 2, 3, 4], weighting: .linear), 1 - 0.25 / 1.25,
                    within: 1e-12)
    }

    @Test("pairwise kappa covers every pair of raters, over the units each pair shares")
    func pairwiseKappa() {
        let pairs = Agreement.pairwiseCohenKappa(Self.krippendorff2011)
        #expect(pairs.map { "\($0.firstRater)\($0.secondRater)" } == ["AB", "AC", "AD", "BC", "BD", "CD"])
        // A and B share units 1–9; they differ only on unit 6 (1 vs 2).
        let ab = pairs[0].kappa
        #expect(ab.unitsUsed == 9)
        #expect(ab == Agreement.cohenKappa(Self.krippendorff2011.selectingRaters([0, 1])))
        // By hand: pₒ = 8/9. A: 1×3, 2×3, 3×2, 4×1; B: 1×2, 2×4, 3×2, 4×1.
        // pₑ = (3·2 + 3·4 + 2·2 + 1·1)/81 = 23/81, so kappa = (72/81 − 23/81)/(58/81) = 49/58.
        Self.expect(ab, 49.0 / 58.0, within: 1e-12)
        let onlyOne = Agreement.pairwiseCohenKappa(try! ReliabilityData<Int>(raters: ["solo"], units: [[1]]))
        #expect(onlyOne.isEmpty)
    }

    @Test("the README's example runs and gives what it says")
    func readmeExample() throws {
        let data = try ReliabilityData.fromCodes(raters: ["ana", "ben"], rows: [["S1", "S2"], ["S2", "S2"], ["S3", ""]])
        #expect(Agreement.percentAgreement(data).value == 0.5)
        #expect(Agreement.cohenKappa(data).unitsUsed == 2)
        #expect(Agreement.pairwiseCohenKappa(data).count == 1)
        let levels = ["S1", "S2", "S3", "S4"]
        #expect(Agreement.weightedKappa(data, levels: levels, weighting: .quadratic).value != nil)
        #expect(Agreement.krippendorffAlpha(data, metric: .ordinal(levels: levels)).pairableValues == 4)
        #expect(Agreement.gwetAC1(data).value != nil)
        let scores = try ReliabilityData<Int>(raters: ["a", "b", "c"], units: [[4, 5, nil], [2, 2, 3]])
        #expect(Agreement.krippendorffAlpha(scores, metric: .interval).pairableValues == 5)
        #expect(Agreement.weightedKappa(scores.selectingRaters([0, 1]), levels: Array(1...5), weighting: .linear)
                .unitsUsed == 2)
    }

    @Test("perfect agreement on several categories is 1 on every coefficient")
    func perfectAgreement() throws {
        let data = try ReliabilityData<Int>(raters: ["a", "b"], units: [[1, 1], [2, 2], [3, 3], [2, 2], [nil, 3]])
        for figure in [Agreement.cohenKappa(data), Agreement.weightedKappa(data, weighting: .linear),
                       Agreement.weightedKappa(data, weighting: .quadratic), Agreement.gwetAC1(data),
                       Agreement.percentAgreement(data), Agreement.krippendorffAlpha(data, metric: .nominal),
                       Agreement.krippendorffAlpha(data, metric: .ordinal),
                       Agreement.krippendorffAlpha(data, metric: .interval)] {
            #expect(figure.value == 1)
            #expect(figure.unitsUsed == 4)
            #expect(figure.pairableValues == 8)
        }
    }

    @Test("all one category: chance-corrected figures say so instead of NaN; percent agreement is 1")
    func singleCategory() throws {
        let data = try ReliabilityData.fromCodes(raters: ["a", "b", "c"],
                                                 rows: [["pass", "pass", ""], ["pass", "pass", "pass"], ["", "", "pass"]])
        let expected = UndefinedAgreement.singleCategory("pass")
        #expect(Agreement.krippendorffAlpha(data, metric: .nominal).undefinedReason == expected)
        #expect(Agreement.gwetAC1(data).undefinedReason == expected)
        #expect(Agreement.cohenKappa(data.selectingRaters([0, 1])).undefinedReason == expected)
        #expect(Agreement.weightedKappa(data.selectingRaters([0, 1]), weighting: .quadratic).undefinedReason == expected)
        let alpha = Agreement.krippendorffAlpha(data, metric: .nominal)
        #expect(alpha.unitsUsed == 2)
        #expect(alpha.pairableValues == 5)
        #expect(Agreement.percentAgreement(data).value == 1)
        #expect(expected.description.contains("pass"))
        // On a pass/fail scale, AC1 counts the unused category (Gwet's Q is the scale's size),
        // and agreement on one category is then perfect agreement.
        #expect(Agreement.gwetAC1(data, categories: ["pass", "fail"]).value == 1)
    }

    @Test("interval alpha is undefined when every value is the same number")
    func intervalNoVariation() throws {
        let data = try ReliabilityData<Double>(raters: ["a", "b"], units: [[2.5, 2.5], [2.5, 2.5]])
        #expect(Agreement.krippendorffAlpha(data, metric: .interval).undefinedReason == .singleCategory("2.5"))
    }

    @Test("missing values: Cohen drops units either rater skipped; alpha and AC1 use every pairable unit")
    func missingValues() throws {
        let data = try ReliabilityData<Int>(raters: ["a", "b"], units: [[1, 1], [2, 2], [1, 2], [nil, 1], [2, nil], [nil, nil]])
        let kappa = Agreement.cohenKappa(data)
        #expect(kappa.unitsUsed == 3)
        #expect(kappa.pairableValues == 6)
        // Three units: pₒ = 2/3; marginals a: 1 ⅔, 2 ⅓ and b: 1 ⅓, 2 ⅔, so pₑ = 4/9; kappa = (2/3 − 4/9)/(5/9) = 0.4.
        Self.expect(kappa, 0.4, within: 1e-12)
        let alpha = Agreement.krippendorffAlpha(data, metric: .nominal)
        #expect(alpha.unitsUsed == 3)
        #expect(alpha.pairableValues == 6)
        // Coincidences: o(1,1) = 2, o(2,2) = 2, o(1,2) = o(2,1) = 1; n₁ = n₂ = 3, n = 6.
        // alpha = 1 − (n − 1)·o(1,2)·2 / (n₁n₂·2) = 1 − 5·2/18 = 4/9.
        Self.expect(alpha, 4.0 / 9.0, within: 1e-12)
        // AC1's chance term reads the single-rated units too, five rated units in all:
        // π₁ = (1 + 0 + ½ + 1 + 0)/5 = 0.5, π₂ = 0.5, pₑ = 0.5; pₐ = 2/3; AC1 = (2/3 − ½)/(½) = ⅓.
        Self.expect(Agreement.gwetAC1(data), 1.0 / 3.0, within: 1e-12)
    }

    @Test("one rater only: nothing to pair, and Cohen's kappa needs two raters")
    func oneRater() throws {
        let data = try ReliabilityData<Int>(raters: ["solo"], units: [[1], [2], [nil]])
        #expect(Agreement.cohenKappa(data).undefinedReason == .needsExactlyTwoRaters(found: 1))
        #expect(Agreement.weightedKappa(data, weighting: .linear).undefinedReason == .needsExactlyTwoRaters(found: 1))
        #expect(Agreement.krippendorffAlpha(data, metric: .nominal).undefinedReason == .noPairableValues)
        #expect(Agreement.gwetAC1(data).undefinedReason == .noPairableValues)
        #expect(Agreement.percentAgreement(data).undefinedReason == .noPairableValues)
        #expect(Agreement.cohenKappa(Self.krippendorff2011).undefinedReason == .needsExactlyTwoRaters(found: 4))
        // Two raters who never judged the same unit have nothing to pair either.
        let apart = try ReliabilityData<Int>(raters: ["a", "b"], units: [[1, nil], [nil, 2]])
        #expect(Agreement.cohenKappa(apart).undefinedReason == .noPairableValues)
        #expect(Agreement.krippendorffAlpha(apart, metric: .interval).undefinedReason == .noPairableValues)
    }

    @Test("a unit with the wrong number of values, or no raters, is refused")
    func malformedTable() {
        #expect(throws: ReliabilityDataError.unitWidthMismatch(unit: 1, values: 1, raters: 2)) {
            try ReliabilityData<Int>(raters: ["a", "b"], units: [[1, 2], [1]])
        }
        #expect(throws: ReliabilityDataError.noRaters) { try ReliabilityData<Int>(raters: [], units: []) }
    }

    // MARK: Properties

    /// A random table: cells 0–3 or missing (4), cut into units `raters` wide.
    static func table(_ cells: [Int], raters: Int) -> ReliabilityData<Int> {
        let units = stride(from: 0, to: cells.count - raters + 1, by: raters).map { start in
            cells[start..<start + raters].map { $0 == 4 ? nil : $0 }
        }
        return try! ReliabilityData(raters: (0..<raters).map { "r\($0)" }, units: units)
    }

    /// A deterministic shuffle of `0..<count` from a seed (a small LCG, so failures replay).
    static func permutation(_ count: Int, seed: Int) -> [Int] {
        var state = UInt64(truncatingIfNeeded: seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            order.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        return order
    }

    static func figures(_ data: ReliabilityData<Int>) -> [AgreementFigure] {
        [Agreement.percentAgreement(data), Agreement.gwetAC1(data),
         Agreement.krippendorffAlpha(data, metric: .nominal), Agreement.krippendorffAlpha(data, metric: .ordinal),
         Agreement.krippendorffAlpha(data, metric: .interval)]
    }

    static func same(_ a: AgreementFigure, _ b: AgreementFigure) -> Bool {
        guard a.unitsUsed == b.unitsUsed, a.pairableValues == b.pairableValues else { return false }
        switch (a.outcome, b.outcome) {
        case (.defined(let x), .defined(let y)): return abs(x - y) <= 1e-9
        case (.undefined(let x), .undefined(let y)): return x == y
        default: return false
        }
    }

    @Test("every figure is unchanged by reordering units and raters")
    func permutationInvariance() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...4).array(of: 0...60), Gen.int(in: 1...5),
                            Gen.int(in: 0...1_000_000)) { cells, raterCount, seed in
            let data = Self.table(cells, raters: raterCount)
            let unitOrder = Self.permutation(data.unitCount, seed: seed)
            let raterOrder = Self.permutation(raterCount, seed: seed + 1)
            let shuffled = try! ReliabilityData(raters: raterOrder.map { data.raters[$0] },
                                                units: unitOrder.map { u in raterOrder.map { data.units[u][$0] } })
            for (original, reordered) in zip(Self.figures(data), Self.figures(shuffled)) {
                #expect(Self.same(original, reordered), "\(original) vs \(reordered) for \(data.units)")
            }
            if raterCount >= 2 {
                let pair = data.selectingRaters([0, 1]), swapped = data.selectingRaters([1, 0])
                let reorderedPair = try! ReliabilityData(raters: pair.raters, units: unitOrder.map { pair.units[$0] })
                for weighting in KappaWeighting.allCases {
                    #expect(Self.same(Agreement.weightedKappa(pair, levels: [0, 1, 2, 3], weighting: weighting),
                                      Agreement.weightedKappa(swapped, levels: [0, 1, 2, 3], weighting: weighting)))
                }
                #expect(Self.same(Agreement.cohenKappa(pair), Agreement.cohenKappa(swapped)))
                #expect(Self.same(Agreement.cohenKappa(pair), Agreement.cohenKappa(reorderedPair)))
            }
        }
    }

    /// Krippendorff's alpha transcribed literally from the 2011 paper: the coincidence matrix
    /// built pair by pair, δ² per metric (ordinal by summing the margins between two ranks), and
    /// the double sums taken over the matrix. Integer values are their own ranks and numbers.
    /// Nil when the expected disagreement is zero.
    static func literalAlpha(_ data: ReliabilityData<Int>, _ level: String) -> Double? {
        let values = Array(Set(data.units.joined().compactMap { $0 })).sorted()
        var o = [[Double]](repeating: [Double](repeating: 0, count: values.count), count: values.count)
        for unit in data.units {
            let present = unit.compactMap { $0 }
            guard present.count >= 2 else { continue }
            for i in present.indices {
                for j in present.indices where i != j {
                    o[values.firstIndex(of: present[i])!][values.firstIndex(of: present[j])!] += 1 / Double(present.count - 1)
                }
            }
        }
        let margins = o.map { $0.reduce(0, +) }
        let n = margins.reduce(0, +)
        func delta(_ c: Int, _ k: Int) -> Double {
            switch level {
            case "nominal": return c == k ? 0 : 1
            case "ordinal":
                let between = margins[min(c, k)...max(c, k)].reduce(0, +) - (margins[c] + margins[k]) / 2
                return between * between
            case "ratio":
                let sum = Double(values[c] + values[k])
                return sum == 0 ? 0 : pow(Double(values[c] - values[k]) / sum, 2)
            default: return Double((values[c] - values[k]) * (values[c] - values[k]))
            }
        }
        var observed = 0.0, expected = 0.0
        for c in values.indices {
            for k in values.indices {
                observed += o[c][k] * delta(c, k)
                expected += margins[c] * margins[k] * delta(c, k)
            }
        }
        return expected > 0 ? 1 - (n - 1) * observed / expected : nil
    }

    @Test("alpha's closed form equals the coincidence matrix taken literally, at every level")
    func alphaMatchesLiteralMatrix() async {
        // Values 0–7 (8 is missing) with gaps, so ordinal mid-ranks and interval numbers differ.
        await propertyCheck(count: 500, input: Gen.int(in: 0...8).array(of: 0...80), Gen.int(in: 1...5)) { cells, raterCount in
            Self.expectLiteralAlpha(cells, raterCount: raterCount, missing: 8)
        }
    }

    @Test("alpha on more categories than its pair table holds equals the literal matrix too")
    func alphaOnManyCategoriesMatchesLiteralMatrix() async {
        // Up to 150 distinct values (150 is missing): past the one-pass pair table, the table is walked twice.
        await propertyCheck(count: 20, input: Gen.int(in: 0...150).array(of: 140...200), Gen.int(in: 2...4)) { cells, raterCount in
            Self.expectLiteralAlpha(cells, raterCount: raterCount, missing: 150)
        }
    }

    static func expectLiteralAlpha(_ cells: [Int], raterCount: Int, missing: Int) {
        let units = stride(from: 0, to: cells.count - raterCount + 1, by: raterCount).map { start in
            cells[start..<start + raterCount].map { $0 == missing ? nil : $0 * $0 }
        }
        let data = try! ReliabilityData(raters: (0..<raterCount).map { "r\($0)" }, units: units)
        let metrics: [(MeasurementLevel, AlphaMetric<Int>)] = [(.nominal, .nominal), (.ordinal, .ordinal),
                                                               (.interval, .interval), (.ratio, .ratio)]
        let numbers = units.flatMap { unit in unit.map { $0.map(Double.init) ?? .nan } }
        for (level, metric) in metrics {
            let figure = Agreement.krippendorffAlpha(data, metric: metric)
            let flat = Agreement.krippendorffAlpha(numbers: numbers, raterCount: raterCount, level: level)
            let literal = Self.literalAlpha(data, level.rawValue)
            if let literal {
                #expect(abs((figure.value ?? .nan) - literal) <= 1e-9, "\(level): \(figure) vs \(literal) for \(units)")
                #expect(abs((flat.value ?? .nan) - literal) <= 1e-9, "\(level) flat: \(flat) vs \(literal) for \(units)")
            } else {
                #expect(figure.value == nil, "\(level): \(figure) where the matrix has no expected disagreement")
                #expect(flat.value == nil, "\(level) flat: \(flat) where the matrix has no expected disagreement")
            }
            #expect(flat.unitsUsed == figure.unitsUsed && flat.pairableValues == figure.pairableValues)
        }
    }

    @Test("identical raters agree perfectly: alpha, AC1, kappa and percent agreement are 1")
    func identicalRaters() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...4).array(of: 1...40), Gen.int(in: 2...5)) { cells, raterCount in
            let units = cells.map { cell in Array(repeating: cell == 4 ? nil : Optional(cell), count: raterCount) }
            let data = try! ReliabilityData(raters: (0..<raterCount).map { "r\($0)" }, units: units)
            let used = Set(cells.filter { $0 != 4 })
            var all = Self.figures(data)
            all.append(Agreement.cohenKappa(data.selectingRaters([0, 1])))
            all.append(Agreement.weightedKappa(data.selectingRaters([0, 1]), weighting: .quadratic))
            for figure in all {
                switch used.count {
                case 0: #expect(figure.undefinedReason == .noPairableValues)
                case 1: #expect(figure.value == 1 || figure.undefinedReason == .singleCategory(String(used.first!)))
                default: #expect(abs((figure.value ?? .nan) - 1) <= 1e-12, "\(figure) for \(cells)")
                }
            }
        }
    }

    @Test("figures stay in range: percent agreement in [0, 1], coefficients at most 1")
    func ranges() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...4).array(of: 0...60), Gen.int(in: 2...4)) { cells, raterCount in
            let data = Self.table(cells, raters: raterCount)
            if let percent = Agreement.percentAgreement(data).value { #expect((0...1).contains(percent)) }
            for figure in Self.figures(data) {
                if let value = figure.value { #expect(value <= 1 + 1e-12, "\(figure) for \(data.units)") }
                #expect(figure.value.map { !$0.isNaN } ?? true)
            }
        }
    }
}
