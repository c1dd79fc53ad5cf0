import ArgumentParser
import Foundation
import GRDB
import WinnowCore
import WinnowStore

/// `winnow-bench export`: a DPO export of a large workspace against a bare SELECT of the same
/// columns written as JSONL, measured in one process that does nothing else (the workspace is
/// built by a child process first, so its import does not count towards the peak memory).
struct ExportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "A DPO export of N events (settled and corrected in realistic shares); reference: a bare SELECT of the same columns written as JSONL.",
        discussion: """
            The text comes from chatterbot-corpus (\(DialogCorpus.installCommand)). Targets: the export \
            at least 0.5 of the reference's rate, under 100 MB of peak memory.
            """
    )

    @Option(help: "Number of events in the workspace.")
    var events = 1_000_000

    @Option(help: "Seed of the generated events.")
    var seed: UInt64 = 1

    @Option(help: "The chatterbot-corpus package directory (default: where python3 finds it).")
    var corpus: String?

    @Option(help: "Directory for the workspace and outputs (default: a temporary one, removed afterwards); an existing workspace there is reused.")
    var directory: String?

    @Option(help: .hidden)
    var phase: String?

    func run() throws {
        let root = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-export-\(getpid())")
        switch phase {
        case "build": try build(root)
        case "measure": try measureExport(root)
        default:
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { if directory == nil { try? FileManager.default.removeItem(at: root) } }
            let workspace = root.appendingPathComponent("ws")
            if !FileManager.default.fileExists(atPath: workspace.appendingPathComponent("winnow.db").path) {
                try child("build", root)
            } else {
                print("reusing the workspace in \(workspace.path)")
            }
            try child("measure", root)
        }
    }

    /// Runs a phase in a process of its own, so each has its own peak memory.
    private func child(_ phase: String, _ root: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var arguments = ["export", "--phase", phase, "--events", String(events), "--seed", String(seed), "--directory", root.path]
        if let corpus { arguments += ["--corpus", corpus] }
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ExitCode(process.terminationStatus) }
    }

    /// Imports the events and settles a realistic share of them: 40 % triaged or resolved, with
    /// the arrived correction accepted on corrections and a written one on a quarter of the rest.
    private func build(_ root: URL) throws {
        let dialogs = try DialogCorpus.load(path: corpus)
        let file = root.appendingPathComponent("events.jsonl")
        let bytes = try CorpusEvents(corpus: dialogs, seed: seed).write(count: events, to: file)
        print("winnow-bench export: \(formatRate(Double(events))) events, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB of JSONL, seed \(seed)")
        let workspace = try Workspace.create(at: root.appendingPathComponent("ws"))
        let config = try String(contentsOf: workspace.configURL, encoding: .utf8)
        guard config.contains("\nenabled = true\n") else { throw ValidationError("the config template no longer says `enabled = true` under [dupes]") }
        // Suggestions are not what this measures, and importing without them is faster.
        try config.replacingOccurrences(of: "\nenabled = true\n", with: "\nenabled = false\n")
            .write(to: workspace.configURL, atomically: true, encoding: .utf8)
        let store = try Store.open(workspace)
        let (summary, importSeconds) = try measure {
            try EventImporter(store: store, identity: Identity(reviewer: "bench", osUser: "bench"))
                .run(try ImportInput.open(path: file.path, format: nil), options: ImportOptions())
        }
        guard summary.imported == events else { throw ValidationError("import did not take every event: \(summary)") }
        let (settled, settleSeconds) = try measure { try BenchSettlement.settle(store) }
        print("built in \(String(format: "%.1f", importSeconds)) s (import) + \(String(format: "%.1f", settleSeconds)) s: "
            + "\(formatRate(Double(settled.settled))) items settled, \(formatRate(Double(settled.corrected))) with a correction")
        try store.pool.close()
        try? FileManager.default.removeItem(at: file)
    }

    private func measureExport(_ root: URL) throws {
        let workspace = Workspace(directory: root.appendingPathComponent("ws"))
        let store = try Store.open(workspace)
        let asOf = BenchEvents.startMillis + Int64(events) * 2_500
        print("load average before: \(Resources.loadAverage)")
        print("resident memory before the export: \(String(format: "%.1f", Resources.currentMB)) MB")

        let output = root.appendingPathComponent("pairs.jsonl")
        let options = TrainingExportOptions(kind: .dpo, asOfMillis: asOf, dropLeaking: true, output: output)
        let exportCPUStart = Resources.cpuSeconds
        let (result, exportSeconds) = try measure { try store.exportTraining(options, by: Identity(reviewer: "bench", osUser: "bench")) }
        let exportCPU = Resources.cpuSeconds - exportCPUStart
        let exportPeak = Resources.peakMB

        let referenceCPUStart = Resources.cpuSeconds
        let (rows, referenceSeconds) = try measure {
            try store.writeBareSelectJSONL(to: root.appendingPathComponent("reference.jsonl"), asOfMillis: asOf)
        }
        let referenceCPU = Resources.cpuSeconds - referenceCPUStart
        let manifest = result.manifest
        let exportRate = Double(manifest.considered) / exportSeconds
        let referenceRate = Double(rows) / referenceSeconds
        print("")
        print("export       \(formatRate(exportRate)) rows/s  (\(formatRate(Double(manifest.considered))) considered, \(formatRate(Double(manifest.kept))) pairs "
            + "kept, \(String(format: "%.1f", Double(manifest.dataBytes) / 1_048_576)) MB; \(String(format: "%.1f", exportSeconds)) s, "
            + "\(String(format: "%.1f", exportCPU)) s of CPU)")
        let dropped = manifest.dropped.filter { $0.value.count > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \(formatRate(Double($0.value.count)))" }
        print("             dropped: \(dropped.joined(separator: ", "))")
        print("reference    \(formatRate(referenceRate)) rows/s  (\(formatRate(Double(rows))) rows; \(String(format: "%.1f", referenceSeconds)) s, "
            + "\(String(format: "%.1f", referenceCPU)) s of CPU; SELECT of the same columns, JSONEncoder, buffered writes)")
        let referenceCPUPerRow = referenceCPU / Double(rows)
        let exportCPUPerRow = exportCPU / Double(manifest.considered)
        let cpuRatio = String(format: "%.2f", referenceCPUPerRow / exportCPUPerRow)
        print("ratio        \(String(format: "%.2f", exportRate / referenceRate))  (target ≥ 0.5; CPU: \(cpuRatio))")
        print("peak memory  \(String(format: "%.1f", exportPeak)) MB during the export  (target < 100 MB)")
        print("load average after: \(Resources.loadAverage)")
    }
}
