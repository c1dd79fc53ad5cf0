import ArgumentParser
import Foundation
import WinnowStore

struct DupesRebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Recompute every sketch and suggestion with the workspace's [dupes] settings (after changing compare, mask, or lowering min_similarity).",
        discussion: "Rejected pairs stay rejected. With suggestions off, it clears the stored ones."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let bar = ProgressBar(enabled: Terminal.stderrIsTerminal, label: "dupes rebuild")
            let started = Date()
            let summary = try refusingStoreErrors {
                defer { bar.finish() }
                return try store.rebuildDuplicates(by: global.identity) { done, total in
                    bar.update(done: done, of: total, unit: "items", elapsed: Date().timeIntervalSince(started))
                }
            }
            guard store.config.dupes.enabled else {
                return Terminal.out("near-duplicate suggestions are off ([dupes] enabled = false): the stored ones were cleared")
            }
            Terminal.out("rebuilt near-duplicate suggestions: \(StatsReport.group(summary.items)) items, "
                + "\(StatsReport.group(summary.sketched)) sketched, \(StatsReport.group(summary.pairs)) pairs in "
                + "\(StatsReport.group(summary.groups)) groups" + String(format: " (%.1fs)", summary.seconds))
        }
    }
}
