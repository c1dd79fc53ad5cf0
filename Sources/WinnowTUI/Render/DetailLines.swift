import Foundation
import WinnowCore
import WinnowStore

/// One drawn line of the detail pane: optional label, then text, each with a role.
public struct StyledLine: Equatable, Sendable {
    public var segments: [(text: String, role: StyleRole)]

    public init(_ segments: [(String, StyleRole)]) {
        self.segments = segments.map { (text: $0.0, role: $0.1) }
    }

    public static func == (lhs: StyledLine, rhs: StyledLine) -> Bool {
        lhs.segments.map(\.text) == rhs.segments.map(\.text) && lhs.segments.map(\.role) == rhs.segments.map(\.role)
    }
}

/// Turns an item into wrapped, sanitised lines for a given width. Every text from the event goes
/// through `SafeText` here, so nothing untrusted reaches the grid unescaped.
public enum DetailLines {
    /// How many lines the prompt's and the response's briefs take at most.
    static let headLines = 2

    /// `suggestions`: the near-duplicate part (`SuggestionLines`), shown after the signal's evidence.
    public static func build(_ d: ItemDetail, width: Int, now: Int64, suggestions: [StyledLine] = []) -> [StyledLine] {
        let width = max(10, width)
        var out: [StyledLine] = []
        let indent = "  "

        func heading(_ title: String) {
            if !out.isEmpty { out.append(StyledLine([])) }
            out.append(StyledLine([(title, .detailHeading)]))
        }
        func body(_ text: String, role: StyleRole) {
            let wrapped = TextLayout.wrap(SafeText.lines(text), width: width - indent.count)
            for line in wrapped { out.append(StyledLine([(indent, role), (line, role)])) }
        }
        func fields(_ pairs: [(String, String?)]) {
            let present = pairs.compactMap { label, value in value.flatMap { $0.isEmpty ? nil : (label, SafeText.line($0)) } }
            guard !present.isEmpty else { return }
            var line: [(String, StyleRole)] = [(indent, .detailText)]
            var used = indent.count
            for (label, value) in present {
                let piece = DisplayWidth.of(label) + 1 + DisplayWidth.of(value) + 3
                if used + piece > width, line.count > 1 {
                    out.append(StyledLine(line))
                    line = [(indent, .detailText)]
                    used = indent.count
                }
                line.append((label + " ", .detailLabel))
                line.append((value + "   ", .detailText))
                used += piece
            }
            out.append(StyledLine(line))
        }

        /// A labelled brief of a text; true when it showed all of it.
        func head(_ label: String, _ text: String) -> Bool {
            let (lines, complete) = brief(label, text, width: width, lines: headLines)
            out += lines
            return complete
        }
        func toolCall(_ call: ToolCall) {
            let role: StyleRole = call.failed ? .toolFailed : .toolOK
            var text = (call.failed ? "✗ FAILED " : "✓ ") + call.name
            if let args = call.arguments, let json = try? String(decoding: JSONEncoder.sorted.encode(args), as: UTF8.self) {
                text += " " + json
            }
            if let ms = call.elapsedMs { text += "  (\(elapsedText(ms)))" }
            let wrapped = TextLayout.wrap([SafeText.line(text)], width: width - indent.count)
            for line in wrapped { out.append(StyledLine([(indent, role), (line, role)])) }
            if let error = call.error, !error.isEmpty {
                out.append(StyledLine([(indent + "  error: ", .toolFailed), (TextLayout.truncate(SafeText.line(error), to: width - 11), .toolFailed)]))
            }
        }

        let r = d.row
        let severity = r.severity.map { "\($0)" } ?? "no severity"
        out.append(StyledLine([
            ("#\(r.id) ", .detailHeading),
            (SafeText.line(d.eventID), .detailDim),
            ("  \(Glyphs.signal(r.signal)) \(r.signal)", StyleRole.signal(r.signal)),
            ("  \(Glyphs.severity(r.severity))\(severity)", StyleRole.severity(r.severity)),
            ("  \(r.effectiveStatus.replacingOccurrences(of: "_", with: " "))", r.isOpen ? .statusOpen : .statusClosed),
        ]))
        fields([("at", formatTimestamp(r.timestampMillis)), ("age", Age.text(now: now, then: r.timestampMillis)),
                ("owner", r.owner ?? "unassigned"), ("locus", d.locus),
                ("reasons", d.reasons.isEmpty ? nil : d.reasons.joined(separator: ", ")),
                ("trainable", d.trainable.map { $0 ? "yes" : "no" }),
                ("cluster", r.clusterSize > 1 ? "\(r.clusterSize) items" : nil),
                ("duplicate of", d.canonicalID.map { "#\($0)" }),
                ("claimed by", r.activeClaim(now: now))])

        // The prompt and the response in brief, then the signal's own evidence, so what the
        // item is about is on screen without scrolling; the full texts follow further down.
        let promptInFull = head("PROMPT", d.prompt)
        let responseInFull = head("RESPONSE", d.response)
        if let reason = d.escalationReason, !reason.isEmpty {
            heading("ESCALATION")
            body(reason, role: .detailText)
        }
        if let score = d.csat {
            heading("CSAT")
            body(csatText(score), role: .detailText)
        }
        let correction = CorrectionLines.shown(d)
        if let title = CorrectionLines.heading(d) {
            heading(title)
            if let correction { body(correction, role: d.correctionState == "rejected" ? .detailDim : .detailCorrection) }
        }
        // After the signal's own evidence, which is what the item is; before the rest of it.
        if !suggestions.isEmpty {
            out.append(StyledLine([]))
            out += suggestions
        }
        let failedCalls = d.toolCalls.filter(\.failed)
        if !failedCalls.isEmpty {
            heading("FAILED TOOL CALLS (\(failedCalls.count) of \(d.toolCalls.count))")
            for call in failedCalls { toolCall(call) }
        }
        if let correction, d.correctionState != "rejected", d.response.count + correction.count <= CorrectionLines.diffLimit {
            heading(CorrectionLines.diffHeading(d.response, correction))
            out += CorrectionLines.diffLines(d.response, correction, width: width, indent: indent)
        }
        if !promptInFull {
            heading("PROMPT")
            body(d.prompt, role: .detailText)
        }
        if !responseInFull {
            heading("RESPONSE")
            body(d.response, role: .detailText)
        }
        if r.clusterSize > 1 || d.canonicalID != nil {
            heading("DUPLICATES")
            let text = d.canonicalID.map { "A duplicate of #\($0): it left the open queue; its canonical item's labels stand for it. U unmerges it, C lists the cluster." }
                ?? "\(r.clusterSize - 1) duplicate\(r.clusterSize == 2 ? "" : "s") merged into this item; its labels stand for the cluster. C lists them, U unmerges the cluster."
            body(text, role: .detailText)
        }
        heading("CONTEXT")
        fields([("intent", r.intent), ("user", d.userID), ("cohort", d.cohort), ("channel", d.channel),
                ("page", d.page), ("request", d.requestID)])
        fields([("model", d.modelVersion), ("prompt", d.promptVersion), ("policy", d.policyPack)])
        if !d.sources.isEmpty {
            heading("SOURCES (\(d.sources.count))")
            for source in d.sources {
                out.append(StyledLine([(indent + "· ", .detailDim), (TextLayout.truncate(SafeText.line(source), to: width - 4), .detailText)]))
            }
        }
        if !d.toolCalls.isEmpty {
            heading("TOOL CALLS (\(d.toolCalls.count)\(failedCalls.isEmpty ? "" : ", \(failedCalls.count) failed"))")
            for call in d.toolCalls { toolCall(call) }
        }
        return out
    }

