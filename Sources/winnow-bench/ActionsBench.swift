import ArgumentParser
import Foundation
import GRDB
import WinnowStore

struct ActionsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "N label actions through the TUI's store path; reference: bare single-row inserts, one transaction each. Then the keys per fully triaged item on each path."
    )

    @Flag(help: "Only count the keys per fully triaged item (no timing).")
    var keysOnly = false

    @Option(help: "Items triaged on each path when counting keys.")
    var keyItems = 5

    @Option(help: "Number of label actions (each on a different item, so at most --events).")
    var actions = 10_000

    @Option(help: "Number of events in the generated workspace.")
    var events = 100_000

    func validate() throws {
        guard keyItems > 0 else { throw ValidationError("--key-items must be at least 1") }
        guard actions > 0, actions <= events else {
            throw ValidationError("--actions must be between 1 and --events: each action labels an item not labelled before, so it is a real change")
        }
    }

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-actions-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        if keysOnly {
            try TriageKeystrokes.report(items: keyItems, in: root)
            return
        }
        let store = try Store.open(Workspace(directory: try BenchEvents.workspace(events: events, in: root)))
        let identity = Identity(reviewer: "bench", osUser: "bench")
        let items = try store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM items ORDER BY id") }

        // Fields and values cycle; every item is labelled once, with a value it does not have yet
        // (a fresh item's status is `new`), so every action writes a judgment and an audit record.
        var choices: [(LabelField, [String])] = []
        for field in [LabelField.severity, .status, .locus, .owner, .note, .trainable] {
            let values = field == .note ? ["note"] : store.allowedValues(field).filter { $0 != "new" }
            if !values.isEmpty { choices.append((field, values)) }
        }
        // A stride coprime with the item count spreads consecutive actions over the table.
        var stride = 7_919
        while gcd(stride, items.count) != 1 { stride += 1 }
        print("winnow-bench actions: \(formatRate(Double(actions))) label actions on a \(formatRate(Double(items.count)))-event workspace"
              + " (\(choices.map(\.0.rawValue).joined(separator: ", ")))")

        // The action: the same call the TUI's label commands make, with the item's version as the
        // screen saw it (every item is labelled once, so still 0), the claim check, and background
        // checkpoints as in an interactive session.
        try store.checkpointInBackground()
        func act(_ field: LabelField, _ value: String, _ item: Int64) throws -> ChangeSet {
            try store.applyLabel(field, value: value, to: [item], by: identity, expectedVersions: [item: 0])
        }

        var latencies: [Double] = []
        latencies.reserveCapacity(actions)
        let (_, actionSeconds) = try measure {
            for i in 0..<actions {
                let (field, values) = choices[i % choices.count]
                let value = field == .note ? "note \(i)" : values[(i / choices.count) % values.count]
                let item = items[(i * stride) % items.count]
                let (outcome, t) = try measure { try act(field, value, item) }
                guard outcome.changedItems == 1 else {
                    throw ValidationError("action \(i) (\(field.rawValue) = \(value) on item \(item)) changed nothing: \(outcome)")
                }
                latencies.append(t)
            }
        }
        let actionStats = Stats(latencies)
        let actionRate = Double(actions) / actionSeconds
        try store.pool.close()

        // The reference: the SQLite floor for one small committed write with the same durability.
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let reference = try DatabasePool(path: root.appendingPathComponent("reference.db").path, configuration: configuration)
        try reference.write { db in
            try db.execute(sql: "CREATE TABLE bare(item_id INTEGER, field TEXT, value TEXT, reviewer TEXT, ts_ms INTEGER)")
        }
        var referenceLatencies: [Double] = []
        referenceLatencies.reserveCapacity(actions)
        let (_, referenceSeconds) = try measure {
            for i in 0..<actions {
                let (_, t) = try measure {
                    try reference.write { db in
                        try db.cachedStatement(sql: "INSERT INTO bare VALUES (?, ?, ?, ?, ?)")
                            .execute(arguments: [items[(i * stride) % items.count], "severity", "S\(1 + i % 4)", "bench", Int64(i)])
                    }
                }
                referenceLatencies.append(t)
            }
        }
        let referenceStats = Stats(referenceLatencies)
        let referenceRate = Double(actions) / referenceSeconds
        let journal = try reference.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?" }
        try reference.close()

        print("")
        print("actions      \(formatRate(actionRate)) actions/s  p50 \(ms(actionStats.p50))  p99 \(ms(actionStats.p99))  max \(ms(actionStats.max))  (target p99 < 2 ms)")
        print("reference    \(formatRate(referenceRate)) rows/s     p50 \(ms(referenceStats.p50))  p99 \(ms(referenceStats.p99))  max \(ms(referenceStats.max))"
              + "  (bare single-row INSERT, one transaction each, \(journal.uppercased()), synchronous=NORMAL)")
        print("ratio        \(String(format: "%.2f", actionRate / referenceRate))  (action rate ÷ reference rate)")
        print("peak memory  \(String(format: "%.1f", Resources.peakMB)) MB")
        print("")
        try TriageKeystrokes.report(items: keyItems, in: root)
    }

    private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
