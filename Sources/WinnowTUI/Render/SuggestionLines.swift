import WinnowCore
import WinnowStore

/// The detail's near-duplicate part: the labels its similar triaged items suggest (short, so
/// first), then the item's likely duplicates (similarity, age, signal,
/// status, prompt) and the highlighted one's prompt diffed word by word against the item's. Every
/// prompt and label goes through `SafeText`.
enum SuggestionLines {
    static func build(_ suggestions: DuplicateSuggestions, _ detail: ItemDetail, keymap: Keymap, width: Int, now: Int64) -> [StyledLine] {
        let width = max(10, width)
        let indent = "  "
        func key(_ id: CommandID) -> String { keymap.keys(for: id).first?.label ?? ":" + id.rawValue }
        var out: [StyledLine] = []
        if let labels = suggestions.labels, !labels.values.isEmpty {
            let count = labels.neighbours.count
            out.append(StyledLine([("SUGGESTED from \(count) similar item\(count == 1 ? "" : "s")", .detailHeading),
                                   (" · \(key(.applySuggestedLabels)) applies them", .detailDim)]))
            let text = labels.values.map { value in
                let shown = LabelWording.plain.text(value.field, value.value)
                let named = value.field == .severity || value.field == .locus ? shown : value.field.rawValue + " " + shown
                return named + " (\(value.agreeing)/\(count))"
            }.joined(separator: " · ")
            for line in TextLayout.wrap([text], width: width - indent.count) { out.append(StyledLine([(indent + line, .detailText)])) }
            let from = labels.neighbours.map { "#\($0.item) " + String(format: "%.2f", $0.similarity) }.joined(separator: " · ")
            for line in TextLayout.wrap(["from " + from], width: width - indent.count) { out.append(StyledLine([(indent + line, .detailDim)])) }
        }
        if let group = suggestions.group, !suggestions.likely.isEmpty {
            if !out.isEmpty { out.append(StyledLine([])) }
            out.append(StyledLine([("LIKELY DUPLICATES (\(NumberFormat.grouped(suggestions.likely.count + group.unread)))", .detailHeading),
                                   (" · canonical #\(group.canonical.itemID)", .detailDim)]))
            let idWidth = suggestions.likely.map { DisplayWidth.of("#\($0.itemID)") }.max() ?? 0
            for (index, member) in suggestions.likely.enumerated() {
                let highlighted = index == suggestions.highlighted
                let status = ItemStatus(rawValue: member.status)?.label ?? member.status
                let signal = Glyphs.signal(member.signal) + " " + (Signal(rawValue: member.signal)?.shortLabel ?? member.signal)
                let facts = (highlighted ? "▶ " : "  ") + TextLayout.fit("#\(member.itemID)", to: idWidth) + "  " + String(format: "%.2f", member.similarity)
                    + "  " + TextLayout.padLeft(Age.text(now: now, then: member.timestampMillis), to: 3) + "  " + TextLayout.fit(SafeText.line(signal), to: 13)
                    + "  " + TextLayout.fit(status, to: 9) + "  "
                let room = max(0, width - DisplayWidth.of(facts))
                out.append(StyledLine([(facts, highlighted ? .detailHeading : .detailText),
                                       (TextLayout.truncate(SafeText.line(member.prompt), to: room), .detailDim)]))
            }
            if group.unread > 0 {
                // A crowd is read up to a bound: the rest are counted, and merged by the next `m`.
                out.append(StyledLine([(indent + "… and \(NumberFormat.grouped(group.unread)) more of the same text, not listed: "
                                        + "\(key(.acceptSuggested)) merges the ones listed", .detailDim)]))
            }
            let pairTarget = suggestions.ownMember.flatMap { own in
                suggestions.highlightedMember.map { DuplicateSuggestions.canonical(of: own, $0, in: group).itemID }
            }
            let keys = "\(key(.acceptSuggested)) merges all into #\(group.canonical.itemID) · \(key(.acceptSuggestedPair)) merges the highlighted pair"
                + (pairTarget.map { " into #\($0)" } ?? "") + " · \(key(.rejectSuggestedPair)) not a duplicate · \(key(.rejectSuggestedGroup)) none are · "
                + "\(key(.nextLikelyDuplicate))/\(key(.previousLikelyDuplicate)) next"
            for line in TextLayout.wrap([keys], width: width - indent.count) { out.append(StyledLine([(indent + line, .detailDim)])) }
            if let other = suggestions.highlightedMember, other.prompt.count + detail.prompt.count <= CorrectionLines.diffLimit {
                out.append(StyledLine([]))
                out.append(StyledLine([("DIFF prompt of #\(other.itemID) → this item's", .detailHeading)]))
                out += CorrectionLines.diffLines(other.prompt, detail.prompt, width: width, indent: indent)
            }
        }
        return out
    }
}
