// DemoScoring.swift
// How the demo's QA reviewers score an item: each item has a latent quality (drawn around what its
// signal says about the answer), each dimension a little of its own, and each reviewer reads it
// through their own bias and noise. So the demo's rounds disagree the way real ones do — often by
// one level, sometimes by two — and agreement statistics come out plausible rather than perfect.
// Every draw is seeded by the item, dimension and reviewer, so the demo is the same on every machine.

import Foundation
import WinnowCore

public enum DemoScoring {
    /// A rubric dimension's scale, as much of it as scoring needs.
    public enum Scale: Sendable, Equatable {
        /// Levels from worst to best.
        case ordinal([String])
        case passFail(pass: String, fail: String)
        case categories([String])
    }

    /// How good an item's answer is, 0 (useless) to 1 (perfect), before any reviewer looks.
    public struct Item: Sendable, Equatable {
        public let id: Int64
        public let quality: Double
        public let hasToolCall: Bool

        public init(id: Int64, signal: String, hasToolCall: Bool) {
            self.id = id
            self.hasToolCall = hasToolCall
            var rng = DemoScoring.generator("item", id)
            let centre = DemoScoring.signalQuality[signal] ?? 0.5
            quality = min(1, max(0, centre + 0.22 * rng.gaussian()))
        }
    }

    /// Where an answer's quality sits for each signal: praise is mostly deserved, a correction
    /// mostly means the answer was wrong.
    static let signalQuality: [String: Double] = [
        "thumbs_up": 0.82, "csat": 0.6, "rephrase": 0.55, "session_abandon": 0.5, "thumbs_down": 0.4,
        "agent_escalation": 0.38, "explicit_correction": 0.3,
    ]

    /// Reviewer noise, in ordinal levels (one standard deviation).
    static let noise = 0.3

    /// Below this quality an answer fails a pass/fail dimension.
    static let failBelow = 0.22

    /// The value the item deserves on a dimension: what a careful adjudicator decides.
    public static func deserved(_ item: Item, dimension: String, scale: Scale) -> String {
        let quality = dimensionQuality(item, dimension)
        switch scale {
        case .ordinal(let levels):
            return levels[clamp(Int((quality * Double(levels.count - 1)).rounded()), levels.count)]
        case .passFail(let pass, let fail):
            return quality < failBelow ? fail : pass
        case .categories(let values):
            return deservedCategory(item, quality: quality, values: values)
        }
    }

    /// The value `reviewer` gives the item on a dimension.
    public static func score(by reviewer: String, _ item: Item, dimension: String, scale: Scale) -> String {
        let quality = dimensionQuality(item, dimension)
        var rng = generator("\(dimension)|\(reviewer)", item.id)
        let bias = DemoReviewTeam.bias(of: reviewer)
        switch scale {
        case .ordinal(let levels):
            let read = quality * Double(levels.count - 1) + bias + noise * rng.gaussian()
            return levels[clamp(Int(read.rounded()), levels.count)]
        case .passFail(let pass, let fail):
            return quality + 0.04 * rng.gaussian() + 0.03 * bias < failBelow ? fail : pass
        case .categories(let values):
            let deserved = deservedCategory(item, quality: quality, values: values)
            guard rng.percent(12), values.count > 1 else { return deserved }
            if let confused = confusedWith[deserved], values.contains(confused) { return confused }
            let index = values.firstIndex(of: deserved) ?? 0
            return values[index == 0 ? 1 : index - 1]
        }
    }

    /// A reviewer's note on a score that finds fault; nil for a score that needs no explaining.
    public static func rationale(by reviewer: String, _ item: Item, dimension: String, scale: Scale, value: String) -> String? {
        let faulty: Bool = switch scale {
        case .ordinal(let levels): (levels.firstIndex(of: value) ?? levels.count) < max(2, levels.count / 2)
        case .passFail(_, let fail): value == fail
        case .categories: !["valid", "not_needed"].contains(value)
        }
        guard faulty, let notes = faultNotes[dimension] else { return nil }
        var rng = generator("note|\(dimension)|\(reviewer)", item.id)
        return rng.pick(notes)
    }

