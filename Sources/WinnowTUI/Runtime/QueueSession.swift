import Foundation
import WinnowCore
import WinnowStore

/// Carries out the reducer's effects against the store and turns their results into actions.
/// Store failures become error messages on screen; they never end the session.
public final class QueueSession {
    public let store: Store
    public let reader: QueueReader
    private var compiled: (query: FilterQuery, filter: QueueReader.Filter)?
    private let counts = BackgroundCount()
    /// The agreement view's figures, computed off the keystroke path.
    let agreementWork = BackgroundCount()
    /// The dedupe view's groups, read off the keystroke path.
    let duplicateGroupWork = BackgroundCount()
    /// The insights view's report, read off the keystroke path.
    let insightsWork = BackgroundCount()

    public let identity: Identity
    /// The one clock of the session: its writes, claims and ticks. Tests pass a fixed one.
    public let clock: () -> Int64
    /// This session's own changes, newest last, for undo; and the undone ones, for redo.
    var undoStack: [UndoEntry] = []
    var redoStack: [UndoEntry] = []
    /// The claims this session took, so that quitting lets go of the unused ones.
    var claimLedger: ClaimLedger
    /// What quitting did with them, once it has.
    public internal(set) var claimsAtQuit: ClaimsAtQuit?

    public init(store: Store, identity: Identity, clock: @escaping () -> Int64 = Clock.nowMillis) {
        self.store = store
        self.identity = identity
        self.clock = clock
        // Takeovers before the session started are old news.
        claimLedger = ClaimLedger(startedAt: clock(), auditSeenThrough: (try? AuditLog.head(store).seq) ?? 0)
        reader = QueueReader(store: store, reviewer: identity.reviewer)
        // Keystrokes must never wait for a checkpoint; if this fails SQLite's own checkpoints remain.
        try? store.checkpointInBackground()
    }

    func filter(for state: AppState) -> QueueReader.Filter {
        if let compiled, compiled.query == state.filter { return compiled.filter }
        let filter = reader.compile(state.filter, now: clock())
        compiled = (state.filter, filter)
        return filter
    }

    /// Rows to hold around the visible ones.
    func pageSize(_ state: AppState) -> Int { max(60, state.listHeight * 3) }

    public func perform(_ effect: Effect, state: AppState) -> [Action] {
        do {
            if let actions = try performClaims(effect, state: state) { return actions }
            if let actions = try performWork(effect, state: state) { return actions }
            if let actions = try performDisputes(effect, state: state) { return actions }
            if let actions = try performRounds(effect, state: state) { return actions }
            if let actions = try performSuggestions(effect, state: state) { return actions }
            return try performThrowing(effect, state: state)
        } catch let error as ConcurrencyError {
            // Someone else changed the item first: show the fresh state and say so; nothing was written.
            var actions = (try? refreshed(state, message: error.description, isError: true)) ?? [.message(error.description, isError: true)]
            // The marks stay, but for items the change made meanwhile took out of the view. The item
            // the message names is marked at its fresh version from now on: the reviewer has been
            // told what changed, so repeating the action applies it.
            if case .changedMeanwhile(let item, _, _, _) = error, state.marked.contains(item), let fresh = try? store.versions(of: [item]),
               let inView = try? reader.matching(Array(state.marked), filter(for: state)) {
                actions.insert(.marksRefreshed(stillInView: inView, versions: fresh), at: 0)
            }
            return actions
        } catch let error as UndoError {
            return [.undoDepth(undo: undoStack.count, redo: redoStack.count), .message(error.description, isError: true)]
        } catch let error as LabelError {
            return [.message(error.description, isError: true)]
        } catch let error as ClaimError {
            return [.message(error.description, isError: true)]
        } catch let error as DuplicateDecisionError {
            return [.message(error.description, isError: true)]
        } catch let error as MergeError {
            return [.message(error.description, isError: true)]
        } catch let error as CorrectionError {
            return [.message(error.description, isError: true)]
        } catch let error as RoundError {
            return [.message(error.description, isError: true)]
        } catch let error as StoreBusyError {
            return [.message(error.description, isError: true)]
        } catch {
            return [.message("store: \(error)", isError: true)]
        }
    }