    /// A text in brief beside its label (`PROMPT    …`): at most `lines` lines, its newlines
    /// read as spaces, ending in ` …` when there is more. `complete` says it showed everything.
    static func brief(_ label: String, _ text: String, width: Int, lines headLines: Int) -> (lines: [StyledLine], complete: Bool) {
        let labelWidth = 10
        // Only the start of a long text is read: the brief never needs more.
        let start = text.utf8.count > 4_000 ? String(text.prefix(1_000)) : text
        let lines = SafeText.lines(start)
        let room = max(4, width - labelWidth)
        var wrapped = TextLayout.wrap([lines.joined(separator: " ")], width: room, limit: headLines + 1)
        let complete = start.count == text.count && lines.count <= 1 && wrapped.count <= headLines
        if !complete {
            // The brief ends in " …": the text goes on elsewhere.
            wrapped = Array(wrapped.prefix(headLines))
            var last = wrapped.removeLast()
            while DisplayWidth.of(last) > room - 2, !last.isEmpty { last.removeLast() }
            wrapped.append(last + " …")
        }
        let out = wrapped.enumerated().map { i, line in
            StyledLine([(i == 0 ? TextLayout.fit(label, to: labelWidth) : String(repeating: " ", count: labelWidth), .detailHeading),
                        (line, .detailText)])
        }
        return (out, complete)
    }

    /// A score as stars; a stored value outside 1–5 (the import refuses those) is shown as it is.
    static func csatText(_ score: Int) -> String {
        guard (1...5).contains(score) else { return "\(score) (not 1–5)" }
        return "\(score)/5 " + String(repeating: "★", count: score) + String(repeating: "☆", count: 5 - score)
    }

    /// A tool call's duration. Whole milliseconds when it is a duration at all; anything else a
    /// store may hold (a value from before the import checked the range) is shown as it is.
    static func elapsedText(_ ms: Double) -> String {
        guard ms.isFinite, ms >= 0, ms <= ToolCall.maxElapsedMs else { return "elapsed_ms \(ms)" }
        return "\(NumberFormat.grouped(Int(ms.rounded()))) ms"
    }

    static func formatTimestamp(_ millis: Int64) -> String {
        RFC3339.format(millis: millis).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}

extension JSONEncoder {
    static let sorted: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}

/// Glyphs that carry meaning beside colour, so nothing depends on colour alone.
public enum Glyphs {
    public static func severity(_ code: String?) -> String {
        switch code?.uppercased() {
        case "S1": "‼"
        case "S2": "!"
        case "S3": "·"
        case "S4": "·"
        default: " "
        }
    }

    public static func signal(_ name: String) -> String {
        switch name {
        case "explicit_correction": "✎"
        case "agent_escalation": "⇪"
        case "csat": "★"
        case "thumbs_up": "▲"
        case "thumbs_down": "▼"
        case "session_abandon": "⌫"
        case "rephrase": "↻"
        default: "?"
        }
    }
}

public enum Age {
    public static func text(now: Int64, then: Int64) -> String {
        // A stored time far in the future (or a clock set back) is "now", never an overflow.
        let (difference, overflow) = now.subtractingReportingOverflow(then)
        let seconds = overflow ? (then > now ? 0 : Int64.max / 1000) : max(0, difference / 1000)
        switch seconds {
        case ..<60: return "now"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3600)h"
        case ..<(86_400 * 14): return "\(seconds / 86_400)d"
        case ..<(86_400 * 365): return "\(seconds / (86_400 * 7))w"
        default: return "\(seconds / (86_400 * 365))y"
        }
    }
}
