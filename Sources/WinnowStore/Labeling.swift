import Foundation
import GRDB
import WinnowCore

/// Fields a reviewer labels. Each label is a judgment (item, field, value, reviewer, time); in
/// ordinary triage it is accepted at once and the item's column caches it for the queue.
public enum LabelField: String, CaseIterable, Sendable {
    case severity, status
}

public enum LabelError: Error, CustomStringConvertible, Equatable {
    case invalidValue(field: LabelField, value: String, allowed: [String])
    case noItems

    public var description: String {
        switch self {
        case .invalidValue(let field, let value, let allowed):
            "\(field.rawValue) `\(value)` is not one of: \(allowed.joined(separator: ", "))"
        case .noItems: "no item to label"
        }
    }
}

public struct LabelOutcome: Equatable, Sendable {
    /// Items whose value changed.
    public var changed: Int
    /// Items that already had the value (nothing recorded for them).
    public var unchanged: Int
}

extension Store {
    /// The values a field accepts in this workspace.
    public func allowedValues(_ field: LabelField) -> [String] {
        switch field {
        case .severity: config.taxonomy.severities.map(\.code)
        case .status: [ItemStatus.triaged, .resolved, .wontFix, .new, .inReview].map(\.rawValue)
        }
    }

    /// Applies one label to items as one transaction: per changed item, an accepted judgment (the
    /// previous accepted one superseded), the item's cached column, and an audit record (old → new).
    @discardableResult
    public func applyLabel(_ field: LabelField, value: String, to itemIDs: [Int64], by identity: Identity,
                           reason: String? = nil, at millis: Int64 = Clock.nowMillis()) throws -> LabelOutcome {
        guard !itemIDs.isEmpty else { throw LabelError.noItems }
        let allowed = allowedValues(field)
        let canonical = field == .severity ? value.uppercased() : value
        guard allowed.contains(canonical) else {
            throw LabelError.invalidValue(field: field, value: value, allowed: allowed)
        }
        return try pool.write { db in
            var outcome = LabelOutcome(changed: 0, unchanged: 0)
            for id in itemIDs {
                guard let old = try Row.fetchOne(db, sql: "SELECT \(field.rawValue) AS value FROM items WHERE id = ?", arguments: [id]) else {
                    continue
                }
                let oldValue: String? = old["value"]
                if oldValue == canonical {
                    outcome.unchanged += 1
                    continue
                }
                try db.execute(sql: """
                    UPDATE judgments SET state = 'superseded' WHERE item_id = ? AND field = ? AND state = 'accepted'
                    """, arguments: [id, field.rawValue])
                try db.execute(sql: """
                    INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, note)
                    VALUES (?, ?, ?, ?, ?, ?, 'accepted', ?)
                    """, arguments: [id, field.rawValue, canonical, identity.reviewer, identity.osUser, millis, reason])
                switch field {
                case .severity:
                    try db.execute(sql: "UPDATE items SET severity = ?, version = version + 1, updated_ms = ? WHERE id = ?",
                                   arguments: [canonical, millis, id])
                case .status:
                    let open = ItemStatus(rawValue: canonical)?.isOpen ?? false
                    try db.execute(sql: "UPDATE items SET status = ?, is_open = ?, version = version + 1, updated_ms = ? WHERE id = ?",
                                   arguments: [canonical, open, millis, id])
                }
                try AuditLog.append(AuditEntry(action: "label", itemID: id, field: field.rawValue, oldValue: oldValue,
                                               newValue: canonical, reason: reason), by: identity, at: millis, db: db)
                outcome.changed += 1
            }
            return outcome
        }
    }
}
