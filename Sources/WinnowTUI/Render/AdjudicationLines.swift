import WinnowCore
import WinnowStore

/// The dispute block at the top of the detail in the dispute queue: the dispute shown (where it
/// came from, who opened it and why), its competing judgments side by side in columns on a wide
/// terminal and one below the other otherwise (who, when, value, rationale, and the key that
/// picks the value), any decision, and what the adjudicator's keys do. Every reviewer's text goes
/// through `SafeText`.
enum AdjudicationLines {
    static let indent = "  "
    /// The narrowest a column of judgments may be before they are stacked instead.
    static let minimumColumn = 24

    static func build(_ queue: DisputeQueue, _ state: AppState, width: Int) -> [StyledLine] {
        guard let dispute = queue.shown, queue.itemID == state.selectedRow?.id else {
            return [StyledLine([("DISPUTE", .detailHeading), ("  reading the item's disputes…", .detailDim)]), StyledLine([])]
        }
        let width = max(20, width)
        let summary = dispute.summary
        var out: [StyledLine] = []
        let position = queue.disputes.count > 1
            ? "  (\(queue.current + 1) of \(queue.disputes.count); \(state.keymap.keys(for: .nextDispute).first?.label ?? ":next_dispute") next)" : ""
        out.append(StyledLine([("DISPUTE #\(summary.id)", .detailHeading), ("  \(summary.field.name)", .detailLabel),
                               ("  \(summary.state.rawValue)", summary.state == .open ? .statusOpen : .statusClosed),
                               (position, .detailDim)]))
        let origin = summary.roundName.map { "round " + SafeText.line($0) } ?? "raised in triage"
        let opened = "\(origin) · opened by \(SafeText.line(summary.openedBy)) \(ago(state.now, summary.openedMillis))"
        out += wrapped(opened, width: width, role: .detailDim)
        if let reason = summary.reason, !reason.isEmpty { out += wrapped("why: " + reason, width: width, role: .detailText) }
        out.append(StyledLine([]))

        let choices = DisputeQueue.choices(dispute)
        let pickKeys = state.keymap.keys(for: .adjudicatePick)
        let count = dispute.competing.count
        let columnWidth = (width - 2 * max(0, count - 1)) / max(1, count)
        // Side by side where the terminal is wide (the panes are side by side too), else stacked.
        let inColumns = state.layout.sideBySide && count > 1 && columnWidth >= minimumColumn
        let blocks = dispute.competing.map {
            block($0, field: summary.field, key: keyLabel($0, choices: choices, keys: pickKeys), now: state.now,
                  width: inColumns ? columnWidth : width, wording: state.labelWording)
        }
        if inColumns {
            out += sideBySide(blocks, width: columnWidth)
        } else {
            for (i, lines) in blocks.enumerated() {
                if i > 0 { out.append(StyledLine([])) }
                out += lines
            }
        }
        if let decision = dispute.decision {
            out.append(StyledLine([]))
            out.append(StyledLine([("DECIDED ", .detailHeading), (DisputeMessage.value(decision.value, summary.field, state.labelWording), .detailCorrection),
                                   ("  by \(SafeText.line(decision.reviewer)) \(ago(state.now, decision.createdMillis))", .detailDim)]))
            if let rationale = decision.rationale { out += wrapped(rationale, width: width, role: .detailText) }
        }
        for withdrawn in dispute.withdrawn {
            out.append(StyledLine([(indent + "withdrawn: \(DisputeMessage.value(withdrawn.value, summary.field, state.labelWording)) by \(SafeText.line(withdrawn.reviewer))", .detailDim)]))
        }
        out.append(StyledLine([]))
        out += wrapped(keysLine(dispute, choices: choices, state), width: width, role: .detailLabel)
        out.append(StyledLine([]))
        return out
    }

    /// "3h ago", or "just now" within the minute.
    static func ago(_ now: Int64, _ then: Int64) -> String {
        let age = Age.text(now: now, then: then)
        return age == "now" ? "just now" : age + " ago"
    }

