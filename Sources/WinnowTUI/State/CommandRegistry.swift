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
    }

    public var id: CommandID
    public var group: Group
    public var defaultKeys: [String]
    public var summary: String
    /// The argument it takes on the `:` command line, if any (e.g. `NAME`).
    public var argument: String?
    /// A short word for the status-bar hint (where `CommandRegistry.hints` ranks it).
    public var hint: String?
}

/// What the screen is doing, for the hint bar: each context has its own ranking of hints.
public enum HintContext: String, CaseIterable, Sendable {
    case list, detail, marks, editor, picker, overlay, input, commandInput
}

/// One hint on the bar: a command (shown with its bound key and its `hint` word, or `word` when
/// the context needs another one), or a key of a mode that is not a command (the editor's ^S).
public struct HintEntry: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case command(CommandID)
        case fixed(key: String)
    }

    public var source: Source
    public var word: String?

    public static func command(_ id: CommandID, _ word: String? = nil) -> HintEntry { .init(source: .command(id), word: word) }
    public static func fixed(_ key: String, _ word: String) -> HintEntry { .init(source: .fixed(key: key), word: word) }
}

public enum CommandRegistry {
    public static let all: [CommandSpec] = [
        .init(id: .moveDown, group: .navigation, defaultKeys: ["j", "down"], summary: "Next item (or scroll the detail down)", hint: "move"),
        .init(id: .moveUp, group: .navigation, defaultKeys: ["k", "up"], summary: "Previous item (or scroll the detail up)"),
        .init(id: .pageDown, group: .navigation, defaultKeys: ["ctrl-d", "pgdn"], summary: "Half a page down", hint: "page"),
        .init(id: .pageUp, group: .navigation, defaultKeys: ["ctrl-u", "pgup"], summary: "Half a page up"),
        .init(id: .goTop, group: .navigation, defaultKeys: ["g", "home"], summary: "First item (top of the detail)"),
        .init(id: .goBottom, group: .navigation, defaultKeys: ["G", "end"], summary: "Last item (end of the detail)"),
        .init(id: .switchPane, group: .navigation, defaultKeys: ["tab", "backtab"], summary: "Switch between the list and the detail", hint: "pane"),
        .init(id: .openDetail, group: .navigation, defaultKeys: ["enter"], summary: "Focus the selected item's detail", hint: "open"),
        .init(id: .back, group: .navigation, defaultKeys: ["q"], summary: "Back: leave the detail or close an overlay (never quits)", hint: "back"),
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
        .init(id: .takeNext, group: .claims, defaultKeys: ["t"], summary: "Take the next unclaimed open item in queue order and claim it (releasing the last one taken if unused)", hint: "take"),
        .init(id: .claim, group: .claims, defaultKeys: [], summary: "Claim the selected item (labelling or opening it claims it too)"),
        .init(id: .release, group: .claims, defaultKeys: [], summary: "Release your claim on the selected item"),
        .init(id: .takeOver, group: .claims, defaultKeys: [], summary: "Take over another reviewer's claim (leads only; recorded with the reason)", argument: "REASON"),
        .init(id: .toggleMark, group: .marking, defaultKeys: ["space"], summary: "Mark or unmark the selected item, staying on it (bulk actions apply to marks until cleared)", hint: "mark"),
        .init(id: .markRange, group: .marking, defaultKeys: ["V"], summary: "Mark a range: V at one end, move, V at the other (Esc cancels)"),
        .init(id: .clearMarks, group: .marking, defaultKeys: [], summary: "Unmark every item"),
        .init(id: .theme, group: .display, defaultKeys: [], summary: "Switch the colour theme", argument: "NAME"),
        .init(id: .nextTheme, group: .display, defaultKeys: ["T"], summary: "Next colour theme"),
        .init(id: .redraw, group: .display, defaultKeys: ["ctrl-l"], summary: "Redraw the screen"),
        .init(id: .commandLine, group: .general, defaultKeys: [":"], summary: "Command line, with Tab completion", hint: "cmd"),
        .init(id: .help, group: .general, defaultKeys: ["?"], summary: "This help", hint: "help"),
        .init(id: .cancel, group: .general, defaultKeys: ["esc"], summary: "Cancel: close input or overlay; from the list, clears the marks, then the filter"),
        .init(id: .quit, group: .general, defaultKeys: ["Q", "ctrl-c"], summary: "Quit Winnow, releasing the claims you did not use", hint: "quit"),
    ]

