import Foundation
import GRDB
import WinnowCore

/// Fields a reviewer labels. Each label is a judgment (item, field, value, reviewer, time); in
/// ordinary triage it is accepted at once and the item's column caches it for the queue.
public enum LabelField: String, CaseIterable, Sendable {
    case severity, status, locus, reasons, owner, note, trainable

    /// The items column that caches the accepted value (a note lives in judgments only).
    var column: String? { self == .note ? nil : rawValue }
}

public enum LabelError: Error, CustomStringConvertible, Equatable {
    case invalidValue(field: LabelField, value: String, allowed: [String])
    case reasonsNeedLocus(item: Int64)
    case noItems

    public var description: String {
        switch self {
        case .invalidValue(let field, let value, let allowed):
            "\(field.rawValue) `\(value)` is not one of: \(allowed.joined(separator: ", "))"
        case .reasonsNeedLocus(let item): "item #\(item) has no failure locus yet: set the locus first (:locus NAME)"
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
    /// The values a field accepts in this workspace (empty: free text).
    public func allowedValues(_ field: LabelField) -> [String] {
        switch field {
        case .severity: config.taxonomy.severities.map(\.code)
        case .status: [ItemStatus.triaged, .resolved, .wontFix, .new, .inReview].map(\.rawValue)
        case .locus: config.taxonomy.loci.map(\.name)
        case .reasons: config.taxonomy.loci.flatMap(\.reasons)
        case .owner: config.owners
        case .trainable: ["yes", "no"]
        case .note: []
        }
    }

    /// The value as stored, or an error naming what is allowed.
    func canonicalValue(_ field: LabelField, _ value: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        func refuse(_ shown: String) -> LabelError {
            .invalidValue(field: field, value: shown, allowed: allowedValues(field))
        }
        switch field {
        case .severity:
            guard allowedValues(field).contains(trimmed.uppercased()) else { throw refuse(trimmed) }
            return trimmed.uppercased()
        case .note:
            return trimmed
        case .trainable:
            switch trimmed.lowercased() {
            case "yes", "y", "true", "1": return "1"
            case "no", "n", "false", "0": return "0"
            default: throw refuse(trimmed)
            }
        case .reasons:
            let codes = trimmed.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            for code in codes where !allowedValues(field).contains(code) { throw refuse(code) }
            return String(decoding: try JSONEncoder().encode(codes), as: UTF8.self)
        case .status, .locus, .owner:
            guard allowedValues(field).contains(trimmed) else { throw refuse(trimmed) }
            return trimmed
        }
    }

    /// Applies one label to items as one transaction: per changed item, an accepted judgment (the
    /// previous accepted one superseded), the item's cached column, and an audit record (old → new).
    @discardableResult
    public func applyLabel(_ field: LabelField, value: String, to itemIDs: [Int64], by identity: Identity,
                           reason: String? = nil, at millis: Int64 = Clock.nowMillis()) throws -> LabelOutcome {
        guard !itemIDs.isEmpty else { throw LabelError.noItems }
        let canonical = try canonicalValue(field, value)
        return try pool.write { db in
            var outcome = LabelOutcome(changed: 0, unchanged: 0)
            for id in itemIDs {
                guard let current = try Row.fetchOne(db, sql: "SELECT locus, owner FROM items WHERE id = ?", arguments: [id]) else {
                    continue
                }
                let locus: String? = current["locus"]
                let owner: String? = current["owner"]
                if field == .reasons {
                    // Reason codes belong to the item's failure locus.
                    guard let locus, let known = config.taxonomy.locus(named: locus) else {
                        throw LabelError.reasonsNeedLocus(item: id)
                    }
                    let codes = (try? JSONDecoder().decode([String].self, from: Data(canonical.utf8))) ?? []
                    for code in codes where !known.reasons.contains(code) {
                        throw LabelError.invalidValue(field: .reasons, value: code, allowed: known.reasons)
                    }
                }
                let oldValue = try Self.currentValue(field, item: id, db: db)
                if oldValue == canonical {
                    outcome.unchanged += 1
                    continue
                }
                try Self.recordJudgment(field.rawValue, value: canonical, item: id, by: identity, at: millis, note: reason, db: db)
                switch field {
                case .status:
                    let open = ItemStatus(rawValue: canonical)?.isOpen ?? false
                    try db.execute(sql: "UPDATE items SET status = ?, is_open = ?, version = version + 1, updated_ms = ? WHERE id = ?",
                                   arguments: [canonical, open, millis, id])
                case .note:
                    try db.execute(sql: "UPDATE items SET version = version + 1, updated_ms = ? WHERE id = ?", arguments: [millis, id])
                default:
                    try db.execute(sql: "UPDATE items SET \(field.column!) = ?, version = version + 1, updated_ms = ? WHERE id = ?",
                                   arguments: [canonical, millis, id])
                }
                try AuditLog.append(AuditEntry(action: "label", itemID: id, field: field.rawValue, oldValue: oldValue,
                                               newValue: canonical, reason: reason), by: identity, at: millis, db: db)
                outcome.changed += 1
                // A locus brings its default owner to an item that has none, as a judgment of its own.
                if field == .locus, owner == nil, let defaultOwner = config.taxonomy.locus(named: canonical)?.owner {
                    let why = "default owner of locus \(canonical)"
                    try Self.recordJudgment("owner", value: defaultOwner, item: id, by: identity, at: millis, note: why, db: db)
                    try db.execute(sql: "UPDATE items SET owner = ? WHERE id = ?", arguments: [defaultOwner, id])
                    try AuditLog.append(AuditEntry(action: "label", itemID: id, field: "owner", oldValue: nil, newValue: defaultOwner,
                                                   reason: why), by: identity, at: millis, db: db)
                }
            }
            return outcome
        }
    }

    static func recordJudgment(_ field: String, value: String, item: Int64, by identity: Identity, at millis: Int64,
                               note: String?, db: Database) throws {
        try db.execute(sql: "UPDATE judgments SET state = 'superseded' WHERE item_id = ? AND field = ? AND state = 'accepted'",
                       arguments: [item, field])
        try db.execute(sql: """
            INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, note)
            VALUES (?, ?, ?, ?, ?, ?, 'accepted', ?)
            """, arguments: [item, field, value, identity.reviewer, identity.osUser, millis, note])
    }

    /// The accepted value now: the item's column, or for a note the latest accepted judgment.
    static func currentValue(_ field: LabelField, item: Int64, db: Database) throws -> String? {
        if let column = field.column {
            let value = try DatabaseValue.fetchOne(db, sql: "SELECT \(column) FROM items WHERE id = ?", arguments: [item])
            switch value?.storage {
            case .string(let text)?: return text
            case .int64(let n)?: return String(n)
            case .double(let d)?: return String(d)
            default: return nil
            }
        }
        return try String.fetchOne(db, sql: """
            SELECT value FROM judgments WHERE item_id = ? AND field = ? AND state = 'accepted' ORDER BY id DESC LIMIT 1
            """, arguments: [item, field.rawValue])
    }
}
