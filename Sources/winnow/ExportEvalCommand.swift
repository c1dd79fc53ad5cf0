import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct ExportEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "The eval set: a frozen, stratified slice of live traffic and every complete rubric case with its settled scores.",
        discussion: """
            Example: `winnow export eval --output eval.jsonl --as-of 2026-11-30`. Each week gives \
            [eval] share of its events (5 % by default), stratified by intent × cohort × severity and \
            chosen by a seeded hash of the event id; an item once chosen stays in the set, and no \
            training export ever carries it, its cluster or its suggested near-duplicates.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var file: ExportFileArguments

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let (url, asOfMillis) = try file.resolved()
            let options = EvalExportOptions(asOfMillis: asOfMillis, filter: file.filter, dryRun: file.dryRun, output: url)
            let result = try refusingExportErrors { try store.exportEval(options, by: global.identity) }
            let manifest = result.manifest
            if file.dryRun {
                Terminal.outJSON(try manifest.encoded().dropLast())
                return
            }
            let detail = "\(NumberFormat.grouped(manifest.sliceCases)) from the slice (\(NumberFormat.grouped(result.sliceChosenNow)) chosen now), "
                + "\(NumberFormat.grouped(manifest.rubricCases)) rubric"
            for line in ExportFileArguments.summary(kept: manifest.kept, noun: "eval case", url: url, manifestURL: options.manifestURL,
                                                    dropped: manifest.dropped, detail: detail) {
                Terminal.out(line)
            }
        }
    }
}
