import Foundation

/// What the release gate checks, from `[gate]` in `winnow.toml`.
public struct GateRule: Equatable, Sendable, Codable {
    /// The rubric dimension whose pass rate is "accuracy".
    public var accuracyDimension: String
    /// How far the candidate's accuracy may fall below the baseline's and still hold.
    public var tolerance: Double
    /// The fewest items each version needs on each figure the rule reads.
    public var minimumItems: Int
    /// The confidence level of every interval, e.g. 0.95.
    public var confidence: Double

    public init(accuracyDimension: String = "faithfulness", tolerance: Double = 0.005, minimumItems: Int = 30,
                confidence: Double = 0.95) {
        self.accuracyDimension = accuracyDimension
        self.tolerance = tolerance
        self.minimumItems = minimumItems
        self.confidence = confidence
    }

    enum CodingKeys: String, CodingKey {
        case tolerance, confidence
        case accuracyDimension = "accuracy_dimension"
        case minimumItems = "min_items"
    }
}

/// The counts of one version as the store reads them.
public struct VersionCounts: Equatable, Sendable {
    public var version: String
    /// Reviewed items (triaged or resolved, not merged duplicates).
    public var reviewed: Int
    /// Reviewed items with the hallucination reason code.
    public var hallucinations: Int
    /// Reviewed items whose signal is an agent escalation.
    public var escalations: Int
    /// CSAT scores of the reviewed items that carry one.
    public var csat: MeanSummary
    /// Items with at least one settled rubric score.
    public var rubricScored: Int
    /// Per rubric dimension, settled scores that pass, of settled scores.
    public var dimensions: [String: ProportionCount]

    public init(version: String, reviewed: Int = 0, hallucinations: Int = 0, escalations: Int = 0,
                csat: MeanSummary = MeanSummary(count: 0, sum: 0, sumOfSquares: 0), rubricScored: Int = 0,
                dimensions: [String: ProportionCount] = [:]) {
        self.version = version
        self.reviewed = reviewed
        self.hallucinations = hallucinations
        self.escalations = escalations
        self.csat = csat
        self.rubricScored = rubricScored
        self.dimensions = dimensions
    }
}

public enum GateVerdict: String, Codable, Sendable {
    case pass, fail, inconclusive
}

/// A rate with its sample size and interval.
public struct RateFigure: Equatable, Sendable, Codable {
    public var count: Int
    public var n: Int
    public var rate: Double?
    public var interval: ConfidenceInterval?

    init(_ proportion: ProportionCount, confidence: Double) {
        count = proportion.count
        n = proportion.total
        rate = proportion.rate
        interval = IntervalEstimates.wilson(proportion, confidence: confidence)
    }
}

public struct MeanFigure: Equatable, Sendable, Codable {
    public var n: Int
    public var mean: Double?
    public var interval: ConfidenceInterval?
}

/// Candidate minus baseline, with the interval of the difference.
public struct DifferenceFigure: Equatable, Sendable, Codable {
    public var estimate: Double?
    public var interval: ConfidenceInterval?
}

public struct DimensionFigure: Equatable, Sendable, Codable {
    public var dimension: String
    public var passRate: RateFigure

    enum CodingKeys: String, CodingKey {
        case dimension
        case passRate = "pass_rate"
    }
}

public struct VersionReport: Equatable, Sendable, Codable {
    public var version: String
    public var reviewedItems: Int
    public var rubricScoredItems: Int
    public var hallucinationRate: RateFigure
    public var escalationRate: RateFigure
    public var meanCSAT: MeanFigure
    /// In dimension name order.
    public var dimensions: [DimensionFigure]

    enum CodingKeys: String, CodingKey {
        case version, dimensions
        case reviewedItems = "reviewed_items"
        case rubricScoredItems = "rubric_scored_items"
        case hallucinationRate = "hallucination_rate"
        case escalationRate = "escalation_rate"
        case meanCSAT = "mean_csat"
    }

    public func dimension(_ name: String) -> DimensionFigure? { dimensions.first { $0.dimension == name } }
}

public struct GateReport: Equatable, Sendable, Codable {
    /// What tells the versions apart: model_version or prompt_version.
    public var axis: String
    public var verdict: GateVerdict
    /// Why, one sentence per criterion, in the rule's order.
    public var reasons: [String]
    public var rule: GateRule
    public var baseline: VersionReport
    public var candidate: VersionReport
    public var accuracyChange: DifferenceFigure
    public var hallucinationChange: DifferenceFigure

    enum CodingKeys: String, CodingKey {
        case axis, verdict, reasons, rule, baseline, candidate
        case accuracyChange = "accuracy_change"
        case hallucinationChange = "hallucination_change"
    }
}

