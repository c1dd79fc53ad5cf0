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
            return reduce(&state, .markItems(Dictionary(state.rows[first...last].map { ($0.id, $0.version) }) { first, _ in first }))
        }
        return [.markRange(from: from, to: to)]
    }

    /// Lets go of the marks whose items left the view and records the versions a change left.
    static func refreshMarks(_ state: inout AppState, stillInView: Set<Int64>, versions: [Int64: Int]) {
        let kept = state.marked.intersection(stillInView)
        var keptVersions = state.markedVersions.filter { kept.contains($0.key) }
        for item in kept { if let version = versions[item] { keptVersions[item] = version } }
        state.marked = kept
        state.markedVersions = keptVersions
    }

    static func clearMarks(_ state: inout AppState) {
        state.marked.removeAll()
        state.markedVersions.removeAll()
    }

    /// The version of each item as the reviewer acted on it: when it was marked, else as the list
    /// or the detail shows it. An item with none is left out, and the store refuses to change it.
    static func seenVersions(_ items: [Int64], _ state: AppState) -> [Int64: Int] {
        let wanted = Set(items)
        var seen: [Int64: Int] = [:]
        for row in state.rows where wanted.contains(row.id) { seen[row.id] = row.version }
        if let detail = state.detail, wanted.contains(detail.row.id) { seen[detail.row.id] = detail.row.version }
        for item in wanted { if let marked = state.markedVersions[item] { seen[item] = marked } }
        return seen
    }

    /// Whether a queue position lies in the range being marked (drawn as such).
    static func inPendingRange(_ position: Int, _ state: AppState) -> Bool {
        guard let anchor = state.rangeAnchor else { return false }
        return position >= min(anchor, state.cursor) && position <= max(anchor, state.cursor)
    }
}
