import WinnowStore

/// Labelling from the queue: pickers, and the confirmation before a bulk change.
extension Reducer {
    /// The picker for a field, preset from the selected item: its locus highlighted; its reason codes
    /// ticked (only the codes of its locus, or of the marked items' common locus, offered); its owner,
    /// or else its locus's default owner, highlighted.
    /// Nil when the field has no list to pick from (or reasons without a locus).
    static func picker(for field: LabelField, _ state: AppState) -> Picker? {
        let detail = state.detail?.row.id == state.selectedRow?.id ? state.detail : nil
        let target = state.marked.isEmpty ? "item #\(state.selectedRow.map { String($0.id) } ?? "?")" : "\(state.marked.count) marked items"
        switch field {
        case .locus:
            let options = (state.labelChoices[.locus] ?? []).map { Picker.Option(value: $0, detail: state.locusOwners[$0].map { "owner " + $0 }) }
            return Picker(field: .locus, title: "Failure locus of \(target)", options: options, highlight: detail?.locus)
        case .reasons:
            // Only the locus's codes can be chosen: a code of another locus left on the item is
            // neither offered nor ticked, so Enter sets exactly what is shown.
            guard let choices = state.reasonChoices else { return nil }
            let (locus, codes) = (choices.locus, choices.codes)
            // The shown item's codes start ticked when it is one of the items the label goes to.
            let isTarget = detail.map { state.marked.isEmpty || state.marked.contains($0.row.id) } ?? false
            let current = (isTarget ? detail?.reasons ?? [] : []).filter(codes.contains)
            return Picker(field: .reasons, title: "Reason codes (\(locus)) of \(target) — Space ticks", options: codes.map { Picker.Option(value: $0) },
                          allowsSeveral: true, highlight: current.first, chosen: Set(current))
        case .owner:
            let suggested = detail?.locus.flatMap { state.locusOwners[$0] }
            let options = (state.labelChoices[.owner] ?? []).map { Picker.Option(value: $0, detail: $0 == suggested ? "default for \(detail?.locus ?? "")" : nil) }
            return Picker(field: .owner, title: "Owner of \(target)", options: options, highlight: state.selectedRow?.owner ?? suggested)
        default:
            return nil
        }
    }

    /// Labels the marked items (after a y/n that states the count), else the selected one.
    static func label(_ state: inout AppState, _ field: LabelField, _ value: String) -> [Effect] {
        let targets = state.marked.isEmpty ? state.selectedRow.map { [$0.id] } ?? [] : state.marked.sorted()
        guard !targets.isEmpty else {
            state.message = .init(text: "\(field.rawValue): no item selected", isError: true)
            return []
        }
        let effect = Effect.label(field: field, value: value, items: targets, versions: seenVersions(targets, state))
        if targets.count > 1 {
            state.confirmation = .init(question: "Set \(field.rawValue) \(state.labelWording.text(field, value)) on \(targets.count) marked items? y/n", effect: effect)
            return []
        }
        return [effect]
    }
}
