import ArgumentParser
import Foundation
import WinnowConfig
import WinnowDemoData
import WinnowStore

struct ReviewBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Blind scoring, revising, raising and deciding disputes through the store's path, beside triage label actions in the same run; then the dispute queue's first page on a large workspace beside the unfiltered first page.",
        discussion: """
            The actions run on a workspace of real conversational text (chatterbot-corpus: \(DialogCorpus.installCommand)); \
            the dispute queue on the generated workspace of the queue benchmark, built once into --directory and reused.
            """
    )

    @Option(help: "Events in the workspace the actions run on.")
    var events = 20_000

    @Option(help: "Items in the round: each is scored by two reviewers and revised once, and its disputes decided.")
    var items = 1_000

    @Option(help: "The chatterbot-corpus package directory (default: where python3 finds it).")
    var corpus: String?

    @Option(help: "Seed of the events, the round's sample and the scores.")
    var seed: UInt64 = 7

    @Option(help: "Events in the workspace the dispute queue is opened on.")
    var queueEvents = 1_000_000

    @Option(help: "Open disputes on that workspace.")
    var disputes = 10_000

    @Option(help: "Reuse (or keep) the dispute queue's workspace in this directory.")
    var directory: String?

    @Option(help: "Times each first page is read.")
    var repeats = 200

    func validate() throws {
        guard items > 0, items * 2 <= events else { throw ValidationError("--items must be between 1 and half of --events: the other half takes the triage label actions") }
        guard disputes > 0, disputes <= queueEvents else { throw ValidationError("--disputes must be between 1 and --queue-events") }
        guard repeats > 0 else { throw ValidationError("--repeats must be at least 1") }
    }

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-review-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let dialogs = try DialogCorpus.load(path: corpus)
        let store = try ReviewWorkspace.make(events: events, text: CorpusEvents(corpus: dialogs, seed: seed), in: root)
        print("winnow-bench review: a round of \(formatRate(Double(items))) items × 2 blind reviewers on the support rubric, "
              + "on \(formatRate(Double(events))) events of chatterbot-corpus text; seed \(seed)")
        let timings = try ReviewActions(store: store, items: items, seed: seed).run()
        try store.pool.close()
        print("")
        let reference = timings.label
        print("\("action".padding(toLength: 26, withPad: " ", startingAt: 0))      n     p50         p99         max        p99 ÷ label p99")
        for (name, stats, count) in timings.rows {
            let ratio = reference.p99 > 0 ? String(format: "%.2f", stats.p99 / reference.p99) : "–"
            print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(format: "%6d", count))  \(ms(stats.p50))  \(ms(stats.p99))  \(ms(stats.max))  \(ratio)")
        }
        print("(target: p99 < 2 ms for each; the label action is the triage queue's, measured in the same run)")
        print("peak memory  \(String(format: "%.1f", Resources.peakMB)) MB")
        print("")

        let queueRoot = directory.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("queue")
        try DisputeQueueTiming(events: queueEvents, disputes: disputes, repeats: repeats, root: queueRoot).run()
    }
}

/// The workspace the review actions run on: the demo's team on the roster, corpus events imported
/// through the real import path.
enum ReviewWorkspace {
    static func make(events: Int, text: CorpusEvents, in root: URL) throws -> Store {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let workspace = try Workspace.create(at: root.appendingPathComponent("ws"))
        let team = DemoReviewTeam.members.map { RosterEntry(name: $0.name, roles: $0.roles.compactMap(Role.init(rawValue:))) }
        try Data(ConfigTemplate.text(name: "review bench", roster: team).utf8).write(to: workspace.configURL)
        let file = root.appendingPathComponent("events.jsonl")
        _ = try text.write(count: events, to: file)
        let store = try Store.open(workspace)
        _ = try EventImporter(store: store, identity: Identity(reviewer: DemoReviewTeam.lead, osUser: "bench"))
            .run(try ImportInput.open(path: file.path, format: nil))
        try? FileManager.default.removeItem(at: file)
        return store
    }
}
