import WinnowCore

/// The correction editor over the body of the screen: a title naming the item and where the text
/// came from, the prompt and the response being corrected in brief (so they stay in sight while
/// the reviewer writes), a rule, then the wrapped text with the terminal's cursor in it.
enum EditorView {
    /// How many lines each of the prompt's and the response's briefs takes at most.
    static let briefLines = 2

    /// The briefs of the prompt and the response, at the editor's width.
    static func context(_ editing: CorrectionEditing, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let prompt = editing.prompt { lines += DetailLines.brief("PROMPT", prompt, width: width, lines: briefLines).lines }
        if let response = editing.response { lines += DetailLines.brief("RESPONSE", response, width: width, lines: briefLines).lines }
        return lines
    }

    /// Rows the briefs and the rule under them take (none when the item's texts are unknown, or
    /// when the screen is too short to leave the text a sensible height).
    static func contextRows(_ editing: CorrectionEditing, _ layout: Layout) -> Int {
        let count = context(editing, width: layout.width - 2).count
        guard count > 0, layout.bodyHeight - 1 - (count + 1) >= 6 else { return 0 }
        return count + 1
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ editing: CorrectionEditing) {
        let layout = state.layout
        let top = 1
        let height = layout.bodyHeight
        let width = state.width
        grid.fill(row: top, column: 0, width: width, height: height, role: .detailText)
        let changed = editing.editor.text != editing.originalText
        let title = " Correction of #\(editing.itemID) — from \(editing.source)\(changed ? " · modified" : "")"
        grid.fill(row: top, column: 0, width: width, role: .detailHeading)
        grid.put(title, row: top, column: 0, role: .detailHeading, limit: width)
        var textTop = top + 1
        if contextRows(editing, layout) > 0 {
            for line in context(editing, width: width - 2) {
                var c = 1
                for segment in line.segments {
                    c = grid.put(segment.text, row: textTop, column: c, role: segment.role, limit: width - 1 - c, highlightPlaceholders: true)
                }
                textTop += 1
            }
            grid.put(String(repeating: "─", count: width), row: textTop, column: 0, role: .border)
            textTop += 1
        }
        let area = Reducer.editorArea(state, editing)
        let view = editing.editor.layout(width: area.width, height: area.height)
        for (i, row) in view.rows.enumerated() where i < area.height {
            // Cells were made safe by the layout (SafeText); they are drawn as they are.
            grid.put(row.cells, row: textTop + i, column: 1, role: .detailText, limit: area.width)
        }
        if view.rows.isEmpty || (view.rows.count == 1 && view.rows[0].cells.isEmpty) {
            grid.put("(empty: type the corrected answer)", row: textTop, column: 1, role: .detailDim, limit: area.width)
        }
        if let cursor = view.cursor {
            grid.cursor = (textTop + cursor.row, min(width - 1, 1 + cursor.column))
        }
    }
}
