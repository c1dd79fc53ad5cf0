import WinnowCore

/// The correction editor over the body of the screen: a title naming the item and where the text
/// came from, the wrapped text with the terminal's cursor in it, and the keys that work.
enum EditorView {
    /// Shown on the hint line while the editor is open.
    static let keys = "^S save  Esc close, keep a draft  ^X discard  ^O $EDITOR  ^←/^→ word  ^K/^U/^W delete"

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
        let area = Reducer.editorArea(state)
        let view = editing.editor.layout(width: area.width, height: area.height)
        for (i, row) in view.rows.enumerated() where i < area.height {
            // Cells were made safe by the layout (SafeText); they are drawn as they are.
            grid.put(row.cells, row: top + 1 + i, column: 1, role: .detailText, limit: area.width)
        }
        if view.rows.isEmpty || (view.rows.count == 1 && view.rows[0].cells.isEmpty) {
            grid.put("(empty: type the corrected answer)", row: top + 1, column: 1, role: .detailDim, limit: area.width)
        }
        if let cursor = view.cursor {
            grid.cursor = (top + 1 + cursor.row, min(width - 1, 1 + cursor.column))
        }
    }
}
