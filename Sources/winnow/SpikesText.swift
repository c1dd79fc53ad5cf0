import Foundation
import WinnowCore
import WinnowStore

/// `winnow spikes` as text: the flags first (what a lead acts on), then the guardrails, the daily
/// signal counts as sparklines, and improvement velocity. Event values (intents, versions, owners)
/// are untrusted; `Terminal.out` makes every line safe.
enum SpikesText {
    static func text(_ r: InsightsReport, workspaceName: String, ascii: Bool) -> String {
        let p = r.parameters
        func date(_ ms: Int64) -> String { String(RFC3339.format(millis: ms).prefix(10)) }
        let why = switch r.asOfSource {
        case .given: ""
        case .now: " (now)"
        case .newestEvent: " (the end of the newest event's day: nothing arrived in the window before now; --as-of picks another time)"
        }
        var out = "Spikes in \(workspaceName)  as of \(RFC3339.format(millis: r.asOfMillis))\(why)\n"
        out += "window \(p.windowDays) day\(p.windowDays == 1 ? "" : "s") (\(date(r.windowStartMillis)) → \(date(r.asOfMillis - 1)))"
            + " against the \(p.baselineDays) days before"
            + (p.baselineDays < r.configuredBaselineDays ? " (all the history there is; baseline_days is \(r.configuredBaselineDays))" : "")
            + "; a flag: binomial p ≤ \(p.maxPValue), ≥ \(p.minCount) events, ≥ ×\(SpikeFlag.ratioText(p.minRatio))\n"
        out += "\nflags\n"
        if p.baselineDays == 0 {
            out += "  none: no events before the window to compare it with\n"
        } else if r.flags.isEmpty {
            out += "  none: nothing rose against its baseline\n"
        }
        for flag in r.flags {
            out += "  ▲ \(flag.summary)\n"
            var detail = "\(NumberFormat.grouped(flag.recentCount)) in the window, \(NumberFormat.grouped(flag.baselineCount)) in the baseline"
                + " · p " + pValueText(flag.pValue) + " · rising from \(date(flag.riseStartMillis))"
            if !flag.includes.isEmpty { detail += " · includes " + flag.includes.joined(separator: ", ") }
            out += "      \(detail)\n"
            out += "      filter: \(flag.slice.filter.canonicalText)\n"
        }
        out += "\nguardrails (±\(SpikeFlag.ratioText(p.guardrailSigma))σ of the baseline's daily means)\n"
        for g in r.guardrails {
            out += "  " + (g.drifted ? "DRIFT " : g.zScore == nil ? "—     " : "ok    ") + g.summary + "\n"
        }
        if let sample = r.responseLengthSamplePerDay {
            out += "  (response length from a sample of about \(sample) events a day)\n"
        }
        let first = r.dayStartMillis.first.map(date) ?? "", last = r.dayStartMillis.last.map(date) ?? ""
        out += "\ndaily counts per signal, \(first) → \(last) (│ marks the window)\n"
        let width = r.signals.map(\.signal.count).max() ?? 0
        for s in r.signals {
            let line = Sparkline.render(s.daily, ascii: ascii)
            let split = line.index(line.startIndex, offsetBy: max(0, line.count - p.windowDays))
            out += "  " + s.signal.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + line[..<split] + (ascii ? "|" : "│") + line[split...]
                + "  " + NumberFormat.grouped(s.daily.suffix(p.windowDays).reduce(0, +)) + " in the window\n"
        }
        out += velocityText(r.velocity)
        return out
    }

    static func velocityText(_ v: VelocityReport) -> String {
        var out = "\nimprovement velocity: median time from a cluster's first event to its resolution,"
            + " resolved in the last \(v.periodDays) days (the \(v.periodDays) before)\n"
        func row(_ r: VelocityRow, width: Int) -> String {
            let now = r.medianHours.map(hours) ?? "—"
            let before = r.previousMedianHours.map(hours) ?? "—"
            return "  " + r.group.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  \(now) (\(r.resolved))  was \(before) (\(r.previousResolved))"
                + (r.trend.map { "  \($0.rawValue)" } ?? "") + "\n"
        }
        let width = max(12, (v.byOwner + v.byLocus).map(\.group.count).max() ?? 0)
        out += row(v.overall, width: width)
        if v.overall.resolved + v.overall.previousResolved == 0 { return out }
        out += " by owner\n" + v.byOwner.map { row($0, width: width) }.joined()
        out += " by locus\n" + v.byLocus.map { row($0, width: width) }.joined()
        return out
    }

    static func hours(_ h: Double) -> String {
        h >= 48 ? String(format: "%.1f d", h / 24) : String(format: "%.1f h", h)
    }

    static func pValueText(_ p: Double) -> String {
        p < 0.0001 ? String(format: "%.0e", p) : String(format: "%.4f", p)
    }
}
