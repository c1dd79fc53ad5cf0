/// A resolved cluster: from its first event (the earliest of its items) to the time its canonical
/// item was set to resolved.
public struct ResolvedCluster: Sendable, Equatable {
    public var canonicalID: Int64
    public var owner: String?
    public var locus: String?
    public var firstEventMillis: Int64
    public var resolvedMillis: Int64

    public init(canonicalID: Int64, owner: String?, locus: String?, firstEventMillis: Int64, resolvedMillis: Int64) {
        self.canonicalID = canonicalID
        self.owner = owner
        self.locus = locus
        self.firstEventMillis = firstEventMillis
        self.resolvedMillis = resolvedMillis
    }
}

/// Median time to resolution for one group (an owner, a locus, or everything) in this period and
/// the one before it.
public struct VelocityRow: Sendable, Equatable, Codable {
    public enum Trend: String, Sendable, Codable {
        case faster, slower, steady
    }

    public var group: String
    public var medianHours: Double?
    public var resolved: Int
    public var previousMedianHours: Double?
    public var previousResolved: Int
    /// Faster or slower when the median moved by more than `ResolutionVelocity.steadyBand` of the previous one.
    public var trend: Trend?

    public init(group: String, medianHours: Double?, resolved: Int, previousMedianHours: Double?, previousResolved: Int, trend: Trend?) {
        self.group = group
        self.medianHours = medianHours
        self.resolved = resolved
        self.previousMedianHours = previousMedianHours
        self.previousResolved = previousResolved
        self.trend = trend
    }

    enum CodingKeys: String, CodingKey {
        case group, resolved, trend
        case medianHours = "median_hours"
        case previousMedianHours = "previous_median_hours"
        case previousResolved = "previous_resolved"
    }
}

public struct VelocityReport: Sendable, Equatable, Codable {
    public var periodDays: Int
    public var overall: VelocityRow
    public var byOwner: [VelocityRow]
    public var byLocus: [VelocityRow]

    public init(periodDays: Int, overall: VelocityRow, byOwner: [VelocityRow], byLocus: [VelocityRow]) {
        self.periodDays = periodDays
        self.overall = overall
        self.byOwner = byOwner
        self.byLocus = byLocus
    }

    enum CodingKeys: String, CodingKey {
        case overall
        case periodDays = "period_days"
        case byOwner = "by_owner"
        case byLocus = "by_locus"
    }
}

public enum ResolutionVelocity {
    /// A median within ±10 % of the previous period's is steady: day-to-day noise, not a trend.
    public static let steadyBand = 0.10

    /// Clusters resolved in [asOf − period, asOf) against those resolved in the period before.
    public static func report(_ clusters: [ResolvedCluster], asOfMillis: Int64, periodDays: Int) -> VelocityReport {
        let period = Int64(periodDays) * SpikeDetection.dayMillis
        let current = clusters.filter { $0.resolvedMillis < asOfMillis && $0.resolvedMillis >= asOfMillis - period }
        let previous = clusters.filter { $0.resolvedMillis < asOfMillis - period && $0.resolvedMillis >= asOfMillis - 2 * period }
        func rows(_ key: (ResolvedCluster) -> String?) -> [VelocityRow] {
            let groups = Set((current + previous).map { key($0) ?? "none" })
            return groups.sorted().map { name in
                row(name, current.filter { (key($0) ?? "none") == name }, previous.filter { (key($0) ?? "none") == name })
            }
        }
        return VelocityReport(periodDays: periodDays, overall: row("all", current, previous),
                              byOwner: rows(\.owner), byLocus: rows(\.locus))
    }

    static func row(_ group: String, _ current: [ResolvedCluster], _ previous: [ResolvedCluster]) -> VelocityRow {
        let now = medianHours(current), before = medianHours(previous)
        var trend: VelocityRow.Trend?
        if let now, let before {
            if before == 0 { trend = now == 0 ? .steady : .slower }
            else if now < before * (1 - steadyBand) { trend = .faster }
            else if now > before * (1 + steadyBand) { trend = .slower }
            else { trend = .steady }
        }
        return VelocityRow(group: group, medianHours: now, resolved: current.count, previousMedianHours: before,
                           previousResolved: previous.count, trend: trend)
    }

    static func medianHours(_ clusters: [ResolvedCluster]) -> Double? {
        let hours = clusters.map { Double(max(0, $0.resolvedMillis - $0.firstEventMillis)) / 3_600_000 }.sorted()
        guard !hours.isEmpty else { return nil }
        let mid = hours.count / 2
        return hours.count % 2 == 1 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2
    }
}
