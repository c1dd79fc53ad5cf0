import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Spikes, guardrails and velocity read from a real store: seeded Poisson traffic over the
/// baseline and the window, with and without a planted rise after a prompt release.
final class InsightsStoreTests: XCTestCase {
    let day = SpikeDetection.dayMillis
    let asOf = RFC3339.parseMillis("2026-10-29T00:00:00Z")!
    let intents = ["billing.refund", "billing.invoice", "sso.setup", "exports.csv"]
    let signals = ["explicit_correction", "thumbs_down", "agent_escalation", "csat"]

    /// 35 days of events before `asOf`, each (intent, signal) Poisson at 1.5 a day; `planted` adds a
    /// rate for billing.refund corrections from the window's third day on, when prompt v14 ships.
    func traffic(seed: UInt64, planted: Double = 0, csatInWindow: ClosedRange<Int> = 3...5, days: Int = 35) -> [String] {
        var rng = SplitMix64(seed: seed)
        var lines: [String] = []
        let start = asOf - 35 * day
        let release = asOf - 5 * day
        for d in (35 - days)..<35 {
            for intent in intents {
                for signal in signals {
                    var n = poisson(1.5, &rng)
                    let dayStart = start + Int64(d) * day
                    if intent == "billing.refund", signal == "explicit_correction", dayStart >= release { n += poisson(planted, &rng) }
                    for _ in 0..<n {
                        let ts = dayStart + Int64(rng.below(86_400_000))
                        let prompt = ts >= release ? "v14" : "v13"
                        var extra = #","intent":"\#(intent)","prompt_version":"\#(prompt)","model_version":"m1""#
                        if signal == "csat" {
                            let range = ts >= asOf - 7 * day ? csatInWindow : 3...5
                            extra += #","csat":\#(rng.between(range.lowerBound, range.upperBound))"#
                        }
                        let response = String(repeating: "word ", count: 20 + rng.below(20))
                        lines.append(#"{"id":"e\#(lines.count)","ts":"\#(RFC3339.format(millis: ts))","signal":"\#(signal)","prompt":"p","response":"\#(response)"\#(extra)}"#)
                    }
                }
            }
        }
        return lines
    }

    func workspace(_ lines: [String]) throws -> TestWorkspace {
        let ws = try TestWorkspace()
        let summary = try ws.importFile(try ws.file("e.jsonl", lines.joined(separator: "\n")))
        XCTAssertEqual(summary.rejected, 0)
        return ws
    }

    func testSteadyTrafficRaisesNoFlagAndNoDrift() throws {
        for seed in UInt64(1)...3 {
            let ws = try workspace(traffic(seed: seed))
            let report = try ws.store.insights(asOf: asOf)
            XCTAssertEqual(report.flags.map(\.summary), [], "seed \(seed)")
            XCTAssertEqual(report.guardrails.filter(\.drifted).map(\.summary), [], "seed \(seed)")
            XCTAssertEqual(report.guardrails.map(\.metric), ["response_length", "csat"])
            XCTAssertNotNil(report.guardrails.last?.zScore)
        }
    }

    func testAShortHistoryShortensTheBaselineInsteadOfCountingEmptyDays() throws {
        // Twelve days of history: five before the window and the window itself, at a steady rate.
        let ws = try workspace(traffic(seed: 8, days: 12))
        let report = try ws.store.insights(asOf: asOf)
        let first = try XCTUnwrap(ws.store.pool.read { try Int64.fetchOne($0, sql: "SELECT min(ts_ms) FROM items") })
        XCTAssertLessThan(first % day, day / 2, "this seed's first event is early in its day, so the day counts")
        XCTAssertEqual(report.parameters.baselineDays, 5)
        XCTAssertEqual(report.configuredBaselineDays, 28)
        XCTAssertEqual(report.dayStartMillis.count, 12)
        XCTAssertEqual(report.flags.map(\.summary), [])
        // A window with nothing before it is compared with nothing.
        let opening = try ws.store.insights(asOf: asOf - 5 * day)
        XCTAssertEqual(opening.parameters.baselineDays, 0)
        XCTAssertEqual(opening.flags, [])
    }

    func testAPlantedRiseIsFlaggedWithThePromptReleaseBeforeIt() throws {
        let ws = try workspace(traffic(seed: 11, planted: 6))
        let report = try ws.store.insights(asOf: asOf)
        XCTAssertEqual(report.flags.count, 1, report.flags.map(\.summary).joined(separator: "\n"))
        let flag = try XCTUnwrap(report.flags.first)
        XCTAssertEqual(flag.slice, InsightSlice(.intentSignal, "billing.refund", signal: "explicit_correction"))
        XCTAssertEqual(flag.since.map(\.field), ["prompt_version"])
        XCTAssertEqual(flag.since.map(\.value), ["v14"])
        XCTAssertTrue(flag.summary.hasPrefix("billing.refund corrections ×"), flag.summary)
        XCTAssertTrue(flag.summary.hasSuffix(" since prompt_version v14 (2026-10-24)"), flag.summary)
        XCTAssertEqual(flag.includes, ["intent billing.refund", "corrections"], "the intent and the signal rose by this slice alone")
        XCTAssertEqual(flag.slice.filter.canonicalText, "intent:billing.refund signal:explicit_correction")
        XCTAssertEqual(try ws.matching(flag.slice.filter.canonicalText).count, flag.recentCount + flag.baselineCount)
        // The sparklines' counts are the store's own.
        let corrections = try XCTUnwrap(report.signals.first { $0.signal == "explicit_correction" })
        XCTAssertEqual(corrections.daily.reduce(0, +), try ws.count("SELECT count(*) FROM items WHERE signal = 'explicit_correction'"))
        XCTAssertEqual(report.dayStartMillis.count, 35)
        XCTAssertEqual(report.dayStartMillis.last, asOf - day)
    }

    func testTheShiftSummarySaysWhatSpiked() throws {
        let ws = try workspace(traffic(seed: 11, planted: 6))
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, expectedVersions: try ws.store.versions(of: [1]),
                                at: asOf - 3_600_000)
        let report = try ws.store.shiftReport(reviewer: ws.identity.reviewer, since: asOf - 8 * 3_600_000, until: asOf)
        let expected = try ws.store.insights(now: asOf).flags.map(\.summary)
        XCTAssertEqual(expected.count, 1)
        XCTAssertEqual(report.spiked, expected)
        XCTAssertTrue(report.text.contains("  what spiked      \(expected[0])\n"), report.text)
        // Steady traffic says so rather than leaving the line out.
        let steady = try workspace(traffic(seed: 1))
        try steady.store.applyLabel(.severity, value: "S2", to: [1], by: steady.identity,
                                    expectedVersions: try steady.store.versions(of: [1]), at: asOf - 3_600_000)
        let quiet = try steady.store.shiftReport(reviewer: steady.identity.reviewer, since: asOf - 8 * 3_600_000, until: asOf)
        XCTAssertEqual(quiet.spiked, [])
        XCTAssertTrue(quiet.text.contains("  what spiked      nothing rose against its baseline\n"), quiet.text)
    }

