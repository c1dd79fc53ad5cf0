/// Every command the queue understands: one registry from which key handling, the help overlay,
/// the status-bar hints, `:` completion and the README's key table are all generated.
public enum CommandID: String, CaseIterable, Sendable {
    case moveDown = "move_down"
    case moveUp = "move_up"
    case pageDown = "page_down"
    case pageUp = "page_up"
    case goTop = "go_top"
    case goBottom = "go_bottom"
    case switchPane = "switch_pane"
    case openDetail = "open_detail"
    case back
    case search
    case searchNext = "search_next"
    case searchPrev = "search_prev"
    case filter
    case clearFilter = "clear_filter"
    case sort
    case cycleSort = "cycle_sort"
    case viewPicker = "views"
    case viewSave = "view_save"
    case viewOpen = "view"
    case viewDelete = "view_delete"
    case theme
    case nextTheme = "next_theme"
    case labelSeverity = "severity"
    case labelLocus = "locus"
    case labelReasons = "reasons"
    case labelOwner = "owner"
    case labelNote = "note"
    case labelTrainable = "trainable"
    case applyPreset = "preset"
    case repeatLabels = "repeat"
    case history
    case labelStatus = "status"
    case undo
    case redo
    case correct
    case editExternally = "edit_external"
    case acceptCorrection = "accept_correction"
    case rejectCorrection = "reject_correction"
    case merge
    case unmerge
    case cluster
    case acceptSuggested = "merge_suggested"
    case acceptSuggestedPair = "merge_suggested_pair"
    case rejectSuggestedPair = "not_duplicate"
    case rejectSuggestedGroup = "not_duplicates"
    case nextLikelyDuplicate = "next_duplicate"
    case previousLikelyDuplicate = "previous_duplicate"
    case applySuggestedLabels = "apply_suggested"
    case dedupeView = "dupes"
    case dedupeExpand = "dupes_expand"
    case takeNext = "take_next"
    case claim
    case release
    case takeOver = "takeover"
    case toggleMark = "toggle_mark"
    case markRange = "mark_range"
    case clearMarks = "clear_marks"
    case redraw
    case commandLine = "command_line"
    case help
    case cancel
    case quit
    // A label's value, after s, S or +.
    case severityValue = "severity_value"
    case statusTriaged = "status_triaged"
    case statusResolved = "status_resolved"
    case statusWontFix = "status_wont_fix"
    case statusReopen = "status_reopen"
    case trainableYes = "trainable_yes"
    case trainableNo = "trainable_no"
    case labelValueCancel = "label_value_cancel"
    // Pickers.
    case pickerSet = "picker_set"
    case pickerCancel = "picker_cancel"
    case pickerDown = "picker_down"
    case pickerUp = "picker_up"
    case pickerPageDown = "picker_page_down"
    case pickerPageUp = "picker_page_up"
    case pickerTop = "picker_top"
    case pickerBottom = "picker_bottom"
    case pickerTick = "picker_tick"
    case pickerPick = "picker_pick"
    case viewPickerDelete = "view_picker_delete"
    // The correction editor.
    case editorSave = "editor_save"
    case editorClose = "editor_close"
    case editorDiscard = "editor_discard"
    case editorExternal = "editor_external"
    case editorWordLeft = "editor_word_left"
    case editorWordRight = "editor_word_right"
    case editorLineStart = "editor_line_start"
    case editorLineEnd = "editor_line_end"
    case editorKillLine = "editor_kill_line"
    case editorKillToStart = "editor_kill_to_start"
    case editorDeleteWord = "editor_delete_word"
    // y/n questions.
    case confirmYes = "confirm_yes"
    case confirmNo = "confirm_no"
    // The search, filter and command lines.
    case inputSubmit = "input_submit"
    case inputCancel = "input_cancel"
    case inputComplete = "input_complete"
    case inputLineStart = "input_line_start"
    case inputLineEnd = "input_line_end"
    case inputKillToStart = "input_kill_to_start"
    case inputDeleteWord = "input_delete_word"
    // Disputes and agreement.
    case disputeQueue = "disputes"
    case raiseDispute = "dispute"
    case adjudicatePick = "adjudicate_pick"
    case adjudicateOther = "adjudicate_other"
    case decide
    case nextDispute = "next_dispute"
    case reopen
    case agreement
    case agreementDown = "agreement_down"
    case agreementUp = "agreement_up"
    case agreementClose = "agreement_close"
    // The insights view.
    case insights
    case insightsDown = "insights_down"
    case insightsUp = "insights_up"
    case insightsOpen = "insights_open"
    case insightsPageDown = "insights_page_down"
    case insightsPageUp = "insights_page_up"
    case insightsClose = "insights_close"
    // Review rounds: opening them from the queue, and the rounds view.
    case scoreRound = "round"
    case roundsView = "rounds"
    case roundNew = "round_new"
    case roundClose = "round_close"
    case roundOpen = "round_open"
    // The scoring screen.
    case scoreLevel = "score_level"
    case scoreSubmit = "score_submit"
    case scoreWhy = "score_why"
    case scoreWhyItem = "score_why_item"
    case scoreSkip = "score_skip"
    case scoreRevise = "score_revise"
    case scoreClear = "score_clear"
    case scoreNextItem = "score_next_item"
    case scorePrevItem = "score_prev_item"
}

