import Foundation
import WinnowCore
import WinnowStore

/// Deterministic synthetic events of realistic size (~300 bytes of JSON each) for benchmarks.
struct BenchEvents {
    private static let prompts = [
        "How do I get a refund for invoice INV-%d?", "SSO login keeps looping after the update, ticket %d",
        "Can a guest see the budget report %d?", "Export to CSV shows the wrong time zone for row %d",
        "Why was my card declined on renewal %d", "How do I rotate API key %d without downtime?",
        "Salesforce sync stopped at record %d", "Please delete account %d and all its data",
    ]
    private static let responses = [
        "You can request a refund from Settings → Billing → Invoices; select the invoice and choose Refund. It takes 5–7 days.",
        "Open Admin → Security → SSO, re-upload the IdP metadata and make sure the ACS URL matches your tenant exactly.",
        "Guests only see items shared with them directly. Ask an admin to share the report or upgrade the guest to member.",
        "CSV exports use the workspace time zone. Change it under Settings → Regional, then export again to see local times.",
    ]
    private static let signals = ["thumbs_down", "thumbs_up", "rephrase", "csat", "explicit_correction",
                                  "agent_escalation", "session_abandon", "thumbs_down", "thumbs_up", "rephrase"]
    private static let intents = ["billing.refund", "sso.saml_setup", "permissions.guest", "exports.csv",
                                  "billing.card", "api.keys", "integrations.salesforce", "account.delete"]

    struct Row {
        var id: String
        var ts: String
        var tsMillis: Int64
        var signal: String
        var prompt: String
        var response: String
        var intent: String
        var userID: String
        var csat: Int?
        var line: String
    }

    static let startMillis: Int64 = 1_791_000_000_000

    static func row(_ i: Int) -> Row {
        var x = UInt64(truncatingIfNeeded: i) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        let pick = Int(x % 1_000_003)
        let signal = signals[pick % signals.count]
        let prompt = String(format: prompts[pick % prompts.count], 1000 + pick % 9000)
        let response = responses[(pick / 7) % responses.count]
        let intent = intents[pick % intents.count]
        let millis = startMillis + Int64(i) * 2_500
        let ts = isoFormatter(millis)
        let id = "bench-\(i)"
        let user = "usr_\(pick % 50_000)"
        let csat: Int? = signal == "csat" ? 1 + pick % 5 : nil
        var line = #"{"id":"\#(id)","ts":"\#(ts)","signal":"\#(signal)","prompt":"\#(prompt)","response":"\#(response)","intent":"\#(intent)","user_id":"\#(user)","channel":"web_widget""#
        if let csat { line += #","csat":\#(csat)"# }
        line += "}"
        return Row(id: id, ts: ts, tsMillis: millis, signal: signal, prompt: prompt, response: response,
                   intent: intent, userID: user, csat: csat, line: line)
    }

    static func isoFormatter(_ millis: Int64) -> String { RFC3339.format(millis: millis) }

    /// Writes `count` events as JSONL (event `i` is `line(i)`); returns the file size in bytes.
    static func write(count: Int, to url: URL, line: (Int) -> String = { BenchEvents.row($0).line }) throws -> Int64 {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var chunk = Data()
        chunk.reserveCapacity(1 << 22)
        for i in 0..<count {
            chunk.append(contentsOf: line(i).utf8)
            chunk.append(10)
            if chunk.count >= 1 << 22 {
                handle.write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        handle.write(chunk)
        return Int64((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0)
    }

    /// A workspace of `events` generated events imported through the real import path, at
    /// `root`/ws; one already there is reused. Returns its directory.
    static func workspace(events: Int, in root: URL) throws -> URL {
        let wsURL = root.appendingPathComponent("ws")
        guard !Workspace(directory: wsURL).exists else { return wsURL }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("events.jsonl")
        _ = try write(count: events, to: file)
        let store = try Store.open(try Workspace.create(at: wsURL))
        print("generating a \(formatRate(Double(events)))-event workspace…")
        _ = try EventImporter(store: store, identity: Identity(reviewer: "bench", osUser: "bench"))
            .run(try ImportInput.open(path: file.path, format: nil))
        try store.pool.close()
        try? FileManager.default.removeItem(at: file)
        return wsURL
    }
}
