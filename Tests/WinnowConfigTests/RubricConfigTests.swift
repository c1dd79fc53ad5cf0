import XCTest
import WinnowCore
@testable import WinnowConfig

/// `[[rubric]]`: QA rubrics, their scales, their content-hash versions, and the errors a
/// mistake in one gives.
final class RubricConfigTests: XCTestCase {
    func message(_ text: String) -> String {
        do { _ = try WorkspaceConfig.parse(text, file: "/ws/winnow.toml"); return "no error" }
        catch { return String(describing: error) }
    }

    /// A rubric with one dimension whose body is `dimension`, to vary one setting at a time.
    func rubricText(_ dimension: String, name: String = "qa") -> String {
        """
        [[rubric]]
        name = "\(name)"
        description = "Answer quality"

        [[rubric.dimension]]
        name = "tone"
        description = "Polite and clear"
        checks = ["No blame on the user"]
        \(dimension)
        """
    }

    // MARK: - Scales

    func testAPassFailDimension() throws {
        let config = try WorkspaceConfig.parse(rubricText("""
            scale = "pass_fail"
            anchors = { pass = "Courteous throughout", fail = "Rude or dismissive" }
            """))
        let tone = try XCTUnwrap(config.rubric(named: "qa")?.dimension(named: "tone"))
        XCTAssertEqual(tone.scale, .passFail(passAnchor: "Courteous throughout", failAnchor: "Rude or dismissive"))
        XCTAssertEqual(tone.scale.levels.map(\.value), ["pass", "fail"])
        XCTAssertEqual(tone.checks, ["No blame on the user"])
        XCTAssertEqual(tone.disagreementDistance, 1)
        XCTAssertTrue(tone.disagree("pass", "fail"))
        XCTAssertFalse(tone.disagree("fail", "fail"))
        XCTAssertEqual(config.rubrics.map(\.name), ["qa"], "a configured rubric replaces the standard one")
    }

    func testAnOrdinalDimensionWithAnAnchorPerLevelAndADisagreementDistance() throws {
        let config = try WorkspaceConfig.parse(rubricText("""
            scale = "ordinal"
            range = [0, 3]
            disagreement_distance = 2
            signals = ["csat", "thumbs_down"]
            intents = ["billing.*", "sso.saml_setup"]

            [rubric.dimension.anchors]
            0 = "Hostile"
            1 = "Curt"
            2 = "Neutral"
            3 = "Warm"
            """))
        let tone = try XCTUnwrap(config.rubrics.first?.dimensions.first)
        XCTAssertEqual(tone.scale, .ordinal([RubricLevel(value: "0", anchor: "Hostile"), RubricLevel(value: "1", anchor: "Curt"),
                                             RubricLevel(value: "2", anchor: "Neutral"), RubricLevel(value: "3", anchor: "Warm")]))
        XCTAssertEqual(tone.scale.measurementLevel, "ordinal")
        XCTAssertEqual(tone.disagreementDistance, 2)
        XCTAssertFalse(tone.disagree("1", "2"), "one level apart is within the distance")
        XCTAssertTrue(tone.disagree("1", "3"))
        XCTAssertTrue(tone.disagree("1", "7"), "a value off the scale always disagrees")
        XCTAssertEqual(tone.signals, [.csat, .thumbsDown])
        XCTAssertTrue(tone.applies(to: .csat, intent: "billing.vat"))
        XCTAssertTrue(tone.applies(to: .thumbsDown, intent: "sso.saml_setup"))
        XCTAssertFalse(tone.applies(to: .csat, intent: "sso.scim"), "intent not listed")
        XCTAssertFalse(tone.applies(to: .rephrase, intent: "billing.vat"), "signal not listed")
        XCTAssertFalse(tone.applies(to: .csat, intent: nil))
        XCTAssertFalse(tone.applies(to: .csat, intent: "billingual"), "billing.* is the billing. prefix, not any word starting billing")
    }

