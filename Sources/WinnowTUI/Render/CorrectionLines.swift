import WinnowCore
import WinnowStore

/// The correction part of the detail pane: where the correction came from, the word-level diff of
/// response → correction, and its edit distance. Removed words are shown as `[-word-]` and added
/// ones as `{+word+}` beside their colours, so the diff reads under NO_COLOR too.
enum CorrectionLines {
    /// Texts beyond this many characters are shown without a diff (it would take too long to draw).
    static let diffLimit = 60_000

    static func heading(_ d: ItemDetail) -> String? {
        switch (d.correction, d.arrivedCorrection, d.correctionState) {
        case (.some, _, "accepted"?): return "CORRECTION (arrived with the event, accepted)"
        case (.some, .some, _): return "CORRECTION (written by a reviewer; one also arrived with the event)"
        case (.some, nil, _): return "CORRECTION (written by a reviewer)"
        case (nil, .some, "rejected"?): return "CORRECTION (arrived with the event, rejected)"
        case (nil, .some, _): return "CORRECTION (arrived with the event — a accepts, x rejects, c edits)"
        default: return nil
        }
    }

    /// The correction to compare with the response: the accepted one, else the one that arrived.
    static func shown(_ d: ItemDetail) -> String? {
        d.correction ?? d.arrivedCorrection
    }

    static func diffHeading(_ response: String, _ correction: String) -> String {
        let (distance, exact) = TextDiff.editDistance(response, correction)
        return "DIFF response → correction · edit distance \(exact ? "" : "≤ ")\(NumberFormat.grouped(distance)) characters"
    }

    /// The word diff as wrapped lines of runs, each run sanitised and styled by what happened to it.
    static func diffLines(_ response: String, _ correction: String, width: Int, indent: String) -> [StyledLine] {
        var lines: [StyledLine] = []
        var current: [(String, StyleRole)] = [(indent, .detailText)]
        var used = DisplayWidth.of(indent)
        let room = max(8, width)
        func newLine() {
            lines.append(StyledLine(current))
            current = [(indent, .detailText)]
            used = DisplayWidth.of(indent)
        }
        func emit(_ text: String, _ role: StyleRole) {
            // Break at the text's own newlines, then wrap by display width between words; a word
            // longer than the line is broken where it must be.
            let pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i > 0 { newLine() }
                for token in wordsAndSpaces(SafeText.line(String(piece))) {
                    let isSpace = token.first == " "
                    let w = DisplayWidth.of(token)
                    if used + w > room, used > DisplayWidth.of(indent) {
                        newLine()
                        if isSpace { continue }
                    }
                    if used + w <= room {
                        current.append((token, role))
                        used += w
                        continue
                    }
                    var run = ""
                    for c in token {
                        let cw = DisplayWidth.of(c)
                        if used + cw > room {
                            if !run.isEmpty { current.append((run, role)); run = "" }
                            newLine()
                        }
                        run.append(c)
                        used += cw
                    }
                    if !run.isEmpty { current.append((run, role)) }
                }
            }
        }
        for op in TextDiff.words(response, correction) {
            switch op {
            case .same(let text): emit(text, .detailText)
            case .removed(let text): emit("[-" + text + "-]", .diffRemoved)
            case .added(let text): emit("{+" + text + "+}", .diffAdded)
            }
        }
        if current.count > 1 { lines.append(StyledLine(current)) }
        return lines
    }

    /// Runs of spaces and runs of everything else, in order.
    static func wordsAndSpaces(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inSpace = false
        for c in text {
            let space = c == " "
            if !current.isEmpty, space != inSpace {
                out.append(current)
                current = ""
            }
            inSpace = space
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
