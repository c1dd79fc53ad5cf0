/// The key hints on the line above the status bar: the context's hints in the registry's
/// ranking (`CommandRegistry.hints`), as many as fit, dropped from the lowest rank and never cut.
enum HintBar {
    struct Hint: Equatable {
        var key: String
        var word: String
        var text: String { key + " " + word }
    }

    /// Hints are two spaces apart, after one space of margin.
    static let separator = "  "

    static func context(_ state: AppState) -> HintContext {
        if state.editing != nil { return .editor }
        if let input = state.input { return input.kind == .command ? .commandInput : .input }
        switch state.overlay {
        case .picker?: return .picker
        case .help?, .history?, .viewPicker?: return .overlay
        case nil: break
        }
        if !state.marked.isEmpty || state.rangeAnchor != nil { return .marks }
        return state.focus == .detail ? .detail : .list
    }

    /// The context's hints that can be used now (a bound key, the command available), in rank
    /// order, each with where it is shown: a mode's own keys first, in rank order, then commands
    /// in the registry's order (moving before labelling, help and quit last).
    static func ranked(_ context: HintContext, _ state: AppState) -> [(place: Int, hint: Hint)] {
        let entries = CommandRegistry.hints[context] ?? []
        return entries.enumerated().compactMap { rank, entry in
            switch entry.source {
            case .fixed(let key):
                return (rank - entries.count, Hint(key: key, word: entry.word ?? ""))
            case .command(let id):
                guard Reducer.unavailableReason(id, state) == nil, let key = state.keymap.keys(for: id).first else { return nil }
                let label = id == .moveDown ? keyPair(state, .moveDown, .moveUp) : key.label
                let place = CommandRegistry.all.firstIndex { $0.id == id } ?? 0
                return (place, Hint(key: label, word: entry.word ?? CommandRegistry.spec(id).hint ?? id.rawValue))
            }
        }
    }

    /// The highest-ranked hints that fit in `width` columns (after a space of margin), in the
    /// order they are shown.
    static func fitted(_ context: HintContext, _ state: AppState, width: Int) -> [Hint] {
        var chosen: [(place: Int, hint: Hint)] = []
        var used = 1
        for candidate in ranked(context, state) {
            let cost = DisplayWidth.of(candidate.hint.text) + (chosen.isEmpty ? 0 : DisplayWidth.of(separator))
            guard used + cost <= width else { break }
            chosen.append(candidate)
            used += cost
        }
        return chosen.sorted { $0.place < $1.place }.map(\.hint)
    }

    /// The help hint, where `?` (or whatever the keymap binds) opens the help: shown beside a
    /// message too, so the way to the keys is never out of sight there.
    static func helpHint(_ state: AppState) -> Hint? {
        guard [.list, .detail, .marks].contains(context(state)), let key = state.keymap.keys(for: .help).first else { return nil }
        return Hint(key: key.label, word: CommandRegistry.spec(.help).hint ?? "help")
    }

    static func keyPair(_ state: AppState, _ a: CommandID, _ b: CommandID) -> String {
        let first = state.keymap.keys(for: a).first?.label ?? "?"
        let second = state.keymap.keys(for: b).first?.label ?? "?"
        return first + "/" + second
    }

    /// Draws the hints from `column`; returns the column after the last one.
    @discardableResult
    static func draw(_ grid: inout CellGrid, _ hints: [Hint], row: Int, column: Int = 1) -> Int {
        var c = column
        for (i, hint) in hints.enumerated() {
            if i > 0 { c = grid.put(separator, row: row, column: c, role: .statusHint) }
            c = grid.put(hint.key, row: row, column: c, role: .statusKey)
            c = grid.put(" " + hint.word, row: row, column: c, role: .statusHint)
        }
        return c
    }
}
