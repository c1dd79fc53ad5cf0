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
            // A severity is named by its code or its name ("critical" is S1), in any case.
            guard let severity = config.taxonomy.severity(matching: trimmed) else { throw refuse(trimmed) }
            return severity.code
        case .note:
            return trimmed
        case .trainable:
            switch trimmed.lowercased() {
            case "yes", "y", "true", "1": return "1"
            case "no", "n", "false", "0": return "0"
            default: throw refuse(trimmed)
            }
        case .reasons:
            let codes = Self.reasonCodes(trimmed)
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
    ///
    /// A new locus brings what follows from it in the same action, so one undo takes it all back:
    /// reason codes that are not the new locus's are cleared, and an owner that is still the old
    /// locus's default (or none) becomes the new locus's default. An owner that differs from the old
    /// default was chosen by hand: it stays, and the change set names it in `keptOwners`.
    @discardableResult
    public func applyLabel(_ field: LabelField, value: String, to itemIDs: [Int64], by identity: Identity,
                           reason: String? = nil, expectedVersions: [Int64: Int],
                           at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try applyLabels([field: value], to: itemIDs, by: identity, reason: reason, expectedVersions: expectedVersions, at: millis)
    }

    /// What a locus change brings to one item, written by the same action: its reason codes that
    /// are not the new locus's cleared (unless the action sets reasons itself), and the old locus's
    /// default owner (or none) replaced by the new one's (unless the action sets an owner). Returns
    /// the owner left alone because a reviewer chose it by hand, if any.
    func followLocus(from oldLocus: String?, to newLocus: String, item: Int64, givesReasons: Bool, givesOwner: Bool,
                     writer: ChangeWriter) throws -> String? {
        guard let locus = config.taxonomy.locus(named: newLocus) else { return nil }
        if !givesReasons {
            let codes = Self.reasonCodes(try writer.current(.reasons, of: item))
            let kept = codes.filter(locus.reasons.contains)
            if kept != codes {
                let stored = String(decoding: try JSONEncoder().encode(kept), as: UTF8.self)
                try writer.set(.reasons, of: item, to: stored, reason: "not codes of locus \(newLocus)")
            }
        }
        guard !givesOwner else { return nil }
        let owner = try writer.current(.owner, of: item)
        let oldDefault = oldLocus.flatMap { config.taxonomy.locus(named: $0)?.owner }
        guard let owner, owner != oldDefault else {
            try writer.set(.owner, of: item, to: locus.owner, reason: "default owner of locus \(newLocus)")
            return nil
        }
        return owner == locus.owner ? nil : owner
    }

    /// The codes of a reasons value as stored (a JSON array) or as typed (separated by commas or spaces).
    public static func reasonCodes(_ value: String?) -> [String] {
        guard let value, !value.isEmpty else { return [] }
        if let codes = try? JSONDecoder().decode([String].self, from: Data(value.utf8)) { return codes }
        return value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }
}
