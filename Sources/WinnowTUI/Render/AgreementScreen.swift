import Foundation
import WinnowCore

/// The agreement view, drawn over the queue: one row per field with its figures, and under the
/// table the selected field's details: why each undefined figure ("—") is undefined, α's
/// interval, the pairs of reviewers, and each reviewer against the outcome.
enum AgreementScreen {
    /// The table's columns after the field: heading and width.
    static let columns: [(heading: String, width: Int)] = [
        ("ITEMS", 6), ("JUDG", 5), ("%AGREE", 7), ("κ", 7), ("wκ", 7), ("FLEISS", 7), ("α", 7), ("AC1", 7),
    ]
    /// Which figure fills each column after ITEMS and JUDG, by its column name.
    static let figureColumns = ["%agree", "κ", "wκ", "Fleiss", "α", "AC1"]

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ view: AgreementView) {
        let top = 1
        let height = max(3, grid.height - 3)
        let width = grid.width
        let scope = view.round.map { "round " + SafeText.line($0) } ?? "every round"
        let close = state.keymap.keys(for: .agreementClose).first?.label ?? ":agreement_close"
        Overlay.box(&grid, top: top, left: 0, width: width, height: height,
                    title: "Agreement — \(scope) · complete items only · \(close) closes")
        let inner = width - 4
        var lines: [(String, StyleRole)] = []
        if view.loading {
            lines.append(("Computing the figures in the background…", .overlay))
        } else if let error = view.error {
            lines.append((error, .messageError))
        } else if view.fields.isEmpty {
            lines.append(("No complete round items yet: agreement counts only items every reviewer has judged (or closed rounds).", .overlay))
        } else {
            lines.append((header(inner), .overlayTitle))
            for (i, field) in view.fields.enumerated() {
                lines.append((row(field, selected: i == view.selected, width: inner), i == view.selected ? .overlaySelected : .overlay))
            }
            lines.append(("", .overlay))
            for piece in details(view.fields[view.selected]) {
                for wrapped in TextLayout.wrap([piece.text], width: max(10, inner)) { lines.append((wrapped, piece.role)) }
            }
        }
        let rows = height - 2
        let selectedLine = view.loading || view.fields.isEmpty ? 0 : view.selected + 1
        let first = max(0, selectedLine - rows + 1)
        for i in 0..<rows where first + i < lines.count {
            let (text, role) = lines[first + i]
            if role == .overlaySelected { grid.fill(row: top + 1 + i, column: 1, width: width - 2, role: role) }
            grid.put(" " + text, row: top + 1 + i, column: 1, role: role, limit: width - 2)
        }
        grid.cursor = (top + 1 + max(0, selectedLine - first), 1)
    }

    /// The field names' column: what the figures leave, but no wider than a long dimension name
    /// needs, so on a wide terminal the figures stay beside their names instead of at the far edge.
    static func fieldWidth(_ width: Int) -> Int {
        min(40, max(10, width - 2 - columns.reduce(0) { $0 + $1.width }))
    }

    static func header(_ width: Int) -> String {
        "  " + TextLayout.fit("FIELD", to: fieldWidth(width)) + columns.map { TextLayout.padLeft($0.heading, to: $0.width) }.joined()
    }

    static func row(_ field: AgreementFigures, selected: Bool, width: Int) -> String {
        var text = (selected ? "▶ " : "  ") + TextLayout.fit(SafeText.line(field.field), to: fieldWidth(width))
        text += TextLayout.padLeft(NumberFormat.grouped(field.items), to: 6) + TextLayout.padLeft(NumberFormat.grouped(field.judgments), to: 5)
        for (name, column) in zip(figureColumns, columns.dropFirst(2)) {
            let figure = field.figures.first { $0.column == name }
            let shown: String
            if let value = figure?.value {
                shown = name == "%agree" ? String(format: "%.1f%%", value * 100) : String(format: "%.3f", value)
            } else {
                shown = "—"
            }
            text += TextLayout.padLeft(shown, to: column.width)
        }
        return text
    }

    /// The selected field's details, each a paragraph.
    static func details(_ field: AgreementFigures) -> [(text: String, role: StyleRole)] {
        var out: [(String, StyleRole)] = [("\(SafeText.line(field.field)): \(field.level) scale, \(field.items) items, \(field.judgments) judgments", .overlayTitle)]
        if let interval = field.alphaInterval {
            out.append((String(format: "Krippendorff's α 95%% bootstrap interval: %.3f to %.3f", interval.lower, interval.upper), .overlay))
        } else if let reason = field.alphaIntervalReason {
            out.append(("α has no interval: " + reason, .overlay))
        }
        // Figures off the table (the quadratic weighting), then why each "—" is undefined.
        for figure in field.figures where figure.column.isEmpty {
            if let value = figure.value { out.append((figure.name + String(format: ": %.3f", value), .overlay)) }
        }
        for figure in field.figures where figure.value == nil {
            out.append(("— " + SafeText.line(figure.reason ?? "\(figure.name): undefined"), .overlay))
        }
        if !field.pairs.isEmpty {
            let pairs = field.pairs.map { pair in
                SafeText.line(pair.raters) + " " + (pair.value.map { String(format: "%.3f", $0) } ?? "— (\(SafeText.line(pair.reason ?? "undefined")))")
                    + " on \(pair.units)"
            }
            out.append(("Pairwise Cohen's κ: " + pairs.joined(separator: " · "), .overlay))
        }
        if !field.reviewers.isEmpty {
            let reviewers = field.reviewers.map { reviewer in
                SafeText.line(reviewer.name) + " " + (reviewer.shareEqual.map { String(format: "%.0f%%", $0 * 100) } ?? "—")
                    + " of \(reviewer.compared)" + (reviewer.lean.map { ", " + $0 } ?? "")
            }
            out.append(("Each reviewer against the outcome (equal, lean): " + reviewers.joined(separator: " · "), .overlay))
        }
        return out
    }
}
