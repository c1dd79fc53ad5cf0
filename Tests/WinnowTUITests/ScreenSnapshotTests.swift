import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

final class ScreenSnapshotTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    /// Realistic, multilingual and hostile events: the fixture every screen is drawn from.
    static let events: [String] = [
        fixtureEvent(1, signal: "explicit_correction", prompt: "SAML login loops after the 2.4 update", response: "Go to /admin/security/saml and disable Enforce SSO.",
                     extra: #","correction":"Open Settings → Security → Single sign-on; keep Enforce SSO on and re-upload the IdP metadata.","user_id":"usr_01","cohort":"enterprise","channel":"slack","model_version":"helios-2.4.0","sources":["kb/sso-okta-setup#step-4"],"tool_calls":[{"name":"get_sso_config","status":"error","error":"403 insufficient_scope","elapsed_ms":120}]"#),
        fixtureEvent(2, signal: "thumbs_down", prompt: "請問如何申請年度方案的退款？", response: "年度方案可在三十天內退款。请联系账单团队。"),
        fixtureEvent(3, signal: "csat", prompt: "Refund took 3 weeks 😡👨‍👩‍👧 — unacceptable", response: "Sorry! Refunds take 5–7 days.", extra: #","csat":1"#),
        fixtureEvent(4, signal: "rephrase", prompt: "evil \u{1B}[31mRED\u{1B}[0m \u{1B}]0;pwned\u{07} bidi \u{202E}txet desrever\u{202C} end", response: "Zalgo: Z̷̢̛̛̛a̶l̵g̸o̵ and a bell \u{07}\r\nsecond line"),
        fixtureEvent(5, signal: "agent_escalation", prompt: "Facture en double pour décembre — où est l'avoir ?", response: "Je transfère à un agent.",
                     extra: #","escalation_reason":"refund over agent limit""#),
        fixtureEvent(6, signal: "thumbs_up", prompt: "Thanks, the CSV export works now", response: "Great!"),
        fixtureEvent(7, signal: "session_abandon", prompt: "how do i rotate an api key", response: String(repeating: "A very long pasted log line without breaks ", count: 400)),
    ]

    func render(_ width: Int, _ height: Int, keys: [String] = [], themeNames: [String] = ["dusk", "mono"]) throws -> CellGrid {
        let ws = try FixtureWorkspace(lines: Self.events)
        let runtime = ws.runtime(width: width, height: height, themeNames: themeNames)
        for key in keys { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        return runtime.frame()
    }

    func testQueueAt80x24() throws {
        assertSnapshot(screenText(try render(80, 24)), named: "queue-80x24")
    }

    func testQueueAt120x40() throws {
        assertSnapshot(screenText(try render(120, 40)), named: "queue-120x40")
    }

    func testWideSideBySideAt160x30() throws {
        assertSnapshot(screenText(try render(160, 30)), named: "queue-160x30")
    }

    func testCJKItemDetail() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["j", "j", "j"])), named: "detail-cjk-80x24")
    }

    func testEmojiItemDetail() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["j", "j"])), named: "detail-emoji-80x24")
    }

    func testHostileTextIsShownAsPlaceholders() throws {
        let grid = try render(120, 40, keys: ["j", "j", "j", "j", "j"])
        let text = grid.lines.joined(separator: "\n")
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E || $0.value == 0x0D },
                       "no raw control characters reach the grid")
        XCTAssertTrue(text.contains("␛[31mRED␛[0m"))
        XCTAssertTrue(text.contains("⇆txet desrever⇆"))
        for line in grid.lines { XCTAssertEqual(DisplayWidth.of(line), 120, "the layout never breaks") }
        assertSnapshot(screenText(grid), named: "detail-hostile-120x40")
    }

    func testLongLineWrapsAndScrolls() throws {
        let grid = try render(80, 24, keys: ["j", "j", "j", "j", "enter", "ctrl-d"])
        assertSnapshot(screenText(grid), named: "detail-longline-scrolled-80x24")
    }

    func testEmptyWorkspace() throws {
        let ws = try FixtureWorkspace(lines: [])
        assertSnapshot(screenText(ws.runtime(width: 80, height: 24).frame()), named: "empty-80x24")
    }

    func testTinyTerminal() throws {
        assertSnapshot(screenText(try render(50, 10)), named: "tiny-50x10")
    }

    func testHelpOverlay() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["?"])), named: "help-80x24")
    }

    /// Opened with items marked, the help starts with what marks add, then the list's keys.
    func testHelpOverlayFromMarks() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["space", "?"])), named: "help-marks-80x24")
    }

    func testFilterErrorShownInline() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["\\", "s", "e", "v", ":"])), named: "filter-error-80x24")
    }

    func testFilterApplied() throws {
        let keys = ["\\"] + "signal:csat".map(String.init) + ["enter"]
        assertSnapshot(screenText(try render(80, 24, keys: keys)), named: "filter-csat-80x24")
    }

    func testNothingMatchesFilter() throws {
        let keys = ["\\"] + "severity:S4".map(String.init) + ["enter"]
        assertSnapshot(screenText(try render(80, 24, keys: keys)), named: "filter-empty-80x24")
    }

    func testSearchHighlightsMatches() throws {
        let keys = ["/"] + "refund".map(String.init) + ["enter"]
        let grid = try render(100, 30, keys: keys)
        XCTAssertTrue(grid.cells.contains { $0.role == .match }, "search hits are highlighted")
        assertSnapshot(screenText(grid), named: "search-refund-100x30")
    }

    /// After a label, the header is exact at once when the first page comes within the keystroke's
    /// budget, and otherwise says it is searching: never the old open count as if it were exact.
    func testOpenCountAfterALabelIsNeverStale() throws {
        let ws = try FixtureWorkspace(lines: Self.events)
        let runtime = ws.runtime(width: 80, height: 24)
        XCTAssertTrue(runtime.frame().lines[0].contains("7 items · 7 open"))
        runtime.session.pageBudget = 10
        runtime.dispatch(.key(Key("S")))
        runtime.dispatch(.key(Key("r")))
        XCTAssertTrue(runtime.frame().lines[0].contains("7 items · 6 open"), runtime.frame().lines[0])

        runtime.session.pageBudget = 0
        runtime.dispatch(.key(Key("S")))
        runtime.dispatch(.key(Key("r")))
        // The closed item's successor is selected by id, so its window is read by key; the count
        // comes within the keystroke here or says it is still coming.
        let header = runtime.frame().lines[0]
        XCTAssertFalse(header.contains("6 open"), "never the old open count as if it were exact: \(header)")
        XCTAssertTrue(header.contains("searching…") || header.contains("counting…") || header.contains("7 items · 5 open"), header)
        runtime.settle()
        XCTAssertTrue(runtime.frame().lines[0].contains("7 items · 5 open"), runtime.frame().lines[0])
    }

    // MARK: Triage screens

    func testCorrectionEditorWithWideCharacters() throws {
        let keys = ["j", "c", "ctrl-e", "space"] + "請在設定中確認 ✅ then".map { $0 == " " ? "space" : String($0) } + ["enter"] + "Next line.".map { $0 == " " ? "space" : String($0) }
        let grid = try render(80, 24, keys: keys)
        XCTAssertTrue(grid.lines[1].contains("Correction of #5 — from the response · modified"), grid.lines[1])
        for line in grid.lines { XCTAssertEqual(DisplayWidth.of(line), 80, "the layout never breaks") }
        assertSnapshot(screenText(grid), named: "editor-cjk-80x24")
    }

    func testSavedCorrectionShowsAWordDiffAndEditDistance() throws {
        let keys = ["G", "c", "ctrl-e", "ctrl-u"] + "Great, glad it works!".map { $0 == " " ? "space" : String($0) } + ["ctrl-s"]
        let grid = try render(100, 30, keys: keys)
        let text = grid.lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("CORRECTION (written by a reviewer)"), text)
        XCTAssertTrue(text.contains("Great{+, glad it works+}!"), text)
        XCTAssertTrue(text.contains("edit distance"), text)
        assertSnapshot(screenText(grid), named: "correction-diff-100x30")
    }

    func testLocusPicker() throws {
        assertSnapshot(screenText(try render(80, 24, keys: ["L", "t"])), named: "picker-locus-80x24")
    }

    func testMergedClusterInTheQueue() throws {
        let grid = try render(120, 30, keys: ["j", "space", "j", "space", "g", "D", "y"])
        let text = grid.lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("×3"), text)
        XCTAssertTrue(text.contains("cluster 3 items"), text)
        assertSnapshot(screenText(grid), named: "cluster-120x30")
    }
}
