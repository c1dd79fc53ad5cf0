import WinnowCore
import WinnowStore

/// How an item's history (`h`) reads: each user action once, as a header (its id, when, who),
/// then what each of its records did to this item.
enum HistoryLine {
    static func lines(_ records: [AuditRecord], viewing item: Int64) -> [String] {
        var out: [String] = []
        var previous: AuditRecord?
        for r in records {
            if previous?.actionID != r.actionID { out.append(header(r)) }
            previous = r
            out.append("  " + change(r, viewing: item))
        }
        return out
    }

    static func header(_ r: AuditRecord) -> String {
        let when = RFC3339.format(millis: r.timestampMillis).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        return "action #\(r.actionID)  \(when)  \(SafeText.line(r.reviewer)) (\(SafeText.line(r.osUser)))"
    }

    static func change(_ r: AuditRecord, viewing item: Int64) -> String {
        var text = "#\(r.seq)  "
        if let other = r.itemID, other != item, r.field == "canonical" {
            // Another item's record: a duplicate joining or leaving the cluster this item leads.
            let move = r.newValue == String(item) ? "#\(other) merged into this item" : "#\(other) left this cluster"
            text += r.action == "merge" || r.action == "unmerge" ? move : "\(r.action): \(move)"
        } else {
            text += SafeText.line(r.action)
            // "claim claim" says nothing twice.
            if let field = r.field, field != r.action { text += " \(SafeText.line(field))" }
            text += ": \(SafeText.line(r.oldValue ?? "∅")) → \(SafeText.line(r.newValue ?? "∅"))"
        }
        if let reason = r.reason { text += "  — \(SafeText.line(reason))" }
        return text
    }
}
