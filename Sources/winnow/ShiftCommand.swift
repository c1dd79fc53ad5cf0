import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct ShiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shift",
        abstract: "Shift handoff from the audit log: items labelled by severity and status, merges, corrections, claims, pace.",
        discussion: """
            The reviewer is --reviewer, else WINNOW_REVIEWER, else your login name, as for the queue. \
            When that reviewer did nothing in the period, the report lists who worked the workspace; \
            --all lists every reviewer's totals.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Start of the shift: RFC 3339, a date, or an age (default 12h).", valueName: "time"))
    var since: String = "12h"

    @Flag(help: "List every reviewer who worked the workspace in the period, with their totals.")
    var all = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try global.openStoreForReading()
            let now = Clock.nowMillis()
            let start = try TimeArgument.millis(since, option: "--since", now: now)
            if all {
                let workers = try store.shiftWorkers(since: start, until: now)
                if json {
                    Terminal.outJSON(try Self.encoder.encode(workers))
                } else {
                    let span = RFC3339.format(millis: start) + " → " + RFC3339.format(millis: now)
                    Terminal.out("Who worked the workspace  (\(span))\n"
                        + (workers.isEmpty ? "  nobody\n" : ShiftWorker.table(workers)), terminator: "")
                }
                return
            }
            var report = try store.shiftReport(reviewer: global.identity.reviewer, since: start, until: now)
            if !report.hasChanges, report.claimsTaken == 0, report.takeovers == 0 {
                report.workedBy = try store.shiftWorkers(since: start, until: now)
            }
            if json {
                Terminal.outJSON(try Self.encoder.encode(report))
            } else {
                Terminal.out(report.text, terminator: "")
            }
        }
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