public struct CommandSpec: Sendable {
    public enum Group: String, CaseIterable, Sendable {
        case navigation = "Navigation"
        case searchFilter = "Search and filter"
        case views = "Views and order"
        case triage = "Triage"
        case corrections = "Corrections"
        case duplicates = "Duplicates"
        case claims = "Claims"
        case marking = "Marking"
        case display = "Display"
        case general = "General"
        case disputes = "Disputes and agreement"
        case rounds = "Review rounds"
    }

    public var id: CommandID
    public var group: Group
    public var defaultKeys: [String]
    public var summary: String
    /// The argument it takes on the `:` command line, if any (e.g. `NAME`).
    public var argument: String?
    /// A short word for the status-bar hint (where `CommandRegistry.hints` ranks it).
    public var hint: String?
    /// Where its keys work (`KeyContext`): the queue's commands work everywhere in it (`global`).
    public var contexts: [KeyContext] = [.global]

    /// Runs from the queue (and so from the `:` command line), not only inside a modal context.
    public var runsInQueue: Bool { contexts.contains { !$0.isModal } }
}

/// One hint on the bar: a command (shown with its bound key and its `hint` word, or `word` when
/// the context needs another one; with `also`, the first keys of its companions too, as in `j/k`),
/// or a key that is not a command (typing narrows a picker).
public struct HintEntry: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case command(CommandID)
        case fixed(key: String)
    }

    public var source: Source
    public var word: String?
    public var also: [CommandID] = []

    public static func command(_ id: CommandID, _ word: String? = nil, also: [CommandID] = []) -> HintEntry {
        .init(source: .command(id), word: word, also: also)
    }
    public static func fixed(_ key: String, _ word: String) -> HintEntry { .init(source: .fixed(key: key), word: word) }
}

