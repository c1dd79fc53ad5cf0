import Foundation
import WinnowCore

/// Every agreement figure of one reliability data table, as `winnow agreement` prints it.
struct AgreementReport {
    /// One figure with the name a reader sees and the key it has in JSON.
    struct Entry {
        let key: String
        let name: String
        let value: Double?
        let reason: String?
        let unitsUsed: Int
        let pairableValues: Int

        init(_ key: String, _ name: String, _ figure: AgreementFigure) {
            self.key = key
            self.name = name
            value = figure.value
            reason = figure.undefinedReason.map { Self.reason(name, $0) }
            unitsUsed = figure.unitsUsed
            pairableValues = figure.pairableValues
        }

        /// "Cohen's κ needs exactly two raters", "Krippendorff's α: no unit has two or more values".
        static func reason(_ name: String, _ why: UndefinedAgreement) -> String {
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

    let level: MeasurementLevel
    let units: Int
    let raters: [String]
    let judgments: Int
    let entries: [Entry]
    let alphaInterval: BootstrapInterval?
    let alphaIntervalReason: String?
    let pairwise: [PairwiseKappa]
    let versusReference: [RaterVersusReference]?

    /// The figures of `data` at `level`. `scale` lists an ordered scale's levels (empty: rank
    /// the values themselves, numerically when they are all numbers, else as text).
    /// `reference`, when given, is the outcome per unit each rater is compared with.
    static func compute(_ data: ReliabilityData<String>, level: MeasurementLevel, scale: [String],
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

// MARK: JSON

extension AgreementReport {
    /// The JSON object: every figure under its key, a number or null; an undefined figure has its
    /// reason beside it under `KEY_reason`.
    var json: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "level": .string(level.rawValue),
            "units": .number(Double(units)),
            "raters": .number(Double(raters.count)),
            "rater_names": .array(raters.map(JSONValue.string)),
            "judgments": .number(Double(judgments)),
        ]
        for entry in entries {
            object[entry.key] = entry.value.map(JSONValue.number) ?? .null
            if let reason = entry.reason { object[entry.key + "_reason"] = .string(reason) }
        }
        if let interval = alphaInterval {
            object["krippendorff_alpha_ci"] = .object([
                "lower": .number(interval.lower), "upper": .number(interval.upper),
                "confidence": .number(interval.confidence), "replicates": .number(Double(interval.replicates)),
                "defined_replicates": .number(Double(interval.definedReplicates)), "seed": .number(Double(interval.seed)),
            ])
        } else {
            object["krippendorff_alpha_ci"] = .null
            object["krippendorff_alpha_ci_reason"] = .string(alphaIntervalReason ?? "")
        }
        if raters.count > 2 {
            object["pairwise_cohen_kappa"] = .array(pairwise.map { pair in
                var entry: [String: JSONValue] = [
                    "raters": .array([.string(pair.firstRater), .string(pair.secondRater)]),
                    "value": pair.kappa.value.map(JSONValue.number) ?? .null,
                    "units": .number(Double(pair.kappa.unitsUsed)),
                ]
                if let reason = pair.kappa.undefinedReason { entry["reason"] = .string(Entry.reason("Cohen's κ", reason)) }
                return .object(entry)
            })
        }
        if let versusReference {
            object["reviewers"] = .array(versusReference.map { rater in
                .object([
                    "name": .string(rater.rater), "compared": .number(Double(rater.compared)),
                    "equal": .number(Double(rater.equal)),
                    "share_equal": rater.shareEqual.map(JSONValue.number) ?? .null,
                    "mean_difference": rater.meanDifference.map(JSONValue.number) ?? .null,
                    "lean": rater.lean.map { .string($0.rawValue) } ?? .null,
                ])
            })
        }
        return object
    }
}

/// A JSON value for reports whose keys depend on the data.
indirect enum JSONValue: Encodable {
    case null
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { try container.encode(Int(n)) } else { try container.encode(n) }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

// MARK: Text

extension AgreementReport {
    /// An aligned table: one figure a line, its value to three decimals (or a dash and why), how
    /// much data it used; then the pairs and the reviewers.
    var text: String {
        var out = ""
        let nameWidth = max(entries.map { $0.name.count }.max() ?? 0, 18)
        out += "  " + pad("figure", nameWidth) + "   value   units  values\n"
        for entry in entries {
            if let value = entry.value {
                out += "  " + pad(entry.name, nameWidth) + "  " + leftPad(String(format: "%6.3f", value), 6)
                    + "  " + leftPad(String(entry.unitsUsed), 6) + "  " + leftPad(String(entry.pairableValues), 6)
                if entry.key == "krippendorff_alpha", let ci = alphaInterval {
                    out += String(format: "   %.0f%% CI %.3f to %.3f", ci.confidence * 100, ci.lower, ci.upper)
                        + " (\(ci.definedReplicates) of \(ci.replicates) resamples, seed \(ci.seed))"
                }
                out += "\n"
            } else {
                out += "  " + pad(entry.name, nameWidth) + "  " + leftPad("—", 6) + "  " + (entry.reason ?? "") + "\n"
            }
        }
        if !pairwise.isEmpty {
            out += "\n  pairwise Cohen's κ\n"
            let width = pairwise.map { $0.firstRater.count + $0.secondRater.count + 3 }.max() ?? 0
            for pair in pairwise {
                let name = pad("\(pair.firstRater) – \(pair.secondRater)", width)
                if let value = pair.kappa.value {
                    out += "    \(name)  " + leftPad(String(format: "%6.3f", value), 6) + "  \(pair.kappa.unitsUsed) units\n"
                } else {
                    out += "    \(name)  " + leftPad("—", 6) + "  \(pair.kappa.undefinedReason!)\n"
                }
            }
        }
        if let versusReference {
            out += "\n  reviewers against the outcome (harsher: lower on the scale than the outcome)\n"
            let width = max(versusReference.map(\.rater.count).max() ?? 0, 8)
            out += "    " + pad("reviewer", width) + "  compared  equal   share  mean diff  lean\n"
            for rater in versusReference {
                out += "    " + pad(rater.rater, width) + "  " + leftPad(String(rater.compared), 8)
                    + "  " + leftPad(String(rater.equal), 5)
                    + "  " + leftPad(rater.shareEqual.map { String(format: "%5.1f%%", $0 * 100) } ?? "—", 6)
                    + "  " + leftPad(rater.meanDifference.map { String(format: "%+.2f", $0) } ?? "—", 9)
                    + "  " + (rater.lean.map(\.words) ?? "") + "\n"
            }
        }
        return out
    }

    private func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
    private func leftPad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
}

extension RaterVersusReference.Lean {
    var words: String {
        switch self {
        case .harsher: "harsher"
        case .moreLenient: "more lenient"
        case .even: "even"
        }
    }
}
