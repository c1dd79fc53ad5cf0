import XCTest
import WinnowCore
@testable import WinnowConfig

/// `[gate]`: the release gate's rule, its hallucination code and what passes on each dimension;
/// every mistake names the key.
final class GateConfigTests: XCTestCase {
    func testDefaultsWithoutTheSectionAndAsTheTemplateWritesThem() throws {
        for text in ["", ConfigTemplate.text()] {
            let gate = try WorkspaceConfig.parse(text).gate
            XCTAssertEqual(gate.rule, GateRule(accuracyDimension: "faithfulness", tolerance: 0.005, minimumItems: 30, confidence: 0.95))
            XCTAssertEqual(gate.hallucinationReason, "hallucination")
            XCTAssertEqual(gate.pass, [:])
        }
        XCTAssertTrue(ConfigTemplate.text().contains("\n[gate]\n# "), "winnow init writes the section out, commented")
    }

    func testGoodValuesAreRead() throws {
        let gate = try WorkspaceConfig.parse("""
            [gate]
            accuracy_dimension = "completeness"
            tolerance = 0
            min_items = 50
            confidence = 0.9
            hallucination_reason = "reasoning_error"
            [gate.pass]
            faithfulness = 5
            action_validity = ["valid", "not_needed"]
            """).gate
        XCTAssertEqual(gate.rule, GateRule(accuracyDimension: "completeness", tolerance: 0, minimumItems: 50, confidence: 0.9))
        XCTAssertEqual(gate.hallucinationReason, "reasoning_error")
        XCTAssertEqual(gate.pass, ["faithfulness": .atLeast(5), "action_validity": .oneOf(["valid", "not_needed"])])
    }

    func testWhatPassesOnEachScale() throws {
        let standard = Rubric.standard
        var gate = GateSettings()
        let faithfulness = try XCTUnwrap(standard.dimension(named: "faithfulness"))
        XCTAssertEqual(["1", "2", "3", "4", "5"].map { gate.passes($0, on: faithfulness) }, [false, false, false, true, true],
                       "the upper half of 1–5")
        let citation = try XCTUnwrap(standard.dimension(named: "citation_quality"))
        XCTAssertEqual(["1", "2", "3", "4"].map { gate.passes($0, on: citation) }, [false, false, true, true], "the upper half of 1–4")
        let access = try XCTUnwrap(standard.dimension(named: "access_correctness"))
        XCTAssertTrue(gate.passes("pass", on: access))
        XCTAssertFalse(gate.passes("fail", on: access))
        let action = try XCTUnwrap(standard.dimension(named: "action_validity"))
        XCTAssertTrue(gate.passes("valid", on: action))
        XCTAssertFalse(gate.passes("not_needed", on: action), "only the first category by default")
        gate.pass = ["faithfulness": .atLeast(3), "action_validity": .oneOf(["valid", "not_needed"])]
        XCTAssertTrue(gate.passes("3", on: faithfulness))
        XCTAssertTrue(gate.passes("not_needed", on: action))
    }

    func testMistakesNameTheKeyAndItsLine() {
        XCTAssertEqual(parseError("[gate]\ntolerance = 2\n"),
                       "winnow.toml:2: gate.tolerance must be a number from 0 up to 1 (a drop in pass rate, 0.005 is half a point)")
        XCTAssertEqual(parseError("[gate]\nmin_items = 0\n"), "winnow.toml:2: gate.min_items must be a whole number of at least 1")
        XCTAssertEqual(parseError("[gate]\nconfidence = 1\n"),
                       "winnow.toml:2: gate.confidence must be a number from 0.5 up to (not including) 1, such as 0.95")
        XCTAssertTrue(parseError("[gate]\n\naccuracy_dimension = \"accuracy\"\n").hasPrefix(
            "winnow.toml:3: gate.accuracy_dimension `accuracy` is not a dimension of this workspace's rubrics (access_correctness, "))
        XCTAssertTrue(parseError("[gate]\nhallucination_reason = \"made_up\"\n").hasPrefix(
            "winnow.toml:2: gate.hallucination_reason must be one of the taxonomy's reason codes (wrong_source, "))
        XCTAssertEqual(parseError("[gate]\nthreshold = 1\n"),
                       "winnow.toml:2: unknown setting `threshold` in [gate] (expected one of: accuracy_dimension, confidence, hallucination_reason, min_items, pass, tolerance)")
        XCTAssertEqual(parseError("[gate]\n[gate.pass]\nfaithfulness = 6\n"),
                       "winnow.toml:3: gate.pass.faithfulness must be the lowest passing score, a whole number from 1 to 5")
        XCTAssertEqual(parseError("[gate.pass]\naccess_correctness = [\"maybe\"]\n"),
                       "winnow.toml:2: gate.pass.access_correctness must list the passing values, some of: pass, fail")
        XCTAssertTrue(parseError("[gate.pass]\ntone = 3\n").hasPrefix("winnow.toml:2: gate.pass.tone: not a dimension of this workspace's rubrics"))
    }

    func testARubricWithoutTheDefaultDimensionNeedsOneNamed() {
        let rubric = """
            [[rubric]]
            name = "billing"
            description = "Billing answers"
            [[rubric.dimension]]
            name = "accuracy"
            description = "Amounts match."
            scale = "pass_fail"
            checks = ["Every amount matches"]
            """
        // Without [gate] nothing stops (`winnow gate` says what is missing); a [gate] that leaves it out does.
        XCTAssertEqual(try WorkspaceConfig.parse(rubric).gate.rule.accuracyDimension, "faithfulness")
        XCTAssertEqual(parseError(rubric + "\n[gate]\ntolerance = 0.01\n"),
                       "winnow.toml:9: gate.accuracy_dimension is needed: this workspace's rubrics have no `faithfulness` dimension (choose one of: accuracy)")
        XCTAssertEqual(try WorkspaceConfig.parse(rubric + "\n[gate]\naccuracy_dimension = \"accuracy\"\n").gate.rule.accuracyDimension, "accuracy")
    }
}
