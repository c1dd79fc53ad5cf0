/// The one notion of a "word" shared by the word diff and the editor's word movement.
///
/// Text is cut into tokens at grapheme (Character) boundaries, never inside a grapheme, so emoji
/// sequences and combining marks stay whole:
/// - a **word** is a run of letters, digits, marks and `_`; an apostrophe (`'` or `’`) between two word
///   characters belongs to the word (`don't` is one token);
/// - every **ideograph** (Han, kana, hangul) is a token of its own, since CJK text has no spaces;
/// - a run of **whitespace** (newlines included) is one token, and so is a run of **punctuation**;
/// - every other character (**symbol**: emoji, maths and currency signs, controls) is a token of its own.
public enum TextTokens {
    public enum Kind: Equatable, Sendable {
        case word, ideograph, whitespace, punctuation, symbol

        /// Whether a token of this kind is something word movement stops at (not a separator).
        public var isWordLike: Bool {
            switch self {
            case .word, .ideograph, .symbol: true
            case .whitespace, .punctuation: false
            }
        }
    }

    /// The kind of one character taken alone (the apostrophe rule needs its neighbours: see `kind(in:at:)`).
    public static func kind(of character: Character) -> Kind {
        guard let first = character.unicodeScalars.first else { return .symbol }
        let v = first.value
        if v < 0x80 {
            switch v {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return .word
            case 0x09...0x0D, 0x20: return .whitespace
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                // ASCII symbols that are not punctuation in Unicode terms ($ + < = > ^ ` |  ~) are still
                // separators inside prose, so they run together with punctuation.
                return .punctuation
            default: return .symbol
            }
        }
        if isIdeograph(v) { return .ideograph }
        if character.isWhitespace { return .whitespace }
        switch first.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber,
             .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation:
            return .word
        case .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
             .otherPunctuation:
            return .punctuation
        default:
            return .symbol
        }
    }

    /// Han ideographs, kana, hangul syllables and jamo, and their compatibility and fullwidth forms.
    static func isIdeograph(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x11FF,   // hangul jamo
             0x3005...0x3007,   // 々 〆 〇
             0x3041...0x309F,   // hiragana
             0x30A0...0x30FF,   // katakana
             0x3131...0x318E,   // hangul compatibility jamo
             0x31F0...0x31FF,   // katakana phonetic extensions
             0x3400...0x4DBF,   // CJK extension A
             0x4E00...0x9FFF,   // CJK unified ideographs
             0xA960...0xA97F,   // hangul jamo extended A
             0xAC00...0xD7AF,   // hangul syllables
             0xD7B0...0xD7FF,   // hangul jamo extended B
             0xF900...0xFAFF,   // CJK compatibility ideographs
             0xFF66...0xFF9F,   // halfwidth katakana
             0xFFA0...0xFFDC,   // halfwidth hangul
             0x1B000...0x1B16F, // kana supplement / extended
             0x20000...0x3FFFF: // CJK extensions B and later
            return true
        default:
            return false
        }
    }

    static func isApostrophe(_ c: Character) -> Bool { c == "'" || c == "\u{2019}" }

    /// The kind of the character at `i` in context: an apostrophe between two word characters is `.word`.
    public static func kind(in chars: [Character], at i: Int) -> Kind {
        let k = kind(of: chars[i])
        if k == .punctuation, joinsWord(chars, i) { return .word }
        return k
    }

    /// Whether the apostrophe at `i` sits between two word characters.
    static func joinsWord(_ chars: [Character], _ i: Int) -> Bool {
        i > 0 && i + 1 < chars.count && isApostrophe(chars[i])
            && kind(of: chars[i - 1]) == .word && kind(of: chars[i + 1]) == .word
    }

    /// Whether a token starts at `i` (0 < i < count): the characters at `i - 1` and `i` are in different tokens.
    public static func isBoundary(_ chars: [Character], at i: Int) -> Bool {
        if i <= 0 || i >= chars.count { return true }
        let a = kind(in: chars, at: i - 1)
        let b = kind(in: chars, at: i)
        guard a == b else { return true }
        switch a {
        case .word, .whitespace, .punctuation: return false
        case .ideograph, .symbol: return true
        }
    }

    /// Where the tokens of a sequence of characters start and end: one pass, looking one character ahead
    /// only for an apostrophe. Returns the start index of every token and, last, the end index.
    static func boundaries<C: Collection>(_ chars: C) -> [C.Index] where C.Element == Character {
        var out: [C.Index] = []
        var index = chars.startIndex
        guard index < chars.endIndex else { return [index] }
        var previousRaw: Kind?
        var previous: Kind?
        while index < chars.endIndex {
            let c = chars[index]
            let next = chars.index(after: index)
            let raw = kind(of: c)
            var k = raw
            if raw == .punctuation, previousRaw == .word, isApostrophe(c), next < chars.endIndex,
               kind(of: chars[next]) == .word {
                k = .word
            }
            if let p = previous {
                if p != k || k == .ideograph || k == .symbol { out.append(index) }
            } else {
                out.append(index)
            }
            previousRaw = raw
            previous = k
            index = next
        }
        out.append(chars.endIndex)
        return out
    }

    /// The tokens of `chars`, as ranges of indices; concatenated they cover `chars` exactly.
    public static func ranges(_ chars: [Character]) -> [Range<Int>] {
        let b = boundaries(chars)
        return zip(b, b.dropFirst()).map { $0..<$1 }
    }

    /// The tokens of `text`, as ranges of its indices; concatenated they cover `text` exactly.
    public static func ranges(_ text: String) -> [Range<String.Index>] {
        let b = boundaries(text)
        return zip(b, b.dropFirst()).map { $0..<$1 }
    }

    /// The tokens of `text` as strings; joined they give `text` back.
    public static func tokens(_ text: String) -> [String] {
        ranges(text).map { String(text[$0]) }
    }

    /// Word movement forward: from `index`, skip separators, then the word-like token there; returns the
    /// index just past it (or `chars.count`).
    public static func nextWordEnd(in chars: [Character], from index: Int) -> Int {
        var i = max(0, min(index, chars.count))
        while i < chars.count, !kind(in: chars, at: i).isWordLike { i += 1 }
        guard i < chars.count else { return i }
        i += 1
        while i < chars.count, !isBoundary(chars, at: i) { i += 1 }
        return i
    }

    /// Word movement backward: from `index`, skip separators before it, then the word-like token there;
    /// returns the index where that token starts (or 0).
    public static func previousWordStart(in chars: [Character], from index: Int) -> Int {
        var i = max(0, min(index, chars.count))
        while i > 0, !kind(in: chars, at: i - 1).isWordLike { i -= 1 }
        guard i > 0 else { return 0 }
        i -= 1
        while i > 0, !isBoundary(chars, at: i) { i -= 1 }
        return i
    }
}
