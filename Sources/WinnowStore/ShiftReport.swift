import Foundation
import GRDB
import WinnowCore

/// A reviewer's shift, read back from the audit log: what was labelled, how fast, what is left.
public struct ShiftReport: Codable, Sendable, Equatable {
    public var reviewer: String
    public var sinceMillis: Int64
    public var untilMillis: Int64
    /// Distinct items the reviewer changed, counting only changes still in effect at the end
    /// (an undone label is no change). A merge alone is counted in `itemsMerged` instead.
    public var itemsLabelled: Int
    /// Fields of items whose label the shift changed, all label fields together.
    public var labels: Int
    public var bySeverity: [String: Int]
    public var byStatus: [String: Int]
    public var byLocus: [String: Int]
    /// Merge actions (each may merge several items), less those undone.
    public var merges: Int
    /// Items that the shift merged into another as duplicates and that are still merged.
    public var itemsMerged: Int
    /// Correction actions (written, accepted or rejected), one per item and action, less those undone.
    public var corrections: Int
    /// Claims taken (new claims, not renewals) and claims taken over as a lead.
    public var claimsTaken: Int
    public var takeovers: Int
    public var itemsStillClaimed: Int
    /// Median seconds between moving from one item to the next.
    public var medianSecondsPerItem: Double?
    public var itemsPerHour: Double?
    /// The audit log's head (`SEQ:HASH`) when the report was made: kept outside the workspace, it
    /// lets `winnow audit verify --head` prove the log was not cut back or rewritten since.
    public var auditHead: String
    /// Who worked the workspace in the period: filled in when the reviewer did nothing in it, so
    /// an empty shift points at the ones that are not.
    public var workedBy: [ShiftWorker]?
    /// What spiked, a line per flag and drifted guardrail (`winnow spikes` as of the shift's end);
    /// nil when the insights could not be read, which leaves the rest of the handoff standing.
    public var spiked: [String]?

    /// Whether the shift changed anything worth a summary: labels, merges or corrections.
    public var hasChanges: Bool { labels > 0 || itemsMerged > 0 || corrections > 0 }

    enum CodingKeys: String, CodingKey {
        case reviewer, labels, merges, corrections, takeovers, spiked
        case claimsTaken = "claims_taken"
        case sinceMillis = "since_ms"
        case untilMillis = "until_ms"
        case itemsLabelled = "items_labelled"
        case itemsMerged = "items_merged"
        case workedBy = "worked_by"
        case bySeverity = "by_severity"
        case byStatus = "by_status"
        case byLocus = "by_locus"
        case itemsStillClaimed = "items_still_claimed"
        case medianSecondsPerItem = "median_seconds_per_item"
        case itemsPerHour = "items_per_hour"
        case auditHead = "audit_head"
    }
}

