import WinnowConfig
import WinnowCore
import WinnowStore

/// Everything the screen shows, as plain values. The reducer changes it; presentation draws it.
public struct AppState: Equatable, Sendable {
    public enum Focus: Equatable, Sendable { case list, detail }

    public enum InputKind: String, Equatable, Sendable {
        case search, filter, command

        var prompt: String {
            switch self {
            case .search: "/"
            case .filter: "\\"
            case .command: ":"
            }
        }
    }

    public struct Input: Equatable, Sendable {
        public var kind: InputKind
        public var text: String
        /// Cursor position in characters.
        public var cursor: Int
        public var error: String?
        public var completions: [String] = []
    }

    public enum Overlay: Equatable, Sendable {
        /// `from`: the context it was opened from, whose keys it lists first.
        case help(scroll: Int, from: KeyContext = .list)
        case viewPicker(selected: Int)
        case history(itemID: Int64, scroll: Int)
        case picker(Picker)
    }

    public struct Message: Equatable, Sendable {
        public var text: String
        public var isError: Bool
    }

    // Screen and identity.
    public var width: Int
    public var height: Int
    public var workspaceName: String
    public var reviewer: String
    public var singleUser: Bool
    public var now: Int64

    // The queue: a window of rows around the cursor, positions absolute within `total`.
    public var total = 0
    public var openCount = 0
    public var rows: [QueueRow] = []
    public var windowStart = 0
    public var cursor = 0
    public var scrollTop = 0
    public var loaded = false
    /// The exact count is being computed in the background; `total` is a lower bound until then.
    public var countPending = false
    /// The first page is being read in the background: the queue is "searching…", not empty.
    public var pagePending = false

    public var focus: Focus = .list
    public var detail: ItemDetail?
    public var detailScroll = 0

    public var filter = FilterQuery()
    public var filterText = ""
    public var search: String?
    public var sort: QueueSort = .queue
    public var viewName: String?
    public var savedViews: [SavedView] = []
    /// The audit records of the item whose history is open.
    public var history: [AuditRecord] = []
    public var marked: Set<Int64> = []
    /// Each marked item's version when it was marked: a bulk action is checked against it, so a
    /// change made meanwhile by someone else, even far outside the loaded window, is refused.
    public var markedVersions: [Int64: Int] = [:]

    /// Waiting for the value key of a label (`s` then 1–4, `S` then t/r/w/o).
    public var pendingLabel: LabelField?
    /// A bulk action waiting for y/n, with what it will do.
    public var confirmation: Confirmation?
    /// Severity codes of the workspace, in order (keys 1, 2, 3… pick them).
    public var severityCodes: [String] = ["S1", "S2", "S3", "S4"]
    /// Each severity code's name ("critical"), accepted wherever the code is and shown beside it.
    public var severityNames: [String: String] = LabelWording(taxonomy: .defaults).severityNames
    /// The values each label accepts in this workspace, for completion and prompts.
    public var labelChoices: [LabelField: [String]] = [:]
    /// Each failure locus's reason codes and default owner, from the workspace's taxonomy.
    public var locusReasons: [String: [String]] = [:]
    public var locusOwners: [String: String] = [:]
    /// The workspace's label presets, each applied with its key.
    public var presets: [LabelPreset] = []
    /// The labels the reviewer last set on one item (or one set of marked items), gathered
    /// over the label actions on it: what `.` repeats on the next.
    public var lastLabels: [LabelField: String]?
    /// The items `lastLabels` were set on: another label action on them adds to the set.
    public var lastLabelledItems: [Int64] = []
    /// How many of this session's own changes can be undone and redone.
    public var undoDepth = 0
    public var redoDepth = 0
    /// Where a range mark (`V`) started: an absolute queue position.
    public var rangeAnchor: Int?
    /// Whether marking an item (Space) also moves the cursor down: `[ui] mark_moves_down` in winnow.toml.
    public var markMovesDown = false
    /// Whether the reviewer may decide disputes (the adjudicator role, or single-user mode): the
    /// dispute queue is read-only to anyone else.
    public var mayAdjudicate = true

    public struct Confirmation: Equatable, Sendable {
        public var question: String
        public var effect: Effect
        /// An offer nobody asked for (at start) declines on any other key, which then does
        /// what it does, so the first key of a session is never lost to it.
        public var otherKeysPassThrough = false
        /// Said when declined; "Cancelled" when nil.
        public var declined: String?
    }

