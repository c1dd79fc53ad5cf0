import Foundation
import GRDB
import WinnowCore

/// Why an action named by its id cannot be undone from the command line.
public enum UndoActionError: Error, CustomStringConvertible, Equatable {
    case noSuchAction(Int64)
    case notUndoable(action: Int64, kind: String)
    case notYours(action: Int64, reviewer: String)
    case alreadyUndone(action: Int64, by: Int64)

    public var description: String {
        switch self {
        case .noSuchAction(let id): "there is no action #\(id) in the audit log (`winnow audit log` lists them)"
        case .notUndoable(let id, let kind):
            "action #\(id) (`\(kind)`) cannot be undone from the command line: labels, corrections, merges and their undos can"
        case .notYours(let id, let reviewer):
            "action #\(id) is \(reviewer)'s: only its reviewer or a lead can undo it"
        case .alreadyUndone(let id, let by): "action #\(id) was already undone by action #\(by) (undo #\(by) to redo it)"
        }
    }
}

extension Store {
    /// The actions the write path records field changes under, which an undo can reverse.
    static let undoableActions: Set<String> = ["label", "correct", "merge", "unmerge", "undo", "redo"]

    /// Undoes an action named by its audit id, as the queue's `u` undoes the session's last one: a
    /// new, compensating action through the same write path (`undo(_:)`), refused as a whole when
    /// anyone changed any of its items since (even back to the same value). The action is rebuilt
    /// from its audit records: each field change old → new. Only the action's reviewer, or a lead,
    /// may undo it; an undo of an undo is recorded as a redo.
    @discardableResult
    public func undoAction(_ id: Int64, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        let (action, versions) = try pool.read { db -> (ChangeSet, [Int64: Int]) in
            // A change's records are written in one transaction, one after another from its first
            // (`seq` = its id): read by the primary key until the action ends.
            var records: [Row] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT seq, reviewer, action, item_id, field, old_value, new_value, action_id FROM audit WHERE seq >= ? ORDER BY seq
                """, arguments: [id])
            while let row = try cursor.next(), (row["action_id"] as Int64?) == id { records.append(row.copy()) }
            guard let first = records.first else { throw UndoActionError.noSuchAction(id) }
            let reviewer: String = first["reviewer"]
            if reviewer != identity.reviewer, !config.isSingleUser, !(config.roles(of: identity.reviewer) ?? []).contains(.lead) {
                throw UndoActionError.notYours(action: id, reviewer: reviewer)
            }
            var changes: [FieldChange] = []
            var kind: String = first["action"]
            for record in records {
                let name: String = record["action"]
                guard let field: String = record["field"], field != "claim" else { continue }
                guard Self.undoableActions.contains(name), ItemField(rawValue: field) != nil, let item: Int64 = record["item_id"] else {
                    throw UndoActionError.notUndoable(action: id, kind: name)
                }
                kind = name
                changes.append(FieldChange(itemID: item, field: field, oldValue: record["old_value"], newValue: record["new_value"]))
            }
            guard !changes.isEmpty else { throw UndoActionError.notUndoable(action: id, kind: kind) }
            let last: Int64 = records.last!["seq"]
            // Any later change to one of its items refuses the undo, as the queue's versions do; an
            // undo of this very action says so. Each alternative reads its own index.
            // A merge's (or unmerge's) canonical item changed too: its cluster, and so its version.
            let canonicals = changes.filter { $0.field == ItemField.canonical.rawValue }.flatMap { [$0.oldValue, $0.newValue] }
                .compactMap { $0.flatMap { Int64($0) } }
            let items = Array(Set(changes.map(\.itemID) + canonicals)).sorted()
            for item in items {
                let later = try Row.fetchAll(db, sql: """
                    SELECT seq, action_id, reviewer, field, reason FROM audit WHERE seq IN (
                        SELECT seq FROM audit WHERE item_id = :item AND seq > :last
                        UNION ALL SELECT seq FROM audit WHERE field = 'canonical' AND new_value = :canonical AND seq > :last
                        UNION ALL SELECT seq FROM audit WHERE field = 'canonical' AND old_value = :canonical AND seq > :last)
                    AND field IS NOT NULL AND old_value IS NOT new_value
                    AND action NOT IN ('claim', 'release', 'takeover', 'score', 'revise', 'skip')
                    ORDER BY seq
                    """, arguments: ["item": item, "last": last, "canonical": String(item)])
                if let undo = later.first(where: { ["undo of action #\(id)", "redo of action #\(id)"].contains($0["reason"] as String?) }) {
                    throw UndoActionError.alreadyUndone(action: id, by: undo["action_id"])
                }
                if let change = later.first {
                    throw UndoError.changedSince(item: item, field: change["field"], by: change["reviewer"])
                }
            }
            let versions = try Self.versions(of: items, db: db)
            return (ChangeSet(action: kind, changes: changes, auditSeqs: id...last, unchanged: 0), versions)
        }
        var undoable = action
        undoable.versionsAfter = versions
        return try undo(undoable, by: identity, recordedAs: action.action == "undo" ? "redo" : "undo", at: millis)
    }
}
