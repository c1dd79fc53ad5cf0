import Foundation
import WinnowStore

/// Runs the reducer and its effects until the state settles; the terminal loop and the tests both
/// drive the app through it, so what is tested is what runs.
public final class QueueRuntime {
    public private(set) var state: AppState
    public let session: QueueSession
    public let presenter = Presenter()
    /// Set when an effect asks the terminal to do something only it can.
    public private(set) var pendingTheme: String?
    public private(set) var pendingRedraw = false
    /// The correction text to hand to the external editor, for the item being corrected.
    public private(set) var pendingExternalEdit: (itemID: Int64, text: String)?
    private var lastChangeStamp: String

    public init(state: AppState, session: QueueSession) {
        self.state = state
        self.session = session
        lastChangeStamp = session.reader.changeStamp()
    }

    /// Loads the first window and the saved views.
    public func start() {
        dispatch(.tick(now: session.clock()))
        run([.reload(keepingItem: nil, position: 0), .loadViews(openPicker: false), .findDrafts, .scoring(.loadRounds(open: false))])
    }

    public func dispatch(_ action: Action) {
        run(Reducer.reduce(&state, action))
    }

    private func run(_ initial: [Effect]) {
        var queue = initial
        var steps = 0
        while !queue.isEmpty, steps < 64 {
            steps += 1
            let effect = queue.removeFirst()
            switch effect {
            case .applyTheme(let name): pendingTheme = name
            case .redraw: pendingRedraw = true
            case .editExternally:
                if let editing = state.editing { pendingExternalEdit = (editing.itemID, editing.editor.text) }
            case .quit: break
            default:
                for action in session.perform(effect, state: state) {
                    queue += Reducer.reduce(&state, action)
                }
            }
        }
    }

    /// Delivers what background work (a first page, a count) has finished; returns whether any had.
    @discardableResult
    public func pollBackground() -> Bool {
        let actions = session.takeFinishedWork()
        for action in actions { dispatch(action) }
        return !actions.isEmpty
    }

    /// Waits for the background work and delivers it: tests and benchmarks see the settled state.
    public func settle() {
        while (state.countPending && session.isCounting) || session.isSearching || session.isComputingAgreement
                || session.isLoadingDuplicateGroups || session.isComputingInsights {
            session.waitForSearch()
            session.waitForCount()
            session.waitForAgreement()
            session.waitForInsights()
            session.waitForDuplicateGroups()
            pollBackground()
        }
        pollBackground()
    }

    /// Whether results from the background are awaited (the loop then wakes more often).
    public var awaitingBackground: Bool {
        state.countPending || session.isSearching || session.isComputingAgreement || session.isLoadingDuplicateGroups
            || session.isComputingInsights
    }

    /// Called about once a second: follows the clock and picks up other processes' changes,
    /// among them a lead's takeover of this reviewer's claims.
    public func tick() {
        dispatch(.tick(now: session.clock()))
        let stamp = session.reader.changeStamp()
        guard stamp != lastChangeStamp else { return }
        lastChangeStamp = stamp
        let selected = state.selectedRow?.id
        run([.reload(keepingItem: selected, position: state.cursor)] + (selected.map { [.loadDetail($0)] } ?? [])
            + (state.marked.isEmpty ? [] : [.pruneMarks]) + [.checkTakeovers] + Self.roundsRefresh(state)
            + (state.dedupe == nil ? [] : [.loadDuplicateGroups(opening: false)]))
        lastChangeStamp = session.reader.changeStamp()
    }

    /// Before the process ends on a signal: the correction being typed is written as a draft.
    public func keepUnsavedWork() {
        dispatch(.tick(now: session.clock()))
    }

    /// What another process's commit may have changed on a round screen: a colleague's submission
    /// completes an item, and only then may its scores be seen.
    static func roundsRefresh(_ state: AppState) -> [Effect] {
        if let scoring = state.scoring {
            let item = scoring.assignment.map { [Effect.scoring(.loadItem(round: scoring.sheet.round, item: $0.itemID))] } ?? []
            return [.scoring(.refresh(round: scoring.sheet.round))] + item
        }
        return state.rounds == nil ? [] : [.scoring(.loadRounds(open: false))]
    }

    public func takeThemeChange() -> String? {
        defer { pendingTheme = nil }
        return pendingTheme
    }

    public func takeExternalEdit() -> (itemID: Int64, text: String)? {
        defer { pendingExternalEdit = nil }
        return pendingExternalEdit
    }

    public func takeRedraw() -> Bool {
        defer { pendingRedraw = false }
        return pendingRedraw
    }

    public func frame() -> CellGrid { presenter.render(state) }
}
