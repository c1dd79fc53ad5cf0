import WinnowCore
import WinnowStore

/// The dedupe view: every suggested near-duplicate group, heaviest first (size × signal weight),
/// with its canonical item's prompt; an expanded group lists its members, each with its
/// similarity to the canonical. Prompts are untrusted and go through `SafeText`.
enum DedupeScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ view: DedupeView) {
        grid.fill(row: 0, role: .header)
        let c = grid.put(" Winnow ", row: 0, column: 0, role: .headerTitle)
        let count = view.loading ? "reading…" : "\(NumberFormat.grouped(view.groups.count)) suggested group\(view.groups.count == 1 ? "" : "s")"
        grid.put(" Dedupe · \(count) · " + SafeText.line(state.workspaceName), row: 0, column: c, role: .header, limit: state.width - c)
        let body = state.layout.bodyHeight
        let width = state.width - 2
        // The header line stays; the rows scroll so the selected one is shown. Only the rows on
        // screen are formatted: a large workspace has tens of thousands of groups.
        let shown = max(1, body - 1)
        let first = max(0, min(view.selected - shown / 2, view.rows.count - shown))
        let all = lines(state, view, width: width, first: first, count: shown)
        if let header = all.first {
            var x = 1
            for segment in header.segments { x = grid.put(segment.text, row: 1, column: x, role: segment.role, limit: state.width - 1 - x) }
        }
        for i in 0..<shown where 1 + i < all.count {
            let line = all[1 + i]
            let selected = !view.rows.isEmpty && first + i == view.selected
            if selected { grid.fill(row: 2 + i, column: 0, width: state.width, role: .listSelected) }
            // The selection is marked by a glyph too, so it shows without colour.
            var x = grid.put(selected ? "▶" : " ", row: 2 + i, column: 0, role: selected ? .listSelected : .listRow)
            for segment in line.segments {
                x = grid.put(segment.text, row: 2 + i, column: x, role: selected ? .listSelected : segment.role, limit: state.width - 1 - x)
            }
        }
        if !view.rows.isEmpty { grid.cursor = (2 + view.selected - first, 1) }
    }

    /// The column header, then one line per row of the view from `first` (or why there is none).
    static func lines(_ state: AppState, _ view: DedupeView, width: Int, first: Int = 0, count: Int = .max) -> [StyledLine] {
        var out = [StyledLine([(TextLayout.fit("        SIZE  WEIGHT  CANONICAL  PROMPT", to: width), .listHeader)])]
        if view.loading {
            out.append(StyledLine([("  Reading the suggested groups…", .detailDim)]))
            return out
        }
        if view.groups.isEmpty {
            out.append(StyledLine([("  No suggested near-duplicates: every item is on its own, merged, or ruled out.", .detailDim)]))
            return out
        }
        for row in view.rows.dropFirst(first).prefix(count) {
            switch row {
            case .group(let g):
                let group = view.groups[g]
                let open = view.expanded.contains(group.id) ? "▾ " : "▸ "
                let text = open + TextLayout.fit(view.fresh[group.id] ?? "", to: 5) + TextLayout.padLeft("\(group.size)", to: 5)
                    + TextLayout.padLeft(String(format: "%.2f", group.weight), to: 8) + "  " + TextLayout.fit("#\(group.canonical.itemID)", to: 9) + "  "
                let room = max(0, width - DisplayWidth.of(text))
                out.append(StyledLine([(text, view.fresh[group.id] == nil ? .listRow : .listMarked),
                                       (TextLayout.truncate(SafeText.line(group.canonical.prompt), to: room), .listRow)]))
            case .member(let g, let m):
                let group = view.groups[g]
                let member = group.members[m]
                let similarity = m == 0 ? "canonical" : String(format: "%.2f", member.similarity)
                let status = ItemStatus(rawValue: member.status)?.label ?? member.status
                let signal = Glyphs.signal(member.signal) + " " + (Signal(rawValue: member.signal)?.shortLabel ?? member.signal)
                let text = "      " + TextLayout.fit("#\(member.itemID)", to: 7) + " " + TextLayout.fit(similarity, to: 9) + " "
                    + TextLayout.padLeft(Age.text(now: state.now, then: member.timestampMillis), to: 3) + "  "
                    + TextLayout.fit(SafeText.line(signal), to: 13) + " " + TextLayout.fit(status, to: 9) + " "
                let room = max(0, width - DisplayWidth.of(text))
                out.append(StyledLine([(text, .detailText), (TextLayout.truncate(SafeText.line(member.prompt), to: room), .detailDim)]))
            }
        }
        return out
    }
}