extension Store {
    public func shiftReport(reviewer: String, since: Int64, until: Int64 = Clock.nowMillis()) throws -> ShiftReport {
        var report = ShiftReport(reviewer: reviewer, sinceMillis: since, untilMillis: until, itemsLabelled: 0, labels: 0,
                                 bySeverity: [:], byStatus: [:], byLocus: [:], merges: 0, itemsMerged: 0, corrections: 0,
                                 claimsTaken: 0, takeovers: 0, itemsStillClaimed: 0,
                                 medianSecondsPerItem: nil, itemsPerHour: nil, auditHead: "")
        // When the reviewer first touched each new item, in order: the gaps are time per item.
        var itemStarts: [Int64] = []
        var lastItem: Int64?
        var touched = Set<Int64>()
        // What the shift did is its net effect: each (item, field)'s value before its first
        // change and after its last, so a label undone (or put back) counts as it ends.
        var before: [FieldKey: String?] = [:]
        var after: [FieldKey: String?] = [:]
        // Records name their action: a merge is one action id, a correction one (item, action id).
        // An undo or redo is one action too.
        var merges = Set<Int64>(), mergesUndone = Set<Int64>(), mergesRedone = Set<Int64>()
        var corrected = Set<[Int64]>(), correctionsUndone = Set<[Int64]>(), correctionsRedone = Set<[Int64]>()
        let work: Set = ["label", "merge", "correct"]
        let fieldChanges: Set = ["label", "merge", "unmerge", "correct", "undo", "redo"]
        try AuditLog.forEach(AuditLog.Query(reviewer: reviewer, sinceMillis: since), in: self) { r in
            guard r.timestampMillis <= until else { return }
            guard let item = r.itemID else { return }
            if work.contains(r.action) {
                touched.insert(item)
                if item != lastItem { itemStarts.append(r.timestampMillis); lastItem = item }
            }
            if let field = r.field, fieldChanges.contains(r.action) {
                let key = FieldKey(item: item, field: field)
                if before[key] == nil { before[key] = .some(r.oldValue) }
                after[key] = .some(r.newValue)
            }
            let isCanonical = r.field == ItemField.canonical.rawValue
            let isCorrection = r.field == ItemField.correction.rawValue || r.field == ItemField.correctionState.rawValue
            switch r.action {
            case "merge": merges.insert(r.actionID)
            case "correct": corrected.insert([item, r.actionID])
            case "claim": report.claimsTaken += 1
            case "takeover": report.takeovers += 1
            // Undoing a merge empties the duplicate's canonical; redoing one sets it again.
            case "undo" where isCanonical && r.newValue == nil: mergesUndone.insert(r.actionID)
            case "redo" where isCanonical && r.oldValue == nil: mergesRedone.insert(r.actionID)
            case "undo" where isCorrection: correctionsUndone.insert([item, r.actionID])
            case "redo" where isCorrection: correctionsRedone.insert([item, r.actionID])
            default: break
            }
        }
        let labelFields = Set(LabelField.allCases.map(\.rawValue))
        var changedItems = Set<Int64>()
        for (key, first) in before {
            guard let last = after[key], last != first else { continue }
            if key.field == ItemField.canonical.rawValue {
                if first == nil, last != nil { report.itemsMerged += 1 }
                continue
            }
            changedItems.insert(key.item)
            guard labelFields.contains(key.field) else { continue }
            report.labels += 1
            guard let value = last else { continue }
            switch key.field {
            case LabelField.severity.rawValue: report.bySeverity[value, default: 0] += 1
            case LabelField.status.rawValue: report.byStatus[value, default: 0] += 1
            case LabelField.locus.rawValue: report.byLocus[value, default: 0] += 1
            default: break
            }
        }
        report.itemsLabelled = changedItems.count
        report.merges = max(0, merges.count - mergesUndone.count + mergesRedone.count)
        report.corrections = max(0, corrected.count - correctionsUndone.count + correctionsRedone.count)
        let gaps = zip(itemStarts, itemStarts.dropFirst()).map { Double($1 - $0) / 1000 }.sorted()
        if !gaps.isEmpty {
            report.medianSecondsPerItem = gaps.count % 2 == 1 ? gaps[gaps.count / 2]
                : (gaps[gaps.count / 2 - 1] + gaps[gaps.count / 2]) / 2
        }
        if let first = itemStarts.first, let last = itemStarts.last, last > first {
            // Pace is work done, undone or not.
            report.itemsPerHour = Double(touched.count) / (Double(last - first) / 3_600_000)
        }
        try pool.read { db in
            report.itemsStillClaimed = try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE claimed_by = ? AND claim_expires_ms > ?",
                                                        arguments: [reviewer, until]) ?? 0
            report.auditHead = try AuditLog.head(db).description
        }
        report.spiked = (try? insights(now: until))?.spikeLines
        return report
    }
}

extension ShiftReport {
    /// The handoff as people read it at the end of a shift.
    public var text: String {
        let span = RFC3339.format(millis: sinceMillis) + " → " + RFC3339.format(millis: untilMillis)
        var out = "Shift of \(reviewer)  (\(span))\n"
        if let workedBy {
            // Nothing to sum up: who did work is what the reader needs next.
            out += "  No work by \(reviewer) in this period"
            out += workedBy.isEmpty ? ", nor by anyone else.\n"
                : "; who worked the workspace:\n" + ShiftWorker.table(workedBy, indent: "    ")
                    + "  See one of them with --reviewer NAME (or WINNOW_REVIEWER=NAME); --all lists everyone's totals.\n"
            if itemsStillClaimed > 0 { out += "  still claimed    \(itemsStillClaimed)\n" }
        } else {
            out += summary
        }
        // The head alone is 70-odd characters: on a line of its own it fits 80 columns unbroken.
        out += "  audit head       keep a copy elsewhere; `winnow audit verify --head` checks it\n"
        out += "    \(auditHead)\n"
        return out
    }
}

