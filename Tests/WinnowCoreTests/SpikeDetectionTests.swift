import WinnowCore
import XCTest

final class SpikeDetectionTests: XCTestCase {
    let day = SpikeDetection.dayMillis
    let asOf: Int64 = 1_792_000_000_000 - 1_792_000_000_000 % 86_400_000  // a UTC midnight in 2026
    let p = SpikeParameters()

    func testPValueIsTheBinomialUpperTail() {
        // Equal periods: P(X ≥ 8) for Binomial(10, ½) = (45 + 10 + 1) / 1024.
        XCTAssertEqual(RateComparison.upperTailPValue(recent: 8, baseline: 2, recentDays: 1, baselineDays: 1), 56.0 / 1024, accuracy: 1e-12)
        // No baseline: every one of the 5 events fell in the window, each with chance 7/35.
        XCTAssertEqual(RateComparison.upperTailPValue(recent: 5, baseline: 0, recentDays: 7, baselineDays: 28), 0.2 * 0.2 * 0.2 * 0.2 * 0.2, accuracy: 1e-15)
        XCTAssertEqual(RateComparison.upperTailPValue(recent: 0, baseline: 9, recentDays: 7, baselineDays: 28), 1)
        // At the expected share the tail is about a half, not small.
        let even = RateComparison.upperTailPValue(recent: 200, baseline: 800, recentDays: 7, baselineDays: 28)
        XCTAssertGreaterThan(even, 0.4)
        XCTAssertLessThan(even, 0.6)
        XCTAssertEqual(RateComparison.ratio(recent: 70, baseline: 70, recentDays: 7, baselineDays: 28)!, 4, accuracy: 1e-12)
        XCTAssertNil(RateComparison.ratio(recent: 7, baseline: 0, recentDays: 7, baselineDays: 28))
    }

    func testSteadyPoissonTrafficRaisesNoFlag() {
        for seed in UInt64(1)...20 {
            var rng = SplitMix64(seed: seed)
            let series = steadySlices(&rng)
            let flags = SpikeDetection.flags(series, versionChanges: [], asOfMillis: asOf, parameters: p)
            XCTAssertEqual(flags.map(\.summary), [], "seed \(seed)")
        }
    }

    func testAPlantedSpikeIsFlaggedAndItsBroaderSlicesFoldIntoIt() throws {
        var rng = SplitMix64(seed: 7)
        var series = steadySlices(&rng)
        let refund = InsightSlice(.intentSignal, "billing.refund", signal: "explicit_correction")
        // 3 a day for four weeks, then 12 a day: the intent and the signal rise with it.
        let planted = (0..<35).map { poisson($0 < 28 ? 3 : 12, &rng) }
        series.append(SliceSeries(slice: refund, daily: planted))
        let intentDaily = (0..<35).map { planted[$0] + poisson(2, &rng) }
        series.append(SliceSeries(slice: InsightSlice(.intent, "billing.refund"), daily: intentDaily))
        let signalIndex = try XCTUnwrap(series.firstIndex { $0.slice == InsightSlice(.signal, "explicit_correction") })
        series[signalIndex].daily = zip(series[signalIndex].daily, planted).map(+)
        let flags = SpikeDetection.flags(series, versionChanges: [], asOfMillis: asOf, parameters: p)
        XCTAssertEqual(flags.count, 1, flags.map(\.summary).joined(separator: "\n"))
        let flag = try XCTUnwrap(flags.first)
        XCTAssertEqual(flag.slice, refund)
        XCTAssertEqual(flag.includes, ["intent billing.refund", "corrections"])
        XCTAssertEqual(try XCTUnwrap(flag.ratio), 4, accuracy: 0.8)
        XCTAssertLessThan(flag.pValue, 1e-10)
        XCTAssertTrue(flag.summary.hasPrefix("billing.refund corrections ×"), flag.summary)
    }

