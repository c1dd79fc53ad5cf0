/// A label picker (locus, reasons, owner): its keys go to `Picker.handle`; a choice labels.
extension Reducer {
    static func pickerKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .picker(var picker) = state.overlay else { return [] }
        switch picker.handle(key, pageSize: max(1, state.height / 2), keymap: state.keymap) {
        case .stay: state.overlay = .picker(picker)
        case .cancel: state.overlay = nil
        case .choose(let values):
            state.overlay = nil
            return label(&state, picker.field, values.joined(separator: ","))
        }
        return []
    }
}
