import WinnowCore
import WinnowStore

/// Where the cursor lands after a change: an action, its undo and its redo follow this one rule,
/// so a redo leaves the cursor where the action it repeats did.
enum CursorAfterChange: Equatable {
    /// Keep this item selected, wherever it now sits in the queue.
    case item(Int64)
    /// No item to follow: this queue position.
    case position(Int)

    /// - `departed`: the items the change took out of their place (see `departed(_:stillInView:sort:)`).
    /// - `showsChange`: an undo or a redo, whose effect the reviewer must see: when it did not touch
    ///   the selected item, the first item it changed that is still in place is selected (an undone
    ///   close brings the item back under the cursor).
    ///
    /// Otherwise the selected item stays selected, unless it departed: then the cursor lands on the
    /// first loaded item below it that did not depart, the next unprocessed one. Items that slide up
    /// past the cursor are never skipped, however many marked items above it left.
    static func target(after changeSet: ChangeSet, departed: Set<Int64>, showsChange: Bool, in state: AppState) -> CursorAfterChange {
        let selected = state.selectedRow?.id
        if showsChange, !touches(changeSet, selected),
           let shown = changeSet.changes.map(\.itemID).first(where: { !departed.contains($0) }) {
            return .item(shown)
        }
        guard let selected else { return .position(state.cursor) }
        guard departed.contains(selected) else { return .item(selected) }
        let index = state.cursor - state.windowStart
        if let next = state.rows.dropFirst(index + 1).first(where: { !departed.contains($0.id) }) { return .item(next.id) }
        // Nothing stayed below it among the loaded rows: the position, less what left above it.
        let departedAbove = state.rows.prefix(max(0, index)).filter { departed.contains($0.id) }.count
        return .position(state.cursor - departedAbove)
    }

    /// Whether the change touched `item`: changed one of its fields, or merged items into it or out of it.
    static func touches(_ changeSet: ChangeSet, _ item: Int64?) -> Bool {
        guard let item else { return false }
        let name = String(item)
        return changeSet.changes.contains { $0.itemID == item || ($0.field == "canonical" && ($0.newValue == name || $0.oldValue == name)) }
    }

    /// The changed items that left their place: those the filter no longer matches, and in queue
    /// order (open items first) those that left the open part and sank below it.
    static func departed(_ changeSet: ChangeSet, stillInView: Set<Int64>, sort: QueueSort) -> Set<Int64> {
        var departed = Set(changeSet.changes.map(\.itemID)).subtracting(stillInView)
        if sort == .queue { departed.formUnion(changeSet.changes.filter(leavesOpenQueue).map(\.itemID)) }
        return departed
    }

    /// A status going from open to closed, or a merge making the item a duplicate.
    static func leavesOpenQueue(_ change: FieldChange) -> Bool {
        switch change.field {
        case LabelField.status.rawValue:
            let old = change.oldValue.flatMap(ItemStatus.init(rawValue:)) ?? .new
            guard let new = change.newValue.flatMap(ItemStatus.init(rawValue:)) else { return false }
            return old.isOpen && !new.isOpen
        case "canonical":
            return change.oldValue == nil && change.newValue != nil
        default:
            return false
        }
    }
}
