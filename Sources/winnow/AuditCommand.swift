import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read and verify the workspace's append-only, hash-chained audit log.",
        subcommands: [AuditLogCommand.self, AuditVerifyCommand.self]
    )
}

struct AuditLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print audit records in order: sequence, time, reviewer (OS account), action, item, field, old → new, reason."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only records about this item.")
    var item: Int64?

    @Option(name: .customLong("by"), help: ArgumentHelp("Only records by this reviewer (as --reviewer NAME does here).", valueName: "name"))
    var byReviewer: String?

    @Option(help: ArgumentHelp("Only records since this time: RFC 3339, a date (2026-11-23), or an age (90m, 8h, 2d).", valueName: "time"))
    var since: String?

    @Flag(help: "Print JSON Lines, one record per line.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try global.openStore()
            // Reading the log acts as nobody, so --reviewer names whose records to show.
            var query = AuditLog.Query(itemID: item, reviewer: byReviewer ?? global.reviewer)
            if let since {
                query.sinceMillis = try TimeArgument.millis(since, option: "--since", now: Clock.nowMillis())
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var count = 0
            try AuditLog.forEach(query, in: store) { r in
                count += 1
                if json {
                    Terminal.outJSON(try encoder.encode(r))
                    return
                }
                var line = "#\(r.seq)  \(RFC3339.format(millis: r.timestampMillis))  \(SafeText.line(r.reviewer)) (\(SafeText.line(r.osUser)))  \(r.action)"
                if let item = r.itemID { line += "  item \(item)" }
                if let field = r.field { line += "  \(SafeText.line(field))" }
                if r.oldValue != nil || r.newValue != nil {
                    line += ": \(SafeText.line(r.oldValue ?? "∅")) → \(SafeText.line(r.newValue ?? "∅"))"
                }
                if let reason = r.reason { line += "  (\(SafeText.line(reason)))" }
                Terminal.out(line)
            }
            if count == 0, !json { Terminal.note("no audit records match") }
        }
    }
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the whole hash chain; name the first record that does not match (exit 1)."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        var broken = false
        try reportingErrors {
            let store = try global.openStore()
            let result = try AuditLog.verify(store)
            if let (seq, reason) = result.firstBroken {
                Terminal.out("audit log BROKEN at record #\(seq): \(reason)")
                print("records before #\(seq) verify; this one and every later one cannot be trusted")
                broken = true
            } else {
                print("audit log intact: \(StatsReport.group(result.records)) records, hash chain verified")
            }
        }
        if broken { throw ExitCode(1) }
    }
}
