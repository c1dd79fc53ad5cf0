import XCTest
@testable import WinnowCore

/// The filter checked against a workspace's vocabulary: known values in any case or spelling,
/// prefixes of known values, none; nothing else.
final class FilterVocabularyTests: XCTestCase {
    let vocabulary = FilterVocabulary(values: [.severity: ["S1", "S2"], .locus: ["retrieval", "tool_use"], .owner: ["search-team"]],
                                      aliases: [.severity: ["critical": "S1", "major": "S2"]])

    func message(_ text: String, typing: Bool = false) -> String? {
        do {
            _ = try FilterQuery.parse(text, vocabulary: vocabulary, typing: typing)
            return nil
        } catch {
            return error.message
        }
    }

    func testKnownValuesAreWrittenAsStored() throws {
        let query = try FilterQuery.parse("severity:Critical -severity:s2 locus:TOOL_USE owner:none locus:retr* severity:none",
                                          vocabulary: vocabulary)
        XCTAssertEqual(query.canonicalText, "severity:S1 -severity:S2 locus:tool_use owner:none locus:retr* severity:none")
    }

    func testUnknownValuesAreRefusedWithTheChoices() {
        XCTAssertEqual(message("severity:S9"), "unknown severity `S9` (S1 critical, S2 major, none)")
        XCTAssertEqual(message("locus:knowledge"), "unknown locus `knowledge` (retrieval, tool_use, none)")
        XCTAssertEqual(message("owner:sea*"), nil, "a prefix of a known owner")
        XCTAssertEqual(message("owner:x*"), "unknown owner `x` (search-team, none)")
        XCTAssertEqual(message("severity:S"), "unknown severity `S` (S1 critical, S2 major, none)", "on Enter a value must be whole")
        XCTAssertEqual(message("severity:S", typing: true), nil, "while typing it may be the start of one")
        XCTAssertEqual(message("severity:crit", typing: true), nil)
        XCTAssertEqual(message("severity:S9", typing: true), "unknown severity `S9` (S1 critical, S2 major, none)")
        XCTAssertEqual(message("intent:anything cohort:whatever"), nil, "fields without a vocabulary take any value")
        XCTAssertNoThrow(try FilterQuery.parse("severity:S9"), "without a vocabulary nothing is checked")
    }
}
