import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct DupesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes",
        abstract: "Near-duplicate suggestions: list the groups, accept or reject them, rebuild them.",
        discussion: """
            Items are named by their number, `12` or `#12`. Accepting merges into the group's \
            canonical item (the queue's `U` unmerges); a rejection is remembered and cannot be undone.
            """,
        subcommands: [DupesListCommand.self, DupesAcceptCommand.self, DupesRejectCommand.self, DupesRebuildCommand.self],
        defaultSubcommand: DupesListCommand.self
    )

    /// Says on stderr when the suggestions are off or out of date; returns false when off, as
    /// there is then nothing to show or act on.
    static func reportIndexState(_ store: Store) throws -> Bool {
        switch try store.duplicateIndexState() {
        case .off:
            Terminal.note("winnow: near-duplicate suggestions are off in this workspace ([dupes] enabled = false in winnow.toml)")
            return false
        case .needsRebuild(let reason):
            Terminal.note("winnow: the near-duplicate suggestions are out of date (\(reason)); "
                + "run `winnow dupes rebuild --workspace \(store.workspace.directory.path)` to recompute them")
            return true
        case .current:
            return true
        }
    }

    /// `#2, #3`.
    static func items(_ ids: some Sequence<Int64>) -> String { ids.map { "#\($0)" }.joined(separator: ", ") }
}

/// An item as reviewers write it: `12`, or `#12` as the queue shows it.
struct ItemNumber: ExpressibleByArgument, Equatable {
    var id: Int64

    init?(argument: String) {
        let digits = argument.hasPrefix("#") ? argument.dropFirst() : Substring(argument)
        guard let id = Int64(digits), id > 0 else { return nil }
        self.id = id
    }
}

struct DupesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the suggested groups, heaviest first (size × signal weight), each item with its similarity to the canonical."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("min-similarity"),
            help: ArgumentHelp("Only pairs at least this similar (above 0, at most 1; default: the workspace's dupes.min_similarity).", valueName: "x"))
    var minSimilarity: Double?

    @Option(help: ArgumentHelp("Show at most this many groups.", valueName: "n"))
    var limit: Int?

    @Flag(help: "Print the groups as JSON.")
    var json = false

    func validate() throws {
        if let minSimilarity, !(minSimilarity > 0 && minSimilarity <= 1) {
            throw ValidationError("--min-similarity must be above 0 and at most 1 (got \(minSimilarity))")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            let store = try global.openStoreForReading()
            let on = try DupesCommand.reportIndexState(store)
            let stored = store.config.dupes.minSimilarity
            if on, let minSimilarity, minSimilarity < stored {
                Terminal.note("winnow: pairs below the workspace's dupes.min_similarity (\(stored)) are not kept; "
                    + "lower it in winnow.toml and run `winnow dupes rebuild` to see them")
            }
            var groups: [DuplicateGroup] = []
            if on { groups = try refusingStoreErrors { try store.duplicateGroups(minSimilarity: minSimilarity) } }
            let shown = Array(groups.prefix(limit ?? .max))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                return Terminal.outJSON(try encoder.encode(shown.map(DuplicateGroupJSON.init)))
            }
            if on, groups.isEmpty { Terminal.note("no suggested duplicates") }
            let now = Clock.nowMillis()
            let columns = Terminal.stdoutColumns
            for group in shown {
                Terminal.out(DuplicateGroupLines.lines(group, now: now, width: columns).joined(separator: "\n"))
            }
            if shown.count < groups.count {
                Terminal.note("… and \(groups.count - shown.count) more groups (--limit \(shown.count))")
            }
        }
    }
}

/// A group as JSON: stable snake_case keys, times in RFC 3339. Prompts are left out (they can be
/// megabytes); `event_id` finds them.
struct DuplicateGroupJSON: Encodable {
    struct Member: Encodable {
        var item: Int64
        var eventID: String
        var similarity: Double
        var signal: String
        var status: String
        var canonical: Bool
        var timestamp: String
        var severity: String?
        var locus: String?

        enum CodingKeys: String, CodingKey {
            case item, similarity, signal, status, canonical, timestamp, severity, locus
            case eventID = "event_id"
        }
    }

    var id: Int64
    var size: Int
    var weight: Double
    var canonical: Int64
    var members: [Member]

    init(_ group: DuplicateGroup) {
        id = group.id
        size = group.size
        weight = group.weight
        canonical = group.canonical.itemID
        members = group.members.map { m in
            Member(item: m.itemID, eventID: m.eventID, similarity: m.similarity, signal: m.signal, status: m.status,
                   canonical: m.itemID == group.canonical.itemID, timestamp: RFC3339.format(millis: m.timestampMillis),
                   severity: m.severity, locus: m.locus)
        }
    }
}
