/// Daily counts of one slice over the baseline and the window after it, oldest day first:
/// `daily.count == baselineDays + windowDays`, the last `windowDays` being the window.
public struct SliceSeries: Sendable, Equatable {
    public var slice: InsightSlice
    public var daily: [Int]

    public init(slice: InsightSlice, daily: [Int]) {
        self.slice = slice
        self.daily = daily
    }
}

/// A slice whose window rose against its baseline, by the test in `RateComparison`.
public struct SpikeFlag: Sendable, Equatable, Codable {
    public var slice: InsightSlice
    public var recentCount: Int
    public var baselineCount: Int
    /// The window's daily rate over the baseline's; nil for a slice new in the window.
    public var ratio: Double?
    public var pValue: Double
    /// The start of the first window day above the baseline's rate (times `minRatio`).
    public var riseStartMillis: Int64
    /// The last model or prompt version first seen before the rise (within `attributionDays` before
    /// the window), and any other first seen the same day: a model and a prompt often ship together.
    public var since: [VersionChange]
    /// Broader slices whose rise is mostly this one's, folded into it ("intent billing.refund").
    public var includes: [String]

    /// "billing.refund corrections ×4.1 since prompt_version v14 (2026-10-02)".
    public var summary: String {
        let rise = ratio.map { "×" + Self.ratioText($0) } ?? "new (\(recentCount), none before)"
        return "\(slice.label) \(rise)" + (since.isEmpty ? "" : " since " + VersionChange.label(since))
    }

    public static func ratioText(_ ratio: Double) -> String {
        ratio >= 100 ? String(Int(ratio.rounded())) : String((ratio * 10).rounded() / 10)
    }

    enum CodingKeys: String, CodingKey {
        case slice, ratio, since, includes, summary
        case recentCount = "recent_count"
        case baselineCount = "baseline_count"
        case pValue = "p_value"
        case riseStartMillis = "rise_start_ms"
    }

    public init(slice: InsightSlice, recentCount: Int, baselineCount: Int, ratio: Double?, pValue: Double,
                riseStartMillis: Int64, since: [VersionChange], includes: [String]) {
        self.slice = slice
        self.recentCount = recentCount
        self.baselineCount = baselineCount
        self.ratio = ratio
        self.pValue = pValue
        self.riseStartMillis = riseStartMillis
        self.since = since
        self.includes = includes
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(slice: try c.decode(InsightSlice.self, forKey: .slice), recentCount: try c.decode(Int.self, forKey: .recentCount),
                  baselineCount: try c.decode(Int.self, forKey: .baselineCount), ratio: try c.decodeIfPresent(Double.self, forKey: .ratio),
                  pValue: try c.decode(Double.self, forKey: .pValue), riseStartMillis: try c.decode(Int64.self, forKey: .riseStartMillis),
                  since: try c.decode([VersionChange].self, forKey: .since), includes: try c.decode([String].self, forKey: .includes))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slice, forKey: .slice)
        try c.encode(recentCount, forKey: .recentCount)
        try c.encode(baselineCount, forKey: .baselineCount)
        try c.encode(ratio, forKey: .ratio)
        try c.encode(pValue, forKey: .pValue)
        try c.encode(riseStartMillis, forKey: .riseStartMillis)
        try c.encode(since, forKey: .since)
        try c.encode(includes, forKey: .includes)
        try c.encode(summary, forKey: .summary)
    }
}

public enum SpikeDetection {
    public static let dayMillis: Int64 = 86_400_000

    /// Every slice whose window count rose significantly (p ≤ `maxPValue`), by enough
    /// (`minRatio`, `minCount`), against its baseline; most significant first. A broader slice
    /// (an intent, a signal) is folded into a flagged `intent_signal` slice that carries at least
    /// `foldShare` of its excess, so one rise is one flag.
    public static func flags(_ series: [SliceSeries], versionChanges: [VersionChange], asOfMillis: Int64,
                             parameters p: SpikeParameters, foldShare: Double = 0.8) -> [SpikeFlag] {
        let window = p.windowDays, baselineDays = p.baselineDays
        let windowStart = asOfMillis - Int64(window) * dayMillis
        var flags: [InsightSlice: SpikeFlag] = [:]
        var excess: [InsightSlice: Double] = [:]
        for s in series where s.daily.count == window + baselineDays {
            let baseline = s.daily.prefix(baselineDays).reduce(0, +)
            let recent = s.daily.suffix(window).reduce(0, +)
            guard recent >= p.minCount else { continue }
            let ratio = RateComparison.ratio(recent: recent, baseline: baseline, recentDays: window, baselineDays: baselineDays)
            if let ratio, ratio < p.minRatio { continue }
            let pValue = RateComparison.upperTailPValue(recent: recent, baseline: baseline, recentDays: window,
                                                        baselineDays: baselineDays)
            guard pValue <= p.maxPValue else { continue }
            let baselineRate = Double(baseline) / Double(baselineDays)
            let riseDay = s.daily.suffix(window).enumerated().first { _, count in
                Double(count) > max(baselineRate * p.minRatio, 0)
            }?.offset ?? 0
            let riseStart = windowStart + Int64(riseDay) * dayMillis
            flags[s.slice] = SpikeFlag(slice: s.slice, recentCount: recent, baselineCount: baseline, ratio: ratio, pValue: pValue,
                                       riseStartMillis: riseStart,
                                       since: precedingChange(versionChanges, riseStart: riseStart, windowStart: windowStart,
                                                              attributionDays: p.attributionDays),
                                       includes: [])
            excess[s.slice] = Double(recent) - baselineRate * Double(window)
        }
        for narrow in flags.keys.sorted() where narrow.dimension == .intentSignal {
            for broad in narrow.broader {
                guard let broadExcess = excess[broad], flags[broad] != nil, let narrowExcess = excess[narrow],
                      narrowExcess >= foldShare * broadExcess else { continue }
                flags[narrow]?.includes.append(broad.label)
                flags[broad] = nil
            }
        }
        return flags.values.sorted {
            ($0.pValue, -($0.ratio ?? .infinity), $0.slice) < ($1.pValue, -($1.ratio ?? .infinity), $1.slice)
        }
    }

    /// The latest version first seen on or before the rise's day and no earlier than
    /// `attributionDays` before the window, with the others first seen within a day before it; a
    /// version that came after the rise began explains nothing.
    static func precedingChange(_ changes: [VersionChange], riseStart: Int64, windowStart: Int64,
                                attributionDays: Int) -> [VersionChange] {
        let earliest = windowStart - Int64(attributionDays) * dayMillis
        let candidates = changes.filter { $0.firstSeenMillis >= earliest && $0.firstSeenMillis < riseStart + dayMillis }
        guard let latest = candidates.map(\.firstSeenMillis).max() else { return [] }
        return candidates.filter { $0.firstSeenMillis > latest - dayMillis }
            .sorted { ($0.firstSeenMillis, $0.field, $0.value) < ($1.firstSeenMillis, $1.field, $1.value) }
    }
}
