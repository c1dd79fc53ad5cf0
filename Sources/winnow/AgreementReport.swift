import Foundation
import WinnowCore
import WinnowStore

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
        for (weighting, pairs) in pairwiseWeighted.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            object["pairwise_weighted_kappa_\(weighting.rawValue)"] = .array(pairs.map { pair in
                var entry: [String: JSONValue] = [
                    "raters": .array([.string(pair.firstRater), .string(pair.secondRater)]),
                    "value": pair.kappa.value.map(JSONValue.number) ?? .null,
                    "units": .number(Double(pair.kappa.unitsUsed)),
                ]
                if let reason = pair.kappa.undefinedReason {
                    entry["reason"] = .string(Entry.reason("weighted κ (\(weighting.rawValue))", reason))
                }
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
            for (index, pair) in pairwise.enumerated() {
                let name = pad("\(pair.firstRater) – \(pair.secondRater)", width)
                if let value = pair.kappa.value {
                    out += "    \(name)  " + leftPad(String(format: "%6.3f", value), 6) + "  \(pair.kappa.unitsUsed) units"
                } else {
                    out += "    \(name)  " + leftPad("—", 6) + "  \(pair.kappa.undefinedReason!)"
                }
                let weighted = KappaWeighting.allCases.compactMap { weighting in
                    pairwiseWeighted[weighting].map { pairs in
                        "weighted (\(weighting.rawValue)) " + (pairs[index].kappa.value.map { String(format: "%.3f", $0) } ?? "—")
                    }
                }
                out += (weighted.isEmpty ? "" : " · " + weighted.joined(separator: " · ")) + "\n"
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
