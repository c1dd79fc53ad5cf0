import WinnowStore

/// Near-duplicate suggestions on the selected item: merge its suggested group (or one pair),
/// say a pair or the whole group are not duplicates, move the highlight between its likely
/// duplicates, apply the labels its similar items suggest, and open the dedupe view.
extension Reducer {
    static let suggestionCommands: Set<CommandID> = [.acceptSuggested, .acceptSuggestedPair, .rejectSuggestedPair, .rejectSuggestedGroup,
                                                     .nextLikelyDuplicate, .previousLikelyDuplicate, .applySuggestedLabels,
                                                     .dedupeView, .dedupeExpand]

    /// The suggestions shown for the selected item, if they are its own (not a previous item's).
    static func shownSuggestions(_ state: AppState) -> DuplicateSuggestions? {
        guard let row = state.selectedRow, let suggestions = state.suggestions, suggestions.itemID == row.id,
              state.detail?.row.id == row.id else { return nil }
        return suggestions
    }

    static func suggestionUnavailableReason(_ id: CommandID, _ state: AppState) -> String? {
        // In the dedupe view they act on its selection, which says itself when there is none.
        if state.dedupe != nil, dedupeCommands.contains(id) { return nil }
        switch id {
        case .dedupeView: return nil
        case .dedupeExpand: return "only in the dedupe view (\(state.keymap.keys(for: .dedupeView).first?.label ?? ":dupes") opens it)"
        default: break
        }
        guard state.selectedRow != nil else { return "no item selected" }
        guard let suggestions = shownSuggestions(state) else { return "the item's suggestions are still loading" }
        if id == .applySuggestedLabels {
            return suggestions.labels == nil ? "no labels to suggest: the item is triaged, or no similar item is" : nil
        }
        guard suggestions.group != nil, !suggestions.likely.isEmpty else { return "the item has no suggested duplicates" }
        return nil
    }

    static func runSuggestions(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        if id == .dedupeView { return toggleDedupeView(&state) }
        guard var suggestions = shownSuggestions(state) else { return [] }
        let item = suggestions.itemID
        switch id {
        case .applySuggestedLabels:
            guard let labels = suggestions.labels else { return [] }
            return [.applySuggestedLabels(item: item, labels, versions: seenVersions([item], state))]
        case .nextLikelyDuplicate, .previousLikelyDuplicate:
            let count = suggestions.likely.count
            suggestions.highlighted = (suggestions.highlighted + (id == .nextLikelyDuplicate ? 1 : count - 1)) % count
            state.suggestions = suggestions
            let other = suggestions.likely[suggestions.highlighted]
            state.message = .init(text: "Likely duplicate \(suggestions.highlighted + 1) of \(count): #\(other.itemID)", isError: false)
            return []
        default:
            break
        }
        guard let group = suggestions.group, let other = suggestions.highlightedMember else { return [] }
        switch id {
        case .acceptSuggested:
            return [acceptGroup(group)]
        case .acceptSuggestedPair:
            guard let own = suggestions.ownMember else { return [] }
            let canonical = DuplicateSuggestions.canonical(of: own, other, in: group)
            let duplicate = canonical.itemID == own.itemID ? other : own
            return [.acceptDuplicates([duplicate.itemID], into: canonical.itemID,
                                      versions: [duplicate.itemID: duplicate.version, canonical.itemID: canonical.version])]
        case .rejectSuggestedPair:
            return [.rejectDuplicates([other.itemID], of: [item])]
        case .rejectSuggestedGroup:
            askToRejectGroup(&state, group)
            return []
        default:
            return []
        }
    }

    /// Every other member of the group joins its canonical, each checked at the version shown.
    static func acceptGroup(_ group: DuplicateGroup) -> Effect {
        .acceptDuplicates(group.duplicates.map(\.itemID), into: group.canonical.itemID,
                          versions: Dictionary(uniqueKeysWithValues: group.members.map { ($0.itemID, $0.version) }))
    }

    /// A rejection has no undo, so saying a whole group is not duplicates asks first.
    static func askToRejectGroup(_ state: inout AppState, _ group: DuplicateGroup) {
        let members = group.members.map(\.itemID)
        state.confirmation = .init(question: "Not duplicates: never suggest the \(group.size) items of #\(group.canonical.itemID)'s group together again (no undo)? y/n",
                                   effect: .rejectDuplicates(members, of: members))
    }

    static func suggestionsLoaded(_ state: inout AppState, itemID: Int64, _ suggestions: DuplicateSuggestions?) {
        guard state.detail?.row.id == itemID else { return }
        // Nothing suggested is an answer too: the keys then say so, not that it is loading.
        var suggestions = suggestions ?? DuplicateSuggestions(itemID: itemID, group: nil, likely: [], labels: nil)
        // Reloaded for the same item (after a change): the highlight stays on the same duplicate.
        if let previous = state.suggestions, previous.itemID == itemID, let kept = previous.highlightedMember,
           let index = suggestions.likely.firstIndex(where: { $0.itemID == kept.itemID }) {
            suggestions.highlighted = index
        }
        state.suggestions = suggestions
    }
}
