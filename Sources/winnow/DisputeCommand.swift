import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct DisputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispute",
        abstract: "List, show, raise, decide and reopen disputes over labels and rubric scores.",
        discussion: """
            The reviewer is --reviewer, else WINNOW_REVIEWER, else your login name. Any reviewer raises a \
            dispute; an adjudicator who is no party to it decides it; a lead reopens a decision.
            """,
        subcommands: [DisputeListCommand.self, DisputeShowCommand.self, DisputeRaiseCommand.self, DisputeDecideCommand.self,
                      DisputeReopenCommand.self]
    )

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A value as a reviewer reads it: a label's wording (`won't fix`), a score as it is.
    static func shown(_ value: String?, _ field: JudgedField) -> String {
        guard case .label(let label) = field else { return SafeText.line(value ?? "none") }
        return SafeText.line(LabelWording.plain.text(label, value))
    }

    static func time(_ millis: Int64?) -> String { millis.map { RFC3339.format(millis: $0) } ?? "" }
}

/// A dispute as JSON: stable snake_case keys, times in RFC 3339.
struct DisputeJSON: Encodable {
    struct Judgment: Encodable {
        var id: Int64
        var reviewer: String
        var at: String
        var value: String?
        var rationale: String?
        var note: String?
        var state: String
        var verdict: String

        init(_ j: DisputedJudgment) {
            id = j.id
            reviewer = j.reviewer
            at = RFC3339.format(millis: j.createdMillis)
            value = j.value
            rationale = j.rationale
            note = j.note
            state = j.state
            verdict = j.verdict.rawValue
        }
    }

    var id: Int64
    var item: Int64
    var field: String
    var round: String?
    var origin: String
    var state: String
    var openedBy: String
    var openedAt: String
    var reason: String?
    var decidedBy: String?
    var decidedAt: String?
    var decidedValue: String?
    var competing: [Judgment]?
    var decision: Judgment?
    var withdrawn: [Judgment]?
    var disputants: [String]?
    var itemVersion: Int?

    enum CodingKeys: String, CodingKey {
        case id, item, field, round, origin, state, reason, competing, decision, withdrawn, disputants
        case openedBy = "opened_by", openedAt = "opened_at", decidedBy = "decided_by", decidedAt = "decided_at"
        case decidedValue = "decided_value", itemVersion = "item_version"
    }

    init(_ s: DisputeSummary) {
        id = s.id
        item = s.itemID
        field = s.field.stored
        round = s.roundName
        origin = s.origin
        state = s.state.rawValue
        openedBy = s.openedBy
        openedAt = RFC3339.format(millis: s.openedMillis)
        reason = s.reason
        decidedBy = s.decidedBy
        decidedAt = s.decidedMillis.map { RFC3339.format(millis: $0) }
        decidedValue = s.decidedValue
    }

    init(_ d: DisputeDetail) {
        self.init(d.summary)
        competing = d.competing.map(Judgment.init)
        decision = d.decision.map(Judgment.init)
        withdrawn = d.withdrawn.map(Judgment.init)
        disputants = d.disputants
        itemVersion = d.itemVersion
    }
}

struct DisputeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List disputes, oldest first: open ones unless --decided or --all. (The queue's `dispute:open` filter shows their items.)"
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only open disputes (the default).")
    var open = false

    @Flag(help: "Only decided disputes.")
    var decided = false

    @Flag(help: "Open and decided disputes.")
    var all = false

    @Option(help: "Only disputes about this item.")
    var item: Int64?

    @Flag(help: "Print JSON Lines, one dispute per line.")
    var json = false

    func validate() throws {
        guard [open, decided, all].filter({ $0 }).count <= 1 else { throw ValidationError("choose one of --open, --decided and --all") }
    }

    func run() throws {
        try reportingErrors {
            let store = try global.openStoreForReading()
            let state: DisputeState? = all ? nil : decided ? .decided : .open
            let disputes = try store.disputes(state, item: item, limit: Int.max)
            for d in disputes {
                if json {
                    Terminal.outJSON(try DisputeCommand.encoder.encode(DisputeJSON(d)))
                    continue
                }
                var line = "#\(d.id)  \(d.state.rawValue)  item \(d.itemID)  \(SafeText.line(d.field.name))  \(SafeText.line(d.origin))"
                line += "  opened by \(SafeText.line(d.openedBy)) \(DisputeCommand.time(d.openedMillis))"
                if d.state == .decided, let by = d.decidedBy {
                    line += "  decided \(DisputeCommand.shown(d.decidedValue, d.field)) by \(SafeText.line(by))"
                }
                if let reason = d.reason { line += "\n    \(SafeText.line(reason))" }
                Terminal.out(line)
            }
            if disputes.isEmpty, !json { Terminal.note(all ? "no disputes" : decided ? "no decided disputes" : "no open disputes") }
        }
    }
}

struct DisputeShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one dispute: the item and field, where it came from, and the competing judgments side by side with the decision."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The dispute's id.")
    var id: Int64

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try global.openStoreForReading()
            let detail = try refusingStoreErrors { try store.dispute(id) }
            if json {
                Terminal.outJSON(try DisputeCommand.encoder.encode(DisputeJSON(detail)))
                return
            }
            let s = detail.summary
            Terminal.out("dispute #\(s.id)  \(s.state.rawValue)  item \(s.itemID)  \(SafeText.line(s.field.name))  \(SafeText.line(s.origin))")
            Terminal.out("opened by \(SafeText.line(s.openedBy)) at \(DisputeCommand.time(s.openedMillis))")
            if let reason = s.reason { Terminal.out("reason: \(SafeText.line(reason))") }
            Terminal.out("")
            for j in detail.competing { Terminal.out(Self.line(j, s.field)) }
            if let decision = detail.decision {
                Terminal.out("")
                Terminal.out("decision: \(DisputeCommand.shown(decision.value, s.field)) by \(SafeText.line(decision.reviewer)) at \(DisputeCommand.time(decision.createdMillis))")
                if let rationale = decision.rationale { Terminal.out("rationale: \(SafeText.line(rationale))") }
            }
            for w in detail.withdrawn {
                Terminal.out("withdrawn decision: \(DisputeCommand.shown(w.value, s.field)) by \(SafeText.line(w.reviewer)) at \(DisputeCommand.time(w.createdMillis))"
                    + (w.rationale.map { " (\(SafeText.line($0)))" } ?? ""))
            }
            if s.state == .open {
                Terminal.out("")
                Terminal.out("may not decide it: \(detail.disputants.map(SafeText.line).joined(separator: ", "))")
            }
        }
    }

    static func line(_ j: DisputedJudgment, _ field: JudgedField) -> String {
        var line = "  \(SafeText.line(j.reviewer))  \(DisputeCommand.shown(j.value, field))  \(j.verdict.rawValue)  \(DisputeCommand.time(j.createdMillis))"
        if let rationale = j.rationale { line += "\n      rationale: \(SafeText.line(rationale))" }
        if let note = j.note { line += "\n      note: \(SafeText.line(note))" }
        return line
    }
}

struct DisputeRaiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raise",
        abstract: "Dispute an item's label that another reviewer set, with a reason and optionally the value you propose."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The item's id.")
    var item: Int64

    @Argument(help: "The label: severity, locus, reasons, owner, trainable or status.")
    var field: String

    @Option(help: "What is wrong with the value (required).")
    var reason: String

    @Option(help: ArgumentHelp("The value you propose instead.", valueName: "value"))
    var value: String?

    func validate() throws {
        guard LabelField(rawValue: field) != nil else {
            throw ValidationError("unknown label `\(field)` (labels: \(LabelField.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let opened = try refusingStoreErrors { () throws -> OpenedDispute? in
                // Acting from the command line is acting on the item as it is now.
                guard let version = try store.versions(of: [item])[item] else { throw ClaimError.noSuchItem(item) }
                return try store.raiseDispute(LabelField(rawValue: field)!, on: item, reason: reason, proposedValue: value,
                                              by: global.identity, expectedVersion: version).disputesOpened.first
            }
            guard let opened else { return }
            Terminal.out("opened dispute #\(opened.id) on the \(SafeText.line(opened.field.name)) of #\(opened.itemID) "
                + "(\(DisputeCommand.shown(opened.acceptedValue, opened.field)) by \(SafeText.line(opened.disputedReviewer ?? "?")))")
        }
    }
}

struct DisputeDecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Decide an open dispute (adjudicators, never a party to it): the value, and why."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The dispute's id.")
    var id: Int64

    @Argument(help: "The decided value: one of the competing values, or any value the field takes.")
    var value: String

    @Option(help: "Why this value (required).")
    var rationale: String

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let detail = try refusingStoreErrors {
                let detail = try store.dispute(id)
                try store.decideDispute(id, value: value, rationale: rationale, by: global.identity, expectedVersion: detail.itemVersion)
                return try store.dispute(id)
            }
            let field = detail.summary.field
            Terminal.out("decided dispute #\(id): the \(SafeText.line(field.name)) of #\(detail.summary.itemID) is "
                + DisputeCommand.shown(detail.decision?.value, field))
        }
    }
}

struct DisputeReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reopen a decided dispute (leads): the decision stays in history, withdrawn; the item keeps its value until the next decision."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The dispute's id.")
    var id: Int64

    @Option(help: "Why the decision is reopened (required).")
    var reason: String

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            _ = try refusingStoreErrors { try store.reopenDispute(id, reason: reason, by: global.identity) }
            Terminal.out("reopened dispute #\(id)")
        }
    }
}
