import WinnowStore

/// What the store suggests about the item in the detail: its likely duplicates, one of them
/// highlighted (its prompt is diffed against the item's, and the pair keys act on it), and the
/// labels its most similar triaged items agree on.
public struct DuplicateSuggestions: Equatable, Sendable {
    public var itemID: Int64
    /// The item's suggested group, canonical first (nil: no likely duplicates).
    public var group: DuplicateGroup?
    /// The group's other members, each with its similarity to this item, most similar first.
    public var likely: [DuplicateMember]
    public var highlighted = 0
    public var labels: LabelSuggestion?

    public init(itemID: Int64, group: DuplicateGroup?, likely: [DuplicateMember], labels: LabelSuggestion?) {
        self.itemID = itemID
        self.group = group
        self.likely = likely
        self.labels = labels
    }

    public var highlightedMember: DuplicateMember? { likely.indices.contains(highlighted) ? likely[highlighted] : nil }

    /// The item itself as a member of its group, with the version the group was read at.
    public var ownMember: DuplicateMember? { group?.members.first { $0.itemID == itemID } }

    /// Which of a pair the other joins: the group's canonical when it is one of them, else the
    /// one the group would pick (triaged first, then the oldest).
    static func canonical(of a: DuplicateMember, _ b: DuplicateMember, in group: DuplicateGroup) -> DuplicateMember {
        if group.canonical.itemID == a.itemID { return a }
        if group.canonical.itemID == b.itemID { return b }
        if a.isTriaged != b.isTriaged { return a.isTriaged ? a : b }
        if a.timestampMillis != b.timestampMillis { return a.timestampMillis < b.timestampMillis ? a : b }
        return a.itemID < b.itemID ? a : b
    }
}
