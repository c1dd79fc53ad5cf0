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
    /// The sums over the matrix are taken in closed form (see below), so no q × q matrix is built.
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

        // The coincidence matrix's margins: a row of o sums to the values of that category in
        // pairable units, since each value pairs with the mᵤ − 1 others of its unit at 1/(mᵤ − 1).
        var margins = [Double](repeating: 0, count: coded.categories.count)
        for (counts, total) in zip(coded.unitCounts, coded.unitTotals) where total >= 2 {
            for entry in counts { margins[entry.category] += Double(entry.count) }
        }
        let n = Double(pairable.values)
        let figure = { (outcome: AgreementFigure.Outcome) in
            AgreementFigure(outcome: outcome, unitsUsed: pairable.units, pairableValues: pairable.values)
        }
        let singleCategory = {
            let only = margins.firstIndex { $0 > 0 }!
            return figure(.undefined(.singleCategory(String(describing: coded.categories[only]))))
        }

        let positions: [Double]
        switch metric.kind {
        case .nominal:
            guard margins.lazy.filter({ $0 > 0 }).count >= 2 else { return singleCategory() }
            // δ² is 1 off the diagonal: Σ o·δ² = Σᵤ (mᵤ² − Σ_c nᵤ꜀²)/(mᵤ − 1) and Σ n꜀nₖ·δ² = n² − Σ n꜀².
            var observed = 0.0
            for (counts, total) in zip(coded.unitCounts, coded.unitTotals) where total >= 2 && counts.count >= 2 {
                var same = 0
                for entry in counts { same += entry.count * entry.count }
                observed += Double(total * total - same) / Double(total - 1)
            }
            let expected = n * n - margins.reduce(0) { $0 + $1 * $1 }
            return figure(.defined(1 - (n - 1) * observed / expected))
        case .interval(let number):
            positions = coded.categories.map(number)
        case .ordinal, .ordinalSorted:
            // Krippendorff's ordinal δ²(c, k) = (Σ_{g=c…k} n_g − (n_c + n_k)/2)² is the squared
            // distance between the two categories' mid-ranks, M_g = (n before g) + n_g/2, so the
            // ordinal metric is the interval metric on mid-ranks (categories arrive in rank order).
            var before = 0.0
            positions = margins.map { margin in
                defer { before += margin }
                return before + margin / 2
            }
        }
        // Only categories that occur in pairable units count; two of them must differ in position.
        let used = margins.indices.filter { margins[$0] > 0 }
        guard let first = used.first, used.contains(where: { positions[$0] != positions[first] }) else {
            return singleCategory()
        }
        // With δ² = (x_c − x_k)², the sums over pairs become sums of squared deviations:
        // Σ o·δ² = Σᵤ 2mᵤ·Σ nᵤ꜀(x_c − x̄ᵤ)² / (mᵤ − 1) and Σ n꜀nₖ·δ² = 2n·Σ n꜀(x_c − x̄)².
        // That is linear in the data, where the matrix is quadratic in the number of categories,
        // which matters for interval data with many distinct numbers.
        var observed = 0.0
        for (counts, total) in zip(coded.unitCounts, coded.unitTotals) where total >= 2 && counts.count >= 2 {
            var sum = 0.0
            for entry in counts { sum += Double(entry.count) * positions[entry.category] }
            let mean = sum / Double(total)
            var squares = 0.0
            for entry in counts {
                let deviation = positions[entry.category] - mean
                squares += Double(entry.count) * deviation * deviation
            }
            observed += 2 * Double(total) * squares / Double(total - 1)
        }
        var sum = 0.0
        for c in used { sum += margins[c] * positions[c] }
        let mean = sum / n
        var squares = 0.0
        for c in used {
            let deviation = positions[c] - mean
            squares += margins[c] * deviation * deviation
        }
        let expected = 2 * n * squares
        return figure(.defined(1 - (n - 1) * observed / expected))
    }
}