    /// An adjudicator's rationale for deciding `value`: what the level means, and what settled it.
    public static func decisionRationale(_ item: Item, dimension: String, value: String, anchor: String?) -> String {
        var rng = generator("decision|\(dimension)", item.id)
        let meaning = anchor.map { "\(value) fits: \(lowercasedFirst($0))." } ?? "\(value) fits."
        return "\(meaning) \(rng.pick(decisionChecks))"
    }

    // MARK: - The model

    static func dimensionQuality(_ item: Item, _ dimension: String) -> Double {
        var rng = generator("dimension|\(dimension)", item.id)
        return min(1, max(0, item.quality + 0.08 * rng.gaussian()))
    }

    static func deservedCategory(_ item: Item, quality: Double, values: [String]) -> String {
        if values.contains("not_needed"), values.contains("valid") {
            if !item.hasToolCall { return quality < 0.2 && values.contains("missing") ? "missing" : "not_needed" }
            if quality >= 0.45 { return "valid" }
            let failed = quality >= 0.3 ? "wrong_parameters" : "unconfirmed"
            return values.contains(failed) ? failed : "valid"
        }
        return values[clamp(Int((1 - quality) * Double(values.count)), values.count)]
    }

    /// The category a reviewer takes for another when they misread the transcript.
    static let confusedWith = [
        "valid": "unconfirmed", "not_needed": "missing", "missing": "not_needed", "wrong_parameters": "valid",
        "unconfirmed": "valid", "wrong_action": "wrong_parameters",
    ]

    static let faultNotes: [String: [String]] = [
        "faithfulness": [
            "Quotes a 30-day refund window; the cited billing article says 14 days.",
            "Names a Settings → Billing → Refunds page that does not exist in the product.",
            "The per-seat price in the answer is not in any retrieved source.",
            "Says receipts sync from Gmail automatically; the source says a forwarding rule is needed.",
        ],
        "completeness": [
            "Answers the export question but not the time-zone part the user asked about.",
            "Leaves out that approvers must be on the Business plan for this to work.",
            "No next step when the fix does not apply: the user is left to ask again.",
        ],
        "citation_quality": [
            "Cites the general billing FAQ, not the proration article the claim comes from.",
            "The key limit (100,000 rows) has no citation.",
            "Cites a deprecated v1 API article.",
        ],
        "access_correctness": [
            "Shows another member's expense totals to a non-admin.",
            "Offers the admin-only SSO settings to a guest.",
        ],
        "action_validity": [
            "Says the card was updated; the tool call failed with a timeout.",
            "Refund issued against the wrong invoice.",
            "The user asked to cancel the renewal and the assistant never called the tool.",
        ],
    ]

    static let decisionChecks = [
        "Checked the answer line by line against the retrieved articles.",
        "Read against the account data in the tool calls; the other reading missed a condition.",
        "The transcript settles it; the higher score overlooked the step the user still had to ask for.",
        "Compared with two similar cases decided last week, to keep the line consistent.",
        "Both readings are defensible; this one follows the anchor wording most closely.",
    ]

    // MARK: - Seeded draws

    static func generator(_ purpose: String, _ item: Int64) -> SplitMix64 {
        // FNV-1a: a stable hash (Swift's Hasher is seeded per process).
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(purpose)|\(item)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return SplitMix64(seed: hash ^ 0x0A5E_ED5C_0125_2026)
    }

    static func clamp(_ index: Int, _ count: Int) -> Int { min(count - 1, max(0, index)) }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

extension SplitMix64 {
    /// A standard normal draw (Box–Muller).
    mutating func gaussian() -> Double {
        let u1 = Double((next() >> 11) + 1) / Double(1 << 53)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
