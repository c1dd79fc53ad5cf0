/// The difference function Krippendorff's alpha uses, which is what its level of measurement means.
public struct AlphaMetric<Value: Hashable & Sendable>: Sendable {
    enum Kind: Sendable {
        case nominal
        /// Levels in order; values outside them make alpha undefined.
        case ordinal([Value])
        /// Levels ordered by sorting the values that occur.
        case ordinalSorted(@Sendable ([Value]) -> [Value])
        case interval(@Sendable (Value) -> Double)
    }
    let kind: Kind

    /// Any two different categories differ equally.
    public static var nominal: Self { AlphaMetric(kind: .nominal) }
    /// Categories are ranked as in `levels`; the difference between two ranks grows with how many
    /// values were given to the ranks between them (Krippendorff's ordinal metric).
    public static func ordinal(levels: [Value]) -> Self { AlphaMetric(kind: .ordinal(levels)) }
    /// Values are points on a numeric scale; the difference is their squared distance.
    public static func interval(_ numericValue: @escaping @Sendable (Value) -> Double) -> Self {
        AlphaMetric(kind: .interval(numericValue))
    }
}

extension AlphaMetric where Value: Comparable {
    /// Ordinal, ranking the values by their own order (for integer levels, say).
    public static var ordinal: Self { AlphaMetric(kind: .ordinalSorted { $0.sorted() }) }
}

extension AlphaMetric where Value: BinaryInteger {
    /// Interval, taking each integer as its own number.
    public static var interval: Self { .interval { Double($0) } }
}

extension AlphaMetric where Value: BinaryFloatingPoint {
    /// Interval, taking each number as itself.
    public static var interval: Self { .interval { Double($0) } }
}

extension Agreement {
    /// Krippendorff's alpha for any number of raters with missing values, computed through the
    /// coincidence matrix as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
    /// each unit with mᵤ ≥ 2 values adds 1/(mᵤ − 1) to o(c, k) for every ordered pair of its values
    /// from different raters, nᶜ are the matrix's margins and n their total, and
    /// alpha = 1 − (n − 1) · Σ o(c, k)·δ²(c, k) / Σ nᶜ·nₖ·δ²(c, k).
    /// Units with fewer than two values cannot be paired and are left out, as the paper does.
    public static func krippendorffAlpha<Value>(_ data: ReliabilityData<Value>,
                                                metric: AlphaMetric<Value>) -> AgreementFigure {
        let coded: CodedUnits<Value>
        switch metric.kind {
        case .nominal, .interval:
            coded = CodedUnits(data)
        case .ordinal(let levels):
            switch CodedUnits<Value>.onScale(data, scale: levels) {
            case .coded(let onScale): coded = onScale
            case .notOnScale(let reason): return .undefined(reason, unitsUsed: 0, pairableValues: 0)
            }
        case .ordinalSorted(let sort):
            let used = Array(Set(data.units.joined().compactMap { $0 }))
            // Every value is on its own sorted list, so this coding cannot fail.
            guard case .coded(let onScale) = CodedUnits<Value>.onScale(data, scale: sort(used)) else {
                preconditionFailure("a value missing from the sorted list of all values")
            }
            coded = onScale
        }
        let pairable = coded.pairable
        guard pairable.units > 0 else { return .undefined(.noPairableValues, unitsUsed: 0, pairableValues: 0) }

        let size = coded.categories.count
        var coincidences = [Double](repeating: 0, count: size * size)
        for (counts, total) in zip(coded.unitCounts, coded.unitTotals) where total >= 2 {
            let weight = 1 / Double(total - 1)
            for first in counts {
                for second in counts {
                    let pairs = first.category == second.category
                        ? first.count * (first.count - 1)
                        : first.count * second.count
                    coincidences[first.category * size + second.category] += Double(pairs) * weight
                }
            }
        }
        var margins = [Double](repeating: 0, count: size)
        for c in 0..<size {
            for k in 0..<size { margins[c] += coincidences[c * size + k] }
        }
        let n = margins.reduce(0, +)

        let difference = squaredDifferences(metric: metric.kind, categories: coded.categories, margins: margins)
        var observed = 0.0, expected = 0.0
        for c in 0..<size where margins[c] > 0 {
            for k in 0..<size where margins[k] > 0 {
                let delta = difference(c, k)
                observed += coincidences[c * size + k] * delta
                expected += margins[c] * margins[k] * delta
            }
        }
        guard expected > 0 else {
            // No difference between any two pairable values: all one category (or, on an interval
            // scale, categories that are all the same number).
            let only = margins.firstIndex { $0 > 0 }!
            return .undefined(.singleCategory(String(describing: coded.categories[only])),
                              unitsUsed: pairable.units, pairableValues: pairable.values)
        }
        return AgreementFigure(outcome: .defined(1 - (n - 1) * observed / expected),
                               unitsUsed: pairable.units, pairableValues: pairable.values)
    }

    /// δ²(c, k) for the metric, over category indices. For ordinal data the categories arrive in
    /// rank order, and δ²(c, k) = (Σ_{g from c to k} n_g − (n_c + n_k)/2)², from the margins.
    private static func squaredDifferences<Value>(metric: AlphaMetric<Value>.Kind, categories: [Value],
                                                  margins: [Double]) -> (Int, Int) -> Double {
        switch metric {
        case .nominal:
            return { $0 == $1 ? 0 : 1 }
        case .ordinal, .ordinalSorted:
            // Cumulative margins make each δ² constant time: Σ_{g=c..k} n_g = cumulative[k+1] − cumulative[c].
            var cumulative = [0.0]
            for margin in margins { cumulative.append(cumulative.last! + margin) }
            return { c, k in
                let low = min(c, k), high = max(c, k)
                let between = cumulative[high + 1] - cumulative[low] - (margins[low] + margins[high]) / 2
                return between * between
            }
        case .interval(let number):
            let numbers = categories.map(number)
            return { c, k in
                let distance = numbers[c] - numbers[k]
                return distance * distance
            }
        }
    }
}
