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

    /// Records a change for undo and returns the refreshed screen with `text` as the message, which
    /// says how many items a status change took out of the open queue.
    func changed(_ changeSet: ChangeSet, _ state: AppState, _ text: String, undoable: Bool = true) throws -> [Action] {
        if undoable, !changeSet.isEmpty {
            undoStack.append(UndoEntry(changeSet: changeSet, summary: Self.describe(changeSet)))
            if undoStack.count > Self.undoLimit { undoStack.removeFirst() }
            redoStack.removeAll()
        }
        let closed = Self.closedItems(changeSet)
        let message = closed.isEmpty ? text
            : closed.count == 1 ? "\(text): #\(closed[0]) left the open queue"
            : "\(text): \(closed.count) left the open queue"
        return try afterChange(changeSet, state, message: message, showsChange: false)
    }

    /// The items whose status the change moved from an open one to a closed one, in the order changed.
    static func closedItems(_ changeSet: ChangeSet) -> [Int64] {
        var seen = Set<Int64>()
        return changeSet.changes.filter { $0.field == LabelField.status.rawValue && CursorAfterChange.leavesOpenQueue($0) }
            .map(\.itemID).filter { seen.insert($0).inserted }
    }

    /// The refreshed screen after a change, its undo or its redo: the cursor where
    /// `CursorAfterChange` puts it, and the marks that still apply, at the versions the change left
    /// (else the next bulk action would be refused as acting on stale versions).
    func afterChange(_ changeSet: ChangeSet, _ state: AppState, message: String, showsChange: Bool) throws -> [Action] {
        let inView = try reader.matching(Array(Set(changeSet.changes.map(\.itemID)).union(state.marked)), filter(for: state))
        let departed = CursorAfterChange.departed(changeSet, stillInView: inView, sort: state.sort)
        var actions: [Action]
        switch CursorAfterChange.target(after: changeSet, departed: departed, showsChange: showsChange, in: state) {
        case .item(let item): actions = try refreshed(state, message: message, keeping: item)
        case .position(let position): actions = try refreshed(state, message: message, followsItem: false, position: position)
        }
        if !state.marked.isEmpty {
            // Marking duplicates is what a merge was for: once merged they are done, and a label
            // meant for the canonical must not reach them (the canonical's labels stand for them).
            let merged = changeSet.action == "merge"
                ? Set(changeSet.changes.filter { $0.field == "canonical" && $0.newValue != nil }.map(\.itemID)) : []
            actions.insert(.marksRefreshed(stillInView: inView.intersection(state.marked).subtracting(merged),
                                           versions: changeSet.versionsAfter), at: 0)
        }
        return actions
    }

    /// `recount`: the change can move items in or out of the queue (a claim cannot), so the counts
    /// and a search's hits are gathered again.
    /// `followsItem`: false shows whatever item is at `position` (the cursor's, unless given) now.
    func refreshed(_ state: AppState, message: String?, isError: Bool = false, keeping item: Int64? = nil,
                   recount: Bool = true, followsItem: Bool = true, position: Int? = nil) throws -> [Action] {
        if recount { hits = nil }
        let selected = followsItem ? item ?? state.selectedRow?.id : nil
        // Without a recount nothing moved: the selected item is still where the screen has it.
        let known = !recount && selected == state.selectedRow?.id ? state.cursor : nil
        var actions = [try window(state, keeping: selected, position: position ?? state.cursor, recount: recount, countInBackground: recount,
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
            let wording = LabelWording(taxonomy: store.config.taxonomy)
            var text = LabelMessage.text(field, value: value, outcome: outcome, wording: wording)
            text = DisputeMessage.insteadOfOverwriting(outcome.disputesOpened, changed: !outcome.changes.isEmpty, text: text, wording)
            return try changed(outcome, state, text) + [.labelsApplied([field: value], items: items)]
        case .applyLabels(let labels, let items, let versions, let source):
            let outcome = try store.applyLabels(labels, to: items, by: identity, expectedVersions: versions, at: clock())
            let text = DisputeMessage.insteadOfOverwriting(outcome.disputesOpened, changed: !outcome.changes.isEmpty,
                                                           text: Self.describeApplied(labels, outcome, source: source),
                                                           LabelWording(taxonomy: store.config.taxonomy))
            return try changed(outcome, state, text) + [.labelsApplied(labels, items: items)]
        case .undo:
            guard let last = undoStack.popLast() else { return [.message("Nothing to undo", isError: true)] }
            do {
                let compensating = try store.undo(last.changeSet, by: identity, at: clock())
                carryExpectations(reversed: last.changeSet, by: compensating)
                redoStack.append(UndoEntry(changeSet: compensating, summary: last.summary))
                return try afterChange(compensating, state, message: "Undid \(last.summary)", showsChange: true)
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
                return try afterChange(again, state, message: "Redid \(last.summary)", showsChange: true)
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
        case .openEditor(let item):
            // Writing a correction is work on the item: it must be claimable by this reviewer.
            _ = try store.claim(item, by: identity, at: clock())
            noteClaimed(item)
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