    func testACSATDropInTheWindowDrifts() throws {
        let ws = try workspace(traffic(seed: 5, csatInWindow: 1...2))
        let report = try ws.store.insights(asOf: asOf)
        let csat = try XCTUnwrap(report.guardrails.first { $0.metric == "csat" })
        XCTAssertTrue(csat.drifted, csat.summary)
        XCTAssertLessThan(try XCTUnwrap(csat.zScore), -2)
        XCTAssertEqual(try XCTUnwrap(csat.recentMean), 1.5, accuracy: 0.3)
        XCTAssertFalse(report.guardrails.first { $0.metric == "response_length" }!.drifted)
        XCTAssertTrue(report.spikeLines.contains(csat.summary))
    }

    func testWithoutAsOfAnIdleWorkspaceIsReadAsOfItsNewestEventsDay() throws {
        let ws = try workspace(traffic(seed: 2))
        let newest = try XCTUnwrap(ws.store.pool.read { try Int64.fetchOne($0, sql: "SELECT max(ts_ms) FROM items") })
        let later = try ws.store.insights(now: asOf + 30 * day)
        XCTAssertEqual(later.asOfSource, .newestEvent)
        XCTAssertEqual(later.asOfMillis, (newest / day + 1) * day)
        let current = try ws.store.insights(now: asOf + 3_600_000)
        XCTAssertEqual(current.asOfSource, .now)
        XCTAssertEqual(current.asOfMillis, asOf + 3_600_000)
    }

