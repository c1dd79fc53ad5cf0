import Foundation

/// A per-day total and count of a measured quantity (a response's length, a CSAT score).
public struct DailyMeasure: Sendable, Equatable {
    public var sum: Double
    public var count: Int

    public init(sum: Double = 0, count: Int = 0) {
        self.sum = sum
        self.count = count
    }
}

/// A guardrail metric's window mean against its baseline: drifted when more than `guardrailSigma`
/// standard deviations of the baseline's daily means away from their mean, either way.
public struct GuardrailDrift: Sendable, Equatable, Codable {
    /// `response_length` or `csat`.
    public var metric: String
    public var baselineMean: Double?
    public var baselineSigma: Double?
    public var recentMean: Double?
    public var recentCount: Int
    /// (window mean − baseline mean) / baseline σ; nil when either side has too little data.
    public var zScore: Double?
    public var drifted: Bool

    enum CodingKeys: String, CodingKey {
        case metric, drifted
        case baselineMean = "baseline_mean"
        case baselineSigma = "baseline_sigma"
        case recentMean = "recent_mean"
        case recentCount = "recent_count"
        case zScore = "z_score"
    }

    /// Fewer baseline days with data than this give no σ worth testing against.
    public static let minimumBaselineDays = 3

    /// `daily`: oldest first, `baselineDays + windowDays` days, as `SliceSeries`.
    public static func measure(_ metric: String, daily: [DailyMeasure], parameters p: SpikeParameters) -> GuardrailDrift {
        let baselineMeans = daily.prefix(p.baselineDays).filter { $0.count > 0 }.map { $0.sum / Double($0.count) }
        let recent = daily.suffix(p.windowDays).reduce(DailyMeasure()) { DailyMeasure(sum: $0.sum + $1.sum, count: $0.count + $1.count) }
        let recentMean = recent.count > 0 ? recent.sum / Double(recent.count) : nil
        var drift = GuardrailDrift(metric: metric, baselineMean: nil, baselineSigma: nil, recentMean: recentMean,
                                   recentCount: recent.count, zScore: nil, drifted: false)
        guard baselineMeans.count >= minimumBaselineDays else { return drift }
        let mean = baselineMeans.reduce(0, +) / Double(baselineMeans.count)
        let variance = baselineMeans.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(baselineMeans.count - 1)
        let sigma = variance.squareRoot()
        drift.baselineMean = mean
        drift.baselineSigma = sigma
        guard let recentMean, recent.count >= p.minCount, sigma > 0 else { return drift }
        let z = (recentMean - mean) / sigma
        drift.zScore = z
        drift.drifted = abs(z) > p.guardrailSigma
        return drift
    }
}
