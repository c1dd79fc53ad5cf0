import Foundation
import WinnowCore
import WinnowStore

/// The store side of triage work: every change goes through one path that records it for undo,
/// then shows the fresh queue, the fresh detail and what happened.
extension QueueSession {
    /// The versions of `items` as this screen last saw them, so a change made meanwhile by someone
    /// else is refused instead of silently overwritten.
    func seenVersions(_ items: [Int64], _ state: AppState) -> [Int64: Int] {
        Reducer.seenVersions(items, state)
    }

    /// After `reversal` undid or redid `reversed`, the entries left on both stacks expect the
    /// versions it left wherever they expected the state it restored.
    func carryExpectations(reversed: ChangeSet, by reversal: ChangeSet) {
        for index in undoStack.indices {
            undoStack[index].changeSet = undoStack[index].changeSet.expecting(stateRestoredBy: reversal, reversing: reversed)
        }
        for index in redoStack.indices {
            redoStack[index].changeSet = redoStack[index].changeSet.expecting(stateRestoredBy: reversal, reversing: reversed)
        }
    }

    /// Records a change for undo and returns the refreshed screen with `text` as the message.
    /// The cursor stays on the changed item, unless the change closed it in the queue order
    /// (open items first): then it stays in place and the next item slides under it, as a
    /// reviewer working down the queue expects, instead of following the item to the far end.
    func changed(_ changeSet: ChangeSet, _ state: AppState, _ text: String, undoable: Bool = true) throws -> [Action] {
        if undoable, !changeSet.isEmpty {
            undoStack.append(UndoEntry(changeSet: changeSet, summary: Self.describe(changeSet)))
            if undoStack.count > Self.undoLimit { undoStack.removeFirst() }
            redoStack.removeAll()
        }
        if state.sort == .queue, let selected = state.selectedRow?.id, Self.closes(changeSet, item: selected) {
            return try refreshed(state, message: "\(text): #\(selected) left the open queue", followsItem: false)
        }
        return try refreshed(state, message: text)
    }

    /// Whether the change set moved `item` from an open status to a closed one.
    static func closes(_ changeSet: ChangeSet, item: Int64) -> Bool {
        changeSet.changes.contains { change in
            guard change.itemID == item, change.field == LabelField.status.rawValue,
                  let old = change.oldValue.flatMap(ItemStatus.init(rawValue:)) ?? .some(.new),
                  let new = change.newValue.flatMap(ItemStatus.init(rawValue:)) else { return false }
            return old.isOpen && !new.isOpen
        }
    }

    /// `recount`: the change can move items in or out of the queue (a claim cannot), so the counts
    /// and a search's hits are gathered again.
    /// `followsItem`: false keeps the cursor's position and shows whatever item is there now.
    func refreshed(_ state: AppState, message: String?, isError: Bool = false, keeping item: Int64? = nil,
                   recount: Bool = true, followsItem: Bool = true) throws -> [Action] {
        if recount { hits = nil }
        let selected = followsItem ? item ?? state.selectedRow?.id : nil
        // Without a recount nothing moved: the selected item is still where the screen has it.
        let known = !recount && selected == state.selectedRow?.id ? state.cursor : nil
        var actions = [try window(state, keeping: selected, position: state.cursor, recount: recount, countInBackground: recount,
                                  knownIndex: known)]
        if let selected { actions.append(.detailLoaded(try reader.detail(id: selected))) }
        actions.append(.undoDepth(undo: undoStack.count, redo: redoStack.count))
        if let message { actions.append(.message(message, isError: isError)) }
        return actions
    }

    static let undoLimit = 200

