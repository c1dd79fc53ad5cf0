import WinnowCore
import WinnowStore

/// The dispute queue's own room: which disputes it shows, the filter it replaced (restored on
/// leaving), and the selected item's disputes as the adjudication detail draws them.
public struct DisputeQueue: Equatable, Sendable {
    /// The `dispute:` term the queue is filtered by: open, mine, decided or any.
    public var scope: String
    /// The filter and view the queue had before, given back on leaving.
    public var previousFilterText: String
    public var previousFilter: FilterQuery
    public var previousViewName: String?
    /// The selected item's disputes, open ones first, and which one the keys act on.
    public var itemID: Int64?
    public var disputes: [DisputeDetail] = []
    public var current = 0
    /// The values each disputed field takes (a label's choices, a rubric dimension's levels).
    public var scales: [JudgedField: [String]] = [:]

    public init(scope: String, previousFilterText: String, previousFilter: FilterQuery, previousViewName: String?) {
        self.scope = scope
        self.previousFilterText = previousFilterText
        self.previousFilter = previousFilter
        self.previousViewName = previousViewName
    }

    /// The dispute the keys decide or reopen.
    public var shown: DisputeDetail? { disputes.indices.contains(current) ? disputes[current] : nil }

    /// The competing values in the order the keys pick them: each distinct value once, oldest first.
    public static func choices(_ dispute: DisputeDetail) -> [String] {
        var seen: [String] = []
        for judgment in dispute.competing {
            if let value = judgment.value, !seen.contains(value) { seen.append(value) }
        }
        return seen
    }
}