    func testANamedCategoriesDimensionKeepsItsOrder() throws {
        let config = try WorkspaceConfig.parse(rubricText("""
            scale = "categories"
            categories = ["resolved", "deflected", "refused"]
            [rubric.dimension.anchors]
            refused = "Declined to help"
            """))
        let tone = try XCTUnwrap(config.rubrics.first?.dimensions.first)
        XCTAssertEqual(tone.scale, .categories([RubricLevel(value: "resolved", anchor: nil), RubricLevel(value: "deflected", anchor: nil),
                                                RubricLevel(value: "refused", anchor: "Declined to help")]))
        XCTAssertEqual(tone.scale.measurementLevel, "nominal")
        XCTAssertTrue(tone.disagree("resolved", "deflected"))
        XCTAssertTrue(tone.applies(to: .thumbsUp, intent: nil), "no signals or intents: applies to everything")
    }

    func testSeveralRubricsEachWithSeveralDimensions() throws {
        let config = try WorkspaceConfig.parse("""
            [[rubric]]
            name = "answers"
            description = "Answer quality"
            [[rubric.dimension]]
            name = "correct"
            description = "Right answer"
            scale = "pass_fail"
            checks = ["Matches the docs"]
            [[rubric.dimension]]
            name = "clear"
            description = "Readable"
            scale = "pass_fail"
            checks = ["Short sentences"]

            [[rubric]]
            name = "actions"
            description = "Tool use"
            [[rubric.dimension]]
            name = "correct"
            description = "Right action"
            scale = "pass_fail"
            checks = ["Tool call succeeded"]
            """)
        XCTAssertEqual(config.rubrics.map(\.name), ["answers", "actions"])
        XCTAssertEqual(config.rubric(named: "answers")?.dimensions.map(\.name), ["correct", "clear"])
        XCTAssertEqual(config.rubric(named: "actions")?.dimensions.map(\.description), ["Right action"])
    }

    // MARK: - The standard rubric

    func testWithoutRubricsTheStandardOneApplies() throws {
        XCTAssertEqual(try WorkspaceConfig.parse("").rubrics, [.standard])
        XCTAssertEqual(WorkspaceConfig().rubrics, [.standard])
        let standard = Rubric.standard
        XCTAssertEqual(standard.dimensions.map(\.name),
                       ["faithfulness", "completeness", "citation_quality", "access_correctness", "action_validity"])
        XCTAssertEqual(standard.dimensions.map(\.scale.kind), [.ordinal, .ordinal, .ordinal, .passFail, .categories])
        for dimension in standard.dimensions {
            XCTAssertFalse(dimension.description.isEmpty, dimension.name)
            XCTAssertGreaterThanOrEqual(dimension.checks.count, 3, dimension.name)
            XCTAssertTrue(dimension.scale.levels.allSatisfy { $0.anchor?.isEmpty == false }, "\(dimension.name): every level is anchored")
        }
        XCTAssertEqual(standard.dimension(named: "faithfulness")?.scale.levels.map(\.value), ["1", "2", "3", "4", "5"])
        XCTAssertEqual(standard.dimension(named: "completeness")?.disagreementDistance, 2)
        XCTAssertEqual(standard.dimensions(for: .csat, intent: "billing.vat").count, 5)
    }

    /// The standard rubric's version is what every score given under it records; it may change
    /// only on purpose (an edit of its text), never from a change in how it is serialised.
    func testTheStandardRubricsVersionIsPinned() {
        XCTAssertEqual(Rubric.standard.version, "5451702ba77ed61b97744e3eb342433214a73ca77652d4c0ff84ff65786cbc75",
                       "the standard rubric changed: if on purpose, pin its new version here (old scores keep the old one)")
        XCTAssertEqual(Rubric.standard.shortVersion, String(Rubric.standard.version.prefix(12)))
    }

    /// The standard rubric, written out in TOML, reads back as the same rubric with the same version.
    func testTheStandardRubricWrittenOutIsTheSameRubric() throws {
        let written = try WorkspaceConfig.parse(Self.tomlText(of: .standard)).rubrics
        XCTAssertEqual(written, [.standard])
        XCTAssertEqual(written.first?.version, Rubric.standard.version)
    }

    // MARK: - Versions