    static func keyLabel(_ judgment: DisputedJudgment, choices: [String], keys: [Key]) -> String? {
        judgment.value.flatMap { choices.firstIndex(of: $0) }.flatMap { keys.indices.contains($0) ? keys[$0].label : nil }
    }

    /// One judgment: its key and value (with its verdict once decided), who and when, where it
    /// came from, and its rationale or note.
    static func block(_ judgment: DisputedJudgment, field: JudgedField, key: String?, now: Int64, width: Int, wording: LabelWording) -> [StyledLine] {
        var out: [StyledLine] = []
        let verdict = judgment.verdict == .undecided ? "" : "  " + judgment.verdict.rawValue
        out.append(StyledLine([((key.map { "[\($0)] " } ?? "    "), .statusKey),
                               (TextLayout.truncate(DisputeMessage.value(judgment.value, field, wording), to: max(4, width - 12)), .detailCorrection),
                               (verdict, judgment.verdict == .overruled ? .detailDim : .detailLabel)]))
        out += wrapped("\(SafeText.line(judgment.reviewer)) · \(ago(now, judgment.createdMillis)) · \(kind(judgment))",
                       width: width, role: .detailDim)
        if let rationale = judgment.rationale, !rationale.isEmpty {
            out += wrapped("“" + rationale + "”", width: width, role: .detailText)
        } else if let note = judgment.note, !note.isEmpty {
            out += wrapped(note, width: width, role: .detailText)
        }
        return out
    }

    /// How the judgment came to compete: a blind round score, the label it questions, a proposal.
    static func kind(_ judgment: DisputedJudgment) -> String {
        switch judgment.state {
        case "disputed": "proposed in the dispute"
        case "pending": "blind round score"
        case "superseded": "label, since replaced"
        default: "accepted label"
        }
    }

    /// Columns of equal width, two spaces apart, line by line.
    static func sideBySide(_ columns: [[StyledLine]], width: Int) -> [StyledLine] {
        let height = columns.map(\.count).max() ?? 0
        return (0..<height).map { row in
            var segments: [(String, StyleRole)] = []
            for (i, column) in columns.enumerated() {
                let line = row < column.count ? column[row] : StyledLine([])
                var used = 0
                for segment in line.segments {
                    let text = TextLayout.truncate(segment.text, to: max(0, width - used))
                    segments.append((text, segment.role))
                    used += DisplayWidth.of(text)
                }
                if i < columns.count - 1 { segments.append((String(repeating: " ", count: max(0, width - used) + 2), .detailText)) }
            }
            return StyledLine(segments)
        }
    }

    static func wrapped(_ text: String, width: Int, role: StyleRole) -> [StyledLine] {
        TextLayout.wrap(SafeText.lines(text), width: max(4, width - indent.count)).map { StyledLine([(indent, role), ($0, role)]) }
    }

    /// What the keys do now, or why this reviewer may not decide.
    static func keysLine(_ dispute: DisputeDetail, choices: [String], _ state: AppState) -> String {
        if dispute.summary.state != .open {
            let reopen = state.keymap.keys(for: .reopen).first?.label ?? ":reopen"
            return "Decided. A lead reopens it with a reason: \(reopen)"
        }
        guard state.mayAdjudicate else { return "An adjudicator decides this dispute; you may read it." }
        if dispute.disputants.contains(state.reviewer) {
            return "You are a party to this dispute: another adjudicator decides it."
        }
        let keys = state.keymap.keys(for: .adjudicatePick)
        let picks = zip(keys, choices).map { "\($0.label) \(DisputeMessage.value($1, dispute.summary.field, state.labelWording))" }
        let other = state.keymap.keys(for: .adjudicateOther).first.map { " · \($0.label) another value" } ?? ""
        return "Decide: " + picks.joined(separator: " · ") + other + ", then a rationale"
    }
}
