import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read and verify the workspace's append-only, hash-chained audit log.",
        subcommands: [AuditLogCommand.self, AuditVerifyCommand.self, AuditHeadCommand.self]
    )
}

struct AuditLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print audit records in order, grouped by user action: action id, time, reviewer (OS account); then each record's sequence, action, item, field, old → new, reason."
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
            var previous: AuditRecord?
            try AuditLog.forEach(query, in: store) { r in
                count += 1
                if json {
                    print(String(decoding: try encoder.encode(r), as: UTF8.self))
                    return
                }
                // A header names each action once; its records follow, indented. An action's
                // records are written together, but an import's start and finish are not.
                if previous?.actionID != r.actionID {
                    print("action #\(r.actionID)  \(RFC3339.format(millis: r.timestampMillis))  \(Printable.safe(r.reviewer)) (\(Printable.safe(r.osUser)))")
                }
                var line = "  #\(r.seq)  \(Printable.safe(r.action))"
                if let previous, previous.actionID == r.actionID, previous.timestampMillis != r.timestampMillis {
                    line += "  at \(RFC3339.format(millis: r.timestampMillis))"
                }
                previous = r
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
        abstract: "Check the hash chain, an anchor kept outside the workspace, and that every item's state is what replaying the log gives (exit 1 if not).",
        discussion: """
            Without --head, a log cut back at its end, or rewritten whole with its hashes recomputed, \
            still verifies: keep the head that `winnow audit head` (or the shift summary) prints \
            somewhere else, and pass it here.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("head"), help: ArgumentHelp("An anchor printed earlier by `winnow audit head`: prove the log still holds that record unchanged and extends it.", valueName: "seq:hash"))
    var anchorText: String?

    func validate() throws {
        if let anchorText { _ = try Self.anchor(anchorText) }
    }

    static func anchor(_ text: String) throws -> AuditAnchor {
        do {
            return try AuditAnchor(parsing: text)
        } catch {
            throw ValidationError("--head: \(error)")
        }
    }

    func run() throws {
        var failed = false
        try reportingErrors {
            let anchor = try anchorText.map(Self.anchor)
            let store = try global.openStoreForReading()
            let check = try AuditLog.check(store, anchor: anchor)
            for line in AuditCheckText.lines(check) { print(line) }
            failed = !check.passes
        }
        if failed { throw ExitCode(1) }
    }
}

/// How an audit check reads, for `audit verify` and `backup`.
enum AuditCheckText {
    static func lines(_ check: AuditCheck) -> [String] {
        var out: [String] = []
        if let (seq, reason) = check.chain.firstBroken {
            out.append("audit log BROKEN at record #\(seq): \(reason)")
            out.append("records before #\(seq) verify; this one and every later one cannot be trusted")
        } else {
            out.append("audit log intact: \(StatsReport.group(check.chain.records)) records, hash chain verified")
        }
        if let anchor = check.anchor, let finding = check.anchorFinding {
            if finding.isProblem {
                out.append("anchor #\(anchor.seq) FAILS: \(finding.description)")
            } else {
                out.append("anchor #\(anchor.seq) holds: the record is unchanged, and the log extends it to #\(check.head.seq)")
            }
        }
        if check.state.matches {
            out.append("state matches the log: \(StatsReport.group(check.state.items)) items replayed from \(StatsReport.group(check.state.records)) records")
        } else {
            let count = check.state.driftCount
            out.append("state DIFFERS from the log: \(StatsReport.group(count)) " + (count == 1 ? "difference" : "differences"))
            for drift in check.state.drifts { out.append("  " + Printable.safe(drift.description)) }
            if check.state.driftCount > check.state.drifts.count {
                out.append("  … and \(StatsReport.group(check.state.driftCount - check.state.drifts.count)) more")
            }
        }
        out.append("head \(check.head)")
        return out
    }
}

struct AuditHeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head",
        abstract: "Print the log's head as SEQ:HASH: keep it outside the workspace, and check the log against it later with `audit verify --head`."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON: {\"seq\": N, \"hash\": \"…\"}.")
    var json = false

    func run() throws {
        try reportingErrors {
            let head = try AuditLog.head(try global.openStoreForReading())
            if json {
                let object: [String: Any] = ["seq": head.seq, "hash": head.hash]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print(head)
            }
        }
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