    /// The hint bar's hints per context, most important first: when the bar is too narrow the
    /// last ones are dropped, whole. Where `?` opens the help, `? help` ranks first, so it is
    /// always shown; `t take` and `Q quit` follow in the list, so they fit at 80 columns.
    public static let hints: [HintContext: [HintEntry]] = [
        .list: [.command(.help), .command(.takeNext), .command(.quit), .command(.moveDown), .command(.openDetail),
                .command(.labelSeverity), .command(.search), .command(.filter), .command(.toggleMark), .command(.commandLine),
                .command(.viewPicker), .command(.undo), .command(.switchPane), .command(.pageDown)],
        .detail: [.command(.help), .command(.back), .command(.moveDown, "scroll"), .command(.labelSeverity), .command(.correct),
                  .command(.takeNext), .command(.quit), .command(.history, "history"), .command(.undo), .command(.switchPane),
                  .command(.pageDown)],
        .marks: [.command(.help), .command(.labelSeverity), .command(.labelLocus, "locus"), .command(.labelStatus, "status"), .command(.quit),
                 .command(.toggleMark), .command(.merge, "merge"), .command(.labelReasons, "reasons"), .command(.labelOwner, "owner"), .command(.moveDown),
                 .command(.undo)],
        .editor: [.fixed("^S", "save"), .fixed("Esc", "close, keep a draft"), .fixed("^X", "discard"), .fixed("^O", "$EDITOR"),
                  .fixed("^←/^→", "word"), .fixed("^K/^U/^W", "delete")],
        .picker: [.fixed("Enter", "set"), .fixed("Esc", "cancel"), .fixed("↑/↓", "move"), .fixed("letters", "narrow")],
        .overlay: [.fixed("Esc", "close"), .command(.moveDown, "scroll"), .command(.quit)],
        .input: [.fixed("Enter", "apply"), .fixed("Esc", "cancel")],
        .commandInput: [.fixed("Enter", "run"), .fixed("Esc", "cancel"), .fixed("Tab", "complete")],
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

/// Keys bound to commands: the defaults, with a workspace's `[keys]` overrides applied.
public struct Keymap: Sendable, Equatable {
    public private(set) var keysByCommand: [CommandID: [Key]]
    public private(set) var commandByKey: [Key: CommandID]

    public static let standard = try! Keymap(overrides: [:])

    public struct ConfigError: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var description: String { message }
    }

    /// Overrides replace a command's default keys. An unknown command or key name, or one key bound
    /// to two commands, is an error that says which.
    public init(overrides: [String: [String]]) throws {
        var keys: [CommandID: [Key]] = [:]
        for spec in CommandRegistry.all { keys[spec.id] = spec.defaultKeys.compactMap(Key.parse) }
        for (name, keyNames) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let id = CommandID(rawValue: name) else {
                throw ConfigError(message: "[keys]: unknown command `\(name)` (commands: \(CommandID.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            keys[id] = try keyNames.map { text in
                guard let key = Key.parse(text) else {
                    throw ConfigError(message: "[keys]: `\(name)` has unknown key `\(text)` (write a character, or enter, esc, tab, space, up, down, pgdn, home, f1, ctrl-x …)")
                }
                return key
            }
        }
        var byKey: [Key: CommandID] = [:]
        for spec in CommandRegistry.all {
            for key in keys[spec.id] ?? [] {
                if let other = byKey[key], other != spec.id {
                    let overridden = overrides[spec.id.rawValue] != nil ? spec.id : other
                    throw ConfigError(message: "[keys]: key `\(key.name)` is bound to both `\(other.rawValue)` and `\(spec.id.rawValue)`; rebind `\(overridden == spec.id ? other.rawValue : spec.id.rawValue)` too")
                }
                byKey[key] = spec.id
            }
        }
        keysByCommand = keys
        commandByKey = byKey
    }

    public func keys(for id: CommandID) -> [Key] { keysByCommand[id] ?? [] }

    public func command(for key: Key) -> CommandID? { commandByKey[key] }
}
