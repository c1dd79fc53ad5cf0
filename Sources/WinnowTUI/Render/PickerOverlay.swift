import WinnowCore

/// The label picker drawn over the queue: how it works, the typed narrowing, the options numbered by their keys
/// with their hints, ticks when several may be chosen, and why the last key was refused.
enum PickerOverlay {
    static func draw(_ grid: inout CellGrid, _ picker: Picker, keymap: Keymap) {
        let shown = picker.visible
        let width = min(grid.width - 4, 72)
        // Borders, the usage line, the query line and the refusal line around the entries.
        let height = min(grid.height - 4, max(shown.count, 1) + 5)
        let top = (grid.height - height) / 2
        let left = (grid.width - width) / 2
        let inner = width - 2
        Overlay.box(&grid, top: top, left: left, width: width, height: height, title: SafeText.line(picker.title))
        grid.put(" " + picker.usage(fitting: inner - 2, keymap: keymap), row: top + 1, column: left + 1, role: .overlayKey, limit: inner)
        let queryLine = " ▸ " + (picker.query.isEmpty ? "" : SafeText.line(picker.query))
        grid.put(queryLine, row: top + 2, column: left + 1, role: .overlay, limit: inner)
        let rows = height - 5
        if shown.isEmpty {
            grid.put(" nothing matches", row: top + 3, column: left + 1, role: .overlay, limit: inner)
        }
        let first = max(0, min(picker.highlighted - rows + 1, shown.count - rows))
        // Each entry is numbered with the key of `picker_pick` that picks it.
        let picks = keymap.keys(for: .pickerPick).map(\.label)
        let numberWidth = picks.map(DisplayWidth.of).max() ?? 0
        for i in 0..<rows {
            let index = first + i
            guard index < shown.count else { break }
            let option = shown[index]
            let selected = index == picker.highlighted
            let role: StyleRole = selected ? .overlaySelected : .overlay
            let y = top + 3 + i
            grid.fill(row: y, column: left + 1, width: inner, role: role)
            let number = TextLayout.fit(index < picks.count ? picks[index] : "", to: numberWidth) + (numberWidth > 0 ? " " : "")
            // The tick is a glyph, not a colour, so it reads under NO_COLOR too.
            let tick = picker.allowsSeveral ? (picker.chosen.contains(option.value) ? "[x] " : "[ ] ") : ""
            var text = " " + number + tick + TextLayout.fit(SafeText.line(option.value), to: 24)
            if let detail = option.detail { text += " " + SafeText.line(detail) }
            grid.put(TextLayout.truncate(text, to: inner), row: y, column: left + 1, role: role, limit: inner)
            if selected { grid.cursor = (y, left + 1) }
        }
        if let refusal = picker.refusal {
            grid.put(" " + TextLayout.truncate(SafeText.line(refusal), to: inner - 1), row: top + height - 2, column: left + 1,
                     role: .messageError, limit: inner)
        }
    }
}
