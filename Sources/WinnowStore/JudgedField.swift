/// What a review round judges on an item: a triage label, or a dimension of the round's rubric.
/// Stored in `judgments.field` (and `disputes.field`, and the audit record's field) as the
/// label's name (`severity`) or `rubric:` and the dimension's name (`rubric:faithfulness`), so
/// a rubric score can never be mistaken for a label of the same name.
public enum JudgedField: Hashable, Sendable, Comparable, CustomStringConvertible {
    case label(LabelField)
    case dimension(String)

    static let dimensionPrefix = "rubric:"

    public init?(stored: String) {
        if stored.hasPrefix(Self.dimensionPrefix) {
            let name = String(stored.dropFirst(Self.dimensionPrefix.count))
            guard !name.isEmpty else { return nil }
            self = .dimension(name)
        } else if let label = LabelField(rawValue: stored) {
            self = .label(label)
        } else {
            return nil
        }
    }

    /// As stored in the database.
    public var stored: String {
        switch self {
        case .label(let field): field.rawValue
        case .dimension(let name): Self.dimensionPrefix + name
        }
    }

    /// As a reviewer reads and types it: `severity`, `faithfulness`.
    public var name: String {
        switch self {
        case .label(let field): field.rawValue
        case .dimension(let name): name
        }
    }

    public var description: String { stored }

    public static func < (a: JudgedField, b: JudgedField) -> Bool { a.stored < b.stored }
}
