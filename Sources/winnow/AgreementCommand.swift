import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-rater agreement (κ, α, AC1) of a round's judgments, or of a reliability-data CSV.",
        discussion: """
            On a workspace: per field or rubric dimension judged in review rounds (complete items \
            only), percent agreement, Krippendorff's α at the level the scale implies, Fleiss' κ, \
            Cohen's κ per pair of reviewers, weighted κ on ordered scales, Gwet's AC1, a bootstrap \
            95% interval for α, and each reviewer against the outcome (harsher: lower on the scale).
            With --data FILE.csv: the header names the raters, each row is one unit, an empty cell \
            is a missing judgment.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("A reliability-data CSV to read instead of the workspace.", valueName: "file.csv"))
    var data: String?

    @Option(help: ArgumentHelp("The level of measurement of the CSV's values: nominal, ordinal, interval or ratio.",
                               valueName: "level"))
    var level: MeasurementLevel = .nominal

    @Option(help: ArgumentHelp("Only this round (by name).", valueName: "name"))
    var round: String?

    @Option(help: ArgumentHelp("Only this field: a label (severity) or a rubric dimension (faithfulness).", valueName: "field"))
    var field: String?

    @Option(help: ArgumentHelp("Seed of the bootstrap resampling (the same seed gives the same interval).", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Bootstrap resamples for α's 95% interval; 0 for none.", valueName: "n"))
    var bootstrap: Int = Agreement.defaultBootstrapReplicates

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if data != nil, round != nil || field != nil {
            throw ValidationError("--round and --field choose judgments of the workspace; they do not apply to --data")
        }
        if bootstrap < 0 { throw ValidationError("--bootstrap must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            if let data { try reportFile(data) } else { try reportWorkspace() }
        }
    }

    private func reportFile(_ path: String) throws {
        let csv: ReliabilityCSV
        do {
            csv = try ReliabilityCSV.read(path: path, numeric: level == .interval || level == .ratio)
        } catch let error as ReliabilityCSVError {
            throw CLIError(status: ExitStatus.badInput, message: "\(path) is not usable reliability data:\n\(error)")
        } catch {
            throw CLIError(status: ExitStatus.badInput, message: "cannot read \(path): \(error)")
        }
        let report = AgreementReport.compute(csv.data, level: level, scale: [], reference: nil,
                                             replicates: bootstrap, seed: seed)
        if json {
            try printJSON(.object(report.json))
        } else {
            Terminal.out("\(path): \(report.units) units, \(report.raters.count) raters (\(report.raters.joined(separator: ", "))), "
                         + "\(report.judgments) judgments, \(level.rawValue) level\n")
            Terminal.out(report.text, terminator: "")
        }
    }

    private func reportWorkspace() throws {
        let store = try global.openStoreForReading()
        let fields = try store.reliabilityData(round: round, field: field)
        let reports = fields.map { field in
            (field, AgreementReport.compute(field.data, level: field.level, scale: field.scale, reference: field.reference,
                                            replicates: bootstrap, seed: seed))
        }
        if json {
            try printJSON(.object(["fields": .array(reports.map { field, report in
                var object = report.json
                object["field"] = .string(field.field.name)
                object["stored_field"] = .string(field.field.stored)
                object["rubric"] = field.rubric.map(JSONValue.string) ?? .null
                object["rounds"] = .array(field.rounds.map(JSONValue.string))
                object["items"] = .number(Double(field.units.count))
                return .object(object)
            })]))
            return
        }
        guard !reports.isEmpty else {
            var scope = round.map { "round \($0)" } ?? "any round"
            if let field { scope += ", field \(field)" }
            Terminal.out("No complete round items with judgments in \(scope) yet: agreement counts only items every "
                         + "reviewer has finished (or rounds that are closed).")
            return
        }
        for (field, report) in reports {
            let rubric = field.rubric.map { " (rubric \($0))" } ?? ""
            Terminal.out("\(field.field.name)\(rubric): \(field.units.count) items, \(report.judgments) judgments by "
                         + "\(report.raters.count) reviewers, \(field.level.rawValue) scale, rounds \(field.rounds.joined(separator: ", "))")
            Terminal.out(report.text)
        }
    }

    private func printJSON(_ value: JSONValue) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Terminal.outJSON(try encoder.encode(value))
    }
}

extension MeasurementLevel: ExpressibleByArgument {}
