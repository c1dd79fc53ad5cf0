import WinnowCore
import WinnowStore

/// Search navigation: finding the next or previous match from the selection.
extension QueueSession {
    /// What a search matched, kept while the search, filter and order stay the same, so `n`/`N`
    /// cost a lookup instead of a full-text query.
    struct SearchHits {
        var search: String
        var filter: FilterQuery
        var sort: QueueSort
        /// A small match set: every hit's position key, in queue order. Nil for a large one, whose
        /// next match is looked for near the selection instead.
        var ordered: [(key: [Double], id: Int64)]?
    }


    enum MatchResult {
        /// The next match, whether the search wrapped, and its index when known without counting.
        case found(Int64, wrapped: Bool, index: Int?)
        case none
        /// Looked for in the background; `.searchFound` (or a message) follows.
        case searching
    }

    /// The next (or previous) matching item from the selection.
    func nextMatch(_ state: AppState, search: String, forward: Bool) throws -> MatchResult {
        let f = filter(for: state)
        if hits?.search != search || hits?.filter != state.filter || hits?.sort != state.sort {
            var fresh = SearchHits(search: search, filter: state.filter, sort: state.sort)
            // Counting stops past the limit: a common word's matches are never all counted.
            if try reader.matchCount(search: search, limit: orderedHitsLimit + 1) <= orderedHitsLimit {
                fresh.ordered = try reader.matchKeys(f, sort: state.sort, search: search)
            }
            hits = fresh
        }
        if let ordered = hits?.ordered {
            guard let (id, wrapped) = Self.neighbour(in: ordered, of: state.selectedRow?.sortKey(for: state.sort),
                                                     descending: state.sort.descending, forward: forward) else { return .none }
            return .found(id, wrapped: wrapped, index: nil)
        }
        // A large match set: a match is usually a few rows away, so walk from the selection asking
        // FTS5 row by row, within a budget.
        let key = state.selectedRow?.key(for: state.sort)
        let near = try reader.nearMatch(f, sort: state.sort, search: search, after: key, forward: forward,
                                        budget: nearMatchBudget)
        if let row = near.row { return .found(row.id, wrapped: false, index: nil) }
        // None near: SQLite gathers the matches and walks the order's index against them (about
        // 0.1 s for a common word on a million events), so the keystroke does not wait for it.
        let (reader, sort, filtered, exhausted) = (reader, state.sort, !state.filter.isEmpty, near.exhausted)
        searches.start { deliver in
            do {
                if !exhausted, let row = try reader.nextMatch(f, sort: sort, search: search, after: key, forward: forward) {
                    _ = deliver(.searchFound(search: search, itemID: row.id, forward: forward, wrapped: false))
                } else if let row = try reader.nextMatch(f, sort: sort, search: search, after: nil, forward: forward) {
                    _ = deliver(.searchFound(search: search, itemID: row.id, forward: forward, wrapped: true))
                } else {
                    _ = deliver(Self.noMatch(search, filtered: filtered))
                }
            } catch {
                _ = deliver(.message("search: \(error)", isError: true))
            }
        }
        return .searching
    }

    /// The queue index of `found`, reached from the selection by a search: read off the window when
    /// it is loaded, else counted from the selection (a cost that grows with the distance), or from
    /// the top when the search wrapped.
    func matchIndex(_ state: AppState, found: QueueRow, forward: Bool, wrapped: Bool) throws -> Int {
        if let offset = state.rows.firstIndex(where: { $0.id == found.id }) { return state.windowStart + offset }
        let f = filter(for: state)
        if !wrapped, let selected = state.selectedRow {
            let sort = state.sort
            if forward {
                return state.cursor + 1 + (try reader.count(f, sort: sort, between: selected.key(for: sort), and: found.key(for: sort)))
            }
            return state.cursor - 1 - (try reader.count(f, sort: sort, between: found.key(for: sort), and: selected.key(for: sort)))
        }
        return try reader.index(of: found, f, sort: state.sort)
    }

    /// In hits listed in queue order, the first after `current` (forward) or the last before it.
    static func neighbour(in ordered: [(key: [Double], id: Int64)], of current: [Double]?, descending: Bool,
                          forward: Bool) -> (Int64, wrapped: Bool)? {
        guard !ordered.isEmpty else { return nil }
        func comesAfter(_ key: [Double], _ other: [Double]) -> Bool {
            descending ? key.lexicographicallyPrecedes(other) : other.lexicographicallyPrecedes(key)
        }
        // Binary search: the first hit that comes strictly after the current row.
        var lo = 0
        var hi = ordered.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if current.map({ comesAfter(ordered[mid].key, $0) }) ?? true { hi = mid } else { lo = mid + 1 }
        }
        if forward {
            return lo < ordered.count ? (ordered[lo].id, false) : (ordered[0].id, true)
        }
        var before = lo - 1
        if before >= 0, let current, ordered[before].key == current { before -= 1 }
        return before >= 0 ? (ordered[before].id, false) : (ordered[ordered.count - 1].id, true)
    }
}
