/// Boxes drawn over the screen: the help overlay and pickers.
enum Overlay {
    static func box(_ grid: inout CellGrid, top: Int, left: Int, width: Int, height: Int, title: String) {
        guard width > 4, height > 2 else { return }
        grid.fill(row: top, column: left, width: width, height: height, role: .overlay)
        grid.put("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, role: .overlay)
        for y in (top + 1)..<(top + height - 1) {
            grid.put("│", row: y, column: left, role: .overlay)
            grid.put("│", row: y, column: left + width - 1, role: .overlay)
        }
        grid.put("└" + String(repeating: "─", count: width - 2) + "┘", row: top + height - 1, column: left, role: .overlay)
        grid.put(" \(title) ", row: top, column: left + 2, role: .overlayTitle, limit: width - 4)
    }
}

/// The help overlay, generated from the command registry and the keys actually bound.
public enum HelpOverlay {
    /// The keys of the context the help was opened from first, then the global ones (by group),
    /// the presets and the filter, and last the keys of the other contexts (the rest of the
    /// queue's, then pickers, the editor, y/n questions, input lines).
    public static func lines(_ state: AppState, from: KeyContext = .list) -> [(key: String, text: String, heading: Bool)] {
        var out: [(String, String, Bool)] = []
        func add(_ specs: [CommandSpec]) {
            for spec in specs {
                let keys = state.keymap.keys(for: spec.id).map(\.label).joined(separator: " ")
                var text = spec.summary
                if spec.runsInQueue {
                    text += "  :" + spec.id.rawValue + (spec.argument.map { " " + $0 } ?? "")
                    if let reason = Reducer.unavailableReason(spec.id, state) { text += "  (now: \(reason))" }
                }
                out.append((keys.isEmpty ? "—" : keys, text, false))
            }
        }
        func section(_ context: KeyContext) {
            let specs = CommandRegistry.all.filter { $0.contexts.contains(context) }
            guard !specs.isEmpty else { return }
            if !out.isEmpty { out.append(("", "", false)) }
            out.append((context.title, "", true))
            add(specs)
        }
        // Marks lie over the list or the detail, whichever has the focus: both are in force.
        let opened: [KeyContext] = from == .marks ? [.marks, state.focus == .detail ? .detail : .list] : [from]
        for context in opened { section(context) }
        for group in CommandSpec.Group.allCases {
            let specs = CommandRegistry.all.filter { $0.group == group && $0.contexts.contains(.global) }
            guard !specs.isEmpty else { continue }
            if !out.isEmpty { out.append(("", "", false)) }
            out.append((group.rawValue, "", true))
            add(specs)
        }
        out.append(("", "", false))
        out.append(("Label presets", "(winnow.toml; each is one action, one u undoes it)", true))
        if state.presets.isEmpty {
            out.append(("—", "none in this workspace: [[preset]] entries in winnow.toml define them", false))
        }
        for preset in state.presets { out.append(Reducer.helpLine(preset)) }
        out.append(("", "", false))
        out.append(("Filter", "", true))
        out.append(("\\", "signal: severity: status: owner: intent: locus: cohort: channel: model: user: claimed:", false))
        out.append(("", "values end in * for a prefix; \"a phrase\" and words search text; - excludes", false))
        out.append(("", "", false))
        out.append(("Marks", "", true))
        out.append(("▶ ● ┃", "the selected item · a marked one (Space) · the range being marked (V)", false))
        out.append(("@ ×N", "held by another reviewer (the CLAIM column names who) · canonical of a cluster of N", false))
        for context in [KeyContext.list, .detail, .marks, .scoring, .rounds, .disputes] where !opened.contains(context) { section(context) }
        for context in KeyContext.allCases where context.isModal { section(context) }
        return out
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, scroll: Int, from: KeyContext) {
        let width = min(grid.width, 110)
        let height = grid.height - 2
        let top = 1
        let left = (grid.width - width) / 2
        Overlay.box(&grid, top: top, left: left, width: width, height: height, title: "Keys — \(scrollKeys(state)) scroll, any other key closes")
        let keyWidth = 14
        let textWidth = width - keyWidth - 4
        var content: [(key: String, text: String, heading: Bool)] = []
        for line in lines(state, from: from) {
            if line.heading { content.append(line); continue }
            let wrapped = TextLayout.wrap([line.text], width: max(10, textWidth))
            for (i, piece) in wrapped.enumerated() { content.append((i == 0 ? line.key : "", piece, false)) }
        }
        let rows = height - 2
        let first = min(scroll, max(0, content.count - rows))
        for i in 0..<rows {
            let index = first + i
            guard index < content.count else { break }
            let line = content[index]
            let y = top + 1 + i
            if line.heading {
                let c = grid.put(" " + line.key, row: y, column: left + 1, role: .overlayTitle, limit: width - 2)
                grid.put("  " + line.text, row: y, column: c, role: .overlay, limit: left + width - 1 - c)
            } else {
                let c = grid.put(" " + TextLayout.fit(line.key, to: keyWidth), row: y, column: left + 1, role: .overlayKey, limit: width - 2)
                grid.put(" " + line.text, row: y, column: c, role: .overlay, limit: left + width - 1 - c)
            }
        }
        grid.cursor = (top, left)
    }

    static func scrollKeys(_ state: AppState) -> String {
        [CommandID.moveDown, .moveUp].compactMap { state.keymap.keys(for: $0).first?.label }.joined(separator: "/")
    }
}
