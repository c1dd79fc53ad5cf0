import Foundation
import GRDB
import WinnowCore

/// The insights' reads: every figure is aggregated per day over time indexes (slices in one pass,
/// the rest a query per day), so the work grows with the window's events and its days, and nothing
/// but the per-day totals is held in memory.
enum InsightsReading {
    static let csatMetric = "csat"
    static let responseLengthMetric = "response_length"
    /// Response lengths read per day at most (see `InsightsReport.responseLengthSamplePerDay`).
    static let responseLengthSample = 500
}

extension Store {
    /// The insights as of `asOf` (nil: now, or the end of the newest event's day when nothing
    /// arrived in the window before now, so a workspace fed in batches still has a report).
    /// `parameters`: the workspace's `[spikes]` unless given (`--since` sets the window's days).
    public func insights(asOf given: Int64? = nil, now: Int64 = Clock.nowMillis(),
                         parameters: SpikeParameters? = nil) throws -> InsightsReport {
        let configured = parameters ?? config.spikes
        let day = SpikeDetection.dayMillis
        return try pool.read { db in
            var asOf = given ?? now
            var source: InsightsReport.AsOfSource = given == nil ? .now : .given
            if given == nil, let newest = try Int64.fetchOne(db, sql: "SELECT max(ts_ms) FROM items"),
               newest < now - Int64(configured.windowDays) * day {
                asOf = (newest / day + 1) * day  // event times are after 1970: / rounds down
                source = .newestEvent
            }
            // A baseline reaching back before the first event would count days nobody could have
            // sent feedback as quiet ones, and make every slice look risen: it starts at the first event's day.
            var p = configured
            let windowStart = asOf - Int64(p.windowDays) * day
            if let first = try Int64.fetchOne(db, sql: "SELECT min(ts_ms) FROM items"), first > windowStart - Int64(p.baselineDays) * day {
                // The first event's day counts when the history covers most of it.
                p.baselineDays = Int(max(0, (windowStart - first + day / 2) / day))
            }
            let days = p.baselineDays + p.windowDays
            let start = asOf - Int64(days) * day
            let series = try sliceSeries(db, start: start, end: asOf, days: days)
            let changes = try versionChanges(db)
            let flags = p.baselineDays == 0 ? []
                : SpikeDetection.flags(series, versionChanges: changes, asOfMillis: asOf, parameters: p)
            let perDay = (0..<days).map { d in series.filter { $0.slice.dimension == .signal }.reduce(0) { $0 + $1.daily[d] } }
            let (guardrails, sample) = try guardrailDrift(db, start: start, days: days, eventsPerDay: perDay, parameters: p)
            let signals = Signal.allCases.map { signal in
                InsightsReport.SignalSeries(
                    signal: signal.rawValue,
                    daily: series.first { $0.slice == InsightSlice(.signal, signal.rawValue) }?.daily ?? Array(repeating: 0, count: days))
            }
            let velocity = ResolutionVelocity.report(try resolvedClusters(db, since: asOf - 2 * Int64(p.velocityDays) * day, until: asOf),
                                                     asOfMillis: asOf, periodDays: p.velocityDays)
            return InsightsReport(asOfMillis: asOf, asOfSource: source, parameters: p,
                                  configuredBaselineDays: configured.baselineDays,
                                  dayStartMillis: (0..<days).map { start + Int64($0) * day }, flags: flags,
                                  guardrails: guardrails, signals: signals, velocity: velocity,
                                  responseLengthSamplePerDay: sample)
        }
    }

    /// Daily counts per signal, intent, intent × signal, locus and reason code over [start, end).
    /// One pass groups the items by day and their four columns; the slices are summed from those groups.
    private func sliceSeries(_ db: Database, start: Int64, end: Int64, days: Int) throws -> [SliceSeries] {
        var daily: [InsightSlice: [Int]] = [:]
        func add(_ slice: InsightSlice, _ dayIndex: Int, _ n: Int) {
            daily[slice, default: Array(repeating: 0, count: days)][dayIndex] += n
        }
        let loci = Dictionary(config.taxonomy.loci.flatMap { locus in locus.reasons.map { ($0, locus.name) } },
                              uniquingKeysWith: { first, _ in first })
        var reasonsByText: [String: [String]] = [:]
        for group in try DailySliceCounts(db, start: start, end: end, days: days).groups {
            for (dayIndex, n) in group.daily.enumerated() where n > 0 {
                add(InsightSlice(.signal, group.signal), dayIndex, n)
                if let intent = group.intent {
                    add(InsightSlice(.intent, intent), dayIndex, n)
                    add(InsightSlice(.intentSignal, intent, signal: group.signal), dayIndex, n)
                }
                if let locus = group.locus { add(InsightSlice(.locus, locus), dayIndex, n) }
                if let text = group.reasons {
                    let codes = reasonsByText[text] ?? Store.reasonCodes(text)
                    reasonsByText[text] = codes
                    for code in Set(codes) {
                        var slice = InsightSlice(.reason, code)
                        slice.locusOfReason = loci[code]
                        add(slice, dayIndex, n)
                    }
                }
            }
        }
        return daily.map { SliceSeries(slice: $0.key, daily: $0.value) }.sorted { $0.slice < $1.slice }
    }

