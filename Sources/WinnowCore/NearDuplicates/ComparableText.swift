import Foundation

/// A text as near-duplicate detection compares it: the same complaint written with other casing,
/// full-width letters, punctuation, spacing, a typo, a greeting or a sign-off, filler words, another
/// invoice number, email or link reads the same or nearly.
///
/// Normalisation: Unicode NFKC (compatibility forms fold: `ｒｅｆｕｎｄ` is `refund`), lower case,
/// then the text is cut into tokens with the word notion the diff uses (`TextTokens`): words,
/// each ideograph on its own (CJK has no spaces), and symbols such as emoji; punctuation and
/// whitespace separate tokens and are dropped. Punctuation inside a word is dropped with it, so
/// `don't`, `sign-in` and `e.g.` read as `dont`, `signin` and `eg` whether or not a copy kept it.
/// Volatile tokens are masked by kind, so two texts that differ only in them still match: URLs
/// (`⟨url⟩`), emails (`⟨email⟩`), numbers (`⟨num⟩`, `1,299.00` and `#48213` alike) and ids (`⟨id⟩`:
/// a token of 6 or more characters mixing letters and digits, such as `inv_8f3k2m9q`).
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
    /// The tokens the shingles are made of: `tokens` less what a resubmitted complaint adds or drops
    /// without saying anything else (see `CourtesyWords`, and a reference appended at the end such
    /// as "order 48213"), and less masked numbers and ids, whose
    /// value is already hidden and whose presence says little. All of `tokens` when nothing would be left.
    public let comparedTokens: [String]

    public init(_ text: String, masking masks: Masks = .all) {
        // ASCII is its own NFKC form: the Unicode tables are consulted only for other text.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        var folded = (ascii ? text : text.precomposedStringWithCompatibilityMapping).lowercased()
        // URLs and emails span punctuation, so they are found (and masked) before tokenising.
        // A private-use character stands either side of a placeholder: it is a token of its own
        // that no normalised text contains, where brackets would be dropped as punctuation.
        if !ascii, folded.unicodeScalars.contains(Self.marker) { folded.unicodeScalars.removeAll { $0 == Self.marker } }
        var placeholders = false
        if masks.contains(.urls), Self.mayHoldURL(folded) {
            folded = Self.replace(Self.url, in: folded, with: " \u{E000}url\u{E000} ")
            placeholders = true
        }
        if masks.contains(.emails), folded.utf8.contains(UInt8(ascii: "@")) {
            folded = Self.replace(Self.email, in: folded, with: " \u{E000}email\u{E000} ")
            placeholders = true
        }
        folded = Self.joiningWords(folded)
        var tokens: [String] = []
        var breaks: [CourtesyWords.Break] = []
        var pending = CourtesyWords.Break.none
        for range in TextTokens.ranges(folded) {
            // A token never starts with an apostrophe that joins a word, so its first character's kind is the token's.
            switch TextTokens.kind(of: folded[range.lowerBound]) {
            case .whitespace:
                continue
            case .punctuation:
                pending.formUnion(CourtesyWords.Break(folded[range]))
                continue
            case .ideograph, .symbol:
                tokens.append(String(folded[range]))
            case .word:
                var word = String(folded[range])
                if word.utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 }) {
                    word.unicodeScalars.removeAll { $0 == "'" || $0 == "\u{2019}" }
                }
                tokens.append(Self.masked(word, masks))
            }
            breaks.append(pending)
            pending = .none
        }
        // A placeholder's markers are tokens of their own: join them back to one token.
        if placeholders {
            var joined: [String] = []
            var joinedBreaks: [CourtesyWords.Break] = []
            var i = 0
            while i < tokens.count {
                if Self.isMarker(tokens[i]), i + 2 < tokens.count, Self.isMarker(tokens[i + 2]) {
                    joined.append("\u{27E8}" + tokens[i + 1] + "\u{27E9}")
                    joinedBreaks.append(breaks[i])
                    i += 3
                } else {
                    joined.append(tokens[i])
                    joinedBreaks.append(breaks[i])
                    i += 1
                }
            }
            tokens = joined
            breaks = joinedBreaks
        }
        // `1,299.00` is three number tokens and `49` one: a run of numbers is one number.
        var kept: [String] = []
        var keptBreaks: [CourtesyWords.Break] = []
        kept.reserveCapacity(tokens.count)
        keptBreaks.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated()
        where index == 0 || !Self.isPlaceholder(token, Self.number) || !Self.isPlaceholder(tokens[index - 1], Self.number) {
            kept.append(token)
            keptBreaks.append(breaks[index])
        }
        self.tokens = kept
        let content = Self.withoutTrailingReference(CourtesyWords.withoutGreetingAndSignOff(kept, breaks: keptBreaks))
            .filter { !CourtesyWords.fillers.contains($0) && !Self.isPlaceholder($0, Self.number) && !Self.isPlaceholder($0, Self.id) }
        // Only courtesy: compared as it is. Only placeholders: nothing to compare (every number
        // alone would be every other's duplicate).
        let compared = content.isEmpty ? kept : content
        comparedTokens = compared.allSatisfy { $0.unicodeScalars.first == "\u{27E8}" } ? [] : compared
    }

    /// The shingles compared. A word of more than 3 letters gives its letter trigrams, with its
    /// start and end marked (`refund`: `^re`, `ref` … `nd$`), so a typo costs a few of them instead
    /// of the whole word, while a word replaced by another loses them all; a shorter word, an
    /// ideograph, a symbol or a placeholder is a shingle as it is. Each pair of neighbouring tokens
    /// is one too: pairs carry the word order (and, for CJK, the words), so the same words in
    /// another order are similar but not identical.
    public var shingles: Set<String> {
        var shingles = Set<String>()
        for token in comparedTokens {
            if let scalars = Self.trigramScalars(token) {
                for start in 0...(scalars.count - 3) {
                    var gram = String.UnicodeScalarView()
                    gram.append(Self.gramMarker)
                    gram.append(contentsOf: scalars[start..<start + 3])
                    shingles.insert(String(gram))
                }
            } else {
                shingles.insert(token)
            }
        }
        for i in comparedTokens.indices.dropLast() { shingles.insert(comparedTokens[i] + "\u{1F}" + comparedTokens[i + 1]) }
        return shingles
    }

    /// The 64-bit FNV-1a hash of every shingle (repeats possible), without building them as strings:
    /// equal to hashing `shingles` one by one, at a fraction of the cost.
    public var shingleHashes: [UInt64] {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(comparedTokens.count * 5)
        var tokenHashes: [UInt64] = []
        tokenHashes.reserveCapacity(comparedTokens.count)
        for token in comparedTokens {
            let whole = MinHasher.fnv1a(token)
            tokenHashes.append(whole)
            if let scalars = Self.trigramScalars(token) {
                for start in 0...(scalars.count - 3) {
                    var hash = MinHasher.fnv1a(continuing: MinHasher.fnvOffset, scalar: Self.gramMarker)
                    for scalar in scalars[start..<start + 3] { hash = MinHasher.fnv1a(continuing: hash, scalar: scalar) }
                    hashes.append(hash)
                }
            } else {
                hashes.append(whole)
            }
        }
        for i in comparedTokens.indices.dropLast() {
            var hash = MinHasher.fnv1a(continuing: tokenHashes[i], scalar: "\u{1F}")
            for byte in comparedTokens[i + 1].utf8 { hash = MinHasher.fnv1a(continuing: hash, byte: byte) }
            hashes.append(hash)
        }
        return hashes
    }

    /// Jaccard similarity of two texts' shingles: 1 for the same text after normalisation, 0 when
    /// nothing is shared (or both are empty).
    public func similarity(to other: ComparableText) -> Double {
        let a = shingles, b = other.shingles
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }

    static let marker: Unicode.Scalar = "\u{E000}"
    static let number = "\u{27E8}num\u{27E9}"
    static let id = "\u{27E8}id\u{27E9}"

    /// Words that name a number or id after them: "order 48213", "ref inv_8f3k2m9q", "ticket #4411".
    static let referenceLabels: Set<String> = ["order", "ref", "reference", "ticket", "case", "invoice", "inv", "id", "no",
                                               "number", "account", "booking", "confirmation", "tracking", "transaction"]

    /// `tokens` without a reference appended at the end: a masked number or id and the label before
    /// it. Copies of one complaint add them or not ("… order 48213"); inside a sentence the label is
    /// content ("invoice 48213 is wrong") and stays.
    static func withoutTrailingReference(_ tokens: ArraySlice<String>) -> ArraySlice<String> {
        guard tokens.count > 2, let last = tokens.last, isPlaceholder(last, number) || isPlaceholder(last, id),
              referenceLabels.contains(tokens[tokens.endIndex - 2]) else { return tokens }
        return tokens.dropLast(2)
    }

    /// Byte comparison: `==` on strings compares canonical equivalence, slowly, outside ASCII.
    static func isPlaceholder(_ token: String, _ placeholder: String) -> Bool { token.utf8.elementsEqual(placeholder.utf8) }
    static func isMarker(_ token: String) -> Bool { token.unicodeScalars.count == 1 && token.unicodeScalars.first == marker }

    /// Whether "http" or "www." occurs: the URL expression only runs where it can match.
    static func mayHoldURL(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var window: UInt32 = 0
        while let byte = utf8.next() {
            window = window << 8 | UInt32(byte)
            if window == 0x6874_7470 || window == 0x7777_772E { return true }  // "http", "www."
        }
        return false
    }
    /// Starts every letter trigram, so no trigram equals a word or a pair.
    static let gramMarker: Unicode.Scalar = "\u{1E}"
    static let wordStart: Unicode.Scalar = "\u{02}"
    static let wordEnd: Unicode.Scalar = "\u{03}"
    static let url = try! NSRegularExpression(pattern: #"\b(?:https?://|www\.)[^\s<>"]+"#)
    static let email = try! NSRegularExpression(pattern: #"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}"#)

    /// A word's scalars between its start and end marks when it is cut into trigrams (letters and
    /// marks only, more than 3 of them); nil for a token compared whole.
    static func trigramScalars(_ token: String) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = [wordStart]
        for scalar in token.unicodeScalars {
            if scalar.value < 0x80 {
                guard (0x61...0x7A).contains(scalar.value) || (0x41...0x5A).contains(scalar.value) else { return nil }
                scalars.append(scalar)
                continue
            }
            guard scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
                    || scalar.properties.generalCategory == .spacingMark,
                  !TextTokens.isIdeograph(scalar.value) else { return nil }
            scalars.append(scalar)
        }
        guard scalars.count > 4 else { return nil }
        scalars.append(wordEnd)
        return scalars
    }

    /// Drops a hyphen, period or apostrophe that stands between two word characters, so a word
    /// reads the same with or without it.
    static func joiningWords(_ text: String) -> String {
        func isJoiner(_ c: Character) -> Bool {
            guard let scalar = c.unicodeScalars.first else { return false }
            switch scalar.value {
            case 0x2D, 0x2E, 0x2010, 0x2011: return c.unicodeScalars.count == 1
            default: return false
            }
        }
        // "-", "." and the lead byte of U+2010 and U+2011: most texts have none, and are left as they are.
        guard text.utf8.contains(where: { $0 == 0x2D || $0 == 0x2E || $0 == 0xE2 }) else { return text }
        let characters = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for (i, c) in characters.enumerated() {
            if isJoiner(c), i > 0, i + 1 < characters.count,
               TextTokens.kind(of: characters[i - 1]) == .word, TextTokens.kind(of: characters[i + 1]) == .word {
                continue
            }
            out.append(c)
        }
        return out
    }

    static func replace(_ expression: NSRegularExpression, in text: String, with template: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        return expression.stringByReplacingMatches(in: text, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: template))
    }

    static func masked(_ word: String, _ masks: Masks) -> String {
        var letters = 0, digits = 0
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits += 1
            case 0x41...0x5A, 0x61...0x7A: letters += 1
            case 0..<0x80: break
            default:
                if scalar.properties.numericType != nil { digits += 1 } else if scalar.properties.isAlphabetic { letters += 1 }
            }
        }
        if masks.contains(.numbers), digits > 0, letters == 0 { return "\u{27E8}num\u{27E9}" }
        if masks.contains(.ids), digits > 0, letters > 0, word.count >= 6 { return "\u{27E8}id\u{27E9}" }
        return word
    }
}