    func performWork(_ effect: Effect, state: AppState) throws -> [Action]? {
        switch effect {
        case .label(let field, let value, let items, let versions):
            let outcome = try store.applyLabel(field, value: value, to: items, by: identity, expectedVersions: versions, at: clock())
            let text = LabelMessage.text(field, value: value, outcome: outcome, wording: LabelWording(taxonomy: store.config.taxonomy))
            return try changed(outcome, state, text)
        case .undo:
            guard let last = undoStack.popLast() else { return [.message("Nothing to undo", isError: true)] }
            do {
                let compensating = try store.undo(last.changeSet, by: identity, at: clock())
                carryExpectations(reversed: last.changeSet, by: compensating)
                redoStack.append(UndoEntry(changeSet: compensating, summary: last.summary))
                return try refreshed(state, message: "Undid \(last.summary)", keeping: last.itemToShow(state))
            } catch {
                // A refused undo stays on the stack only if it may work later; a conflict will not.
                if !(error is UndoError) { undoStack.append(last) }
                throw error
            }
        case .redo:
            guard let last = redoStack.popLast() else { return [.message("Nothing to redo", isError: true)] }
            do {
                let again = try store.redo(last.changeSet, by: identity, at: clock())
                carryExpectations(reversed: last.changeSet, by: again)
                undoStack.append(UndoEntry(changeSet: again, summary: last.summary))
                return try refreshed(state, message: "Redid \(last.summary)", keeping: last.itemToShow(state))
            } catch {
                if !(error is UndoError) { redoStack.append(last) }
                throw error
            }
        case .merge(let duplicates, let canonical, var versions):
            // `:merge ID` may name an item the reviewer never had on screen: they chose it by number,
            // not by its state, and a merge writes none of its fields, so its version now is the one acted on.
            if versions[canonical] == nil { versions.merge(try store.versions(of: [canonical])) { seen, _ in seen } }
            let outcome = try store.merge(duplicates, into: canonical, by: identity, expectedVersions: versions, at: clock())
            return try changed(outcome, state, "Merged \(duplicates.count) item\(duplicates.count == 1 ? "" : "s") into #\(canonical): they leave the open queue (U unmerges)", )
        case .unmerge(let items, let versions):
            let outcome = try store.unmerge(items, by: identity, expectedVersions: versions, at: clock())
            let count = outcome.changes.filter { $0.field == "canonical" }.count
            return try changed(outcome, state, "Unmerged \(count) item\(count == 1 ? "" : "s"): back in the queue")
        case .acceptCorrection(let item):
            let outcome = try store.acceptArrivedCorrection(on: item, by: identity, expectedVersions: seenVersions([item], state), at: clock())
            return try changed(outcome, state, "Accepted the correction that arrived with #\(item)")
        case .rejectCorrection(let item):
            let outcome = try store.rejectArrivedCorrection(on: item, by: identity, expectedVersions: seenVersions([item], state), at: clock())
            return try changed(outcome, state, "Rejected the correction that arrived with #\(item)")
        case .takeNext:
            // Another reviewer may take the same item between the read and the claim: try the next.
            for _ in 0..<8 {
                guard let row = try reader.nextUnclaimed(filter(for: state), sort: state.sort, now: clock()) else {
                    return [.message("No unclaimed open item left\(state.filter.isEmpty ? "" : " in the filtered queue")", isError: false)]
                }
                do {
                    _ = try store.claim(row.id, by: identity, at: clock())
                    return try refreshed(state, message: "Took #\(row.id): claimed for \(store.config.leaseMinutes) min, renewed as you work", keeping: row.id)
                } catch ClaimError.heldBy {
                    continue
                }
            }
            return [.message("Other reviewers keep taking the next items; try again", isError: true)]
        case .claim(let item):
            do {
                let outcome = try store.claim(item, by: identity, at: clock())
                let text = outcome == .renewed ? "Your claim on #\(item) is renewed for \(store.config.leaseMinutes) min"
                    : "Claimed #\(item) for \(store.config.leaseMinutes) min"
                return try refreshed(state, message: text, recount: false)
            } catch let error as ClaimError {
                // Reading someone else's item is fine; it just cannot be changed.
                return try refreshed(state, message: error.description + " — you can read it, not change it", recount: false)
            }
        case .release(let item):
            let released = try store.releaseClaim(item, by: identity, at: clock())
            return try refreshed(state, message: released ? "Released #\(item)" : "You hold no claim on #\(item)", isError: !released,
                                 recount: false)
        case .takeOver(let item, let reason):
            let previous = state.selectedRow?.activeClaim(now: clock())
            try store.takeOver(item, by: identity, reason: reason, at: clock())
            return try refreshed(state, message: "Took over #\(item)\(previous.map { " from \($0)" } ?? "") (recorded in its history)",
                                 recount: false)
        case .openEditor(let item):
            // Writing a correction is work on the item: it must be claimable by this reviewer.
            _ = try store.claim(item, by: identity, at: clock())
            guard let detail = try reader.detail(id: item) else { return [.message("Item #\(item) is gone", isError: true)] }
            if let draft = try store.draft(item: item, reviewer: identity.reviewer) {
                return [.detailLoaded(detail), .editorOpened(itemID: item, text: draft.text, source: "your draft", fromDraft: true,
                                                             version: detail.version)]
            }
            let (text, source): (String, String) =
                if let correction = detail.correction { (correction, "the current correction") }
                else if let arrived = detail.arrivedCorrection, detail.correctionState != "rejected" { (arrived, "the correction that arrived") }
                else { (detail.response, "the response") }
            return [.detailLoaded(detail), .editorOpened(itemID: item, text: text, source: source, fromDraft: false, version: detail.version)]
        case .saveCorrection(let item, let text, let baseVersion):
            let outcome: ChangeSet
            do {
                outcome = try store.setCorrection(text, on: item, by: identity, expectedVersions: [item: baseVersion], at: clock())
            } catch let conflict as ConcurrencyError {
                // Keep the text in the editor; show what changed; a second ^S saves over it knowingly.
                let fresh = try reader.detail(id: item)
                return try refreshed(state, message: conflict.description, isError: true)
                    + [.editorRebased(itemID: item, version: fresh?.version ?? baseVersion)]
            }
            let words = text.split(whereSeparator: \.isWhitespace).count
            let message = outcome.isEmpty ? "Correction of #\(item) unchanged" : "Saved the correction of #\(item) (\(words) words)"
            return [.editorClosed(itemID: item)] + (try changed(outcome, state, message))
        case .saveDraft(let item, let text):
            try store.saveDraft(text, item: item, reviewer: identity.reviewer, at: clock())
            return []
        case .discardDraft(let item):
            _ = try store.deleteDraft(item: item, reviewer: identity.reviewer)
            return [.editorClosed(itemID: item), .message("Discarded the correction of #\(item)", isError: false)]
        case .findDrafts:
            let drafts = try store.drafts(reviewer: identity.reviewer)
            return drafts.isEmpty ? [] : [.draftsFound(drafts.map(\.itemID))]
        case .resumeDraft(let item):
            // Show the item even when the filter hides it: the draft is the reviewer's unfinished work.
            var actions = try refreshed(state, message: nil, keeping: item)
            actions += try performWork(.openEditor(item), state: state) ?? []
            return actions
        default:
            return nil
        }
    }

    /// One undoable action of this session, and how it reads in messages ("severity on 1 item").
    struct UndoEntry {
        var changeSet: ChangeSet
        var summary: String

        /// The selected item when the action touched it (or merged into it); else the first item it changed.
        func itemToShow(_ state: AppState) -> Int64? {
            let items = Set(changeSet.changes.map(\.itemID))
            if let selected = state.selectedRow?.id,
               items.contains(selected) || changeSet.changes.contains(where: { $0.field == "canonical" }) { return selected }
            return changeSet.changes.first?.itemID
        }
    }

    static func describe(_ changeSet: ChangeSet) -> String {
        let items = changeSet.changedItems
        // How the fields read to a reviewer: a correction's state is part of the correction.
        let fields = Array(Set(changeSet.changes.map(\.field).filter { $0 != "correction_state" || !changeSet.changes.contains { $0.field == "correction" } }))
            .sorted()
        let what = changeSet.action == "merge" || changeSet.action == "unmerge" ? changeSet.action
            : fields.joined(separator: ", ")
        return "\(what) on \(items) item\(items == 1 ? "" : "s")"
    }
}
