import Foundation
import GRDB
import WinnowCore

public enum UndoError: Error, CustomStringConvertible, Equatable {
    /// The field's value is no longer what the action set: someone changed it since.
    case changedSince(item: Int64, field: String, by: String)
    case nothingToUndo
    case unknownField(String)

    public var description: String {
        switch self {
        case .changedSince(let item, let field, let by):
            "cannot undo: \(field) of #\(item) was changed since by \(by); nothing was changed"
        case .nothingToUndo: "nothing to undo"
        case .unknownField(let field): "cannot undo a change of `\(field)`"
        }
    }
}

extension Store {
    /// Undoes an action by writing its inverse (new → old) as a new action through the one write
    /// path (claims apply; nothing is deleted). Checked against the versions the action left
    /// (`changeSet.versionsAfter`): refused as a whole, naming who, when anyone changed any of its
    /// items since. Returns the compensating change set; undoing that with `recordedAs: "redo"` is
    /// a redo.
    @discardableResult
    public func undo(_ changeSet: ChangeSet, by identity: Identity, recordedAs action: String = "undo",
                     at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        guard !changeSet.changes.isEmpty else { throw UndoError.nothingToUndo }
        let fields = try changeSet.changes.map { change -> ItemField in
            guard let field = ItemField(rawValue: change.field) else { throw UndoError.unknownField(change.field) }
            return field
        }
        // The audit log names actions by id, so the compensating records point at the one they undo.
        let reason = changeSet.actionID.map { "\(action) of action #\($0)" } ?? "\(action) of \(changeSet.action)"
        do {
            return try change(action, by: identity, expectedVersions: changeSet.versionsAfter, versionsFirst: true,
                              reason: reason, at: millis) { writer in
                for (change, field) in zip(changeSet.changes, fields) {
                    guard try writer.current(field, of: change.itemID) == change.newValue else {
                        let by = try Self.lastChanger(change.field, item: change.itemID, db: writer.db) ?? "another reviewer"
                        throw UndoError.changedSince(item: change.itemID, field: change.field, by: by)
                    }
                }
                for (change, field) in zip(changeSet.changes, fields).reversed() {
                    try writer.set(field, of: change.itemID, to: change.oldValue)
                }
            }
        } catch ConcurrencyError.changedMeanwhile(let item, let by, let changedFields, _) {
            // Repeating an undo cannot help, so it is said as an undo that no longer applies.
            var named = Set<String>()
            let fields = changedFields.filter { named.insert($0).inserted }
            let field = fields.isEmpty ? "the item" : fields.joined(separator: ", ")
            throw UndoError.changedSince(item: item, field: field, by: by)
        }
    }

    /// Redoes an undone action: the undo's compensating change set undone again, recorded as "redo".
    @discardableResult
    public func redo(_ compensating: ChangeSet, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try undo(compensating, by: identity, recordedAs: "redo", at: millis)
    }
}

extension ChangeSet {
    /// This action as it must be checked after `reversal` undid (or redid) `reversed`: each item
    /// `reversed` changed is back in the state it found, under the version `reversal` left, so an
    /// expectation of that state becomes an expectation of the new version. Anything else is left
    /// alone, so a colleague's change in between still refuses this action's undo.
    public func expecting(stateRestoredBy reversal: ChangeSet, reversing reversed: ChangeSet) -> ChangeSet {
        var copy = self
        for (item, expected) in versionsAfter {
            guard reversed.versionsBefore[item] == expected, let restored = reversal.versionsAfter[item] else { continue }
            copy.versionsAfter[item] = restored
        }
        return copy
    }
}
