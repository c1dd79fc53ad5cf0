import PropertyBased
import Testing
@testable import WinnowCore

/// The filter language's printer (`canonicalText`) against its parser: whatever parses, printed
/// and parsed again, is the same query, and printing is then stable.
@Suite("filter language: parse → print → parse")
struct FilterRoundTripTests {
    /// Pieces of queries, including the awkward ones: quotes, backslashes, operators, `*`, `%`,
    /// `_`, `none`, combining marks, wide characters and whitespace other than spaces.
    static let pieces = [
        "signal:", "severity:", "status:", "owner:", "intent:", "locus:", "cohort:", "channel:", "model:", "user:",
        "claimed:", "cluster:", "dispute:", "SIGNAL:", "-", "\"", "\\", "\\\"", "*", ":", " ", " ", " ", "\t", "\n", "\u{A0}",
        "csat", "thumbs", "thumbs_down", "S1", "s2", "none", "open", "closed", "triaged", "Tri", "me", "42", "7",
        "billing.refund", "billing.", "%", "_", "100%", "usr_1", "OR", "AND", "NOT", "NEAR", "(", ")", "refund",
        "é", "e\u{301}", "\u{301}", "請", "👍🏽", "'",
    ]

    static func query(_ indices: [Int]) -> String { indices.map { pieces[$0 % pieces.count] }.joined() }

    @Test("any query that parses prints to a query that parses to it again")
    func parsePrintParse() async {
        await propertyCheck(count: 3_000, input: Gen.int(in: 0...10_000).array(of: 0...14)) { indices in
            let text = Self.query(indices)
            guard let parsed = try? FilterQuery.parse(text) else { return }
            let printed = parsed.canonicalText
            let reparsed = try? FilterQuery.parse(printed)
            #expect(reparsed == parsed, "\(text.debugDescription) printed as \(printed.debugDescription)")
            #expect(reparsed?.canonicalText == printed, "printing is stable for \(text.debugDescription)")
        }
    }

    /// Values each field accepts, so that generated queries are valid ones.
    static let values: [FilterQuery.Field: [String]] = [
        .signal: ["csat", "thumbs_down", "thumbs", "explicit_correction"],
        .status: ["open", "closed", "triaged", "Triaged", "new", "wont_fix"],
        .cluster: ["1", "42", "9000000000"],
        .dispute: ["open", "decided", "any", "mine", "Open"],
    ]
    static let freeValues = ["S1", "none", "Billing team", "ops_100%", "a\"b", "\"quoted\"", "back\\slash", "end*", "*",
                             "tab\there", "line\nbreak", "請求", "e\u{301}", "\u{301}x", "-dash", "x:y", "   ", "\\\""]
    static let words = ["refund", "OR", "NOT", "a\"b", "x*", "100%", "e\u{301}", "請", "under_score", "back\\slash", "-", "--x"]
    static let phrases = ["cancel -now OR later", "said \"hi\"", "\"", "\\", "a\\\"b", "refund*", "owner:x", "  x  ", "\u{301}", "tab\tand\nline"]

    /// A query built from numbers (so the property-based engine can shrink it).
    static func built(_ numbers: [Int]) -> FilterQuery {
        var query = FilterQuery()
        var rest = numbers[...]
        while rest.count >= 4 {
            let kind = rest.removeFirst(), a = rest.removeFirst(), b = rest.removeFirst(), c = rest.removeFirst()
            let negated = b % 2 == 1
            if kind % 3 == 0 {
                let text: String
                if c % 2 == 0 {
                    text = phrases[a % phrases.count]
                } else {
                    // A bare word never starts with `-` unless negated: the `-` would be the negation.
                    let word = words[a % words.count]
                    text = !negated && word.hasPrefix("-") ? "x" + word : word
                }
                query.text.append(.init(text: text, phrase: c % 2 == 0, negated: negated))
            } else {
                let field = FilterQuery.Field.allCases[a % FilterQuery.Field.allCases.count]
                let pool = values[field] ?? freeValues
                let prefix = field != .cluster && field != .dispute && c % 3 == 0
                query.terms.append(.init(field: field, value: pool[(a / 16) % pool.count], negated: negated, prefix: prefix))
            }
        }
        return query
    }

    @Test("any valid query prints to text that parses back to it")
    func printParse() async {
        await propertyCheck(count: 3_000, input: Gen.int(in: 0...10_000).array(of: 0...24)) { numbers in
            let query = Self.built(numbers)
            let printed = query.canonicalText
            #expect((try? FilterQuery.parse(printed)) == query, "\(printed.debugDescription)")
        }
    }

    @Test("canonical forms", arguments: [
        ("signal:csat   -owner:none", "signal:csat -owner:none"),
        (#"owner:"Billing team" intent:billing.*"#, #"owner:"Billing team" intent:billing.*"#),
        (#"owner:"end*""#, #"owner:"end*""#),
        (#"owner:"Billing t"*"#, #"owner:"Billing t"*"#),
        (#""said \"hi\"" -"a\\b""#, #""said \"hi\"" -"a\\b""#),
        (#""C:\path""#, #""C:\\path""#),
        ("refund SEVERITY:S1", "severity:S1 refund"),
        ("--x", "--x"),
    ])
    func canonicalForms(input: String, printed: String) throws {
        #expect(try FilterQuery.parse(input).canonicalText == printed)
    }

    @Test("a quoted value's * is literal; a * after the quote is a prefix")
    func quotedStar() throws {
        #expect(try FilterQuery.parse(#"owner:"a*""#).terms == [.init(field: .owner, value: "a*")])
        #expect(try FilterQuery.parse(#"owner:"a b"*"#).terms == [.init(field: .owner, value: "a b", prefix: true)])
        #expect(try FilterQuery.parse("owner:a*").terms == [.init(field: .owner, value: "a", prefix: true)])
    }

    @Test("quotes: escapes inside, and a space after", arguments: [
        (#""unclosed"#, "unclosed quote"),
        (#""a"b"#, "a space must follow a closing quote"),
        (#"owner:"a"b"#, "a space must follow the closing quote of `owner:`"),
        (#"owner:"""#, "`owner:` needs a value (team or person, or none)"),
        (#""   ""#, "empty phrase"),
        ("- x", "`-` must be followed by a term to exclude"),
        ("colour:red", "unknown filter field `colour` (fields: signal, severity, status, owner, intent, locus, reason, cohort, channel, model, user, claimed, cluster, dispute, round)"),
    ])
    func errors(input: String, message: String) {
        #expect(throws: FilterQuery.ParseError.self) { try FilterQuery.parse(input) }
        do {
            _ = try FilterQuery.parse(input)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test("every field, negation, OR within a field, phrases with operators")
    func structure() throws {
        let query = try FilterQuery.parse(#"signal:csat signal:thumbs_down -severity:none status:open owner:"ops team" intent:billing.* locus:retrieval cohort:smb channel:email model:helios-2.4.0 user:usr_1 claimed:me cluster:42 refund -"cancel -now OR later""#)
        #expect(query.terms.map(\.field) == [.signal, .signal, .severity, .status, .owner, .intent, .locus, .cohort, .channel,
                                             .model, .user, .claimed, .cluster])
        #expect(query.terms[2] == .init(field: .severity, value: "none", negated: true))
        #expect(query.terms[5] == .init(field: .intent, value: "billing.", prefix: true))
        #expect(query.text == [.init(text: "refund"), .init(text: "cancel -now OR later", phrase: true, negated: true)])
    }
}
