import Foundation
import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// What a reviewer sees first: ranked hints that fit, the signal's evidence above the fold, the
/// list's columns shared by width, an ellipsis wherever text is cut, and history that reads.
final class ScreenLayoutTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    // MARK: Hint bar

    func hints(_ state: AppState, width: Int) -> [String] {
        HintBar.fitted(HintBar.context(state), state, width: width).map(\.text)
    }

    func hintRow(_ state: AppState) -> String {
        Presenter().render(state).lines[state.layout.hintRow]
    }

    func testTheListShowsTakeHelpAndQuitAt80And100Columns() {
        for width in [80, 100] {
            let state = makeState(width: width, height: 30, rows: (1...5).map { makeRow($0) })
            XCTAssertEqual(HintBar.context(state), .list)
            let row = hintRow(state)
            for hint in ["t take", "? help", "Q quit"] { XCTAssertTrue(row.contains(hint), "\(width): \(row)") }
        }
    }

    func testHelpIsShownInEveryContextWhereQuestionMarkOpensIt() {
        var list = makeState(width: 80, rows: (1...5).map { makeRow($0) })
        var detail = list
        _ = Reducer.reduce(&detail, .detailLoaded(makeDetail(makeRow(1))))
        detail.focus = .detail
        _ = Reducer.reduce(&list, .key(Key("space")))
        XCTAssertEqual(HintBar.context(detail), .detail)
        XCTAssertEqual(HintBar.context(list), .marks)
        for state in [detail, list, makeState(width: 80, rows: [makeRow(1)])] {
            for width in [60, 80, 100, 160] {
                XCTAssertTrue(hints(state, width: width).contains("? help"), "\(HintBar.context(state)) at \(width)")
            }
        }
    }

    func testAMessageLeavesHelpInSightAndIsCutWithAnEllipsis() {
        var state = makeState(width: 80, height: 24, rows: (1...5).map { makeRow($0) })
        _ = Reducer.reduce(&state, .message("Short message", isError: false))
        var row = hintRow(state)
        XCTAssertTrue(row.hasPrefix(" Short message"), row)
        XCTAssertTrue(row.trimmingCharacters(in: " ").hasSuffix("? help"), row)
        _ = Reducer.reduce(&state, .message(String(repeating: "long words ", count: 12), isError: true))
        row = hintRow(state)
        XCTAssertTrue(row.contains("…  ? help"), "the message is cut before the hint, with an ellipsis: \(row)")
        // In the editor ? is text, so no hint is offered beside a message there.
        state.editing = CorrectionEditing(itemID: 1, text: "x", source: "the response", fromDraft: false, baseVersion: 0)
        _ = Reducer.reduce(&state, .message("Saved", isError: false))
        XCTAssertFalse(hintRow(state).contains("? help"), hintRow(state))
    }

    /// The hints shown are the highest-ranked ones, whole: a narrower bar drops from the bottom
    /// of the ranking, never cuts a hint, and every context fits at 80, 100 and 160 columns.
    func testNarrowerBarsDropTheLowestRankedHintsWhole() {
        var states: [AppState] = []
        var list = makeState(width: 80, rows: (1...5).map { makeRow($0) })
        _ = Reducer.reduce(&list, .detailLoaded(makeDetail(makeRow(1))))
        states.append(list)
        var detail = list
        detail.focus = .detail
        states.append(detail)
        var marks = list
        _ = Reducer.reduce(&marks, .key(Key("space")))
        states.append(marks)
        var editor = list
        _ = Reducer.reduce(&editor, .editorOpened(itemID: 1, text: "x", source: "the response", fromDraft: false, version: 0))
        states.append(editor)
        var command = list
        _ = Reducer.reduce(&command, .key(Key(":")))
        states.append(command)
        for state in states {
            let context = HintBar.context(state)
            let ranked = HintBar.ranked(context, state).map(\.hint.text)
            var previous: Set<String> = []
            for width in [160, 100, 80, 60, 30] {
                let shown = hints(state, width: width)
                XCTAssertEqual(Set(shown), Set(ranked.prefix(shown.count)), "\(context) at \(width): the top of the ranking")
                XCTAssertTrue(Set(shown).isSubset(of: width == 160 ? Set(shown) : previous.union(shown)))
                let used = 1 + shown.map { DisplayWidth.of($0) }.reduce(0, +) + 2 * max(0, shown.count - 1)
                XCTAssertLessThanOrEqual(used, width, "\(context) at \(width)")
                if width >= 80 { XCTAssertGreaterThanOrEqual(shown.count, 3, "\(context) at \(width): \(shown)") }
                previous = Set(shown)
            }
        }
        XCTAssertEqual(hints(states[3], width: 80).first, "^S save")
        XCTAssertTrue(hints(states[4], width: 80).contains("Tab complete"))
    }

    func testEveryRankedHintHasAWordAndEveryContextARanking() {
        for context in KeyContext.allCases where context != .global && !context.isPlaceholder {
            let entries = CommandRegistry.hints[context] ?? []
            XCTAssertFalse(entries.isEmpty, "\(context)")
            for entry in entries {
                if case .command(let id) = entry.source {
                    XCTAssertNotNil(entry.word ?? CommandRegistry.spec(id).hint, "\(context): \(id)")
                }
            }
        }
    }

    func testHintsAreDrawnWholeOnTheScreen() {
        for width in [60, 80, 100, 160] {
            let state = makeState(width: width, height: 24, rows: (1...5).map { makeRow($0) })
            let row = hintRow(state)
            for hint in hints(state, width: width) { XCTAssertTrue(row.contains(hint), "\(width): \(hint) in \(row)") }
            XCTAssertFalse(row.contains("…"), row)
        }
    }

    // MARK: Truncation

    func testClippedTextAlwaysEndsInAnEllipsis() {
        XCTAssertEqual(TextLayout.clip("abcdef", to: 4), "abc…")
        XCTAssertEqual(TextLayout.clip("abcd", to: 4), "abcd")
        XCTAssertEqual(TextLayout.clip("abcd   ", to: 4), "abcd", "padding spaces are dropped without an ellipsis")
        XCTAssertEqual(TextLayout.clip("ab請求", to: 5), "ab請…", "a wide character never straddles the edge")
        var grid = CellGrid(width: 10, height: 1)
        XCTAssertEqual(grid.put("a long line of text", row: 0, column: 2, role: .base), 10)
        XCTAssertEqual(grid.lines[0], "  a long …")
        grid.put("Zalgo ␛[31m", row: 0, column: 0, role: .base, limit: 6, highlightPlaceholders: true)
        XCTAssertEqual(grid.lines[0], "Zalgo…ng …")
    }

    func testCompletionsAndTheHeaderShowAnEllipsisWhenCut() {
        var state = makeState(width: 60, height: 20, rows: (1...3).map { makeRow($0) })
        state.workspaceName = "A workspace with a very long name that goes on"
        let header = Presenter().render(state).lines[0]
        XCTAssertTrue(header.contains(" A workspace with a…  3 items"), header)
        _ = Reducer.reduce(&state, .key(Key(":")))
        _ = Reducer.reduce(&state, .key(Key("tab")))
        XCTAssertFalse(state.input?.completions.isEmpty ?? true)
        let completions = Presenter().render(state).lines[state.layout.statusRow]
        XCTAssertTrue(completions.hasSuffix("…"), completions)
    }

    // MARK: List columns

    func testThePromptColumnGetsASaneShareAtEveryWidth() {
        let full = [makeRow(1, owner: "billing-team", cluster: 3, claimedBy: "bob"), makeRow(2)]
        let bare = [makeRow(1, intent: nil), makeRow(2, intent: nil)]
        for width in [60, 80, 100, 120, 200] {
            let cols = ListColumns.layout(width: width, rows: full, now: fixedNow)
            XCTAssertGreaterThanOrEqual(cols.preview, 12, "\(width): the prompt is never dropped")
            XCTAssertGreaterThanOrEqual(cols.preview, (width - 37) / 2, "\(width): at least half of what is left")
            XCTAssertGreaterThan(ListColumns.layout(width: width, rows: bare, now: fixedNow).preview, cols.preview,
                                 "\(width): columns empty on every row yield their width")
        }
        XCTAssertGreaterThanOrEqual(ListColumns.layout(width: 100, rows: full, now: fixedNow).preview, 30)
        XCTAssertGreaterThanOrEqual(ListColumns.layout(width: 100, rows: [makeRow(1)], now: fixedNow).preview, 38)
        let wide = ListColumns.layout(width: 120, rows: full, now: fixedNow)
        XCTAssertTrue(wide.claim > 0 && wide.owner > 0 && wide.cluster > 0 && wide.intent > 0, "\(wide)")
        let bareCols = ListColumns.layout(width: 100, rows: bare, now: fixedNow)
        XCTAssertEqual([bareCols.intent, bareCols.owner, bareCols.claim, bareCols.cluster], [0, 0, 0, 0])
    }

    func testEveryListRowFitsItsWidthAtTheSmallestTerminal() {
        let rows = (1...12).map { makeRow($0, owner: "team-\($0)", preview: "Where is my refund for the order I placed last week?") }
        let state = makeState(width: 60, height: 16, rows: rows)
        let lines = Presenter().render(state).lines
        XCTAssertTrue(lines[1].contains("PROMPT"), lines[1])
        XCTAssertTrue(lines[2].contains("Where is my refund"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix("…"), lines[2])
    }

    // MARK: Detail

    static let longPrompt = "I was charged twice for the December invoice and the second charge has still not been refunded after three weeks, " +
        "although your agent promised it within five days. What is going on, and when will I see the money back on my card?"
    static let longResponse = String(repeating: "Refunds usually take five to seven business days to appear on your statement. ", count: 6)

    func escalation() -> ItemDetail {
        var d = makeDetail(makeRow(1, signal: "agent_escalation", owner: "billing-team"), response: Self.longResponse)
        d.prompt = Self.longPrompt
        d.escalationReason = "refund over agent limit: customer asks for 1,240 EUR"
        d.sources = ["kb/refunds#timing", "kb/refunds#limits"]
        d.toolCalls = [ToolCall(name: "lookup_invoice", status: "ok"), ToolCall(name: "issue_refund", status: "error", error: "limit exceeded")]
        d.csat = 2
        return d
    }

    func screen(_ detail: ItemDetail, width: Int, height: Int) -> [String] {
        var state = makeState(width: width, height: height, rows: [detail.row])
        _ = Reducer.reduce(&state, .detailLoaded(detail))
        return Presenter().render(state).lines
    }

    func testTheEvidenceComesRightAfterThePromptAndResponseBriefs() {
        let lines = DetailLines.build(escalation(), width: 78, now: fixedNow).map { $0.segments.map(\.text).joined() }
        func index(_ prefix: String) -> Int { lines.firstIndex { $0.hasPrefix(prefix) } ?? -1 }
        XCTAssertEqual(index("PROMPT    I was charged"), 2)
        XCTAssertEqual(index("RESPONSE  Refunds"), 4)
        XCTAssertTrue(lines[5].hasSuffix(" …"), "a brief says there is more: \(lines[5])")
        let order = ["ESCALATION", "CSAT", "FAILED TOOL CALLS (1 of 2)", "PROMPT", "RESPONSE", "CONTEXT", "SOURCES (2)", "TOOL CALLS (2, 1 failed)"]
        let positions = order.map { title in lines.firstIndex { $0 == title } ?? -1 }
        XCTAssertEqual(positions, positions.sorted(), "\(lines)")
        XCTAssertFalse(positions.contains(-1), "\(lines)")
        XCTAssertEqual(lines[index("ESCALATION") + 1], "  refund over agent limit: customer asks for 1,240 EUR")
        XCTAssertEqual(lines[index("CSAT") + 1], "  2/5 ★★☆☆☆")
        XCTAssertTrue(lines[index("FAILED TOOL CALLS") + 1].contains("✗ FAILED issue_refund"))
    }

    func testAShortPromptAndResponseAreShownOnceInFull() {
        var d = makeDetail(makeRow(1), response: "Open Billing.")
        d.prompt = "Where is my refund?"
        let lines = DetailLines.build(d, width: 78, now: fixedNow).map { $0.segments.map(\.text).joined() }
        XCTAssertEqual(lines.filter { $0.contains("Where is my refund?") }.count, 1, "\(lines)")
        XCTAssertFalse(lines.contains("PROMPT"), "no second, full section: \(lines)")
    }

    func testAnEscalationReasonIsOnScreenWithoutScrollingAt100x30And80x24() {
        for (width, height) in [(100, 30), (80, 24)] {
            let lines = screen(escalation(), width: width, height: height)
            XCTAssertTrue(lines.contains { $0.contains("refund over agent limit") }, "\(width)×\(height):\n\(lines.joined(separator: "\n"))")
        }
    }

    func testAnArrivedCorrectionsHeadingAndTextAreVisibleAt80x24() {
        var d = makeDetail(makeRow(1, signal: "explicit_correction"), response: Self.longResponse,
                           arrived: "Refunds of double charges are made within two days; this one is late, and we have escalated it.")
        d.prompt = Self.longPrompt
        let lines = screen(d, width: 80, height: 24)
        let heading = lines.firstIndex { $0.contains("CORRECTION (arrived with the event") }
        XCTAssertNotNil(heading, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("Refunds of double charges are made within two days") }, lines.joined(separator: "\n"))
        XCTAssertLessThan(heading ?? 99, 22, "the heading is not the last visible line")
    }

    func testTheScrollIndicatorHasARowOfItsOwn() {
        let stacked = screen(escalation(), width: 80, height: 24)
        let separator = try? XCTUnwrap(stacked.firstIndex { $0.hasPrefix("────") })
        XCTAssertTrue(stacked[separator ?? 0].contains("1–12/"), "on the separator above the detail: \(stacked[separator ?? 0])")
        let side = screen(escalation(), width: 160, height: 30)
        let last = side[27]
        XCTAssertTrue(last.hasSuffix("1–26/\(DetailLines.build(escalation(), width: 160 - 89 - 2, now: fixedNow).count)  "), last)
        let detailPart = String(last.dropFirst(89)).trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(detailPart.hasPrefix("1–26/"), "nothing else shares the indicator's row: \(last)")
    }

    // MARK: History

    func record(seq: Int64, action: String, field: String, old: String?, new: String?, reason: String? = nil) throws -> AuditRecord {
        var object: [String: Any] = ["seq": seq, "ts_ms": 1_792_000_000_000, "reviewer": "alice", "os_user": "alice-os",
                                     "action": action, "item_id": 1, "field": field, "prev_hash": "", "hash": "",
                                     "action_id": seq, "hash_format": 2]
        if let old { object["old_value"] = old }
        if let new { object["new_value"] = new }
        if let reason { object["reason"] = reason }
        return try JSONDecoder().decode(AuditRecord.self, from: JSONSerialization.data(withJSONObject: object))
    }

    func testHistoryTimesCarryTheirZoneAndLongLinesWrapUnderTheirText() throws {
        let note = "The customer was double charged; the second charge is refunded by hand, see ticket 4411 for the bank's reply"
        let records = [try record(seq: 12, action: "label", field: "note", old: nil, new: note, reason: "noted")]
        let lines = HistoryLine.wrapped(records, viewing: 1, width: 60)
        XCTAssertEqual(lines[0], "action #12  2026-10-14 17:46:40 UTC  alice (alice-os)")
        XCTAssertTrue(lines[1].hasPrefix("  #12  label note: ∅ → The customer"), lines[1])
        XCTAssertGreaterThan(lines.count, 3)
        for line in lines.dropFirst(2) {
            XCTAssertTrue(line.hasPrefix("       ") && line.dropFirst(7).first != " ", "continues under its text: «\(line)»")
        }
        for line in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 60) }
        XCTAssertEqual(lines.joined(separator: " ").split(separator: " ").joined(separator: " "),
                       HistoryLine.lines(records, viewing: 1).joined(separator: " ").split(separator: " ").joined(separator: " "),
                       "wrapping loses no word")
    }
}

