/// One agreement coefficient computed on a reliability data table, with how much data it used.
///
/// A coefficient that the data cannot define is reported as `.undefined` with the reason, never
/// as NaN: a lead reading "every judgment was the same category" knows what to do; NaN says nothing.
public struct AgreementFigure: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case defined(Double)
        case undefined(UndefinedAgreement)
    }

    public let outcome: Outcome
    /// Units that contributed to the figure (for most coefficients, units with at least two values).
    public let unitsUsed: Int
    /// Values in those units: the values that could be paired with another value of the same unit.
    public let pairableValues: Int

    public init(outcome: Outcome, unitsUsed: Int, pairableValues: Int) {
        self.outcome = outcome
        self.unitsUsed = unitsUsed
        self.pairableValues = pairableValues
    }

    /// The coefficient, or nil when it is undefined for the data.
    public var value: Double? {
        if case .defined(let value) = outcome { return value }
        return nil
    }

    /// Why the coefficient is undefined, or nil when it is defined.
    public var undefinedReason: UndefinedAgreement? {
        if case .undefined(let reason) = outcome { return reason }
        return nil
    }

    static func undefined(_ reason: UndefinedAgreement, unitsUsed: Int, pairableValues: Int) -> Self {
        AgreementFigure(outcome: .undefined(reason), unitsUsed: unitsUsed, pairableValues: pairableValues)
    }
}

/// Why a coefficient has no value for a reliability data table.
public enum UndefinedAgreement: Equatable, Sendable, CustomStringConvertible {
    /// No unit has two values to compare (for example, a single rater, or raters who never
    /// judged the same unit).
    case noPairableValues
    /// Every value is the same category (named here), so there is no variation for chance to
    /// explain and the chance-corrected coefficient divides by zero.
    case singleCategory(String)
    /// The coefficient compares exactly two raters, and the table has this many.
    case needsExactlyTwoRaters(found: Int)
    /// A value is not on the ordered scale the coefficient was asked to use.
    case valueNotOnScale(String)
    /// Fleiss' kappa assumes every unit was rated the same number of times; these units were
    /// rated between `fewest` and `most` times.
    case unequalRatingsPerUnit(fewest: Int, most: Int)

    public var description: String {
        switch self {
        case .noPairableValues:
            "no unit has two or more values to compare"
        case .singleCategory(let category):
            "every value is the same category (\(category)), so agreement beyond chance is undefined"
        case .needsExactlyTwoRaters(let found):
            "needs exactly two raters, found \(found)"
        case .valueNotOnScale(let value):
            "the value \(value) is not on the scale"
        case .unequalRatingsPerUnit(let fewest, let most):
            "needs the same number of ratings per unit (units have \(fewest) to \(most))"
        }
    }
}
