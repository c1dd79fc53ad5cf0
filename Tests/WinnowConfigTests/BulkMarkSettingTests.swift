import XCTest
@testable import WinnowConfig

/// `[ui] mark_moves_down`: whether Space moves down after marking; off unless the workspace says so.
final class BulkMarkSettingTests: XCTestCase {
    func testOffByDefaultAndInTheTemplate() throws {
        XCTAssertFalse(try WorkspaceConfig.parse("").markMovesDown)
        XCTAssertFalse(try WorkspaceConfig.parse(ConfigTemplate.text()).markMovesDown)
        XCTAssertTrue(ConfigTemplate.text().contains("mark_moves_down = false"), "winnow init writes the setting out")
    }

    func testTheWorkspaceCanTurnItOn() throws {
        XCTAssertTrue(try WorkspaceConfig.parse("[ui]\nmark_moves_down = true\n").markMovesDown)
    }

    func testAValueThatIsNotTrueOrFalseIsRefusedNamingTheSetting() {
        XCTAssertThrowsError(try WorkspaceConfig.parse("[ui]\nmark_moves_down = \"yes\"\n")) { error in
            let text = String(describing: error)
            XCTAssertEqual(text, "winnow.toml: `ui.mark_moves_down`: must be true or false")
        }
        XCTAssertThrowsError(try WorkspaceConfig.parse("[ui]\nspace_moves_down = true\n")) { error in
            XCTAssertTrue(String(describing: error).contains("unknown setting `space_moves_down` in [ui]"), String(describing: error))
        }
    }
}
