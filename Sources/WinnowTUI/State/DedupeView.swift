import WinnowStore

/// The dedupe view's room: every suggested group, heaviest first, one row selected; an expanded
/// group shows its members as rows of their own under it.
public struct DedupeView: Equatable, Sendable {
    public enum Row: Equatable, Sendable {
        case group(Int)
        /// A member of an expanded group: the group's index, the member's index in it.
        case member(group: Int, member: Int)
    }

    public var groups: [DuplicateGroup] = []
    /// The groups are read in the background: until then the view says it is loading.
    public var loading = true
    /// Groups that were new (never seen) or had grown when the view opened, with that word:
    /// marked as such until it closes.
    public var fresh: [Int64: String] = [:]
    public var expanded: Set<Int64> = []
    public var selected = 0

    public init() {}

    public var rows: [Row] {
        var out: [Row] = []
        for (g, group) in groups.enumerated() {
            out.append(.group(g))
            if expanded.contains(group.id) { out += group.members.indices.map { .member(group: g, member: $0) } }
        }
        return out
    }

    public var selectedRow: Row? {
        let all = rows
        return all.indices.contains(selected) ? all[selected] : nil
    }

    public var selectedGroup: DuplicateGroup? {
        switch selectedRow {
        case .group(let g)?, .member(let g, _)?: groups[g]
        case nil: nil
        }
    }

    /// New groups arrive: the selection stays on the same group (or member) when it is still
    /// there, else on the same position.
    mutating func replaceGroups(_ new: [DuplicateGroup]) {
        let before = selectedRow.map { row -> (Int64, Int64?) in
            switch row {
            case .group(let g): (groups[g].id, nil)
            case .member(let g, let m): (groups[g].id, groups[g].members[m].itemID)
            }
        }
        groups = new
        loading = false
        expanded = expanded.intersection(new.map(\.id))
        if let (groupID, itemID) = before, let index = rows.firstIndex(where: { row in
            switch row {
            case .group(let g): itemID == nil && groups[g].id == groupID
            case .member(let g, let m): groups[g].id == groupID && groups[g].members[m].itemID == itemID
            }
        }) {
            selected = index
        }
        selected = max(0, min(selected, rows.count - 1))
    }
}
