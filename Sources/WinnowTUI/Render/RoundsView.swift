import WinnowCore
import WinnowStore

/// The rounds view: every round with its progress (items done, assignments remaining and skipped,
/// disputes open and decided), and for the selected round each reviewer's share.
enum RoundsView {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ rounds: RoundsState) {
        grid.fill(row: 0, role: .header)
        let c = grid.put(" Winnow ", row: 0, column: 0, role: .headerTitle)
        grid.put(" Rounds · \(rounds.rounds.count) · " + SafeText.line(state.workspaceName), row: 0, column: c, role: .header)
        let layout = state.layout
        // The selected round's details need about a dozen rows; the list of rounds scrolls in the rest.
        let shown = max(3, layout.bodyHeight - 13)
        let first = max(0, min(rounds.selected - shown / 2, rounds.rounds.count - shown))
        for (i, line) in lines(state, rounds, width: state.width - 2, first: first, count: shown).prefix(layout.bodyHeight).enumerated() {
            var x = 1
            for segment in line.segments { x = grid.put(segment.text, row: 1 + i, column: x, role: segment.role, limit: state.width - 1 - x) }
        }
        // The real cursor on the selected round: its row follows the header line.
        let row = 2 + rounds.selected - first
        if !rounds.rounds.isEmpty, row < 1 + layout.bodyHeight { grid.cursor = (row, 1) }
    }

    static func progress(_ round: RoundProgress) -> (done: Int, remaining: Int, skipped: Int) {
        (round.reviewers.reduce(0) { $0 + $1.submitted }, round.reviewers.reduce(0) { $0 + $1.remaining },
         round.reviewers.reduce(0) { $0 + $1.skipped })
    }

    /// The header, the rounds `first..<first + count`, then the selected round in detail.
    static func lines(_ state: AppState, _ rounds: RoundsState, width: Int, first: Int = 0, count: Int = .max) -> [StyledLine] {
        var out: [StyledLine] = []
        let nameWidth = min(28, max(6, rounds.rounds.map { DisplayWidth.of($0.round.name) }.max() ?? 6))
        let wide = width >= 110
        var header = "  " + TextLayout.fit("ROUND", to: nameWidth) + "  ITEMS DONE  SCORED  LEFT  SKIP  " + TextLayout.fit("DISPUTES", to: 17)
        if wide { header += "  " + TextLayout.fit("JUDGING", to: 28) + " BY" }
        out.append(StyledLine([(TextLayout.fit(header, to: width), .listHeader)]))
        for (index, round) in rounds.rounds.enumerated() where index >= first && index - first < count {
            let selected = index == rounds.selected
            let (done, remaining, skipped) = progress(round)
            let summary = round.round
            var text = (selected ? "▶ " : "  ") + TextLayout.fit(SafeText.line(summary.name), to: nameWidth) + "  "
                + TextLayout.padLeft("\(summary.itemsComplete)/\(summary.items)", to: 10) + "  "
                + TextLayout.padLeft("\(done)", to: 6) + "  " + TextLayout.padLeft("\(remaining)", to: 4) + "  "
                + TextLayout.padLeft("\(skipped)", to: 4) + "  " + TextLayout.fit("\(round.disputesOpen) open, \(round.disputesDecided) decided", to: 17)
                + (summary.isClosed ? "  ✗ closed" : "")
            if wide {
                let judged = (summary.rubric.map { ["rubric " + $0] } ?? []) + summary.fields
                text += "  " + TextLayout.fit(SafeText.line(judged.joined(separator: ", ")), to: 28) + " " + SafeText.line(summary.createdBy)
            }
            out.append(StyledLine([(TextLayout.fit(text, to: width), selected ? .listSelected : summary.isClosed ? .listClosed : .listRow)]))
        }
        guard let round = rounds.selectedRound else { return out }
        let summary = round.round
        out.append(StyledLine([]))
        out.append(StyledLine([("ROUND " + SafeText.line(summary.name).uppercased(), .detailHeading),
                               (summary.isClosed ? "  closed by " + SafeText.line(summary.closedBy ?? "?") : "  open", summary.isClosed ? .statusClosed : .statusOpen)]))
        let judged = (summary.rubric.map { ["rubric " + $0 + (summary.rubricVersion.map { " " + String($0.prefix(12)) } ?? "")] } ?? []) + summary.fields
        out.append(StyledLine([("  judging ", .detailLabel), (SafeText.line(judged.joined(separator: ", ")), .detailText),
                               ("   overlap ", .detailLabel), ("\(summary.overlap) blind each", .detailText),
                               ("   by ", .detailLabel), (SafeText.line(summary.createdBy), .detailText)]))
        let sample = summary.sample
        var drawn = sample.count.map { "\($0) sampled with seed \(sample.seed)" } ?? "every matching item"
        if !sample.stratify.isEmpty { drawn += " by " + sample.stratify.map(\.rawValue).joined(separator: ", ") }
        if let filter = sample.filter { drawn += " from " + filter }
        out.append(StyledLine([("  sample ", .detailLabel), (SafeText.line(drawn), .detailText)]))
        out.append(StyledLine([]))
        out.append(StyledLine([(TextLayout.fit("  REVIEWER              ASSIGNED  SCORED  SKIPPED  LEFT", to: width), .listHeader)]))
        for reviewer in round.reviewers {
            let you = reviewer.reviewer == state.reviewer ? " (you)" : ""
            let text = "  " + TextLayout.fit(SafeText.line(reviewer.reviewer) + you, to: 20) + "  " + TextLayout.padLeft("\(reviewer.assigned)", to: 8)
                + "  " + TextLayout.padLeft("\(reviewer.submitted)", to: 6) + "  " + TextLayout.padLeft("\(reviewer.skipped)", to: 7)
                + "  " + TextLayout.padLeft("\(reviewer.remaining)", to: 4)
            out.append(StyledLine([(text, .detailText)]))
        }
        let open = state.keymap.keys(for: .roundOpen).first.map(\.label) ?? ":round_open"
        let mine = round.reviewers.contains { $0.reviewer == state.reviewer && $0.assigned > 0 }
        out.append(StyledLine([]))
        out.append(StyledLine([("  " + open + (mine ? " scores your assignments in it" : " shows its items in the queue (filter round:\(SafeText.line(summary.name)))"), .detailDim)]))
        return out
    }
}
