import Foundation
import WinnowCore

/// Every agreement figure of one reliability data table, as `winnow agreement` prints it and the
/// queue's agreement view shows it: computed in one place, so both say the same.
public struct AgreementReport: Sendable {
    /// One figure with the name a reader sees and the key it has in JSON.
    public struct Entry: Sendable {
        public let key: String
        public let name: String
        public let value: Double?
        public let reason: String?
        public let unitsUsed: Int
        public let pairableValues: Int

        init(_ key: String, _ name: String, _ figure: AgreementFigure) {
            self.key = key
            self.name = name
            value = figure.value
            reason = figure.undefinedReason.map { Self.reason(name, $0) }
            unitsUsed = figure.unitsUsed
            pairableValues = figure.pairableValues
        }

        /// "Cohen's κ needs exactly two raters", "Krippendorff's α: no unit has two or more values".
        public static func reason(_ name: String, _ why: UndefinedAgreement) -> String {
            let words = why.description
            return words.hasPrefix("needs") ? "\(name) \(words)" : "\(name): \(words)"
        }

        init(_ key: String, _ name: String, notApplicable reason: String) {
            self.key = key
            self.name = name
            value = nil
            self.reason = reason
            unitsUsed = 0
            pairableValues = 0
        }
    }

    public let level: MeasurementLevel
    public let units: Int
    public let raters: [String]
    public let judgments: Int
    public let entries: [Entry]
    public let alphaInterval: BootstrapInterval?
    public let alphaIntervalReason: String?
    public let pairwise: [PairwiseKappa]
    /// On an ordered scale with more than two raters, weighted κ for each pair of them, in the
    /// order of `pairwise`: the one-table weighted κ is defined for two raters only.
    public let pairwiseWeighted: [KappaWeighting: [PairwiseKappa]]
    public let versusReference: [RaterVersusReference]?

    /// The figures of `data` at `level`. `scale` lists an ordered scale's levels (empty: rank
    /// the values themselves, numerically when they are all numbers, else as text).
    /// `reference`, when given, is the outcome per unit each rater is compared with.
    public static func compute(_ data: ReliabilityData<String>, level: MeasurementLevel, scale: [String],
                        reference: [String?]?, replicates: Int, seed: UInt64) -> AgreementReport {
        let ordered = level != .nominal
        let levels = scale.isEmpty ? rankedValues(data) : scale

        func alpha(_ table: ReliabilityData<String>) -> AgreementFigure {
            switch level {
            case .nominal: Agreement.krippendorffAlpha(table, metric: .nominal)
            case .ordinal: Agreement.krippendorffAlpha(table, metric: .ordinal(levels: levels))
            case .interval, .ratio:
                Agreement.krippendorffAlpha(numbers: numbers(table), raterCount: table.raterCount, level: level)
            }
        }
        let alphaFigure = alpha(data)
        var entries = [
            Entry("percent_agreement", "percent agreement", Agreement.percentAgreement(data)),
            Entry("krippendorff_alpha", "Krippendorff's α (\(level.rawValue))", alphaFigure),
            Entry("fleiss_kappa", "Fleiss' κ", Agreement.fleissKappa(data)),
            Entry("cohen_kappa", "Cohen's κ", Agreement.cohenKappa(data)),
        ]
        for weighting in KappaWeighting.allCases {
            let key = "weighted_kappa_\(weighting.rawValue)", name = "weighted κ (\(weighting.rawValue))"
            if ordered {
                entries.append(Entry(key, name, Agreement.weightedKappa(data, levels: levels, weighting: weighting)))
            } else {
                entries.append(Entry(key, name, notApplicable: "\(name) needs an ordered scale, and this one is nominal"))
            }
        }
        entries.append(Entry("gwet_ac1", "Gwet's AC1", Agreement.gwetAC1(data, categories: scale.isEmpty ? nil : scale)))

        var interval: BootstrapInterval?
        var intervalReason: String?
        if replicates <= 0 {
            intervalReason = "no bootstrap asked for (--bootstrap 0)"
        } else if alphaFigure.value == nil {
            intervalReason = "Krippendorff's α is undefined for the data"
        } else {
            // Resampling rows of one flat array of numbers keeps a thousand replicates of a large
            // table quick: category indices (nominal) or ranks (ordinal) give the same alpha.
            let flat = flatNumbers(data, level: level, levels: levels)
            let width = data.raterCount
            var generator = SplitMix64(seed: seed)
            var resample = [Double](repeating: .nan, count: flat.count)
            interval = Agreement.bootstrapInterval(unitCount: data.unitCount, replicates: replicates, seed: seed,
                                                   generator: &generator) { units in
                for (row, unit) in units.enumerated() {
                    for r in 0..<width { resample[row * width + r] = flat[unit * width + r] }
                }
                return Agreement.krippendorffAlpha(numbers: resample, raterCount: width, level: level).value
            }
            if interval == nil { intervalReason = "Krippendorff's α is undefined on every resample" }
        }
        let versus = reference.map { reference in
            Agreement.ratersVersusReference(data, reference: reference, position: ordered ? position(in: levels, level: level) : nil)
        }
        return AgreementReport(level: level, units: data.unitCount, raters: data.raters,
                               judgments: data.units.reduce(0) { $0 + $1.compactMap { $0 }.count }, entries: entries,
                               alphaInterval: interval, alphaIntervalReason: intervalReason,
                               pairwise: data.raterCount > 2 ? Agreement.pairwiseCohenKappa(data) : [],
                               pairwiseWeighted: data.raterCount > 2 && ordered
                                   ? Dictionary(uniqueKeysWithValues: KappaWeighting.allCases.map { weighting in
                                       (weighting, Agreement.pairwiseWeightedKappa(data, levels: levels, weighting: weighting))
                                   }) : [:],
                               versusReference: versus)
    }