    func testTheSameContentGivesTheSameVersionAndKeyOrderDoesNotMatter() throws {
        let first = try WorkspaceConfig.parse(rubricText("""
            scale = "ordinal"
            range = [1, 3]
            signals = ["csat", "rephrase"]
            anchors = { 1 = "Bad", 2 = "Fine", 3 = "Good" }
            """)).rubrics[0]
        let reordered = try WorkspaceConfig.parse("""
            [[rubric]]
            description = "Answer quality"
            name = "qa"

            [[rubric.dimension]]
            anchors = { 3 = "Good", 1 = "Bad", 2 = "Fine" }
            signals = ["rephrase", "csat"]
            checks = ["No blame on the user"]
            disagreement_distance = 1
            range = [1, 3]
            scale = "ordinal"
            description = "Polite and clear"
            name = "tone"
            """).rubrics[0]
        XCTAssertEqual(first.version, reordered.version, "key order, set order and a default written out change nothing")
        XCTAssertEqual(first.version.count, 64)
        XCTAssertTrue(first.version.allSatisfy { "0123456789abcdef".contains($0) })
        let again = try WorkspaceConfig.parse(rubricText("""
            scale = "ordinal"
            range = [1, 3]
            signals = ["csat", "rephrase"]
            anchors = { 1 = "Bad", 2 = "Fine", 3 = "Good" }
            """)).rubrics[0]
        XCTAssertEqual(first.version, again.version)
    }

    func testAnyEditGivesANewVersion() throws {
        let base = """
            scale = "ordinal"
            range = [1, 3]
            anchors = { 1 = "Bad", 2 = "Fine", 3 = "Good" }
            """
        let original = try WorkspaceConfig.parse(rubricText(base)).rubrics[0].version
        let edits: [(String, String)] = [
            ("rubric name", rubricText(base, name: "qa2")),
            ("rubric description", rubricText(base).replacingOccurrences(of: "Answer quality", with: "Answer quality.")),
            ("dimension name", rubricText(base).replacingOccurrences(of: "\"tone\"", with: "\"courtesy\"")),
            ("dimension description", rubricText(base).replacingOccurrences(of: "Polite and clear", with: "Polite")),
            ("a check", rubricText(base).replacingOccurrences(of: "No blame on the user", with: "No blame")),
            ("an added check", rubricText(base).replacingOccurrences(of: "[\"No blame on the user\"]", with: "[\"No blame on the user\", \"Greets\"]")),
            ("an anchor", rubricText(base.replacingOccurrences(of: "\"Fine\"", with: "\"OK\""))),
            ("the range", rubricText(base.replacingOccurrences(of: "[1, 3]", with: "[1, 4]").replacingOccurrences(of: "3 = \"Good\"", with: "3 = \"Good\", 4 = \"Great\""))),
            ("the distance", rubricText(base + "\ndisagreement_distance = 2")),
            ("signals", rubricText(base + "\nsignals = [\"csat\"]")),
            ("intents", rubricText(base + "\nintents = [\"billing.*\"]")),
            ("the scale", rubricText("scale = \"pass_fail\"")),
        ]
        var seen: [String: String] = [original: "original"]
        for (edit, text) in edits {
            let version = try WorkspaceConfig.parse(text).rubrics[0].version
            XCTAssertNil(seen[version], "\(edit) gave the same version as \(seen[version] ?? "")")
            seen[version] = edit
        }
    }

    // MARK: - Mistakes, each on its line

