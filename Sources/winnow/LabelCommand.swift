import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Set labels from the command line, or from a JSONL file of {id, field, value} lines.",
        discussion: """
            `winnow label EVENT_ID --set severity=S2 --set locus=retrieval` labels one item; `winnow label \
            --file labels.jsonl` (or `-` for standard input) applies lines such as \
            {"id": "evt-12", "field": "severity", "value": "S2"}. Fields: severity, status, locus, reasons, \
            owner, note, trainable, correction. Values are checked against the workspace's taxonomy. It is \
            the queue's own write path: claims, versions, the audit log; each event's labels are one action, \
            which `winnow undo ACTION` undoes, and the claims the labels took are let go when it ends. Rejected lines are reported with their line number and the \
            rest is applied (exit status 1).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The event's id (as imported).", valueName: "event-id"))
    var eventID: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("A label to set, FIELD=VALUE (repeatable; reasons as CODE,CODE).", valueName: "field=value"))
    var labels: [String] = []

    @Option(help: ArgumentHelp("Read {id, field, value} lines from this JSONL file (gzip too), or - for standard input.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Why, recorded with each change in the audit log (default for a file: `from FILE`).", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("Take over items another reviewer has claimed, with this reason (leads only).", valueName: "reason"))
    var takeover: String?

    @Flag(help: "Check the file's lines without changing anything.")
    var dryRun = false

    @Option(help: ArgumentHelp("Write rejected lines here instead of WORKSPACE/rejects/.", valueName: "file"))
    var rejects: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard (eventID == nil) != (file == nil) else {
            throw ValidationError("name an event and its labels (EVENT_ID --set FIELD=VALUE), or a file (--file PATH)")
        }
        if eventID != nil, labels.isEmpty { throw ValidationError("give at least one --set FIELD=VALUE") }
        if file != nil, !labels.isEmpty { throw ValidationError("--set labels one event; a file names its own fields") }
        if eventID != nil, dryRun || rejects != nil { throw ValidationError("--dry-run and --rejects go with --file") }
        if let takeover, takeover.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--takeover needs a reason") }
    }

    func run() throws {
        var anyRejected = false
        try reportingErrors {
            if let rejects, let file, let refusal = RejectsFileError.check(rejects, inputs: [file]) {
                throw CLIError(status: ExitCode.validationFailure, message: refusal.description)
            }
            let store = try global.openStore(acting: true)
            if let file {
                let input: ImportInput
                do {
                    input = try ImportInput.open(path: file, format: .jsonl)
                } catch {
                    throw CLIError(status: ExitStatus.badInput, message: String(describing: error))
                }
                let applier = LabelApplier(store: store, identity: global.identity, reason: reason ?? "from \(input.name)",
                                           takeoverReason: takeover)
                let summary: LabelRunSummary
                do {
                    summary = try applier.run(input, dryRun: dryRun, rejectsURL: rejects.map { URL(fileURLWithPath: $0) })
                } catch {
                    throw CLIError(status: ExitStatus.badInput, message: "\(input.name): \(error)")
                }
                anyRejected = summary.rejected > 0
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    Terminal.outJSON(try encoder.encode(summary))
                } else {
                    report(summary)
                }
            } else {
                try labelOne(store)
            }
        }
        if anyRejected { throw ExitStatus.rejectedLines }
    }

    private func labelOne(_ store: Store) throws {
        let applier = LabelApplier(store: store, identity: global.identity, reason: reason, takeoverReason: takeover)
        var lines: [LabelLine] = []
        for (index, text) in labels.enumerated() {
            guard let equals = text.firstIndex(of: "=") else {
                throw CLIError(status: ExitCode.validationFailure, message: "--set \(text): expected FIELD=VALUE, e.g. severity=S2")
            }
            let label = LabelLine(line: index + 1, eventID: eventID!, field: String(text[..<equals]).trimmingCharacters(in: .whitespaces),
                                  value: String(text[text.index(after: equals)...]))
            switch applier.check(label) {
            case .success(let checked): lines.append(checked)
            case .failure(let problem): throw CLIError(status: ExitCode.validationFailure, message: "--set \(text): \(problem.message)")
            }
        }
        let outcome = applier.apply(lines)
        try refusingStoreErrors { try applier.releaseClaimsTaken() }
        if let first = outcome.rejected.first {
            let applied = outcome.actions.isEmpty ? "nothing was changed" : "the rest was applied as action #\(outcome.actions[0])"
            throw CLIError(status: ExitStatus.refused, message: "\(first.1); \(applied)")
        }
        let subject = SafeText.line(eventID!)
        guard !outcome.changes.isEmpty else {
            Terminal.out("\(subject): unchanged (it already had these labels)")
            return
        }
        let item = outcome.changes[0].itemID
        let changed = outcome.changes.map { "\($0.field) \(Self.shown($0.oldValue)) → \(Self.shown($0.newValue))" }.joined(separator: ", ")
        let actions = outcome.actions.map { "#\($0)" }.joined(separator: ", ")
        Terminal.out("\(subject) (#\(item)): \(changed)")
        Terminal.out("  action \(actions); `winnow undo \(outcome.actions.map(String.init).joined(separator: " "))` undoes it")
    }

    /// A value in a one-line summary: its first line, clipped.
    static func shown(_ value: String?) -> String {
        guard let value else { return "none" }
        let first = value.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return SafeText.line(first.count > 40 || first.count < value.count ? String(first.prefix(40)) + "…" : first)
    }

    private func report(_ s: LabelRunSummary) {
        for r in s.firstRejections {
            Terminal.note("\(s.source):\(r.line): rejected: \(r.reason)")
        }
        if s.rejected > s.firstRejections.count {
            Terminal.note("… and \(s.rejected - s.firstRejections.count) more rejected lines")
        }
        let group = NumberFormat.grouped
        if s.dryRun {
            Terminal.out("\(s.source): would apply \(group(s.applied)) labels, rejected \(group(s.rejected)) (\(group(s.lines)) lines)")
            Terminal.out("  dry run: nothing was written")
        } else {
            Terminal.out("\(s.source): applied \(group(s.applied)) labels, \(group(s.unchanged)) already so, rejected \(group(s.rejected)) "
                         + "(\(group(s.lines)) lines; \(group(s.actions.count)) actions)")
            if let first = s.actions.first, let last = s.actions.last {
                Terminal.out(first == last ? "  action #\(first); `winnow undo \(first)` undoes it"
                                           : "  actions #\(first) to #\(last); `winnow undo ACTION...` undoes them (`--json` lists them)")
            }
        }
        if s.claimsReleased > 0 { Terminal.out("  let go of the \(group(s.claimsReleased)) claims the labels took") }
        if let file = s.rejectsFile { Terminal.out("  rejected lines: \(file)") }
    }
}

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo actions by their id (as `winnow label` and `winnow audit log` show them).",
        discussion: """
            An undo is a new, compensating action (audit records `undo`), never a deletion; undoing an undo \
            is recorded as a redo. It is refused, and nothing changes, when anyone changed the action's items \
            since. Only the action's reviewer, or a lead, can undo it. Several actions are undone newest first, \
            each as its own action.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Action ids (`#` optional).", valueName: "action"))
    var actions: [ItemNumber]

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            for action in Set(actions.map(\.id)).sorted(by: >) {
                let undone = try refusingStoreErrors { try store.undoAction(action, by: global.identity) }
                let changed = undone.changes.map { "#\($0.itemID) \($0.field) \(LabelCommand.shown($0.oldValue)) → \(LabelCommand.shown($0.newValue))" }
                Terminal.out("\(undone.action) of action #\(action): \(changed.joined(separator: ", ")) (action #\(undone.actionID.map(String.init) ?? "?"))")
            }
        }
    }
}