    /// The values in use, in numeric order when every one is a number, else in text order.
    static func rankedValues(_ data: ReliabilityData<String>) -> [String] {
        let used = Set(data.units.joined().compactMap { $0 })
        if used.allSatisfy({ Double($0) != nil }) { return used.sorted { Double($0)! < Double($1)! } }
        return used.sorted()
    }

    /// The table as numbers unit by unit (NaN missing): interval and ratio values as themselves,
    /// ordinal values as their rank on `levels`, nominal values as their category's index.
    static func flatNumbers(_ data: ReliabilityData<String>, level: MeasurementLevel, levels: [String]) -> [Double] {
        switch level {
        case .interval, .ratio:
            return numbers(data)
        case .ordinal:
            let rank = Dictionary(levels.enumerated().map { ($0.element, Double($0.offset)) }, uniquingKeysWith: { a, _ in a })
            return data.units.flatMap { unit in unit.map { $0.flatMap { rank[$0] } ?? .nan } }
        case .nominal:
            var index: [String: Double] = [:]
            return data.units.flatMap { unit in
                unit.map { value in
                    guard let value else { return .nan }
                    if let known = index[value] { return known }
                    index[value] = Double(index.count)
                    return index[value]!
                }
            }
        }
    }

    /// Unit by unit, NaN for a missing or non-numeric value.
    static func numbers(_ data: ReliabilityData<String>) -> [Double] {
        data.units.flatMap { unit in unit.map { $0.flatMap(Double.init) ?? .nan } }
    }

    /// Where a value sits for the lean: its number at interval and ratio level, else its level (1-based).
    static func position(in levels: [String], level: MeasurementLevel) -> (String) -> Double? {
        if level == .interval || level == .ratio { return { Double($0) } }
        let index = Dictionary(levels.enumerated().map { ($0.element, Double($0.offset + 1)) }, uniquingKeysWith: { a, _ in a })
        return { index[$0] }
    }
}

extension RaterVersusReference.Lean {
    /// How a reader says it.
    public var words: String {
        switch self {
        case .harsher: "harsher"
        case .moreLenient: "more lenient"
        case .even: "even"
        }
    }
}
