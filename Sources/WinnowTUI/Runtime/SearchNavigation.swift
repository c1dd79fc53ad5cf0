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
        /// A small match set: every hit's position key, in queue order.
        var ordered: [(key: [Double], id: Int64)]?
        /// A large one: the matching rowids, checked while walking the queue (which also tells the
        /// match's position without counting).
        var ids: Set<Int64>?
    }

    /// Match sets up to this size are kept in queue order; larger ones as a set of ids.
    static let orderedHitsLimit = 20_000

    /// The next (or previous) matching item from the selection, and whether the search wrapped.
    func nextMatch(_ state: AppState, search: String, forward: Bool) throws -> (Int64, wrapped: Bool, index: Int?)? {
        let f = filter(for: state)
        if hits?.search != search || hits?.filter != state.filter || hits?.sort != state.sort {
            var fresh = SearchHits(search: search, filter: state.filter, sort: state.sort)
            if try reader.matchCount(search: search) <= Self.orderedHitsLimit {
                fresh.ordered = try reader.matchKeys(f, sort: state.sort, search: search)
            } else {
                fresh.ids = try reader.matchIDs(search: search)
            }
            hits = fresh
        }
        if let ordered = hits?.ordered {
            return Self.neighbour(in: ordered, of: state.selectedRow?.sortKey(for: state.sort),
                                  descending: state.sort.descending, forward: forward).map { ($0.0, $0.wrapped, nil) }
        }
        guard let ids = hits?.ids else { return nil }
        // Walk a few pages from the selection: common words match within them, and the walk
        // gives the match's position without a count.
        var key = state.selectedRow?.key(for: state.sort)
        var index = state.cursor
        let page = 500
        for _ in 0..<4 {
            let rows = forward
                ? try reader.rows(f, sort: state.sort, after: key, limit: page)
                : Array(try reader.rows(f, sort: state.sort, before: key, limit: page).reversed())
            for row in rows {
                index += forward ? 1 : -1
                if ids.contains(row.id) { return (row.id, false, index) }
            }
            if rows.count < page { break }
            key = rows.last?.key(for: state.sort)
        }
        // None near: let SQLite walk the order's index against the match set, then wrap around.
        if let row = try reader.nextMatch(f, sort: state.sort, search: search, after: key, forward: forward) {
            return (row.id, false, nil)
        }
        return try reader.nextMatch(f, sort: state.sort, search: search, after: nil, forward: forward).map { ($0.id, true, nil) }
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
