extension Agreement {
    /// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters") for any
    /// number of raters on a nominal scale, when every unit was rated the same number of times n:
    /// Pᵢ = (Σⱼ nᵢⱼ² − n) / (n(n − 1)) per unit, P̄ their mean, pⱼ the share of all ratings in
    /// category j, P̄ₑ = Σⱼ pⱼ², and kappa = (P̄ − P̄ₑ) / (1 − P̄ₑ).
    /// Raters need not be the same people from unit to unit, so only the counts matter. Units
    /// nobody rated are left out; units rated a different number of times make kappa undefined
    /// rather than silently dropping data (Krippendorff's alpha handles that case).
    public static func fleissKappa<Value>(_ data: ReliabilityData<Value>) -> AgreementFigure {
        let coded = CodedUnits(data)
        let rated = coded.unitTotals.filter { $0 > 0 }
        guard let fewest = rated.min(), let most = rated.max() else {
            return .undefined(.noPairableValues, unitsUsed: 0, pairableValues: 0)
        }
        guard fewest == most else {
            return .undefined(.unequalRatingsPerUnit(fewest: fewest, most: most), unitsUsed: 0, pairableValues: 0)
        }
        guard most >= 2 else { return .undefined(.noPairableValues, unitsUsed: 0, pairableValues: 0) }
        let n = Double(most)
        let units = rated.count
        var categoryTotals = [Double](repeating: 0, count: coded.categories.count)
        var agreementSum = 0.0
        for (counts, total) in zip(coded.unitCounts, coded.unitTotals) where total > 0 {
            var squares = 0.0
            for entry in counts {
                categoryTotals[entry.category] += Double(entry.count)
                squares += Double(entry.count * entry.count)
            }
            agreementSum += (squares - n) / (n * (n - 1))
        }
        let ratings = Double(units) * n
        let observed = agreementSum / Double(units)
        let chance = categoryTotals.reduce(0) { $0 + ($1 / ratings) * ($1 / ratings) }
        guard chance < 1 else {
            return .undefined(.singleCategory(String(describing: coded.categories[0])),
                              unitsUsed: units, pairableValues: units * most)
        }
        return AgreementFigure(outcome: .defined((observed - chance) / (1 - chance)), unitsUsed: units,
                               pairableValues: units * most)
    }
}
