import Foundation
import WinnowCore
import WinnowDemoData

/// Events of real conversational text for the import benchmark, about 440 bytes of JSON each:
/// a turn of a corpus dialog is the prompt, the one to three turns after it the response, and an
/// explicit correction carries another answer from the same dialog. The metadata (signal, ids,
/// channel, versions, page, an occasional tool call) has the spread of real traffic. Event `i` depends
/// only on the seed and `i`, so runs with the same seed import the same file.
struct CorpusEvents: Sendable {
    let corpus: DialogCorpus
    let seed: UInt64

    private static let signals = ["thumbs_down", "thumbs_up", "rephrase", "csat", "explicit_correction",
                                  "agent_escalation", "session_abandon", "thumbs_down", "thumbs_up", "rephrase"]
    private static let channels = ["web_widget", "mobile_app", "email", "slack", "api"]
    private static let cohorts = ["free", "trial", "pro", "enterprise"]
    private static let models = ["helios-2.3.1", "helios-2.4.0", "helios-2.4.1-rc2"]
    private static let escalations = ["user asked for a human", "repeated failure", "billing dispute",
                                      "policy question", "account locked"]
    private static let tools = ["search_knowledge_base", "lookup_account", "translate_text"]

    /// Event `i` as one JSONL line (no newline).
    func line(_ i: Int) -> String {
        var rng = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: i) &* 0xD6E8_FEB8_6659_FD93))
        let dialog = corpus.dialogs[rng.below(corpus.dialogs.count)]
        let asked = rng.below(dialog.turns.count - 1)
        let answerEnd = min(dialog.turns.count, asked + 1 + rng.between(1, 3))
        let prompt = dialog.turns[asked]
        let response = dialog.turns[(asked + 1)..<answerEnd].joined(separator: " ")
        let signal = rng.pick(Self.signals)
        let millis = BenchEvents.startMillis + Int64(i) * 2_500

        var json = "{\"id\":\"evt-\(i)\",\"ts\":\"\(RFC3339.format(millis: millis))\",\"signal\":\"\(signal)\""
        json += ",\"prompt\":" + Self.quoted(prompt) + ",\"response\":" + Self.quoted(response)
        if signal == "explicit_correction" {
            let others = dialog.turns.indices.filter { $0 != asked && !((asked + 1)..<answerEnd).contains($0) }
            let correction = others.isEmpty ? dialog.turns[asked + 1] : dialog.turns[rng.pick(others)]
            json += ",\"correction\":" + Self.quoted(correction)
        }
        if signal == "csat" { json += ",\"csat\":\(rng.between(1, 5))" }
        if signal == "agent_escalation" { json += ",\"escalation_reason\":\"\(rng.pick(Self.escalations))\"" }
        json += ",\"intent\":" + Self.quoted("\(dialog.language).\(dialog.category)")
        json += ",\"request_id\":\"req_\(rng.hex(24))\",\"user_id\":\"usr_\(rng.below(50_000))\""
        json += ",\"channel\":\"\(rng.pick(Self.channels))\",\"cohort\":\"\(rng.pick(Self.cohorts))\""
        json += ",\"model_version\":\"\(rng.pick(Self.models))\",\"prompt_version\":\"support-sys-v\(rng.between(15, 18))\""
        if rng.percent(40) { json += ",\"page\":" + Self.quoted("/help/\(dialog.category)") }
        if rng.percent(15) {
            let failed = rng.percent(10)
            json += ",\"tool_calls\":[{\"name\":\"\(rng.pick(Self.tools))\",\"arguments\":{\"query\":" + Self.quoted(prompt)
                + "},\"status\":\"\(failed ? "error" : "ok")\""
            if failed { json += ",\"error\":\"timeout after 5000 ms\"" }
            json += ",\"elapsed_ms\":\(rng.between(20, 2_400))}]"
        }
        return json + "}"
    }

    /// Writes `count` events as JSONL; returns the file size in bytes.
    func write(count: Int, to url: URL) throws -> Int64 {
        try BenchEvents.write(count: count, to: url, line: line)
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
