import Foundation
import WinnowCore
import WinnowStore

/// Review-round work against the store: the scoring screen's reads and writes (through the
/// store's blind rule, never around it) and the rounds view's.
extension QueueSession {
    func performRounds(_ effect: Effect, state: AppState) throws -> [Action]? {
        guard case .scoring(let work) = effect else { return nil }
        switch work {
        case .open(let round, let item):
            guard let name = try round ?? firstRoundWithOpenAssignments() else {
                let rounds = state.keymap.keys(for: .roundsView).first.map(\.label) ?? ":rounds"
                return [.message("You have no open assignments in any round (\(rounds) lists the rounds)", isError: false)]
            }
            let sheet = try scoringSheet(name)
            guard !sheet.assignments.isEmpty else {
                return [.message("You have no assignments in round \(SafeText.line(name))", isError: false)]
            }
            return [.scoring(.opened(sheet, item: item))]
        case .loadItem(let round, let item):
            // Superseded judgments are history (the `h` overlay has them); the screen shows what stands.
            // The assignments are read with them, so an item shown complete is listed complete.
            let judgments = try store.roundJudgments(item: item, viewer: identity).filter { $0.round == round && $0.state != "superseded" }
            return [.scoring(.refreshed(try scoringSheet(round))),
                    .scoring(.itemLoaded(ScoringItem(detail: try reader.detail(id: item), judgments: judgments), item: item))]
        case .refresh(let round):
            return [.scoring(.refreshed(try scoringSheet(round)))]
        case .submit(let round, let item, let values, let rationales, let itemRationale, let revising):
            let result: ScoreResult
            do {
                result = revising
                    ? try store.reviseJudgments(round: round, item: item, values: values, rationales: rationales, itemRationale: itemRationale,
                                                by: identity, at: clock())
                    : try store.submitJudgments(round: round, item: item, values: values, rationales: rationales, itemRationale: itemRationale,
                                                by: identity, at: clock())
            } catch {
                return [.scoring(.refused(Self.refusal(error)))]
            }
            var text = revising ? (result.judgments.isEmpty ? "Nothing changed on #\(item)" : "Revised \(result.judgments.count) score\(result.judgments.count == 1 ? "" : "s") on #\(item)")
                : "Submitted #\(item): \(values.count) score\(values.count == 1 ? "" : "s")"
            text += Self.completion(result)
            return [.scoring(.written(try sheetAfterWriting(round, state: state), item: item, message: text))]
        case .skip(let round, let item, let reason):
            let result: ScoreResult
            do {
                result = try store.skipAssignment(round: round, item: item, reason: reason, by: identity, at: clock())
            } catch {
                return [.scoring(.refused(Self.refusal(error)))]
            }
            return [.scoring(.written(try sheetAfterWriting(round, state: state), item: item, message: "Skipped #\(item)" + Self.completion(result)))]
        case .loadRounds(let open):
            return [.scoring(.roundsLoaded(try roundsProgress(), open: open))]
        case .create(var spec):
            // Nothing said to judge: the workspace's first rubric, as `winnow round new` would need spelled out.
            if spec.rubric == nil, spec.fields.isEmpty { spec.rubric = store.config.rubrics.first?.name }
            let round: RoundSummary
            do { round = try store.createRound(spec, by: identity, at: clock()) } catch { return [.message("round_new: " + Self.refusal(error), isError: true)] }
            let judged = (round.rubric.map { ["rubric \($0)"] } ?? []) + round.fields
            let text = "Round \(round.name): \(round.items) item\(round.items == 1 ? "" : "s"), \(round.assignments) assignments "
                + "to \(round.sample.reviewers.joined(separator: ", ")) · judging \(judged.joined(separator: ", ")) · \(round.overlap) blind each"
            return [.scoring(.roundsLoaded(try roundsProgress(), open: false)), .message(SafeText.line(text), isError: false)]
        case .close(let name):
            let closing: Store.RoundClosing
            do { closing = try store.closeRound(name, by: identity, at: clock()) } catch { return [.message("round_close: " + Self.refusal(error), isError: true)] }
            var parts: [String] = []
            if !closing.settledItems.isEmpty { parts.append("\(closing.settledItems.count) item\(closing.settledItems.count == 1 ? "" : "s") settled") }
            if !closing.disputesOpened.isEmpty { parts.append("\(closing.disputesOpened.count) dispute\(closing.disputesOpened.count == 1 ? "" : "s") opened") }
            if closing.openAssignments > 0 { parts.append("\(closing.openAssignments) open assignment\(closing.openAssignments == 1 ? "" : "s") ended unscored") }
            let text = "Closed round \(SafeText.line(name))" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
            return [.scoring(.roundsLoaded(try roundsProgress(), open: false)), .message(text, isError: false)]
        }
    }

