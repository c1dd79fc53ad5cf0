/// The agreement view: a modal context over the queue. Its keys move between fields and close
/// it (the queue's help and quit keys work too); its figures arrive from the background (`agreementLoaded`), so keys never wait for them.
extension Reducer {
    static func agreementKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var view = state.agreement else { return [] }
        switch state.keymap.command(for: key, only: .agreement) {
        case .agreementDown?: view.selected = min(max(0, view.fields.count - 1), view.selected + 1)
        case .agreementUp?: view.selected = max(0, view.selected - 1)
        case .agreementClose?:
            state.agreement = nil
            return []
        default:
            // The queue's help and quit keys work here too: help lists this view's keys first.
            switch state.keymap.command(for: key, only: .global) {
            case .help?:
                state.overlay = .help(scroll: 0, from: .agreement)
                return []
            case .quit?:
                return run(&state, .quit, argument: nil)
            default:
                let close = state.keymap.keys(for: .agreementClose).first?.label ?? ":agreement_close"
                state.message = .init(text: "\(key.label) is not bound in the agreement view (\(close) closes it)", isError: false)
            }
        }
        state.agreement = view
        return []
    }

    /// Figures for a view still open on the same round; an answer to an older question is dropped.
    static func agreementLoaded(_ state: inout AppState, round: String?, _ result: Result<[AgreementFigures], AgreementViewError>) {
        guard var view = state.agreement, view.round == round else { return }
        view.loading = false
        switch result {
        case .success(let fields):
            view.fields = fields
            view.error = nil
        case .failure(let error):
            view.fields = []
            view.error = error.message
        }
        view.selected = min(view.selected, max(0, view.fields.count - 1))
        state.agreement = view
    }
}
