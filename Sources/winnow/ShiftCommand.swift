import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct ShiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shift",
        abstract: "Shift handoff from the audit log: items labelled by severity and status, merges, corrections, claims, pace.",
        discussion: "The reviewer is --reviewer, else WINNOW_REVIEWER, else your login name."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Start of the shift: RFC 3339, a date, or an age (default 12h).", valueName: "time"))
    var since: String = "12h"

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try global.openStoreForReading()
            let now = Clock.nowMillis()
            let start = try TimeArgument.millis(since, option: "--since", now: now)
            let report = try store.shiftReport(reviewer: global.identity.reviewer, since: start, until: now)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                Terminal.outJSON(try encoder.encode(report))
            } else {
                Terminal.out(report.text, terminator: "")
            }
        }
    }
}
