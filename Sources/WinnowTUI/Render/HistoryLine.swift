import WinnowCore
import WinnowStore

/// How one audit record reads in an item's history (`h`).
enum HistoryLine {
    static func text(_ r: AuditRecord, viewing item: Int64) -> String {
        let when = RFC3339.format(millis: r.timestampMillis).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        var text = "#\(r.seq)  \(when)  \(SafeText.line(r.reviewer)) (\(SafeText.line(r.osUser)))  "
        if let other = r.itemID, other != item, r.field == "canonical" {
            // Another item's record: a duplicate joining or leaving the cluster this item leads.
            let move = r.newValue == String(item) ? "#\(other) merged into this item" : "#\(other) left this cluster"
            text += r.action == "merge" || r.action == "unmerge" ? move : "\(r.action): \(move)"
        } else {
            text += r.action
            // "claim claim" says nothing twice.
            if let field = r.field, field != r.action { text += " \(SafeText.line(field))" }
            text += ": \(SafeText.line(r.oldValue ?? "∅")) → \(SafeText.line(r.newValue ?? "∅"))"
        }
        if let reason = r.reason { text += "  — \(SafeText.line(reason))" }
        return text
    }
}
