import WinnowCore
import WinnowStore

/// The scoring screen: the reviewer's assignments in the round, the sheet of what is judged on
/// the current one (each field's score, and for the field under the cursor its description,
/// levels with their keys and anchors, and its checks), and the item's evidence beside or below.
/// Everything from the item, the rubric and the rationales goes through `SafeText`.
enum ScoringView {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ scoring: ScoringState) {
        let layout = state.layout
        drawHeader(&grid, state, scoring)
        let body = Layout.Rect(row: 1, column: 0, width: state.width, height: layout.bodyHeight)
        let sheetRect: Layout.Rect
        let evidenceRect: Layout.Rect
        if layout.sideBySide {
            sheetRect = Layout.Rect(row: body.row, column: 0, width: layout.list.width, height: body.height)
            evidenceRect = layout.detail
            for y in body.row..<(body.row + body.height) { grid.put("│", row: y, column: sheetRect.width, role: .border) }
        } else {
            // The sheet first, as far as it goes; the evidence keeps a few rows to scroll in.
            let sheet = sheetLines(state, scoring, width: body.width - 2, wide: false)
            let height = min(sheet.count, max(4, body.height - 7))
            sheetRect = Layout.Rect(row: body.row, column: 0, width: body.width, height: height)
            evidenceRect = Layout.Rect(row: body.row + height + 1, column: 0, width: body.width, height: max(0, body.height - height - 1))
            let scrollKeys = [CommandID.pageDown, .pageUp].compactMap { state.keymap.keys(for: $0).first?.label }.joined(separator: "/")
            grid.put(String(repeating: "─", count: body.width), row: body.row + height, column: 0, role: .border)
            grid.put(" the item (\(scrollKeys) scrolls) ", row: body.row + height, column: 3, role: .border)
        }
        let lines = sheetLines(state, scoring, width: sheetRect.width - 2, wide: layout.sideBySide)
        for (i, line) in lines.prefix(sheetRect.height).enumerated() {
            var c = sheetRect.column + 1
            for segment in line.segments {
                c = grid.put(segment.text, row: sheetRect.row + i, column: c, role: segment.role, limit: sheetRect.column + sheetRect.width - 1 - c)
            }
        }
        if let cursorLine = lines.firstIndex(where: { $0.segments.first?.text == "▶ " }), cursorLine < sheetRect.height {
            grid.cursor = (sheetRect.row + cursorLine, sheetRect.column + 1)
        }
        drawEvidence(&grid, state, scoring, evidenceRect)
    }

    static func drawHeader(_ grid: inout CellGrid, _ state: AppState, _ scoring: ScoringState) {
        grid.fill(row: 0, role: .header)
        var c = grid.put(" Winnow ", row: 0, column: 0, role: .headerTitle)
        let sheet = scoring.sheet
        let open = sheet.assignments.filter(\.isOpen).count
        var text = " Round " + SafeText.line(sheet.round)
        if let rubric = sheet.rubric { text += " · rubric " + SafeText.line(rubric) + (sheet.rubricVersion.map { " " + $0 } ?? "") }
        text += "  ·  \(open) of your \(sheet.assignments.count) open"
        c = grid.put(text, row: 0, column: c, role: .header)
        let right = "blind until complete "
        if c + DisplayWidth.of(right) + 2 < grid.width {
            grid.put(right, row: 0, column: grid.width - DisplayWidth.of(right), role: .header)
        }
    }

    /// The assignment's state as a word and a glyph, so it never rests on colour.
    static func stateText(_ assignment: AssignmentRow) -> String {
        if assignment.roundClosed && assignment.isOpen { return "✗ round closed" }
        switch assignment.state {
        case "submitted": return assignment.itemComplete ? "✓ complete" : "✓ submitted"
        case "skipped": return "⊘ skipped"
        default: return "○ open"
        }
    }

    static func sheetLines(_ state: AppState, _ scoring: ScoringState, width: Int, wide: Bool) -> [StyledLine] {
        var out: [StyledLine] = []
        let sheet = scoring.sheet
        let keys = state.keymap.keys(for: .scoreLevel)
        // The assignment queue: a list around the current one when wide, one line when not.
        if wide {
            out.append(StyledLine([(TextLayout.fit("  #    ITEM      STATE", to: width), .listHeader)]))
            let rows = min(sheet.assignments.count, 8)
            let first = max(0, min(scoring.current - rows / 2, sheet.assignments.count - rows))
            for index in first..<(first + rows) {
                let assignment = sheet.assignments[index]
                let selected = index == scoring.current
                let text = (selected ? "▸ " : "  ") + TextLayout.padLeft("\(index + 1)", to: 3) + "  " + TextLayout.fit("#\(assignment.itemID)", to: 8)
                    + "  " + stateText(assignment)
                    + (assignment.skipReason.map { ": " + SafeText.line($0) } ?? "")
                out.append(StyledLine([(TextLayout.fit(text, to: width), selected ? .listSelected : assignment.isOpen ? .listRow : .listClosed)]))
            }
        } else if let assignment = scoring.assignment {
            let next = [CommandID.scoreNextItem, .scorePrevItem].compactMap { state.keymap.keys(for: $0).first?.label }.joined(separator: "/")
            out.append(StyledLine([("Item \(scoring.current + 1) of \(sheet.assignments.count) · ", .detailLabel),
                                   ("#\(assignment.itemID) " + stateText(assignment), assignment.isOpen ? .statusOpen : .statusClosed),
                                   ("  · \(next) other items", .detailDim)]))
        }
        guard let assignment = scoring.assignment else { return out }
        // Narrow, the sheet is compact (no blank lines, headings only where needed), so that the
        // field under the cursor and its levels fit above the evidence at 80×24.
        if wide { out.append(StyledLine([])) }
        let editable = scoring.isEditable
        let values = editable ? scoring.values : assignment.values
        let heading = scoring.revising ? "REVISING YOUR SCORES" : editable ? "YOUR SCORES" : "YOUR SCORES (\(stateText(assignment)))"
        if wide || !editable || scoring.revising || scoring.sending {
            out.append(StyledLine([(heading, .detailHeading), (scoring.sending ? "  sending…" : "", .detailDim)]))
        }
        let nameWidth = min(22, max(8, scoring.judged.map { DisplayWidth.of($0.name) }.max() ?? 8))
        let valueWidth = min(12, max(5, scoring.judged.compactMap { sheet.fields[$0]?.levels.map { DisplayWidth.of($0.value) }.max() }.max() ?? 5))
        for (index, field) in scoring.judged.enumerated() {
            let underCursor = editable && index == scoring.fieldCursor
            let value = values[field]
            let anchor = value.flatMap { v in sheet.fields[field]?.levels.first { $0.value == v }?.anchor }
            let why = scoring.rationales[field] != nil ? " ✎" : ""
            out.append(StyledLine([(underCursor ? "▶ " : "  ", underCursor ? .listSelected : .detailText),
                                   (TextLayout.fit(SafeText.line(field.name), to: nameWidth) + "  ", underCursor ? .listSelected : .detailLabel),
                                   (TextLayout.fit(value.map(SafeText.line) ?? "—", to: valueWidth), value == nil ? .detailDim : .detailText),
                                   (why + (anchor.map { "  " + SafeText.line($0) } ?? ""), .detailDim)]))
        }
        if let why = scoring.itemRationale {
            out.append(StyledLine([("  item rationale: ", .detailLabel), (SafeText.line(why), .detailText)]))
        }
        // Everyone's judgments in this round, through the store's blind rule.
        let others = (scoring.item?.judgments ?? []).filter { $0.reviewer != state.reviewer }
        let reviewers = others.map(\.reviewer).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !reviewers.isEmpty {
            if wide { out.append(StyledLine([("OTHER REVIEWERS", .detailHeading)])) }
            for reviewer in reviewers {
                let theirs = others.filter { $0.reviewer == reviewer }
                let text = theirs.allSatisfy(\.isHidden) ? JudgmentVisibility.hiddenText
                    : theirs.map { ($0.judgedField?.name ?? $0.field) + " " + $0.shownValue }.joined(separator: " · ")
                out.append(StyledLine([("  " + SafeText.line(reviewer) + ": ", .detailLabel), (SafeText.line(text), .detailText)]))
            }
        }
        // The field under the cursor, in full: what it means, its levels with their keys, its checks.
        if editable, let field = scoring.currentField, let definition = sheet.fields[field] {
            let title = SafeText.line(field.name).uppercased()
            if wide {
                out.append(StyledLine([]))
                out.append(StyledLine([(title, .detailHeading)]))
                for line in TextLayout.wrap([SafeText.line(definition.description ?? "")], width: width - 2).prefix(4) {
                    out.append(StyledLine([("  " + line, .detailText)]))
                }
            } else {
                out.append(StyledLine([(title, .detailHeading),
                                       (TextLayout.truncate("  " + SafeText.line(definition.description ?? ""), to: max(0, width - DisplayWidth.of(title))), .detailText)]))
            }
            for (i, level) in definition.levels.enumerated() {
                let key = i < keys.count ? keys[i].label : "·"
                let chosen = values[field] == level.value
                // An ordinal level is its own key: the value is said once.
                let value = level.value == key ? "" : " " + SafeText.line(level.value)
                let text = (chosen ? "▸" : " ") + TextLayout.padLeft(key, to: 2) + value + (level.anchor.map { "  " + SafeText.line($0) } ?? "")
                out.append(StyledLine([(TextLayout.truncate(text, to: width), chosen ? .listSelected : .detailText)]))
            }
            if !definition.checks.isEmpty, wide {
                out.append(StyledLine([("  checks", .detailLabel)]))
                for check in definition.checks {
                    out.append(StyledLine([(TextLayout.truncate("   ☐ " + SafeText.line(check), to: width), .detailDim)]))
                }
            } else if !definition.checks.isEmpty {
                let checks = definition.checks.map { "☐ " + SafeText.line($0) }.joined(separator: "  ")
                out.append(StyledLine([(TextLayout.truncate("   " + checks, to: width), .detailDim)]))
            }
            if let why = scoring.rationales[field] {
                out.append(StyledLine([("  why: ", .detailLabel), (SafeText.line(why), .detailText)]))
            }
        }
        return out
    }

    static func drawEvidence(_ grid: inout CellGrid, _ state: AppState, _ scoring: ScoringState, _ rect: Layout.Rect) {
        guard rect.height > 0, rect.width > 2 else { return }
        let left = rect.column + 1
        let width = rect.width - 2
        guard let detail = scoring.item?.detail else {
            grid.put("  Loading…", row: rect.row, column: left, role: .detailDim, limit: width)
            return
        }
        let lines = DetailLines.build(detail, width: width, now: state.now)
        let scroll = min(scoring.evidenceScroll, max(0, lines.count - rect.height))
        for i in 0..<rect.height {
            let index = scroll + i
            guard index < lines.count else { break }
            var c = left
            for segment in lines[index].segments {
                c = grid.put(segment.text, row: rect.row + i, column: c, role: segment.role, limit: left + width - c, highlightPlaceholders: true)
            }
        }
        if lines.count > rect.height, state.layout.sideBySide {
            let indicator = " \(scroll + 1)–\(min(lines.count, scroll + rect.height))/\(lines.count) "
            grid.put(indicator, row: rect.row + rect.height - 1, column: rect.column + rect.width - DisplayWidth.of(indicator) - 1, role: .detailDim)
        }
    }
}
