import Foundation
import WinnowCore
import WinnowStore

/// The store side of near-duplicate suggestions: reading them with an item's detail, accepting
/// (the merge path, so `u` undoes it), rejecting (remembered, no undo), applying suggested labels,
/// and the dedupe view's groups, read in the background.
extension QueueSession {
    func performSuggestions(_ effect: Effect, state: AppState) throws -> [Action]? {
        switch effect {
        case .loadSuggestions(let item):
            return [.suggestionsLoaded(itemID: item, try suggestions(for: item))]
        case .acceptDuplicates(let duplicates, let canonical, let versions):
            let outcome = try store.acceptDuplicates(duplicates, into: canonical, by: identity, expectedVersions: versions, at: clock())
            let merged = outcome.changes.filter { $0.field == "canonical" && $0.newValue != nil }.count
            let undo = state.keymap.keys(for: .undo).first.map { " (\($0.label) undoes)" } ?? ""
            let text = "Merged \(merged) suggested duplicate\(merged == 1 ? "" : "s") into #\(canonical)\(undo)"
            reloadGroupsIfShown(state)
            return try changed(outcome, state, text)
        case .rejectDuplicates(let items, let others):
            let rejected = try store.rejectDuplicates(items, of: others, by: identity, at: clock())
            let text: String
            if items.count == 1, others.count == 1 {
                text = "#\(items[0]) and #\(others[0]) are not duplicates: never suggested together again (no undo)"
            } else if items.count == 1 {
                text = "#\(items[0]) is not a duplicate of the \(others.count) others: never suggested with them again (no undo)"
            } else {
                text = "Not duplicates: \(rejected) pair\(rejected == 1 ? "" : "s") of \(Set(items + others).count) items never suggested again (no undo)"
            }
            reloadGroupsIfShown(state)
            // Nothing of the items changed, but their markers and the detail's suggestions did.
            return try refreshed(state, message: text, recount: false)
        case .applySuggestedLabels(let item, let suggestion, let versions):
            let outcome = try store.applySuggestedLabels(suggestion, to: item, by: identity, expectedVersions: versions, at: clock())
            let from = suggestion.neighbours.map { "#\($0.item)" }.joined(separator: " ")
            let text = DisputeMessage.insteadOfOverwriting(outcome.disputesOpened, changed: !outcome.changes.isEmpty,
                                                           text: Self.describeApplied(suggestion.labels, outcome, source: "Suggested by \(from)"),
                                                           LabelWording(taxonomy: store.config.taxonomy))
            return try changed(outcome, state, text) + [.labelsApplied(suggestion.labels, items: [item])]
        case .loadDuplicateGroups(let opening):
            loadGroups(opening: opening)
            return []
        default:
            return nil
        }
    }

    /// The item's likely duplicates and suggested labels; nil when the store suggests neither.
    func suggestions(for item: Int64) throws -> DuplicateSuggestions? {
        guard store.config.dupes.enabled else { return nil }
        let group = try store.duplicateGroup(containing: item)
        let likely = group == nil ? [] : try store.likelyDuplicates(of: item)
        let labels = try store.suggestedLabels(for: item)
        guard group != nil || labels != nil else { return nil }
        return DuplicateSuggestions(itemID: item, group: group, likely: likely, labels: labels)
    }

    func reloadGroupsIfShown(_ state: AppState) {
        if state.dedupe != nil { loadGroups(opening: false) }
    }

    /// Reads the groups off the keystroke path; as the view opens, what it shows counts as seen.
    func loadGroups(opening: Bool) {
        let store = self.store
        let reviewer = identity.reviewer
        duplicateGroupWork.start { deliver in
            let groups: [DuplicateGroup]
            do {
                groups = try store.duplicateGroups(viewer: reviewer)
                if opening { try store.markDuplicateGroupsSeen(groups, by: reviewer) }
            } catch {
                _ = deliver(.message("The suggested duplicates could not be read: \(error)", isError: true))
                return
            }
            _ = deliver(.duplicateGroupsLoaded(groups, opening: opening))
        }
    }

    public var isLoadingDuplicateGroups: Bool { duplicateGroupWork.isRunning }

    /// Blocks until the dedupe view's groups are read; for tests.
    public func waitForDuplicateGroups() { duplicateGroupWork.wait() }
}
