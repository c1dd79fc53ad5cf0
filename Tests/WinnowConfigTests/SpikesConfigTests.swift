import XCTest
import WinnowCore
@testable import WinnowConfig

/// `[spikes]`: the window, the baseline and the test's thresholds; every bad value is refused with
/// the key's name and its line.
final class SpikesConfigTests: XCTestCase {
    func testDefaultsWithoutTheSectionAndAsTheTemplateWritesThem() throws {
        for text in ["", ConfigTemplate.text()] {
            XCTAssertEqual(try WorkspaceConfig.parse(text).spikes, SpikeParameters())
        }
        let defaults = SpikeParameters()
        XCTAssertEqual(defaults.windowDays, 7)
        XCTAssertEqual(defaults.baselineDays, 28)
        XCTAssertEqual(defaults.maxPValue, 0.001)
        XCTAssertEqual(defaults.guardrailSigma, 2)
        XCTAssertTrue(ConfigTemplate.text().contains("\n[spikes]\n# "), "winnow init writes the section out, commented")
    }

    func testGoodValuesAreRead() throws {
        let spikes = try WorkspaceConfig.parse("""
            [spikes]
            window_days = 3
            baseline_days = 56
            max_p_value = 0.01
            min_count = 10
            min_ratio = 2
            guardrail_sigma = 3
            attribution_days = 0
            velocity_days = 14
            """).spikes
        XCTAssertEqual(spikes.windowDays, 3)
        XCTAssertEqual(spikes.baselineDays, 56)
        XCTAssertEqual(spikes.maxPValue, 0.01)
        XCTAssertEqual(spikes.minCount, 10)
        XCTAssertEqual(spikes.minRatio, 2, "TOML writes a whole number without a point")
        XCTAssertEqual(spikes.guardrailSigma, 3)
        XCTAssertEqual(spikes.attributionDays, 0)
        XCTAssertEqual(spikes.velocityDays, 14)
    }

    func testBadValuesNameTheKeyAndItsLine() {
        XCTAssertEqual(parseError("[spikes]\nwindow_days = 0\n"), "winnow.toml:2: spikes.window_days must be between 1 and 90 days (got 0)")
        XCTAssertEqual(parseError("[spikes]\nwindow_days = 7\nbaseline_days = 400\n"),
                       "winnow.toml:3: spikes.baseline_days must be between 1 and 365 days (got 400)")
        XCTAssertEqual(parseError("[spikes]\nmax_p_value = 1\n"), "winnow.toml:2: spikes.max_p_value must be above 0 and below 1 (got 1.0)")
        XCTAssertEqual(parseError("[spikes]\nmin_count = 0\n"), "winnow.toml:2: spikes.min_count must be at least 1 (got 0)")
        XCTAssertEqual(parseError("[spikes]\nmin_ratio = 0.5\n"), "winnow.toml:2: spikes.min_ratio must be at least 1 (got 0.5)")
        XCTAssertEqual(parseError("[spikes]\nguardrail_sigma = 0\n"), "winnow.toml:2: spikes.guardrail_sigma must be above 0 (got 0.0)")
        XCTAssertTrue(parseError("[spikes]\nwindow_days = \"week\"\n").contains("must be a whole number"))
        XCTAssertTrue(parseError("[spikes]\nwindow = 7\n").contains("unknown setting `window` in [spikes]"))
    }
}
