import Foundation

/// A text as near-duplicate detection compares it: the same complaint written with other casing,
/// full-width letters, punctuation, spacing, another invoice number, email or link reads the same.
///
/// Normalisation: Unicode NFKC (compatibility forms fold: `ｒｅｆｕｎｄ` is `refund`), lower case,
/// then the text is cut into tokens with the word notion the diff uses (`TextTokens`): words,
/// each ideograph on its own (CJK has no spaces), and symbols such as emoji; punctuation and
/// whitespace separate tokens and are dropped. Volatile tokens are masked by kind, so two texts
/// that differ only in them still match: URLs (`⟨url⟩`), emails (`⟨email⟩`), numbers (`⟨num⟩`,
/// `1,299.00` and `#48213` alike) and ids (`⟨id⟩`: a token of 6 or more characters mixing letters
/// and digits, such as `inv_8f3k2m9q` or `lk_live_b7c7f8`).
public struct ComparableText: Equatable, Sendable {
    public struct Masks: OptionSet, Equatable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let urls = Masks(rawValue: 1)
        public static let emails = Masks(rawValue: 2)
        public static let numbers = Masks(rawValue: 4)
        public static let ids = Masks(rawValue: 8)
        public static let all: Masks = [.urls, .emails, .numbers, .ids]
    }

    /// The tokens, normalised and masked, in order.
    public let tokens: [String]

    public init(_ text: String, masking masks: Masks = .all) {
        var folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        var tokens: [String] = []
        // URLs and emails span punctuation, so they are found (and masked) before tokenising.
        // A private-use character stands either side of a placeholder: it is a token of its own
        // that no normalised text contains, where brackets would be dropped as punctuation.
        folded.unicodeScalars.removeAll { $0 == Self.marker }
        if masks.contains(.urls) { folded = Self.replace(Self.url, in: folded, with: " \u{E000}url\u{E000} ") }
        if masks.contains(.emails) { folded = Self.replace(Self.email, in: folded, with: " \u{E000}email\u{E000} ") }
        let characters = Array(folded)
        for range in TextTokens.ranges(characters) {
            let kind = TextTokens.kind(in: characters, at: range.lowerBound)
            switch kind {
            case .whitespace, .punctuation:
                continue
            case .ideograph, .symbol:
                tokens.append(String(characters[range]))
            case .word:
                tokens.append(Self.masked(String(characters[range]), masks))
            }
        }
        // A placeholder's markers are tokens of their own: join them back to one token.
        var joined: [String] = []
        var i = 0
        while i < tokens.count {
            if tokens[i] == "\u{E000}", i + 2 < tokens.count, tokens[i + 2] == "\u{E000}" {
                joined.append("\u{27E8}" + tokens[i + 1] + "\u{27E9}")
                i += 3
            } else {
                joined.append(tokens[i])
                i += 1
            }
        }
        // `1,299.00` is three number tokens and `49` one: a run of numbers is one number.
        let number = "\u{27E8}num\u{27E9}"
        self.tokens = joined.enumerated().filter { $0.offset == 0 || $0.element != number || joined[$0.offset - 1] != number }.map(\.element)
    }

    /// The shingles compared: each token and each pair of neighbouring tokens. Single tokens keep a
    /// two-word complaint comparable (it has one pair); pairs carry the word order, so the same
    /// words in another order are similar but not identical. A typo changes one token and the two
    /// pairs around it, whatever the text's length.
    public var shingles: Set<String> {
        var shingles = Set(tokens)
        for i in tokens.indices.dropLast() { shingles.insert(tokens[i] + "\u{1F}" + tokens[i + 1]) }
        return shingles
    }

    /// Jaccard similarity of two texts' shingles: 1 for the same text after normalisation, 0 when
    /// nothing is shared (or both are empty).
    public func similarity(to other: ComparableText) -> Double {
        let a = shingles, b = other.shingles
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }

    static let marker: Unicode.Scalar = "\u{E000}"
    static let url = try! NSRegularExpression(pattern: #"\b(?:https?://|www\.)[^\s<>"]+"#)
    static let email = try! NSRegularExpression(pattern: #"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}"#)

    static func replace(_ expression: NSRegularExpression, in text: String, with template: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        return expression.stringByReplacingMatches(in: text, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: template))
    }

    static func masked(_ word: String, _ masks: Masks) -> String {
        var letters = 0, digits = 0
        for scalar in word.unicodeScalars {
            if scalar.properties.numericType != nil { digits += 1 } else if scalar.properties.isAlphabetic { letters += 1 }
        }
        if masks.contains(.numbers), digits > 0, letters == 0 { return "\u{27E8}num\u{27E9}" }
        if masks.contains(.ids), digits > 0, letters > 0, word.count >= 6 { return "\u{27E8}id\u{27E9}" }
        return word
    }
}
