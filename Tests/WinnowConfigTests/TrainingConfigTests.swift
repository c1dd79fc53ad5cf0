import XCTest
import WinnowCore
@testable import WinnowConfig

/// `[training]`, `[training.trainable]`, `[[training.cutoff]]` and `[[redaction]]`: defaults,
/// good values, and every mistake refused naming its key and line.
final class TrainingConfigTests: XCTestCase {
    func testDefaultsWithoutTheSectionAndAsTheTemplateWritesThem() throws {
        for text in ["", ConfigTemplate.text()] {
            let config = try WorkspaceConfig.parse(text)
            XCTAssertEqual(config.training, TrainingPolicy())
            XCTAssertEqual(config.training.minEditDistance, 10)
            XCTAssertEqual(config.training.staleDays, 45)
            XCTAssertFalse(config.training.isTrainableByDefault(.thumbsUp))
            XCTAssertEqual(config.redactions, [])
        }
        XCTAssertTrue(ConfigTemplate.text().contains("\n[training]\n# "), "winnow init writes the section out, commented")
        XCTAssertTrue(ConfigTemplate.text().contains("# [[redaction]]"), "and an example of a redaction")
    }

    func testGoodValuesAreRead() throws {
        let config = try WorkspaceConfig.parse("""
            [training]
            min_edit_distance = 5
            stale_days = 30
            max_per_user = 3
            max_user_share = 1
            negative_csat_max = 1
            blocked_users_file = "blocked.txt"

            [training.trainable]
            rephrase = false

            [[training.cutoff]]
            intent = "billing.*"
            since = "2026-10-01T00:00:00Z"

            [[training.cutoff]]
            source = "kb:pricing"
            since = "2026-10-15T00:00:00Z"

            [[redaction]]
            name = "order_id"
            pattern = "ORD-[0-9]+"
            """)
        let training = config.training
        XCTAssertEqual(training.minEditDistance, 5)
        XCTAssertEqual(training.staleDays, 30)
        XCTAssertEqual(training.maxPerUser, 3)
        XCTAssertEqual(training.maxUserShare, 1)
        XCTAssertEqual(training.negativeCSATMax, 1)
        XCTAssertEqual(training.blockedUsersFile, "blocked.txt")
        XCTAssertFalse(training.isTrainableByDefault(.rephrase))
        XCTAssertTrue(training.isTrainableByDefault(.csat), "signals not named keep their default")
        XCTAssertEqual(training.cutoffs, [VersionCutoff(scope: .intent("billing.*"), sinceMillis: RFC3339.parseMillis("2026-10-01T00:00:00Z")!),
                                          VersionCutoff(scope: .source("kb:pricing"), sinceMillis: RFC3339.parseMillis("2026-10-15T00:00:00Z")!)])
        XCTAssertEqual(config.redactions, [RedactionRule(name: "order_id", pattern: "ORD-[0-9]+")])
        XCTAssertNotEqual(training.fingerprintText, TrainingPolicy().fingerprintText)
    }

    func testMistakesNameTheirKeyAndLine() {
        XCTAssertEqual(parseError("[training]\nmin_edit_distance = 0\n"),
                       "winnow.toml:2: training.min_edit_distance must be a whole number from 1 to 10000 (got 0)")
        XCTAssertEqual(parseError("[training]\nstale_days = \"45\"\n"),
                       "winnow.toml:2: training.stale_days must be a whole number of days from 1 to 36500 (got \"45\")")
        XCTAssertEqual(parseError("[training]\nmax_user_share = 1.5\n"),
                       "winnow.toml:2: training.max_user_share must be a share above 0 and at most 1 (got 1.5)")
        XCTAssertEqual(parseError("[training]\nnegative_csat_max = 6\n"),
                       "winnow.toml:2: training.negative_csat_max must be a CSAT score from 1 to 5 (got 6)")
        XCTAssertEqual(parseError("[training]\nstale_dayz = 3\n"),
                       "winnow.toml:2: unknown setting `stale_dayz` in [training] (expected one of: blocked_users_file, cutoff, max_per_user, max_user_share, min_edit_distance, negative_csat_max, stale_days, trainable)")
        XCTAssertEqual(parseError("[training.trainable]\nthumbs_sideways = true\n"),
                       "winnow.toml:2: training.trainable has unknown signal `thumbs_sideways` (expected one of: explicit_correction, agent_escalation, csat, thumbs_up, thumbs_down, session_abandon, rephrase)")
        XCTAssertEqual(parseError("[training.trainable]\ncsat = 1\n"), "winnow.toml:2: training.trainable.csat must be true or false")
        XCTAssertEqual(parseError("[[training.cutoff]]\nintent = \"billing.*\"\nsource = \"kb:x\"\nsince = \"2026-10-01T00:00:00Z\"\n"),
                       "winnow.toml:1: a [[training.cutoff]] names exactly one of `intent` (billing.refund or billing.*) or `source` (a source id)")
        XCTAssertEqual(parseError("[[training.cutoff]]\nintent = \"billing.*\"\nsince = \"October\"\n"),
                       "winnow.toml:3: training.cutoff since must be an RFC 3339 time in quotes such as \"2026-10-01T00:00:00Z\" (got \"October\")")
        XCTAssertEqual(parseError("[[training.cutoff]]\nintent = \"bill*\"\nsince = \"2026-10-01T00:00:00Z\"\n"),
                       "winnow.toml:2: training.cutoff intent must be an intent name such as billing.refund, or billing.* for all of billing (got \"bill*\")")
        XCTAssertEqual(parseError("[[training.cutoff]]\nintent = \"billing.*\"\n"),
                       "winnow.toml:1: a [[training.cutoff]] needs `since` (an RFC 3339 time)")
        XCTAssertEqual(parseError("[[training.cutoff]]\nintent = \"billing.*\"\nsince = \"2026-10-01T00:00:00Z\"\nwhy = \"x\"\n"),
                       "winnow.toml:4: unknown setting `why` in [[training.cutoff]] (expected one of: intent, since, source)")
        XCTAssertTrue(parseError("[[redaction]]\nname = \"order_id\"\npattern = \"ORD-[0-9\"\n")
            .hasPrefix("winnow.toml:3: redaction order_id: the pattern is not a valid regular expression"))
        XCTAssertEqual(parseError("[[redaction]]\nname = \"order id\"\npattern = \"x\"\n"),
                       "winnow.toml:2: a [[redaction]] needs a `name` of letters, digits and _ (it becomes the placeholder, order_id → [ORDER_ID])")
        XCTAssertEqual(parseError("[[redaction]]\nname = \"a\"\npattern = \"x\"\n[[redaction]]\nname = \"a\"\npattern = \"y\"\n"),
                       "winnow.toml:5: redaction a is defined twice")
        XCTAssertEqual(parseError("[[redaction]]\nname = \"a\"\n"),
                       "winnow.toml:1: redaction a needs a `pattern` (a regular expression, such as \"ORD-[0-9]+\")")
    }
}
