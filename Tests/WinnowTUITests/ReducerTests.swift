import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

final class ReducerTests: XCTestCase {
    func testMovingSelectsAndLoadsDetail() {
        var state = makeState(rows: (1...5).map { makeRow($0) })
        XCTAssertEqual(state.cursor, 0)
        XCTAssertEqual(press(&state, "j"), [.loadDetail(2)])
        XCTAssertEqual(state.cursor, 1)
        XCTAssertEqual(press(&state, "down", "down"), [.loadDetail(3), .loadDetail(4)])
        XCTAssertEqual(press(&state, "k"), [.loadDetail(3)])
        XCTAssertEqual(state.selectedRow?.id, 3)
        _ = press(&state, "j", "j", "j", "j")
        XCTAssertEqual(state.cursor, 4, "the cursor stops at the last item")
        _ = press(&state, "up", "k", "k", "k", "k", "k")
        XCTAssertEqual(state.cursor, 0, "and at the first")
    }

    func testTopAndBottomUseTheWindowOrLoad() {
        var state = makeState(rows: (1...10).map { makeRow($0) })
        XCTAssertEqual(press(&state, "G"), [.loadDetail(10)])
        XCTAssertEqual(state.cursor, 9)
        XCTAssertEqual(press(&state, "g"), [.loadDetail(1)])
        var big = makeState(rows: (1...100).map { makeRow($0) }, total: 100_000)
        XCTAssertEqual(press(&big, "end"), [.loadBottom])
        XCTAssertEqual(big.cursor, 99_999)
        _ = Reducer.reduce(&big, .window(rows: (99_901...100_000).map { makeRow(Int64($0)) }, start: 99_900, total: 100_000,
                                          open: 100_000, cursor: 99_999))
        XCTAssertEqual(big.selectedRow?.id, 100_000)
        XCTAssertEqual(press(&big, "home"), [.loadTop])
        XCTAssertEqual(big.cursor, 0)
    }

    func testPagingRequestsMoreRowsNearTheWindowEnd() {
        var state = makeState(rows: (1...12).map { makeRow($0) }, total: 1_000)
        let effects = press(&state, "ctrl-d")
        XCTAssertEqual(state.cursor, state.listHeight / 2)
        XCTAssertTrue(effects.contains(.extendForward), "\(effects)")
        _ = Reducer.reduce(&state, .appendRows((13...80).map { makeRow($0) }))
        XCTAssertEqual(state.rows.count, 80)
        _ = press(&state, "pgup")
        XCTAssertEqual(state.cursor, 0)
    }

    func testWindowTrimsWhenItGrowsTooLarge() {
        var state = makeState(rows: (1...390).map { makeRow($0) }, total: 10_000)
        state.cursor = 380
        state.scrollTop = 370
        _ = Reducer.reduce(&state, .appendRows((391...450).map { makeRow(Int64($0)) }))
        XCTAssertLessThanOrEqual(state.rows.count, Reducer.windowLimit)
        XCTAssertEqual(state.selectedRow?.id, 381, "trimming keeps absolute positions")
    }

    func testTabEnterAndBackMoveFocusAndQuit() {
        var state = makeState(rows: [makeRow(1), makeRow(2)])
        _ = Reducer.reduce(&state, .detailLoaded(nil))
        _ = press(&state, "enter")
        XCTAssertEqual(state.focus, .detail)
        _ = press(&state, "j", "j")
        XCTAssertEqual(state.detailScroll, 2, "j scrolls the detail when it has focus")
        XCTAssertEqual(state.cursor, 0)
        _ = press(&state, "q")
        XCTAssertEqual(state.focus, .list)
        XCTAssertFalse(state.shouldQuit)
        XCTAssertEqual(press(&state, "q"), [], "q in the list never quits")
        XCTAssertFalse(state.shouldQuit)
        var other = makeState(rows: [makeRow(1)])
        XCTAssertEqual(press(&other, "Q"), [.releaseUnusedClaims, .quit])
        XCTAssertTrue(other.shouldQuit)
    }

