/// Where a key is read. Each context binds its own keys to its own commands (the registry's
/// `CommandSpec.contexts`), so one key may mean different things in different contexts: `1` picks
/// the first entry in a picker and the first severity after `s`, while in the list it may be a
/// preset's key.
///
/// The screen is a stack of contexts (`AppState.keyContexts`), e.g. global → list → marks →
/// picker. A key is looked up from the top of the stack down; a *modal* context (a picker, the
/// editor, a y/n question, an input line, an overlay) takes every key itself, so nothing below it
/// answers, while the queue contexts (list, detail, marks) fall through to `global`. A key bound
/// twice in one context, or in a context and one that can lie below it, is a config error.
///
/// Adding a context (scoring, disputes, rounds, agreement):
/// 1. give it a case here, its `title`, and whether it `isModal` (and what may lie `below` it);
/// 2. its state: a struct of its own, held in `AppState` as an optional room, and a line in
///    `AppState.keyContexts` putting it on the stack when that room is open;
/// 3. its commands: `CommandID` cases and `CommandRegistry.all` entries naming it in `contexts`,
///    its hints in `CommandRegistry.hints`;
/// 4. its reducer slice in `Reducer+<Context>.swift`, and one line in `Reducer.keyHandler(for:)`;
/// 5. its view, drawn by `Presenter` when its room is open.
/// Help, hints, `winnow docs-keys` and `[keys]` remapping then follow from the registry.
public enum KeyContext: String, CaseIterable, Sendable {
    case global
    case list
    case detail
    case marks
    /// Waiting for a label's value: after `s`, `S` or `+`.
    case labelValue = "label_value"
    case picker
    case viewPicker = "view_picker"
    case editor
    case confirm
    /// The help and history overlays.
    case overlay
    /// The search and filter lines (`/`, `\`).
    case input
    /// The `:` command line.
    case commandInput = "command_input"
    /// A QA reviewer's assignments in a round: scoring them blind.
    case scoring
    /// The dispute queue: the queue filtered to open disputes, with the adjudicator's keys.
    case disputes
    /// Every round with its progress.
    case rounds
    /// The agreement figures of review rounds, drawn over the queue.
    case agreement
    /// The suggested near-duplicate groups, heaviest first.
    case dedupe
    /// Spikes, guardrails, velocity and the daily signal sparklines, drawn over the queue.
    case insights

    /// Takes every key itself: what it does not bind does not fall through to the contexts below.
    public var isModal: Bool {
        switch self {
        case .global, .list, .detail, .marks, .scoring, .disputes, .rounds, .dedupe: false
        case .labelValue, .picker, .viewPicker, .editor, .confirm, .overlay, .input, .commandInput, .agreement, .insights: true
        }
    }

    /// The contexts that may lie below this one with nothing modal between: a key bound here and
    /// there to different commands would shadow one of them.
    public var below: [KeyContext] {
        switch self {
        case .global: []
        case .list, .detail: [.global]
        // Screens of their own: their keys win over the queue's on them, on purpose (a score key
        // is a digit, skip is X; the dispute queue picks a value with a digit), so a workspace's
        // [keys] for the queue can never collide with them.
        case .scoring, .rounds, .disputes, .dedupe: []
        case .marks: [.list, .detail, .global]
        case .labelValue, .picker, .viewPicker, .editor, .confirm, .overlay, .input, .commandInput, .agreement, .insights: []
        }
    }

    /// Nothing binds it yet: left out of help and the key reference.
    public var isPlaceholder: Bool { false }

    /// Its heading in help and in the key reference.
    public var title: String {
        switch self {
        case .global: "Everywhere in the queue"
        case .list: "In the list"
        case .detail: "In the detail"
        case .marks: "With items marked"
        case .labelValue: "Label value (after s, S or +)"
        case .picker: "Label pickers (locus, reasons, owner)"
        case .viewPicker: "Saved views picker"
        case .editor: "Correction editor"
        case .confirm: "y/n questions"
        case .overlay: "Help and history overlays"
        case .input: "Search and filter lines (/ and \\)"
        case .commandInput: "Command line (:)"
        case .scoring: "Scoring a round"
        case .disputes: "Dispute queue"
        case .rounds: "Rounds view"
        case .agreement: "Agreement view"
        case .dedupe: "Dedupe view"
        case .insights: "Insights view"
        }
    }
}