/// The screens this part changed, drawn from the real store at fixed sizes.
final class ScreenLayoutSnapshotTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    func render(_ width: Int, _ height: Int, keys: [String] = []) throws -> CellGrid {
        let ws = try FixtureWorkspace(lines: ScreenSnapshotTests.events)
        let runtime = ws.runtime(width: width, height: height)
        for key in keys { runtime.dispatch(.key(Key(key))) }
        runtime.settle()
        return runtime.frame()
    }

    /// The escalation's reason is on screen without Tab or scrolling.
    func testEscalationAt100x30() throws {
        let grid = try render(100, 30, keys: ["j"])
        XCTAssertTrue(grid.lines.contains { $0.contains("refund over agent limit") }, grid.lines.joined(separator: "\n"))
        assertSnapshot(screenText(grid), named: "screen-escalation-100x30")
    }

    /// At the smallest size the prompt column is still there, cut with an ellipsis.
    func testQueueAt60x16() throws {
        let grid = try render(60, 16)
        XCTAssertTrue(grid.lines[1].contains("PROMPT"), grid.lines[1])
        assertSnapshot(screenText(grid), named: "screen-queue-60x16")
    }

    /// The input line's keys come first, then what it takes, cut with an ellipsis.
    func testFilterInputHintsAt80x24() throws {
        let grid = try render(80, 24, keys: ["\\"])
        XCTAssertTrue(grid.lines[23].hasPrefix(" Enter apply  Esc cancel  · field:value"), grid.lines[23])
        XCTAssertTrue(grid.lines[23].hasSuffix("…"), grid.lines[23])
        assertSnapshot(screenText(grid), named: "screen-filter-input-80x24")
    }
}
