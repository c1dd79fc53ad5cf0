import Foundation
import GRDB
import WinnowConfig
import WinnowCore

extension Store {
    /// The order in which a set of labels is written: the locus first, so that the reasons are
    /// checked against the locus the set gives, and the status last.
    public static let labelOrder: [LabelField] = [.locus, .reasons, .owner, .severity, .trainable, .note, .status]

    /// Applies several labels to items as ONE action (one transaction, one audit action id, one undo
    /// step) through the one write path, as a preset or a repeat does. Per item, in `labelOrder`:
    /// - a new locus brings its rules along: reason codes that are not the new locus's are cleared
    ///   unless the set gives reasons, and an owner that is unset or still the old locus's default
    ///   follows the new locus's default unless the set gives an owner (a hand-picked one stays);
    /// - reasons must be codes of the item's locus as the set leaves it.
    /// With `[review] dispute_on_overwrite`, a label that would overwrite another reviewer's opens
    /// a dispute carrying it instead (`ChangeSet.disputesOpened`).
    /// `applyLabel` is the one-label case of it. Refused as a whole when an item is claimed by someone else or changed
    /// since the caller saw `expectedVersions`.
    @discardableResult
    public func applyLabels(_ labels: [LabelField: String], to itemIDs: [Int64], by identity: Identity,
                            reason: String? = nil, expectedVersions: [Int64: Int],
                            at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        guard !itemIDs.isEmpty else { throw LabelError.noItems }
        var canonical: [LabelField: String] = [:]
        for (field, value) in labels { canonical[field] = try canonicalValue(field, value) }
        var keptOwners: [Int64: String] = [:]
        var disputesOpened: [OpenedDispute] = []
        var changeSet = try change("label", by: identity, expectedVersions: expectedVersions, reason: reason, at: millis) { writer in
            for id in itemIDs {
                guard let row = try Row.fetchOne(writer.db, sql: "SELECT locus FROM items WHERE id = ?", arguments: [id]) else {
                    continue
                }
                var locus: String? = row["locus"]
                for field in Self.labelOrder {
                    guard let value = canonical[field] else { continue }
                    if let opened = try disputeInsteadOfOverwriting(field, of: id, with: value, writer: writer) {
                        disputesOpened.append(opened)
                        continue
                    }
                    switch field {
                    case .locus:
                        let previous = locus
                        guard try writer.set(.locus, of: id, to: value) else { continue }
                        locus = value
                        if let kept = try followLocus(from: previous, to: value, item: id, givesReasons: canonical[.reasons] != nil,
                                                      givesOwner: canonical[.owner] != nil, writer: writer) {
                            keptOwners[id] = kept
                        }
                    case .reasons:
                        guard let name = locus, let known = config.taxonomy.locus(named: name) else {
                            throw LabelError.reasonsNeedLocus(item: id)
                        }
                        for code in Self.reasonCodes(value) where !known.reasons.contains(code) {
                            throw LabelError.invalidValue(field: .reasons, value: code, allowed: known.reasons)
                        }
                        try writer.set(.reasons, of: id, to: value)
                    default:
                        try writer.set(ItemField(rawValue: field.rawValue)!, of: id, to: value)
                    }
                }
            }
        }
        changeSet.keptOwners = keptOwners
        changeSet.disputesOpened = disputesOpened
        return changeSet
    }

    /// A preset's labels as the store's fields and values.
    public static func labels(of preset: LabelPreset) -> [LabelField: String] {
        var labels: [LabelField: String] = [:]
        for (name, value) in preset.labels {
            if let field = LabelField(rawValue: name) { labels[field] = value }
        }
        return labels
    }
}
