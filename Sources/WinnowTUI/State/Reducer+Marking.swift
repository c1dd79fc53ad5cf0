/// Marking items for bulk actions: one at a time (Space) or a range (V … V).
extension Reducer {
    /// The most items one range marks; a bulk change beyond it is better done by a filter.
    static let rangeLimit = 10_000

    static func markRange(_ state: inout AppState) -> [Effect] {
        guard let anchor = state.rangeAnchor else {
            state.rangeAnchor = state.cursor
            state.message = .init(text: "Range from \(state.cursor + 1): move to the other end, then V marks it (Esc cancels)", isError: false)
            return []
        }
        state.rangeAnchor = nil
        let from = min(anchor, state.cursor)
        let to = max(anchor, state.cursor)
        guard to - from < rangeLimit else {
            state.message = .init(text: "mark_range: \(to - from + 1) items is more than \(rangeLimit); narrow the queue with a filter", isError: true)
            return []
        }
        let first = from - state.windowStart
        let last = to - state.windowStart
        if first >= 0, last < state.rows.count {
            return reduce(&state, .markItems(state.rows[first...last].map(\.id)))
        }
        return [.markRange(from: from, to: to)]
    }

    /// Whether a queue position lies in the range being marked (drawn as such).
    static func inPendingRange(_ position: Int, _ state: AppState) -> Bool {
        guard let anchor = state.rangeAnchor else { return false }
        return position >= min(anchor, state.cursor) && position <= max(anchor, state.cursor)
    }
}
