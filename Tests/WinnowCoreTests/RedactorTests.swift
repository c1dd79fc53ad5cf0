import XCTest
@testable import WinnowCore

/// Each built-in pattern and a workspace's own are replaced by their typed placeholder; plain
/// text, dates and amounts are left alone.
final class RedactorTests: XCTestCase {
    func redacted(_ text: String, custom: [RedactionRule] = []) throws -> String {
        try Redactor(custom: custom).redact(text).text
    }

    func testEachBuiltInPattern() throws {
        let cases: [(String, String)] = [
            ("mail me at jane.doe+billing@example.co.uk today", "mail me at [EMAIL] today"),
            ("call +1 415-555-0134 now", "call [PHONE] now"),
            ("call (415) 555-0134", "call [PHONE]"),
            ("ring 020 7946 0958 please", "ring [PHONE] please"),
            ("ring +44 20 7946 0958", "ring [PHONE]"),
            ("key sk-proj-ABCDEFGHIJKLMNOP1234 leaked", "key [API_KEY] leaked"),
            ("aws AKIAIOSFODNN7EXAMPLE here", "aws [API_KEY] here"),
            ("token ghp_0123456789abcdefghijABCDEFGHIJ012345 ok", "token [API_KEY] ok"),
            ("slack xoxb-1234567890-abcdef", "slack [API_KEY]"),
            ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk4 end", "jwt [TOKEN] end"),
            ("Authorization: Bearer abc.def-123_456~XYZ", "Authorization: [TOKEN]"),
            ("header: bearer 0123456789abcdef", "header: [TOKEN]"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(try redacted(input), expected, input)
        }
    }

    func testTheQuickCheckNeverSkipsATextABuiltInRuleMatches() {
        for text in ["a@b.io", "call 415 555 0134", "sk-ABCDEFGHIJKLMNOP1234", "AKIAIOSFODNN7EXAMPLE", "ghp_x", "xoxb-12345678901",
                     "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92", "BEARER abcdefghijk", "Bearer abcdefghijk"] {
            XCTAssertTrue(Redactor.mayHoldBuiltInMatch(text), text)
        }
        for text in ["Refunds take 5 business days.", "Open Billing and click Refund.", "日本語のテキスト 👍", ""] {
            XCTAssertFalse(Redactor.mayHoldBuiltInMatch(text), text)
        }
    }

    func testOrdinaryTextIsLeftAlone() throws {
        for text in ["Refunds take 5 business days.", "Invoice 2026-10-14 for $1,200.00", "Plan costs 12 000 a year",
                     "version 14.2.1", "", "日本語のテキスト 👍"] {
            let result = try Redactor(custom: []).redact(text)
            XCTAssertFalse(result.redacted, text)
            XCTAssertEqual(result.text, text)
        }
    }

    func testTheWorkspacesOwnPatternsComeFirstAndNameTheirPlaceholder() throws {
        let order = RedactionRule(name: "order_id", pattern: "ORD-[0-9]+")
        XCTAssertEqual(try redacted("order ORD-123456 for a@b.io", custom: [order]), "order [ORDER_ID] for [EMAIL]")
        let grouped = RedactionRule(name: "case", pattern: "(CASE|TICKET)-([0-9]{4})")
        XCTAssertEqual(try redacted("see TICKET-0042, call 415-555-0134", custom: [grouped]), "see [CASE], call [PHONE]",
                       "capture groups inside a pattern do not confuse which rule matched")
    }

    func testInvalidPatternsAreRefusedWithTheirName() {
        XCTAssertThrowsError(try Redactor.validate(RedactionRule(name: "broken", pattern: "ORD-[0-9"))) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("redaction broken: the pattern is not a valid regular expression"))
        }
        XCTAssertThrowsError(try Redactor.validate(RedactionRule(name: "empty", pattern: "x*")), "a pattern matching nothing at all")
    }
}
