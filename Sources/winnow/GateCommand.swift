import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Compare two model (or prompt) versions and say whether the candidate may be promoted.",
        discussion: """
            Reads the reviewed (triaged or resolved) and rubric-scored items of each version: rubric pass rate \
            per dimension, hallucination rate, escalation rate and mean CSAT, each with its sample size and \
            confidence interval. The rule ([gate] in winnow.toml): promote only if accuracy holds within the \
            tolerance and the hallucination rate did not rise. Exit status 0 pass, 1 fail, 3 inconclusive.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The version in production now.", valueName: "version"))
    var baseline: String

    @Option(help: ArgumentHelp("The version that would replace it.", valueName: "version"))
    var candidate: String

    @Option(help: ArgumentHelp("What tells the versions apart: model (model_version) or prompt (prompt_version).", valueName: "model|prompt"))
    var by: Axis = .model

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    enum Axis: String, ExpressibleByArgument, CaseIterable {
        case model, prompt
        var stored: VersionAxis { self == .model ? .model : .prompt }
    }

    func run() throws {
        var verdict = GateVerdict.pass
        try reportingErrors {
            let store = try global.openStoreForReading()
            let axis = by.stored
            let accuracy = store.config.gate.rule.accuracyDimension
            guard store.config.rubrics.contains(where: { $0.dimension(named: accuracy) != nil }) else {
                throw CLIError(status: ExitStatus.workspaceError, message: "this workspace's rubrics have no `\(accuracy)` dimension to read accuracy from: "
                               + "name one with accuracy_dimension under [gate] in \(store.workspace.configURL.path)")
            }
            for version in [baseline, candidate] where try !store.versionExists(version, axis: axis) {
                throw CLIError(status: ExitCode.validationFailure, message: "no event carries \(axis.rawValue) `\(version)`")
            }
            guard baseline != candidate else {
                throw CLIError(status: ExitCode.validationFailure, message: "--baseline and --candidate are the same version")
            }
            let report = ReleaseGate.evaluate(baseline: try store.releaseGateCounts(version: baseline, axis: axis),
                                              candidate: try store.releaseGateCounts(version: candidate, axis: axis),
                                              rule: store.config.gate.rule, axis: axis.rawValue)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Terminal.outJSON(try encoder.encode(report))
            } else {
                Terminal.out(GateReportText.text(report))
            }
            verdict = report.verdict
        }
        switch verdict {
        case .pass: return
        case .fail: throw ExitStatus.gateFailed
        case .inconclusive: throw ExitStatus.gateInconclusive
        }
    }
}

/// `winnow gate`'s table: a row per figure, each with its sample size and interval.
enum GateReportText {
    static func text(_ report: GateReport) -> String {
        let rule = report.rule
        let level = "\(Int((rule.confidence * 100).rounded()))%"
        var out = "release gate on \(report.axis): \(report.baseline.version) → \(report.candidate.version): \(report.verdict.rawValue.uppercased())\n"
        out += "rule: promote only if the \(rule.accuracyDimension) pass rate holds within \(fixed(rule.tolerance)) and the hallucination rate "
            + "did not rise; \(level) intervals; at least \(rule.minimumItems) items a version\n\n"
        var rows: [[String]] = [["", "baseline \(report.baseline.version)", "candidate \(report.candidate.version)", "change"]]
        rows.append(["reviewed items", NumberFormat.grouped(report.baseline.reviewedItems), NumberFormat.grouped(report.candidate.reviewedItems), ""])
        rows.append(["rubric-scored items", NumberFormat.grouped(report.baseline.rubricScoredItems),
                     NumberFormat.grouped(report.candidate.rubricScoredItems), ""])
        let names = Set(report.baseline.dimensions.map(\.dimension) + report.candidate.dimensions.map(\.dimension))
        // The accuracy dimension first: it is the one the rule reads.
        for name in names.sorted(by: { ($0 == rule.accuracyDimension ? 0 : 1, $0) < ($1 == rule.accuracyDimension ? 0 : 1, $1) }) {
            let change = name == rule.accuracyDimension ? difference(report.accuracyChange) : ""
            rows.append(["\(name) pass rate" + (name == rule.accuracyDimension ? " (accuracy)" : ""),
                         rate(report.baseline.dimension(name)?.passRate), rate(report.candidate.dimension(name)?.passRate), change])
        }
        if !names.contains(rule.accuracyDimension) {
            rows.append(["\(rule.accuracyDimension) pass rate (accuracy)", "n=0", "n=0", ""])
        }
        rows.append(["hallucination rate", rate(report.baseline.hallucinationRate), rate(report.candidate.hallucinationRate),
                     difference(report.hallucinationChange)])
        rows.append(["escalation rate", rate(report.baseline.escalationRate), rate(report.candidate.escalationRate), ""])
        rows.append(["mean CSAT", mean(report.baseline.meanCSAT), mean(report.candidate.meanCSAT), ""])
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            out += zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "   ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        out += "\nwhy:\n"
        for reason in report.reasons { out += "  - \(reason)\n" }
        return out
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }

    static func rate(_ figure: RateFigure?) -> String {
        guard let figure, let rate = figure.rate, let interval = figure.interval else { return "n=0" }
        return "\(fixed(rate)) [\(fixed(interval.lower)), \(fixed(interval.upper))] n=\(NumberFormat.grouped(figure.n))"
    }

    static func mean(_ figure: MeanFigure) -> String {
        guard let mean = figure.mean else { return "n=0" }
        let interval = figure.interval.map { String(format: " [%.2f, %.2f]", $0.lower, $0.upper) } ?? ""
        return String(format: "%.2f", mean) + interval + " n=\(NumberFormat.grouped(figure.n))"
    }

    static func difference(_ figure: DifferenceFigure) -> String {
        guard let estimate = figure.estimate, let interval = figure.interval else { return "" }
        return String(format: "%+.3f [%+.3f, %+.3f]", estimate, interval.lower, interval.upper)
    }
}
