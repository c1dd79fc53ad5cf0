import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct SpikesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spikes",
        abstract: "What rose against its trailing baseline (and after which release), guardrail drift, improvement velocity.",
        discussion: """
            Each intent, signal, intent's signal, failure locus and reason code is counted per day; the window \
            ([spikes] window_days, or --since) is tested against the baseline_days before it. A flag names the \
            model or prompt version first seen before the rise. --as-of makes a report reproducible; without it \
            the report is as of now, or of the end of the newest event's day when nothing arrived in the window.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("End of the window: RFC 3339, a date, or an age (default now).", valueName: "time"))
    var asOf: String?

    @Option(help: ArgumentHelp("Start of the window, instead of [spikes] window_days (whole days before --as-of).", valueName: "time"))
    var since: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try global.openStoreForReading()
            let now = Clock.nowMillis()
            let end = try asOf.map { try TimeArgument.millis($0, option: "--as-of", now: now) }
            var parameters = store.config.spikes
            if let since {
                let start = try TimeArgument.millis(since, option: "--since", now: now)
                let day = SpikeDetection.dayMillis
                let days = ((end ?? now) - start + day - 1) / day
                guard (1...90).contains(days) else {
                    throw CLIError(status: ExitCode.validationFailure,
                                   message: "--since \(since): the window must be 1 to 90 days before --as-of (it is \(days))")
                }
                parameters.windowDays = Int(days)
            }
            let report = try store.insights(asOf: end, now: now, parameters: parameters)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Terminal.outJSON(try encoder.encode(report))
            } else {
                Terminal.out(SpikesText.text(report, workspaceName: store.config.name,
                                             ascii: !Sparkline.localeIsUTF8(ProcessInfo.processInfo.environment)),
                             terminator: "")
            }
        }
    }
}
