/// What a resubmitted complaint adds or drops without saying anything else: a greeting before it
/// ("Hi team,"), a sign-off after it ("Thanks, Bob", "— Anna from Acme", "sent from my phone") and
/// filler words ("please", "just"). Near-duplicate search leaves them out of the comparison, so a
/// short complaint with a greeting is not a different text. English only: elsewhere they stay in,
/// which costs similarity, never a false match.
enum CourtesyWords {
    /// The punctuation that stood before a token: where a greeting ends or a signature starts.
    struct Break: OptionSet, Equatable, Sendable {
        let rawValue: UInt8
        init(rawValue: UInt8) { self.rawValue = rawValue }
        static let none: Break = []
        /// A comma, colon, stop, exclamation or question mark.
        static let pause = Break(rawValue: 1)
        /// A dash standing apart from words (`—`, `–`, `--`, ` - `): a signature often follows one.
        static let dash = Break(rawValue: 2)

        init<C: Collection>(_ punctuation: C) where C.Element == Character {
            var value: Break = []
            for c in punctuation {
                switch c.unicodeScalars.first?.value ?? 0 {
                case 0x2C, 0x3A, 0x3B, 0x2E, 0x21, 0x3F, 0x3001, 0x3002, 0xFF0C: value.insert(.pause)
                case 0x2D, 0x2013, 0x2014, 0x2015: value.insert(.dash)
                default: break
                }
            }
            self = value
        }
    }

    static let fillers: Set<String> = ["please", "pls", "plz", "kindly", "just", "um", "umm", "uh", "hi", "hello", "hey",
                                       "thanks", "thx"]
    static let greetings: Set<String> = ["hi", "hello", "hey", "dear", "greetings", "hiya", "howdy", "yo"]
    static let dayGreetings: Set<String> = ["morning", "afternoon", "evening", "day"]
    static let signOffs: Set<String> = ["thanks", "thank", "thx", "regards", "cheers", "best", "sincerely", "br"]
    /// The most words a greeting's addressee ("team", "there", "support team") or a signature may have.
    static let greetingWords = 2
    static let signatureWords = 6

    /// `tokens` without a leading greeting and a trailing sign-off; as they are when that would leave nothing.
    /// `breaks[i]` is the punctuation before `tokens[i]`.
    static func withoutGreetingAndSignOff(_ tokens: [String], breaks: [Break]) -> ArraySlice<String> {
        var start = 0
        if let greeting = greetingLength(tokens) {
            // The greeting runs to the first pause within its addressee's words ("hi support team,").
            start = greeting
            for end in greeting...min(greeting + greetingWords, tokens.count) where end == tokens.count || breaks[end].contains(.pause) {
                start = end
                break
            }
        }
        var end = tokens.count
        for i in max(start + 1, tokens.count - signatureWords)..<max(start + 1, tokens.count) {
            let tail = tokens.count - i
            if breaks[i].contains(.dash) { end = i; break }
            if signOffs.contains(tokens[i]), tail <= 4, i + 1 < tokens.count, breaks[i + 1].contains(.pause) { end = i; break }
            if signOffs.contains(tokens[i]), tail == 1 || (tail == 2 && tokens[i] == "thank" && tokens[i + 1] == "you") { end = i; break }
            if tail == 4, tokens[i] == "sent", tokens[i + 1] == "from", tokens[i + 2] == "my" { end = i; break }
        }
        return start < end ? tokens[start..<end] : tokens[...]
    }

    /// How many tokens the greeting word itself takes ("hi": 1, "good morning": 2), nil for none.
    static func greetingLength(_ tokens: [String]) -> Int? {
        guard let first = tokens.first else { return nil }
        if greetings.contains(first) { return 1 }
        if first == "good", tokens.count > 1, dayGreetings.contains(tokens[1]) { return 2 }
        return nil
    }
}
