import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports for the people who fix what reviewers find.",
        subcommands: [OwnersReportCommand.self]
    )
}

struct OwnersReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owners",
        abstract: "Per owner: open items by severity, top reasons and loci, new items against the last period, the oldest open S1/S2, examples with their corrections, clusters by size.",
        discussion: """
            The period runs from --since to now; the last period is as long, just before it. Markdown (the \
            default) reads well pasted into a ticket; csv is one row per owner and figure; json is the whole report.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, csv, json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Start of this period: RFC 3339, a date, or an age (90m, 8h, 2d, 1w).", valueName: "time"))
    var since: String = "7d"

    @Option(help: ArgumentHelp("md, csv or json.", valueName: "format"))
    var format: Format = .md

    func run() throws {
        try reportingErrors {
            let now = Clock.nowMillis()
            let start = try TimeArgument.millis(since, option: "--since", now: now)
            guard start < now else {
                throw CLIError(status: ExitCode.validationFailure, message: "--since \(since): the period must start before now")
            }
            let store = try global.openStoreForReading()
            let report = try store.ownerReport(since: start, now: now)
            switch format {
            case .md: Terminal.out(OwnerReportMarkdown.text(report, workspace: store.config.name, severities: store.config.taxonomy.severities))
            // Every field is already made safe; going through `Terminal.out` would turn the CRLFs into LFs.
            case .csv: FileHandle.standardOutput.write(Data(OwnerReportCSV.text(report).utf8))
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Terminal.outJSON(try encoder.encode(report))
            }
        }
    }
}
