/// Inter-rater agreement statistics over a `ReliabilityData` table. Pure functions: no store, no
/// I/O, so the agreement views, the CLI and anyone's CSV all get the same numbers.
public enum Agreement {}

/// How far apart two levels of an ordered scale count as a disagreement in weighted kappa.
public enum KappaWeighting: String, Sendable, CaseIterable {
    /// Disagreement grows with the distance in levels: |i − j|.
    case linear
    /// Disagreement grows with the squared distance: (i − j)². Close misses count for little.
    case quadratic
}

extension Agreement {
    /// Cohen's kappa (Cohen 1960) for exactly two raters on a nominal scale. Units either rater
    /// left blank are dropped (listwise), as in Cohen's definition: kappa = (pₒ − pₑ) / (1 − pₑ),
    /// with pₑ from each rater's own marginal distribution.
    public static func cohenKappa<Value>(_ data: ReliabilityData<Value>) -> AgreementFigure {
        guard data.raterCount == 2 else {
            return .undefined(.needsExactlyTwoRaters(found: data.raterCount), unitsUsed: 0, pairableValues: 0)
        }
        let coded = CodedUnits(data)
        let table = ContingencyTable(data, coded: coded.indexOf)
        return table.kappa(disagreement: { $0 == $1 ? 0 : 1 }, categories: coded.categories)
    }

    /// Weighted kappa (Cohen 1968) for exactly two raters on an ordered scale. `levels` is the
    /// whole scale in order, including levels nobody used: the weights depend on the distance in
    /// levels, so leaving a level out would change them. A value not on the scale makes the
    /// figure undefined rather than guessing where it belongs.
    public static func weightedKappa<Value>(_ data: ReliabilityData<Value>, levels: [Value],
                                            weighting: KappaWeighting) -> AgreementFigure {
        guard data.raterCount == 2 else {
            return .undefined(.needsExactlyTwoRaters(found: data.raterCount), unitsUsed: 0, pairableValues: 0)
        }
        let coded: CodedUnits<Value>
        switch CodedUnits<Value>.onScale(data, scale: levels) {
        case .coded(let onScale): coded = onScale
        case .notOnScale(let reason): return .undefined(reason, unitsUsed: 0, pairableValues: 0)
        }
        let table = ContingencyTable(data, coded: coded.indexOf)
        return table.kappa(disagreement: { row, column in
            let distance = Double(abs(row - column))
            return weighting == .linear ? distance : distance * distance
        }, categories: coded.categories)
    }

    /// Weighted kappa on a scale whose levels are ordered by the values themselves (for example
    /// integer scores). Only the levels either rater used are on the scale; pass `levels:` to
    /// include unused levels of, say, a 1–5 scale.
    public static func weightedKappa<Value: Comparable>(_ data: ReliabilityData<Value>,
                                                        weighting: KappaWeighting) -> AgreementFigure {
        let used = Set(data.units.joined().compactMap { $0 })
        return weightedKappa(data, levels: used.sorted(), weighting: weighting)
    }
}

extension CodedUnits {
    /// Category index by value, for the values this coding knows.
    var indexOf: [Value: Int] {
        Dictionary(categories.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The two-rater cross-tabulation kappa is defined on: counts[i][j] units that rater one put in
/// category i and rater two in category j, over the units both rated.
private struct ContingencyTable {
    var counts: [[Int]]
    var units = 0

    init<Value>(_ data: ReliabilityData<Value>, coded index: [Value: Int]) {
        let size = index.count
        counts = Array(repeating: Array(repeating: 0, count: size), count: size)
        for unit in data.units {
            guard let first = unit[0], let second = unit[1] else { continue }
            counts[index[first]!][index[second]!] += 1
            units += 1
        }
    }

    /// Kappa with disagreement weights v(i, j): 1 − Σ v·observed / Σ v·expected. With 0/1 weights
    /// this is exactly (pₒ − pₑ) / (1 − pₑ).
    func kappa<Value>(disagreement: (Int, Int) -> Double, categories: [Value]) -> AgreementFigure {
        guard units > 0 else { return .undefined(.noPairableValues, unitsUsed: 0, pairableValues: 0) }
        let size = counts.count
        let total = Double(units)
        var rowTotals = [Double](repeating: 0, count: size)
        var columnTotals = [Double](repeating: 0, count: size)
        for i in 0..<size {
            for j in 0..<size {
                rowTotals[i] += Double(counts[i][j])
                columnTotals[j] += Double(counts[i][j])
            }
        }
        var observed = 0.0, expected = 0.0
        for i in 0..<size {
            for j in 0..<size {
                let weight = disagreement(i, j)
                observed += weight * Double(counts[i][j]) / total
                expected += weight * rowTotals[i] * columnTotals[j] / (total * total)
            }
        }
        guard expected > 0 else {
            // Expected disagreement is zero only when both raters used one and the same category.
            let only = rowTotals.firstIndex { $0 > 0 }!
            return .undefined(.singleCategory(String(describing: categories[only])),
                              unitsUsed: units, pairableValues: 2 * units)
        }
        return AgreementFigure(outcome: .defined(1 - observed / expected), unitsUsed: units,
                               pairableValues: 2 * units)
    }
}

/// Cohen's kappa for one pair of raters of a larger table.
public struct PairwiseKappa: Equatable, Sendable {
    public let firstRater: String
    public let secondRater: String
    public let kappa: AgreementFigure
}

extension Agreement {
    /// Cohen's kappa for every pair of raters, in rater order (first with second, first with
    /// third, …), each over the units both of the pair judged. A pair who never judged the same
    /// unit is reported as undefined, not left out, so a lead sees who has no overlap.
    public static func pairwiseCohenKappa<Value>(_ data: ReliabilityData<Value>) -> [PairwiseKappa] {
        var pairs: [PairwiseKappa] = []
        for first in 0..<data.raterCount {
            for second in (first + 1)..<data.raterCount {
                pairs.append(PairwiseKappa(firstRater: data.raters[first], secondRater: data.raters[second],
                                           kappa: cohenKappa(data.selectingRaters([first, second]))))
            }
        }
        return pairs
    }

    /// Weighted kappa for every pair of raters on an ordered scale, in the order of
    /// `pairwiseCohenKappa`, each over the units both of the pair judged.
    public static func pairwiseWeightedKappa<Value>(_ data: ReliabilityData<Value>, levels: [Value],
                                                    weighting: KappaWeighting) -> [PairwiseKappa] {
        var pairs: [PairwiseKappa] = []
        for first in 0..<data.raterCount {
            for second in (first + 1)..<data.raterCount {
                pairs.append(PairwiseKappa(firstRater: data.raters[first], secondRater: data.raters[second],
                                           kappa: weightedKappa(data.selectingRaters([first, second]), levels: levels, weighting: weighting)))
            }
        }
        return pairs
    }
}