    func testTooFewEventsOrTooSmallARiseIsNoFlag() {
        // Four new events: a p of 0.0016 and under min_count anyway.
        let few = SliceSeries(slice: InsightSlice(.intent, "rare"), daily: Array(repeating: 0, count: 28) + [0, 0, 1, 1, 1, 1, 0])
        // 10 % more on a busy slice is significant but no spike.
        let busy = SliceSeries(slice: InsightSlice(.signal, "csat"), daily: Array(repeating: 1000, count: 28) + Array(repeating: 1100, count: 7))
        XCTAssertEqual(SpikeDetection.flags([few, busy], versionChanges: [], asOfMillis: asOf, parameters: p), [])
        var loose = p
        loose.minRatio = 1.05
        XCTAssertEqual(SpikeDetection.flags([few, busy], versionChanges: [], asOfMillis: asOf, parameters: loose).map(\.slice), [busy.slice])
    }

    func testTheFlagNamesTheVersionFirstSeenBeforeTheRise() throws {
        // Steady at 2 a day, then 10 a day from the window's third day.
        let daily = Array(repeating: 2, count: 28) + [2, 2, 10, 10, 10, 10, 10]
        let slice = SliceSeries(slice: InsightSlice(.intentSignal, "billing.refund", signal: "explicit_correction"), daily: daily)
        let windowStart = asOf - 7 * day
        let riseDay = windowStart + 2 * day
        let v14 = VersionChange(field: "prompt_version", value: "v14", firstSeenMillis: riseDay - 3_600_000)
        let model = VersionChange(field: "model_version", value: "m2", firstSeenMillis: windowStart - 3 * day)
        let later = VersionChange(field: "model_version", value: "m3", firstSeenMillis: riseDay + 2 * day)
        let old = VersionChange(field: "prompt_version", value: "v13", firstSeenMillis: windowStart - 20 * day)
        let flag = try XCTUnwrap(SpikeDetection.flags([slice], versionChanges: [old, model, v14, later], asOfMillis: asOf, parameters: p).first)
        XCTAssertEqual(flag.riseStartMillis, riseDay)
        XCTAssertEqual(flag.since, [v14])
        let date = String(RFC3339.format(millis: v14.firstSeenMillis).prefix(10))
        XCTAssertEqual(flag.summary, "billing.refund corrections ×\(SpikeFlag.ratioText(flag.ratio!)) since prompt_version v14 (\(date))")
        // Without v14, the model change three days before the window is the one that preceded it.
        let withoutV14 = SpikeDetection.flags([slice], versionChanges: [old, model, later], asOfMillis: asOf, parameters: p)
        XCTAssertEqual(withoutV14.first?.since, [model])
        // A change after the rise began, or long before the window, explains nothing.
        XCTAssertEqual(SpikeDetection.flags([slice], versionChanges: [old, later], asOfMillis: asOf, parameters: p).first?.since, [])
        // A model shipped the same day as the prompt is named with it.
        let sameDay = VersionChange(field: "model_version", value: "m2.1", firstSeenMillis: v14.firstSeenMillis - 600_000)
        let both = try XCTUnwrap(SpikeDetection.flags([slice], versionChanges: [v14, sameDay, model], asOfMillis: asOf, parameters: p).first)
        XCTAssertEqual(both.since, [sameDay, v14])
        XCTAssertTrue(both.summary.hasSuffix(" since model_version m2.1 and prompt_version v14 (\(date))"), both.summary)
    }

    func testGuardrailDriftsBeyondTheConfiguredSigma() {
        var rng = SplitMix64(seed: 3)
        func days(_ mean: Double, _ count: Int) -> [DailyMeasure] {
            (0..<count).map { _ in
                let noise = Double(rng.below(2001) - 1000) / 1000 * 10  // ±10 around the mean
                return DailyMeasure(sum: (mean + noise) * 100, count: 100)
            }
        }
        let steady = GuardrailDrift.measure("response_length", daily: days(500, 28) + days(500, 7), parameters: p)
        XCTAssertFalse(steady.drifted)
        XCTAssertEqual(steady.baselineMean!, 500, accuracy: 5)
        let shifted = GuardrailDrift.measure("response_length", daily: days(500, 28) + days(540, 7), parameters: p)
        XCTAssertTrue(shifted.drifted, "z \(shifted.zScore ?? .nan)")
        XCTAssertGreaterThan(shifted.zScore!, 2)
        var lenient = p
        lenient.guardrailSigma = 10
        XCTAssertFalse(GuardrailDrift.measure("response_length", daily: days(500, 28) + days(540, 7), parameters: lenient).drifted)
        // Too little data gives no verdict rather than a made-up one.
        let sparse = GuardrailDrift.measure("csat", daily: Array(repeating: DailyMeasure(), count: 33) + [DailyMeasure(sum: 4, count: 1)] + [DailyMeasure()], parameters: p)
        XCTAssertNil(sparse.zScore)
        XCTAssertFalse(sparse.drifted)
    }