    /// The round's assignments after a write; should reading them fail, the screen's own list, so
    /// that the screen hears of the write it made either way.
    func sheetAfterWriting(_ round: String, state: AppState) throws -> ScoringSheet {
        if let sheet = try? scoringSheet(round) { return sheet }
        guard let sheet = state.scoring?.sheet else { return try scoringSheet(round) }
        return sheet
    }

    /// Every round's progress, newest first as the store lists them.
    func roundsProgress() throws -> [RoundProgress] {
        try store.rounds().map { try store.roundProgress($0.name) }
    }

    /// What `r` opens: the first round (as the store lists them) where the reviewer has an open assignment.
    func firstRoundWithOpenAssignments() throws -> String? {
        try store.assignments(for: identity.reviewer).first(where: { $0.isOpen && !$0.roundClosed })?.round
    }

    /// The round's definition as the scorer reads it, and the reviewer's assignments in it in the
    /// round's order (so moving on after a submission goes down the list, not round it).
    func scoringSheet(_ name: String) throws -> ScoringSheet {
        let assignments = try store.assignments(for: identity.reviewer, round: name).sorted { $0.position < $1.position }
        let round = try store.roundProgress(name).round
        let rubric = round.rubric.flatMap { store.config.rubric(named: $0) }
        let severityNames = LabelWording(taxonomy: store.config.taxonomy).severityNames
        var fields: [JudgedField: ScoringField] = [:]
        for field in Set(assignments.flatMap(\.judged)) {
            switch field {
            case .dimension(let dimensionName):
                guard let dimension = rubric?.dimension(named: dimensionName) else { continue }
                fields[field] = ScoringField(field: field, description: dimension.description,
                                             levels: dimension.scale.levels.map { ScoringLevel(value: $0.value, anchor: $0.anchor) },
                                             checks: dimension.checks)
            case .label(let label):
                fields[field] = ScoringField(field: field, description: "Triage label, judged blind in this round",
                                             levels: store.allowedValues(label).map { ScoringLevel(value: $0, anchor: label == .severity ? severityNames[$0] : nil) })
            }
        }
        return ScoringSheet(round: round.name, rubric: round.rubric, rubricVersion: round.rubricVersion.map { String($0.prefix(12)) },
                            fields: fields, assignments: assignments)
    }

    /// What a completed item's settlement did, for the message after a submission or skip.
    static func completion(_ result: ScoreResult) -> String {
        guard result.itemCompleted else { return "" }
        return result.disputesOpened.isEmpty ? " · item complete: the scores agree"
            : " · item complete: \(result.disputesOpened.count) dispute\(result.disputesOpened.count == 1 ? "" : "s") opened"
    }

    /// A refused round action in plain words; nothing was written.
    static func refusal(_ error: Error) -> String {
        switch error {
        case let error as RoundError: error.description
        case let error as LabelError: error.description
        case let error as ClaimError: error.description
        case let error as ConcurrencyError: error.description
        case let error as StoreBusyError: error.description
        default: "store: \(error)"
        }
    }
}
