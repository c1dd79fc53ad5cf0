import ArgumentParser
import Foundation
import GRDB
import WinnowStore
import WinnowTUI

struct TUIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Drive the real state, reducer, store queries and renderer headlessly on a large workspace."
    )

    @Option(help: "Number of events in the generated workspace.")
    var events = 1_000_000

    @Option(help: "Reuse (or keep) the generated workspace in this directory.")
    var directory: String?

    @Option(help: "Keystrokes measured per kind.")
    var repeats = 200

    func run() throws {
        let root = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-tui-\(getpid())")
        defer { if directory == nil { try? FileManager.default.removeItem(at: root) } }
        let wsURL = try BenchEvents.workspace(events: events, in: root)
        let before = Resources.currentMB
        let store = try Store.open(Workspace(directory: wsURL))
        let count = try store.eventCount()
        print("winnow-bench tui: \(formatRate(Double(count))) events, 120×40 screen, \(repeats) keystrokes per kind")

        // First frame: open the runtime, load the first window and the detail, render.
        let state = AppState(width: 120, height: 40, workspaceName: "bench", reviewer: "bench", singleUser: true,
                             now: Clock.nowMillis(), themeName: "dusk", themeNames: ["dusk"])
        let (runtime, firstFrame) = measure { () -> QueueRuntime in
            let runtime = QueueRuntime(state: state, session: QueueSession(store: store, identity: Identity(reviewer: "bench", osUser: "bench")))
            runtime.start()
            _ = runtime.frame()
            return runtime
        }

        // Reference: the bare SQL that fetches the visible rows, as the queue orders them.
        let visible = runtime.state.listHeight
        var referenceTimes: [Double] = []
        for _ in 0..<repeats {
            let (_, t) = try measure {
                try store.pool.read { db in
                    try Row.fetchAll(db, sql: """
                        SELECT items.id, items.signal, items.ts_ms, items.status, events.prompt FROM items
                        JOIN events ON events.rowid = items.id
                        ORDER BY items.is_open DESC, items.weight DESC, items.ts_ms DESC, items.id DESC LIMIT \(visible)
                        """)
                }
            }
            referenceTimes.append(t)
        }
        let reference = Stats(referenceTimes)

        func keystrokes(_ label: String, _ keys: [Key], reset: (() -> Void)? = nil) -> Stats {
            var times: [Double] = []
            for i in 0..<repeats {
                let key = keys[i % keys.count]
                let (_, t) = measure {
                    runtime.dispatch(.key(key))
                    _ = runtime.frame()
                }
                times.append(t)
                reset?()
            }
            return Stats(times)
        }
        func typed(_ text: String) -> [Key] { text.map { Key($0 == " " ? "space" : String($0)) } }
        func timeSequence(_ keys: [Key]) -> Double {
            measure {
                for key in keys { runtime.dispatch(.key(key)) }
                _ = runtime.frame()
            }.1
        }

        var results: [(String, Stats)] = []
        results.append(("move (j/k)", keystrokes("move", [Key("j"), Key("j"), Key("k")])))
        results.append(("page (^D/^U)", keystrokes("page", [Key("ctrl-d"), Key("ctrl-d"), Key("ctrl-u")])))
        results.append(("jump (G/g)", keystrokes("jump", [Key("G"), Key("g")])))
        results.append(("open item (Enter/q)", keystrokes("open", [Key("enter"), Key("q")])))
        // Filter: the whole line is typed, Enter applies it (count + first window); Esc clears it again.
        var filterTimes: [Double] = []
        var countTimes: [Double] = []
        var searchTimes: [Double] = []
        var shownTimes: [Double] = []
        let filters = ["signal:thumbs_down", "signal:csat intent:billing.*", "status:open -signal:thumbs_up"]
        for i in 0..<max(1, repeats / 10) {
            _ = timeSequence([Key("\\")] + typed(filters[i % filters.count]))
            let applied = timeSequence([Key("enter")])
            if ProcessInfo.processInfo.environment["WINNOW_BENCH_TRACE"] != nil { print("filter \(filters[i % filters.count]): \(ms(applied))") }
            filterTimes.append(applied)
            countTimes.append(applied + measure { runtime.settle(); _ = runtime.frame() }.1)
            _ = timeSequence([Key("esc")])
            runtime.settle()
            _ = timeSequence([Key("/")] + typed(i % 2 == 0 ? "refund" : "SSO login"))
            let searched = timeSequence([Key("enter")])
            searchTimes.append(searched)
            // A far match of a common word is looked for in the background: until it is on screen.
            let shown = searched + measure { runtime.settle(); _ = runtime.frame() }.1
            shownTimes.append(shown)
            if ProcessInfo.processInfo.environment["WINNOW_BENCH_TRACE"] != nil {
                print("search enter: \(ms(searched)), shown after \(ms(shown)) at \(runtime.state.cursor)")
            }
            let next = timeSequence([Key("n")])
            searchTimes.append(next)
            if ProcessInfo.processInfo.environment["WINNOW_BENCH_TRACE"] != nil { print("search n: \(ms(next)) at \(runtime.state.cursor)") }
        }
        results.append(("filter (apply)", Stats(filterTimes)))
        results.append(("filter (exact count)", Stats(countTimes)))
        results.append(("search (/, n)", Stats(searchTimes)))
        results.append(("search (match shown)", Stats(shownTimes)))

        print("")
        print("first frame          \(ms(firstFrame))  (target ≤ 250 ms)")
        print("reference query      p50 \(ms(reference.p50))  p99 \(ms(reference.p99))  (bare SQL for the \(visible) visible rows)")
        for (label, stats) in results {
            let target = label.hasPrefix("search (/") ? "target p99 ≤ 100 ms"
                : label.hasPrefix("search (match") ? "a far match arrives in the background"
                : label.hasPrefix("filter (exact") ? "arrives in the background" : "target p99 ≤ 16 ms"
            print("\(label.padding(toLength: 20, withPad: " ", startingAt: 0)) p50 \(ms(stats.p50))  p99 \(ms(stats.p99))  p99/reference \(String(format: "%.1f", stats.p99 / max(reference.p99, 1e-9)))×  (\(target))")
        }
        print("peak memory          \(String(format: "%.1f", Resources.peakMB)) MB (process), \(String(format: "%.1f", Resources.currentMB - before)) MB held by the queue session  (target ≤ 150 MB)")
    }
}
