import WinnowCore
import WinnowStore

extension QueueSession {
    /// What a preset or a repeat did: on how many items, the values it set, and what a locus
    /// change brought along that the set did not name (reasons cleared, an owner following).
    static func describeApplied(_ labels: [LabelField: String], _ outcome: ChangeSet, source: String) -> String {
        let items = outcome.changedItems
        // One item goes without saying (it is the selected one): the message must fit beside `? help`.
        var text = items == 1 ? "\(source): \(Reducer.summary(labels))" : "\(source) on \(items) items: \(Reducer.summary(labels))"
        let brought = outcome.changes.filter { change in
            guard let field = LabelField(rawValue: change.field) else { return false }
            return labels[field] == nil
        }
        if let owner = brought.last(where: { $0.field == LabelField.owner.rawValue })?.newValue {
            text += " · owner \(SafeText.line(owner)), the locus's default"
        }
        if brought.contains(where: { $0.field == LabelField.reasons.rawValue }) {
            text += " · the old locus's reasons cleared"
        }
        if outcome.unchanged > 0 { text += " (\(outcome.unchanged) already so)" }
        return text
    }
}
