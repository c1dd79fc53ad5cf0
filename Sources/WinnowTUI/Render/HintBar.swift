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

    /// The context whose hints are shown: the one reading keys, but a y/n question or a label
    /// value speaks on its own line, so the bar keeps the hints of what lies below it.
    static func context(_ state: AppState) -> KeyContext {
        state.keyContexts.last { $0 != .confirm && $0 != .labelValue } ?? .list
    }

    /// The context's hints that can be used now (a bound key, the command available), in rank
    /// order, each with where it is shown: a modal context's keys in rank order, the queue's
    /// commands in the registry's order (moving before labelling, help and quit last).
    static func ranked(_ context: KeyContext, _ state: AppState) -> [(place: Int, hint: Hint)] {
        let entries = CommandRegistry.hints[context] ?? []
        return entries.enumerated().compactMap { rank, entry in
            switch entry.source {
            case .fixed(let key):
                return (rank - entries.count, Hint(key: key, word: entry.word ?? ""))
            case .command(let id):
                guard Reducer.unavailableReason(id, state) == nil, let key = state.keymap.keys(for: id).first else { return nil }
                let companions = id == .moveDown && entry.also.isEmpty ? [.moveUp] : entry.also
                var label = ([key.label] + companions.map { state.keymap.keys(for: $0).first?.label ?? "?" }).joined(separator: "/")
                // A key per level: the first and the last key name the range.
                if id == .scoreLevel, let last = state.keymap.keys(for: id).last, last != key { label = key.label + "–" + last.label }
                // A screen of its own (scoring, rounds) shows its hints in rank order, as a modal context does.
                let inRankOrder = context.isModal || context.below.isEmpty
                let place = inRankOrder ? rank - entries.count : CommandRegistry.all.firstIndex { $0.id == id } ?? 0
                return (place, Hint(key: label, word: entry.word ?? CommandRegistry.spec(id).hint ?? id.rawValue))
            }
        }
    }

    /// The highest-ranked hints that fit in `width` columns (after a space of margin), in the
    /// order they are shown.
    static func fitted(_ context: KeyContext, _ state: AppState, width: Int) -> [Hint] {
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
        guard [.list, .detail, .marks, .scoring, .rounds, .disputes].contains(context(state)), let key = state.keymap.keys(for: .help).first else { return nil }
        return Hint(key: key.label, word: CommandRegistry.spec(.help).hint ?? "help")
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
