extension Agreement {
    /// Percent agreement: over the units with at least two values, the share of pairs of values
    /// (from different raters) that agree, averaged over those units. With two raters this is
    /// simply the share of units both rated on which they agree. It is the `pa` of Gwet (2014)
    /// and of the irrCAC package, which the Krippendorff 2011 example gives as 0.818.
    public static func percentAgreement<Value>(_ data: ReliabilityData<Value>) -> AgreementFigure {
        let coded = CodedUnits(data)
        let pairable = coded.pairable
        guard pairable.units > 0 else {
            return .undefined(.noPairableValues, unitsUsed: 0, pairableValues: 0)
        }
        return AgreementFigure(outcome: .defined(coded.meanPairAgreement), unitsUsed: pairable.units,
                               pairableValues: pairable.values)
    }
}

extension CodedUnits {
    /// Mean over units with two or more values of the share of agreeing pairs within the unit.
    /// Callers check that at least one such unit exists.
    var meanPairAgreement: Double {
        var sum = 0.0
        var units = 0
        for (counts, total) in zip(unitCounts, unitTotals) where total >= 2 {
            var agreeingPairs = 0
            for entry in counts { agreeingPairs += entry.count * (entry.count - 1) }
            sum += Double(agreeingPairs) / Double(total * (total - 1))
            units += 1
        }
        return sum / Double(units)
    }
}
