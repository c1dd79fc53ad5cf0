import ArgumentParser
import Foundation
import GRDB
import WinnowCore
import WinnowStore

/// The dispute queue opened on a large workspace: the first page of the queue filtered
/// `dispute:open`, read as the queue reads it (`QueueReader`, the queue's order), beside the
/// unfiltered first page in the same run. The disputes are spread evenly over the items, as a
/// round's sample is; each is raised through the store's path on a label set before.
struct DisputeQueueTiming {
    let events: Int
    let disputes: Int
    let repeats: Int
    let root: URL

    /// Rows on a first page: a 40-line screen's list and the half window the queue reads ahead.
    static let pageRows = 60

    func run() throws {
        let wsURL = try BenchEvents.workspace(events: events, in: root)
        let store = try Store.open(Workspace(directory: wsURL))
        let count = try store.eventCount()
        let open = try store.disputes(.open, limit: Int.max).count
        if open < disputes { try raise(disputes - open, on: store) }
        let reader = QueueReader(store: store, reviewer: "bench")
        let filtered = reader.compile(try FilterQuery.parse("dispute:open"))
        let everything = reader.compile(FilterQuery())
        print("dispute queue: \(formatRate(Double(count))) events, \(formatRate(Double(max(open, disputes)))) open disputes, "
              + "first page of \(Self.pageRows) rows, \(repeats) reads each")

        func firstPage(_ filter: QueueReader.Filter, disputedOnly: Bool) throws -> Double {
            let (rows, seconds) = try measure { try reader.rows(filter, sort: .queue, after: nil, limit: Self.pageRows) }
            guard rows.count == Self.pageRows else {
                throw ValidationError("the first page has \(rows.count) rows, not \(Self.pageRows)")
            }
            if disputedOnly, let row = rows.first(where: { $0.openDisputes == 0 }) {
                throw ValidationError("item \(row.id) on the dispute:open page has no open dispute")
            }
            return seconds
        }
        let firstFiltered = try firstPage(filtered, disputedOnly: true)
        let firstEverything = try firstPage(everything, disputedOnly: false)
        var filteredTimes: [Double] = [], everythingTimes: [Double] = []
        for _ in 0..<repeats {
            filteredTimes.append(try firstPage(filtered, disputedOnly: true))
            everythingTimes.append(try firstPage(everything, disputedOnly: false))
        }
        let (counted, countSeconds) = try measure { try reader.count(filtered) }
        let disputed = Stats(filteredTimes), unfiltered = Stats(everythingTimes)
        print("dispute:open  first read \(ms(firstFiltered))  p50 \(ms(disputed.p50))  p99 \(ms(disputed.p99))  max \(ms(disputed.max))  (target < 50 ms)")
        print("unfiltered    first read \(ms(firstEverything))  p50 \(ms(unfiltered.p50))  p99 \(ms(unfiltered.p99))  max \(ms(unfiltered.max))")
        print("ratio         \(String(format: "%.2f", disputed.p99 / max(unfiltered.p99, 1e-9)))  (dispute:open p99 ÷ unfiltered p99)")
        print("count         \(formatRate(Double(counted.total))) items with an open dispute, counted in \(ms(countSeconds)) (in the background in the queue)")
        try store.pool.close()
    }

    /// Labels `needed` items spread over the workspace (in bulk actions, as marked items are), then
    /// disputes each label, one action each.
    private func raise(_ needed: Int, on store: Store) throws {
        let candidates = try store.pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM items WHERE severity IS NULL AND id NOT IN (SELECT item_id FROM disputes) ORDER BY id
                """)
        }
        guard candidates.count >= needed else { throw ValidationError("only \(candidates.count) items left to dispute") }
        let chosen = (0..<needed).map { candidates[$0 * candidates.count / needed] }
        print("raising \(formatRate(Double(needed))) disputes…")
        let lead = Identity(reviewer: "bench", osUser: "bench")
        let reviewer = Identity(reviewer: "bench-qa", osUser: "bench")
        let (_, seconds) = try measure {
            for chunk in stride(from: 0, to: chosen.count, by: 500).map({ Array(chosen[$0..<min($0 + 500, chosen.count)]) }) {
                let versions = try store.pool.read { db in
                    try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, version FROM items WHERE id IN (\(chunk.map(String.init).joined(separator: ",")))")
                        .map { ($0["id"] as Int64, $0["version"] as Int) })
                }
                let labelled = try store.applyLabel(.severity, value: "S3", to: chunk, by: lead, expectedVersions: versions)
                for item in chunk {
                    try store.raiseDispute(.severity, on: item, reason: "a user acted on this answer: S2, not S3", proposedValue: "S2",
                                           by: reviewer, expectedVersion: labelled.versionsAfter[item] ?? 0)
                }
            }
        }
        print("raised in \(String(format: "%.1f", seconds)) s")
    }
}
