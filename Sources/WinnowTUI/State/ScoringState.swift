import WinnowStore

/// One value a judged field can take, offered with its key (the n-th level, the n-th key).
public struct ScoringLevel: Equatable, Sendable {
    public var value: String
    /// What the level means (a rubric anchor, a severity's name), when known.
    public var anchor: String?

    public init(value: String, anchor: String? = nil) {
        self.value = value
        self.anchor = anchor
    }
}

/// What the scorer reads about one judged field: a rubric dimension's definition, or a triage
/// label with the values the workspace gives it.
public struct ScoringField: Equatable, Sendable {
    public var field: JudgedField
    public var description: String?
    public var levels: [ScoringLevel]
    /// The dimension's concrete pass/fail checks, in the order written.
    public var checks: [String]

    public init(field: JudgedField, description: String? = nil, levels: [ScoringLevel], checks: [String] = []) {
        self.field = field
        self.description = description
        self.levels = levels
        self.checks = checks
    }
}

/// The item being scored as this reviewer may see it: its evidence, and the round's judgments of
/// it through the store's blind rule (others' values hidden until the item is complete).
public struct ScoringItem: Equatable, Sendable {
    public var detail: ItemDetail?
    public var judgments: [RoundJudgment]

    public init(detail: ItemDetail?, judgments: [RoundJudgment]) {
        self.detail = detail
        self.judgments = judgments
    }
}

/// What the session reads when the scoring screen opens on a round: its definition and the
/// reviewer's assignments in it.
public struct ScoringSheet: Equatable, Sendable {
    public var round: String
    public var rubric: String?
    /// The rubric version the round recorded, shortened for the screen.
    public var rubricVersion: String?
    public var fields: [JudgedField: ScoringField]
    public var assignments: [AssignmentRow]

    public init(round: String, rubric: String?, rubricVersion: String?, fields: [JudgedField: ScoringField], assignments: [AssignmentRow]) {
        self.round = round
        self.rubric = rubric
        self.rubricVersion = rubricVersion
        self.fields = fields
        self.assignments = assignments
    }
}

/// The scoring context's room: a QA reviewer's assignments in one round, the one being scored,
/// and the scores typed for it so far (nothing is written until it is submitted).
public struct ScoringState: Equatable, Sendable {
    public var sheet: ScoringSheet
    /// The assignment on screen (an index into `sheet.assignments`).
    public var current = 0
    /// The field the next score key sets (an index into the current assignment's `judged`).
    public var fieldCursor = 0
    /// Scores typed for the current assignment: its submitted values when it is being revised.
    public var values: [JudgedField: String] = [:]
    public var rationales: [JudgedField: String] = [:]
    public var itemRationale: String?
    /// A submitted assignment reopened with the revise key: submitting revises it.
    public var revising = false
    public var item: ScoringItem?
    public var evidenceScroll = 0
    /// A submission or skip is on its way to the store: another keypress must not send it twice.
    public var sending = false

    public init(sheet: ScoringSheet) {
        self.sheet = sheet
    }

    public var assignment: AssignmentRow? {
        sheet.assignments.indices.contains(current) ? sheet.assignments[current] : nil
    }

    /// What is judged on the current assignment, in the round's order.
    public var judged: [JudgedField] { assignment?.judged ?? [] }

    public var currentField: JudgedField? {
        judged.indices.contains(fieldCursor) ? judged[fieldCursor] : nil
    }

    /// Scores may be typed: an open assignment, or a submitted one reopened for revision.
    public var isEditable: Bool {
        guard let assignment, !assignment.roundClosed else { return false }
        return assignment.isOpen || revising
    }

    /// The fields still without a score, in order.
    public var unscored: [JudgedField] { judged.filter { values[$0] == nil } }
}

/// Work on rounds that the runtime does against the store.
public enum ScoringEffect: Equatable, Sendable {
    /// Open the scoring screen on a round (nil: the first with open assignments for the reviewer),
    /// at an item when given.
    case open(round: String?, item: Int64? = nil)
    /// The evidence and the visible judgments of an item in the round.
    case loadItem(round: String, item: Int64)
    /// Another process committed: the reviewer's assignments read again, the screen staying put.
    case refresh(round: String)
    case submit(round: String, item: Int64, values: [JudgedField: String], rationales: [JudgedField: String],
                itemRationale: String?, revising: Bool)
    case skip(round: String, item: Int64, reason: String)
    /// The rounds view's rows: every round's progress.
    case loadRounds(open: Bool)
    case create(RoundSpec)
    case close(round: String)
}

/// What the runtime brings back from rounds work.
public enum ScoringEvent: Equatable, Sendable {
    case opened(ScoringSheet, item: Int64?)
    case itemLoaded(ScoringItem, item: Int64)
    case refreshed(ScoringSheet)
    /// A submission, revision or skip was written: the round's assignments as they are now, and
    /// what to say. The screen moves on to the next open assignment.
    case written(ScoringSheet, item: Int64, message: String)
    case roundsLoaded([RoundProgress], open: Bool)
    /// The round names known to the workspace, for completion.
    case roundNames([String])
    /// A submission or skip was refused: the scores typed stay, to be fixed and sent again.
    case refused(String)
}