    func testDuplicateNames() {
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"") + "\n" + rubricText("scale = \"pass_fail\"")),
                       "/ws/winnow.toml:11: rubric qa is defined twice (first at line 2)")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"") + """

            [[rubric.dimension]]
            name = "tone"
            description = "Again"
            scale = "pass_fail"
            checks = ["x"]
            """), "/ws/winnow.toml:11: rubric qa: dimension tone is defined twice (first at line 6)")
        XCTAssertEqual(message(rubricText("scale = \"categories\"\ncategories = [\"a\", \"b\", \"a\"]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: category a is listed twice")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\nsignals = [\"csat\", \"csat\"]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: signal csat is listed twice")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"").replacingOccurrences(of: "[\"No blame on the user\"]", with: "[\"a\", \"a\"]")),
                       "/ws/winnow.toml:8: rubric qa: dimension tone: check \"a\" is listed twice")
    }

    func testEmptyScales() {
        XCTAssertEqual(message(rubricText("scale = \"ordinal\"\nrange = [3, 3]\nanchors = { 3 = \"x\" }")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: the scale 3–3 is empty; it needs at least two levels, lowest first")
        XCTAssertEqual(message(rubricText("scale = \"ordinal\"\nrange = [5, 1]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: the scale 5–1 is empty; it needs at least two levels, lowest first")
        XCTAssertEqual(message(rubricText("scale = \"categories\"\ncategories = []")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: a categories scale needs at least two categories (got 0)")
        XCTAssertEqual(message(rubricText("scale = \"categories\"")),
                       "/ws/winnow.toml:9: rubric qa: dimension tone: a categories scale needs its `categories` (categories = [\"…\", \"…\"])")
        XCTAssertEqual(message(rubricText("scale = \"ordinal\"")),
                       "/ws/winnow.toml:9: rubric qa: dimension tone: an ordinal scale needs its `range`, lowest and highest level (range = [1, 5])")
        XCTAssertEqual(message(rubricText("scale = \"ordinal\"\nrange = [1, 12]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: the scale 1–12 has 12 levels; at most 9 (one key each)")
        XCTAssertEqual(message(rubricText("scale = \"ordinal\"\nrange = [1]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: `range` must be two whole numbers, lowest and highest level (range = [1, 5]); got [ 1 ]")
        XCTAssertEqual(message("[[rubric]]\nname = \"qa\"\ndescription = \"d\"\n"),
                       "/ws/winnow.toml:1: rubric qa: has no dimensions (add [[rubric.dimension]] entries after it)")
    }

    func testAnchorsMissingForALevelOrForNoLevel() {
        XCTAssertEqual(message(rubricText("""
            scale = "ordinal"
            range = [1, 3]
            [rubric.dimension.anchors]
            1 = "Bad"
            3 = "Good"
            """)), "/ws/winnow.toml:11: rubric qa: dimension tone: level 2 of 1–3 has no anchor (each level needs one, under [rubric.dimension.anchors])")
        XCTAssertEqual(message(rubricText("scale = \"ordinal\"\nrange = [1, 2]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: level 1 of 1–2 has no anchor (each level needs one, under [rubric.dimension.anchors])")
        XCTAssertEqual(message(rubricText("""
            scale = "ordinal"
            range = [1, 2]
            [rubric.dimension.anchors]
            1 = "Bad"
            2 = "Good"
            4 = "Great"
            """)), "/ws/winnow.toml:14: rubric qa: dimension tone: anchor `4` is not a level of 1–2")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\n[rubric.dimension.anchors]\npass = \"ok\"\nmaybe = \"?\"")),
                       "/ws/winnow.toml:12: rubric qa: dimension tone: anchor `maybe` is not a value of a pass_fail scale (pass, fail)")
        XCTAssertEqual(message(rubricText("scale = \"categories\"\ncategories = [\"a\", \"b\"]\nanchors = { c = \"see\" }")),
                       "/ws/winnow.toml:11: rubric qa: dimension tone: anchor `c` is not one of its categories (a, b)")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\nanchors = { pass = \" \" }")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: anchor `pass` is empty")
    }

    func testUnknownSignalsAndBadIntents() {
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\nsignals = [\"thumbs_sideways\"]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: unknown signal `thumbs_sideways` (expected one of: explicit_correction, agent_escalation, csat, thumbs_up, thumbs_down, session_abandon, rephrase)")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\nsignals = []")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: `signals` is empty (leave it out to apply to every signal)")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\nintents = [\"bill*\"]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: intent `bill*` is not an intent name (write one such as billing.vat, or billing.* for all of billing)")
    }

    func testDisagreementDistanceOutOfRangeOrOnTheWrongScale() {
        let anchored = "scale = \"ordinal\"\nrange = [1, 3]\nanchors = { 1 = \"a\", 2 = \"b\", 3 = \"c\" }\n"
        XCTAssertEqual(message(rubricText(anchored + "disagreement_distance = 3")),
                       "/ws/winnow.toml:12: rubric qa: dimension tone: `disagreement_distance` must be a whole number from 1 to 2, the widest gap on 1–3 (got 3)")
        XCTAssertEqual(message(rubricText(anchored + "disagreement_distance = 0")),
                       "/ws/winnow.toml:12: rubric qa: dimension tone: `disagreement_distance` must be a whole number from 1 to 2, the widest gap on 1–3 (got 0)")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\ndisagreement_distance = 1")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: `disagreement_distance` is for ordinal scales; on pass_fail any two different values disagree")
    }

    func testMissingOrMistypedSettings() {
        XCTAssertEqual(message(rubricText("")),
                       "/ws/winnow.toml:5: rubric qa: dimension tone: needs a `scale` (one of: pass_fail, ordinal, categories)")
        XCTAssertEqual(message(rubricText("scale = \"likert\"")),
                       "/ws/winnow.toml:9: rubric qa: dimension tone: unknown scale \"likert\" (expected one of: pass_fail, ordinal, categories)")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\nrange = [1, 5]")),
                       "/ws/winnow.toml:10: rubric qa: dimension tone: `range` does not apply to a pass_fail scale")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"").replacingOccurrences(of: "checks = [\"No blame on the user\"]", with: "checks = []")),
                       "/ws/winnow.toml:8: rubric qa: dimension tone: needs `checks`, the concrete pass/fail checks shown to the scorer (checks = [\"…\", \"…\"])")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"").replacingOccurrences(of: "checks = [\"No blame on the user\"]", with: "checks = \"one\"")),
                       "/ws/winnow.toml:8: rubric qa: dimension tone: `checks` must be a list of strings")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"").replacingOccurrences(of: "description = \"Polite and clear\"", with: "description = 3")),
                       "/ws/winnow.toml:7: rubric qa: dimension tone: `description` must be a string")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"").replacingOccurrences(of: "description = \"Answer quality\"", with: "")),
                       "/ws/winnow.toml:1: rubric qa: needs a `description`")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"", name: "two words")),
                       "/ws/winnow.toml:2: a [[rubric]]: name `two words` must be one word of letters, digits, _ . or -")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"").replacingOccurrences(of: "\"tone\"", with: "\"severity\"")),
                       "/ws/winnow.toml:6: rubric qa: dimension severity: the name is taken by a triage field (locus, owner, reasons, severity, status, trainable); choose another")
        XCTAssertEqual(message("[rubric]\nname = \"qa\"\n"), "/ws/winnow.toml:1: `rubric` must be a list of [[rubric]] tables")
        XCTAssertEqual(message("[ui]\ntheme = \"dusk\"\n\n[[rubric.dimension]]\nname = \"tone\"\n"),
                       "/ws/winnow.toml:4: `rubric` must be a list of [[rubric]] tables", "a dimension before any [[rubric]]")
    }

    func testUnknownKeysAreRefusedWhereTheyAre() {
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"\nthreshold = 2")),
                       "/ws/winnow.toml:10: unknown setting `threshold` in [[rubric.dimension]] (expected one of: anchors, categories, checks, description, disagreement_distance, intents, name, range, scale, signals)")
        XCTAssertEqual(message(rubricText("scale = \"pass_fail\"").replacingOccurrences(of: "description = \"Answer quality\"", with: "description = \"Answer quality\"\nowner = \"qa-team\"")),
                       "/ws/winnow.toml:4: unknown setting `owner` in [[rubric]] (expected one of: description, dimension, name)")
    }

    /// Lines are found by following the tables, so a mistake in the second rubric is not blamed
    /// on a same-named key of the first, and multi-line values do not throw the count off.
    func testLinesPointIntoTheRightRubricPastMultiLineValues() {
        let text = """
            [[rubric]]
            name = "first"
            description = \"\"\"
            [[rubric]]
            scale = "not a key"
            \"\"\"
            [[rubric.dimension]]
            name = "tone"
            description = "d"
            scale = "pass_fail"
            checks = [
              "a [bracket",
              "scale = 'nope'",
            ]

            [[rubric]]
            name = "second"
            description = "d"
            [[rubric.dimension]]
            name = "tone"
            description = "d"
            scale = "ordinal"
            range = [1, 2]
            [rubric.dimension.anchors]
            1 = "low"
            """
        XCTAssertEqual(message(text), "/ws/winnow.toml:24: rubric second: dimension tone: level 2 of 1–2 has no anchor (each level needs one, under [rubric.dimension.anchors])")
    }

    func testTheLineIndexFollowsTablesArraysAndMultiLineValues() {
        let index = TOMLLineIndex("""
            [ui]
            theme = "dusk" # [[rubric]] in a comment
            [[rubric]]
            name = '''
            [[rubric]]
            x = 1
            '''
            [[rubric.dimension]]
            anchors = { 1 = "a" }
            checks = ["[", "]]",
              "=",
            ]
            [[rubric]]
            "quoted key" = 2
            [[rubric.dimension]]
            [[rubric.dimension]]
            anchors.2 = "b"
            """)
        XCTAssertEqual(index.line(of: "ui.theme"), 2)
        XCTAssertEqual(index.line(of: "rubric[0]"), 3)
        XCTAssertEqual(index.line(of: "rubric[0].name"), 4)
        XCTAssertEqual(index.line(of: "rubric[0].x"), 3, "a line inside a multi-line string is not a key")
        XCTAssertEqual(index.line(of: "rubric[0].dimension[0].anchors.1"), 9, "an inline table's keys are on its line")
        XCTAssertEqual(index.line(of: "rubric[0].dimension[0].checks"), 10)
        XCTAssertEqual(index.line(of: "rubric[1]"), 13, "the brackets inside strings of the array did not hide this header")
        XCTAssertEqual(index.line(of: "rubric[1].quoted key"), 14)
        XCTAssertEqual(index.line(of: "rubric[1].dimension[1].anchors.2"), 17)
        XCTAssertEqual(index.line(of: "rubric[1].dimension[0].scale"), 15)
        XCTAssertNil(index.line(of: "preset"))
    }

    // MARK: - The template

    func testTheTemplateDocumentsRubricsAndItsExampleParses() throws {
        let template = ConfigTemplate.text()
        XCTAssertEqual(try WorkspaceConfig.parse(template).rubrics, [.standard], "the example is commented out")
        XCTAssertTrue(template.contains("# [[rubric]]"))
        // Uncommenting the example gives a valid rubric.
        let example = template.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("# [[rubric]]") }
            .prefix { $0.hasPrefix("#") }
            .map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : String($0.dropFirst()) }
            .joined(separator: "\n")
        let rubrics = try WorkspaceConfig.parse(example).rubrics
        XCTAssertEqual(rubrics.count, 1)
        XCTAssertEqual(Set(rubrics[0].dimensions.map(\.scale.kind)), Set(RubricScale.Kind.allCases))
    }

    /// A rubric in `winnow.toml` syntax, for checking that the file format can say everything
    /// the model holds.
    static func tomlText(of rubric: Rubric) -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var out = "[[rubric]]\nname = \(quoted(rubric.name))\ndescription = \(quoted(rubric.description))\n"
        for dimension in rubric.dimensions {
            out += "\n[[rubric.dimension]]\nname = \(quoted(dimension.name))\ndescription = \(quoted(dimension.description))\n"
            out += "scale = \(quoted(dimension.scale.kind.rawValue))\n"
            out += "checks = [\(dimension.checks.map(quoted).joined(separator: ", "))]\n"
            if !dimension.signals.isEmpty { out += "signals = [\(dimension.signals.map { quoted($0.rawValue) }.joined(separator: ", "))]\n" }
            if !dimension.intents.isEmpty { out += "intents = [\(dimension.intents.map(quoted).joined(separator: ", "))]\n" }
            switch dimension.scale {
            case .ordinal(let levels):
                out += "range = [\(levels.first!.value), \(levels.last!.value)]\n"
                out += "disagreement_distance = \(dimension.disagreementDistance)\n"
            case .categories(let levels):
                out += "categories = [\(levels.map { quoted($0.value) }.joined(separator: ", "))]\n"
            case .passFail: break
            }
            out += "[rubric.dimension.anchors]\n"
            for level in dimension.scale.levels {
                if let anchor = level.anchor { out += "\(quoted(level.value)) = \(quoted(anchor))\n" }
            }
        }
        return out
    }
}
