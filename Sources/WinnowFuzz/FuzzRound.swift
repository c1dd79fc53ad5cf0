import Foundation
import WinnowCore
import WinnowStore
import WinnowTUI

/// What a fuzz run did: inputs fed, the import's verdicts, items drawn, and any output that would
/// have reached a terminal unsafely (which must stay empty).
public struct FuzzTally: Sendable, Equatable {
    public var inputs = 0
    public var accepted = 0
    public var skipped = 0
    public var rejected = 0
    public var blank = 0
    public var rejectedByReason: [String: Int] = [:]
    public var itemsRendered = 0
    public var screensRendered = 0
    /// Descriptions of output that held a control, bidi or other unsafe scalar after sanitising.
    public var unsafeOutput: [String] = []

    public init() {}

    public mutating func add(_ other: FuzzTally) {
        inputs += other.inputs
        accepted += other.accepted
        skipped += other.skipped
        rejected += other.rejected
        blank += other.blank
        rejectedByReason.merge(other.rejectedByReason, uniquingKeysWith: +)
        itemsRendered += other.itemsRendered
        screensRendered += other.screensRendered
        unsafeOutput += other.unsafeOutput.prefix(max(0, 20 - unsafeOutput.count))
    }
}

/// Feeds input lines through the real import path into a scratch workspace, then draws every item
/// that arrived with the real presentation code, as the queue would, and formats what the
/// command-line tool prints about the import (rejection messages, the JSON summary).
public final class FuzzWorkspace {
    /// Screen sizes every item is drawn at: the usual, a wide one, the smallest the queue lays out,
    /// and one too small for it.
    public static let sizes: [(width: Int, height: Int)] = [(80, 24), (200, 60), (60, 16), (20, 5)]
    /// A detail width drawn on its own, narrower than any screen's (the narrowest the pane wraps to).
    public static let detailWidths = [10]

    public let directory: URL
    let store: Store
    let reader: QueueReader
    let importer: EventImporter
    let presenter = Presenter()
    private var lastRendered: Int64 = 0
    private var batches = 0
    public let now: Int64

    public init(directory: URL, now: Int64 = 1_795_000_000_000) throws {
        self.directory = directory
        self.now = now
        let workspace = try Workspace.create(at: directory, name: "fuzz")
        store = try Store.open(workspace)
        reader = QueueReader(store: store, reviewer: "fuzz")
        importer = EventImporter(store: store, identity: Identity(reviewer: "fuzz", osUser: "fuzz"))
    }

    public func close() throws {
        try store.pool.close()
        try FileManager.default.removeItem(at: directory)
    }

    /// Imports `lines` (one newline-terminated input each) and draws every item they added.
    public func run(_ lines: [[UInt8]]) throws -> FuzzTally {
        batches += 1
        var data = Data()
        for line in lines { data.append(contentsOf: line); data.append(10) }
        var tally = FuzzTally()
        tally.inputs = lines.count
        let rejectsURL = directory.appendingPathComponent("rejects-\(batches).jsonl")
        var options = ImportOptions()
        options.rejectsURL = rejectsURL
        let summary = try importer.run(ImportInput(name: "fuzz-\(batches).jsonl", source: MemoryByteSource(data), format: .jsonl),
                                       options: options)
        tally.accepted = summary.imported
        tally.skipped = summary.skipped
        tally.rejected = summary.rejected
        tally.blank = summary.blank
        try checkCLIOutput(summary, rejectsURL: rejectsURL, tally: &tally)
        try renderNewItems(&tally)
        return tally
    }

    /// What `winnow import` prints: each rejection message and the JSON summary, through the sanitizer.
    private func checkCLIOutput(_ summary: ImportSummary, rejectsURL: URL, tally: inout FuzzTally) throws {
        if FileManager.default.fileExists(atPath: rejectsURL.path) {
            let decoder = JSONDecoder()
            let text = try String(contentsOf: rejectsURL, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let rejection = try decoder.decode(ImportRejection.self, from: Data(line.utf8))
                tally.rejectedByReason[rejection.code, default: 0] += 1
                check(SafeText.text("\(summary.source):\(rejection.line): rejected: \(rejection.reason)"), "rejection message", &tally)
            }
            try FileManager.default.removeItem(at: rejectsURL)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        check(SafeText.json(String(decoding: try encoder.encode([summary]), as: UTF8.self)), "import summary JSON", &tally)
    }

    private func renderNewItems(_ tally: inout FuzzTally) throws {
        let ids = try store.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM items WHERE id > ? ORDER BY id", arguments: [lastRendered])
        }
        for id in ids {
            lastRendered = id
            guard let detail = try reader.detail(id: id) else { continue }
            for width in Self.detailWidths {
                for line in DetailLines.build(detail, width: width, now: now) {
                    for segment in line.segments { check(segment.text, "detail line of item \(id)", &tally) }
                }
            }
            for size in Self.sizes {
                var state = AppState(width: size.width, height: size.height, workspaceName: "fuzz", reviewer: "fuzz",
                                     singleUser: true, now: now, themeName: "mono", themeNames: ["mono"])
                state.rows = [detail.row]
                state.total = 1
                state.openCount = detail.row.isOpen ? 1 : 0
                state.loaded = true
                state.detail = detail
                state.focus = .detail
                // Scrolled to the end too, so the last lines of a long item are drawn (the wrapped
                // lines are cached per width, so this costs one more screen, not another wrap).
                for scroll in [0, Int.max / 2] {
                    state.detailScroll = scroll
                    let grid = presenter.render(state)
                    tally.screensRendered += 1
                    for line in grid.lines { check(line, "screen of item \(id) at \(size.width)×\(size.height)", &tally) }
                }
            }
            tally.itemsRendered += 1
        }
    }

    /// Records text that would act on a terminal: any scalar the sanitizer replaces.
    private func check(_ text: String, _ place: String, _ tally: inout FuzzTally) {
        for s in text.unicodeScalars where s != "\n" && SafeText.placeholder(for: s) != nil {
            if tally.unsafeOutput.count < 20 {
                tally.unsafeOutput.append("\(place): U+\(String(s.value, radix: 16, uppercase: true))")
            }
            return
        }
    }
}
