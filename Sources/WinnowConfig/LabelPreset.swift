import Foundation
import WinnowCore

/// A named set of labels a reviewer applies with one key (`[[preset]]` in `winnow.toml`): the
/// common verdicts of a workspace, such as "stale knowledge-base article, minor, content team".
/// Its values are checked against the workspace's taxonomy when the config loads.
public struct LabelPreset: Sendable, Equatable {
    public var name: String
    /// The key that applies it in the queue: one character, or f1–f12.
    public var key: String
    /// A severity code (a label such as "minor" is accepted in the file and stored as its code).
    public var severity: String?
    public var locus: String?
    /// Reason codes of `locus`.
    public var reasons: [String]?
    public var owner: String?
    public var status: String?
    public var trainable: Bool?

    public init(name: String, key: String, severity: String? = nil, locus: String? = nil, reasons: [String]? = nil,
                owner: String? = nil, status: String? = nil, trainable: Bool? = nil) {
        self.name = name
        self.key = key
        self.severity = severity
        self.locus = locus
        self.reasons = reasons
        self.owner = owner
        self.status = status
        self.trainable = trainable
    }

    /// The fields it sets, as (field, value) in the order they are applied and shown; the field
    /// names are those of the label commands (`severity`, `locus`, `reasons` …).
    public var labels: [(field: String, value: String)] {
        var out: [(String, String)] = []
        if let locus { out.append(("locus", locus)) }
        if let reasons { out.append(("reasons", reasons.joined(separator: ","))) }
        if let owner { out.append(("owner", owner)) }
        if let severity { out.append(("severity", severity)) }
        if let trainable { out.append(("trainable", trainable ? "yes" : "no")) }
        if let status { out.append(("status", status)) }
        return out
    }

    /// Statuses a preset may set: those a reviewer sets from the queue.
    public static let statuses: [ItemStatus] = [.triaged, .resolved, .wontFix, .new, .inReview]
}

extension ConfigFile {
    struct PresetEntry: Decodable {
        var name: String
        var key: String?
        var severity: String?
        var locus: String?
        var reasons: [String]?
        var owner: String?
        var status: String?
        var trainable: Bool?
    }

    static let presetKeys: Set<String> = ["name", "key", "severity", "locus", "reasons", "owner", "status", "trainable"]

    /// The presets, checked against the already validated taxonomy, teams and roster of `config`.
    /// Without a `key`, the first nine presets take 1–9 by their position.
    func validatedPresets(_ entries: [PresetEntry], config: WorkspaceConfig,
                          fail: (String, String?) -> ConfigError) throws -> [LabelPreset] {
        var names = Set<String>()
        var keys: [String: String] = [:]
        return try entries.enumerated().map { index, entry in
            let name = entry.name
            let near = "\"\(name)\""
            func refuse(_ message: String) -> ConfigError { fail("preset \(name): \(message)", near) }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("a [[preset]] has an empty name", "[[preset]]") }
            guard names.insert(name).inserted else { throw refuse("defined twice") }
            guard let key = entry.key ?? (index < 9 ? String(index + 1) : nil) else {
                throw refuse("needs a `key` (only the first nine presets get 1–9 by their position)")
            }
            guard Self.isPresetKey(key) else {
                throw refuse("key `\(key)` is not one key (write one character such as \"1\", or f1–f12)")
            }
            if let other = keys[key] { throw refuse("key `\(key)` is already the key of preset \(other)") }
            keys[key] = name
            var preset = LabelPreset(name: name, key: key, owner: entry.owner, trainable: entry.trainable)
            if let severity = entry.severity {
                let taxonomy = config.taxonomy.severities
                guard let match = taxonomy.first(where: { $0.code.lowercased() == severity.lowercased() || $0.label.lowercased() == severity.lowercased() }) else {
                    throw refuse("unknown severity `\(severity)` (expected one of: \(taxonomy.map(\.code).joined(separator: ", ")))")
                }
                preset.severity = match.code
            }
            if let locus = entry.locus {
                guard config.taxonomy.locus(named: locus) != nil else {
                    throw refuse("unknown locus `\(locus)` (expected one of: \(config.taxonomy.loci.map(\.name).joined(separator: ", ")))")
                }
                preset.locus = locus
            }
            if let reasons = entry.reasons {
                // Reason codes belong to a locus; without one in the preset, the item's could be any.
                guard let locus = entry.locus.flatMap(config.taxonomy.locus(named:)) else {
                    throw refuse("reasons need the preset's locus (add `locus = \"…\"`)")
                }
                for code in reasons where !locus.reasons.contains(code) {
                    throw refuse("reason `\(code)` is not a code of locus \(locus.name) (its codes: \(locus.reasons.joined(separator: ", ")))")
                }
                preset.reasons = reasons
            }
            if let owner = entry.owner, !config.owners.contains(owner) {
                throw refuse("unknown owner `\(owner)` (expected one of: \(config.owners.joined(separator: ", ")))")
            }
            if let status = entry.status {
                guard let known = ItemStatus(rawValue: status), LabelPreset.statuses.contains(known) else {
                    throw refuse("unknown status `\(status)` (expected one of: \(LabelPreset.statuses.map(\.rawValue).joined(separator: ", ")))")
                }
                preset.status = status
            }
            guard !preset.labels.isEmpty else {
                throw refuse("sets no label (give it severity, locus, reasons, owner, status or trainable)")
            }
            return preset
        }
    }

    static func isPresetKey(_ key: String) -> Bool {
        if key.count == 1 { return !key.first!.isWhitespace && !key.first!.isNewline }
        let lower = key.lowercased()
        guard lower.hasPrefix("f"), let n = Int(lower.dropFirst()) else { return false }
        return (1...12).contains(n)
    }
}
