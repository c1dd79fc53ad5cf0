import WinnowCore
import WinnowStore

/// Draws an `AppState` into a `CellGrid`. The output depends only on the state; the detail's
/// wrapped lines are cached per item and width because megabyte texts are costly to wrap.
public final class Presenter {
    private var cachedDetail: (detail: ItemDetail, suggestions: DuplicateSuggestions?, width: Int, now: Int64, lines: [StyledLine])?

    public init() {}

    public func render(_ state: AppState) -> CellGrid {
        var grid = CellGrid(width: state.width, height: state.height)
        let layout = state.layout
        if layout.isTooSmall {
            drawTooSmall(&grid, state)
            return grid
        }
        if let scoring = state.scoring {
            ScoringView.draw(&grid, state, scoring)
        } else if let rounds = state.rounds {
            RoundsView.draw(&grid, state, rounds)
        } else if let dedupe = state.dedupe {
            DedupeScreen.draw(&grid, state, dedupe)
        } else {
            drawHeader(&grid, state)
            drawList(&grid, state, layout.list)
            drawSeparator(&grid, layout)
            drawDetail(&grid, state, layout.detail)
        }
        drawHints(&grid, state, row: layout.hintRow)
        drawStatus(&grid, state, row: layout.statusRow)
        if let editing = state.editing { EditorView.draw(&grid, state, editing) }
        if let input = state.input { drawInput(&grid, state, input, row: layout.hintRow) }
        switch state.overlay {
        case .help(let scroll, let from)?: HelpOverlay.draw(&grid, state, scroll: scroll, from: from)
        case .viewPicker(let selected)?: drawViewPicker(&grid, state, selected: selected)
        case .history(let itemID, let scroll)?: drawHistory(&grid, state, itemID: itemID, scroll: scroll)
        case .picker(let picker)?: PickerOverlay.draw(&grid, picker, keymap: state.keymap)
        case nil: break
        }
        if let agreement = state.agreement, state.overlay == nil { AgreementScreen.draw(&grid, state, agreement) }
        if let insights = state.insights, state.overlay == nil { InsightsScreen.draw(&grid, state, insights) }
        return grid
    }

    func drawTooSmall(_ grid: inout CellGrid, _ state: AppState) {
        let lines = ["Winnow needs at least \(Layout.minimumWidth)×\(Layout.minimumHeight);",
                     "this terminal is \(state.width)×\(state.height).", "Enlarge it, or press Q to quit."]
        for (i, line) in lines.enumerated() where i < grid.height {
            grid.put(TextLayout.truncate(line, to: grid.width), row: i, column: 0, role: .messageError)
        }
    }

    func drawHeader(_ grid: inout CellGrid, _ state: AppState) {
        grid.fill(row: 0, role: .header)
        var c = grid.put(" Winnow ", row: 0, column: 0, role: .headerTitle)
        c = grid.put(" " + SafeText.line(state.workspaceName), row: 0, column: c, role: .header, limit: max(10, state.width / 3))
        let counts = !state.loaded ? "  loading…"
            : state.pagePending ? "  searching…"
            : state.countPending ? "  \(NumberFormat.grouped(state.total))+ items · counting…"
            : "  \(NumberFormat.grouped(state.total)) items · \(NumberFormat.grouped(state.openCount)) open"
        c = grid.put(counts, row: 0, column: c, role: .header)
        let right = "order: \(state.sort.rawValue) "
        if c + DisplayWidth.of(right) + 2 < grid.width {
            grid.put(right, row: 0, column: grid.width - DisplayWidth.of(right), role: .header)
        }
    }

    // MARK: List

