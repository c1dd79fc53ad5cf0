import Foundation
import WinnowCore

/// How a label's value reads to a reviewer, the one place messages and questions take it from:
/// a status by its name ("won't fix", not `wont_fix`), a severity by its code even when typed by
/// its name (the code is what the queue shows), reason codes as a list, trainable as yes or no, no
/// value as "(none)". It takes a value as stored or as typed, and makes it safe for the terminal.
public struct LabelWording: Equatable, Sendable {
    /// Severity code → its name in the workspace's taxonomy.
    public var severityNames: [String: String]

    public init(severityNames: [String: String]) {
        self.severityNames = severityNames
    }

    /// Without a taxonomy: a severity reads as given (presets and repeats hold it as a code).
    public static let plain = LabelWording(severityNames: [:])

    public init(taxonomy: Taxonomy) {
        self.init(severityNames: Dictionary(taxonomy.severities.map { ($0.code, $0.label) }) { first, _ in first })
    }

    public func text(_ field: LabelField, _ value: String?) -> String {
        guard let value, !value.isEmpty else { return "(none)" }
        let shown: String
        switch field {
        case .severity:
            let wanted = value.lowercased()
            let match = severityNames.first { $0.key.lowercased() == wanted || $0.value.lowercased() == wanted }
            shown = match?.key ?? value
        case .status:
            shown = ItemStatus(rawValue: value == "reopen" ? "new" : value)?.label ?? value
        case .reasons:
            let codes = Store.reasonCodes(value)
            shown = codes.isEmpty ? "(none)" : codes.joined(separator: ", ")
        case .trainable:
            switch value.lowercased() {
            case "1", "yes", "y", "true": shown = "yes"
            case "0", "no", "n", "false": shown = "no"
            default: shown = value
            }
        case .locus, .owner, .note:
            shown = value
        }
        return SafeText.line(shown)
    }

    /// A field recorded in a change set (its name as the audit log has it), worded like a label's.
    public func text(field name: String, _ value: String?) -> String {
        guard let field = LabelField(rawValue: name) else { return value.map(SafeText.line) ?? "(none)" }
        return text(field, value)
    }
}
