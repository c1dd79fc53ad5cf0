import Foundation

/// A reliability data table: units (the items judged) by raters, each cell a value or missing.
///
/// This is the shape Krippendorff calls "reliability data": one row per unit, one column per
/// rater, and a missing cell where a rater did not judge that unit. Every agreement figure in
/// this folder reads it, so a round's judgments only have to be laid out once.
public struct ReliabilityData<Value: Hashable & Sendable>: Sendable, Equatable {
    public let raters: [String]
    /// `units[u][r]` is rater `r`'s value for unit `u`, or nil when that rater gave none.
    public let units: [[Value?]]

    public init(raters: [String], units: [[Value?]]) throws(ReliabilityDataError) {
        guard !raters.isEmpty else { throw .noRaters }
        for (index, unit) in units.enumerated() where unit.count != raters.count {
            throw .unitWidthMismatch(unit: index, values: unit.count, raters: raters.count)
        }
        self.raters = raters
        self.units = units
    }

    public var unitCount: Int { units.count }
    public var raterCount: Int { raters.count }

    /// The same table restricted to some raters, in the order given (for pairwise figures).
    public func selectingRaters(_ indices: [Int]) -> ReliabilityData<Value> {
        // Indices come from the caller's own rater list, so the widths always match.
        try! ReliabilityData(raters: indices.map { raters[$0] },
                             units: units.map { unit in indices.map { unit[$0] } })
    }

    /// Values present in unit `u`, in rater order.
    func presentValues(inUnit u: Int) -> [Value] { units[u].compactMap { $0 } }
}

extension ReliabilityData where Value == String {
    /// Builds a table from category codes as they come out of a CSV: a cell that is empty or
    /// only whitespace is a missing judgment, anything else is a code (trimmed).
    public static func fromCodes(raters: [String], rows: [[String]]) throws(ReliabilityDataError) -> Self {
        try ReliabilityData(raters: raters, units: rows.map { row in
            row.map { cell -> String? in
                let trimmed = cell.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            }
        })
    }
}

public enum ReliabilityDataError: Error, Equatable, Sendable {
    case noRaters
    case unitWidthMismatch(unit: Int, values: Int, raters: Int)
}
