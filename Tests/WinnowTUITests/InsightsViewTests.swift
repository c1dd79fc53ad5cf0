import Foundation
import XCTest
import WinnowCore
@testable import WinnowStore
@testable import WinnowTUI

/// The insights view: its keys, the report read in the background, Enter opening a flag's items
/// through the filter language, and the screen at 80×24 and 200×60.
final class InsightsViewTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    let day: Int64 = 86_400_000

    func flag(_ slice: InsightSlice, ratio: Double?) -> SpikeFlag {
        SpikeFlag(slice: slice, recentCount: 42, baselineCount: 28, ratio: ratio, pValue: 1e-9, riseStartMillis: fixedNow - 5 * day,
                  since: [VersionChange(field: "prompt_version", value: "v14", firstSeenMillis: fixedNow - 5 * day)], includes: [])
    }

    func report(_ flags: [SpikeFlag]) -> InsightsReport {
        var p = SpikeParameters()
        p.windowDays = 2
        p.baselineDays = 3
        let empty = VelocityRow(group: "all", medianHours: nil, resolved: 0, previousMedianHours: nil, previousResolved: 0, trend: nil)
        return InsightsReport(asOfMillis: fixedNow, asOfSource: .now, parameters: p, configuredBaselineDays: 3, dayStartMillis: (0..<5).map { fixedNow - Int64(5 - $0) * day },
                              flags: flags, guardrails: [], signals: [.init(signal: "csat", daily: [1, 2, 3, 4, 5])],
                              velocity: VelocityReport(periodDays: 28, overall: empty, byOwner: [], byLocus: []),
                              responseLengthSamplePerDay: nil)
    }

    func testItsKeysMoveBetweenFlagsAndEnterOpensTheFlagsFilter() throws {
        var state = makeState(rows: [makeRow(1)])
        XCTAssertEqual(press(&state, "I"), [.computeInsights(asOf: nil)])
        XCTAssertEqual(state.keyContext, .insights)
        XCTAssertEqual(press(&state, "enter"), [], "nothing to open while the report is read")
        let refund = flag(InsightSlice(.intentSignal, "billing.refund", signal: "explicit_correction"), ratio: 6)
        _ = Reducer.reduce(&state, .insightsLoaded(asOf: nil, .success(report([flag(InsightSlice(.signal, "csat"), ratio: 2), refund]))))
        XCTAssertEqual(state.insights?.loading, false)
        _ = press(&state, "j", "j")
        XCTAssertEqual(state.insights?.selected, 1, "the last flag stays selected")
        XCTAssertEqual(state.cursor, 0, "the queue underneath does not move")
        let effects = press(&state, "enter")
        XCTAssertEqual(effects, [.reload(keepingItem: nil, position: 0)])
        XCTAssertNil(state.insights)
        XCTAssertEqual(state.filter.canonicalText, "intent:billing.refund signal:explicit_correction")
        XCTAssertEqual(state.keyContext, .list)
        XCTAssertTrue(state.message?.text.contains("billing.refund corrections ×6.0 since prompt_version v14") == true, state.message?.text ?? "")
    }

    func testCloseHelpQuitAndRemappedKeys() throws {
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, "I", "?")
        XCTAssertEqual(state.overlay, .help(scroll: 0, from: .insights))
        XCTAssertEqual(HelpOverlay.lines(state, from: .insights).first?.key, KeyContext.insights.title)
        _ = press(&state, "x")
        XCTAssertEqual(state.keyContext, .insights)
        _ = press(&state, "esc")
        XCTAssertNil(state.insights)

        state.keymap = try Keymap(overrides: ["insights": ["f8"], "insights_close": ["x"]])
        XCTAssertEqual(press(&state, "f8"), [.computeInsights(asOf: nil)])
        _ = press(&state, "q")
        XCTAssertNotNil(state.insights, "q no longer closes")
        _ = press(&state, "x")
        XCTAssertNil(state.insights)
        _ = press(&state, "f8", "Q")
        XCTAssertTrue(state.shouldQuit)
    }

    func testTheCommandLineTakesATimeAndAStaleReportIsDropped() {
        var state = makeState(rows: [makeRow(1)])
        let asOf = RFC3339.parseMillis("2026-10-29T00:00:00Z")!
        XCTAssertEqual(Reducer.reduce(&state, .command(.insights, argument: "2026-10-29")), [.computeInsights(asOf: asOf)])
        _ = Reducer.reduce(&state, .insightsLoaded(asOf: nil, .success(report([]))))
        XCTAssertEqual(state.insights?.loading, true, "a report as of another time is not this view's")
        _ = Reducer.reduce(&state, .insightsLoaded(asOf: asOf, .failure(InsightsViewError("disk I/O error"))))
        XCTAssertEqual(state.insights?.error, "disk I/O error")
        state.insights = nil
        XCTAssertEqual(Reducer.reduce(&state, .command(.insights, argument: "last tuesday")), [])
        XCTAssertNil(state.insights)
        XCTAssertEqual(state.message?.isError, true)
    }

    // MARK: The real store and the screen

    /// 35 days before `fixedNow`: one billing.refund correction a day, six a day in the last week
    /// (from prompt v14), two thumbs-down a day on exports.csv, and a CSAT score a day.
    func workspace() throws -> FixtureWorkspace {
        var lines: [String] = []
        for d in 0..<35 {
            let dayStart = fixedNow - Int64(35 - d) * day
            let inWindow = d >= 28
            func add(_ signal: String, _ intent: String, _ n: Int, extra: String = "") {
                for k in 0..<n {
                    let ts = RFC3339.format(millis: dayStart + Int64(k + 1) * 1_800_000)
                    lines.append(#"{"id":"e\#(lines.count)","ts":"\#(ts)","signal":"\#(signal)","prompt":"p \#(lines.count)","response":"an answer","intent":"\#(intent)","prompt_version":"\#(inWindow ? "v14" : "v13")"\#(extra)}"#)
                }
            }
            add("explicit_correction", "billing.refund", inWindow ? 6 : 1)
            add("thumbs_down", "exports.csv", 2)
            add("csat", "billing.invoice", 1, extra: #","csat":\#(3 + d % 3)"#)
        }
        return try FixtureWorkspace(lines: lines)
    }

    func testTheReportIsReadInTheBackgroundFromTheStore() throws {
        let ws = try workspace()
        let runtime = ws.runtime(width: 100, height: 30)
        runtime.dispatch(.key(Key("I")))
        XCTAssertEqual(runtime.state.insights?.loading, true)
        runtime.settle()
        let report = try XCTUnwrap(runtime.state.insights?.report)
        XCTAssertEqual(report, try ws.store.insights(now: fixedNow), "the view shows what `winnow spikes` reports")
        XCTAssertEqual(report.flags.first?.summary, "billing.refund corrections ×6.0 since prompt_version v14 (\(RFC3339.format(millis: fixedNow - 7 * day).prefix(10)))")
    }

    func testTheInsightsViewAt80x24() throws {
        let ws = try workspace()
        let runtime = ws.runtime(width: 80, height: 24)
        press(runtime, "I")
        assertSnapshot(screenText(runtime.frame()), named: "insights-80x24")
    }

    func testScrollingShowsVelocityUnderTheFlagsAt80x24() throws {
        let ws = try workspace()
        let runtime = ws.runtime(width: 80, height: 24)
        press(runtime, "I")
        XCTAssertFalse(screenText(runtime.frame()).contains("VELOCITY"), "below the box at first")
        press(runtime, "ctrl-d")
        let scrolled = screenText(runtime.frame())
        XCTAssertTrue(scrolled.contains("VELOCITY"), scrolled)
        XCTAssertTrue(scrolled.contains("GUARDRAILS"), scrolled)
        press(runtime, "ctrl-d", "ctrl-d")
        XCTAssertEqual(screenText(runtime.frame()), scrolled, "the end of the report stays at the bottom")
        press(runtime, "ctrl-u", "ctrl-u", "ctrl-u")
        XCTAssertTrue(screenText(runtime.frame()).contains("▶ ▲ billing.refund corrections"))
        press(runtime, "ctrl-d", "k")
        XCTAssertEqual(runtime.state.insights?.scroll, 0, "moving between flags brings the selection back")
    }

    func testTheInsightsViewAt200x60() throws {
        let ws = try workspace()
        let runtime = ws.runtime(width: 200, height: 60)
        press(runtime, "I")
        assertSnapshot(screenText(runtime.frame()), named: "insights-200x60")
    }
}
