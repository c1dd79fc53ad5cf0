import ArgumentParser
import Foundation
import WinnowStore

extension ImportFormat: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import events from JSONL or CSV files (gzip too); `-` reads standard input.",
        discussion: """
            Invalid lines are reported with their line number and reason, written to a rejects file \
            (WORKSPACE/rejects/), and the rest still imports; the exit status is then 1. Events whose \
            id is already stored are skipped, so importing a file twice changes nothing.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Event files (.jsonl, .csv, optionally .gz), or - for standard input.", valueName: "file"))
    var files: [String]

    @Option(help: "Input format when the extension does not tell (jsonl or csv).")
    var format: ImportFormat?

    @Flag(help: "Validate and count without writing to the store.")
    var dryRun = false

    @Option(help: ArgumentHelp("Write rejected lines here instead of WORKSPACE/rejects/.", valueName: "file"))
    var rejects: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Option(help: .hidden)
    var batchSize: Int?

    func validate() throws {
        if rejects != nil, files.count > 1 {
            throw ValidationError("--rejects names one file; import one input at a time with it")
        }
        if let batchSize, !(1...1_000_000).contains(batchSize) {
            throw ValidationError("--batch-size \(batchSize) is out of range (1 to 1,000,000 events)")
        }
    }

    func run() throws {
        var anyRejected = false
        try reportingErrors {
            // Before the store is opened, so a refused file leaves the workspace untouched.
            if let rejects, let refusal = RejectsFileError.check(rejects, inputs: files) {
                throw CLIError(status: ExitCode.validationFailure, message: refusal.description)
            }
            let store = try global.openStore(acting: true)
            let importer = EventImporter(store: store, identity: global.identity)
            var summaries: [ImportSummary] = []
            for file in files {
                let input: ImportInput
                do {
                    input = try ImportInput.open(path: file, format: format)
                } catch {
                    throw CLIError(status: ExitStatus.badInput, message: String(describing: error))
                }
                let bar = ProgressBar(enabled: Terminal.stderrIsTerminal && !json, label: input.name)
                let summary: ImportSummary
                do {
                    var options = ImportOptions(dryRun: dryRun)
                    options.rejectsURL = rejects.map { URL(fileURLWithPath: $0) }
                    if let batchSize { options.batchSize = batchSize }
                    summary = try importer.run(input, options: options) { bar.update($0) }
                    bar.finish()
                } catch {
                    bar.finish()
                    throw CLIError(status: ExitStatus.badInput, message: "\(input.name): \(error)")
                }
                summaries.append(summary)
                anyRejected = anyRejected || summary.rejected > 0
                if !json { report(summary) }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Terminal.outJSON(try encoder.encode(summaries))
            }
        }
        if anyRejected { throw ExitStatus.rejectedLines }
    }

    private func report(_ s: ImportSummary) {
        for r in s.firstRejections {
            Terminal.note("\(s.source):\(r.line): rejected: \(r.reason)")
        }
        if s.rejected > s.firstRejections.count {
            Terminal.note("… and \(s.rejected - s.firstRejections.count) more rejected lines")
        }
        let verb = s.dryRun ? "would import" : "imported"
        let rate = s.seconds > 0 ? Double(s.imported + s.skipped) / s.seconds : 0
        var line = "\(s.source): \(verb) \(StatsReport.group(s.imported)), skipped \(StatsReport.group(s.skipped)) already stored, rejected \(StatsReport.group(s.rejected))"
        line += String(format: " (%@ lines in %.1fs, %@ events/s)", StatsReport.group(s.lines), s.seconds,
                       StatsReport.group(Int(rate)))
        Terminal.out(line)
        if s.indexes == .keptForOthers {
            Terminal.out("  others had the workspace open, so their queue indexes were kept up to date (slower than rebuilding them)")
        }
        if let file = s.rejectsFile { Terminal.out("  rejected lines: \(file)") }
        if s.dryRun { Terminal.out("  dry run: nothing was written") }
    }
}
