import WinnowCore

/// The label picker drawn over the queue: the typed narrowing, the options with their hints, ticks
/// when several may be chosen, and the keys that work.
enum PickerOverlay {
    static func draw(_ grid: inout CellGrid, _ picker: Picker) {
        let shown = picker.visible
        let width = min(grid.width - 4, 64)
        let height = min(grid.height - 4, max(shown.count, 1) + 5)
        let top = (grid.height - height) / 2
        let left = (grid.width - width) / 2
        Overlay.box(&grid, top: top, left: left, width: width, height: height, title: SafeText.line(picker.title))
        let filterLine = picker.query.isEmpty ? " type to narrow" : " ▸ " + SafeText.line(picker.query)
        grid.put(filterLine, row: top + 1, column: left + 1, role: picker.query.isEmpty ? .overlayKey : .overlay, limit: width - 2)
        let rows = height - 4
        if shown.isEmpty {
            grid.put(" nothing matches", row: top + 2, column: left + 1, role: .overlay, limit: width - 2)
        }
        let first = max(0, min(picker.highlighted - rows + 1, shown.count - rows))
        for i in 0..<rows {
            let index = first + i
            guard index < shown.count else { break }
            let option = shown[index]
            let selected = index == picker.highlighted
            let role: StyleRole = selected ? .overlaySelected : .overlay
            let y = top + 2 + i
            grid.fill(row: y, column: left + 1, width: width - 2, role: role)
            // The tick is a glyph, not a colour, so it reads under NO_COLOR too.
            let tick = picker.allowsSeveral ? (picker.chosen.contains(option.value) ? "[x] " : "[ ] ") : ""
            var text = " " + tick + TextLayout.fit(SafeText.line(option.value), to: 24)
            if let detail = option.detail { text += " " + SafeText.line(detail) }
            grid.put(text, row: y, column: left + 1, role: role, limit: width - 2)
            if selected { grid.cursor = (y, left + 1) }
        }
        let keys = picker.allowsSeveral ? " ↑↓ move · Space tick · Enter set · Esc cancel" : " ↑↓ move · Enter set · Esc cancel"
        grid.put(keys, row: top + height - 2, column: left + 1, role: .overlayKey, limit: width - 2)
    }
}
