import XCTest
import WinnowCore
@testable import WinnowConfig

final class WorkspaceConfigTests: XCTestCase {
    func testTemplateParsesToTheDesignDefaults() throws {
        let config = try WorkspaceConfig.parse(ConfigTemplate.text(name: "Demo \"quoted\""))
        XCTAssertEqual(config.name, "Demo \"quoted\"")
        XCTAssertEqual(config.taxonomy, Taxonomy.defaults)
        XCTAssertEqual(config.leaseMinutes, 10)
        XCTAssertTrue(config.isSingleUser)
        XCTAssertEqual(config.theme, "dusk")
        XCTAssertEqual(config.taxonomy.weight(of: .thumbsUp), 0)
        XCTAssertEqual(config.taxonomy.locus(named: "tool_use")?.reasons, ["tool_error", "wrong_parameters", "unverified_action"])
        XCTAssertTrue(config.owners.contains("search-team"))
        XCTAssertTrue(config.owners.contains("support-ops"))
    }

    func testEmptyFileMeansDefaults() throws {
        XCTAssertEqual(try WorkspaceConfig.parse("").taxonomy, .defaults)
    }

    func testRosterAndOverrides() throws {
        let config = try WorkspaceConfig.parse("""
            [claims]
            lease_minutes = 25
            [signal_weights]
            rephrase = 0.1
            [[reviewer]]
            name = "alice"
            roles = ["lead", "adjudicator"]
            [[reviewer]]
            name = "bo"
            """)
        XCTAssertEqual(config.leaseMinutes, 25)
        XCTAssertEqual(config.taxonomy.weight(of: .rephrase), 0.1)
        XCTAssertEqual(config.taxonomy.weight(of: .csat), 0.7)
        XCTAssertFalse(config.isSingleUser)
        XCTAssertEqual(config.roles(of: "alice"), [.lead, .adjudicator])
        XCTAssertEqual(config.roles(of: "bo"), [.reviewer])
        XCTAssertNil(config.roles(of: "mallory"))
    }

    func testSyntaxErrorNamesFileAndLine() {
        XCTAssertThrowsError(try WorkspaceConfig.parse("[workspace]\nname = \"x\"\nteams = [\n", file: "w.toml")) { error in
            let e = error as! ConfigError
            XCTAssertEqual(e.file, "w.toml")
            XCTAssertNotNil(e.line)
        }
    }

    func testSemanticErrorsAreClear() {
        func message(_ text: String) -> String {
            do { _ = try WorkspaceConfig.parse(text, file: "w.toml"); return "no error" }
            catch { return String(describing: error) }
        }
        XCTAssertEqual(message("[signal_weights]\nthumbs_sideways = 0.2\n").prefix(40), "w.toml:2: unknown signal `thumbs_sideway")
        XCTAssertTrue(message("[signal_weights]\ncsat = 3.0\n").contains("between 0 and 1"))
        XCTAssertTrue(message("[[reviewer]]\nname = \"a\"\nroles = [\"boss\"]\n").contains("unknown role `boss`"))
        XCTAssertTrue(message("[claims]\nlease_minute = 3\n").contains("w.toml:2: unknown setting `lease_minute`"))
        XCTAssertTrue(message("colour = 1\n").contains("unknown setting `colour`"))
        XCTAssertTrue(message("[claims]\nlease_minutes = \"ten\"\n").contains("lease_minutes"))
    }
}
