import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// Keeps the near-duplicate index as items arrive, inside the writer's transaction: the item's
/// sketch and band keys are stored, the items sharing a band key are its candidates, and those
/// whose exact similarity reaches the workspace's threshold become suggested pairs. The item
/// joins its best matches' group; groups it bridges become one.
///
/// Bounds keep one item's cost flat however many items the workspace holds, also when thousands
/// share one text ("hi"): each band key reads at most `bucketLimit` of its newest items, at most
/// `verifyLimit` candidates are verified (those sharing the most bands first), and at most
/// `pairsPerItem` pairs are kept. Groups still gather every copy: each new copy links to the
/// newest ones, which are linked to the ones before.
struct DuplicateIndex {
    static let bucketLimit = 64
    static let verifyLimit = 100
    static let pairsPerItem = 8

    let db: Database
    let minSimilarity: Double
    let millis: Int64

    /// Indexes one item and finds its suggestions; nothing is stored for an empty sketch.
    func add(_ item: Int64, sketch: DuplicateSketch) throws {
        guard !sketch.isEmpty else { return }
        let matches = try verifiedCandidates(of: item, sketch: sketch, limit: Self.pairsPerItem)
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO dupe_sketches(item_id, shingles, group_id) VALUES (?, ?, NULL)")
            .execute(arguments: [item, Data(sketch.shingleBytes)])
        let band = try db.cachedStatement(sql: "INSERT OR IGNORE INTO dupe_bands(band_key, item_id) VALUES (?, ?)")
        for key in sketch.bandKeys { try band.execute(arguments: [key, item]) }
        guard !matches.isEmpty else { return }
        let pair = try db.cachedStatement(sql: "INSERT OR REPLACE INTO dupe_pairs(a, b, similarity, found_ms) VALUES (?, ?, ?, ?)")
        for match in matches {
            try pair.execute(arguments: [min(item, match.item), max(item, match.item), match.similarity, millis])
        }
        try join(item, groupsOf: matches.map(\.item))
    }

    /// Candidates sharing a band key with `sketch`, verified by exact similarity, at or above the
    /// threshold, best first: not `item` itself, not merged duplicates (their canonical stands for
    /// them), not a pair a reviewer rejected.
    func verifiedCandidates(of item: Int64, sketch: DuplicateSketch, limit: Int,
                            floor: Double? = nil) throws -> [(item: Int64, similarity: Double)] {
        let bucket = try db.cachedStatement(sql: "SELECT item_id FROM dupe_bands WHERE band_key = ? ORDER BY item_id DESC LIMIT \(Self.bucketLimit)")
        var shared: [Int64: Int] = [:]
        for key in sketch.bandKeys {
            let cursor = try Int64.fetchCursor(bucket, arguments: [key])
            while let other = try cursor.next() {
                if other != item { shared[other, default: 0] += 1 }
            }
        }
        guard !shared.isEmpty else { return [] }
        let ranked = shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.prefix(Self.verifyLimit)
        let load = try db.cachedStatement(sql: """
            SELECT s.shingles, i.canonical_id FROM dupe_sketches s JOIN items i ON i.id = s.item_id WHERE s.item_id = ?
            """)
        let rejected = try db.cachedStatement(sql: "SELECT 1 FROM dupe_rejections WHERE a = ? AND b = ?")
        let threshold = floor ?? minSimilarity
        var matches: [(item: Int64, similarity: Double)] = []
        for (other, _) in ranked {
            guard let row = try Row.fetchOne(load, arguments: [other]), (row["canonical_id"] as Int64?) == nil else { continue }
            let blob: Data = row["shingles"]
            let similarity = DuplicateSketch.jaccard(sketch.shingleHashes, DuplicateSketch.shingleHashes(fromBytes: blob))
            guard similarity >= threshold else { continue }
            if try Int.fetchOne(rejected, arguments: [min(item, other), max(item, other)]) != nil { continue }
            matches.append((other, similarity))
        }
        matches.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.item < $1.item }
        return Array(matches.prefix(limit))
    }

    /// Puts `item` in the group of its matches; when they are in several, the largest keeps its id
    /// and the others move to it, so a group's id is stable while it grows.
    private func join(_ item: Int64, groupsOf matches: [Int64]) throws {
        let groupOf = try db.cachedStatement(sql: "SELECT group_id FROM dupe_sketches WHERE item_id = ?")
        var groups = Set<Int64>()
        var ungrouped: [Int64] = []
        for match in matches {
            if let group = try Int64.fetchOne(groupOf, arguments: [match]) { groups.insert(group) } else { ungrouped.append(match) }
        }
        let size = try db.cachedStatement(sql: "SELECT count(*) FROM dupe_sketches WHERE group_id = ?")
        var sized: [(group: Int64, size: Int)] = []
        for group in groups { sized.append((group, try Int.fetchOne(size, arguments: [group]) ?? 0)) }
        sized.sort { $0.size != $1.size ? $0.size > $1.size : $0.group < $1.group }
        // A new group is named after its oldest member.
        let target = sized.first?.group ?? (ungrouped + [item]).min()!
        let move = try db.cachedStatement(sql: "UPDATE dupe_sketches SET group_id = ? WHERE group_id = ?")
        for other in sized.dropFirst() { try move.execute(arguments: [target, other.group]) }
        let set = try db.cachedStatement(sql: "UPDATE dupe_sketches SET group_id = ? WHERE item_id = ?")
        for member in ungrouped + [item] { try set.execute(arguments: [target, member]) }
    }

    /// Re-derives the groups of `members` from the pairs among them (after a rejection removed
    /// some): each connected part is a group named after its oldest member; an item left alone has none.
    static func regroup(_ members: [Int64], db: Database) throws {
        let memberSet = Set(members)
        var neighbours: [Int64: [Int64]] = [:]
        let edges = try db.cachedStatement(sql: "SELECT b FROM dupe_pairs WHERE a = ? UNION SELECT a FROM dupe_pairs WHERE b = ?")
        for member in members {
            neighbours[member] = try Int64.fetchAll(edges, arguments: [member, member]).filter(memberSet.contains)
        }
        let set = try db.cachedStatement(sql: "UPDATE dupe_sketches SET group_id = ? WHERE item_id = ?")
        var assigned = Set<Int64>()
        for start in members.sorted() where !assigned.contains(start) {
            var component: [Int64] = [start]
            assigned.insert(start)
            var frontier = [start]
            while let next = frontier.popLast() {
                for other in neighbours[next] ?? [] where assigned.insert(other).inserted {
                    component.append(other)
                    frontier.append(other)
                }
            }
            let group: Int64? = component.count > 1 ? component.min() : nil
            for member in component { try set.execute(arguments: [group, member]) }
        }
    }

    /// The stored sketch of an item, nil when it has none (empty text, or indexed before suggestions were on).
    static func sketch(of item: Int64, db: Database) throws -> DuplicateSketch? {
        guard let blob = try Data.fetchOne(db.cachedStatement(sql: "SELECT shingles FROM dupe_sketches WHERE item_id = ?"),
                                           arguments: [item]) else { return nil }
        return DuplicateSketch(shingleHashes: DuplicateSketch.shingleHashes(fromBytes: blob))
    }
}
