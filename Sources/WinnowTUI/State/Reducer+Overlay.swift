/// The help and history overlays and the saved views picker: they scroll or move with the
/// navigation commands bound in their context; any other key closes them.
extension Reducer {
    static func overlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let command = state.keymap.command(for: key, only: .overlay)
        switch state.overlay {
        case .help(let scroll, let from):
            switch command {
            case .moveDown?: state.overlay = .help(scroll: scroll + 1, from: from)
            case .moveUp?: state.overlay = .help(scroll: max(0, scroll - 1), from: from)
            case .pageDown?: state.overlay = .help(scroll: scroll + state.height / 2, from: from)
            case .pageUp?: state.overlay = .help(scroll: max(0, scroll - state.height / 2), from: from)
            case .goTop?: state.overlay = .help(scroll: 0, from: from)
            case .quit?: return run(&state, .quit, argument: nil)
            default: state.overlay = nil
            }
        case .history(let itemID, let scroll):
            switch command {
            case .moveDown?: state.overlay = .history(itemID: itemID, scroll: scroll + 1)
            case .moveUp?: state.overlay = .history(itemID: itemID, scroll: max(0, scroll - 1))
            case .quit?: return run(&state, .quit, argument: nil)
            default: state.overlay = nil
            }
        default:
            break
        }
        return []
    }

    static func viewPickerKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .viewPicker(let selected) = state.overlay else { return [] }
        let count = state.savedViews.count
        switch state.keymap.command(for: key, only: .viewPicker) {
        case .moveDown?: state.overlay = .viewPicker(selected: min(count - 1, selected + 1))
        case .moveUp?: state.overlay = .viewPicker(selected: max(0, selected - 1))
        case .pickerSet?:
            state.overlay = nil
            guard state.savedViews.indices.contains(selected) else { return [] }
            return reduce(&state, .applyView(state.savedViews[selected]))
        case .viewPickerDelete?:
            guard state.savedViews.indices.contains(selected) else { return [] }
            let name = state.savedViews[selected].name
            state.overlay = nil
            return [.deleteView(name: name)]
        case .quit?: return run(&state, .quit, argument: nil)
        default: state.overlay = nil
        }
        return []
    }
}
