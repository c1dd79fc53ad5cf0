import WinnowStore

/// What a label action says it did, values worded for a reviewer: the label itself, and for a
/// locus what came with it in the same action (reasons cleared, the owner following the default,
/// or kept because a reviewer chose it by hand).
enum LabelMessage {
    static func text(_ field: LabelField, value: String, outcome: ChangeSet, wording: LabelWording) -> String {
        // The value as stored when something changed (a severity typed by its name reads as its code).
        let shown = wording.text(field, outcome.changes.first { $0.field == field.rawValue }?.newValue ?? value)
        let items = outcome.changes.filter { $0.field == field.rawValue }.count
        var text = "\(field.rawValue.capitalized) \(shown) on \(count(items))"
        if outcome.unchanged > 0 { text += " (\(outcome.unchanged) already \(shown))" }
        guard field == .locus else { return text }
        let locus = shown
        var parts = [text]
        let cleared = outcome.changes.filter { $0.field == LabelField.reasons.rawValue }
        if !cleared.isEmpty {
            var codes: [String] = []
            for change in cleared {
                let left = Set(Store.reasonCodes(change.newValue))
                for code in Store.reasonCodes(change.oldValue) where !left.contains(code) && !codes.contains(code) { codes.append(code) }
            }
            let on = cleared.count == 1 && items <= 1 ? "" : " on \(count(cleared.count))"
            parts.append("cleared reasons \(wording.text(.reasons, codes.joined(separator: ",")))\(on) (not codes of \(locus))")
        }
        let followed = outcome.changes.filter { $0.field == LabelField.owner.rawValue }
        if let first = followed.first {
            let owner = wording.text(.owner, first.newValue)
            if followed.count == 1, items <= 1, let old = first.oldValue {
                parts.append("owner \(wording.text(.owner, old)) → \(owner), the default of \(locus)")
            } else {
                let on = followed.count == 1 && items <= 1 ? "" : " on \(count(followed.count))"
                parts.append("owner \(owner)\(on), the default of \(locus)")
            }
        }
        let kept = outcome.keptOwners.sorted { $0.key < $1.key }
        if kept.count == 1, items <= 1 {
            parts.append("owner kept: \(wording.text(.owner, kept[0].value)) was chosen by hand")
        } else if !kept.isEmpty {
            var owners: [String] = []
            for (_, owner) in kept where !owners.contains(owner) { owners.append(owner) }
            parts.append("owner kept on \(count(kept.count)): chosen by hand (\(owners.map { wording.text(.owner, $0) }.joined(separator: ", ")))")
        }
        return parts.joined(separator: " · ")
    }

    private static func count(_ n: Int) -> String { "\(n) item\(n == 1 ? "" : "s")" }
}
