import WinnowCore
import WinnowStore

/// The dispute queue and adjudication (`d`, `1`…`9`, `=`, `:decide`, `f`, `X`), `:dispute` in
/// triage, and opening the agreement view. The store decides what is allowed; the reducer only
/// refuses what it can tell from the screen (no dispute shown, a party to it deciding, a value off
/// the field's scale, no rationale) with the same words, before anything is typed in vain.
extension Reducer {
    static let disputeCommands: Set<CommandID> = [.disputeQueue, .raiseDispute, .adjudicatePick, .adjudicateOther, .decide,
                                                  .nextDispute, .reopen, .agreement]

    /// The `dispute:` scopes the dispute queue takes.
    static let disputeScopes = ["open", "mine", "decided", "any"]

    /// The labels `:dispute` takes: every judgment of triage (a note is an annotation).
    static var disputableFields: [String] { LabelField.allCases.filter { $0 != .note }.map(\.rawValue) }

    static func disputeUnavailableReason(_ id: CommandID, _ state: AppState) -> String? {
        switch id {
        case .disputeQueue, .agreement:
            return nil
        case .raiseDispute:
            return state.selectedRow == nil ? "no item selected" : nil
        default:
            break
        }
        guard let queue = state.disputeQueue else {
            let key = state.keymap.keys(for: .disputeQueue).first.map(\.label) ?? ":disputes"
            return "only in the dispute queue (\(key) opens it)"
        }
        guard let row = state.selectedRow else { return "no item selected" }
        guard queue.itemID == row.id, let shown = queue.shown else { return "#\(row.id) has no dispute to show (yet)" }
        switch id {
        case .adjudicatePick, .adjudicateOther, .decide:
            return shown.summary.state == .open ? nil
                : "dispute #\(shown.summary.id) is decided; a lead reopens it (\(state.keymap.keys(for: .reopen).first?.label ?? ":reopen"))"
        case .nextDispute:
            return queue.disputes.count < 2 ? "#\(row.id) has one dispute" : nil
        case .reopen:
            return decidedDispute(queue) == nil ? "#\(row.id) has no decided dispute (`:disputes decided` lists those that have)" : nil
        default:
            return nil
        }
    }

    static func runDisputes(_ state: inout AppState, _ id: CommandID, argument: String?) -> [Effect] {
        let argument = argument?.trimmingCharacters(in: " ").nilIfEmpty
        switch id {
        case .disputeQueue: return toggleDisputeQueue(&state, scope: argument)
        case .raiseDispute: return raiseDispute(&state, argument)
        case .agreement:
            state.agreement = AgreementView(round: argument)
            return [.computeAgreement(round: argument)]
        case .nextDispute:
            guard var queue = state.disputeQueue else { return [] }
            queue.current = (queue.current + 1) % queue.disputes.count
            state.disputeQueue = queue
            let shown = queue.shown!
            state.message = .init(text: "Dispute #\(shown.summary.id): \(shown.summary.field.name) (\(queue.current + 1) of \(queue.disputes.count))",
                                  isError: false)
            return []
        case .adjudicatePick:
            let shown = state.disputeQueue!.shown!
            if let refusal = partyRefusal(shown, state) { return refuse(&state, refusal) }
            let choices = DisputeQueue.choices(shown)
            guard let n = argument.flatMap({ Int($0) }), choices.indices.contains(n - 1) else {
                return refuse(&state, "adjudicate_pick: dispute #\(shown.summary.id) has \(choices.count) competing value\(choices.count == 1 ? "" : "s") (1–\(choices.count))")
            }
            openRationale(&state, value: choices[n - 1])
            return []
        case .adjudicateOther:
            let shown = state.disputeQueue!.shown!
            if let refusal = partyRefusal(shown, state) { return refuse(&state, refusal) }
            state.input = .init(kind: .command, text: "decide ", cursor: 7, completions: decisionValues(shown, state))
            return []
        case .decide:
            return decide(&state, argument)
        case .reopen:
            let dispute = decidedDispute(state.disputeQueue!)!
            guard let reason = argument else {
                state.input = .init(kind: .command, text: "reopen ", cursor: 7)
                state.message = .init(text: "Reopen dispute #\(dispute.summary.id): say why", isError: false)
                return []
            }
            return [.reopenDispute(dispute.summary.id, reason: reason)]
        default:
            return []
        }
    }

    /// The store's own words for someone who may not decide the dispute: not an adjudicator, or
    /// a party to it.
    static func partyRefusal(_ dispute: DisputeDetail, _ state: AppState) -> String? {
        guard state.mayAdjudicate else { return DisputeError.notAdjudicator(reviewer: state.reviewer).description }
        guard dispute.disputants.contains(state.reviewer) else { return nil }
        return DisputeError.disputant(reviewer: state.reviewer, dispute: dispute.summary.id).description
    }

    static func refuse(_ state: inout AppState, _ text: String) -> [Effect] {
        state.message = .init(text: text, isError: true)
        return []
    }

    /// The one-line rationale input after a value is chosen: `:decide VALUE ` with the cursor at its end.
    static func openRationale(_ state: inout AppState, value: String, error: String? = nil) {
        let text = "decide \(value) "
        state.input = .init(kind: .command, text: text, cursor: text.count, error: error)
    }

    /// What a decision may take: the field's values, else the competing ones.
    static func decisionValues(_ dispute: DisputeDetail, _ state: AppState) -> [String] {
        let scale = state.disputeQueue?.scales[dispute.summary.field] ?? []
        return scale.isEmpty ? DisputeQueue.choices(dispute) : scale
    }