    func drawList(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect) {
        let cols = ListColumns.layout(width: rect.width, rows: visibleRows(state, rect), now: state.now)
        var header = "  " + TextLayout.fit("SEV", to: cols.severity) + " " + TextLayout.fit("SIGNAL", to: cols.signal) + " "
            + TextLayout.padLeft("AGE", to: cols.age) + " " + TextLayout.fit("STATUS", to: cols.status)
        if cols.owner > 0 { header += " " + TextLayout.fit("OWNER", to: cols.owner) }
        if cols.cluster > 0 { header += " " + TextLayout.padLeft("×", to: cols.cluster) }
        if cols.claim > 0 { header += " " + TextLayout.fit("CLAIM", to: cols.claim) }
        if cols.intent > 0 { header += " " + TextLayout.fit("INTENT", to: cols.intent) }
        if cols.preview > 0 { header += " " + TextLayout.fit("PROMPT", to: cols.preview) }
        grid.fill(row: rect.row, column: rect.column, width: rect.width, role: .listHeader)
        grid.put(header, row: rect.row, column: rect.column, role: .listHeader, limit: rect.width)

        let visible = rect.height - 1
        guard state.loaded else {
            grid.put("  Loading the queue…", row: rect.row + 1, column: rect.column, role: .detailDim, limit: rect.width)
            return
        }
        guard state.total > 0 else {
            let lines = state.pagePending
                ? ["  Searching the queue…", "  " + SafeText.line(state.filterText), "  Esc clears the filter."]
                : state.filter.isEmpty
                ? ["  The queue is empty.", "  Import events: winnow import FILE.jsonl"]
                : ["  Nothing matches the filter:", "  " + SafeText.line(state.filterText), "  Esc clears it; \\ edits it."]
            for (i, line) in lines.enumerated() where i < visible {
                grid.put(line, row: rect.row + 1 + i, column: rect.column, role: .detailDim, limit: rect.width)
            }
            return
        }
        for screenRow in 0..<visible {
            let index = state.scrollTop + screenRow
            guard index < state.total else { break }
            let y = rect.row + 1 + screenRow
            let windowIndex = index - state.windowStart
            guard state.rows.indices.contains(windowIndex) else {
                grid.put("  …", row: y, column: rect.column, role: .detailDim, limit: rect.width)
                continue
            }
            drawRow(&grid, state, state.rows[windowIndex], cols: cols, y: y, rect: rect, selected: index == state.cursor,
                    inRange: Reducer.inPendingRange(index, state))
        }
        // The real cursor sits on the selected row, so screen readers and terminal magnifiers follow it.
        let cursorRow = rect.row + 1 + state.cursor - state.scrollTop
        if state.focus == .list, cursorRow > rect.row, cursorRow < rect.row + rect.height {
            grid.cursor = (cursorRow, rect.column)
        }
    }

    /// The rows the list shows now (a column empty on all of them yields its width).
    func visibleRows(_ state: AppState, _ rect: Layout.Rect) -> [QueueRow] {
        let first = max(0, state.scrollTop - state.windowStart)
        let last = min(state.rows.count, first + max(0, rect.height - 1))
        return first < last ? Array(state.rows[first..<last]) : []
    }