    func testReasonCodesAndLociAreSlicesOfTheirOwn() throws {
        let ws = try workspace(traffic(seed: 4))
        let items = try ws.store.pool.read {
            try Int64.fetchAll($0, sql: "SELECT id FROM items WHERE ts_ms >= ? ORDER BY id LIMIT 6", arguments: [self.asOf - 7 * self.day])
        }
        try ws.store.applyLabels([.locus: "retrieval", .reasons: "wrong_source"], to: items, by: ws.identity,
                                 expectedVersions: try ws.store.versions(of: items))
        // Six labelled in the window and none before: each of the six had a 7/35 chance of the window.
        let report = try ws.store.insights(asOf: asOf)
        let reason = try XCTUnwrap(report.flags.first { $0.slice.dimension == .reason })
        XCTAssertEqual(reason.slice.value, "wrong_source")
        XCTAssertEqual(reason.recentCount, 6)
        XCTAssertNil(reason.ratio)
        XCTAssertEqual(reason.pValue, 0.000_064, accuracy: 1e-9)
        XCTAssertEqual(reason.summary, "reason wrong_source new (6, none before)")
        XCTAssertEqual(reason.slice.filter.canonicalText, "reason:wrong_source")
        XCTAssertTrue(report.flags.contains { $0.slice == InsightSlice(.locus, "retrieval") })
    }

    func testVelocityIsTheMedianFromAClustersFirstEventToItsResolution() throws {
        let hour: Int64 = 3_600_000
        let base = asOf - 20 * day
        func line(_ id: String, _ ts: Int64) -> String {
            #"{"id":"\#(id)","ts":"\#(RFC3339.format(millis: ts))","signal":"thumbs_down","prompt":"p","response":"r"}"#
        }
        // Items 1–4: 1 has a duplicate (5) that arrived 10 hours before it.
        let ws = try workspace([line("a", base), line("b", base), line("c", base), line("d", base), line("e", base - 10 * hour)])
        try ws.store.merge([5], into: 1, by: ws.identity, expectedVersions: try ws.store.versions(of: [1, 5]), at: base)
        try ws.store.applyLabels([.locus: "knowledge"], to: [1, 2], by: ws.identity, expectedVersions: try ws.store.versions(of: [1, 2]), at: base)
        func resolve(_ item: Int64, after hours: Int64) throws {
            try ws.store.applyLabel(.status, value: "resolved", to: [item], by: ws.identity,
                                    expectedVersions: try ws.store.versions(of: [item]), at: base + hours * hour)
        }
        try resolve(1, after: 2)    // 12 h from its cluster's first event
        try resolve(2, after: 30)
        try resolve(3, after: 4)
        try resolve(4, after: 100)
        // Item 4 is reopened: it is no longer resolved, so it does not count.
        try ws.store.applyLabel(.status, value: "triaged", to: [4], by: ws.identity, expectedVersions: try ws.store.versions(of: [4]),
                                at: base + 101 * hour)
        let v = try ws.store.insights(asOf: asOf).velocity
        XCTAssertEqual(v.overall.resolved, 3)
        XCTAssertEqual(v.overall.medianHours, 12)
        XCTAssertEqual(v.byLocus.first { $0.group == "knowledge" }?.medianHours, 21)  // 12 and 30
        XCTAssertEqual(v.byLocus.first { $0.group == "none" }?.medianHours, 4)
        XCTAssertEqual(v.byOwner.map(\.group).sorted(), v.byOwner.map(\.group))
        // As of before the resolutions, nothing was resolved yet.
        XCTAssertEqual(try ws.store.insights(asOf: base + hour).velocity.overall.resolved, 0)
    }

    func testTheGuardrailReadsTheTimeIndexAlone() throws {
        let ws = try TestWorkspace()
        let plan = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT count(csat), total(csat) FROM events WHERE csat IS NOT NULL AND ts_ms >= 0 AND ts_ms < 1
                """).map { $0["detail"] as String }.joined(separator: "; ")
        }
        XCTAssertTrue(plan.contains("COVERING INDEX events_csat_by_time"), plan)
        let slices = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT ts_ms, signal, intent, locus, reasons FROM items WHERE ts_ms >= 0 AND ts_ms < 1")
                .map { $0["detail"] as String }.joined(separator: "; ")
        }
        XCTAssertTrue(slices.contains("COVERING INDEX items_by_day_slice"), slices)
    }

    func poisson(_ rate: Double, _ rng: inout SplitMix64) -> Int {
        guard rate > 0 else { return 0 }
        let limit = exp(-rate)
        var k = 0
        var product = 1.0
        repeat {
            k += 1
            product *= Double(rng.next() >> 11) / Double(1 << 53)
        } while product > limit
        return k - 1
    }
}
