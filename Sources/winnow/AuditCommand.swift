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
                query.sinceMillis = try TimeArgument.millis(since, option: "--since", now: Clock.nowMillis())
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var count = 0
            var previous: AuditRecord?
            // Blind round judgments stay hidden from the other reviewers until the item is complete.
            try AuditLog.forEach(query, in: store, visibleTo: global.identity) { r in
                count += 1
                if json {
                    Terminal.outJSON(try encoder.encode(r))
                    return
                }
                // A header names each action once; its records follow, indented. An action's
                // records are written together, but an import's start and finish are not.
                if previous?.actionID != r.actionID {
                    Terminal.out("action #\(r.actionID)  \(RFC3339.format(millis: r.timestampMillis))  \(SafeText.line(r.reviewer)) (\(SafeText.line(r.osUser)))")
                }
                var line = "  #\(r.seq)  \(SafeText.line(r.action))"
                if let previous, previous.actionID == r.actionID, previous.timestampMillis != r.timestampMillis {
                    line += "  at \(RFC3339.format(millis: r.timestampMillis))"
                }
                previous = r
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
            for line in AuditCheckText.lines(check) { Terminal.out(line) }
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
            for drift in check.state.drifts { out.append("  " + SafeText.line(drift.description)) }
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
                Terminal.outJSON(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
            } else {
                Terminal.out(head.description)
            }
        }
    }
}
