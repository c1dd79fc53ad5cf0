import ArgumentParser
import Foundation
import GRDB
import WinnowCore
import WinnowStore

/// `winnow spikes` on a large workspace: 35 days of events ending at a fixed time (the baseline and
/// the window), a model and a prompt release, and a planted rise of one intent's corrections after
/// the prompt release. Reference: a bare GROUP BY of the same rows by day, signal and intent.
struct SpikesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spikes",
        abstract: "Time `winnow spikes` (the whole report: slices, versions, guardrails, velocity) on N events; reference: a bare GROUP BY scan of the same rows."
    )

    @Option(help: "Number of events in the generated workspace.")
    var events = 1_000_000

    @Option(help: "Reuse (or keep) the generated workspace in this directory.")
    var directory: String?

    @Option(help: "Timed runs of each (the first, with a cold statement cache, is reported apart).")
    var repeats = 5

    /// The report is as of this time: a UTC midnight, so the days are calendar days.
    static let asOf: Int64 = 1_791_000_000_000 - 1_791_000_000_000 % 86_400_000
    static let span: Int64 = 35 * 86_400_000
    static let modelRelease = asOf - 12 * 86_400_000
    static let promptRelease = asOf - 4 * 86_400_000

    /// Event `i` of `count`: the bench's templated text, spread evenly over the 35 days; after the
    /// prompt release one event in ten is a billing.refund correction.
    static func line(_ i: Int, of count: Int) -> String {
        var row = BenchEvents.row(i)
        let millis = asOf - span + Int64(i) * span / Int64(count)
        if millis >= promptRelease, i % 10 == 0 {
            row.signal = "explicit_correction"
            row.intent = "billing.refund"
            row.csat = nil
        }
        var line = #"{"id":"\#(row.id)","ts":"\#(RFC3339.format(millis: millis))","signal":"\#(row.signal)","prompt":"\#(row.prompt)","response":"\#(row.response)","intent":"\#(row.intent)","user_id":"\#(row.userID)""#
        line += #","model_version":"\#(millis >= modelRelease ? "helios-2.5.0" : "helios-2.4.1")""#
        line += #","prompt_version":"\#(millis >= promptRelease ? "support-sys-v20" : "support-sys-v19")""#
        if let csat = row.csat { line += #","csat":\#(csat)"# }
        return line + "}"
    }

    func run() throws {
        let root = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-spikes-\(getpid())")
        defer { if directory == nil { try? FileManager.default.removeItem(at: root) } }
        let wsURL = root.appendingPathComponent("ws")
        if !Workspace(directory: wsURL).exists {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let file = root.appendingPathComponent("events.jsonl")
            let count = events
            _ = try BenchEvents.write(count: count, to: file) { Self.line($0, of: count) }
            print("generating a \(formatRate(Double(count)))-event workspace…")
            let store = try Store.open(try Workspace.create(at: wsURL))
            _ = try EventImporter(store: store, identity: Identity(reviewer: "bench", osUser: "bench"))
                .run(try ImportInput.open(path: file.path, format: nil))
            try store.pool.close()
            try? FileManager.default.removeItem(at: file)
        }
        // A writing open first: it builds any index a workspace kept from an earlier version lacks.
        try Store.open(Workspace(directory: wsURL)).pool.close()
        let store = try Store.openForReading(Workspace(directory: wsURL))
        let stored = try store.eventCount()
        guard stored == events else {
            throw ValidationError("\(wsURL.path) holds \(stored) events, not \(events): use another --directory")
        }
        print("winnow-bench spikes: \(formatRate(Double(stored))) events over 35 days, as of \(RFC3339.format(millis: Self.asOf)); load \(Resources.loadAverage)")

        let (first, firstTime) = try measure { try store.insights(asOf: Self.asOf) }
        var times: [Double] = []
        var references: [Double] = []
        for _ in 0..<max(1, repeats) {
            times.append(try measure { _ = try store.insights(asOf: Self.asOf) }.1)
            references.append(try measure {
                try store.pool.read { db in
                    _ = try Row.fetchAll(db, sql: """
                        SELECT (ts_ms - ?) / 86400000 AS day, signal, intent, count(*) FROM items
                        WHERE ts_ms >= ? AND ts_ms < ? GROUP BY 1, 2, 3
                        """, arguments: [Self.asOf - Self.span, Self.asOf - Self.span, Self.asOf])
                }
            }.1)
        }
        let spikes = Stats(times), reference = Stats(references)
        print("")
        print("flags found: \(first.flags.count)")
        for flag in first.flags.prefix(5) { print("  ▲ \(flag.summary)") }
        for g in first.guardrails { print("  guardrail: \(g.summary)\(g.drifted ? " DRIFT" : "")") }
        print("")
        print("spikes (whole report)   first \(ms(firstTime))  median \(ms(spikes.p50))  max \(ms(spikes.max))")
        print("reference (bare scan)   median \(ms(reference.p50))  (GROUP BY day, signal, intent over the same rows)")
        print(String(format: "ratio                   %.2f (spikes / reference, medians)", spikes.p50 / max(reference.p50, 1e-9)))
        print(String(format: "target                  < 1 s: %@ (median %.3f s, first %.3f s)",
                     spikes.p50 < 1 && firstTime < 1 ? "met" : "NOT met", spikes.p50, firstTime))
        print(String(format: "peak memory             %.1f MB", Resources.peakMB))
    }
}
