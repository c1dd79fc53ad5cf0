import Foundation
import WinnowCore
import WinnowStore

/// The store side of disputes: reading an item's disputes for the adjudication detail, deciding,
/// reopening, raising one from triage, and the agreement figures (computed in the background).
/// A refusal is the store's own sentence, shown as it is; nothing was written.
extension QueueSession {
    func performDisputes(_ effect: Effect, state: AppState) throws -> [Action]? {
        do {
            return try performDisputesThrowing(effect, state: state)
        } catch let error as DisputeError {
            return [.message(error.description, isError: true)]
        }
    }

    private func performDisputesThrowing(_ effect: Effect, state: AppState) throws -> [Action]? {
        switch effect {
        case .loadDisputes(let item):
            let details = try store.disputes(item: item).map { try store.dispute($0.id) }
            return [.disputesLoaded(itemID: item, details, scales: try scales(of: details))]
        case .decideDispute(let id, let value, let rationale, let version):
            let changeSet = try store.decideDispute(id, value: value, rationale: rationale, by: identity, expectedVersion: version, at: clock())
            let decided = try store.dispute(id)
            let shown = DisputeMessage.value(decided.decision?.value ?? value, decided.summary.field, LabelWording(taxonomy: store.config.taxonomy))
            // A decision is no triage change of this reviewer's: it has no undo, a lead's reopen is the way back.
            return try changed(changeSet, state, "Decided dispute #\(id): \(decided.summary.field.name) \(shown) on #\(decided.summary.itemID) (no undo; a lead reopens it)",
                               undoable: false)
        case .reopenDispute(let id, let reason):
            let changeSet = try store.reopenDispute(id, reason: reason, by: identity, at: clock())
            let dispute = try store.dispute(id)
            return try changed(changeSet, state, "Reopened dispute #\(id) on the \(dispute.summary.field.name) of #\(dispute.summary.itemID): open for a new decision",
                               undoable: false)
        case .raiseDispute(let field, let item, let reason, let proposed, let version):
            let changeSet = try store.raiseDispute(field, on: item, reason: reason, proposedValue: proposed, by: identity,
                                                   expectedVersion: version, at: clock())
            return try changed(changeSet, state, DisputeMessage.raised(changeSet.disputesOpened, LabelWording(taxonomy: store.config.taxonomy)), undoable: false)
        case .computeInsights(let asOf):
            let store = self.store
            let now = clock()
            insightsWork.start { deliver in
                let result = Result { try store.insights(asOf: asOf, now: now) }.mapError { InsightsViewError(String(describing: $0)) }
                _ = deliver(.insightsLoaded(asOf: asOf, result))
            }
            return []
        case .computeAgreement(let round):
            let store = self.store
            agreementWork.start { deliver in
                _ = deliver(.agreementLoaded(round: round, AgreementComputation.figures(store, round: round)))
            }
            return []
        default:
            return nil
        }
    }

    /// The values each disputed field takes: a label's values in this workspace, a rubric
    /// dimension's levels in the round's rubric.
    private func scales(of details: [DisputeDetail]) throws -> [JudgedField: [String]] {
        var scales: [JudgedField: [String]] = [:]
        var rubrics: [String: String?]?
        for detail in details {
            switch detail.summary.field {
            case .label(let label):
                scales[detail.summary.field] = store.allowedValues(label)
            case .dimension(let name):
                if rubrics == nil { rubrics = Dictionary(try store.rounds().map { ($0.name, $0.rubric) }) { first, _ in first } }
                let rubric = detail.summary.roundName.flatMap { rubrics?[$0] ?? nil }.flatMap { store.config.rubric(named: $0) }
                scales[detail.summary.field] = rubric?.dimension(named: name)?.scale.levels.map(\.value) ?? []
            }
        }
        return scales
    }

    /// Whether the insights report is still being read.
    public var isComputingInsights: Bool { insightsWork.isRunning }

    /// Blocks until the insights report is read; for tests.
    public func waitForInsights() { insightsWork.wait() }

    /// Whether the agreement figures are still being computed.
    public var isComputingAgreement: Bool { agreementWork.isRunning }

    /// Blocks until the agreement figures are computed; for tests.
    public func waitForAgreement() { agreementWork.wait() }
}
