import ArgumentParser
import Foundation
import WinnowConfig
import WinnowCore
import WinnowStore

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Review rounds: blind double review of sampled items, on a rubric or triage fields.",
        discussion: """
            A lead creates and closes rounds. Each item gets --overlap blind judgments; a reviewer sees \
            another reviewer's judgment of an item only once every judgment of it is in, or the round \
            is closed (leads and adjudicators see them at once). A reviewer may revise their judgment \
            until the item is complete.
            """,
        subcommands: [RoundNewCommand.self, RoundListCommand.self, RoundShowCommand.self, RoundCloseCommand.self,
                      RoundQueueCommand.self, RoundScoreCommand.self, RoundReviseCommand.self, RoundSkipCommand.self,
                      RoundJudgmentsCommand.self]
    )

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `a,b c` → ["a", "b", "c"].
    static func list(_ text: String?) -> [String]? {
        text.map { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
    }
}

struct RoundNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a round (leads only): choose items, what is judged, and who judges each.",
        discussion: """
            Items: every canonical item matching --filter, or --sample N of them (of all items without \
            --filter), drawn with --seed and stratified by --stratify; the same seed and data give the \
            same items and assignments.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The round's name (letters, digits, -, _, .).")
    var name: String

    @Option(help: ArgumentHelp("Only items matching this filter (the queue's filter language).", valueName: "query"))
    var filter: String?

    @Option(help: ArgumentHelp("Draw this many items.", valueName: "n"))
    var sample: Int?

    @Option(help: ArgumentHelp("The seed of the draw and of the assignments.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Strata for --sample: any of intent, cohort, severity, signal, model_version.", valueName: "keys"))
    var stratify: String?

    @Option(name: .customLong("long-tail"), help: ArgumentHelp("Also draw this many items from the smallest strata.", valueName: "k"))
    var longTail: Int = 0

    @Option(help: ArgumentHelp("The rubric to score on (see winnow.toml).", valueName: "name"))
    var rubric: String?

    @Option(help: ArgumentHelp("Triage fields judged blind: severity, status, locus, reasons, owner, trainable.", valueName: "fields"))
    var fields: String?

    @Option(help: "Blind judgments per item.")
    var overlap: Int = 2

    @Option(help: ArgumentHelp("Who reviews (default: everyone on the roster with the qa role).", valueName: "names"))
    var reviewers: String?

    @Flag(help: "Print the round as JSON.")
    var json = false

    func validate() throws {
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
        if longTail < 0 { throw ValidationError("--long-tail cannot be negative") }
        if sample == nil, stratify != nil || longTail > 0 { throw ValidationError("--stratify and --long-tail need --sample N") }
        _ = try strata()
        _ = try labelFields()
    }

    func strata() throws -> [StratumKey] {
        try (RoundCommand.list(stratify) ?? []).map { key in
            guard let stratum = StratumKey(rawValue: key) else {
                throw ValidationError("--stratify: `\(key)` is not one of \(StratumKey.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return stratum
        }
    }

    func labelFields() throws -> [LabelField] {
        try (RoundCommand.list(fields) ?? []).map { name in
            guard let field = LabelField(rawValue: name), field != .note else {
                throw ValidationError("--fields: `\(name)` is not one of severity, status, locus, reasons, owner, trainable")
            }
            return field
        }
    }

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let spec = RoundSpec(name: name, rubric: rubric, fields: try labelFields(), overlap: overlap,
                                 reviewers: RoundCommand.list(reviewers),
                                 sample: RoundSampleSpec(filter: filter, count: sample, seed: seed, stratify: try strata(), longTail: longTail))
            let round = try refusingStoreErrors { try store.createRound(spec, by: global.identity) }
            if json {
                Terminal.outJSON(try RoundCommand.encoder.encode(round))
            } else {
                Terminal.out("created round \(round.name): \(round.items) items, \(round.assignments) assignments "
                    + "(\(round.overlap) per item) for \(round.sample.reviewers.joined(separator: ", "))")
                for (stratum, count) in round.sample.strata.sorted(by: { $0.key < $1.key }) where !round.sample.stratify.isEmpty {
                    Terminal.out("  \(stratum): \(count) of \(round.sample.population[stratum] ?? 0)")
                }
            }
        }
    }
}

struct RoundListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List rounds, newest first, with their progress.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let rounds = try refusingStoreErrors { try global.openStoreForReading().rounds() }
            if json { return Terminal.outJSON(try RoundCommand.encoder.encode(rounds)) }
            if rounds.isEmpty { return Terminal.note("no rounds yet (a lead creates one with `winnow round new NAME`)") }
            for round in rounds {
                let judged = ((round.rubric.map { ["rubric \($0)"] } ?? []) + round.fields).joined(separator: ", ")
                let state = round.closedMillis.map { "closed \(RFC3339.format(millis: $0))" } ?? "open"
                Terminal.out("\(round.name)  \(state)  \(round.itemsComplete)/\(round.items) items complete  judging \(judged)  "
                    + "by \(round.createdBy), \(RFC3339.format(millis: round.createdMillis))")
            }
        }
    }
}

struct RoundShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A round's progress per reviewer, and its disputes.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The round's name.")
    var name: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let progress = try refusingStoreErrors { try global.openStoreForReading().roundProgress(name) }
            if json { return Terminal.outJSON(try RoundCommand.encoder.encode(progress)) }
            let round = progress.round
            var lines = ["round \(round.name)  " + (round.closedMillis.map { _ in "closed by \(round.closedBy ?? "?")" } ?? "open")]
            if let rubric = round.rubric {
                lines.append("  rubric \(rubric) (version \(String((round.rubricVersion ?? "").prefix(12))))")
            }
            if !round.fields.isEmpty { lines.append("  fields \(round.fields.joined(separator: ", "))") }
            lines.append("  \(round.items) items, \(round.itemsComplete) complete; \(round.overlap) blind judgments each")
            lines.append("  disputes: \(progress.disputesOpen) open, \(progress.disputesDecided) decided")
            lines.append("  reviewer             assigned  done  skipped  remaining")
            for reviewer in progress.reviewers {
                lines.append("  " + reviewer.reviewer.padding(toLength: max(20, reviewer.reviewer.count), withPad: " ", startingAt: 0)
                    + String(format: " %8d %5d %8d %10d", reviewer.assigned, reviewer.submitted, reviewer.skipped, reviewer.remaining))
            }
            for line in lines { Terminal.out(line) }
        }
    }
}

struct RoundCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a round (leads only): items with two judgments or more are settled; open assignments can no longer be submitted."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The round's name.")
    var name: String

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let closing = try refusingStoreErrors { try store.closeRound(name, by: global.identity) }
            Terminal.out("closed round \(closing.round): \(closing.settledItems.count) unfinished items settled, "
                + "\(closing.disputesOpened.count) disputes opened, \(closing.openAssignments) assignments left open")
        }
    }
}

struct RoundQueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Your assignments (of --reviewer): open ones first in order, each with what to judge."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Only this round.")
    var name: String?

    @Flag(help: "Print JSON Lines, one assignment per line.")
    var json = false

    struct Line: Encodable {
        var round: String
        var item: Int64
        var position: Int
        var state: String
        var judged: [String]
        var values: [String: String]
        var skipReason: String?
        enum CodingKeys: String, CodingKey {
            case round, item, position, state, judged, values
            case skipReason = "skip_reason"
        }
    }

    func run() throws {
        try reportingErrors {
            let store = try global.openStoreForReading()
            let rows = try refusingStoreErrors { try store.assignments(for: global.identity.reviewer, round: name) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for row in rows {
                let values = Dictionary(uniqueKeysWithValues: row.values.map { ($0.key.name, $0.value) })
                if json {
                    Terminal.outJSON(try encoder.encode(Line(round: row.round, item: row.itemID, position: row.position, state: row.state,
                                                             judged: row.judged.map(\.name), values: values, skipReason: row.skipReason)))
                    continue
                }
                var line = "\(row.round)  #\(row.itemID)  \(row.state)  judge \(row.judged.map(\.name).joined(separator: ", "))"
                if !values.isEmpty { line += "  (" + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + ")" }
                if let reason = row.skipReason { line += "  skipped: \(reason)" }
                Terminal.out(line)
            }
            if rows.isEmpty, !json { Terminal.note("\(global.identity.reviewer) has no assignments" + (name.map { " in round \($0)" } ?? "")) }
        }
    }
}

/// `field=value` arguments and rationales, shared by score and revise.
struct JudgmentArguments: ParsableArguments {
    @Option(help: "The item judged.")
    var item: Int64

    @Argument(help: ArgumentHelp("Judgments as field=value: a rubric dimension (faithfulness=4) or a triage field (severity=S2).",
                                 valueName: "field=value"))
    var judgments: [String] = []

    @Option(help: ArgumentHelp("Why, for the whole item.", valueName: "text"))
    var rationale: String?

    @Option(name: .customLong("rationale-for"), help: ArgumentHelp("Why, for one field: field=text (repeatable).", valueName: "field=text"))
    var fieldRationales: [String] = []

    /// The judged fields of a round: a triage field by its name, anything else a rubric dimension.
    static func field(_ name: String) -> JudgedField {
        if let stored = JudgedField(stored: name) { return stored }
        return .dimension(name)
    }

    static func pairs(_ texts: [String], what: String) throws -> [JudgedField: String] {
        var pairs: [JudgedField: String] = [:]
        for text in texts {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("\(what) `\(text)` is not field=value")
            }
            let field = field(String(text[..<equals]).trimmingCharacters(in: .whitespaces))
            guard pairs[field] == nil else { throw ValidationError("\(field.name) is given twice") }
            pairs[field] = String(text[text.index(after: equals)...])
        }
        return pairs
    }

    func validate() throws {
        _ = try Self.pairs(judgments, what: "judgment")
        _ = try Self.pairs(fieldRationales, what: "--rationale-for")
    }
}

struct RoundScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Submit your blind judgments of an item in a round (every field the round judges on it).",
        discussion: "Example: winnow round score qa-week48 --item 42 faithfulness=4 completeness=pass severity=S2 --rationale \"cites the old policy\""
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The round's name.")
    var name: String

    @OptionGroup var judgment: JudgmentArguments

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let values = try JudgmentArguments.pairs(judgment.judgments, what: "judgment")
            guard !values.isEmpty else { throw CLIError(status: ExitStatus.refused, message: "give the judgments as field=value") }
            let result = try refusingStoreErrors {
                try store.submitJudgments(round: name, item: judgment.item, values: values,
                                          rationales: try JudgmentArguments.pairs(judgment.fieldRationales, what: "--rationale-for"),
                                          itemRationale: judgment.rationale, by: global.identity)
            }
            Terminal.out("scored #\(judgment.item) in round \(name): \(result.judgments.count) judgments"
                + (result.itemCompleted ? "; the item is complete (\(result.disputesOpened.count) disputes opened)" : ""))
        }
    }
}

struct RoundReviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revise",
        abstract: "Change your submitted judgments of an item, until every judgment of it is in."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The round's name.")
    var name: String

    @OptionGroup var judgment: JudgmentArguments

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let values = try JudgmentArguments.pairs(judgment.judgments, what: "judgment")
            guard !values.isEmpty else { throw CLIError(status: ExitStatus.refused, message: "give the revised judgments as field=value") }
            let result = try refusingStoreErrors {
                try store.reviseJudgments(round: name, item: judgment.item, values: values,
                                          rationales: try JudgmentArguments.pairs(judgment.fieldRationales, what: "--rationale-for"),
                                          itemRationale: judgment.rationale, by: global.identity)
            }
            Terminal.out(result.judgments.isEmpty ? "nothing to revise: #\(judgment.item) already has those judgments"
                : "revised \(result.judgments.count) judgments of #\(judgment.item) in round \(name)")
        }
    }
}

struct RoundSkipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "skip", abstract: "Skip an assignment, saying why.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The round's name.")
    var name: String

    @Option(help: "The item skipped.")
    var item: Int64

    @Option(help: ArgumentHelp("Why (required).", valueName: "text"))
    var reason: String

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let result = try refusingStoreErrors { try store.skipAssignment(round: name, item: item, reason: reason, by: global.identity) }
            Terminal.out("skipped #\(item) in round \(name)" + (result.itemCompleted ? "; the item is complete" : ""))
        }
    }
}

struct RoundJudgmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judgments",
        abstract: "An item's round judgments as you (--reviewer) may see them: others' stay hidden until the item is complete."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The item.")
    var item: Int64

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let judgments = try refusingStoreErrors {
                try global.openStoreForReading().roundJudgments(item: item, viewer: global.identity)
            }
            if json { return Terminal.outJSON(try RoundCommand.encoder.encode(judgments)) }
            if judgments.isEmpty { return Terminal.note("#\(item) has no round judgments") }
            for j in judgments {
                var line = "\(j.round)  \(RFC3339.format(millis: j.createdMillis))  \(j.reviewer)  \(j.judgedField?.name ?? j.field) = \(j.shownValue)"
                line += "  [\(j.state)\(j.revises.map { ", revises \($0)" } ?? "")]"
                if let rationale = j.rationale { line += "  (\(rationale))" }
                Terminal.out(line)
            }
        }
    }
}
