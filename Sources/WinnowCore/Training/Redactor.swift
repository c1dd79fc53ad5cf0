import Foundation

/// A pattern whose matches are replaced by a typed placeholder (`[EMAIL]`, `[ORDER_ID]`).
public struct RedactionRule: Sendable, Equatable {
    public var name: String
    public var pattern: String

    public init(name: String, pattern: String) {
        self.name = name
        self.pattern = pattern
    }

    /// `[ORDER_ID]` for `order_id`.
    public var placeholder: String { "[" + name.uppercased() + "]" }

    /// The built-in rules, most specific first (a token can hold digits that look like a phone
    /// number, so tokens are matched before phone numbers).
    public static let builtIn: [RedactionRule] = [
        // JSON Web Tokens: three base64url parts, the first a JSON header ("eyJ").
        RedactionRule(name: "token", pattern: #"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}"#),
        RedactionRule(name: "token", pattern: #"\b[Bb][Ee][Aa][Rr][Ee][Rr]\s+[A-Za-z0-9._~+/=-]{8,}"#),
        // OpenAI-style (sk-…), AWS access key ids, GitHub tokens, Slack tokens.
        RedactionRule(name: "api_key", pattern: #"\bsk-[A-Za-z0-9_-]{16,}"#),
        RedactionRule(name: "api_key", pattern: #"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"#),
        RedactionRule(name: "api_key", pattern: #"\bgh[pousr]_[A-Za-z0-9]{30,}\b"#),
        RedactionRule(name: "api_key", pattern: #"\bxox[abprs]-[A-Za-z0-9-]{10,}"#),
        RedactionRule(name: "email", pattern: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#),
        // An optional country code, an area code (in brackets or not), then two groups of 3–4 digits.
        RedactionRule(name: "phone", pattern: #"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]?\d{3,4}(?!\w)"#),
    ]
}

/// Applies redaction rules: the workspace's own first, then the built-in ones, all compiled once
/// into one alternation so each text is scanned once.
public final class Redactor: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented as safe to share across threads.
    private let expression: NSRegularExpression
    /// The capture group each rule's alternative is, and its placeholder.
    private let groups: [(group: Int, placeholder: String)]

    public struct InvalidPattern: Error, CustomStringConvertible {
        public var name: String
        public var message: String
        public var description: String { "redaction \(name): the pattern is not a valid regular expression (\(message))" }
    }

    /// Checks one pattern, for the config's validation.
    public static func validate(_ rule: RedactionRule) throws {
        do {
            let compiled = try NSRegularExpression(pattern: rule.pattern)
            if compiled.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil {
                throw InvalidPattern(name: rule.name, message: "it matches the empty text")
            }
        } catch let error as InvalidPattern {
            throw error
        } catch {
            throw InvalidPattern(name: rule.name, message: error.localizedDescription)
        }
    }

    public init(custom: [RedactionRule]) throws {
        let rules = custom + RedactionRule.builtIn
        var parts: [String] = []
        var groups: [(Int, String)] = []
        var next = 1
        for rule in rules {
            try Self.validate(rule)
            let inner = try NSRegularExpression(pattern: rule.pattern).numberOfCaptureGroups
            // Inline flags such as (?i) stay scoped to their own alternative.
            parts.append("(" + "(?:" + rule.pattern + ")" + ")")
            groups.append((next, rule.placeholder))
            next += 1 + inner
        }
        expression = try NSRegularExpression(pattern: parts.joined(separator: "|"))
        self.groups = groups
        builtInOnly = custom.isEmpty
    }

    /// Whether only the built-in rules apply, so a text none of them could match is skipped.
    private let builtInOnly: Bool

    /// The text with every match replaced by its placeholder, and whether anything was.
    public func redact(_ text: String) -> (text: String, redacted: Bool) {
        if builtInOnly && !Self.mayHoldBuiltInMatch(text) { return (text, false) }
        let ns = text as NSString
        let matches = expression.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return (text, false) }
        var out = ""
        var position = 0
        for match in matches {
            let range = match.range
            out += ns.substring(with: NSRange(location: position, length: range.location - position))
            let placeholder = groups.first { match.range(at: $0.group).location != NSNotFound }?.placeholder ?? "[REDACTED]"
            out += placeholder
            position = range.location + range.length
        }
        out += ns.substring(from: position)
        return (out, true)
    }

    /// One pass over the bytes: a text with no `@`, fewer than eight digits and none of the
    /// prefixes the built-in rules start with cannot hold a match, and most texts are such. The
    /// regular expression, which works on a UTF-16 copy of the text, is then not run at all.
    static func mayHoldBuiltInMatch(_ text: String) -> Bool {
        var digits = 0
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "@"), UInt8(ascii: "_"): return true  // emails; ghp_ and other tokens
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits >= 8 { return true }  // the shortest phone number
            case UInt8(ascii: "-") where previous == (UInt8(ascii: "s"), UInt8(ascii: "k")): return true
            case UInt8(ascii: "-") where previous.0 == UInt8(ascii: "x"): return true  // xoxb-, xoxp-…
            case UInt8(ascii: "J") where previous == (UInt8(ascii: "e"), UInt8(ascii: "y")): return true  // eyJ…
            case UInt8(ascii: "A") where previous == (UInt8(ascii: "K"), UInt8(ascii: "I"))
                                      || previous == (UInt8(ascii: "S"), UInt8(ascii: "I")): return true  // AKIA, ASIA
            case UInt8(ascii: "r"), UInt8(ascii: "R"):
                if previous.1 | 0x20 == UInt8(ascii: "e"), previous.0 | 0x20 == UInt8(ascii: "r") { return true }  // "bearer": its "rer"
            default: break
            }
            previous = (previous.1, byte)
        }
        return false
    }
}
