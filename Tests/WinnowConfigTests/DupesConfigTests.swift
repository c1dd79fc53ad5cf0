import XCTest
import WinnowCore
@testable import WinnowConfig

/// `[dupes]`: whether near-duplicates are suggested, from which similarity, on which text and
/// with what masked; every mistake is refused with what is allowed.
final class DupesConfigTests: XCTestCase {
    func testDefaultsWithoutTheSectionAndAsTheTemplateWritesThem() throws {
        for text in ["", ConfigTemplate.text()] {
            let dupes = try WorkspaceConfig.parse(text).dupes
            XCTAssertTrue(dupes.enabled)
            XCTAssertEqual(dupes.minSimilarity, DuplicateSketch.defaultMinSimilarity)
            XCTAssertEqual(dupes.compare, [.prompt])
            XCTAssertEqual(dupes.masks, .all)
        }
        XCTAssertTrue(ConfigTemplate.text().contains("\n[dupes]\n# "), "winnow init writes the section out, commented")
        XCTAssertTrue(ConfigTemplate.text().contains("`winnow dupes rebuild`"), "the template says what a change needs")
    }

    func testGoodValuesAreRead() throws {
        let dupes = try WorkspaceConfig.parse("""
            [dupes]
            enabled = false
            min_similarity = 0.8
            compare = ["prompt", "correction"]
            mask = ["emails", "ids"]
            """).dupes
        XCTAssertFalse(dupes.enabled)
        XCTAssertEqual(dupes.minSimilarity, 0.8)
        XCTAssertEqual(dupes.compare, [.prompt, .correction])
        XCTAssertEqual(dupes.masks, [.emails, .ids])
        XCTAssertEqual(try WorkspaceConfig.parse("[dupes]\nmask = []\n").dupes.masks, [], "an empty list masks nothing")
        XCTAssertTrue(try WorkspaceConfig.parse("[dupes]\nmin_similarity = 0.9\n").dupes.enabled, "a section without enabled is on")
    }

    func testTheBoundsOfMinSimilarity() throws {
        XCTAssertEqual(try WorkspaceConfig.parse("[dupes]\nmin_similarity = 1.0\n").dupes.minSimilarity, 1)
        XCTAssertEqual(try WorkspaceConfig.parse("[dupes]\nmin_similarity = 1\n").dupes.minSimilarity, 1,
                       "TOML writes a whole number without a point, and 1 is allowed")
        XCTAssertEqual(try WorkspaceConfig.parse("[dupes]\nmin_similarity = 0.01\n").dupes.minSimilarity, 0.01)
        XCTAssertEqual(parseError("[dupes]\nmin_similarity = 0\n"),
                       "winnow.toml:2: dupes.min_similarity must be above 0 and at most 1 (got 0.0)")
        XCTAssertEqual(parseError("[dupes]\nenabled = true\nmin_similarity = 1.5\n"),
                       "winnow.toml:3: dupes.min_similarity must be above 0 and at most 1 (got 1.5)")
        XCTAssertEqual(parseError("[dupes]\nmin_similarity = -0.2\n"),
                       "winnow.toml:2: dupes.min_similarity must be above 0 and at most 1 (got -0.2)")
    }

    func testUnknownFieldsAndMasksNameWhatIsAllowed() {
        XCTAssertEqual(parseError("[dupes]\ncompare = [\"prompt\", \"answer\"]\n"),
                       "winnow.toml:2: dupes.compare has unknown field `answer` (expected prompt, response or correction)")
        XCTAssertEqual(parseError("[dupes]\ncompare = []\n"),
                       "winnow.toml:2: dupes.compare needs at least one field (prompt, response, correction)")
        XCTAssertEqual(parseError("[dupes]\nmask = [\"urls\", \"phones\"]\n"),
                       "winnow.toml:2: dupes.mask has unknown kind `phones` (expected urls, emails, numbers or ids)")
    }

    func testWrongTypesSayWhatIsExpected() {
        XCTAssertEqual(parseError("[dupes]\nenabled = \"yes\"\n"), "winnow.toml: `dupes.enabled`: must be true or false")
        XCTAssertEqual(parseError("[dupes]\nmin_similarity = \"high\"\n"),
                       "winnow.toml: `dupes.min_similarity`: must be a number between 0 and 1")
        XCTAssertEqual(parseError("[dupes]\ncompare = \"prompt\"\n"), "winnow.toml: `dupes.compare`: must be a list of field names")
        XCTAssertEqual(parseError("[dupes]\nmask = [1, 2]\n"), "winnow.toml: `dupes.mask`: must be a list of mask names")
    }

    func testAnUnknownKeyIsRefusedWithItsLine() {
        XCTAssertEqual(parseError("[dupes]\nenabled = true\nmin_similarty = 0.7\n"),
                       "winnow.toml:3: unknown setting `min_similarty` in [dupes] (expected one of: compare, enabled, mask, min_similarity)")
    }
}
