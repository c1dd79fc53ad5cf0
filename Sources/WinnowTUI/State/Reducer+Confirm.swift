/// A y/n question (`AppState.confirmation`): `confirm_yes` does what was asked, `confirm_no`
/// declines; any other key declines too, and on an offer nobody asked for it then does what it does.
extension Reducer {
    static func confirmKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let confirmation = state.confirmation else { return [] }
        state.confirmation = nil
        let command = state.keymap.command(for: key, only: .confirm)
        // A bulk action leaves the marks: the next one applies to the same items.
        if command == .confirmYes { return [confirmation.effect] }
        state.message = .init(text: confirmation.declined ?? "Cancelled", isError: false)
        guard confirmation.otherKeysPassThrough, command != .confirmNo else { return [] }
        let effects = handleKey(&state, key)
        if state.message == nil { state.message = .init(text: confirmation.declined ?? "Cancelled", isError: false) }
        return effects
    }
}