    /// Each model and prompt version's first appearance: a loose index scan, one seek per distinct value.
    private func versionChanges(_ db: Database) throws -> [VersionChange] {
        try ["model_version", "prompt_version"].flatMap { column in
            try Row.fetchAll(db, sql: """
                WITH RECURSIVE v(value) AS (
                    SELECT min(\(column)) FROM events WHERE \(column) IS NOT NULL
                    UNION ALL
                    SELECT (SELECT min(\(column)) FROM events WHERE \(column) > v.value) FROM v WHERE v.value IS NOT NULL
                )
                SELECT value, (SELECT min(ts_ms) FROM events WHERE \(column) = v.value) AS first_ms
                FROM v WHERE value IS NOT NULL
                """).map { VersionChange(field: column, value: $0["value"], firstSeenMillis: $0["first_ms"]) }
        }
    }

    /// Mean CSAT (every rated event, from their time index) and mean response length (every event,
    /// or a deterministic sample of about `responseLengthSample` a day when there are more) per day.
    /// `eventsPerDay`: the items of each day, counted with the slices.
    private func guardrailDrift(_ db: Database, start: Int64, days: Int, eventsPerDay: [Int],
                                parameters p: SpikeParameters) throws -> ([GuardrailDrift], Int?) {
        // A query per day, each a range of an index: a GROUP BY of the day would sort every row.
        let day = SpikeDetection.dayMillis
        var csat = Array(repeating: DailyMeasure(), count: days)
        let rated = try db.cachedStatement(sql: """
            SELECT count(csat) AS rated, total(csat) AS score FROM events WHERE csat IS NOT NULL AND ts_ms >= ? AND ts_ms < ?
            """)
        for d in 0..<days {
            let from = start + Int64(d) * day
            guard let row = try Row.fetchOne(rated, arguments: [from, from + day]) else { continue }
            csat[d] = DailyMeasure(sum: row["score"], count: row["rated"])
        }
        // A busy day's lengths are read from the first events of each of its hours (about
        // responseLengthSample in all): seeks on the time index, spread over the day, the same for
        // every day, so the baseline and the window are sampled alike.
        let sampled = (eventsPerDay.max() ?? 0) > InsightsReading.responseLengthSample
        let perHour = (InsightsReading.responseLengthSample + 23) / 24
        let slot = sampled ? day / 24 : day
        let measured = try db.cachedStatement(sql: """
            SELECT count(*) AS n, total(chars) AS chars FROM (
                SELECT length(events.response) AS chars FROM items JOIN events ON events.rowid = items.id
                WHERE items.ts_ms >= ? AND items.ts_ms < ? ORDER BY items.ts_ms LIMIT ?)
            """)
        var lengths = Array(repeating: DailyMeasure(), count: days)
        for d in 0..<days where eventsPerDay[d] > 0 {
            for from in stride(from: start + Int64(d) * day, to: start + Int64(d + 1) * day, by: Int(slot)) {
                guard let row = try Row.fetchOne(measured, arguments: [from, from + slot, sampled ? perHour : -1]) else { continue }
                lengths[d].sum += row["chars"]
                lengths[d].count += row["n"]
            }
        }
        return ([GuardrailDrift.measure(InsightsReading.responseLengthMetric, daily: lengths, parameters: p),
                 GuardrailDrift.measure(InsightsReading.csatMetric, daily: csat, parameters: p)],
                sampled ? InsightsReading.responseLengthSample : nil)
    }

    /// Clusters whose canonical item is resolved, set so in [since, until): from the earliest event
    /// of the cluster to the last audit record that set it resolved.
    private func resolvedClusters(_ db: Database, since: Int64, until: Int64) throws -> [ResolvedCluster] {
        try Row.fetchAll(db, sql: """
            SELECT id, owner, locus, first_ms, resolved_ms FROM (
                SELECT i.id, i.owner, i.locus,
                    min(i.ts_ms, coalesce((SELECT min(d.ts_ms) FROM items d WHERE d.canonical_id = i.id), i.ts_ms)) AS first_ms,
                    (SELECT max(a.ts_ms) FROM audit a WHERE a.item_id = i.id AND a.field = 'status'
                        AND a.new_value = 'resolved' AND a.ts_ms < ?) AS resolved_ms
                FROM items i WHERE i.status = 'resolved' AND i.canonical_id IS NULL
            ) WHERE resolved_ms >= ?
            """, arguments: [until, since]).map {
            ResolvedCluster(canonicalID: $0["id"], owner: $0["owner"], locus: $0["locus"],
                            firstEventMillis: $0["first_ms"], resolvedMillis: $0["resolved_ms"])
        }
    }
}
