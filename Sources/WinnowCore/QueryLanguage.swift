/// The queue's filter language: `field:value` terms, bare words and "exact phrases" for full-text,
/// `-` to negate any term, `*` at the end of a value for a prefix. Terms are ANDed; several values
/// of the same field are ORed (`signal:csat signal:thumbs_down`). A value may be quoted
/// (`owner:"Billing team"`, `owner:"Billing t"*`); inside quotes `\"` is a quote and `\\` a
/// backslash, and a `*` is literal.
///
///     signal:thumbs_down severity:S1 owner:billing status:open intent:refund* "exact phrase" -word
///     cluster:42   (item 42 and the items merged into it)
///     dispute:open (items with an open dispute: the adjudicator's queue)
///     round:q4-faithfulness (the items sampled into a review round)
public struct FilterQuery: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case signal, severity, status, owner, intent, locus, reason, cohort, channel, model, user, claimed, cluster, dispute, round

        public var help: String {
            switch self {
            case .signal: "feedback kind (explicit_correction, thumbs_down, …)"
            case .severity: "S1…S4, or none"
            case .status: "new, in_review, triaged, resolved, wont_fix, duplicate; open or closed"
            case .owner: "team or person, or none"
            case .intent: "the event's intent, e.g. billing.refund or billing.*"
            case .locus: "failure locus, or none"
            case .reason: "a reason code the item has (wrong_source, stale, …), or none"
            case .cohort: "the user's cohort"
            case .channel: "where the conversation happened"
            case .model: "model version"
            case .user: "user id"
            case .claimed: "reviewer holding a claim, me, or none"
            case .cluster: "an item id: that item and the items merged into it"
            case .dispute: "open, decided or any; mine: open disputes you may decide"
            case .round: "a review round's name: the items sampled into it"
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
        /// Unicode scalar offset in the query where the problem is.
        public var position: Int
        public var description: String { message }
    }

    /// `vocabulary`: the workspace's values for its enumerable fields; a value it does not know is
    /// refused, and one it knows in another case or spelling (a severity's name) is written as stored.
    /// `typing`: the query is still being typed, so a value that starts one the vocabulary knows
    /// is not (yet) a mistake.
    public static func parse(_ input: String, vocabulary: FilterVocabulary = .any,
                             typing: Bool = false) throws(ParseError) -> FilterQuery {
        var query = FilterQuery()
        // Scalars, not characters: a combining mark after a quote must not hide the quote.
        let chars = Array(input.unicodeScalars)
        var i = 0
        while i < chars.count {
            if chars[i].properties.isWhitespace { i += 1; continue }
            let start = i
            var negated = false
            if chars[i] == "-" {
                negated = true
                i += 1
                guard i < chars.count, !chars[i].properties.isWhitespace else {
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
                guard i == chars.count || chars[i].properties.isWhitespace else {
                    throw ParseError(message: "a space must follow a closing quote", position: i)
                }
                continue
            }
            var word = ""
            while i < chars.count, !chars[i].properties.isWhitespace, chars[i] != ":" {
                word.unicodeScalars.append(chars[i])
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
                var prefix = false
                if i < chars.count, chars[i] == "\"" {
                    let (v, next) = try quoted(chars, from: i)
                    value = v
                    i = next
                    if i < chars.count, chars[i] == "*" {
                        prefix = true
                        i += 1
                    }
                    guard i == chars.count || chars[i].properties.isWhitespace else {
                        throw ParseError(message: "a space must follow the closing quote of `\(word):`", position: i)
                    }
                } else {
                    while i < chars.count, !chars[i].properties.isWhitespace {
                        value.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    if value.unicodeScalars.last == "*" {
                        prefix = true
                        value.unicodeScalars.removeLast()
                    }
                }
                guard !value.isEmpty || prefix else {
                    throw ParseError(message: "`\(word):` needs a value (\(field.help))", position: start)
                }
                if field == .cluster, prefix {
                    throw ParseError(message: "`cluster:` needs an item id, e.g. cluster:42", position: start)
                }
                if field == .dispute, prefix {
                    throw ParseError(message: "`dispute:` takes \(DisputeFilter.allCases.map(\.rawValue).joined(separator: ", ")), not a prefix",
                                     position: start)
                }
                try validate(field: field, value: value, position: start, typing: typing)
                value = try known(field: field, value: value, prefix: prefix, position: start, vocabulary: vocabulary, typing: typing)
                query.terms.append(Term(field: field, value: value, negated: negated, prefix: prefix))
            } else {
                query.text.append(TextTerm(text: word, phrase: false, negated: negated))
            }
        }
        return query
    }

    /// The text between quotes from `start`, and the index after the closing quote. A backslash
    /// makes the next `"` or `\` literal; before anything else it is itself.
    private static func quoted(_ chars: [Unicode.Scalar], from start: Int) throws(ParseError) -> (String, Int) {
        var i = start + 1
        var value = ""
        while i < chars.count, chars[i] != "\"" {
            if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "\"" || chars[i + 1] == "\\" {
                i += 1
            }
            value.unicodeScalars.append(chars[i])
            i += 1
        }
        guard i < chars.count else { throw ParseError(message: "unclosed quote", position: start) }
        return (value, i + 1)
    }

    /// The value as the workspace stores it, checked against its vocabulary.
    private static func known(field: Field, value: String, prefix: Bool, position: Int, vocabulary: FilterVocabulary,
                              typing: Bool) throws(ParseError) -> String {
        guard vocabulary.values[field] != nil, value.lowercased() != "none" || prefix else { return value }
        if !prefix, let stored = vocabulary.value(field, named: value) { return stored }
        if (prefix || typing), vocabulary.hasValue(field, startingWith: value) { return value }
        throw ParseError(message: "unknown \(field.rawValue) `\(value)` (\(vocabulary.listed(field)))", position: position)
    }

    private static func validate(field: Field, value: String, position: Int, typing: Bool) throws(ParseError) {
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
        case .dispute:
            let known = DisputeFilter.allCases.map(\.rawValue)
            guard known.contains(value.lowercased()) || (typing && known.contains(where: { $0.hasPrefix(value.lowercased()) })) else {
                throw ParseError(message: "unknown dispute filter `\(value)` (\(DisputeFilter.allCases.map(\.rawValue).joined(separator: ", ")))",
                                 position: position)
            }
        default:
            break
        }
    }
}

/// The values of `dispute:`: which items' disputes the queue shows.
public enum DisputeFilter: String, CaseIterable, Sendable {
    /// Items with an open dispute: the adjudicator's queue.
    case open
    /// Items with a decided dispute.
    case decided
    /// Items that were ever disputed.
    case any
    /// Items with an open dispute the reviewer may decide: one they neither raised nor judged.
    case mine
}

extension FilterQuery {
    /// The query written back in canonical form (for saved views and the status bar): field terms
    /// in order, then full-text terms. Parsing it gives this query again.
    public var canonicalText: String {
        var parts: [String] = []
        for term in terms {
            let scalars = term.value.unicodeScalars
            let plain = !scalars.isEmpty && scalars.first != "\"" && scalars.last != "*"
                && !scalars.contains(where: \.properties.isWhitespace)
            let value = plain || (term.value.isEmpty && term.prefix) ? term.value : Self.quoted(term.value)
            parts.append((term.negated ? "-" : "") + term.field.rawValue + ":" + value + (term.prefix ? "*" : ""))
        }
        for term in text {
            parts.append((term.negated ? "-" : "") + (term.phrase ? Self.quoted(term.text) : term.text))
        }
        return parts.joined(separator: " ")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
