import ArgumentParser
import Foundation
import GRDB
import WinnowStore

struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import N events of real conversational text through the real import path; reference: SQLite parsing and inserting the same lines.",
        discussion: """
            The text comes from chatterbot-corpus (\(DialogCorpus.installCommand)), found through python3 \
            or given with --corpus.
            """
    )

    @Option(help: "Number of events to generate.")
    var events = 500_000

    @Option(help: "Seed of the generated events (the same seed gives the same file).")
    var seed: UInt64 = 1

    @Option(help: "The chatterbot-corpus package directory (default: where python3 finds it).")
    var corpus: String?

    @Option(help: "Inputs above this many MB are imported with indexes dropped and rebuilt (the import default is 64).")
    var bulkThresholdMB: Int64 = 64

    @Option(help: "Directory for the generated data (default: a temporary one, removed afterwards).")
    var directory: String?

    func run() throws {
        let dialogs = try DialogCorpus.load(path: corpus)
        let root = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: root) } }

        let file = root.appendingPathComponent("events.jsonl")
        let bytes = try CorpusEvents(corpus: dialogs, seed: seed).write(count: events, to: file)
        print("winnow-bench import: \(formatRate(Double(events))) events, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB of JSONL (\(Int(bytes) / max(events, 1)) bytes an event), seed \(seed)")
        print("text: \(formatRate(Double(dialogs.dialogs.count))) dialogs of chatterbot-corpus in \(dialogs.directory.path)")
        print("load average before: \(Resources.loadAverage)")
        print("baseline resident memory before import: \(String(format: "%.1f", Resources.currentMB)) MB")

        // 0. The same import with near-duplicate suggestions off: what suggestions cost is the
        // ratio of the two rates. First, so the suggestions' run is the one whose peak memory shows.
        let plain = try Workspace.create(at: root.appendingPathComponent("ws-plain"))
        let plainConfig = try String(contentsOf: plain.configURL, encoding: .utf8)
        guard plainConfig.contains("\nenabled = true\n") else { throw ValidationError("the config template no longer says `enabled = true` under [dupes]") }
        try plainConfig.replacingOccurrences(of: "\nenabled = true\n", with: "\nenabled = false\n")
            .write(to: plain.configURL, atomically: true, encoding: .utf8)
        let plainStore = try Store.open(plain)
        let (_, plainSeconds) = try measure {
            var options = ImportOptions()
            options.bulkIndexThresholdBytes = bulkThresholdMB << 20
            return try EventImporter(store: plainStore, identity: Identity(reviewer: "bench", osUser: "bench"))
                .run(try ImportInput.open(path: file.path, format: nil), options: options)
        }
        try plainStore.pool.close()
        try? FileManager.default.removeItem(at: plain.directory)

        // 1. The real import path: validation, unique ids, items, queue and filter indexes, full-text
        // index, near-duplicate sketches and suggestions.
        let workspace = try Workspace.create(at: root.appendingPathComponent("ws"))
        let store = try Store.open(workspace)
        let importer = EventImporter(store: store, identity: Identity(reviewer: "bench", osUser: "bench"))
        let importCPUStart = Resources.cpuSeconds
        let (summary, importSeconds) = try measure {
            var options = ImportOptions()
            options.bulkIndexThresholdBytes = bulkThresholdMB << 20
            return try importer.run(try ImportInput.open(path: file.path, format: nil), options: options)
        }
        let importCPU = Resources.cpuSeconds - importCPUStart
        let importPeak = Resources.peakMB
        guard summary.imported == events, summary.rejected == 0 else {
            throw ValidationError("import did not take every event: \(summary)")
        }
        let importRate = Double(events) / importSeconds
        let groups = try store.duplicateGroups().count
        let (rebuilt, rebuildSeconds) = try measure { try store.rebuildDuplicates(by: Identity(reviewer: "bench", osUser: "bench")) }
        let rebuildPeak = Resources.peakMB
        try store.pool.close()

        // 2. The reference: a minimal JSON scan and one prepared statement into a bare table, in one transaction.
        let referenceCPUStart = Resources.cpuSeconds
        let referenceSeconds = try ParseAndInsertReference.run(lines: file, database: root.appendingPathComponent("reference.db"))
        let referenceRate = Double(events) / referenceSeconds
        let referenceCPU = Resources.cpuSeconds - referenceCPUStart
        try ParseAndInsertReference.checkSameValues(database: root.appendingPathComponent("reference.db"),
                                                    store: workspace.databaseURL, events: events)

        print("")
        print("import       \(formatRate(importRate)) events/s  (\(String(format: "%.1f", importSeconds)) s; \(String(format: "%.1f", importCPU)) s of CPU on all threads)")
        print("reference    \(formatRate(referenceRate)) lines/s  (\(String(format: "%.1f", referenceSeconds)) s; \(String(format: "%.1f", referenceCPU)) s of CPU; \(ParseAndInsertReference.summary))")
        print("ratio        \(String(format: "%.2f", importRate / referenceRate))  (CPU: \(String(format: "%.2f", referenceCPU / importCPU)))")
        print("peak memory  \(String(format: "%.1f", importPeak)) MB during import  (target < 100 MB)")
        let plainRate = Double(events) / plainSeconds
        print("")
        print("near-duplicate suggestions: \(formatRate(Double(groups))) suggested groups after the import")
        print("without them \(formatRate(plainRate)) events/s  (\(String(format: "%.1f", plainSeconds)) s, same file, [dupes] enabled = false)")
        print("with them    \(formatRate(importRate)) events/s: \(String(format: "%.2f", importRate / plainRate)) of the rate without  (target ≥ 0.85)")
        print("dupes rebuild \(String(format: "%.1f", rebuildSeconds)) s (\(formatRate(Double(events) / rebuildSeconds)) items/s, \(formatRate(Double(rebuilt.pairs))) pairs, "
              + "\(formatRate(Double(rebuilt.groups))) groups); peak memory so far \(String(format: "%.1f", rebuildPeak)) MB  (target < 150 MB)")
        print("load average after: \(Resources.loadAverage)")
    }
}
