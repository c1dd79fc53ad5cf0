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
    /// Refused as a whole, like `applyLabel`, when an item is claimed by someone else or changed
    /// since the caller saw `expectedVersions`.
    @discardableResult
    public func applyLabels(_ labels: [LabelField: String], to itemIDs: [Int64], by identity: Identity,
                            reason: String? = nil, expectedVersions: [Int64: Int],
                            at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        guard !itemIDs.isEmpty else { throw LabelError.noItems }
        var canonical: [LabelField: String] = [:]
        for (field, value) in labels { canonical[field] = try canonicalValue(field, value) }
        return try change("label", by: identity, expectedVersions: expectedVersions, reason: reason, at: millis) { writer in
            for id in itemIDs {
                guard let row = try Row.fetchOne(writer.db, sql: "SELECT locus FROM items WHERE id = ?", arguments: [id]) else {
                    continue
                }
                var locus: String? = row["locus"]
                for field in Self.labelOrder {
                    guard let value = canonical[field] else { continue }
                    switch field {
                    case .locus:
                        let previous = locus
                        guard try writer.set(.locus, of: id, to: value) else { continue }
                        locus = value
                        try followLocus(from: previous, to: value, item: id, givesReasons: canonical[.reasons] != nil,
                                        givesOwner: canonical[.owner] != nil, writer: writer)
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
    }

    /// What a locus change brings along: the old locus's reason codes go (as part of the same
    /// action, each recorded), and an owner that nobody chose by hand follows the new default.
    private func followLocus(from previous: String?, to locus: String, item: Int64, givesReasons: Bool, givesOwner: Bool,
                             writer: ChangeWriter) throws {
        let taxonomy = config.taxonomy
        let codes = taxonomy.locus(named: locus)?.reasons ?? []
        if !givesReasons, let current = try writer.current(.reasons, of: item) {
            let before = Self.reasonCodes(current)
            let kept = before.filter(codes.contains)
            if kept != before {
                try writer.set(.reasons, of: item, to: String(decoding: try JSONEncoder().encode(kept), as: UTF8.self),
                               reason: "not reason codes of locus \(locus)")
            }
        }
        if !givesOwner, let newDefault = taxonomy.locus(named: locus)?.owner {
            let owner = try writer.current(.owner, of: item)
            let oldDefault = previous.flatMap { taxonomy.locus(named: $0)?.owner }
            if owner == nil || owner == oldDefault {
                try writer.set(.owner, of: item, to: newDefault, reason: "default owner of locus \(locus)")
            }
        }
    }

    /// Reason codes from their stored JSON array.
    static func reasonCodes(_ stored: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(stored.utf8))) ?? []
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
