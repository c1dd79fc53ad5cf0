import WinnowCore
import WinnowStore

extension QueueSession {
    /// What a preset or a repeat did, said in full: the labels it set, on how many items, and what
    /// a locus change brought along that the set did not name (reasons cleared, an owner following).
    static func describeApplied(_ labels: [LabelField: String], _ outcome: ChangeSet, source: String) -> String {
        let items = outcome.changedItems
        var text = "\(source): \(Reducer.describe(labels)) on \(items) item\(items == 1 ? "" : "s")"
        let brought = outcome.changes.filter { change in
            guard let field = LabelField(rawValue: change.field) else { return false }
            return labels[field] == nil
        }
        if let owner = brought.last(where: { $0.field == LabelField.owner.rawValue })?.newValue {
            text += " · owner → \(SafeText.line(owner)) (the locus's default)"
        }
        if brought.contains(where: { $0.field == LabelField.reasons.rawValue }) {
            text += " · reasons of the old locus cleared"
        }
        if outcome.unchanged > 0 { text += " (\(outcome.unchanged) already so)" }
        return text
    }
}
