/// The queue's filter language: `field:value` terms, bare words and "exact phrases" for full-text,
/// `-` to negate any term, `*` at the end of a value for a prefix. Terms are ANDed; several values
/// of the same field are ORed (`signal:csat signal:thumbs_down`).
///
///     signal:thumbs_down severity:S1 owner:billing status:open intent:refund* "exact phrase" -word
///     cluster:42   (item 42 and the items merged into it)
public struct FilterQuery: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case signal, severity, status, owner, intent, locus, cohort, channel, model, user, claimed, cluster

        public var help: String {
            switch self {
            case .signal: "feedback kind (explicit_correction, thumbs_down, …)"
            case .severity: "S1…S4, or none"
            case .status: "new, in_review, triaged, resolved, wont_fix, duplicate; open or closed"
            case .owner: "team or person, or none"
            case .intent: "the event's intent, e.g. billing.refund or billing.*"
            case .locus: "failure locus, or none"
            case .cohort: "the user's cohort"
            case .channel: "where the conversation happened"
            case .model: "model version"
            case .user: "user id"
            case .claimed: "reviewer holding a claim, me, or none"
            case .cluster: "an item id: that item and the items merged into it"
            }
        }
    }

    public struct Term: Equatable, Sendable {
        public var field: Field
        public var value: String
        public var negated: Bool
        /// `value*`: matches values starting with `value`.
        public var prefix: Bool

        public init(field: Field, value: String, negated: Bool = false, prefix: Bool = false) {
            self.field = field
            self.value = value
            self.negated = negated
            self.prefix = prefix
        }
    }

    public struct TextTerm: Equatable, Sendable {
        public var text: String
        public var phrase: Bool
        public var negated: Bool

        public init(text: String, phrase: Bool = false, negated: Bool = false) {
            self.text = text
            self.phrase = phrase
            self.negated = negated
        }
    }

    public var terms: [Term] = []
    public var text: [TextTerm] = []

    public var isEmpty: Bool { terms.isEmpty && text.isEmpty }

    public init() {}

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var message: String
        /// Character offset in the query where the problem is.
        public var position: Int
        public var description: String { message }
    }

    public static func parse(_ input: String) throws(ParseError) -> FilterQuery {
        var query = FilterQuery()
        let chars = Array(input)
        var i = 0
        while i < chars.count {
            if chars[i].isWhitespace { i += 1; continue }
            let start = i
            var negated = false
            if chars[i] == "-" {
                negated = true
                i += 1
                guard i < chars.count, !chars[i].isWhitespace else {
                    throw ParseError(message: "`-` must be followed by a term to exclude", position: start)
                }
            }
            if chars[i] == "\"" {
                let (phrase, next) = try quoted(chars, from: i)
                guard !phrase.allSatisfy({ $0 == " " }) else {
                    throw ParseError(message: "empty phrase", position: i)
                }
                query.text.append(TextTerm(text: phrase, phrase: true, negated: negated))
                i = next
                continue
            }
            var word = ""
            while i < chars.count, !chars[i].isWhitespace, chars[i] != ":" {
                word.append(chars[i])
                i += 1
            }
            if i < chars.count, chars[i] == ":" {
                guard let field = Field(rawValue: word.lowercased()) else {
                    throw ParseError(
                        message: "unknown filter field `\(word)` (fields: \(Field.allCases.map(\.rawValue).joined(separator: ", ")))",
                        position: start)
                }
                i += 1
                var value = ""
                if i < chars.count, chars[i] == "\"" {
                    let (v, next) = try quoted(chars, from: i)
                    value = v
                    i = next
                } else {
                    while i < chars.count, !chars[i].isWhitespace {
                        value.append(chars[i])
                        i += 1
                    }
                }
                var prefix = false
                if value.hasSuffix("*") {
                    prefix = true
                    value.removeLast()
                }
                guard !value.isEmpty || prefix else {
                    throw ParseError(message: "`\(word):` needs a value (\(field.help))", position: start)
                }
                if field == .cluster, prefix {
                    throw ParseError(message: "`cluster:` needs an item id, e.g. cluster:42", position: start)
                }
                try validate(field: field, value: value, position: start)
                query.terms.append(Term(field: field, value: value, negated: negated, prefix: prefix))
            } else {
                query.text.append(TextTerm(text: word, phrase: false, negated: negated))
            }
        }
        return query
    }

    private static func quoted(_ chars: [Character], from start: Int) throws(ParseError) -> (String, Int) {
        var i = start + 1
        var value = ""
        while i < chars.count, chars[i] != "\"" {
            value.append(chars[i])
            i += 1
        }
        guard i < chars.count else { throw ParseError(message: "unclosed quote", position: start) }
        return (value, i + 1)
    }

    private static func validate(field: Field, value: String, position: Int) throws(ParseError) {
        switch field {
        case .signal:
            guard value.isEmpty || Signal.allCases.contains(where: { $0.rawValue.hasPrefix(value) }) else {
                throw ParseError(message: "unknown signal `\(value)` (\(Signal.allCases.map(\.rawValue).joined(separator: ", ")))",
                                 position: position)
            }
        case .status:
            let allowed = ItemStatus.allCases.map(\.rawValue) + ["open", "closed"]
            guard value.isEmpty || allowed.contains(where: { $0.hasPrefix(value.lowercased()) }) else {
                throw ParseError(message: "unknown status `\(value)` (\(allowed.joined(separator: ", ")))", position: position)
            }
        case .cluster:
            guard let id = Int64(value), id > 0 else {
                throw ParseError(message: "`cluster:` needs an item id, e.g. cluster:42", position: position)
            }
        default:
            break
        }
    }
}

extension FilterQuery {
    /// The query written back in canonical form (for saved views and the status bar).
    public var canonicalText: String {
        var parts: [String] = []
        for t in terms {
            var v = t.value
            if v.contains(" ") { v = "\"\(v)\"" }
            parts.append((t.negated ? "-" : "") + t.field.rawValue + ":" + v + (t.prefix ? "*" : ""))
        }
        for t in text {
            parts.append((t.negated ? "-" : "") + (t.phrase ? "\"\(t.text)\"" : t.text))
        }
        return parts.joined(separator: " ")
    }
}
