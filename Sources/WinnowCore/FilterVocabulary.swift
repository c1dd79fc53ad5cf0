/// The values a workspace gives the filter's enumerable fields, from its taxonomy and owners: what
/// the filter line accepts, so `severity:S9` is refused as `signal:foo` is. A field without values
/// here takes any value.
public struct FilterVocabulary: Equatable, Sendable {
    /// Field → its values as stored.
    public var values: [FilterQuery.Field: [String]]
    /// Field → other spellings of a stored value, lower-cased: a severity's name for its code.
    public var aliases: [FilterQuery.Field: [String: String]]

    /// No vocabulary: every value is taken as written.
    public static let any = FilterVocabulary(values: [:], aliases: [:])

    public init(values: [FilterQuery.Field: [String]], aliases: [FilterQuery.Field: [String: String]] = [:]) {
        self.values = values
        self.aliases = aliases
    }

    /// The stored value `text` names, in any case or by another spelling; nil when none does.
    public func value(_ field: FilterQuery.Field, named text: String) -> String? {
        guard let known = values[field] else { return text }
        let wanted = text.lowercased()
        return known.first { $0.lowercased() == wanted } ?? aliases[field]?[wanted]
    }

    /// Whether some value or spelling of `field` starts with `text` (a prefix, or a value being typed).
    func hasValue(_ field: FilterQuery.Field, startingWith text: String) -> Bool {
        guard let known = values[field] else { return true }
        let wanted = text.lowercased()
        return (known.map { $0.lowercased() } + (aliases[field]?.keys.map { $0 } ?? [])).contains { $0.hasPrefix(wanted) }
    }

    /// The values as the refusal lists them: each with its other spelling ("S1 critical"), then none.
    func listed(_ field: FilterQuery.Field) -> String {
        let spellings = aliases[field] ?? [:]
        let shown = (values[field] ?? []).map { value in
            spellings.filter { $0.value == value }.keys.sorted().first.map { "\(value) \($0)" } ?? value
        }
        return (shown + ["none"]).joined(separator: ", ")
    }
}