    func testVelocityIsTheMedianTimeToResolutionPerGroupAndItsTrend() {
        let hour: Int64 = 3_600_000
        func cluster(_ id: Int64, owner: String, locus: String?, hours: Int64, resolvedDaysAgo: Int64) -> ResolvedCluster {
            let resolved = asOf - resolvedDaysAgo * day
            return ResolvedCluster(canonicalID: id, owner: owner, locus: locus, firstEventMillis: resolved - hours * hour, resolvedMillis: resolved)
        }
        let clusters = [
            cluster(1, owner: "billing", locus: "knowledge", hours: 10, resolvedDaysAgo: 1),
            cluster(2, owner: "billing", locus: "knowledge", hours: 20, resolvedDaysAgo: 2),
            cluster(3, owner: "billing", locus: "retrieval", hours: 60, resolvedDaysAgo: 3),
            cluster(4, owner: "platform", locus: nil, hours: 5, resolvedDaysAgo: 4),
            // The period before: billing took longer.
            cluster(5, owner: "billing", locus: "knowledge", hours: 40, resolvedDaysAgo: 30),
            cluster(6, owner: "billing", locus: "knowledge", hours: 50, resolvedDaysAgo: 40),
            // Too old for either period.
            cluster(7, owner: "billing", locus: "knowledge", hours: 1, resolvedDaysAgo: 60),
        ]
        let v = ResolutionVelocity.report(clusters, asOfMillis: asOf, periodDays: 28)
        XCTAssertEqual(v.overall.resolved, 4)
        XCTAssertEqual(v.overall.medianHours, 15)  // 5, 10, 20, 60
        XCTAssertEqual(v.overall.previousMedianHours, 45)
        XCTAssertEqual(v.overall.trend, .faster)
        let billing = v.byOwner.first { $0.group == "billing" }
        XCTAssertEqual(billing?.medianHours, 20)
        XCTAssertEqual(billing?.resolved, 3)
        XCTAssertEqual(billing?.previousResolved, 2)
        XCTAssertEqual(v.byOwner.first { $0.group == "platform" }?.trend, nil)
        XCTAssertEqual(v.byLocus.map(\.group), ["knowledge", "none", "retrieval"])
        XCTAssertEqual(v.byLocus.first?.medianHours, 15)
    }

    func testSparklinesScaleToTheBusiestDay() {
        XCTAssertEqual(Sparkline.render([0, 1, 4, 8]), " ▁▄█")
        XCTAssertEqual(Sparkline.render([0, 1, 4, 8], ascii: true), " .=@")
        XCTAssertEqual(Sparkline.render([0, 0]), "  ")
        XCTAssertTrue(Sparkline.localeIsUTF8(["LANG": "en_US.UTF-8"]))
        XCTAssertFalse(Sparkline.localeIsUTF8(["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
    }

    // MARK: Traffic

    /// Slices of steady traffic at rates from a fraction of an event to 60 a day, each day Poisson.
    func steadySlices(_ rng: inout SplitMix64) -> [SliceSeries] {
        var series: [SliceSeries] = []
        let rates: [Double] = [0.2, 0.5, 1, 2, 3, 5, 8, 13, 21, 34, 60]
        for (i, signal) in Signal.allCases.enumerated() {
            let rate = rates[i % rates.count] * 3
            series.append(SliceSeries(slice: InsightSlice(.signal, signal.rawValue), daily: (0..<35).map { _ in poisson(rate, &rng) }))
        }
        for i in 0..<60 {
            let rate = rates[i % rates.count]
            series.append(SliceSeries(slice: InsightSlice(.intent, "intent.\(i)"), daily: (0..<35).map { _ in poisson(rate, &rng) }))
        }
        return series
    }

    /// Knuth's method; fine for the small rates here.
    func poisson(_ rate: Double, _ rng: inout SplitMix64) -> Int {
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