    func performThrowing(_ effect: Effect, state: AppState) throws -> [Action] {
        let n = pageSize(state)
        switch effect {
        case .reload(let itemID, let position):
            // Claims expire with time, so a filter on claims is recompiled against the current clock;
            // the data may have changed, so a search's hits are gathered again.
            compiled = nil
            hits = nil
            return [try window(state, keeping: itemID, position: position, countInBackground: true)]
        case .loadHistory(let id):
            return [.historyLoaded(itemID: id, try store.itemHistory(id, viewer: identity))]
        case .pruneMarks:
            return try pruneMarks(state)
        case .markRange(let from, let to):
            return [.markItems(try reader.versions(filter(for: state), sort: state.sort, offset: from, limit: to - from + 1))]
        case .countNow:
            counts.cancel()
            let (total, open) = try reader.count(filter(for: state))
            return [.counted(total: total, open: open)]
        case .loadTop:
            let f = filter(for: state)
            let rows = try reader.rows(f, sort: state.sort, after: nil, limit: n)
            return [.window(rows: rows, start: 0, total: state.total, open: state.openCount, cursor: 0)]
        case .loadBottom:
            let f = filter(for: state)
            let rows = try reader.rows(f, sort: state.sort, before: nil, limit: n)
            return [.window(rows: rows, start: max(0, state.total - rows.count), total: state.total, open: state.openCount,
                            cursor: state.total - 1)]
        case .extendForward:
            guard let last = state.rows.last else { return [try window(state, keeping: nil, position: state.cursor)] }
            let rows = try reader.rows(filter(for: state), sort: state.sort, after: last.key(for: state.sort), limit: n)
            if rows.isEmpty {
                // The end of the queue while counting: the total is what is loaded, but the open count is
                // not known yet, so count now. Only short queues (or a scroll to the very end) get here.
                if state.countPending {
                    counts.cancel()
                    let (total, open) = try reader.count(filter(for: state))
                    return [.counted(total: total, open: open)]
                }
                return [try window(state, keeping: state.selectedRow?.id, position: state.cursor)]
            }
            return [.appendRows(rows)]
        case .extendBackward:
            guard let first = state.rows.first else { return [try window(state, keeping: nil, position: state.cursor)] }
            let rows = try reader.rows(filter(for: state), sort: state.sort, before: first.key(for: state.sort), limit: n)
            if rows.isEmpty { return [try window(state, keeping: state.selectedRow?.id, position: state.cursor)] }
            return [.prependRows(rows)]
        case .loadDetail(let id):
            return [.detailLoaded(try reader.detail(id: id))]
        case .findMatch(let forward):
            guard let search = state.search else { return [] }
            switch try nextMatch(state, search: search, forward: forward) {
            case .none:
                return [Self.noMatch(search, filtered: !state.filter.isEmpty)]
            case .searching:
                return [.message("Searching for “\(SafeText.line(search))”…", isError: false)]
            case .found(let found, let wrapped, let index):
                return try showMatch(state, found, forward: forward, wrapped: wrapped, knownIndex: index)
            }
        case .showMatch(let found, let forward, let wrapped):
            return try showMatch(state, found, forward: forward, wrapped: wrapped, knownIndex: nil)
        case .saveView(let name):
            try store.saveView(SavedView(name: name, query: state.filterText, sort: state.sort, createdBy: state.reviewer), by: identity)
            return [.viewsLoaded(try store.savedViews(), openPicker: false),
                    .message("Saved view “\(SafeText.line(name))”: \(state.filterText.isEmpty ? "everything" : state.filterText) · \(state.sort.rawValue)", isError: false)]
        case .openView(let name):
            let views = try store.savedViews()
            guard let view = views.first(where: { $0.name == name }) else {
                return [.viewsLoaded(views, openPicker: false),
                        .message("No view named “\(SafeText.line(name))” (saved: \(views.isEmpty ? "none" : views.map(\.name).joined(separator: ", ")))", isError: true)]
            }
            return [.viewsLoaded(views, openPicker: false), .applyView(view)]
        case .deleteView(let name):
            let deleted = try store.deleteView(named: name, by: identity)
            return [.viewsLoaded(try store.savedViews(), openPicker: false),
                    .message(deleted ? "Deleted view “\(SafeText.line(name))”" : "No view named “\(SafeText.line(name))”", isError: !deleted)]
        case .loadViews(let openPicker):
            return [.viewsLoaded(try store.savedViews(), openPicker: openPicker)]
        case .applyTheme, .redraw, .quit, .editExternally:
            return []
        default:
            // Triage work is carried out by `performWork` before this is reached.
            return []
        }
    }

