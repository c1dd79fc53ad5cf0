import Foundation
import WinnowCore

/// What `winnow spikes` and the queue's insights view show: the slices that rose in the window,
/// guardrail drift, improvement velocity, and the daily counts per signal behind the sparklines.
public struct InsightsReport: Codable, Sendable, Equatable {
    public struct SignalSeries: Codable, Sendable, Equatable {
        public var signal: String
        /// One count per day of `days`, oldest first.
        public var daily: [Int]
    }

    /// Why the report is as of that time: `given` (--as-of), `now`, or `newest_event` (the workspace
    /// has no events in the window before now, so the window ends with its newest event's day).
    public enum AsOfSource: String, Codable, Sendable {
        case given, now
        case newestEvent = "newest_event"
    }

    public var asOfMillis: Int64
    public var asOfSource: AsOfSource
    /// The parameters used: `[spikes]` (or the command line's window), with `baselineDays` cut to
    /// the days since the first event when the history is shorter.
    public var parameters: SpikeParameters
    /// The baseline asked for; more than `parameters.baselineDays` when the history is shorter.
    public var configuredBaselineDays: Int
    /// The first millisecond of each day of the baseline and the window, oldest first; each day is
    /// the 24 hours before the next (the last ends at `asOfMillis`).
    public var dayStartMillis: [Int64]
    public var flags: [SpikeFlag]
    public var guardrails: [GuardrailDrift]
    public var signals: [SignalSeries]
    public var velocity: VelocityReport
    /// Response length is measured on a deterministic sample of about this many events a day when
    /// the window holds more (reading every response costs too much on a large workspace); nil when all were read.
    public var responseLengthSamplePerDay: Int?

    public var windowStartMillis: Int64 { asOfMillis - Int64(parameters.windowDays) * SpikeDetection.dayMillis }

    /// A line per flag and drifted guardrail, for the shift summary.
    public var spikeLines: [String] {
        flags.map(\.summary) + guardrails.filter(\.drifted).map(\.summary)
    }

    enum CodingKeys: String, CodingKey {
        case parameters, flags, guardrails, signals, velocity
        case asOfMillis = "as_of_ms"
        case asOfSource = "as_of_source"
        case configuredBaselineDays = "configured_baseline_days"
        case dayStartMillis = "day_start_ms"
        case responseLengthSamplePerDay = "response_length_sample_per_day"
    }
}

extension GuardrailDrift {
    /// "mean CSAT 3.1, was 4.2 ± 0.2 (−5.5σ)".
    public var summary: String {
        let name = metric == InsightsReading.csatMetric ? "mean CSAT" : "mean response length"
        func figure(_ x: Double) -> String {
            metric == InsightsReading.csatMetric ? String(format: "%.2f", x) : String(Int(x.rounded())) + " chars"
        }
        guard let recentMean else { return "\(name): no data in the window" }
        var text = "\(name) \(figure(recentMean))"
        if let baselineMean, let baselineSigma {
            text += ", baseline \(figure(baselineMean)) ± \(figure(baselineSigma))"
        }
        if let zScore { text += String(format: " (%+.1fσ)", zScore) }
        return text
    }
}
