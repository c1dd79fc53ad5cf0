/// The correction editor: keys go to the text, except its commands (`KeyContext.editor`): save
/// (^S), close keeping a draft (Esc), discard (^X), hand-over to $VISUAL/$EDITOR (^O) and the
/// edits of `TextEditor.Edit` (word moves, deleting to the line's ends…). A draft is written about once a second
/// while the text differs from the last one written, so a crash loses at most a second of typing.
extension Reducer {
    static func editorKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var editing = state.editing else { return [] }
        // Taken out of the state while it changes, so its text is not copied on every key.
        state.editing = nil
        var closed = false
        defer { if !closed { state.editing = editing } }
        switch state.keymap.command(for: key, only: .editor) {
        case .editorSave?:
            return [.saveCorrection(editing.itemID, text: editing.editor.text, baseVersion: editing.baseVersion)]
        case .editorClose?:
            closed = true
            let unchanged = editing.editor.text == editing.originalText
            if unchanged, !editing.hasDraft {
                state.message = .init(text: "Correction unchanged", isError: false)
                return []
            }
            // A resumed draft closed as it was is kept too, and the reviewer is told so.
            state.message = .init(text: "Draft kept: c on #\(editing.itemID) resumes it", isError: false)
            return editing.hasDraft && editing.editor.text == editing.lastDraft ? [] : [.saveDraft(editing.itemID, text: editing.editor.text)]
        case .editorDiscard?:
            state.confirmation = .init(question: "Discard this correction and its draft? y/n", effect: .discardDraft(editing.itemID))
            return []
        case .editorExternal?:
            return [.editExternally]
        case let command?:
            guard let edit = editorEdits[command] else { return [] }
            let area = editorArea(state, editing)
            editing.editor.perform(edit)
            editing.editor.scrollToCursor(width: area.width, height: area.height)
            return []
        case nil:
            // A key whose edit was rebound elsewhere does nothing: it is not typed either.
            if TextEditor.Edit(standardKey: key) != nil { return [] }
            let area = editorArea(state, editing)
            _ = editing.editor.apply(key, width: area.width, height: area.height)
            editing.editor.scrollToCursor(width: area.width, height: area.height)
            return []
        }
    }

    /// "^S saves · Esc keeps a draft", with the keys bound now.
    static func editorKeysReminder(_ state: AppState) -> String {
        let save = state.keymap.keys(for: .editorSave).first?.label ?? ":editor_save"
        let close = state.keymap.keys(for: .editorClose).first?.label ?? ":editor_close"
        return "\(save) saves · \(close) keeps a draft"
    }

    static let editorEdits: [CommandID: TextEditor.Edit] = [
        .editorWordLeft: .wordLeft, .editorWordRight: .wordRight, .editorLineStart: .lineStart, .editorLineEnd: .lineEnd,
        .editorKillLine: .killLine, .editorKillToStart: .killToStart, .editorDeleteWord: .deleteWordBackward,
    ]

    /// Text pasted at once (bracketed paste, or the external editor's result).
    static func editorReplace(_ state: inout AppState, text: String) {
        guard var editing = state.editing else { return }
        editing.editor = TextEditor(text: text)
        editing.editor.moveCursor(to: .end)
        let area = editorArea(state, editing)
        editing.editor.scrollToCursor(width: area.width, height: area.height)
        state.editing = editing
    }

    /// Opens the editor with the cursor at the end of the text, whatever the text came from
    /// (a new correction, an existing one, a resumed draft), scrolled to show it.
    static func openEditor(_ state: inout AppState, _ editing: CorrectionEditing) {
        var editing = editing
        editing.editor.moveCursor(to: .end)
        let area = editorArea(state, editing)
        editing.editor.scrollToCursor(width: area.width, height: area.height)
        state.editing = editing
    }

    /// Writes a draft when the text moved on since the last one.
    static func draftIfChanged(_ state: inout AppState) -> [Effect] {
        guard var editing = state.editing, editing.editor.text != editing.lastDraft,
              editing.editor.text != editing.originalText || editing.hasDraft else { return [] }
        editing.lastDraft = editing.editor.text
        editing.hasDraft = true
        state.editing = editing
        return [.saveDraft(editing.itemID, text: editing.editor.text)]
    }

    /// The text area of the editor: the body, less its title line and the pane showing the
    /// prompt and the response being corrected. `editing` is passed while it is out of the state
    /// (keys and pastes take it out so its text is not copied).
    static func editorArea(_ state: AppState, _ editing: CorrectionEditing? = nil) -> (width: Int, height: Int) {
        let context = (editing ?? state.editing).map { EditorView.contextRows($0, state.layout) } ?? 0
        return (max(10, state.width - 2), max(3, state.layout.bodyHeight - 1 - context))
    }
}

extension EditorCursor {
    /// Past the end of any text; `moveCursor(to:)` clamps it to the last character.
    static let end = EditorCursor(line: .max, column: .max)
}

/// A correction being written for one item.
public struct CorrectionEditing: Equatable, Sendable {
    public var itemID: Int64
    public var editor: TextEditor
    /// The text the editor opened with (changes are measured against it).
    public var originalText: String
    /// The text last written as a draft.
    public var lastDraft: String
    /// A draft exists in the store for this item.
    public var hasDraft: Bool
    /// Where the opening text came from, for the title ("your draft", "the correction", …).
    public var source: String
    /// The item's version when the editor opened: a save after someone else changed it is refused.
    public var baseVersion: Int
    /// The prompt and the response being corrected, shown above the text (nil when unknown).
    public var prompt: String?
    public var response: String?

    public init(itemID: Int64, text: String, source: String, fromDraft: Bool, baseVersion: Int, prompt: String? = nil,
                response: String? = nil) {
        self.prompt = prompt
        self.response = response
        self.baseVersion = baseVersion
        self.itemID = itemID
        editor = TextEditor(text: text)
        originalText = text
        lastDraft = fromDraft ? text : ""
        hasDraft = fromDraft
        self.source = source
    }
}

extension Reducer {
    /// A paste goes into the correction editor whole, or into the input line as one line; anywhere
    /// else it is refused rather than read as a stream of commands.
    static func paste(_ state: inout AppState, _ text: String) -> [Effect] {
        if var editing = state.editing {
            state.editing = nil
            editing.editor.insert(text)
            let area = editorArea(state, editing)
            editing.editor.scrollToCursor(width: area.width, height: area.height)
            state.editing = editing
            return []
        }
        if var input = state.input {
            var chars = Array(input.text)
            let line = text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }
            chars.insert(contentsOf: line, at: input.cursor)
            input.cursor += line.count
            input.text = String(chars)
            state.input = input
            return []
        }
        state.message = .init(text: "Pasted text is only taken by the correction editor (c) or a prompt (/, \\, :)", isError: false)
        return []
    }
}
