import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Training exports (dpo, sft, sft-negative) that obey the training-candidate rules, and the eval set, each with a manifest.",
        discussion: """
            `winnow export --explain ITEM [--as-of T]` says which rules keep or drop one item (its \
            number or its event's id), and why. Every export is deterministic: the same store and the \
            same --as-of give byte-identical data and manifest.
            """,
        subcommands: [ExportDPOCommand.self, ExportSFTCommand.self, ExportSFTNegativeCommand.self, ExportEvalCommand.self, ExportExplainCommand.self]
    )

    /// `export --explain ITEM …` as `export explain ITEM …`: a parent command's options would take
    /// its subcommands' same-named ones (--as-of, --workspace), so the explanation is a subcommand
    /// and the documented spelling is rewritten to it before parsing.
    static func rewritingExplain(_ arguments: [String]) -> [String] {
        guard arguments.first == "export", arguments.count > 1,
              let index = arguments.firstIndex(where: { $0 == "--explain" || $0.hasPrefix("--explain=") }) else { return arguments }
        var rest = Array(arguments[1...])
        let position = index - 1
        if rest[position] == "--explain" {
            rest.remove(at: position)
        } else {
            rest[position] = String(rest[position].dropFirst("--explain=".count))
        }
        return ["export", "explain"] + rest
    }
}

struct ExportExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Which training rules keep or drop one item, and why (also spelled `winnow export --explain ITEM`).",
        discussion: "Example: `winnow export --explain 12 --as-of 2026-11-30`."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The item: its number (12 or #12) or its event's id.", valueName: "item"))
    var item: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge staleness as of this time (default now).", valueName: "time"))
    var asOf: String?

    func run() throws {
        try reportingErrors {
            let store = try global.openStore()
            let asOfMillis = try asOf.map { try TimeArgument.millis($0, option: "--as-of", now: Clock.nowMillis()) } ?? Clock.nowMillis()
            let explanation = try refusingExportErrors { try store.explainTraining(item, asOfMillis: asOfMillis, by: global.identity) }
            Terminal.out("#\(explanation.itemID) (event \(explanation.eventID)), as of \(RFC3339.format(millis: asOfMillis))")
            guard let kind = explanation.kind, explanation.notConsidered == nil else {
                Terminal.out("not in any training export: \(explanation.notConsidered ?? "")")
                return
            }
            let exports = kind == .sftNegative ? "sft-negative" : "dpo and sft"
            Terminal.out(explanation.kept ? "kept in \(exports)" : "dropped from \(exports)")
            for outcome in explanation.outcomes {
                Terminal.out("  \(outcome.rule.rawValue): \(outcome.kept ? "keep" : "drop") — \(outcome.why)")
            }
        }
    }
}

/// The options every export takes: where it goes, as of when, which items, or the manifest only.
struct ExportFileArguments: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("The JSONL file to write; the manifest goes to PATH.manifest.json.", valueName: "path"))
    var output: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge staleness and choose the eval slice as of this time; nothing newer is exported (default now).", valueName: "time"))
    var asOf: String?

    @Option(help: ArgumentHelp("Only items matching this filter (the queue's filter language).", valueName: "query"))
    var filter: String?

    @Flag(name: .customLong("dry-run"), help: "Print the manifest only: no file, no audit record.")
    var dryRun = false

    func validate() throws {
        if output == nil && !dryRun { throw ValidationError("say where to write: --output PATH (or --dry-run for the manifest only)") }
        if output == "-" { throw ValidationError("--output needs a file: the export is written beside it and renamed into place, with its manifest") }
    }

    /// The output file (a placeholder name in a dry run) and the as-of time.
    func resolved() throws -> (url: URL, asOfMillis: Int64) {
        let now = Clock.nowMillis()
        let asOfMillis = try asOf.map { try TimeArgument.millis($0, option: "--as-of", now: now) } ?? now
        let url = URL(fileURLWithPath: output ?? "dry-run.jsonl", relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
        return (url, asOfMillis)
    }

    /// What a written export prints: the count, the file and, per rule, how many were dropped.
    static func summary(kept: Int, noun: String, url: URL, manifestURL: URL, dropped: [String: ExportManifest.Dropped], detail: String) -> [String] {
        let counts = dropped.filter { $0.value.count > 0 }.sorted { $0.key < $1.key }
            .map { "\($0.key) \(NumberFormat.grouped($0.value.count))" }.joined(separator: ", ")
        return ["exported \(NumberFormat.grouped(kept)) \(noun)\(kept == 1 ? "" : "s") to \(url.path) (\(detail)\(counts.isEmpty ? "" : ": " + counts))",
                "manifest: \(manifestURL.path)"]
    }
}

