import XCTest
@testable import WinnowConfig

/// `[review] dispute_on_overwrite`: whether changing another reviewer's label opens a dispute
/// instead; off unless the workspace says so.
final class DisputeSettingTests: XCTestCase {
    func testOffByDefaultAndInTheTemplate() throws {
        XCTAssertFalse(try WorkspaceConfig.parse("").disputeOnOverwrite)
        XCTAssertFalse(try WorkspaceConfig.parse(ConfigTemplate.text()).disputeOnOverwrite)
        XCTAssertTrue(ConfigTemplate.text().contains("[review]\n# "), "winnow init writes the section out")
        XCTAssertTrue(ConfigTemplate.text().contains("dispute_on_overwrite = false"), "winnow init writes the setting out")
    }

    func testTheWorkspaceCanTurnItOn() throws {
        XCTAssertTrue(try WorkspaceConfig.parse("[review]\ndispute_on_overwrite = true\n").disputeOnOverwrite)
    }

    func testABadValueOrAnUnknownKeyIsRefusedWithItsLine() {
        XCTAssertThrowsError(try WorkspaceConfig.parse("[review]\ndispute_on_overwrite = 1\n")) { error in
            XCTAssertEqual(String(describing: error), "winnow.toml: `review.dispute_on_overwrite`: must be true or false")
        }
        XCTAssertThrowsError(try WorkspaceConfig.parse("[claims]\nlease_minutes = 5\n[review]\ndispute_on_overwrites = true\n")) { error in
            XCTAssertEqual(String(describing: error),
                           "winnow.toml:4: unknown setting `dispute_on_overwrites` in [review] (expected one of: dispute_on_overwrite)")
        }
    }
}
