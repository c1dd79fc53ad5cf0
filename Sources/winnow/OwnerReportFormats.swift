import Foundation
import WinnowCore
import WinnowStore

/// Untrusted text inside Markdown: made safe for a terminal, on one line, with every character
/// Markdown would read as markup (emphasis, code, links, HTML, table pipes, headings) escaped, so
/// a prompt renders as the text it is when the report is pasted into a ticket.
enum MarkdownText {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "!", "{", "}"]

    static func escape(_ text: String) -> String {
        var out = ""
        for character in SafeText.line(text) {
            if special.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

enum OwnerReportMarkdown {
    static func text(_ report: OwnerReport, workspace: String, severities: [Severity]) -> String {
        let day = { (millis: Int64) in String(RFC3339.format(millis: millis).prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC" }
        var out = "# Owner report: \(MarkdownText.escape(workspace))\n\n"
        out += "This period: \(day(report.periodStartMillis)) to \(day(report.generatedMillis)); "
            + "the last period: from \(day(report.previousPeriodStartMillis)). "
            + "Open means new, in review or triaged (not resolved, not won't fix); merged duplicates count under their canonical item.\n"
        if report.owners.isEmpty { out += "\nNo items yet.\n" }
        let labels = Dictionary(severities.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        for section in report.owners {
            out += "\n## \(section.owner.map(MarkdownText.escape) ?? "Unassigned")\n\n"
            out += "**\(NumberFormat.grouped(section.openTotal)) open** · new this period \(NumberFormat.grouped(section.newThisPeriod)) "
                + "(last period \(NumberFormat.grouped(section.newLastPeriod))\(trend(section.newThisPeriod, section.newLastPeriod)))\n\n"
            if section.openTotal > 0 {
                out += "| Severity | Open |\n|---|---:|\n"
                for count in section.openBySeverity where count.count > 0 || labels[count.name] != nil {
                    let name = labels[count.name].map { "\(count.name) \($0)" } ?? count.name
                    out += "| \(MarkdownText.escape(name)) | \(NumberFormat.grouped(count.count)) |\n"
                }
                out += "\n"
            }
            if !section.topReasons.isEmpty || !section.topLoci.isEmpty {
                out += "Top reasons: " + list(section.topReasons) + " · top loci: " + list(section.topLoci) + "\n\n"
            }
            if !section.oldestOpenSevere.isEmpty {
                out += "### Oldest open \(severities.prefix(2).map(\.code).joined(separator: "/"))\n\n"
                out += "| Item | Severity | Since | Status | Prompt |\n|---|---|---|---|---|\n"
                for item in section.oldestOpenSevere {
                    out += "| #\(item.item) `\(code(item.eventID))` | \(MarkdownText.escape(item.severity ?? "")) | \(day(item.timestampMillis)) "
                        + "| \(MarkdownText.escape(item.status)) | \(MarkdownText.escape(clipped(item.prompt, 100))) |\n"
                }
                out += "\n"
            }
            if !section.examples.isEmpty {
                out += "### Examples\n\n"
                for example in section.examples {
                    let item = example.item
                    let labels = [item.severity, item.locus].compactMap { $0 }.map(MarkdownText.escape).joined(separator: " · ")
                    out += "- **#\(item.item)** `\(code(item.eventID))`\(labels.isEmpty ? "" : " · " + labels) · \(MarkdownText.escape(item.signal))\n"
                    out += "  - Prompt: \(MarkdownText.escape(item.prompt))\n"
                    out += "  - Response: \(MarkdownText.escape(example.response))\n"
                    out += "  - Correction: \(MarkdownText.escape(example.correction))\n"
                }
                out += "\n"
            }
            if !section.clusters.isEmpty {
                out += "### Clusters\n\n| Items | Canonical | Kind | Prompt |\n|---:|---|---|---|\n"
                for cluster in section.clusters {
                    let kind = cluster.suggestedGroup.map { "suggested (group \($0))" } ?? "merged"
                    out += "| \(cluster.size) | #\(cluster.canonical.item) `\(code(cluster.canonical.eventID))` | \(kind) "
                        + "| \(MarkdownText.escape(clipped(cluster.canonical.prompt, 100))) |\n"
                }
                out += "\n"
            }
        }
        return out
    }

    static func list(_ counts: [NamedCount]) -> String {
        counts.isEmpty ? "none" : counts.map { "\(MarkdownText.escape($0.name)) (\(NumberFormat.grouped($0.count)))" }.joined(separator: ", ")
    }

    static func trend(_ now: Int, _ before: Int) -> String {
        guard now != before else { return ", level" }
        guard before > 0 else { return ", up from none" }
        return String(format: ", %@%.0f%%", now > before ? "+" : "−", abs(Double(now - before)) / Double(before) * 100)
    }

    /// An id inside a code span: backticks cannot be escaped there, so they are replaced.
    static func code(_ text: String) -> String {
        SafeText.line(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "¦")
    }

    static func clipped(_ text: String, _ limit: Int) -> String { OwnerReport.excerpt(text, limit: limit) }
}

/// The report as CSV (RFC 4180), one row per owner and figure:
/// `owner,metric,key,value,item,event_id,text`. Metrics: open_total; open_by_severity (key: the
/// severity); top_reason, top_locus (key: the code or locus); new_this_period, new_last_period;
/// oldest_open_severe (key: severity, value: the event's time); example (value: the correction,
/// text: the prompt); cluster (key: merged or the suggested group, value: its size). Rows end in
/// CRLF; texts are on one line, a line break shown as `⏎`.
enum OwnerReportCSV {
    static let header = ["owner", "metric", "key", "value", "item", "event_id", "text"]

    static func text(_ report: OwnerReport) -> String {
        var rows = [header]
        for section in report.owners {
            let owner = section.owner ?? ""
            func row(_ metric: String, _ key: String = "", _ value: String = "", item: Int64? = nil, event: String = "", text: String = "") {
                rows.append([owner, metric, key, value, item.map(String.init) ?? "", event, text])
            }
            row("open_total", "", String(section.openTotal))
            for count in section.openBySeverity { row("open_by_severity", count.name, String(count.count)) }
            for count in section.topReasons { row("top_reason", count.name, String(count.count)) }
            for count in section.topLoci { row("top_locus", count.name, String(count.count)) }
            row("new_this_period", "", String(section.newThisPeriod))
            row("new_last_period", "", String(section.newLastPeriod))
            for item in section.oldestOpenSevere {
                row("oldest_open_severe", item.severity ?? "", RFC3339.format(millis: item.timestampMillis), item: item.item, event: item.eventID, text: item.prompt)
            }
            for example in section.examples {
                row("example", example.item.severity ?? "", example.correction, item: example.item.item, event: example.item.eventID, text: example.item.prompt)
            }
            for cluster in section.clusters {
                row("cluster", cluster.suggestedGroup.map { "suggested_group_\($0)" } ?? "merged", String(cluster.size),
                    item: cluster.canonical.item, event: cluster.canonical.eventID, text: cluster.canonical.prompt)
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. Each
    /// field is first made safe for a terminal on one line (a line break reads `⏎`), so the rows can
    /// go to standard output as they are, CRLF included.
    static func field(_ raw: String) -> String {
        let text = SafeText.line(raw)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
