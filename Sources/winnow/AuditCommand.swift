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
            let store = try global.openStoreForReading()
            // Reading the log acts as nobody, so --reviewer names whose records to show.
            var query = AuditLog.Query(itemID: item, reviewer: byReviewer ?? global.reviewer)
            if let since {
                guard let millis = TimeArgument.millis(since, now: Clock.nowMillis()) else {
                    throw CLIError(status: ExitCode.validationFailure,
                                   message: "--since \(since): expected RFC 3339 (2026-11-23T08:00:00Z), a date (2026-11-23) or an age (90m, 8h, 2d)")
                }
                query.sinceMillis = millis
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var count = 0
            try AuditLog.forEach(query, in: store) { r in
                count += 1
                if json {
                    print(String(decoding: try encoder.encode(r), as: UTF8.self))
                    return
                }
                var line = "#\(r.seq)  \(RFC3339.format(millis: r.timestampMillis))  \(Printable.safe(r.reviewer)) (\(Printable.safe(r.osUser)))  \(r.action)"
                if let item = r.itemID { line += "  item \(item)" }
                if let field = r.field { line += "  \(Printable.safe(field))" }
                if r.oldValue != nil || r.newValue != nil {
                    line += ": \(Printable.safe(r.oldValue ?? "∅")) → \(Printable.safe(r.newValue ?? "∅"))"
                }
                if let reason = r.reason { line += "  (\(Printable.safe(reason)))" }
                print(line)
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
            let store = try global.openStoreForReading()
            let result = try AuditLog.verify(store)
            if let (seq, reason) = result.firstBroken {
                print("audit log BROKEN at record #\(seq): \(reason)")
                print("records before #\(seq) verify; this one and every later one cannot be trusted")
                broken = true
            } else {
                print("audit log intact: \(StatsReport.group(result.records)) records, hash chain verified")
            }
        }
        if broken { throw ExitCode(1) }
    }
}

/// Times given on the command line.
enum TimeArgument {
    static func millis(_ text: String, now: Int64) -> Int64? {
        if let exact = RFC3339.parseMillis(text) { return exact }
        if let day = RFC3339.parseMillis(text + "T00:00:00Z") { return day }
        guard let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0 else { return nil }
        let perUnit: Int64
        switch unit {
        case "m": perUnit = 60_000
        case "h": perUnit = 3_600_000
        case "d": perUnit = 86_400_000
        case "w": perUnit = 7 * 86_400_000
        default: return nil
        }
        return now - amount * perUnit
    }
}

/// Text from the store printed on a terminal: control characters are escaped, never emitted.
enum Printable {
    static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
