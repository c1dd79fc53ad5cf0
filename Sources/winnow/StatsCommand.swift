import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts by signal, status, severity, locus and owner; time span; open backlog."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try global.openStoreForReading()
            let stats = try store.stats()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Terminal.outJSON(try encoder.encode(stats))
            } else {
                Terminal.out(StatsReport.text(stats, workspaceName: store.config.name))
            }
        }
    }
}

enum StatsReport {
    static func text(_ s: WorkspaceStats, workspaceName: String) -> String {
        var out = "\(workspaceName)  (\(s.workspace))\n"
        out += "events \(group(s.events))   items \(group(s.items))   open backlog \(group(s.openBacklog))"
            + "   duplicates \(group(s.duplicates))\n"
        if let first = s.firstEvent, let last = s.lastEvent {
            out += "span   \(first) → \(last)\n"
        } else {
            out += "span   (no events yet: `winnow import FILE`)\n"
        }
        func section(_ title: String, _ counts: [WorkspaceStats.Count]) {
            out += "\n\(title)\n"
            let names = counts.map { c in c.label.map { "\(c.name) \($0)" } ?? c.name }
            let width = names.map(\.count).max() ?? 0
            let total = max(1, counts.reduce(0) { $0 + $1.count })
            for (name, c) in zip(names, counts) {
                let share = Double(c.count) / Double(total) * 100
                out += "  " + name.padding(toLength: max(width, 8), withPad: " ", startingAt: 0)
                    + "  " + leftPad(group(c.count), 9) + "  " + leftPad(String(format: "%5.1f%%", share), 6) + "\n"
            }
        }
        // A duplicate goes by its canonical item's labels, so it is in none of the label sections.
        let labelled = s.duplicates == 0 ? ""
            : "  (not counting \(group(s.duplicates)) merged duplicate\(s.duplicates == 1 ? "" : "s"))"
        section("by signal", s.bySignal)
        section("by status", s.byStatus)
        section("by severity" + labelled, s.bySeverity)
        section("by failure locus" + labelled, s.byLocus)
        section("by owner" + labelled, s.byOwner)
        return out
    }

    static func group(_ n: Int) -> String { NumberFormat.grouped(n) }

    static func leftPad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