    /// A colleague's change can take marked items out of the view (a filter they no longer
    /// match): their marks go, and the reviewer is told. The others keep the version they were
    /// marked at, so a bulk action still refuses what changed since.
    func pruneMarks(_ state: AppState) throws -> [Action] {
        guard !state.marked.isEmpty else { return [] }
        let inView = try reader.matching(Array(state.marked), filter(for: state))
        let gone = state.marked.count - inView.count
        guard gone > 0 else { return [] }
        return [.marksRefreshed(stillInView: inView, versions: [:]),
                .message("\(gone) marked item\(gone == 1 ? "" : "s") left the view after another reviewer's change: unmarked (\(inView.count) still marked)",
                         isError: false)]
    }

    var hits: SearchHits?
    /// A far match of a common word, looked for in the background.
    let searches = BackgroundCount()

    static func noMatch(_ search: String, filtered: Bool) -> Action {
        .message("No match for “\(SafeText.line(search))”\(filtered ? " in the filtered queue" : "")", isError: true)
    }

    /// The window around a match; the filter is unchanged, so the counts are too: only the
    /// match's position is needed.
    func showMatch(_ state: AppState, _ found: Int64, forward: Bool, wrapped: Bool, knownIndex: Int?) throws -> [Action] {
        var actions = [try window(state, keeping: found, position: state.cursor, recount: false, knownIndex: knownIndex) { row in
            try self.matchIndex(state, found: row, forward: forward, wrapped: wrapped)
        }]
        if wrapped {
            actions.append(Action.message(forward ? "Search wrapped to the top" : "Search wrapped to the bottom", isError: false))
        }
        return actions
    }

    /// How long a keystroke may wait for a new filter's first page (seconds); past it the page is
    /// read in the background and the queue says it is searching. Zero sends every first page there.
    public var pageBudget = 0.006
    /// Match sets up to this size are kept in queue order; larger ones are never gathered.
    public var orderedHitsLimit = 20_000
    /// How long the walk near the selection may look for a large match set's next hit (seconds)
    /// before SQLite gathers the matches in the background and walks the order's index against them.
    public var nearMatchBudget = 0.008

    /// What background work (a first page, an exact count) has delivered since the last call.
    public func takeFinishedWork() -> [Action] {
        counts.take() + searches.take() + agreementWork.take() + duplicateGroupWork.take() + insightsWork.take()
    }

    /// Whether background work (a first page or a count) is still running.
    public var isCounting: Bool { counts.isRunning }

    /// Whether a far search match is still being looked for in the background.
    public var isSearching: Bool { searches.isRunning }

    /// Blocks until the running background count (if any) has finished; for tests and benchmarks.
    public func waitForCount() { counts.wait() }

    /// Blocks until the running background search (if any) has finished; for tests and benchmarks.
    public func waitForSearch() { searches.wait() }

