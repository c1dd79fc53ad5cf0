import Foundation
import GRDB
import WinnowStore
import WinnowTUI

/// Keys per fully triaged item (severity, locus, reasons, owner and status triaged), counted by
/// driving the queue as a reviewer does: key by key through the reducer, the runtime and the store,
/// on a workspace made by the `winnow init` template (its taxonomy and presets).
enum TriageKeystrokes {
    struct Path {
        var name: String
        /// Keys pressed once before counting (the labels a repeat repeats).
        var setup: [String] = []
        /// Keys that take and triage one item.
        var keys: [String]
        var note: String
    }

    static let paths: [Path] = [
        Path(name: "by hand", keys: ["t", "s", "2", "L", "down", "enter", "R", "enter", "O", "enter", "S", "t"],
             note: "the old path: arrows in the pickers, the owner confirmed"),
        Path(name: "picker digits", keys: ["t", "s", "2", "L", "2", "R", "1", "enter", "S", "t"],
             note: "a digit picks; the owner follows the locus"),
        Path(name: "preset", keys: ["t", "1"], note: "preset 1 of the template: stale-kb"),
        Path(name: "repeat", setup: ["t", "1"], keys: ["t", "."], note: "after one preset (or any label set)"),
    ]

    struct Result {
        var path: Path
        var items: Int
        var triaged: Int
        var keysPerItem: Double
    }

    static func measure(items: Int, in root: URL) throws -> [Result] {
        try paths.enumerated().map { index, path in
            let directory = root.appendingPathComponent("keys-\(index)")
            let store = try Store.open(Workspace(directory: try BenchEvents.workspace(events: items + 10, in: directory)))
            defer { try? store.pool.close() }
            let identity = Identity(reviewer: "bench", osUser: "bench")
            let state = AppState(width: 100, height: 30, workspaceName: store.config.name, reviewer: identity.reviewer, singleUser: true,
                                 now: Clock.nowMillis(), themeName: "dusk", themeNames: ["dusk"])
            let runtime = QueueRuntime(state: state.withVocabulary(of: store), session: QueueSession(store: store, identity: identity))
            runtime.start()
            runtime.settle()
            func press(_ keys: [String]) {
                for key in keys {
                    runtime.dispatch(.key(Key(key)))
                    runtime.settle()
                }
            }
            press(path.setup)
            let before = try fullyTriaged(store)
            var pressed = 0
            for _ in 0..<items {
                press(path.keys)
                pressed += path.keys.count
            }
            let triaged = try fullyTriaged(store) - before
            return Result(path: path, items: items, triaged: triaged, keysPerItem: triaged == 0 ? .infinity : Double(pressed) / Double(triaged))
        }
    }

    static func fullyTriaged(_ store: Store) throws -> Int {
        try store.pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM items WHERE severity IS NOT NULL AND locus IS NOT NULL AND reasons IS NOT NULL
                AND reasons <> '[]' AND owner IS NOT NULL AND status = 'triaged'
                """) ?? 0
        }
    }

    static func report(items: Int, in root: URL) throws {
        let results = try measure(items: items, in: root)
        print("keys per fully triaged item (severity, locus, reasons, owner, status triaged), the queue driven key by key, \(items) items a path:")
        let keys = results.map { $0.path.keys.map { Key($0).label }.joined(separator: " ") }
        let keysWidth = keys.map(\.count).max() ?? 0
        for (result, keys) in zip(results, keys) {
            let figure = result.keysPerItem.isFinite ? String(format: "%5.1f", result.keysPerItem) : "    –"
            let shortfall = result.triaged == result.items ? "" : "  (only \(result.triaged) of \(result.items) items fully triaged)"
            print("  \(result.path.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(figure)  \(keys.padding(toLength: keysWidth, withPad: " ", startingAt: 0))  \(result.path.note)\(shortfall)")
        }
    }
}
