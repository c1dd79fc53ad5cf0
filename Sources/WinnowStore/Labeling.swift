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

    /// Applies one label to items as one action (one transaction) through the one write path: per
    /// changed item, an accepted judgment (the previous accepted one superseded), the item's cached
    /// column, its claim for the reviewer and an audit record (old → new). Refused as a whole when an
    /// item is claimed by someone else or changed since the caller saw `expectedVersions`, or when
    /// `expectedVersions` lacks an item it would change.
    @discardableResult
    public func applyLabel(_ field: LabelField, value: String, to itemIDs: [Int64], by identity: Identity,
                           reason: String? = nil, expectedVersions: [Int64: Int],
                           at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        guard !itemIDs.isEmpty else { throw LabelError.noItems }
        let canonical = try canonicalValue(field, value)
        let itemField = ItemField(rawValue: field.rawValue)!
        return try change("label", by: identity, expectedVersions: expectedVersions, reason: reason, at: millis) { writer in
            for id in itemIDs {
                guard let current = try Row.fetchOne(writer.db, sql: "SELECT locus, owner FROM items WHERE id = ?", arguments: [id]) else {
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
                guard try writer.set(itemField, of: id, to: canonical) else { continue }
                // A locus brings its default owner to an item that has none, as a judgment of its own.
                if field == .locus, owner == nil, let defaultOwner = config.taxonomy.locus(named: canonical)?.owner {
                    try writer.set(.owner, of: id, to: defaultOwner, reason: "default owner of locus \(canonical)")
                }
            }
        }
    }
}