    /// A fresh window, centred on `itemID` when it is still in the queue, else on `position`.
    /// Counting a filter over a million items takes longer than a keystroke may, so with
    /// `countInBackground` the rows come first and the exact count follows.
    func window(_ state: AppState, keeping itemID: Int64?, position: Int, recount: Bool = true,
                countInBackground: Bool = false, knownIndex: Int? = nil,
                locate: ((QueueRow) throws -> Int)? = nil) throws -> Action {
        let f = filter(for: state)
        let sort = state.sort
        let n = pageSize(state)
        let background = countInBackground && recount && state.loaded
        var (total, open) = (state.total, state.openCount)
        if recount && !background {
            counts.cancel()
            (total, open) = try reader.count(f)
        }
        if let itemID, let row = try reader.row(id: itemID, f) {
            let index = try knownIndex ?? locate?(row) ?? reader.index(of: row, f, sort: sort)
            let before = try reader.rows(f, sort: sort, before: row.key(for: sort), limit: n / 2)
            let after = try reader.rows(f, sort: sort, after: row.key(for: sort), limit: n)
            let rows = before + [row] + after
            // Without a recount a count still running stays pending: `total` remains a lower bound.
            let pending = background || (!recount && state.countPending)
            if background { counts.start(reader: reader, filter: f) }
            if pending {
                // A short page after the item means the queue ends there: the total is exact.
                total = after.count < n ? index + after.count + 1 : max(total, index + after.count + 1)
            }
            return .window(rows: rows, start: index - before.count, total: total, open: open, cursor: index,
                           countPending: pending)
        }
        if background {
            if pageBudget > 0, let (action, exact) = try Self.pageWindow(reader, f, sort: sort, pageSize: n, position: position,
                                                                         open: open, budget: pageBudget) {
                if exact { counts.cancel() } else { counts.start(reader: reader, filter: f) }
                return action
            }
            // The page did not come within the budget (a filter matching almost nothing scans far to
            // say so): the keystroke ends now, and the page, then the count, arrive from the background.
            let (reader, known) = (reader, open)
            counts.start { deliver in
                guard let (action, exact) = try? Self.pageWindow(reader, f, sort: sort, pageSize: n, position: position,
                                                                 open: known, budget: nil) else {
                    _ = deliver(.window(rows: [], start: 0, total: 0, open: 0, cursor: 0))
                    return
                }
                guard deliver(action), !exact else { return }
                let counted = (try? reader.count(f)) ?? (total: 0, open: 0)
                _ = deliver(.counted(total: counted.total, open: counted.open))
            }
            return .pagePending
        }
        let target = min(max(0, position), max(0, total - 1))
        let start = max(0, target - n / 2)
        let rows = try reader.rows(f, sort: sort, offset: start, limit: n + n / 2)
        return .window(rows: rows, start: start, total: total, open: open, cursor: target)
    }

    /// The window around `position` while the exact count is still to come, and whether its count
    /// is exact already (everything fit in it). Nil when the rows did not arrive within `budget`.
    static func pageWindow(_ reader: QueueReader, _ f: QueueReader.Filter, sort: QueueSort, pageSize n: Int, position: Int,
                           open: Int, budget: Double?) throws -> (Action, exact: Bool)? {
        func page(_ start: Int) throws -> [QueueRow]? {
            guard let budget else { return try reader.rows(f, sort: sort, offset: start, limit: n + n / 2) }
            return try reader.rows(f, sort: sort, offset: start, limit: n + n / 2, budget: budget)
        }
        var target = max(0, position)
        var start = max(0, target - n / 2)
        guard var rows = try page(start) else { return nil }
        if start == 0 && rows.count < n + n / 2 {
            // Everything fits in the window: the count is exact already.
            let total = rows.count
            return (.window(rows: rows, start: 0, total: total, open: rows.filter(\.isOpen).count,
                            cursor: min(target, max(0, total - 1))), true)
        }
        if rows.isEmpty {
            // The position is past the end of the filtered queue: start from the top.
            start = 0
            target = 0
            guard let top = try page(0) else { return nil }
            rows = top
        }
        let total = start + rows.count
        return (.window(rows: rows, start: start, total: total, open: min(open, total), cursor: min(target, max(0, total - 1)),
                        countPending: true), false)
    }
}
