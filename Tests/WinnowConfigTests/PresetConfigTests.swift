import XCTest
import WinnowCore
@testable import WinnowConfig

/// `[[preset]]`: named sets of labels, checked against the taxonomy when the config loads.
final class PresetConfigTests: XCTestCase {
    func message(_ text: String) -> String {
        do { _ = try WorkspaceConfig.parse(text, file: "/ws/winnow.toml"); return "no error" }
        catch { return String(describing: error) }
    }

    func testTheTemplateComesWithPresetsOnTheDigits() throws {
        let presets = try WorkspaceConfig.parse(ConfigTemplate.text()).presets
        XCTAssertEqual(presets.map(\.key), ["1", "2", "3", "4", "5"])
        XCTAssertEqual(presets.first, LabelPreset(name: "stale-kb", key: "1", severity: "S3", locus: "knowledge", reasons: ["stale"],
                                                  owner: "content-team", status: "triaged"))
        XCTAssertEqual(presets.first?.labels.map(\.field), ["locus", "reasons", "owner", "severity", "status"])
    }

    func testKeysDefaultToThePositionAndSeverityLabelsBecomeCodes() throws {
        let config = try WorkspaceConfig.parse("""
            [[preset]]
            name = "minor"
            severity = "minor"

            [[preset]]
            name = "not-a-bug"
            status = "wont_fix"
            trainable = false

            [[preset]]
            name = "f-key"
            key = "F2"
            severity = "s1"
            """)
        XCTAssertEqual(config.presets.map(\.key), ["1", "2", "F2"])
        XCTAssertEqual(config.presets[0].severity, "S3")
        XCTAssertEqual(config.presets[2].severity, "S1")
        XCTAssertEqual(config.presets[1].labels.map { "\($0.field)=\($0.value)" }, ["trainable=no", "status=wont_fix"])
    }

    func testMistakesNameTheFileTheLineAndWhatIsAllowed() {
        XCTAssertEqual(message("""
            [[preset]]
            name = "kb"
            locus = "knowledge"
            reasons = ["wrong_source"]
            """), "/ws/winnow.toml:2: preset kb: reason `wrong_source` is not a code of locus knowledge (its codes: stale, contradictory_sources)")
        XCTAssertEqual(message("[[preset]]\nname = \"kb\"\nlocus = \"kb\"\n"),
                       "/ws/winnow.toml:2: preset kb: unknown locus `kb` (expected one of: retrieval, knowledge, instruction, policy_scope, tool_use, model)")
        XCTAssertEqual(message("[[preset]]\nname = \"r\"\nreasons = [\"stale\"]\n"),
                       "/ws/winnow.toml:2: preset r: reasons need the preset's locus (add `locus = \"…\"`)")
        XCTAssertTrue(message("[[preset]]\nname = \"o\"\nowner = \"nobody\"\n").hasPrefix("/ws/winnow.toml:2: preset o: unknown owner `nobody` (expected one of: "))
        XCTAssertEqual(message("[[preset]]\nname = \"s\"\nseverity = \"S9\"\n"),
                       "/ws/winnow.toml:2: preset s: unknown severity `S9` (expected one of: S1, S2, S3, S4)")
        XCTAssertEqual(message("[[preset]]\nname = \"s\"\nstatus = \"duplicate\"\n"),
                       "/ws/winnow.toml:2: preset s: unknown status `duplicate` (expected one of: triaged, resolved, wont_fix, new, in_review)")
        XCTAssertEqual(message("[[preset]]\nname = \"e\"\n"),
                       "/ws/winnow.toml:2: preset e: sets no label (give it severity, locus, reasons, owner, status or trainable)")
        XCTAssertEqual(message("[[preset]]\nname = \"a\"\nkey = \"ab\"\nseverity = \"S1\"\n"),
                       "/ws/winnow.toml:2: preset a: key `ab` is not one key (write one character such as \"1\", or f1–f12)")
        XCTAssertEqual(message("[[preset]]\nname = \"a\"\nseverity = \"S1\"\n[[preset]]\nname = \"b\"\nkey = \"1\"\nseverity = \"S2\"\n"),
                       "/ws/winnow.toml:5: preset b: key `1` is already the key of preset a")
        XCTAssertEqual(message("[[preset]]\nname = \"a\"\nseverity = \"S1\"\n[[preset]]\nname = \"a\"\nseverity = \"S2\"\n"),
                       "/ws/winnow.toml:2: preset a: defined twice")
        XCTAssertEqual(message("[[preset]]\nname = \"a\"\nseverty = \"S1\"\n"),
                       "/ws/winnow.toml:3: unknown setting `severty` in [preset] (expected one of: key, locus, name, owner, reasons, severity, status, trainable)")
        let tenth = (1...10).map { "[[preset]]\nname = \"p\($0)\"\nseverity = \"S1\"\n" }.joined()
        XCTAssertEqual(message(tenth), "/ws/winnow.toml:29: preset p10: needs a `key` (only the first nine presets get 1–9 by their position)")
    }

    func testPresetsAreCheckedAgainstTheWorkspacesOwnTaxonomy() throws {
        let config = try WorkspaceConfig.parse("""
            [workspace]
            teams = ["billing-ops"]

            [[locus]]
            name = "billing"
            reasons = ["wrong_amount"]
            owner = "finance"

            [[preset]]
            name = "amount"
            locus = "billing"
            reasons = ["wrong_amount"]
            owner = "billing-ops"
            """)
        XCTAssertEqual(config.presets.first?.reasons, ["wrong_amount"])
    }
}
