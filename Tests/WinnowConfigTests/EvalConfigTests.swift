import XCTest
@testable import WinnowConfig

/// `[eval]`: the share of each week's traffic frozen into the eval set, and its seed.
final class EvalConfigTests: XCTestCase {
    func testDefaultsWithoutTheSectionAndAsTheTemplateWritesThem() throws {
        for text in ["", ConfigTemplate.text()] {
            let eval = try WorkspaceConfig.parse(text).eval
            XCTAssertEqual(eval.share, 0.05)
            XCTAssertEqual(eval.seed, "winnow-eval")
        }
        XCTAssertTrue(ConfigTemplate.text().contains("\n[eval]\n# "))
    }

    func testGoodValuesAreRead() throws {
        let eval = try WorkspaceConfig.parse("[eval]\nshare = 0.1\nseed = \"q4\"\n").eval
        XCTAssertEqual(eval.share, 0.1)
        XCTAssertEqual(eval.seed, "q4")
    }

    func testMistakesAreRefusedWithWhatIsAllowed() {
        for (text, expected) in [("[eval]\nshare = 0.0\n", "eval.share must be above 0 and at most 1 (got 0.0)"),
                                 ("[eval]\nshare = 1.5\n", "eval.share must be above 0 and at most 1 (got 1.5)"),
                                 ("[eval]\nseed = \"\"\n", "eval.seed must not be empty"),
                                 ("[eval]\nfraction = 0.1\n", "unknown setting `fraction`")] {
            XCTAssertThrowsError(try WorkspaceConfig.parse(text), text) { error in
                XCTAssertTrue(String(describing: error).contains(expected), "\(text): \(error)")
            }
        }
    }
}