    func testSearchLineSubmitsAndNextPrevious() {
        var state = makeState(rows: [makeRow(1)])
        XCTAssertEqual(press(&state, "n"), [])
        XCTAssertEqual(state.message?.isError, true, "n without a search says why")
        _ = press(&state, "/")
        XCTAssertEqual(state.input?.kind, .search)
        _ = press(&state, "s", "a", "m", "l")
        XCTAssertEqual(state.input?.text, "saml")
        XCTAssertEqual(press(&state, "enter"), [.findMatch(forward: true)])
        XCTAssertNil(state.input)
        XCTAssertEqual(state.search, "saml")
        XCTAssertEqual(press(&state, "n"), [.findMatch(forward: true)])
        XCTAssertEqual(press(&state, "N"), [.findMatch(forward: false)])
    }

    func testFilterValidatesLiveAndKeepsTheLineOpenOnError() {
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, "\\")
        for c in "colour:red" { _ = press(&state, String(c)) }
        XCTAssertNotNil(state.input?.error, "a mistake shows while typing")
        XCTAssertEqual(press(&state, "enter"), [])
        XCTAssertEqual(state.input?.kind, .filter, "Enter on an invalid filter keeps the line open")
        XCTAssertTrue(state.input?.error?.contains("unknown filter field") ?? false)
        _ = press(&state, "ctrl-u")
        for c in "signal:csat" { _ = press(&state, String(c)) }
        XCTAssertNil(state.input?.error)
        XCTAssertEqual(press(&state, "enter"), [.reload(keepingItem: nil, position: 0)])
        XCTAssertEqual(state.filter.terms.first?.field, .signal)
        XCTAssertEqual(state.filterText, "signal:csat")
        XCTAssertEqual(press(&state, "esc"), [.reload(keepingItem: 1, position: 0)])
        XCTAssertTrue(state.filter.isEmpty, "Esc in the list clears the filter")
    }

    func testInputEditingKeys() {
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, "/")
        for c in "refund plan" { _ = press(&state, c == " " ? "space" : String(c)) }
        _ = press(&state, "ctrl-w")
        XCTAssertEqual(state.input?.text, "refund ")
        _ = press(&state, "home", "x")
        XCTAssertEqual(state.input?.text, "xrefund ")
        _ = press(&state, "end", "backspace", "left", "delete")
        XCTAssertEqual(state.input?.text, "xrefun")
        _ = press(&state, "esc")
        XCTAssertNil(state.input)
        XCTAssertNil(state.search, "Esc cancels without searching")
    }

    func testCommandLineRunsCommandsAndCompletes() {
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, ":")
        for c in "so" { _ = press(&state, String(c)) }
        _ = press(&state, "tab")
        XCTAssertEqual(state.input?.text, "sort ")
        for c in "ne" { _ = press(&state, String(c)) }
        _ = press(&state, "tab")
        XCTAssertEqual(state.input?.text, "sort newest")
        XCTAssertEqual(press(&state, "enter"), [.reload(keepingItem: nil, position: 0)])
        XCTAssertEqual(state.sort, .newest)
        _ = press(&state, ":")
        for c in "bogus" { _ = press(&state, String(c)) }
        _ = press(&state, "enter")
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertTrue(state.message?.text.contains("unknown command") ?? false)
    }

    func testSortCycleViewsAndThemes() {
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, "o")
        XCTAssertEqual(state.sort, .newest)
        _ = press(&state, "o", "o")
        XCTAssertEqual(state.sort, .queue)
        XCTAssertEqual(Reducer.reduce(&state, .command(.viewSave, argument: "refunds")), [.saveView(name: "refunds")])
        XCTAssertEqual(Reducer.reduce(&state, .command(.viewOpen, argument: "save urgent")), [.saveView(name: "urgent")])
        XCTAssertEqual(Reducer.reduce(&state, .command(.viewOpen, argument: "refunds")), [.openView(name: "refunds")])
        XCTAssertEqual(press(&state, "v"), [.loadViews(openPicker: true)])
        _ = Reducer.reduce(&state, .viewsLoaded([SavedView(name: "a", query: "signal:csat", sort: .oldest, createdBy: "x"),
                                                 SavedView(name: "b", query: "", sort: .queue, createdBy: "x")], openPicker: true))
        XCTAssertEqual(state.overlay, .viewPicker(selected: 0))
        _ = press(&state, "j")
        XCTAssertEqual(state.overlay, .viewPicker(selected: 1))
        _ = press(&state, "k")
        XCTAssertEqual(press(&state, "enter"), [.reload(keepingItem: nil, position: 0)])
        XCTAssertEqual(state.sort, .oldest)
        XCTAssertEqual(state.viewName, "a")
        XCTAssertEqual(state.filterText, "signal:csat")
        XCTAssertEqual(Reducer.reduce(&state, .command(.theme, argument: "mono")), [.applyTheme("mono")])
        XCTAssertEqual(state.themeName, "mono")
        XCTAssertEqual(Reducer.reduce(&state, .command(.theme, argument: "neon")), [])
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertEqual(press(&state, "T"), [.applyTheme("dusk")])
    }

    func testMarkingAndHelp() {
        var state = makeState(rows: (1...3).map { makeRow($0) })
        _ = press(&state, "space")
        XCTAssertEqual(state.marked, [1])
        XCTAssertEqual(state.cursor, 0, "marking stays on the item")
        _ = press(&state, "j", "space")
        XCTAssertEqual(state.marked, [1, 2])
        _ = Reducer.reduce(&state, .command(.clearMarks, argument: nil))
        XCTAssertTrue(state.marked.isEmpty)
        _ = press(&state, "?")
        XCTAssertEqual(state.overlay, .help(scroll: 0))
        _ = press(&state, "j")
        XCTAssertEqual(state.overlay, .help(scroll: 1))
        _ = press(&state, "esc")
        XCTAssertNil(state.overlay)
    }

    func testUnboundKeyAndUnavailableCommandExplain() {
        var state = makeState(rows: [])
        _ = press(&state, "z")
        XCTAssertTrue(state.message?.text.contains("not bound") ?? false)
        _ = press(&state, "enter")
        XCTAssertEqual(state.message?.text, "open_detail: no item selected")
    }

    func testResizeKeepsTheCursorVisible() {
        var state = makeState(width: 120, height: 40, rows: (1...50).map { makeRow($0) })
        _ = press(&state, "G")
        _ = Reducer.reduce(&state, .resize(width: 80, height: 24))
        XCTAssertGreaterThanOrEqual(state.cursor, state.scrollTop)
        XCTAssertLessThan(state.cursor, state.scrollTop + state.listHeight)
    }

    func testKeymapOverridesAndConflicts() throws {
        let map = try Keymap(overrides: ["move_down": ["ctrl-n", "j"], "search_next": ["z"]])
        XCTAssertEqual(map.command(for: Key("ctrl-n")), .moveDown)
        XCTAssertNil(map.command(for: Key("down")), "an override replaces the defaults")
        XCTAssertEqual(map.command(for: Key("z")), .searchNext)
        XCTAssertThrowsError(try Keymap(overrides: ["move_down": ["k"]])) { error in
            XCTAssertTrue(String(describing: error).contains("bound to both"), "\(error)")
        }
        XCTAssertThrowsError(try Keymap(overrides: ["fly": ["f"]])) { error in
            XCTAssertTrue(String(describing: error).contains("unknown command `fly`"))
        }
        XCTAssertThrowsError(try Keymap(overrides: ["help": ["hyper-x"]])) { error in
            XCTAssertTrue(String(describing: error).contains("unknown key `hyper-x`"))
        }
    }

    func testEveryCommandHasKeysOrACommandLineName() {
        for spec in CommandRegistry.all {
            XCTAssertFalse(spec.summary.isEmpty)
            XCTAssertEqual(CommandRegistry.command(named: spec.id.rawValue), spec.id)
        }
        XCTAssertEqual(Set(CommandRegistry.all.map(\.id)).count, CommandID.allCases.count, "every command is registered once")
    }

    /// Every command, run through the reducer from a populated queue: the effect it asks for.
    func testEveryCommandThroughTheReducer() {
        func run(_ id: CommandID, _ argument: String? = nil, prepare: (inout AppState) -> Void = { _ in }) -> (AppState, [Effect]) {
            var state = makeState(rows: (1...30).map { makeRow($0) }, total: 30)
            _ = Reducer.reduce(&state, .detailLoaded(nil))
            prepare(&state)
            let effects = Reducer.reduce(&state, .command(id, argument: argument))
            return (state, effects)
        }
        for id in CommandID.allCases {
            let (state, effects) = run(id, id == .sort ? "oldest" : id == .theme ? "mono" : ["view", "view_save", "view_delete"].contains(id.rawValue) ? "v1" : id == .search ? "sso" : id == .filter ? "signal:csat" : nil,
                                       prepare: { s in
                                           if [.searchNext, .searchPrev].contains(id) { s.search = "sso" }
                                           if id == .clearFilter { s.search = "x" }
                                           if id == .clearMarks { s.marked = [1] }
                                           if id == .undo { s.undoDepth = 1 }
                                           if id == .redo { s.redoDepth = 1 }
                                           if [.acceptCorrection, .rejectCorrection].contains(id) {
                                               s.detail = makeDetail(s.rows[0], arrived: "A better answer.")
                                           }
                                           if id == .merge { s.marked = [2, 3] }
                                           if id == .unmerge { s.marked = [2] }
                                           if id == .cluster { s.rows[0].clusterSize = 3 }
                                           if id == .release { s.rows[0].claimedBy = "alice"; s.rows[0].claimExpiresMillis = fixedNow + 60_000 }
                                           if id == .takeOver { s.rows[0].claimedBy = "bob"; s.rows[0].claimExpiresMillis = fixedNow + 60_000 }
                                       })
            switch id {
            case .moveDown: XCTAssertEqual(effects, [.loadDetail(2)])
            case .moveUp: XCTAssertEqual(effects, [], "already at the top")
            case .pageDown: XCTAssertEqual(state.cursor, state.listHeight / 2)
            case .pageUp: XCTAssertEqual(state.cursor, 0)
            case .goTop: XCTAssertEqual(effects, [])
            case .goBottom: XCTAssertEqual(effects, [.loadDetail(30)])
            case .switchPane: XCTAssertEqual(state.focus, .list, "no detail loaded yet: stays")
            case .openDetail:
                XCTAssertEqual(state.focus, .detail)
                XCTAssertEqual(effects, [.claim(1)], "opening an item starts work on it")
            case .undo: XCTAssertEqual(effects, [.undo])
            case .redo: XCTAssertEqual(effects, [.redo])
            case .correct: XCTAssertEqual(effects, [.openEditor(1)])
            case .editExternally: XCTAssertEqual(effects, [.openEditor(1), .editExternally])
            case .acceptCorrection: XCTAssertEqual(effects, [.acceptCorrection(1)])
            case .rejectCorrection: XCTAssertEqual(effects, [.rejectCorrection(1)])
            case .merge: XCTAssertEqual(state.confirmation?.effect, .merge(duplicates: [2, 3], into: 1, versions: [1: 0, 2: 0, 3: 0]))
            case .unmerge: XCTAssertEqual(state.confirmation?.effect, .unmerge([2], versions: [2: 0]))
            case .cluster:
                XCTAssertEqual(effects, [.reload(keepingItem: nil, position: 0)])
                XCTAssertEqual(state.filterText, "cluster:1")
            case .takeNext: XCTAssertEqual(effects, [.takeNext])
            case .claim: XCTAssertEqual(effects, [.claim(1)])
            case .release: XCTAssertEqual(effects, [.release(1)])
            case .takeOver: XCTAssertEqual(effects, [.takeOver(1, reason: nil)])
            case .back:
                XCTAssertEqual(effects, [])
                XCTAssertFalse(state.shouldQuit, "back never quits")
            case .search: XCTAssertEqual(effects, [.findMatch(forward: true)])
            case .searchNext: XCTAssertEqual(effects, [.findMatch(forward: true)])
            case .searchPrev: XCTAssertEqual(effects, [.findMatch(forward: false)])
            case .filter: XCTAssertEqual(effects, [.reload(keepingItem: nil, position: 0)])
            case .clearFilter: XCTAssertNil(state.search)
            case .sort: XCTAssertEqual(state.sort, .oldest)
            case .cycleSort: XCTAssertEqual(state.sort, .newest)
            case .viewPicker: XCTAssertEqual(effects, [.loadViews(openPicker: true)])
            case .viewSave: XCTAssertEqual(effects, [.saveView(name: "v1")])
            case .viewOpen: XCTAssertEqual(effects, [.openView(name: "v1")])
            case .viewDelete: XCTAssertEqual(effects, [.deleteView(name: "v1")])
            case .history: XCTAssertEqual(effects, [.loadHistory(1)])
            case .labelLocus, .labelOwner:
                XCTAssertEqual(effects, [], "without a value it opens a picker")
                guard case .picker(let picker)? = state.overlay else { return XCTFail("\(id): no picker") }
                XCTAssertEqual(picker.field.rawValue, id.rawValue)
            case .labelReasons:
                XCTAssertEqual(effects, [])
                XCTAssertEqual(state.message?.isError, true, "no locus yet: it says to set one first")
            case .labelNote: XCTAssertEqual(state.input?.text, "note ")
            case .labelTrainable: XCTAssertEqual(state.pendingLabel, .trainable)
            case .applyPreset: XCTAssertEqual(state.message?.text, "preset: this workspace has no presets ([[preset]] in winnow.toml)")
            case .repeatLabels: XCTAssertEqual(state.message?.text, "repeat: no labels set yet in this session")
            case .markRange: XCTAssertEqual(state.rangeAnchor, 0)
            case .labelSeverity: XCTAssertEqual(state.pendingLabel, .severity)
            case .labelStatus: XCTAssertEqual(state.pendingLabel, .status)
            case .toggleMark: XCTAssertEqual(state.marked, [1])
            case .clearMarks: XCTAssertTrue(state.marked.isEmpty)
            case .theme: XCTAssertEqual(effects, [.applyTheme("mono")])
            case .nextTheme: XCTAssertEqual(effects, [.applyTheme("daylight")])
            case .redraw: XCTAssertEqual(effects, [.redraw])
            case .commandLine: XCTAssertEqual(state.input?.kind, .command)
            case .help: XCTAssertEqual(state.overlay, .help(scroll: 0))
            case .cancel: XCTAssertEqual(effects, [])
            case .quit: XCTAssertTrue(state.shouldQuit)
            case .disputeQueue:
                XCTAssertEqual(effects, [.reload(keepingItem: nil, position: 0)])
                XCTAssertEqual(state.filterText, "dispute:open")
            case .raiseDispute: XCTAssertEqual(state.input?.text, "dispute ", "without an argument the line opens, its fields to complete")
            case .agreement: XCTAssertEqual(effects, [.computeAgreement(round: nil)])
            case .insights: XCTAssertEqual(effects, [.computeInsights(asOf: nil)])
            case .adjudicatePick, .adjudicateOther, .decide, .nextDispute, .reopen:
                XCTAssertEqual(effects, [])
                XCTAssertEqual(state.message?.text, "\(id.rawValue): only in the dispute queue (d opens it)")
            case .scoreRound: XCTAssertEqual(effects, [.scoring(.open(round: nil))])
            case .roundsView: XCTAssertEqual(effects, [.scoring(.loadRounds(open: true))])
            case .roundNew, .roundClose:
                XCTAssertEqual(effects, [])
                XCTAssertEqual(state.message?.isError, true, "\(id): a round is named")
            case .roundOpen: XCTAssertEqual(effects, [], "no rounds view is open")
            case .dedupeView: XCTAssertEqual(effects, [.loadDuplicateGroups(opening: true)])
            case .dedupeExpand:
                XCTAssertEqual(effects, [])
                XCTAssertEqual(state.message?.text, "dupes_expand: only in the dedupe view (~ opens it)")
            case _ where Reducer.suggestionCommands.contains(id):
                // Until the item's suggestions arrive with its detail, there is nothing to act on.
                XCTAssertEqual(effects, [], "\(id)")
                XCTAssertEqual(state.message?.text, "\(id.rawValue): the item's suggestions are still loading")
            case _ where Reducer.scoringCommands.contains(id):
                XCTAssertEqual(effects, [], "\(id)")
                XCTAssertTrue(state.message?.text.hasPrefix("\(id.rawValue): only on the scoring screen") ?? false, "\(id)")
            default:
                // A picker's, the editor's, a question's or an input line's own command: refused in the queue.
                XCTAssertFalse(CommandRegistry.spec(id).runsInQueue, "\(id)")
                XCTAssertEqual(effects, [], "\(id)")
                XCTAssertTrue(state.message?.text.hasPrefix("\(id.rawValue): only in the ") ?? false, "\(id): \(String(describing: state.message))")
            }
        }
    }

    func testCountingInTheBackgroundKeepsTheQueueUsable() {
        var state = makeState(rows: [])
        _ = Reducer.reduce(&state, .window(rows: (1...90).map { makeRow($0) }, start: 0, total: 90, open: 90, cursor: 0,
                                           countPending: true))
        XCTAssertTrue(state.countPending)
        XCTAssertEqual(Presenter().render(state).lines.last?.contains("1 of 90+"), true)
        state.cursor = 85
        XCTAssertEqual(Reducer.ensureWindow(&state), [.extendForward], "the loaded end is not the queue's end yet")
        _ = Reducer.reduce(&state, .appendRows((91...150).map { makeRow($0) }))
        XCTAssertEqual(state.total, 150, "what is loaded is a lower bound")
        XCTAssertEqual(press(&state, "G"), [.countNow, .loadBottom], "the end needs the exact count")
        _ = Reducer.reduce(&state, .counted(total: 4_000, open: 3_000))
        XCTAssertFalse(state.countPending)
        XCTAssertEqual(state.total, 4_000)
        XCTAssertEqual(state.openCount, 3_000)
    }

    func testSlowFirstPageShowsSearchingThenArrives() {
        var state = makeState(rows: (1...5).map { makeRow($0) })
        state.filterText = "signal:csat intent:billing.*"
        XCTAssertEqual(Reducer.reduce(&state, .pagePending), [])
        XCTAssertTrue(state.pagePending)
        XCTAssertTrue(state.countPending)
        XCTAssertEqual(state.total, 0)
        XCTAssertTrue(state.rows.isEmpty)
        XCTAssertNil(state.detail)
        let screen = Presenter().render(state).lines
        XCTAssertEqual(screen.last?.contains("searching…"), true, "the status bar does not claim 0 of 0")
        XCTAssertTrue(screen.contains { $0.contains("Searching the queue…") }, "the list says it is searching, not empty")
        XCTAssertFalse(screen.contains { $0.contains("Nothing matches") })
        XCTAssertEqual(press(&state, "j"), [], "nothing to move to yet")
        XCTAssertEqual(press(&state, "G"), [], "nor an end to jump to")
        _ = Reducer.reduce(&state, .window(rows: (1...90).map { makeRow($0) }, start: 0, total: 90, open: 90, cursor: 0,
                                           countPending: true))
        XCTAssertFalse(state.pagePending)
        XCTAssertTrue(state.countPending)
        XCTAssertEqual(Presenter().render(state).lines.last?.contains("1 of 90+"), true)
        _ = Reducer.reduce(&state, .counted(total: 120, open: 100))
        XCTAssertFalse(state.countPending)
        XCTAssertEqual(state.total, 120)
    }

    func testSearchFoundInTheBackgroundIsShownOnlyForTheSameSearch() {
        var state = makeState(rows: (1...5).map { makeRow($0) })
        _ = press(&state, "/", "r", "e", "f", "u", "n", "d", "enter")
        XCTAssertEqual(Reducer.reduce(&state, .searchFound(search: "refund", itemID: 42, forward: true, wrapped: false)),
                       [.showMatch(42, forward: true, wrapped: false)])
        XCTAssertEqual(Reducer.reduce(&state, .searchFound(search: "invoice", itemID: 43, forward: true, wrapped: false)), [],
                       "an answer to an older search is dropped")
        state.search = nil
        XCTAssertEqual(Reducer.reduce(&state, .searchFound(search: "refund", itemID: 42, forward: true, wrapped: true)), [],
                       "a cleared search shows nothing")
    }

    func testSearchNeighboursInQueueOrder() {
        // Queue order is descending: keys 9, 7, 5, 3.
        let hits: [(key: [Double], id: Int64)] = [([9], 90), ([7], 70), ([5], 50), ([3], 30)]
        XCTAssertEqual(QueueSession.neighbour(in: hits, of: [8], descending: true, forward: true)?.0, 70)
        XCTAssertEqual(QueueSession.neighbour(in: hits, of: [7], descending: true, forward: true)?.0, 50, "strictly after")
        XCTAssertEqual(QueueSession.neighbour(in: hits, of: [7], descending: true, forward: false)?.0, 90)
        XCTAssertEqual(QueueSession.neighbour(in: hits, of: [2], descending: true, forward: true)?.1, true, "wraps to the top")
        XCTAssertEqual(QueueSession.neighbour(in: hits, of: [2], descending: true, forward: true)?.0, 90)
        XCTAssertEqual(QueueSession.neighbour(in: hits, of: [10], descending: true, forward: false)?.0, 30, "wraps to the bottom")
        let ascending: [(key: [Double], id: Int64)] = [([1, 5], 1), ([2, 1], 2), ([2, 7], 3)]
        XCTAssertEqual(QueueSession.neighbour(in: ascending, of: [2, 1], descending: false, forward: true)?.0, 3)
        XCTAssertNil(QueueSession.neighbour(in: [], of: nil, descending: true, forward: true))
    }

    func testLabelKeysAndBulkConfirmation() {
        var state = makeState(rows: (1...5).map { makeRow($0) })
        XCTAssertEqual(press(&state, "s"), [])
        XCTAssertEqual(Presenter().render(state).lines[state.layout.hintRow].contains("1 S1 · 2 S2"), true, "the prompt lists the choices")
        XCTAssertEqual(press(&state, "2"), [.label(field: .severity, value: "S2", items: [1], versions: [1: 0])])
        XCTAssertNil(state.pendingLabel)
        XCTAssertEqual(press(&state, "S", "r"), [.label(field: .status, value: "resolved", items: [1], versions: [1: 0])])
        XCTAssertEqual(press(&state, "S", "o"), [.label(field: .status, value: "new", items: [1], versions: [1: 0])], "o reopens")
        XCTAssertEqual(press(&state, "s", "9"), [])
        XCTAssertEqual(state.message?.isError, true, "a key that is no severity says so")
        XCTAssertEqual(press(&state, "s", "esc"), [])
        XCTAssertNil(state.message, "Esc cancels quietly")

        _ = press(&state, "space", "j", "space", "j", "space", "j")
        XCTAssertEqual(state.marked, [1, 2, 3])
        XCTAssertEqual(press(&state, "s", "1"), [], "a bulk label asks first")
        XCTAssertEqual(state.confirmation?.question, "Set severity S1 on 3 marked items? y/n")
        XCTAssertEqual(press(&state, "n"), [])
        XCTAssertEqual(state.marked, [1, 2, 3], "declining keeps the marks")
        _ = press(&state, "s", "1")
        XCTAssertEqual(press(&state, "y"), [.label(field: .severity, value: "S1", items: [1, 2, 3], versions: [1: 0, 2: 0, 3: 0])])
        XCTAssertEqual(state.marked, [1, 2, 3], "the marks stay for the next bulk action")
        _ = press(&state, "esc")
        XCTAssertTrue(state.marked.isEmpty, "Esc lets them go")

        XCTAssertEqual(Reducer.reduce(&state, .command(.labelStatus, argument: "reopen")), [.label(field: .status, value: "new", items: [4], versions: [4: 0])])
        XCTAssertEqual(Reducer.reduce(&state, .command(.labelSeverity, argument: "S3")), [.label(field: .severity, value: "S3", items: [4], versions: [4: 0])])
        XCTAssertEqual(Reducer.reduce(&state, .command(.labelLocus, argument: "retrieval")), [.label(field: .locus, value: "retrieval", items: [4], versions: [4: 0])])
        XCTAssertEqual(Reducer.reduce(&state, .command(.labelNote, argument: "user pasted a token")),
                       [.label(field: .note, value: "user pasted a token", items: [4], versions: [4: 0])])
    }
}
