/// How spikes, guardrail drift and improvement velocity are judged (`[spikes]` in winnow.toml).
/// The defaults are the ones the README gives reasons for.
public struct SpikeParameters: Sendable, Equatable, Codable {
    /// The recent window whose counts are tested, in days.
    public var windowDays = 7
    /// The trailing baseline before the window, in days.
    public var baselineDays = 28
    /// A rise is flagged when its p-value is at most this.
    public var maxPValue = 0.001
    /// ... and the window has at least this many events of the slice ...
    public var minCount = 5
    /// ... and its daily rate is at least this multiple of the baseline's.
    public var minRatio = 1.5
    /// A guardrail drifts when its window mean is more than this many baseline standard deviations away.
    public var guardrailSigma = 2.0
    /// How many days before the window a model or prompt version change still counts as preceding a spike.
    public var attributionDays = 7
    /// Improvement velocity compares clusters resolved in the last this-many days with the period before.
    public var velocityDays = 28

    public init() {}

    enum CodingKeys: String, CodingKey {
        case windowDays = "window_days"
        case baselineDays = "baseline_days"
        case maxPValue = "max_p_value"
        case minCount = "min_count"
        case minRatio = "min_ratio"
        case guardrailSigma = "guardrail_sigma"
        case attributionDays = "attribution_days"
        case velocityDays = "velocity_days"
    }
}