public enum CommandRegistry {
    public static let all: [CommandSpec] = [
        .init(id: .moveDown, group: .navigation, defaultKeys: ["j", "down"], summary: "Next item (or scroll the detail down)", hint: "move", contexts: [.global, .overlay, .viewPicker]),
        .init(id: .moveUp, group: .navigation, defaultKeys: ["k", "up"], summary: "Previous item (or scroll the detail up)", contexts: [.global, .overlay, .viewPicker]),
        .init(id: .pageDown, group: .navigation, defaultKeys: ["ctrl-d", "pgdn"], summary: "Half a page down", hint: "page", contexts: [.global, .overlay]),
        .init(id: .pageUp, group: .navigation, defaultKeys: ["ctrl-u", "pgup"], summary: "Half a page up", contexts: [.global, .overlay]),
        .init(id: .goTop, group: .navigation, defaultKeys: ["g", "home"], summary: "First item (top of the detail)", contexts: [.global, .overlay]),
        .init(id: .goBottom, group: .navigation, defaultKeys: ["G", "end"], summary: "Last item (end of the detail)"),
        .init(id: .switchPane, group: .navigation, defaultKeys: ["tab", "backtab"], summary: "Switch between the list and the detail", hint: "pane"),
        .init(id: .openDetail, group: .navigation, defaultKeys: ["enter"], summary: "Focus the selected item's detail", hint: "open", contexts: [.list]),
        .init(id: .back, group: .navigation, defaultKeys: ["q"], summary: "Back: leave the detail or close an overlay (never quits)", hint: "back", contexts: [.list, .detail, .scoring, .rounds, .dedupe]),
        .init(id: .search, group: .searchFilter, defaultKeys: ["/"], summary: "Full-text search of prompts, responses and corrections", argument: "TEXT", hint: "search"),
        .init(id: .searchNext, group: .searchFilter, defaultKeys: ["n"], summary: "Next search match in queue order"),
        .init(id: .searchPrev, group: .searchFilter, defaultKeys: ["N"], summary: "Previous search match"),
        .init(id: .filter, group: .searchFilter, defaultKeys: ["\\"], summary: "Filter the queue (signal:csat severity:S1 \"phrase\" -word …)", argument: "QUERY", hint: "filter"),
        .init(id: .clearFilter, group: .searchFilter, defaultKeys: [], summary: "Remove the filter and the search"),
        .init(id: .sort, group: .views, defaultKeys: [], summary: "Order the queue: queue, newest or oldest", argument: "ORDER"),
        .init(id: .cycleSort, group: .views, defaultKeys: ["o"], summary: "Next order (queue → newest → oldest)"),
        .init(id: .viewPicker, group: .views, defaultKeys: ["v"], summary: "Pick a saved view", hint: "views"),
        .init(id: .viewSave, group: .views, defaultKeys: [], summary: "Save the filter and order as a named view", argument: "NAME"),
        .init(id: .viewOpen, group: .views, defaultKeys: [], summary: "Open a saved view (`:view save NAME` saves one)", argument: "NAME"),
        .init(id: .viewDelete, group: .views, defaultKeys: [], summary: "Delete a saved view", argument: "NAME"),
        .init(id: .labelSeverity, group: .triage, defaultKeys: ["s"], summary: "Set severity: s then 1–4 (on the marked items, or the selected one)", argument: "S1…S4", hint: "severity"),
        .init(id: .labelStatus, group: .triage, defaultKeys: ["S"], summary: "Set status: S then t triaged, r resolved, w won't fix, o reopen", argument: "STATUS"),
        .init(id: .labelLocus, group: .triage, defaultKeys: ["L"], summary: "Set the failure locus from a picker (a default owner follows it; other loci's reasons are cleared)", argument: "LOCUS"),
        .init(id: .labelReasons, group: .triage, defaultKeys: ["R"], summary: "Set reason codes from a picker of the item's locus (Space ticks several)", argument: "CODES"),
        .init(id: .labelOwner, group: .triage, defaultKeys: ["O"], summary: "Set the owner from a picker (the locus's default owner is suggested)", argument: "OWNER"),
        .init(id: .labelNote, group: .triage, defaultKeys: ["A"], summary: "Annotate: attach a free-text note", argument: "TEXT"),
        .init(id: .labelTrainable, group: .triage, defaultKeys: ["+"], summary: "May the item feed training exports? + then y or n", argument: "yes/no"),
        .init(id: .applyPreset, group: .triage, defaultKeys: [], summary: "Apply a label preset of winnow.toml as one action: its own key (1–9 unless set; this help lists them) or `:preset NAME`", argument: "NAME"),
        .init(id: .repeatLabels, group: .triage, defaultKeys: ["."], summary: "Repeat your last labels: all you set on the item you last labelled, as one action"),
        .init(id: .history, group: .triage, defaultKeys: ["h"], summary: "The selected item's history: every change, who made it, when, old → new"),
        .init(id: .undo, group: .triage, defaultKeys: ["u"], summary: "Undo your last change (recorded as a new, compensating change)", hint: "undo"),
        .init(id: .redo, group: .triage, defaultKeys: ["ctrl-r"], summary: "Redo the change you last undid"),
        .init(id: .correct, group: .corrections, defaultKeys: ["c"], summary: "Write or edit the corrected answer in the editor (^S saves, Esc keeps a draft)", hint: "correct"),
        .init(id: .editExternally, group: .corrections, defaultKeys: ["e"], summary: "Edit the correction in $VISUAL or $EDITOR"),
        .init(id: .acceptCorrection, group: .corrections, defaultKeys: ["a"], summary: "Accept the correction that arrived with the event, as it is"),
        .init(id: .rejectCorrection, group: .corrections, defaultKeys: ["x"], summary: "Reject the correction that arrived with the event"),
        .init(id: .merge, group: .duplicates, defaultKeys: ["D"], summary: "Merge the marked items into the selected one (or item ID) as its duplicates", argument: "ID"),
        .init(id: .unmerge, group: .duplicates, defaultKeys: ["U"], summary: "Unmerge: a duplicate leaves its cluster; on a canonical item, the whole cluster"),
        .init(id: .cluster, group: .duplicates, defaultKeys: ["C"], summary: "Browse the selected item's cluster (filter cluster:ID)"),
        .init(id: .acceptSuggested, group: .duplicates, defaultKeys: ["m"], summary: "Merge the suggested near-duplicates: the selected item's group joins its canonical (in the dedupe view: the selected group, or member)", hint: "merge"),
        .init(id: .acceptSuggestedPair, group: .duplicates, defaultKeys: ["M"], summary: "Merge only the highlighted likely duplicate and the selected item (into the group's canonical, else the older)"),
        .init(id: .rejectSuggestedPair, group: .duplicates, defaultKeys: ["b"], summary: "Break: the highlighted likely duplicate is not a duplicate of the selected item (remembered; no undo)", hint: "not dupe"),
        .init(id: .rejectSuggestedGroup, group: .duplicates, defaultKeys: ["B"], summary: "Break the whole suggested group: none of its items are duplicates of each other (asks first; remembered; no undo)"),
        .init(id: .nextLikelyDuplicate, group: .duplicates, defaultKeys: ["]"], summary: "Highlight the next likely duplicate in the detail (its prompt is diffed)"),
        .init(id: .previousLikelyDuplicate, group: .duplicates, defaultKeys: ["["], summary: "Highlight the previous likely duplicate"),
        .init(id: .applySuggestedLabels, group: .triage, defaultKeys: ["p"], summary: "Apply the labels suggested by similar triaged items, as one action"),
        .init(id: .dedupeView, group: .duplicates, defaultKeys: ["~"], summary: "The dedupe view: every suggested near-duplicate group, heaviest first; again to close it", hint: "dupes"),
        .init(id: .dedupeExpand, group: .duplicates, defaultKeys: ["enter"], summary: "Show or hide the selected group's members", hint: "expand", contexts: [.dedupe]),
        .init(id: .takeNext, group: .claims, defaultKeys: ["t"], summary: "Take the next unclaimed open item in queue order and claim it (releasing the last one taken if unused)", hint: "take"),
        .init(id: .claim, group: .claims, defaultKeys: [], summary: "Claim the selected item (labelling or opening it claims it too)"),
        .init(id: .release, group: .claims, defaultKeys: [], summary: "Release your claim on the selected item"),
        .init(id: .takeOver, group: .claims, defaultKeys: [], summary: "Take over another reviewer's claim (leads only; recorded with the reason)", argument: "REASON"),
        .init(id: .toggleMark, group: .marking, defaultKeys: ["space"], summary: "Mark or unmark the selected item, staying on it (bulk actions apply to marks until cleared)", hint: "mark"),
        .init(id: .markRange, group: .marking, defaultKeys: ["V"], summary: "Mark a range: V at one end, move, V at the other (Esc cancels)"),
        .init(id: .clearMarks, group: .marking, defaultKeys: [], summary: "Unmark every item", contexts: [.marks]),
        .init(id: .theme, group: .display, defaultKeys: [], summary: "Switch the colour theme", argument: "NAME"),
        .init(id: .nextTheme, group: .display, defaultKeys: ["T"], summary: "Next colour theme"),
        .init(id: .redraw, group: .display, defaultKeys: ["ctrl-l"], summary: "Redraw the screen"),
        .init(id: .commandLine, group: .general, defaultKeys: [":"], summary: "Command line, with Tab completion", hint: "cmd"),
        .init(id: .help, group: .general, defaultKeys: ["?"], summary: "This help", hint: "help"),
        .init(id: .cancel, group: .general, defaultKeys: ["esc"], summary: "Cancel: close input or overlay; from the list, clears the marks, then the filter"),
        .init(id: .quit, group: .general, defaultKeys: ["Q", "ctrl-c"], summary: "Quit Winnow, releasing the claims you did not use", hint: "quit", contexts: [.global, .overlay, .viewPicker]),

        .init(id: .severityValue, group: .triage, defaultKeys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], summary: "The severity: the n-th key picks the workspace's n-th severity", contexts: [.labelValue]),
        .init(id: .statusTriaged, group: .triage, defaultKeys: ["t"], summary: "Status triaged", contexts: [.labelValue]),
        .init(id: .statusResolved, group: .triage, defaultKeys: ["r"], summary: "Status resolved", contexts: [.labelValue]),
        .init(id: .statusWontFix, group: .triage, defaultKeys: ["w"], summary: "Status won't fix", contexts: [.labelValue]),
        .init(id: .statusReopen, group: .triage, defaultKeys: ["o"], summary: "Reopen (status new)", contexts: [.labelValue]),
        .init(id: .trainableYes, group: .triage, defaultKeys: ["y"], summary: "May feed training exports", contexts: [.labelValue]),
        .init(id: .trainableNo, group: .triage, defaultKeys: ["n"], summary: "May not feed training exports", contexts: [.labelValue]),
        .init(id: .labelValueCancel, group: .triage, defaultKeys: ["esc"], summary: "Set nothing", contexts: [.labelValue]),

