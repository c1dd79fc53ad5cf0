import WinnowStore

/// The scoring context's slice of the reducer: a QA reviewer scores their assignments in a round
/// blind, one key per level, the cursor moving on to the next field after each score, and
/// submits the whole item as one action.
extension Reducer {
    static let scoringCommands: Set<CommandID> = [.scoreLevel, .scoreSubmit, .scoreWhy, .scoreWhyItem, .scoreSkip, .scoreRevise,
                                                  .scoreClear, .scoreNextItem, .scorePrevItem]

    /// Queue commands that mean the same on the scoring screen as anywhere.
    static let commandsAnywhere: Set<CommandID> = [.help, .quit, .commandLine, .redraw, .theme, .nextTheme, .scoreRound, .roundsView,
                                                   .roundNew, .roundClose]

    static func scoringKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let command = state.keymap.command(for: key, in: state.keyContexts) else {
            state.message = .init(text: "\(key.label) is not bound while scoring (press ? for keys)", isError: false)
            return []
        }
        if command == .scoreLevel { return scoreWithKey(&state, key) }
        return runWhileScoring(&state, command, argument: nil)
    }

    /// A command on the scoring screen: the queue's movement keys move between fields, its
    /// triage keys are refused (they would act on a queue item not on screen).
    static func runWhileScoring(_ state: inout AppState, _ id: CommandID, argument: String?) -> [Effect] {
        guard var scoring = state.scoring else { return [] }
        switch id {
        case .moveDown, .moveUp, .goTop, .goBottom:
            let last = max(0, scoring.judged.count - 1)
            switch id {
            case .moveDown: scoring.fieldCursor = min(last, scoring.fieldCursor + 1)
            case .moveUp: scoring.fieldCursor = max(0, scoring.fieldCursor - 1)
            case .goTop: scoring.fieldCursor = 0
            default: scoring.fieldCursor = last
            }
        case .pageDown:
            scoring.evidenceScroll += max(1, state.height / 4)
        case .pageUp:
            scoring.evidenceScroll = max(0, scoring.evidenceScroll - max(1, state.height / 4))
        case .back, .cancel:
            state.scoring = nil
            state.message = .init(text: "Left round \(scoring.sheet.round)" + (scoring.values.isEmpty || !scoring.isEditable ? ""
                                    : ": the scores typed for #\(scoring.assignment?.itemID ?? 0) were not submitted"), isError: false)
            return []
        case .history:
            guard let item = scoring.assignment?.itemID else { return [] }
            return [.loadHistory(item)]
        case _ where scoringCommands.contains(id):
            return runScoring(&state, id, argument: argument)
        case _ where commandsAnywhere.contains(id):
            return run(&state, id, argument: argument)
        default:
            let back = state.keymap.keys(for: .back).first.map(\.label) ?? ":back"
            state.message = .init(text: "\(id.rawValue): not on the scoring screen (\(back) goes back to the queue)", isError: true)
            return []
        }
        state.scoring = scoring
        return []
    }

    /// The n-th score key sets the n-th level of the field under the cursor, then moves on.
    static func scoreWithKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let scoring = state.scoring, let field = scoring.currentField else { return [] }
        let keys = state.keymap.keys(for: .scoreLevel)
        guard let index = keys.firstIndex(of: key) else { return [] }
        let levels = scoring.sheet.fields[field]?.levels ?? []
        guard index < levels.count else {
            let range = levels.isEmpty ? "none" : keys.prefix(levels.count).map(\.label).joined(separator: " ")
            state.message = .init(text: "\(key.label) is off the scale of \(field.name): its keys are \(range)", isError: true)
            return []
        }
        return setScore(&state, field, levels[index].value)
    }

    static func setScore(_ state: inout AppState, _ field: JudgedField, _ value: String) -> [Effect] {
        guard var scoring = state.scoring else { return [] }
        if let refusal = notEditable(scoring, state) {
            state.message = .init(text: refusal, isError: true)
            return []
        }
        scoring.values[field] = value
        if let index = scoring.judged.firstIndex(of: field), index == scoring.fieldCursor {
            scoring.fieldCursor = min(scoring.judged.count - 1, index + 1)
        }
        let submit = state.keymap.keys(for: .scoreSubmit).first.map(\.label) ?? ":score_submit"
        let left = scoring.unscored.count
        state.message = .init(text: "\(field.name) \(value)" + (left == 0 ? " · all \(scoring.judged.count) scored: \(submit) submits"
                                                                : " · \(left) to score"), isError: false)
        state.scoring = scoring
        return []
    }

    /// Why a scoring command cannot run now (for the hint bar and the help), or nil when it can.
    static func scoringUnavailableReason(_ id: CommandID, _ state: AppState) -> String? {
        guard let scoring = state.scoring else {
            let open = state.keymap.keys(for: .scoreRound).first.map(\.label) ?? ":round"
            return "only on the scoring screen (\(open) opens it)"
        }
        guard let assignment = scoring.assignment else { return "no assignment on screen" }
        switch id {
        case .scoreRevise:
            if assignment.state != "submitted" || assignment.roundClosed || scoring.revising { return "only a submitted assignment is revised" }
            return assignment.itemComplete ? "the item is complete" : nil
        case .scoreSkip:
            return assignment.isOpen && !assignment.roundClosed && !scoring.sending ? nil : "only an open assignment is skipped"
        case .scoreNextItem, .scorePrevItem:
            return scoring.sheet.assignments.count > 1 ? nil : "this is your only assignment in the round"
        default:
            return notEditable(scoring, state)
        }
    }

    /// Why scores cannot be typed on the current assignment, or nil when they can.
    static func notEditable(_ scoring: ScoringState, _ state: AppState) -> String? {
        guard let assignment = scoring.assignment else { return "no assignment on screen" }
        if assignment.roundClosed { return "round \(scoring.sheet.round) is closed: nothing more can be scored in it" }
        if scoring.sending { return "the last submission is still being written" }
        if assignment.isOpen || scoring.revising { return nil }
        if assignment.state == "skipped" { return "#\(assignment.itemID) was skipped (\(assignment.skipReason ?? "no reason")); a skip is final" }
        let revise = state.keymap.keys(for: .scoreRevise).first.map(\.label) ?? ":score_revise"
        return assignment.itemComplete
            ? "#\(assignment.itemID) is complete: every reviewer's scores are in, so yours can no longer change"
            : "#\(assignment.itemID) is submitted: \(revise) reopens it for revision until the item is complete"
    }

    static func runScoring(_ state: inout AppState, _ id: CommandID, argument: String?) -> [Effect] {
        guard var scoring = state.scoring else { return [] }
        let text = argument?.trimmingCharacters(in: " ")
        switch id {
        case .scoreLevel:
            guard let field = scoring.currentField else { return [] }
            guard let value = text, !value.isEmpty else {
                let levels = scoring.sheet.fields[field]?.levels.map(\.value) ?? []
                state.message = .init(text: "score_level VALUE — \(field.name): \(levels.joined(separator: ", "))", isError: false)
                return []
            }
            // A triage label takes what the store accepts (several reason codes, a severity's name),
            // checked when submitted; a rubric dimension only its levels.
            guard case .dimension = field else { return setScore(&state, field, value) }
            guard scoring.sheet.fields[field]?.levels.contains(where: { $0.value == value }) ?? false else {
                let levels = scoring.sheet.fields[field]?.levels.map(\.value) ?? []
                state.message = .init(text: "\(field.name) `\(value)` is not on its scale: \(levels.joined(separator: ", "))", isError: true)
                return []
            }
            return setScore(&state, field, value)
        case .scoreClear:
            guard let field = scoring.currentField, notEditable(scoring, state) == nil else { return [] }
            scoring.values[field] = nil
            scoring.rationales[field] = nil
        case .scoreWhy, .scoreWhyItem:
            if let refusal = notEditable(scoring, state) {
                state.message = .init(text: refusal, isError: true)
                return []
            }
            let field = id == .scoreWhy ? scoring.currentField : nil
            if id == .scoreWhy, field == nil { return [] }
            guard let text else {
                // The input line, holding what was written so far, so it can be edited.
                let existing = (field.map { scoring.rationales[$0] } ?? scoring.itemRationale) ?? ""
                let line = id.rawValue + " " + existing
                state.input = .init(kind: .command, text: line, cursor: line.count)
                return []
            }
            if let field {
                scoring.rationales[field] = text.isEmpty ? nil : text
                state.message = .init(text: text.isEmpty ? "No rationale for \(field.name)" : "Rationale for \(field.name) noted", isError: false)
            } else {
                scoring.itemRationale = text.isEmpty ? nil : text
                state.message = .init(text: text.isEmpty ? "No rationale for the item" : "Rationale for the item noted", isError: false)
            }
        case .scoreSubmit:
            guard let assignment = scoring.assignment else { return [] }
            if let refusal = notEditable(scoring, state) {
                state.message = .init(text: refusal, isError: true)
                return []
            }
            let missing = scoring.unscored
            guard missing.isEmpty else {
                scoring.fieldCursor = scoring.judged.firstIndex(of: missing[0]) ?? 0
                state.scoring = scoring
                state.message = .init(text: "Score \(missing.map(\.name).joined(separator: ", ")) first", isError: true)
                return []
            }
            scoring.sending = true
            state.scoring = scoring
            return [.scoring(.submit(round: scoring.sheet.round, item: assignment.itemID, values: scoring.values,
                                     rationales: scoring.rationales, itemRationale: scoring.itemRationale, revising: scoring.revising))]
        case .scoreSkip:
            guard let assignment = scoring.assignment else { return [] }
            if scoring.sending {
                state.message = .init(text: "the last submission is still being written", isError: true)
                return []
            }
            guard assignment.isOpen, !assignment.roundClosed, !scoring.revising else {
                state.message = .init(text: "#\(assignment.itemID) is \(assignment.roundClosed ? "in a closed round" : assignment.state): only an open assignment can be skipped",
                                      isError: true)
                return []
            }
            guard let reason = text else {
                state.input = .init(kind: .command, text: id.rawValue + " ", cursor: id.rawValue.count + 1)
                state.message = .init(text: "Why skip #\(assignment.itemID)? A reason is required", isError: false)
                return []
            }
            guard !reason.isEmpty else {
                state.message = .init(text: "A skip needs a reason: say why #\(assignment.itemID) cannot be scored", isError: true)
                return []
            }
            scoring.sending = true
            state.scoring = scoring
            return [.scoring(.skip(round: scoring.sheet.round, item: assignment.itemID, reason: reason))]
        case .scoreRevise:
            guard let assignment = scoring.assignment else { return [] }
            guard assignment.state == "submitted", !assignment.roundClosed else {
                state.message = .init(text: assignment.isOpen ? "#\(assignment.itemID) is not submitted yet: score it, then submit"
                                      : notEditable(scoring, state) ?? "", isError: true)
                return []
            }
            guard !assignment.itemComplete else {
                state.message = .init(text: "#\(assignment.itemID) is complete: every reviewer's scores are in, so yours can no longer be revised (a dispute, if any, is decided by an adjudicator)",
                                      isError: true)
                return []
            }
            scoring.revising = true
            scoring.values = assignment.values
            scoring.rationales = [:]
            scoring.itemRationale = nil
            scoring.fieldCursor = 0
            let submit = state.keymap.keys(for: .scoreSubmit).first.map(\.label) ?? ":score_submit"
            state.message = .init(text: "Revising #\(assignment.itemID): change scores, then \(submit)", isError: false)
        case .scoreNextItem, .scorePrevItem:
            let count = scoring.sheet.assignments.count
            let target = scoring.current + (id == .scoreNextItem ? 1 : -1)
            guard count > 0, target >= 0, target < count else {
                state.message = .init(text: id == .scoreNextItem ? "This is your last assignment in the round" : "This is your first assignment in the round",
                                      isError: false)
                return []
            }
            if scoring.isEditable, !scoring.values.isEmpty, let item = scoring.assignment?.itemID {
                state.message = .init(text: "The scores typed for #\(item) were not submitted", isError: false)
            }
            state.scoring = scoring
            return showAssignment(&state, at: target)
        default:
            return []
        }
        state.scoring = scoring
        return []
    }

    /// Puts an assignment on screen with nothing typed for it, and asks for its evidence.
    static func showAssignment(_ state: inout AppState, at index: Int) -> [Effect] {
        guard var scoring = state.scoring, scoring.sheet.assignments.indices.contains(index) else { return [] }
        scoring.current = index
        scoring.fieldCursor = 0
        scoring.values = [:]
        scoring.rationales = [:]
        scoring.itemRationale = nil
        scoring.revising = false
        scoring.evidenceScroll = 0
        if scoring.item?.detail?.row.id != scoring.sheet.assignments[index].itemID { scoring.item = nil }
        state.scoring = scoring
        return [.scoring(.loadItem(round: scoring.sheet.round, item: scoring.sheet.assignments[index].itemID))]
    }

    /// Results of rounds work brought back by the runtime.
    static func reduceScoring(_ state: inout AppState, _ event: ScoringEvent) -> [Effect] {
        switch event {
        case .opened(let sheet, let item):
            state.roundNames = Array(Set(state.roundNames + [sheet.round])).sorted()
            state.scoring = ScoringState(sheet: sheet)
            let open = sheet.assignments.filter(\.isOpen).count
            let index = item.flatMap { id in sheet.assignments.firstIndex { $0.itemID == id } }
                ?? sheet.assignments.firstIndex(where: \.isOpen) ?? 0
            let keys = state.keymap.keys(for: .scoreLevel)
            let submit = state.keymap.keys(for: .scoreSubmit).first.map(\.label) ?? ":score_submit"
            state.message = .init(text: "Round \(sheet.round): \(open) of your \(sheet.assignments.count) to score · "
                                  + "\(keys.first?.label ?? "")–\(keys.last?.label ?? "") score, \(submit) submits · scores stay blind until each item is complete",
                                  isError: false)
            return showAssignment(&state, at: index)
        case .itemLoaded(let item, let id):
            guard state.scoring?.assignment?.itemID == id else { return [] }
            state.scoring?.item = item
            return []
        case .written(let sheet, let item, let message):
            guard var scoring = state.scoring, scoring.sheet.round == sheet.round else {
                state.message = .init(text: message, isError: false)
                return []
            }
            let position = sheet.assignments.firstIndex { $0.itemID == item } ?? scoring.current
            scoring.sheet = sheet
            scoring.sending = false
            state.scoring = scoring
            // On to the next open assignment after this one, wrapping round; none left: stay.
            let order = Array(sheet.assignments.indices.dropFirst(position + 1)) + Array(sheet.assignments.indices.prefix(position + 1))
            let next = order.first { sheet.assignments[$0].isOpen }
            state.message = .init(text: message + (next == nil ? " · all your assignments in \(sheet.round) are in" : ""), isError: false)
            return showAssignment(&state, at: next ?? position)
        case .refreshed(let sheet):
            guard var scoring = state.scoring, scoring.sheet.round == sheet.round else { return [] }
            let item = scoring.assignment?.itemID
            scoring.sheet = sheet
            scoring.current = sheet.assignments.firstIndex { $0.itemID == item } ?? min(scoring.current, max(0, sheet.assignments.count - 1))
            state.scoring = scoring
            return []
        case .refused(let text):
            state.scoring?.sending = false
            state.message = .init(text: text, isError: true)
            return []
        case .roundsLoaded(let rounds, let open):
            state.roundNames = rounds.map(\.round.name).sorted()
            guard open || state.rounds != nil else { return [] }
            // Asked for from the scoring screen: the rounds view takes its place.
            if open, !rounds.isEmpty { state.scoring = nil }
            let selectedName = state.rounds?.selectedRound?.round.name
            let selected = rounds.firstIndex { $0.round.name == selectedName } ?? 0
            state.rounds = RoundsState(rounds: rounds, selected: selected)
            if open, rounds.isEmpty {
                state.rounds = nil
                state.message = .init(text: "No rounds yet: a lead creates one with `:round_new NAME COUNT` or `winnow round new`", isError: false)
            }
            return []
        case .roundNames(let names):
            state.roundNames = names.sorted()
            return []
        }
    }
}
