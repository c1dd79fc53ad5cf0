import Foundation
import WinnowCore
import WinnowStore

/// The insights view, drawn over the queue: the flags first (what a lead acts on; the selected one
/// with its counts, test and filter), the daily counts per signal as sparklines with the window
/// marked, the guardrails, and improvement velocity. A flag is marked ▲ and a drifted guardrail
/// DRIFT, so no meaning rests on colour.
enum InsightsScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ view: InsightsView) {
        let top = 1
        let height = max(3, grid.height - 3)
        let width = grid.width
        let close = state.keymap.keys(for: .insightsClose).first?.label ?? ":insights_close"
        var title = "Insights"
        if let report = view.report {
            let p = report.parameters
            title += " — as of \(date(report.asOfMillis))" + (report.asOfSource == .newestEvent ? " (newest event's day)" : "")
                + " · last \(p.windowDays) d against the \(p.baselineDays) d before"
                + (p.baselineDays < report.configuredBaselineDays ? " (all there is)" : "")
        }
        Overlay.box(&grid, top: top, left: 0, width: width, height: height, title: title + " · \(close) closes")
        let inner = max(10, width - 4)
        let (lines, selectedLine) = self.lines(view, width: inner)
        let rows = height - 2
        // The selected flag (and its detail) in view, or further down as far as scrolled.
        let first = min(max(0, lines.count - rows), max(selectedLine - rows + 2, view.scroll, 0))
        for i in 0..<rows where first + i < lines.count {
            let (text, role) = lines[first + i]
            if role == .overlaySelected { grid.fill(row: top + 1 + i, column: 1, width: width - 2, role: role) }
            grid.put(" " + text, row: top + 1 + i, column: 1, role: role, limit: width - 2)
        }
        grid.cursor = (top + 1 + min(max(0, selectedLine - first), rows - 1), 1)
    }

    /// The view's lines and the one the cursor is on (the selected flag's).
    static func lines(_ view: InsightsView, width: Int) -> ([(String, StyleRole)], Int) {
        var lines: [(String, StyleRole)] = []
        if view.loading { return ([("Reading the insights in the background…", .overlay)], 0) }
        if let error = view.error { return ([(SafeText.line(error), .messageError)], 0) }
        guard let report = view.report else { return ([], 0) }
        let p = report.parameters
        lines.append(("FLAGS  a rise in the last \(p.windowDays) days: binomial p ≤ \(p.maxPValue), ≥ \(p.minCount) events, ≥ ×\(SpikeFlag.ratioText(p.minRatio))", .overlayTitle))
        var selectedLine = 0
        if report.flags.isEmpty {
            lines.append((p.baselineDays == 0 ? "  none: no events before the window to compare it with"
                          : "  none: nothing rose against its baseline", .overlay))
        }
        for (i, flag) in report.flags.enumerated() {
            let selected = i == view.selected
            if selected { selectedLine = lines.count }
            lines.append((TextLayout.truncate((selected ? "▶ ▲ " : "  ▲ ") + SafeText.line(flag.summary), to: width),
                          selected ? .overlaySelected : .overlay))
            if selected {
                var detail = "\(NumberFormat.grouped(flag.recentCount)) in the window, \(NumberFormat.grouped(flag.baselineCount)) before"
                    + " · p \(pValueText(flag.pValue)) · rising from \(date(flag.riseStartMillis))"
                if !flag.includes.isEmpty { detail += " · includes " + flag.includes.map(SafeText.line).joined(separator: ", ") }
                for wrapped in TextLayout.wrap(detail, width: width - 6, hangingIndent: 0) { lines.append(("      " + wrapped, .overlay)) }
                lines.append(("      Enter: " + TextLayout.truncate(SafeText.line(flag.slice.filter.canonicalText), to: width - 13), .overlay))
            }
        }
        lines.append(("", .overlay))
        let days = report.dayStartMillis
        lines.append(("DAILY SIGNALS  \(days.first.map(date) ?? "") → \(days.last.map(date) ?? "")  (│ starts the window; count in it)", .overlayTitle))
        let nameWidth = report.signals.map(\.signal.count).max() ?? 0
        for series in report.signals {
            let spark = Sparkline.render(series.daily)
            let split = spark.index(spark.startIndex, offsetBy: max(0, spark.count - p.windowDays))
            let inWindow = series.daily.suffix(p.windowDays).reduce(0, +)
            lines.append(("  " + TextLayout.fit(series.signal, to: nameWidth) + "  " + spark[..<split] + "│" + spark[split...]
                          + "  " + NumberFormat.grouped(inWindow), .overlay))
        }
        lines.append(("", .overlay))
        lines.append(("GUARDRAILS  ±\(SpikeFlag.ratioText(p.guardrailSigma))σ of the baseline's daily means", .overlayTitle))
        for g in report.guardrails {
            lines.append((TextLayout.truncate("  " + (g.drifted ? "DRIFT " : g.zScore == nil ? "—     " : "ok    ") + g.summary, to: width), .overlay))
        }
        lines.append(("", .overlay))
        let v = report.velocity
        lines.append(("VELOCITY  median from a cluster's first event to resolved, last \(v.periodDays) d (the \(v.periodDays) d before)", .overlayTitle))
        lines.append((velocityLine(v.overall), .overlay))
        for row in v.byOwner { lines.append((velocityLine(row, prefix: "owner "), .overlay)) }
        for row in v.byLocus { lines.append((velocityLine(row, prefix: "locus "), .overlay)) }
        return (lines.map { (TextLayout.truncate($0.0, to: width), $0.1) }, selectedLine)
    }

    static func velocityLine(_ row: VelocityRow, prefix: String = "") -> String {
        func hours(_ h: Double?) -> String {
            guard let h else { return "—" }
            return h >= 48 ? String(format: "%.1f d", h / 24) : String(format: "%.1f h", h)
        }
        return "  \(prefix)\(SafeText.line(row.group))  \(hours(row.medianHours)) (\(row.resolved))  was \(hours(row.previousMedianHours)) (\(row.previousResolved))"
            + (row.trend.map { "  " + $0.rawValue } ?? "")
    }

    static func date(_ ms: Int64) -> String { String(RFC3339.format(millis: ms).prefix(10)) }

    static func pValueText(_ p: Double) -> String {
        p < 0.0001 ? String(format: "%.0e", p) : String(format: "%.4f", p)
    }
}