    func drawRow(_ grid: inout CellGrid, _ state: AppState, _ row: QueueRow, cols: ListColumns, y: Int, rect: Layout.Rect, selected: Bool,
                 inRange: Bool = false) {
        let marked = state.marked.contains(row.id)
        let base: StyleRole = selected ? .listSelected : marked ? .listMarked : row.isOpen ? .listRow : .listClosed
        grid.fill(row: y, column: rect.column, width: rect.width, role: base)
        func role(_ r: StyleRole) -> StyleRole { selected ? .listSelected : r }
        var c = rect.column
        let end = rect.column + rect.width
        c = grid.put(selected ? "▶" : " ", row: y, column: c, role: base)
        // Without a claim column, another reviewer's claim still shows, as "@" in the margin.
        let claimedByOther = cols.claim == 0 && row.activeClaim(now: state.now).map { $0 != state.reviewer } == true
        c = grid.put(marked ? "●" : inRange ? "┃" : claimedByOther ? "@" : row.openDisputes > 0 ? "≠" : " ", row: y, column: c,
                     role: role(marked || inRange ? .listMarked : .claim))
        let sev = Glyphs.severity(row.severity) + (row.severity ?? "--")
        c = grid.put(TextLayout.fit(sev, to: cols.severity) + " ", row: y, column: c, role: role(StyleRole.severity(row.severity)), limit: end - c)
        let signal = Glyphs.signal(row.signal) + " " + (Signal(rawValue: row.signal)?.shortLabel ?? row.signal)
        c = grid.put(TextLayout.fit(signal, to: cols.signal) + " ", row: y, column: c, role: role(StyleRole.signal(row.signal)), limit: end - c)
        c = grid.put(TextLayout.padLeft(Age.text(now: state.now, then: row.timestampMillis), to: cols.age) + " ", row: y, column: c, role: base, limit: end - c)
        let status = ItemStatus(rawValue: row.effectiveStatus)?.label ?? row.effectiveStatus
        c = grid.put(TextLayout.fit(status, to: cols.status), row: y, column: c, role: role(row.isOpen ? .statusOpen : .statusClosed), limit: end - c)
        if cols.owner > 0 {
            c = grid.put(" " + TextLayout.fit(SafeText.line(row.owner ?? "—"), to: cols.owner), row: y, column: c, role: base, limit: end - c)
        }
        if cols.cluster > 0 {
            c = grid.put(" " + TextLayout.padLeft(ListColumns.duplicateMarker(row), to: cols.cluster), row: y, column: c, role: base, limit: end - c)
        }
        if cols.claim > 0 {
            let claim = row.activeClaim(now: state.now).map { "@" + SafeText.line($0) } ?? ""
            c = grid.put(" " + TextLayout.fit(claim, to: cols.claim), row: y, column: c, role: role(.claim), limit: end - c)
        }
        if cols.intent > 0 {
            c = grid.put(" " + TextLayout.fit(SafeText.line(row.intent ?? "—"), to: cols.intent), row: y, column: c, role: base, limit: end - c)
        }
        if cols.preview > 0 {
            grid.putUntrusted(" " + row.preview, row: y, column: c, role: base, limit: end - c)
        }
    }

    func drawSeparator(_ grid: inout CellGrid, _ layout: Layout) {
        if layout.sideBySide {
            let x = layout.list.width
            for y in layout.list.row..<(layout.list.row + layout.list.height) { grid.put("│", row: y, column: x, role: .border) }
        } else {
            let y = layout.list.row + layout.list.height
            grid.put(String(repeating: "─", count: layout.width), row: y, column: 0, role: .border)
        }
    }

    // MARK: Detail

    func detailLines(_ state: AppState, width: Int) -> [StyledLine] {
        guard let detail = state.detail else { return [] }
        // Keyed on the whole detail: a label or correction changes what is drawn for the same item.
        let suggestions = state.suggestions?.itemID == detail.row.id ? state.suggestions : nil
        if let cached = cachedDetail, cached.width == width, cached.now / 60_000 == state.now / 60_000, cached.detail == detail,
           cached.suggestions == suggestions {
            return cached.lines
        }
        let suggestionLines = suggestions.map { SuggestionLines.build($0, detail, keymap: state.keymap, width: width, now: state.now) } ?? []
        let lines = DetailLines.build(detail, width: width, now: state.now, suggestions: suggestionLines)
        cachedDetail = (detail, suggestions, width, state.now, lines)
        return lines
    }

