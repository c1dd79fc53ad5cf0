import WinnowCore
import WinnowStore

/// The pure heart of the queue: (state, action) → new state + effects. No I/O happens here.
public enum Reducer {
    /// Rows kept around the visible ones before more are fetched.
    static let windowMargin = 8
    /// The most rows the window holds; beyond it, the far end is dropped.
    static let windowLimit = 400

    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            return handleKey(&state, key)
        case .command(let id, let argument):
            return run(&state, id, argument: argument)
        case .resize(let width, let height):
            state.width = width
            state.height = height
            clampScroll(&state)
            return ensureWindow(&state)
        case .paste(let text):
            return paste(&state, text)
        case .tick(let now):
            state.now = now
            return draftIfChanged(&state)
        case .window(let rows, let start, let total, let open, let cursor, let countPending):
            let previous = state.selectedRow?.id
            state.rows = rows
            state.windowStart = start
            state.total = total
            state.openCount = open
            state.countPending = countPending
            state.pagePending = false
            state.cursor = total == 0 ? 0 : min(max(0, cursor), total - 1)
            state.loaded = true
            clampScroll(&state)
            var effects = ensureWindow(&state)
            effects += selectionChanged(&state, from: previous, force: state.detail?.row.id != state.selectedRow?.id)
            return effects
        case .searchFound(let search, let itemID, let forward, let wrapped):
            // A newer search (or none) since: this answer is for a question no longer asked.
            guard state.search == search else { return [] }
            return [.showMatch(itemID, forward: forward, wrapped: wrapped)]
        case .pagePending:
            state.rows = []
            state.windowStart = 0
            state.total = 0
            state.openCount = 0
            state.cursor = 0
            state.scrollTop = 0
            state.countPending = true
            state.pagePending = true
            state.loaded = true
            state.detail = nil
            state.detailScroll = 0
            return []
        case .counted(let total, let open):
            state.total = total
            state.openCount = open
            state.countPending = false
            if total > 0 { state.cursor = min(state.cursor, total - 1) }
            clampScroll(&state)
            return ensureWindow(&state)
        case .appendRows(let rows):
            state.rows += rows
            if state.countPending { state.total = max(state.total, state.windowStart + state.rows.count) }
            if state.rows.count > windowLimit {
                let drop = min(state.rows.count - windowLimit, max(0, state.cursor - state.windowStart - windowMargin * 4))
                state.rows.removeFirst(drop)
                state.windowStart += drop
            }
            return ensureWindow(&state) + selectionChanged(&state, from: nil, force: state.detail?.row.id != state.selectedRow?.id)
        case .prependRows(let rows):
            state.rows = rows + state.rows
            state.windowStart -= rows.count
            if state.rows.count > windowLimit {
                let keep = max(windowLimit, state.cursor - state.windowStart + windowMargin * 4)
                if state.rows.count > keep { state.rows.removeLast(state.rows.count - keep) }
            }
            return ensureWindow(&state) + selectionChanged(&state, from: nil, force: state.detail?.row.id != state.selectedRow?.id)
        case .detailLoaded(let detail):
            if detail?.row.id != state.detail?.row.id { state.detailScroll = 0 }
            state.detail = detail
            if state.suggestions?.itemID != detail?.row.id { state.suggestions = nil }
            guard let id = detail?.row.id else { return [] }
            // In the dispute queue an item's detail comes with its disputes.
            return (state.disputeQueue != nil ? [.loadDisputes(id)] : []) + [.loadSuggestions(id)]
        case .viewsLoaded(let views, let openPicker):
            state.savedViews = views
            if openPicker {
                if views.isEmpty {
                    state.message = .init(text: "No saved views yet: filter the queue, then `:view_save NAME`", isError: false)
                } else {
                    state.overlay = .viewPicker(selected: 0)
                }
            }
            return []
        case .applyView(let view):
            do {
                state.filter = try FilterQuery.parse(view.query, vocabulary: state.filterVocabulary)
            } catch {
                state.message = .init(text: "View \(view.name) has an invalid filter: \(error.message)", isError: true)
                return []
            }
            state.filterText = view.query
            state.sort = view.sort
            state.viewName = view.name
            state.message = .init(text: "View \(view.name): \(view.query.isEmpty ? "everything" : view.query) · \(view.sort.rawValue)", isError: false)
            return [.reload(keepingItem: nil, position: 0)]
        case .message(let text, let isError):
            state.message = .init(text: text, isError: isError)
            return []
        case .claimLost(let text):
            // The notice arrives up to a second late: it must not hide what the reviewer's own
            // last action just reported (a refused save, say), so it follows that message.
            if let current = state.message, current.isError, !current.text.contains(text) {
                state.message = .init(text: current.text + " · " + text, isError: true)
            } else {
                state.message = .init(text: text, isError: true)
            }
            return []
        case .historyLoaded(let itemID, let records):
            state.history = records
            state.overlay = .history(itemID: itemID, scroll: 0)
            return []
        case .undoDepth(let undo, let redo):
            state.undoDepth = undo
            state.redoDepth = redo
            return []
        case .draftsFound(let items):
            guard let first = items.first else { return [] }
            let more = items.count > 1 ? " (and \(items.count - 1) more)" : ""
            state.confirmation = .init(question: "Your unsaved correction of #\(first) survived\(more). Resume it now? y/n",
                                       effect: .resumeDraft(first), otherKeysPassThrough: true,
                                       declined: "Your draft of #\(first) is kept: c on #\(first) resumes it")
            return []
        case .editorOpened(let itemID, let text, let source, let fromDraft, let version):
            let item = state.detail?.row.id == itemID ? state.detail : nil
            openEditor(&state, CorrectionEditing(itemID: itemID, text: text, source: source, fromDraft: fromDraft, baseVersion: version,
                                                 prompt: item?.prompt, response: item?.response))
            state.overlay = nil
            state.message = .init(text: fromDraft ? "Resumed your draft of #\(itemID)" : "Correcting #\(itemID): \(editorKeysReminder(state))", isError: false)
            return []
        case .externalEditFinished(let text, let error):
            if let error {
                state.message = .init(text: error, isError: true)
            } else if let text {
                editorReplace(&state, text: text)
                state.message = .init(text: "Back from the editor: \(editorKeysReminder(state))", isError: false)
            }
            return []
        case .editorRebased(let itemID, let version):
            if state.editing?.itemID == itemID { state.editing?.baseVersion = version }
            return []
        case .editorClosed(let itemID):
            if state.editing?.itemID == itemID { state.editing = nil }
            return []
        case .markItems(let versions):
            let before = state.marked.count
            state.marked.formUnion(versions.keys)
            // An item marked again keeps the version it was first marked at: that is what was judged.
            state.markedVersions.merge(versions) { first, _ in first }
            state.message = .init(text: "Marked \(state.marked.count - before) more (\(state.marked.count) marked)", isError: false)
            return []
        case .labelsApplied(let labels, let items):
            // Labelling an item field by field builds up what `.` repeats on the next one.
            if items == state.lastLabelledItems, let gathered = state.lastLabels {
                state.lastLabels = gathered.merging(labels) { $1 }
            } else {
                state.lastLabels = labels
                state.lastLabelledItems = items
            }
            return []
        case .marksRefreshed(let stillInView, let versions):
            refreshMarks(&state, stillInView: stillInView, versions: versions)
            return []
        case .disputesLoaded(let itemID, let disputes, let scales):
            disputesLoaded(&state, itemID: itemID, disputes, scales: scales)
            return []
        case .agreementLoaded(let round, let result):
            agreementLoaded(&state, round: round, result)
            return []
        case .insightsLoaded(let asOf, let result):
            insightsLoaded(&state, asOf: asOf, result)
            return []
        case .scoring(let event):
            return reduceScoring(&state, event)
        case .suggestionsLoaded(let itemID, let suggestions):
            suggestionsLoaded(&state, itemID: itemID, suggestions)
            return []
        case .duplicateGroupsLoaded(let groups, let opening):
            duplicateGroupsLoaded(&state, groups, opening: opening)
            return []
        }
    }

    // MARK: Keys

    /// A key goes to the context on top of the stack (`AppState.keyContexts`), each context's
    /// slice of the reducer living in its own file.
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let context = state.keyContext
        // A line being typed keeps the message it answers until it is submitted.
        if context != .input, context != .commandInput { state.message = nil }
        return keyHandler(for: context)(&state, key)
    }

    /// Each context's key handler: a new context adds one line here.
    static func keyHandler(for context: KeyContext) -> (inout AppState, Key) -> [Effect] {
        switch context {
        case .input, .commandInput: inputKey
        case .confirm: confirmKey
        case .editor: editorKey
        case .labelValue: labelValueKey
        case .overlay: overlayKey
        case .viewPicker: viewPickerKey
        case .picker: pickerKey
        case .agreement: agreementKey
        case .insights: insightsKey
        case .scoring: scoringKey
        case .rounds: roundsKey
        case .dedupe: dedupeKey
        case .global, .list, .detail, .marks, .disputes: queueKey
        }
    }

    /// The queue's keys (list, detail, marks): its commands, else a preset's key.
    static func queueKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let command = state.keymap.command(for: key, in: state.keyContexts) else {
            if let bound = preset(boundTo: key, state) { return run(&state, .applyPreset, argument: bound.name) }
            state.message = .init(text: "\(key.label) is not bound (press ? for keys)", isError: false)
            return []
        }
        // A command whose n-th key picks the n-th choice hears which key it was.
        if command == .adjudicatePick, let n = state.keymap.keys(for: command).firstIndex(of: key) {
            return run(&state, command, argument: String(n + 1))
        }
        return run(&state, command, argument: nil)
    }

    // MARK: Commands

    /// Why a command cannot run now, or nil when it can. Shown instead of running it.
    public static func unavailableReason(_ id: CommandID, _ state: AppState) -> String? {
        if workCommands.contains(id) { return workUnavailableReason(id, state) }
        if id == .applyPreset || id == .repeatLabels { return presetUnavailableReason(id, state) }
        if disputeCommands.contains(id) { return disputeUnavailableReason(id, state) }
        if suggestionCommands.contains(id) { return suggestionUnavailableReason(id, state) }
        if scoringCommands.contains(id) { return scoringUnavailableReason(id, state) }
        switch id {
        case .searchNext, .searchPrev:
            return state.search == nil ? "no search yet: press / to search" : nil
        case .markRange:
            return state.rangeAnchor == nil && state.selectedRow == nil ? "no item selected" : nil
        case .openDetail, .toggleMark, .history:
            return state.selectedRow == nil ? "no item selected" : nil
        case .labelSeverity, .labelStatus, .labelLocus, .labelReasons, .labelOwner, .labelNote, .labelTrainable:
            return state.selectedRow == nil && state.marked.isEmpty ? "no item selected" : nil
        case .switchPane:
            return state.detail == nil ? "no item to show" : nil
        case .clearFilter:
            return state.filter.isEmpty && state.search == nil ? "no filter or search to clear" : nil
        case .clearMarks:
            return state.marked.isEmpty ? "nothing is marked" : nil
        case .nextTheme:
            return state.themeNames.count < 2 ? "only one theme is available" : nil
        default:
            return nil
        }
    }

    public static func run(_ state: inout AppState, _ id: CommandID, argument: String?) -> [Effect] {
        let spec = CommandRegistry.spec(id)
        guard spec.runsInQueue else {
            // A picker's or the editor's own command means nothing outside it.
            state.message = .init(text: "\(id.rawValue): only in the \(spec.contexts.map { $0.title.lowercased() }.joined(separator: " or "))", isError: true)
            return []
        }
        // The dedupe view's selection is what its commands act on, typed or keyed.
        if state.dedupe != nil, dedupeCommands.contains(id) { return runInDedupeView(&state, id) }
        if let reason = unavailableReason(id, state) {
            state.message = .init(text: "\(id.rawValue): \(reason)", isError: true)
            return []
        }
        let detailFocused = state.focus == .detail
        switch id {
        case .moveDown:
            if detailFocused { return scrollDetail(&state, by: 1) }
            return moveCursor(&state, to: state.cursor + 1)
        case .moveUp:
            if detailFocused { return scrollDetail(&state, by: -1) }
            return moveCursor(&state, to: state.cursor - 1)
        case .pageDown:
            if detailFocused { return scrollDetail(&state, by: max(1, state.layout.detail.height / 2)) }
            let step = max(1, state.listHeight / 2)
            state.scrollTop += step
            return moveCursor(&state, to: state.cursor + step)
        case .pageUp:
            if detailFocused { return scrollDetail(&state, by: -max(1, state.layout.detail.height / 2)) }
            let step = max(1, state.listHeight / 2)
            state.scrollTop = max(0, state.scrollTop - step)
            return moveCursor(&state, to: state.cursor - step)
        case .goTop:
            if detailFocused { state.detailScroll = 0; return [] }
            guard state.total > 0 else { return [] }
            let previous = state.selectedRow?.id
            state.cursor = 0
            state.scrollTop = 0
            if state.windowStart == 0, !state.rows.isEmpty { return selectionChanged(&state, from: previous) }
            return [.loadTop]
        case .goBottom:
            if detailFocused { state.detailScroll = Int.max / 2; return [] }
            guard state.total > 0 else { return [] }
            if state.countPending { return [.countNow, .loadBottom] }
            let previous = state.selectedRow?.id
            state.cursor = state.total - 1
            clampScroll(&state)
            if state.windowStart + state.rows.count == state.total, state.selectedRow != nil {
                return selectionChanged(&state, from: previous)
            }
            return [.loadBottom]
        case .switchPane:
            state.focus = state.focus == .list ? .detail : .list
            return []
        case .openDetail:
            // Opening an item is starting work on it: claim it (or learn who holds it).
            state.focus = .detail
            return state.selectedRow.map { [.claim($0.id)] } ?? []
        case .back:
            if state.focus == .detail { state.focus = .list; return [] }
            // The list is as far back as it goes: quitting takes its own key, so `q` pressed once
            // too often never ends a shift.
            let quitKey = state.keymap.keys(for: .quit).first.map(\.label) ?? ":quit"
            let backKey = state.keymap.keys(for: .back).first.map(\.label) ?? ":back"
            state.message = .init(text: "\(quitKey) quits (\(backKey) goes back, and this is the list)", isError: false)
            return []
        case .search:
            if let argument, !argument.isEmpty { return submitSearch(&state, argument) }
            state.input = .init(kind: .search, text: state.search ?? "", cursor: (state.search ?? "").count)
            return []
        case .searchNext:
            return [.findMatch(forward: true)]
        case .searchPrev:
            return [.findMatch(forward: false)]
        case .filter:
            if let argument { return submitFilter(&state, argument) }
            state.input = .init(kind: .filter, text: state.filterText, cursor: state.filterText.count)
            return []
        case .clearFilter:
            state.search = nil
            let hadFilter = !state.filter.isEmpty
            state.filter = FilterQuery()
            state.filterText = ""
            state.viewName = nil
            state.message = .init(text: "Filter cleared", isError: false)
            return hadFilter ? [.reload(keepingItem: state.selectedRow?.id, position: state.cursor)] : []
        case .sort:
            guard let argument, let sort = QueueSort(rawValue: argument.trimmingCharacters(in: " ")) else {
                state.message = .init(text: "sort: choose one of \(QueueSort.allCases.map(\.rawValue).joined(separator: ", ")) (now \(state.sort.rawValue))", isError: argument != nil)
                return []
            }
            return setSort(&state, sort)
        case .cycleSort:
            let all = QueueSort.allCases
            return setSort(&state, all[(all.firstIndex(of: state.sort)! + 1) % all.count])
        case .viewPicker:
            return [.loadViews(openPicker: true)]
        case .viewSave:
            guard let name = argument?.trimmingCharacters(in: " "), !name.isEmpty else {
                state.message = .init(text: "view_save needs a name: `:view_save NAME`", isError: true)
                return []
            }
            state.viewName = name
            return [.saveView(name: name)]
        case .viewOpen:
            guard let raw = argument?.trimmingCharacters(in: " "), !raw.isEmpty else { return [.loadViews(openPicker: true)] }
            // `:view save NAME` and `:view delete NAME` read naturally; accept them too.
            let words = raw.split(separator: " ", maxSplits: 1).map(String.init)
            if words.count == 2, words[0] == "save" { return run(&state, .viewSave, argument: words[1]) }
            if words.count == 2, words[0] == "delete" { return run(&state, .viewDelete, argument: words[1]) }
            return [.openView(name: raw)]
        case .viewDelete:
            guard let name = argument?.trimmingCharacters(in: " "), !name.isEmpty else {
                state.message = .init(text: "view_delete needs a name", isError: true)
                return []
            }
            if state.viewName == name { state.viewName = nil }
            return [.deleteView(name: name)]
        case .history:
            guard let id = state.selectedRow?.id else { return [] }
            return [.loadHistory(id)]
        case .labelNote where argument == nil:
            // A note is free text: open the command line ready for it.
            state.input = .init(kind: .command, text: "note ", cursor: 5)
            return []
        case .labelTrainable where argument == nil:
            state.pendingLabel = .trainable
            return []
        case .labelLocus, .labelReasons, .labelOwner, .labelNote, .labelTrainable:
            let field: LabelField = [.labelLocus: .locus, .labelReasons: .reasons, .labelOwner: .owner,
                                     .labelNote: .note, .labelTrainable: .trainable][id]!
            guard let argument = argument?.trimmingCharacters(in: " "), !argument.isEmpty else {
                if let picker = picker(for: field, state) {
                    state.overlay = .picker(picker)
                    return []
                }
                if field == .reasons {
                    state.message = .init(text: "reasons: \(noReasonCodes(state))", isError: true)
                    return []
                }
                let choices = state.labelChoices[field] ?? []
                state.message = .init(text: ":\(id.rawValue) \(CommandRegistry.spec(id).argument ?? "VALUE")" + (choices.isEmpty ? "" : " — " + choices.joined(separator: ", ")), isError: false)
                return []
            }
            return label(&state, field, argument)
        case .labelSeverity, .labelStatus:
            let field: LabelField = id == .labelSeverity ? .severity : .status
            if let argument = argument?.trimmingCharacters(in: " "), !argument.isEmpty {
                let value = field == .status && argument == "reopen" ? "new" : argument
                return label(&state, field, value)
            }
            state.pendingLabel = field
            return []
        case .toggleMark:
            guard let row = state.selectedRow else { return [] }
            if state.marked.contains(row.id) {
                state.marked.remove(row.id)
                state.markedVersions[row.id] = nil
            } else {
                state.marked.insert(row.id)
                state.markedVersions[row.id] = row.version
            }
            // Marking stays put unless the workspace chose otherwise: `n` after a search then
            // goes to the next match, not the one after it.
            return state.markMovesDown ? moveCursor(&state, to: state.cursor + 1) : []
        case .clearMarks:
            state.message = .init(text: "Unmarked \(state.marked.count) item\(state.marked.count == 1 ? "" : "s")", isError: false)
            clearMarks(&state)
            state.rangeAnchor = nil
            return []
        case .markRange:
            return markRange(&state)
        case .applyPreset, .repeatLabels:
            return runPresets(&state, id, argument: argument)
        case _ where suggestionCommands.contains(id):
            return runSuggestions(&state, id)
        case _ where disputeCommands.contains(id):
            return runDisputes(&state, id, argument: argument)
        case .undo, .redo, .correct, .editExternally, .acceptCorrection, .rejectCorrection, .merge, .unmerge, .cluster,
             .takeNext, .claim, .release, .takeOver:
            return runWork(&state, id, argument: argument)
        case .theme:
            guard let name = argument?.trimmingCharacters(in: " "), !name.isEmpty else {
                state.message = .init(text: "theme: \(state.themeNames.joined(separator: ", ")) (now \(state.themeName))", isError: false)
                return []
            }
            guard state.themeNames.contains(name) else {
                state.message = .init(text: "unknown theme `\(name)` (themes: \(state.themeNames.joined(separator: ", ")))", isError: true)
                return []
            }
            state.themeName = name
            state.message = .init(text: "Theme: \(name)", isError: false)
            return [.applyTheme(name)]
        case .nextTheme:
            let index = state.themeNames.firstIndex(of: state.themeName) ?? -1
            return run(&state, .theme, argument: state.themeNames[(index + 1) % state.themeNames.count])
        case .redraw:
            return [.redraw]
        case _ where scoringCommands.contains(id):
            return runWhileScoring(&state, id, argument: argument)
        case _ where roundCommands.contains(id):
            return runRounds(&state, id, argument: argument)
        case .insights:
            return openInsights(&state, argument: argument)
        case .commandLine:
            state.input = .init(kind: .command, text: "", cursor: 0)
            return []
        case .help:
            state.overlay = .help(scroll: 0, from: state.keyContext)
            return []
        case .cancel:
            if state.rangeAnchor != nil {
                state.rangeAnchor = nil
                state.message = .init(text: "Range cancelled", isError: false)
                return []
            }
            if state.focus == .detail { state.focus = .list; return [] }
            // Marks go before the filter: they are the work in hand, the filter is where it happens.
            if !state.marked.isEmpty { return run(&state, .clearMarks, argument: nil) }
            // The dispute queue's filter is the queue itself: Esc leaves it, giving back the filter before it.
            if state.disputeQueue != nil { return toggleDisputeQueue(&state, scope: nil) }
            if !state.filter.isEmpty || state.search != nil { return run(&state, .clearFilter, argument: nil) }
            return []
        case .quit:
            state.shouldQuit = true
            return [.releaseUnusedClaims, .quit]
        default:
            // The modal contexts' commands, refused above: their own reducer slices run them.
            return []
        }
    }

    /// Why no reason code can be offered: the codes belong to a locus, and there is none.
    static func noReasonCodes(_ state: AppState) -> String {
        state.marked.isEmpty ? "the item has no failure locus yet: set it first (L)"
            : "the marked items share no failure locus: set one first (L)"
    }

    static func setSort(_ state: inout AppState, _ sort: QueueSort) -> [Effect] {
        state.sort = sort
        state.message = .init(text: "Order: \(sort.rawValue) (\(sort.help))", isError: false)
        return [.reload(keepingItem: nil, position: 0)]
    }

    // MARK: Cursor and window

    static func moveCursor(_ state: inout AppState, to target: Int) -> [Effect] {
        guard state.total > 0 else { return [] }
        let previous = state.selectedRow?.id
        state.cursor = min(max(0, target), state.total - 1)
        clampScroll(&state)
        return ensureWindow(&state) + selectionChanged(&state, from: previous)
    }

    static func scrollDetail(_ state: inout AppState, by delta: Int) -> [Effect] {
        state.detailScroll = max(0, state.detailScroll + delta)
        return []
    }

    /// Keeps the cursor inside the visible part of the list.
    static func clampScroll(_ state: inout AppState) {
        let h = state.listHeight
        if state.cursor < state.scrollTop { state.scrollTop = state.cursor }
        if state.cursor >= state.scrollTop + h { state.scrollTop = state.cursor - h + 1 }
        state.scrollTop = max(0, min(state.scrollTop, max(0, state.total - h)))
    }

    /// Asks for more rows when the visible part nears either end of the window.
    static func ensureWindow(_ state: inout AppState) -> [Effect] {
        guard state.loaded, state.total > 0 else { return [] }
        let windowEnd = state.windowStart + state.rows.count
        let visibleEnd = min(state.total, state.scrollTop + state.listHeight)
        // While counting, the end of what is loaded may not be the end of the queue.
        if state.countPending, windowEnd <= state.total, max(visibleEnd, state.cursor + 1) + windowMargin > windowEnd {
            return [.extendForward]
        }
        // The cursor jumped beyond what extending by pages could reach: reload around the position.
        if state.cursor >= windowEnd + windowLimit || state.cursor < state.windowStart - windowLimit {
            return [.reload(keepingItem: nil, position: state.cursor)]
        }
        if windowEnd < state.total, max(visibleEnd, state.cursor + 1) + windowMargin > windowEnd {
            return [.extendForward]
        }
        if state.windowStart > 0, min(state.scrollTop, state.cursor) - windowMargin < state.windowStart {
            return [.extendBackward]
        }
        return []
    }

    static func selectionChanged(_ state: inout AppState, from previous: Int64?, force: Bool = false) -> [Effect] {
        guard let row = state.selectedRow else {
            if state.total == 0 { state.detail = nil }
            return []
        }
        if row.id != previous || force {
            return [.loadDetail(row.id)]
        }
        return []
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
