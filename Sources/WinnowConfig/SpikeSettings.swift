import WinnowCore

/// `[spikes]` as written: every key optional, each checked with an error naming it.
struct SpikesSection: Decodable {
    var windowDays: Int?
    var baselineDays: Int?
    var maxPValue: Double?
    var minCount: Int?
    var minRatio: Double?
    var guardrailSigma: Double?
    var attributionDays: Int?
    var velocityDays: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case windowDays = "window_days"
        case baselineDays = "baseline_days"
        case maxPValue = "max_p_value"
        case minCount = "min_count"
        case minRatio = "min_ratio"
        case guardrailSigma = "guardrail_sigma"
        case attributionDays = "attribution_days"
        case velocityDays = "velocity_days"
    }

    static let keys = Set(CodingKeys.allCases.map(\.rawValue))

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // TOMLKit reports a value of the wrong type as a missing key; say what is expected instead.
        func whole(_ key: CodingKeys) throws -> Int? {
            guard container.contains(key) else { return nil }
            guard let value = try? container.decode(Int.self, forKey: key) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be a whole number")
            }
            return value
        }
        // TOML writes a whole number (`min_ratio = 2`) as an integer, which is no Double to the decoder.
        func number(_ key: CodingKeys) throws -> Double? {
            guard container.contains(key) else { return nil }
            if let value = try? container.decode(Int.self, forKey: key) { return Double(value) }
            guard let value = try? container.decode(Double.self, forKey: key) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be a number")
            }
            return value
        }
        windowDays = try whole(.windowDays)
        baselineDays = try whole(.baselineDays)
        maxPValue = try number(.maxPValue)
        minCount = try whole(.minCount)
        minRatio = try number(.minRatio)
        guardrailSigma = try number(.guardrailSigma)
        attributionDays = try whole(.attributionDays)
        velocityDays = try whole(.velocityDays)
    }

    func validated(fail: (String, String?) -> ConfigError) throws -> SpikeParameters {
        var p = SpikeParameters()
        func days(_ value: Int?, _ key: CodingKeys, _ range: ClosedRange<Int>) throws -> Int? {
            guard let value else { return nil }
            guard range.contains(value) else {
                throw fail("spikes.\(key.rawValue) must be between \(range.lowerBound) and \(range.upperBound) days (got \(value))", key.rawValue)
            }
            return value
        }
        p.windowDays = try days(windowDays, .windowDays, 1...90) ?? p.windowDays
        p.baselineDays = try days(baselineDays, .baselineDays, 1...365) ?? p.baselineDays
        p.attributionDays = try days(attributionDays, .attributionDays, 0...365) ?? p.attributionDays
        p.velocityDays = try days(velocityDays, .velocityDays, 1...365) ?? p.velocityDays
        if let maxPValue {
            guard maxPValue > 0, maxPValue < 1 else {
                throw fail("spikes.max_p_value must be above 0 and below 1 (got \(maxPValue))", "max_p_value")
            }
            p.maxPValue = maxPValue
        }
        if let minCount {
            guard minCount >= 1 else { throw fail("spikes.min_count must be at least 1 (got \(minCount))", "min_count") }
            p.minCount = minCount
        }
        if let minRatio {
            guard minRatio >= 1 else { throw fail("spikes.min_ratio must be at least 1 (got \(minRatio))", "min_ratio") }
            p.minRatio = minRatio
        }
        if let guardrailSigma {
            guard guardrailSigma > 0 else {
                throw fail("spikes.guardrail_sigma must be above 0 (got \(guardrailSigma))", "guardrail_sigma")
            }
            p.guardrailSigma = guardrailSigma
        }
        return p
    }
}