    /// The correction editor, when open.
    public var editing: CorrectionEditing?
    public var input: Input?
    public var overlay: Overlay?
    /// The scoring screen (a QA reviewer's assignments in a round), when open.
    public var scoring: ScoringState?
    /// The rounds view, when open.
    public var rounds: RoundsState?
    /// The workspace's round names, for `:round` completion.
    public var roundNames: [String] = []
    public var message: Message?

    /// The dispute queue, when open: the queue filtered to disputes, with the adjudicator's keys.
    public var disputeQueue: DisputeQueue?
    /// The agreement view, when open.
    public var agreement: AgreementView?
    /// The insights view, when open.
    public var insights: InsightsView?
    /// The selected item's likely duplicates and suggested labels, read with its detail.
    public var suggestions: DuplicateSuggestions?
    /// The dedupe view, when open.
    public var dedupe: DedupeView?

    public var themeName: String
    public var themeNames: [String]
    public var keymap: Keymap
    public var shouldQuit = false

    public init(width: Int, height: Int, workspaceName: String, reviewer: String, singleUser: Bool, now: Int64,
                themeName: String, themeNames: [String], keymap: Keymap = .standard) {
        self.width = width
        self.height = height
        self.workspaceName = workspaceName
        self.reviewer = reviewer
        self.singleUser = singleUser
        self.now = now
        self.themeName = themeName
        self.themeNames = themeNames
        self.keymap = keymap
    }

    /// The contexts the screen is in, bottom first: the top one reads the next key (see
    /// `KeyContext`). Derived from the rooms that are open, so it can never disagree with them;
    /// the order is the precedence of those rooms: a y/n question over the editor that asked it,
    /// the input line over everything.
    public var keyContexts: [KeyContext] {
        var stack: [KeyContext] = [.global, focus == .detail ? .detail : .list]
        if disputeQueue != nil { stack.append(.disputes) }
        if !marked.isEmpty || rangeAnchor != nil { stack.append(.marks) }
        // A screen of its own replaces the queue's contexts: the queue's keys must not act on
        // items it does not show.
        if scoring != nil { stack = [.global, .scoring] } else if rounds != nil { stack = [.global, .rounds] }
        else if dedupe != nil { stack = [.global, .dedupe] }
        if agreement != nil { stack.append(.agreement) }
        if insights != nil { stack.append(.insights) }
        switch overlay {
        case .help?, .history?: stack.append(.overlay)
        case .viewPicker?: stack.append(.viewPicker)
        case .picker?: stack.append(.picker)
        case nil: break
        }
        if pendingLabel != nil { stack.append(.labelValue) }
        if editing != nil { stack.append(.editor) }
        if confirmation != nil { stack.append(.confirm) }
        if let input { stack.append(input.kind == .command ? .commandInput : .input) }
        return stack
    }

    /// The context reading keys now.
    public var keyContext: KeyContext { keyContexts.last! }

    public var selectedRow: QueueRow? {
        let i = cursor - windowStart
        return rows.indices.contains(i) ? rows[i] : nil
    }

    public var layout: Layout { Layout(width: width, height: height) }

    /// Rows of the queue that fit in the list pane.
    public var listHeight: Int { max(1, layout.list.height - 1) }
}

/// Where each pane goes. Wide terminals put the detail beside the list, narrow ones below it.
public struct Layout: Equatable, Sendable {
    public struct Rect: Equatable, Sendable {
        public var row: Int
        public var column: Int
        public var width: Int
        public var height: Int
    }

    public static let minimumWidth = 60
    public static let minimumHeight = 16
    public static let sideBySideWidth = 140

    public var width: Int
    public var height: Int

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    public var sideBySide: Bool { width >= Self.sideBySideWidth }

    /// Row 0 is the header; the last two rows are the hint line and the status bar.
    public var bodyHeight: Int { max(0, height - 3) }

    /// The list pane, its first row being the column header.
    public var list: Rect {
        if sideBySide {
            let w = max(60, width * 11 / 20)
            return Rect(row: 1, column: 0, width: w, height: bodyHeight)
        }
        let h = max(5, bodyHeight * 2 / 5)
        return Rect(row: 1, column: 0, width: width, height: h)
    }

    /// The detail pane, after its separator.
    public var detail: Rect {
        let l = list
        if sideBySide {
            return Rect(row: 1, column: l.width + 1, width: max(0, width - l.width - 1), height: bodyHeight)
        }
        return Rect(row: l.row + l.height + 1, column: 0, width: width, height: max(0, bodyHeight - l.height - 1))
    }

    public var hintRow: Int { height - 2 }
    public var statusRow: Int { height - 1 }
}