/// The release gate's decision: the seeds' rule, promote only if accuracy holds within the
/// tolerance AND the hallucination rate did not rise (however much accuracy rose), read on the
/// figures with their confidence intervals:
/// - inconclusive when either version has fewer than `minimumItems` on accuracy or hallucination;
/// - fail when the intervals show the rule broken: the whole interval of the accuracy change lies
///   below −tolerance, or the whole interval of the hallucination change lies above 0;
/// - pass when the figures keep the rule (accuracy change ≥ −tolerance, hallucination change ≤ 0);
/// - inconclusive otherwise: the figures break the rule but the interval cannot tell that from noise.
public enum ReleaseGate {
    public static func evaluate(baseline: VersionCounts, candidate: VersionCounts, rule: GateRule,
                                axis: String = "model_version") -> GateReport {
        let confidence = rule.confidence
        let before = report(baseline, confidence: confidence)
        let after = report(candidate, confidence: confidence)
        let noScores = ProportionCount(count: 0, total: 0)
        let accuracyBefore = baseline.dimensions[rule.accuracyDimension] ?? noScores
        let accuracyAfter = candidate.dimensions[rule.accuracyDimension] ?? noScores
        let hallucinationBefore = ProportionCount(count: baseline.hallucinations, total: baseline.reviewed)
        let hallucinationAfter = ProportionCount(count: candidate.hallucinations, total: candidate.reviewed)
        let accuracyChange = change(accuracyAfter, accuracyBefore, confidence: confidence)
        let hallucinationChange = change(hallucinationAfter, hallucinationBefore, confidence: confidence)

        var shortfalls: [String] = []
        for (what, version, n) in [("rubric-scored items on \(rule.accuracyDimension)", baseline.version, accuracyBefore.total),
                                   ("rubric-scored items on \(rule.accuracyDimension)", candidate.version, accuracyAfter.total),
                                   ("reviewed items", baseline.version, hallucinationBefore.total),
                                   ("reviewed items", candidate.version, hallucinationAfter.total)] where n < rule.minimumItems {
            shortfalls.append("\(version) has \(n) \(what), fewer than the \(rule.minimumItems) needed")
        }
        func finished(_ verdict: GateVerdict, _ reasons: [String]) -> GateReport {
            GateReport(axis: axis, verdict: verdict, reasons: reasons, rule: rule, baseline: before, candidate: after,
                       accuracyChange: accuracyChange, hallucinationChange: hallucinationChange)
        }
        guard shortfalls.isEmpty else { return finished(.inconclusive, shortfalls.map { "too few items to tell: " + $0 }) }
        guard let accuracy = accuracyChange.estimate, let accuracyInterval = accuracyChange.interval,
              let hallucination = hallucinationChange.estimate, let hallucinationInterval = hallucinationChange.interval else {
            return finished(.inconclusive, ["too few items to tell"])
        }

        // A hair of slack, so a change computed as -0.0050000000001 from exact counts still holds.
        let slack = 1e-12
        let accuracyKept = accuracy >= -rule.tolerance - slack
        let accuracyBroken = accuracyInterval.upper < -rule.tolerance - slack
        let hallucinationKept = hallucination <= slack
        let hallucinationBroken = hallucinationInterval.lower > slack
        let level = percent(confidence)
        let accuracyText = "accuracy (\(rule.accuracyDimension) pass rate) \(fixed(accuracyBefore.rate!)) → \(fixed(accuracyAfter.rate!)), "
            + "change \(signed(accuracy)), \(level) interval \(bracket(accuracyInterval))"
        let hallucinationText = "hallucination rate \(fixed(hallucinationBefore.rate!)) → \(fixed(hallucinationAfter.rate!)), "
            + "change \(signed(hallucination)), \(level) interval \(bracket(hallucinationInterval))"

        var reasons: [String] = []
        if accuracyBroken {
            reasons.append(accuracyText + ": it fell by more than the tolerance \(fixed(rule.tolerance)), beyond doubt at this level")
        } else if accuracyKept {
            reasons.append(accuracyText + ": holds within the tolerance \(fixed(rule.tolerance))")
        } else {
            reasons.append(accuracyText + ": fell by more than the tolerance \(fixed(rule.tolerance)), but the interval cannot tell that from noise")
        }
        if hallucinationBroken {
            reasons.append(hallucinationText + ": it rose, beyond doubt at this level")
        } else if hallucinationKept {
            reasons.append(hallucinationText + ": did not rise")
        } else {
            reasons.append(hallucinationText + ": rose, but the interval cannot tell that from noise")
        }
        if accuracyBroken || hallucinationBroken { return finished(.fail, reasons) }
        if accuracyKept && hallucinationKept { return finished(.pass, reasons) }
        return finished(.inconclusive, reasons)
    }

    static func change(_ after: ProportionCount, _ before: ProportionCount, confidence: Double) -> DifferenceFigure {
        guard let a = after.rate, let b = before.rate else { return DifferenceFigure(estimate: nil, interval: nil) }
        return DifferenceFigure(estimate: a - b, interval: IntervalEstimates.difference(after, minus: before, confidence: confidence))
    }

    static func report(_ counts: VersionCounts, confidence: Double) -> VersionReport {
        VersionReport(
            version: counts.version, reviewedItems: counts.reviewed, rubricScoredItems: counts.rubricScored,
            hallucinationRate: RateFigure(ProportionCount(count: counts.hallucinations, total: counts.reviewed), confidence: confidence),
            escalationRate: RateFigure(ProportionCount(count: counts.escalations, total: counts.reviewed), confidence: confidence),
            meanCSAT: MeanFigure(n: counts.csat.count, mean: counts.csat.mean, interval: IntervalEstimates.mean(counts.csat, confidence: confidence)),
            dimensions: counts.dimensions.keys.sorted().map {
                DimensionFigure(dimension: $0, passRate: RateFigure(counts.dimensions[$0]!, confidence: confidence))
            })
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
    static func signed(_ value: Double) -> String { String(format: "%+.3f", value) }
    static func bracket(_ interval: ConfidenceInterval) -> String { "[\(signed(interval.lower)), \(signed(interval.upper))]" }
    static func percent(_ confidence: Double) -> String {
        let value = confidence * 100
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }
}
