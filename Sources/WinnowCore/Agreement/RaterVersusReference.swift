/// How one rater's values compare with a reference value per unit (an adjudicated decision or
/// the consensus of the other raters): how often they match, and on an ordered scale which way
/// the rater leans.
public struct RaterVersusReference: Equatable, Sendable {
    public enum Lean: String, Sendable, Codable {
        /// Scores lower than the reference on average (further down the scale).
        case harsher
        /// Scores higher than the reference on average.
        case moreLenient = "more_lenient"
        /// On average, exactly on the reference.
        case even
    }

    public let rater: String
    /// Units where both the rater and the reference have a value.
    public let compared: Int
    /// Of those, units where the rater's value is the reference.
    public let equal: Int
    /// Mean of (rater's position − reference's position) on an ordered scale; nil on a nominal
    /// scale or when nothing was compared.
    public let meanDifference: Double?

    /// equal / compared, or nil when nothing was compared.
    public var shareEqual: Double? { compared == 0 ? nil : Double(equal) / Double(compared) }

    /// Negative mean difference is harsher, positive more lenient: "lower on the scale" is the
    /// convention, so on a 1–5 quality score harsher means lower scores, and on severity ordered
    /// S1…S4 it means more severe.
    public var lean: Lean? {
        guard let meanDifference else { return nil }
        return meanDifference < 0 ? .harsher : meanDifference > 0 ? .moreLenient : .even
    }
}

extension Agreement {
    /// Each rater against `reference` (one value per unit, nil where the unit has none).
    /// `position` places a value on an ordered scale (its level, or its number); pass nil for a
    /// nominal scale. A value `position` cannot place is counted in `equal` but not in the mean.
    public static func ratersVersusReference<Value>(_ data: ReliabilityData<Value>, reference: [Value?],
                                                    position: ((Value) -> Double?)?) -> [RaterVersusReference] {
        precondition(reference.count == data.unitCount, "one reference value per unit")
        return data.raters.indices.map { r in
            var compared = 0, equal = 0, placed = 0
            var difference = 0.0
            for (unit, expected) in zip(data.units, reference) {
                guard let value = unit[r], let expected else { continue }
                compared += 1
                if value == expected { equal += 1 }
                if let position, let mine = position(value), let theirs = position(expected) {
                    difference += mine - theirs
                    placed += 1
                }
            }
            return RaterVersusReference(rater: data.raters[r], compared: compared, equal: equal,
                                        meanDifference: position == nil || placed == 0 ? nil : difference / Double(placed))
        }
    }
}
