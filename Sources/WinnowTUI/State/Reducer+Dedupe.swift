import WinnowStore

/// The dedupe view's slice of the reducer: move over the groups, expand one to its members, and
/// the suggestion keys acting on the selected group or member.
extension Reducer {
    static let dedupeCommands: Set<CommandID> = [.acceptSuggested, .acceptSuggestedPair, .rejectSuggestedPair, .rejectSuggestedGroup,
                                                 .dedupeExpand]

    static func toggleDedupeView(_ state: inout AppState) -> [Effect] {
        if state.dedupe != nil {
            state.dedupe = nil
            return []
        }
        state.dedupe = DedupeView()
        return [.loadDuplicateGroups(opening: true)]
    }

    static func dedupeKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let command = state.keymap.command(for: key, in: state.keyContexts) else {
            state.message = .init(text: "\(key.label) is not bound in the dedupe view (press ? for keys)", isError: false)
            return []
        }
        return runInDedupeView(&state, command)
    }

    static func runInDedupeView(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard var view = state.dedupe else { return [] }
        let last = max(0, view.rows.count - 1)
        switch id {
        case .moveDown: view.selected = min(last, view.selected + 1)
        case .moveUp: view.selected = max(0, view.selected - 1)
        case .pageDown: view.selected = min(last, view.selected + max(1, state.layout.bodyHeight / 2))
        case .pageUp: view.selected = max(0, view.selected - max(1, state.layout.bodyHeight / 2))
        case .goTop: view.selected = 0
        case .goBottom: view.selected = last
        case .back, .cancel, .dedupeView:
            state.dedupe = nil
            return []
        case .dedupeExpand:
            guard let group = view.selectedGroup else { return [] }
            if view.expanded.contains(group.id) {
                view.expanded.remove(group.id)
                // The selection goes back to the group's own row.
                view.selected = view.rows.firstIndex(of: .group(view.groups.firstIndex(of: group)!)) ?? 0
            } else {
                view.expanded.insert(group.id)
            }
        case .acceptSuggested, .acceptSuggestedPair, .rejectSuggestedPair, .rejectSuggestedGroup:
            return actOnDedupeSelection(&state, id, view)
        case .undo, .redo:
            return run(&state, id, argument: nil) + [.loadDuplicateGroups(opening: false)]
        case _ where commandsAnywhere.contains(id):
            return run(&state, id, argument: nil)
        default:
            let back = state.keymap.keys(for: .back).first.map(\.label) ?? ":back"
            state.message = .init(text: "\(id.rawValue): not in the dedupe view (\(back) goes back to the queue)", isError: true)
            return []
        }
        state.dedupe = view
        return []
    }

    /// On a group's row the keys act on the group; on a member's row `m` merges that member
    /// alone into the canonical and `b` takes it out of the group.
    static func actOnDedupeSelection(_ state: inout AppState, _ id: CommandID, _ view: DedupeView) -> [Effect] {
        guard let row = view.selectedRow, let group = view.selectedGroup else {
            state.message = .init(text: view.loading ? "The groups are still loading" : "No suggested duplicates", isError: false)
            return []
        }
        var member: DuplicateMember?
        if case .member(_, let m) = row { member = group.members[m] }
        switch id {
        case .rejectSuggestedGroup:
            askToRejectGroup(&state, group)
            return []
        case .rejectSuggestedPair:
            guard let member else {
                askToRejectGroup(&state, group)
                return []
            }
            let others = group.members.map(\.itemID).filter { $0 != member.itemID }
            return [.rejectDuplicates([member.itemID], of: others)]
        default:
            guard let member else { return [acceptGroup(group)] }
            guard member.itemID != group.canonical.itemID else {
                let key = state.keymap.keys(for: .acceptSuggested).first.map(\.label) ?? ":merge_suggested"
                state.message = .init(text: "#\(member.itemID) is the canonical: \(key) on the group's row merges the others into it", isError: false)
                return []
            }
            return [.acceptDuplicates([member.itemID], into: group.canonical.itemID,
                                      versions: [member.itemID: member.version, group.canonical.itemID: group.canonical.version])]
        }
    }

    static func duplicateGroupsLoaded(_ state: inout AppState, _ groups: [DuplicateGroup], opening: Bool) {
        guard var view = state.dedupe else { return }
        if opening {
            view.fresh = Dictionary(uniqueKeysWithValues: groups.filter(\.grown).map { ($0.id, $0.seenSize == nil ? "new" : "grown") })
        }
        view.replaceGroups(groups)
        state.dedupe = view
    }
}
