/// Orders of the queue. Each is served by an index, so any page of a million items is a range scan.
public enum QueueSort: String, CaseIterable, Sendable {
    /// Open items first, then by signal weight, then newest: the triage order.
    case queue
    case newest
    case oldest

    public var help: String {
        switch self {
        case .queue: "open items first, then by signal weight, then newest"
        case .newest: "newest first"
        case .oldest: "oldest first"
        }
    }

    /// Columns of the key, in order; all in one direction so row-value comparisons page by keyset.
    var keyColumns: [String] {
        switch self {
        case .queue: ["items.is_open", "items.weight", "items.ts_ms", "items.id"]
        case .newest, .oldest: ["items.ts_ms", "items.id"]
        }
    }

    public var descending: Bool { self != .oldest }
}