extension ShiftReport {
    /// What the shift did, a line per figure.
    private var summary: String {
        var out = "  items labelled   \(NumberFormat.grouped(itemsLabelled))  (\(NumberFormat.grouped(labels)) label changes)\n"
        func counts(_ d: [String: Int]) -> String {
            d.isEmpty ? "none" : d.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " · ")
        }
        out += "  by severity      \(counts(bySeverity))\n"
        out += "  by status        \(counts(byStatus))\n"
        out += "  by locus         \(counts(byLocus))\n"
        let merged = "\(NumberFormat.grouped(itemsMerged)) item\(itemsMerged == 1 ? "" : "s") merged as duplicates"
        out += "  merges           \(merges)" + (itemsMerged > 0 ? "  (\(merged))" : "") + "\n"
        out += "  corrections      \(corrections)\n"
        // Takeovers are not among the claims counted: "11 (1 taken over)" read as one of the eleven.
        out += "  claims taken     \(claimsTaken)" + (takeovers > 0 ? ", and \(takeovers) taken over from others" : "") + "\n"
        out += "  still claimed    \(itemsStillClaimed)\n"
        out += "  time per item    " + (medianSecondsPerItem.map { String(format: "%.0f s (median)", $0) } ?? "—") + "\n"
        out += "  items per hour   " + (itemsPerHour.map { String(format: "%.1f", $0) } ?? "—") + "\n"
        if let spiked {
            out += "  what spiked      " + (spiked.isEmpty ? "nothing rose against its baseline" : spiked.joined(separator: "\n                   ")) + "\n"
        }
        return out
    }
}

/// One field of one item, as the audit log names it.
private struct FieldKey: Hashable {
    var item: Int64
    var field: String
}

/// One reviewer's work in a period, for seeing who worked a workspace.
public struct ShiftWorker: Codable, Sendable, Equatable {
    public var reviewer: String
    /// Label changes still in effect, and the items they are on, as the reviewer's shift counts them.
    public var labels: Int
    public var items: Int
    public var itemsMerged: Int
    /// The reviewer's first and last record in the period.
    public var firstMillis: Int64
    public var lastMillis: Int64

    enum CodingKeys: String, CodingKey {
        case reviewer, labels, items
        case itemsMerged = "items_merged"
        case firstMillis = "first_ms"
        case lastMillis = "last_ms"
    }

    /// The workers as an aligned table, one a line.
    public static func table(_ workers: [ShiftWorker], indent: String = "  ") -> String {
        let width = max(8, workers.map(\.reviewer.count).max() ?? 0)
        func row(_ cells: [String]) -> String {
            indent + cells[0].padding(toLength: width, withPad: " ", startingAt: 0)
                + zip(cells.dropFirst(), [8, 7, 8, 22, 22]).map { cell, w in
                    String(repeating: " ", count: max(1, w - cell.count)) + cell
                }.joined() + "\n"
        }
        return row(["REVIEWER", "LABELS", "ITEMS", "MERGED", "FIRST", "LAST"])
            + workers.map { w in
                row([w.reviewer, NumberFormat.grouped(w.labels), NumberFormat.grouped(w.items), NumberFormat.grouped(w.itemsMerged),
                     RFC3339.format(millis: w.firstMillis), RFC3339.format(millis: w.lastMillis)])
            }.joined()
    }
}

extension Store {
    /// Everyone who worked on items in the period (labels, merges, corrections, claims), the
    /// most labels first, each with their shift's totals.
    public func shiftWorkers(since: Int64, until: Int64 = Clock.nowMillis()) throws -> [ShiftWorker] {
        let spans = try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT reviewer, min(ts_ms) AS first, max(ts_ms) AS last FROM audit
                WHERE ts_ms >= ? AND ts_ms <= ? AND item_id IS NOT NULL GROUP BY reviewer
                """, arguments: [since, until])
        }
        return try spans.map { span in
            let report = try shiftReport(reviewer: span["reviewer"], since: since, until: until)
            return ShiftWorker(reviewer: report.reviewer, labels: report.labels, items: report.itemsLabelled,
                               itemsMerged: report.itemsMerged, firstMillis: span["first"], lastMillis: span["last"])
        }
        .sorted { ($0.labels, $1.reviewer) > ($1.labels, $0.reviewer) }
    }
}