/// The options every training export takes.
struct TrainingExportArguments: ParsableArguments {
    @OptionGroup var file: ExportFileArguments

    @Flag(name: .customLong("drop-leaking"), help: "Drop items that would leak an eval item into training instead of refusing.")
    var dropLeaking = false
}

extension TrainingExportArguments {
    func run(_ kind: TrainingExportKind, conversational: Bool = false, global: GlobalOptions) throws {
        let store = try global.openStore(acting: true)
        let (url, asOfMillis) = try file.resolved()
        let options = TrainingExportOptions(kind: kind, asOfMillis: asOfMillis, filter: file.filter, conversational: conversational,
                                            dropLeaking: dropLeaking, dryRun: file.dryRun, output: url)
        let result = try refusingExportErrors { try store.exportTraining(options, by: global.identity) }
        if file.dryRun {
            Terminal.outJSON(try result.manifest.encoded().dropLast())
            return
        }
        let manifest = result.manifest
        for line in ExportFileArguments.summary(kept: manifest.kept, noun: "\(kind.rawValue) record", url: url, manifestURL: options.manifestURL,
                                                dropped: manifest.dropped,
                                                detail: "\(NumberFormat.grouped(manifest.considered - manifest.kept)) dropped") {
            Terminal.out(line)
        }
    }
}

/// Export failures with their exit status: a leak or a busy store is a refusal (3), a bad filter
/// a usage error (64), an unreadable blocked-users file a workspace error.
func refusingExportErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try refusingStoreErrors(body)
    } catch let error as EvalLeakageError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as FilterQuery.ParseError {
        throw CLIError(status: ExitCode.validationFailure, message: "--filter: \(error)")
    } catch let error as BlockedUsersFileError {
        throw CLIError(status: ExitStatus.workspaceError, message: error.description)
    } catch let error as ExplainError {
        throw CLIError(status: ExitStatus.badInput, message: error.description)
    }
}

struct ExportDPOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dpo",
        abstract: "Preference pairs for TRL's DPOTrainer: prompt, chosen (the correction), rejected (the response).",
        discussion: """
            Example: `winnow export dpo --output pairs.jsonl --as-of 2026-11-30`. Only items with a \
            reviewer-written or accepted correction make a pair; negative-only signals go to \
            `winnow export sft-negative`.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: TrainingExportArguments

    @Flag(help: "Write prompt, chosen and rejected as chat messages (TRL's conversational form).")
    var conversational = false

    func run() throws {
        try reportingErrors { try export.run(.dpo, conversational: conversational, global: global) }
    }
}

struct ExportSFTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sft",
        abstract: "Chat fine-tuning exemplars: messages with the user's prompt and the corrected answer.",
        discussion: "Example: `winnow export sft --output exemplars.jsonl`."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: TrainingExportArguments

    func run() throws {
        try reportingErrors { try export.run(.sft, global: global) }
    }
}

struct ExportSFTNegativeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sft-negative",
        abstract: "Negative examples: thumbs down, escalations and low CSAT without a correction, with their labels.",
        discussion: "Example: `winnow export sft-negative --output negatives.jsonl`."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: TrainingExportArguments

    func run() throws {
        try reportingErrors { try export.run(.sftNegative, global: global) }
    }
}
