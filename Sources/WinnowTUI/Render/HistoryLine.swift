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

    /// The lines wrapped to `width`, each continuing under its own text: a header under its
    /// action, a change under what it did (past its `#seq`).
    static func wrapped(_ records: [AuditRecord], viewing item: Int64, width: Int) -> [String] {
        lines(records, viewing: item).flatMap { line in
            TextLayout.wrap(line, width: width, hangingIndent: hangingIndent(of: line))
        }
    }

    /// Where a line's text starts: after `  #12  ` for a change, after `action ` for a header.
    static func hangingIndent(of line: String) -> Int {
        guard line.hasPrefix("  #") else { return "action ".count }
        let afterSeq = line.dropFirst(2).drop { $0 != " " }
        return line.count - afterSeq.drop { $0 == " " }.count
    }

    static func header(_ r: AuditRecord) -> String {
        // With its zone, so a time read from another office, or from a log, is never off by hours.
        let when = DetailLines.formatTimestamp(r.timestampMillis)
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