    static func decide(_ state: inout AppState, _ argument: String?) -> [Effect] {
        let shown = state.disputeQueue!.shown!
        if let refusal = partyRefusal(shown, state) { return refuse(&state, refusal) }
        guard let argument else {
            state.input = .init(kind: .command, text: "decide ", cursor: 7, completions: decisionValues(shown, state))
            return []
        }
        let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
        let value = words[0]
        let allowed = decisionValues(shown, state)
        var accepted = allowed
        if case .label(.severity) = shown.summary.field { accepted += state.severityChoices }
        guard accepted.contains(value) || DisputeQueue.choices(shown).contains(value) else {
            state.input = .init(kind: .command, text: "decide ", cursor: 7,
                                error: "\(shown.summary.field.name) `\(value)` is not one of: \(allowed.joined(separator: ", "))")
            return []
        }
        guard words.count == 2, let rationale = words[1].trimmingCharacters(in: " ").nilIfEmpty else {
            openRationale(&state, value: value, error: DisputeError.rationaleRequired.description)
            return []
        }
        return [.decideDispute(shown.summary.id, value: value, rationale: rationale, itemVersion: shown.itemVersion)]
    }

    /// The dispute `X` reopens: the one shown when it is decided, else the item's first decided one.
    static func decidedDispute(_ queue: DisputeQueue) -> DisputeDetail? {
        if let shown = queue.shown, shown.summary.state == .decided { return shown }
        return queue.disputes.first { $0.summary.state == .decided }
    }

    static func toggleDisputeQueue(_ state: inout AppState, scope: String?) -> [Effect] {
        if let queue = state.disputeQueue, scope == nil {
            state.disputeQueue = nil
            state.filter = queue.previousFilter
            state.filterText = queue.previousFilterText
            state.viewName = queue.previousViewName
            state.message = .init(text: "Left the dispute queue", isError: false)
            return [.reload(keepingItem: state.selectedRow?.id, position: state.cursor)]
        }
        // An adjudicator's own queue leaves out what they may not decide; anyone else reads them all.
        let scope = scope ?? (state.singleUser || !state.mayAdjudicate ? "open" : "mine")
        guard disputeScopes.contains(scope) else {
            return refuse(&state, "disputes: choose one of \(disputeScopes.joined(separator: ", "))")
        }
        let text = "dispute:\(scope)"
        guard let query = try? FilterQuery.parse(text, vocabulary: state.filterVocabulary) else { return [] }
        let queue = state.disputeQueue ?? DisputeQueue(scope: scope, previousFilterText: state.filterText, previousFilter: state.filter,
                                                      previousViewName: state.viewName)
        state.disputeQueue = queue
        state.disputeQueue!.scope = scope
        state.filter = query
        state.filterText = text
        state.viewName = nil
        state.focus = .list
        // The detail is read again, and its disputes with it.
        state.detail = nil
        let pick = state.keymap.keys(for: .adjudicatePick).first?.label ?? ":adjudicate_pick"
        let leave = state.keymap.keys(for: .disputeQueue).first?.label ?? ":disputes"
        let whose = scope == "mine" ? "open disputes you may decide" : scope == "open" ? "open disputes" : "\(scope) disputes"
        let deciding = state.mayAdjudicate ? "\(pick)… picks a value" : "read only: an adjudicator decides them"
        state.message = .init(text: "Dispute queue: \(whose) · \(deciding) · \(leave) leaves", isError: false)
        return [.reload(keepingItem: nil, position: 0)]
    }

    /// `:dispute FIELD[=VALUE] REASON` on the selected item.
    static func raiseDispute(_ state: inout AppState, _ argument: String?) -> [Effect] {
        guard let argument else {
            state.input = .init(kind: .command, text: "dispute ", cursor: 8, completions: disputableFields)
            return []
        }
        let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
        let fieldAndValue = words[0].split(separator: "=", maxSplits: 1).map(String.init)
        guard let field = LabelField(rawValue: fieldAndValue[0]), field != .note else {
            return refuse(&state, "dispute: `\(words[0])` is not a label to dispute (\(disputableFields.joined(separator: ", ")))")
        }
        guard words.count == 2, let reason = words[1].trimmingCharacters(in: " ").nilIfEmpty else {
            let text = "dispute \(words[0]) "
            state.input = .init(kind: .command, text: text, cursor: text.count, error: DisputeError.reasonRequired.description)
            return []
        }
        let row = state.selectedRow!
        let version = seenVersions([row.id], state)[row.id] ?? row.version
        return [.raiseDispute(field, item: row.id, reason: reason, proposedValue: fieldAndValue.count == 2 ? fieldAndValue[1] : nil,
                              version: version)]
    }

    /// An item's disputes arrived: shown open first, the one shown before kept when it is still there.
    static func disputesLoaded(_ state: inout AppState, itemID: Int64, _ disputes: [DisputeDetail], scales: [JudgedField: [String]]) {
        guard var queue = state.disputeQueue, state.selectedRow?.id == itemID else { return }
        let previous = queue.itemID == itemID ? queue.shown?.summary.id : nil
        queue.itemID = itemID
        queue.disputes = disputes.filter { $0.summary.state == .open } + disputes.filter { $0.summary.state != .open }
        queue.scales = scales
        queue.current = previous.flatMap { id in queue.disputes.firstIndex { $0.summary.id == id } } ?? 0
        state.disputeQueue = queue
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
