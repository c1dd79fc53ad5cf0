import WinnowStore

/// The key after `s`, `S` or `+` (`AppState.pendingLabel`): the label's value, picked by the
/// label-value commands (`severity_value`, `status_*`, `trainable_*`); anything else sets nothing.
extension Reducer {
    static func labelValueKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let field = state.pendingLabel else { return [] }
        state.pendingLabel = nil
        let command = state.keymap.command(for: key, only: .labelValue)
        if command == .labelValueCancel { return [] }
        guard let value = labelValue(field, command: command, key: key, state: state) else {
            state.message = .init(text: "\(key.label) is not a \(field.rawValue) (\(labelPrompt(field, state)))", isError: true)
            return []
        }
        return label(&state, field, value)
    }

    /// The value each status and trainable command sets.
    static let fixedLabelValues: [(command: CommandID, field: LabelField, value: String, wording: String)] = [
        (.statusTriaged, .status, "triaged", "triaged"), (.statusResolved, .status, "resolved", "resolved"),
        (.statusWontFix, .status, "wont_fix", "won't fix"), (.statusReopen, .status, "new", "reopen"),
        (.trainableYes, .trainable, "yes", "may feed training exports"), (.trainableNo, .trainable, "no", "may not"),
    ]

    /// The value a command picks for a field: the n-th key of `severity_value` the n-th severity
    /// code; the status and trainable commands their own value. Nil when it is not one of the field's.
    static func labelValue(_ field: LabelField, command: CommandID?, key: Key, state: AppState) -> String? {
        guard let command else { return nil }
        if field == .severity, command == .severityValue {
            guard let n = state.keymap.keys(for: .severityValue).firstIndex(of: key), n < state.severityCodes.count else { return nil }
            return state.severityCodes[n]
        }
        return fixedLabelValues.first { $0.command == command && $0.field == field }?.value
    }

    /// The keys a label's value takes, as bound now: "1 S1 · 2 S2 …", "t triaged · r resolved …".
    public static func labelPrompt(_ field: LabelField, _ state: AppState) -> String {
        switch field {
        case .severity:
            let keys = state.keymap.keys(for: .severityValue)
            return zip(keys, state.severityCodes).map { "\($0.label) \($1)" }.joined(separator: " · ")
        case .status, .trainable:
            return fixedLabelValues.filter { $0.field == field }.compactMap { entry in
                state.keymap.keys(for: entry.command).first.map { "\($0.label) \(entry.wording)" }
            }.joined(separator: " · ")
        default:
            return (state.labelChoices[field] ?? []).joined(separator: " · ")
        }
    }
}
