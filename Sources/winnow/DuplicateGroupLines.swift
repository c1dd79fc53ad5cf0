import Foundation
import WinnowCore
import WinnowStore
import WinnowTUI

/// A suggested group as `winnow dupes` prints it: a heading, then a line per item in aligned
/// columns, cut to the width so that each item stays one line.
enum DuplicateGroupLines {
    /// Event ids are the sender's; a long one must not push the previews off the line.
    static let eventIDColumns = 24
    /// The least of a prompt shown, however narrow the terminal.
    static let minimumPreviewColumns = 20

    static func lines(_ group: DuplicateGroup, now: Int64, width: Int) -> [String] {
        let heading = "group \(group.id): \(group.size) items, weight \(String(format: "%.2f", group.weight))"
        let canonical = group.canonical.itemID
        let cells: [[String]] = group.members.map { m in
            [
                "#\(m.itemID)",
                TextLayout.truncate(SafeText.line(m.eventID), to: eventIDColumns),
                m.itemID == canonical ? "canonical" : String(format: "%.2f", m.similarity),
                SafeText.line(m.signal),
                SafeText.line(m.status),
                Age.text(now: now, then: m.timestampMillis),
            ]
        }
        let widths = (0..<6).map { column in cells.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        // Numbers read best right-aligned: the item, the similarity and the age.
        let rightAligned: Set<Int> = [0, 2, 5]
        var lines = [TextLayout.truncate(heading, to: width)]
        for (member, row) in zip(group.members, cells) {
            let columns = row.enumerated().map { column, text in
                rightAligned.contains(column) ? TextLayout.padLeft(text, to: widths[column]) : TextLayout.fit(text, to: widths[column])
            }
            let start = "  " + columns.joined(separator: "  ") + "  "
            let previewWidth = max(minimumPreviewColumns, width - DisplayWidth.of(start))
            lines.append(start + TextLayout.truncate(preview(member.prompt, within: previewWidth), to: previewWidth))
        }
        return lines
    }

    /// The prompt on one line, its runs of white space as one space. Only the start of a huge
    /// prompt is read: the line never shows more.
    static func preview(_ prompt: String, within columns: Int) -> String {
        let head = prompt.prefix(columns * 4 + 16)
        let words = head.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return SafeText.line(words.joined(separator: " "))
    }
}
