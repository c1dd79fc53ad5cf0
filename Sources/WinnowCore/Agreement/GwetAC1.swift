extension Agreement {
    /// Gwet's AC1 (Gwet 2008; Handbook of Inter-Rater Reliability, 2014) for any number of raters
    /// on a nominal scale, where units may be rated by different numbers of raters:
    /// AC1 = (pₐ − pₑ) / (1 − pₑ), with pₐ the percent agreement over units with two or more
    /// ratings, and pₑ = Σₖ πₖ(1 − πₖ) / (Q − 1), where πₖ is the share of category k averaged
    /// over every unit with at least one rating and Q is the number of categories.
    ///
    /// Q counts the categories that occur; pass `categories:` to count a scale's unused categories
    /// too (Gwet's Q is the size of the scale, so the two can differ).
    public static func gwetAC1<Value>(_ data: ReliabilityData<Value>, categories: [Value]? = nil) -> AgreementFigure {
        let coded: CodedUnits<Value>
        if let categories {
            switch CodedUnits<Value>.onScale(data, scale: categories) {
            case .coded(let onScale): coded = onScale
            case .notOnScale(let reason): return .undefined(reason, unitsUsed: 0, pairableValues: 0)
            }
        } else {
            coded = CodedUnits(data)
        }
        let pairable = coded.pairable
        guard pairable.units > 0 else { return .undefined(.noPairableValues, unitsUsed: 0, pairableValues: 0) }
        let categoryCount = coded.categories.count
        guard categoryCount >= 2 else {
            return .undefined(.singleCategory(String(describing: coded.categories[0])),
                              unitsUsed: pairable.units, pairableValues: pairable.values)
        }

        var shares = [Double](repeating: 0, count: coded.categories.count)
        var ratedUnits = 0
        for (counts, total) in zip(coded.unitCounts, coded.unitTotals) where total >= 1 {
            for entry in counts { shares[entry.category] += Double(entry.count) / Double(total) }
            ratedUnits += 1
        }
        var chance = 0.0
        for share in shares {
            let pi = share / Double(ratedUnits)
            chance += pi * (1 - pi)
        }
        chance /= Double(categoryCount - 1)
        let observed = coded.meanPairAgreement
        return AgreementFigure(outcome: .defined((observed - chance) / (1 - chance)),
                               unitsUsed: pairable.units, pairableValues: pairable.values)
    }
}