    func drawDetail(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        let left = rect.column + 1
        let width = rect.width - 2
        guard state.detail != nil, state.selectedRow != nil else {
            let text = state.total == 0 ? "" : "  Loading…"
            grid.put(text, row: rect.row, column: left, role: .detailDim, limit: width)
            return
        }
        // In the dispute queue the dispute comes first: it is what the adjudicator is there for.
        let lines = (state.disputeQueue.map { AdjudicationLines.build($0, state, width: width) } ?? []) + detailLines(state, width: width)
        let overflows = lines.count > rect.height
        // The scroll position has a row of its own, never over the text: the separator above the
        // detail when the panes are stacked, else the detail's last row.
        let indicatorRow = state.layout.sideBySide ? rect.row + rect.height - 1 : rect.row - 1
        let rows = overflows && state.layout.sideBySide ? rect.height - 1 : rect.height
        let maxScroll = max(0, lines.count - rows)
        let scroll = min(state.detailScroll, maxScroll)
        let terms = searchTerms(state)
        for i in 0..<rows {
            let index = scroll + i
            guard index < lines.count else { break }
            var c = left
            for segment in lines[index].segments {
                c = grid.put(segment.text, row: rect.row + i, column: c, role: segment.role, limit: left + width - c, highlightPlaceholders: true)
            }
            if !terms.isEmpty { highlight(&grid, row: rect.row + i, from: left, to: left + width, terms: terms) }
        }
        if overflows {
            let indicator = " \(scroll + 1)–\(min(lines.count, scroll + rows))/\(lines.count) "
            grid.put(indicator, row: indicatorRow, column: rect.column + rect.width - DisplayWidth.of(indicator) - 1, role: .detailDim)
        }
        if state.focus == .detail { grid.cursor = (rect.row, left) }
    }

    func searchTerms(_ state: AppState) -> [String] {
        var words = state.filter.text.filter { !$0.negated }.map { $0.text.lowercased() }
        if let search = state.search { words.append(search.lowercased()) }
        return words.filter { !$0.isEmpty }
    }