        .init(id: .pickerSet, group: .triage, defaultKeys: ["enter"], summary: "Set the highlighted value (the ticked ones, where several may be chosen); open the highlighted view", hint: "set", contexts: [.picker, .viewPicker]),
        .init(id: .pickerCancel, group: .triage, defaultKeys: ["esc"], summary: "Close the picker, setting nothing", hint: "cancel", contexts: [.picker]),
        .init(id: .pickerDown, group: .triage, defaultKeys: ["down", "ctrl-n"], summary: "Highlight the next entry", contexts: [.picker]),
        .init(id: .pickerUp, group: .triage, defaultKeys: ["up", "ctrl-p"], summary: "Highlight the previous entry", hint: "move", contexts: [.picker]),
        .init(id: .pickerPageDown, group: .triage, defaultKeys: ["pgdn", "ctrl-d"], summary: "Half a page down", contexts: [.picker]),
        .init(id: .pickerPageUp, group: .triage, defaultKeys: ["pgup", "ctrl-u"], summary: "Half a page up", contexts: [.picker]),
        .init(id: .pickerTop, group: .triage, defaultKeys: ["home"], summary: "First entry", contexts: [.picker]),
        .init(id: .pickerBottom, group: .triage, defaultKeys: ["end"], summary: "Last entry", contexts: [.picker]),
        .init(id: .pickerTick, group: .triage, defaultKeys: ["space"], summary: "Tick or untick the highlighted reason code", contexts: [.picker]),
        .init(id: .pickerPick, group: .triage, defaultKeys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], summary: "The n-th key picks the n-th entry shown (ticks it, among reason codes); other letters narrow", contexts: [.picker]),
        .init(id: .viewPickerDelete, group: .views, defaultKeys: ["d", "delete"], summary: "Delete the highlighted saved view (any other key closes the picker)", contexts: [.viewPicker]),

        .init(id: .editorSave, group: .corrections, defaultKeys: ["ctrl-s"], summary: "Save the correction", hint: "save", contexts: [.editor]),
        .init(id: .editorClose, group: .corrections, defaultKeys: ["esc"], summary: "Close, keeping a draft (c resumes it)", hint: "close, keep a draft", contexts: [.editor]),
        .init(id: .editorDiscard, group: .corrections, defaultKeys: ["ctrl-x"], summary: "Discard the correction and its draft (asks first)", hint: "discard", contexts: [.editor]),
        .init(id: .editorExternal, group: .corrections, defaultKeys: ["ctrl-o"], summary: "Go on in $VISUAL or $EDITOR", hint: "$EDITOR", contexts: [.editor]),
        .init(id: .editorWordLeft, group: .corrections, defaultKeys: ["ctrl-left"], summary: "Back a word", hint: "word", contexts: [.editor]),
        .init(id: .editorWordRight, group: .corrections, defaultKeys: ["ctrl-right"], summary: "Forward a word", contexts: [.editor]),
        .init(id: .editorLineStart, group: .corrections, defaultKeys: ["home", "ctrl-a"], summary: "Start of the line", contexts: [.editor]),
        .init(id: .editorLineEnd, group: .corrections, defaultKeys: ["end", "ctrl-e"], summary: "End of the line", contexts: [.editor]),
        .init(id: .editorKillLine, group: .corrections, defaultKeys: ["ctrl-k"], summary: "Delete to the end of the line (at its end, join the next)", hint: "delete", contexts: [.editor]),
        .init(id: .editorKillToStart, group: .corrections, defaultKeys: ["ctrl-u"], summary: "Delete to the start of the line", contexts: [.editor]),
        .init(id: .editorDeleteWord, group: .corrections, defaultKeys: ["ctrl-w"], summary: "Delete the word before the cursor", contexts: [.editor]),

        .init(id: .confirmYes, group: .general, defaultKeys: ["y", "Y"], summary: "Yes: do it", contexts: [.confirm]),
        .init(id: .confirmNo, group: .general, defaultKeys: ["n", "N", "esc"], summary: "No: do nothing", contexts: [.confirm]),

        .init(id: .inputSubmit, group: .general, defaultKeys: ["enter"], summary: "Apply the search or filter; run the command", hint: "apply", contexts: [.input, .commandInput]),
        .init(id: .inputCancel, group: .general, defaultKeys: ["esc"], summary: "Close the line, changing nothing", hint: "cancel", contexts: [.input, .commandInput]),
        .init(id: .inputComplete, group: .general, defaultKeys: ["tab"], summary: "Complete the command or its argument", hint: "complete", contexts: [.commandInput]),
        .init(id: .inputLineStart, group: .general, defaultKeys: ["home", "ctrl-a"], summary: "Start of the line", contexts: [.input, .commandInput]),
        .init(id: .inputLineEnd, group: .general, defaultKeys: ["end", "ctrl-e"], summary: "End of the line", contexts: [.input, .commandInput]),
        .init(id: .inputKillToStart, group: .general, defaultKeys: ["ctrl-u"], summary: "Delete to the start of the line", contexts: [.input, .commandInput]),
        .init(id: .inputDeleteWord, group: .general, defaultKeys: ["ctrl-w"], summary: "Delete the word before the cursor", contexts: [.input, .commandInput]),

        .init(id: .disputeQueue, group: .disputes, defaultKeys: ["d"], summary: "The dispute queue: the items with open disputes (an adjudicator on a roster: those they may decide; anyone else reads them all); again to leave it", argument: "open/mine/decided/any", hint: "disputes"),
        .init(id: .raiseDispute, group: .disputes, defaultKeys: [], summary: "Dispute the selected item's label that another reviewer set (FIELD=VALUE proposes a value)", argument: "FIELD REASON"),
        .init(id: .agreement, group: .disputes, defaultKeys: ["K"], summary: "Agreement of review rounds per field: κ, α with its interval, AC1, each reviewer against the outcome", argument: "ROUND"),
        .init(id: .adjudicatePick, group: .disputes, defaultKeys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], summary: "Decide for the n-th competing value: a rationale line opens, Enter decides", argument: "N", hint: "pick", contexts: [.disputes]),
        .init(id: .adjudicateOther, group: .disputes, defaultKeys: ["="], summary: "Decide for another value of the field (Tab completes it), with a rationale", hint: "other value", contexts: [.disputes]),
        .init(id: .decide, group: .disputes, defaultKeys: [], summary: "Decide the dispute shown: the value, then why (one action in the audit log; a lead's reopen is the way back)", argument: "VALUE RATIONALE", contexts: [.disputes]),
        .init(id: .nextDispute, group: .disputes, defaultKeys: ["f"], summary: "The item's next dispute (another field)", hint: "field", contexts: [.disputes]),
        .init(id: .reopen, group: .disputes, defaultKeys: ["ctrl-o"], summary: "Reopen the item's decided dispute (leads only), with a reason", argument: "REASON", contexts: [.disputes]),
        .init(id: .agreementDown, group: .disputes, defaultKeys: ["j", "down"], summary: "Next field", hint: "field", contexts: [.agreement]),
        .init(id: .agreementUp, group: .disputes, defaultKeys: ["k", "up"], summary: "Previous field", contexts: [.agreement]),
        .init(id: .agreementClose, group: .disputes, defaultKeys: ["q", "esc", "K"], summary: "Close the agreement view", hint: "close", contexts: [.agreement]),
        .init(id: .insights, group: .views, defaultKeys: ["I"], summary: "Insights: what spiked against its baseline (and after which release), guardrail drift, improvement velocity, daily signals as sparklines", argument: "AS-OF"),
        .init(id: .insightsDown, group: .views, defaultKeys: ["j", "down"], summary: "Next flag", hint: "flag", contexts: [.insights]),
        .init(id: .insightsUp, group: .views, defaultKeys: ["k", "up"], summary: "Previous flag", contexts: [.insights]),
        .init(id: .insightsOpen, group: .views, defaultKeys: ["enter"], summary: "Show the flag's items in the queue (its filter)", hint: "open", contexts: [.insights]),
        .init(id: .insightsPageDown, group: .views, defaultKeys: ["ctrl-d", "pgdn"], summary: "Scroll the view down (the guardrails and velocity under a long list of flags)", hint: "scroll", contexts: [.insights]),
        .init(id: .insightsPageUp, group: .views, defaultKeys: ["ctrl-u", "pgup"], summary: "Scroll the view up", contexts: [.insights]),
        .init(id: .insightsClose, group: .views, defaultKeys: ["q", "esc", "I"], summary: "Close the insights view", hint: "close", contexts: [.insights]),
        .init(id: .scoreRound, group: .rounds, defaultKeys: ["r"], summary: "Score your assignments in a round, blind (the first round with some open, or `:round NAME`)", argument: "NAME", hint: "round"),
        .init(id: .roundsView, group: .rounds, defaultKeys: ["P"], summary: "Rounds and their progress: done, remaining, skipped, disputes, per reviewer", hint: "rounds"),
        .init(id: .roundNew, group: .rounds, defaultKeys: [], summary: "Create a round (leads): `:round_new NAME [COUNT] [seed=S] [stratify=intent,cohort] [overlap=2] [rubric=R] [fields=severity] [reviewers=a,b] [filter=QUERY…]`", argument: "NAME …"),
        .init(id: .roundClose, group: .rounds, defaultKeys: [], summary: "Close a round (leads): complete items settle, open assignments end", argument: "NAME"),
        .init(id: .roundOpen, group: .rounds, defaultKeys: ["enter"], summary: "Score the selected round (your assignments in it), or show its items in the queue", hint: "open", contexts: [.rounds]),
        .init(id: .scoreLevel, group: .rounds, defaultKeys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], summary: "Score the field under the cursor: the n-th key picks its n-th level (pass/fail: 1 pass, 2 fail); the cursor moves on", hint: "score", contexts: [.scoring]),
        .init(id: .scoreSubmit, group: .rounds, defaultKeys: ["enter", "ctrl-s"], summary: "Submit the scores (or the revision) as one action, then go to your next open assignment", hint: "submit", contexts: [.scoring]),
        .init(id: .scoreWhy, group: .rounds, defaultKeys: ["w"], summary: "Write why: a rationale for the field under the cursor (optional)", argument: "TEXT", hint: "why", contexts: [.scoring]),
        .init(id: .scoreWhyItem, group: .rounds, defaultKeys: ["W"], summary: "A rationale for the whole item (optional; a field's own rationale wins)", argument: "TEXT", contexts: [.scoring]),
        .init(id: .scoreSkip, group: .rounds, defaultKeys: ["X"], summary: "Skip the assignment, saying why (a reason is required)", argument: "REASON", hint: "skip", contexts: [.scoring]),
        .init(id: .scoreRevise, group: .rounds, defaultKeys: ["E"], summary: "Revise a submitted assignment while its item is not complete (refused after, and says why)", hint: "revise", contexts: [.scoring]),
        .init(id: .scoreClear, group: .rounds, defaultKeys: ["backspace"], summary: "Clear the score of the field under the cursor", contexts: [.scoring]),
        .init(id: .scoreNextItem, group: .rounds, defaultKeys: ["J"], summary: "Next assignment in the round", hint: "item", contexts: [.scoring]),
        .init(id: .scorePrevItem, group: .rounds, defaultKeys: ["K"], summary: "Previous assignment in the round", contexts: [.scoring]),
    ]

    /// The hint bar's hints per context, most important first: when the bar is too narrow the
    /// last ones are dropped, whole. Where `?` opens the help, `? help` ranks first, so it is
    /// always shown; `t take` and `Q quit` follow in the list, so they fit at 80 columns.
    public static let hints: [KeyContext: [HintEntry]] = [
        .list: [.command(.help), .command(.takeNext), .command(.quit), .command(.moveDown), .command(.openDetail),
                .command(.labelSeverity), .command(.search), .command(.filter), .command(.toggleMark), .command(.commandLine),
                .command(.viewPicker), .command(.undo), .command(.switchPane), .command(.pageDown)],
        .detail: [.command(.help), .command(.back), .command(.moveDown, "scroll"), .command(.labelSeverity), .command(.correct),
                  .command(.takeNext), .command(.quit), .command(.history, "history"), .command(.undo), .command(.switchPane),
                  .command(.pageDown)],
        .marks: [.command(.help), .command(.labelSeverity), .command(.labelLocus, "locus"), .command(.labelStatus, "status"), .command(.quit),
                 .command(.toggleMark), .command(.merge, "merge"), .command(.labelReasons, "reasons"), .command(.labelOwner, "owner"), .command(.moveDown),
                 .command(.undo)],
        .editor: [.command(.editorSave), .command(.editorClose), .command(.editorDiscard), .command(.editorExternal),
                  .command(.editorWordLeft, also: [.editorWordRight]), .command(.editorKillLine, also: [.editorKillToStart, .editorDeleteWord])],
        .picker: [.command(.pickerSet), .command(.pickerCancel), .command(.pickerUp, also: [.pickerDown]), .fixed("letters", "narrow")],
        // Any key not bound in an overlay closes it.
        .overlay: [.fixed("Esc", "close"), .command(.moveDown, "scroll"), .command(.quit)],
        .viewPicker: [.fixed("Esc", "close"), .command(.moveDown, "move"), .command(.quit)],
        .labelValue: [.command(.labelValueCancel, "cancel")],
        .confirm: [.command(.confirmYes, "yes"), .command(.confirmNo, "no")],
        .input: [.command(.inputSubmit), .command(.inputCancel)],
        .commandInput: [.command(.inputSubmit, "run"), .command(.inputCancel), .command(.inputComplete)],
        .disputes: [.command(.help), .command(.adjudicatePick, "pick", also: []), .command(.adjudicateOther), .command(.disputeQueue, "leave"),
                    .command(.quit), .command(.moveDown), .command(.nextDispute), .command(.reopen, "reopen"), .command(.filter),
                    .command(.switchPane), .command(.history, "history")],
        .agreement: [.command(.help), .command(.agreementClose), .command(.agreementDown, also: [.agreementUp]), .command(.quit)],
        .insights: [.command(.help), .command(.insightsOpen), .command(.insightsClose), .command(.insightsDown, also: [.insightsUp]),
                    .command(.quit), .command(.insightsPageDown, also: [.insightsPageUp])],
        .scoring: [.command(.help), .command(.scoreLevel), .command(.scoreSubmit), .command(.moveDown, "field"), .command(.scoreWhy),
                   .command(.scoreSkip), .command(.back), .command(.scoreRevise), .command(.scoreNextItem, also: [.scorePrevItem]),
                   .command(.history, "history"), .command(.pageDown, "scroll"), .command(.quit)],
        .dedupe: [.command(.help), .command(.dedupeExpand), .command(.acceptSuggested), .command(.rejectSuggestedGroup, "not dupes"),
                  .command(.back), .command(.quit), .command(.moveDown), .command(.rejectSuggestedPair), .command(.undo)],
        .rounds: [.command(.help), .command(.roundOpen), .command(.moveDown), .command(.back), .command(.commandLine), .command(.quit)],
    ]

    public static func spec(_ id: CommandID) -> CommandSpec {
        all.first { $0.id == id }!
    }

    /// Short names accepted on the command line besides the full ones.
    public static let aliases: [String: CommandID] = ["q": .quit, "quit": .quit, "h": .help, "clear": .clearFilter]

    public static func command(named name: String) -> CommandID? {
        CommandID(rawValue: name) ?? aliases[name]
    }
}