    /// Marks occurrences of the search terms in one drawn row (case-insensitive).
    func highlight(_ grid: inout CellGrid, row: Int, from: Int, to: Int, terms: [String]) {
        var columns: [Int] = []
        var text: [Character] = []
        for c in from..<min(to, grid.width) where !grid[row, c].isContinuation {
            columns.append(c)
            text.append(Character(grid[row, c].character.lowercased()))
        }
        for term in terms {
            let needle = Array(term)
            guard !needle.isEmpty, needle.count <= text.count else { continue }
            var i = 0
            while i + needle.count <= text.count {
                if Array(text[i..<(i + needle.count)]) == needle {
                    for k in i..<(i + needle.count) { grid.restyle(row: row, column: columns[k], role: .match) }
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
    }

    // MARK: Bars

    /// A question as asked, its closing `y/n` naming the keys that answer it now.
    static func question(_ confirmation: AppState.Confirmation, _ keymap: Keymap) -> String {
        guard confirmation.question.hasSuffix(" y/n") else { return confirmation.question }
        let answers = [CommandID.confirmYes, .confirmNo].map { keymap.keys(for: $0).first?.label ?? ":" + $0.rawValue }
        return confirmation.question.dropLast(3) + answers.joined(separator: "/")
    }

    func drawHints(_ grid: inout CellGrid, _ state: AppState, row: Int) {
        grid.fill(row: row, role: .statusBar)
        if let confirmation = state.confirmation {
            grid.fill(row: row, role: .messageInfo)
            grid.put(" " + Self.question(confirmation, state.keymap), row: row, column: 0, role: .messageInfo)
            return
        }
        if let field = state.pendingLabel {
            grid.fill(row: row, role: .messageInfo)
            let cancel = state.keymap.keys(for: .labelValueCancel).first.map { " · \($0.label) cancels" } ?? ""
            grid.put(" \(field.rawValue.capitalized): " + Reducer.labelPrompt(field, state) + cancel, row: row, column: 0, role: .messageInfo)
            return
        }
        if let message = state.message {
            // Wherever ? opens the help, a message leaves room for saying so at the line's end.
            let help = HintBar.helpHint(state)
            let helpWidth = help.map { DisplayWidth.of($0.text) } ?? 0
            // Two spaces before the hint and one after it, as between hints.
            let reserved = help == nil ? 0 : helpWidth + 3
            grid.put(" " + SafeText.line(message.text), row: row, column: 0, role: message.isError ? .messageError : .messageInfo,
                     limit: grid.width - reserved)
            if let help { HintBar.draw(&grid, [help], row: row, column: grid.width - helpWidth - 1) }
            return
        }
        HintBar.draw(&grid, HintBar.fitted(HintBar.context(state), state, width: grid.width), row: row)
    }

    func drawStatus(_ grid: inout CellGrid, _ state: AppState, row: Int) {
        grid.fill(row: row, role: .statusBar)
        var parts: [String] = []
        if let scoring = state.scoring {
            parts.append("SCORING " + SafeText.line(scoring.sheet.round))
            parts.append("\(scoring.current + 1) of \(scoring.sheet.assignments.count)")
        } else if state.rounds != nil {
            parts.append("ROUNDS")
        } else if let dedupe = state.dedupe {
            parts.append("DEDUPE")
            if !dedupe.loading { parts.append("\(NumberFormat.grouped(dedupe.groups.count)) group\(dedupe.groups.count == 1 ? "" : "s")") }
        } else {
            parts.append(state.editing.map { "EDIT #\($0.itemID)" }
                         ?? (state.agreement != nil ? "AGREEMENT" : state.insights != nil ? "INSIGHTS"
                             : state.disputeQueue != nil ? (state.focus == .detail ? "DISPUTE DETAIL" : "DISPUTE QUEUE")
                             : state.focus == .detail ? "DETAIL" : "QUEUE"))
            parts.append(state.pagePending ? "searching…" : state.total == 0 ? "0 of 0" : "\(NumberFormat.grouped(state.cursor + 1)) of \(NumberFormat.grouped(state.total))\(state.countPending ? "+" : "")")
        }
        // Marks outlive each bulk action, so their count comes before anything a long filter could cut off.
        if !state.marked.isEmpty { parts.append("\(NumberFormat.grouped(state.marked.count)) marked") }
        if let view = state.viewName { parts.append("view: " + SafeText.line(view)) }
        if !state.filter.isEmpty { parts.append("filter: " + SafeText.line(state.filter.canonicalText)) }
        if let search = state.search { parts.append("search: " + SafeText.line(search)) }
        if let anchor = state.rangeAnchor { parts.append("range from \(NumberFormat.grouped(anchor + 1))") }
        let left = " " + parts.joined(separator: " │ ")
        var who = SafeText.line(state.reviewer) + (state.singleUser ? " (single-user)" : "") + " · " + state.themeName + " "
        // The workspace is named here too when there is room (the header always names it).
        let withWorkspace = TextLayout.truncate(SafeText.line(state.workspaceName), to: 30) + " · " + who
        if DisplayWidth.of(left) + DisplayWidth.of(withWorkspace) + 2 <= grid.width { who = withWorkspace }
        let whoWidth = DisplayWidth.of(who)
        let available = grid.width - whoWidth - 1
        grid.put(TextLayout.truncate(left, to: max(0, available)), row: row, column: 0, role: .statusBar)
        if available > 20 { grid.put(who, row: row, column: grid.width - whoWidth, role: .statusBar) }
    }

    func drawInput(_ grid: inout CellGrid, _ state: AppState, _ input: AppState.Input, row: Int) {
        grid.fill(row: row, role: .input)
        let prompt = input.kind.prompt
        let text = SafeText.line(input.text)
        let chars = Array(text)
        let room = grid.width - 2 - DisplayWidth.of(prompt)
        // Scroll the field so the cursor stays visible.
        var start = 0
        while DisplayWidth.of(String(chars[start..<min(input.cursor, chars.count)])) > room - 1 { start += 1 }
        let visible = String(chars[start...])
        var c = grid.put(prompt, row: row, column: 0, role: .input)
        let cursorColumn = c + DisplayWidth.of(String(chars[start..<min(input.cursor, chars.count)]))
        c = grid.put(visible, row: row, column: c, role: .input, limit: room)
        grid.cursor = (row, min(cursorColumn, grid.width - 1))
        let statusRow = row + 1
        if let error = input.error {
            grid.fill(row: statusRow, role: .messageError)
            grid.put(" ✗ " + SafeText.line(error), row: statusRow, column: 0, role: .messageError)
        } else if !input.completions.isEmpty {
            grid.fill(row: statusRow, role: .statusBar)
            grid.put(" " + input.completions.joined(separator: "  "), row: statusRow, column: 0, role: .statusHint)
        } else {
            // The keys first, then what the prompt takes, as far as it fits.
            let about: String
            switch input.kind {
            case .search: about = "Search prompts, responses, corrections"
            case .filter: about = "field:value (signal severity status owner intent locus cohort channel model user claimed) \"phrase\" -word"
            case .command: about = input.text.hasPrefix("decide ") ? "the value, then why: a decision needs a rationale"
                : "Command name and argument"
            }
            // The input line covers the status bar: the mark count, which lasts, moves here.
            let marks = state.marked.isEmpty ? "" : " \(NumberFormat.grouped(state.marked.count)) marked ·"
            grid.fill(row: statusRow, role: .statusBar)
            let start = marks.isEmpty ? 1 : grid.put(marks + " ", row: statusRow, column: 0, role: .statusHint)
            let hints = HintBar.fitted(HintBar.context(state), state, width: grid.width - start + 1)
            let c = HintBar.draw(&grid, hints, row: statusRow, column: start)
            grid.put("  · " + about, row: statusRow, column: c, role: .statusHint)
        }
    }

    func drawHistory(_ grid: inout CellGrid, _ state: AppState, itemID: Int64, scroll: Int) {
        let width = min(grid.width, 110)
        let height = grid.height - 2
        let top = 1
        let left = (grid.width - width) / 2
        Overlay.box(&grid, top: top, left: left, width: width, height: height, title: "History of item #\(itemID) — j/k scroll, any other key closes")
        var lines: [(String, StyleRole)] = []
        if state.history.isEmpty {
            lines.append(("No changes yet: this item is as it was imported.", .overlay))
        }
        for piece in HistoryLine.wrapped(state.history, viewing: itemID, width: width - 4) { lines.append((piece, .overlay)) }
        let rows = height - 2
        let first = min(scroll, max(0, lines.count - rows))
        for i in 0..<rows where first + i < lines.count {
            grid.put(" " + lines[first + i].0, row: top + 1 + i, column: left + 1, role: lines[first + i].1, limit: width - 2)
        }
        grid.cursor = (top, left)
    }

    func drawViewPicker(_ grid: inout CellGrid, _ state: AppState, selected: Int) {
        let views = state.savedViews
        let width = min(grid.width - 4, 76)
        let height = min(grid.height - 4, views.count + 4)
        let top = (grid.height - height) / 2
        let left = (grid.width - width) / 2
        Overlay.box(&grid, top: top, left: left, width: width, height: height, title: "Saved views")
        let rows = height - 4
        let first = max(0, min(selected - rows + 1, views.count - rows))
        for i in 0..<rows {
            let index = first + i
            guard index < views.count else { break }
            let v = views[index]
            let text = TextLayout.fit(SafeText.line(v.name), to: 20) + " " + SafeText.line(v.query.isEmpty ? "(everything)" : v.query) + " · " + v.sort.rawValue
            let role: StyleRole = index == selected ? .overlaySelected : .overlay
            grid.fill(row: top + 1 + i, column: left + 1, width: width - 2, role: role)
            grid.put(" " + text, row: top + 1 + i, column: left + 1, role: role, limit: width - 2)
            if index == selected { grid.cursor = (top + 1 + i, left + 1) }
        }
        let keyOf = { (id: CommandID) in state.keymap.keys(for: id).first?.label ?? ":" + id.rawValue }
        grid.put(" \(keyOf(.pickerSet)) open · \(keyOf(.viewPickerDelete)) delete · Esc close", row: top + height - 2, column: left + 1, role: .overlayKey, limit: width - 2)
    }
}

extension CellGrid {
    /// Changes the role of one cell (and its continuation) without changing its text.
    mutating func restyle(row: Int, column: Int, role: StyleRole) {
        guard row >= 0, row < height, column >= 0, column < width else { return }
        let cell = self[row, column]
        put(String(cell.character), row: row, column: column, role: role, limit: 2)
    }
}
