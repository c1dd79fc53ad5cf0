import Foundation
import GRDB
import GRDBSQLite
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
    static let cacheKibibytes = 16 * 1024

    let db: Database
    let minSimilarity: Double
    let millis: Int64

    /// Keeps an item's sketch; its suggestions come with the next `catchUp`. Nothing is kept for
    /// an empty sketch. Appending rows in item order is cheap, so the import's batches do this
    /// alone and leave the band index, whose keys land all over its B-tree, to the catch-up.
    static func store(_ item: Int64, sketch: DuplicateSketch, db: Database) throws {
        guard !sketch.isEmpty else { return }
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO dupe_sketches(item_id, shingles, content_hash, group_id) VALUES (?, ?, ?, NULL)")
            .execute(arguments: [item, Data(sketch.shingleBytes), sketch.contentHash])
    }

    /// Items above this have their sketch stored but are not yet in the band index.
    static func indexedUpTo(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'dupes_upto'") ?? 0
    }

    static func setIndexedUpTo(_ item: Int64, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('dupes_upto', ?)", arguments: [item])
    }

    /// Finds the suggestions of the items whose sketches are stored but not indexed (at most
    /// `limit` of them, in item order), in the caller's transaction; returns how many it indexed.
    /// Each random band-key insert dirties a page of the band index, and a transaction writes each
    /// dirty page once: indexing tens of thousands of items in one transaction writes the index
    /// once where per-batch indexing would write it dozens of times. A killed import leaves its
    /// watermark behind, and the next import or open completes it.
    @discardableResult
    static func catchUp(_ db: Database, minSimilarity: Double, limit: Int = .max) throws -> Int {
        let from = try indexedUpTo(db)
        // Every writing open calls this: with nothing pending it touches nothing else.
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM dupe_sketches WHERE item_id > ? LIMIT 1", arguments: [from]) != nil else { return 0 }
        // The band index's pages are visited all over: a larger page cache for the catch-up keeps
        // them here instead of reading each from the file again (SQLite's default is 2 MB).
        try db.execute(sql: "PRAGMA cache_size = -\(cacheKibibytes)")
        defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
        let index = DuplicateIndex(db: db, minSimilarity: minSimilarity, millis: Clock.nowMillis())
        // Read a batch at a time, never under an open cursor: indexing writes to dupe_sketches.
        let next = try db.cachedStatement(sql: "SELECT item_id, shingles FROM dupe_sketches WHERE item_id > ? ORDER BY item_id LIMIT ?")
        var indexed = 0
        var after = from
        while indexed < limit {
            let rows = try Row.fetchAll(next, arguments: [after, min(batchSize, limit - indexed)])
            guard let last = rows.last else { break }
            try index.addBatch(rows.map { row in
                let blob: Data = row[1]
                return (row[0], DuplicateSketch(shingleHashes: DuplicateSketch.shingleHashes(fromBytes: blob)))
            })
            indexed += rows.count
            after = last[0]
        }
        if indexed > 0 { try setIndexedUpTo(after, db) }
        return indexed
    }

    /// Items indexed together: their band keys are looked up and inserted in key order. A batch
    /// holds the candidates of all its items at once (at most 32 band keys × `bucketLimit` ids
    /// each), so it stays small.
    static let batchSize = 1000

    /// Indexes stored items, in item order, with the result indexing them one by one would give: each
    /// item's candidates are the newest `bucketLimit` items before it under each band key, among
    /// those indexed earlier and the batch's own. Looking the keys up in sorted order walks the
    /// band index's B-tree once per batch, where item order would jump across it for every key,
    /// and inserting them in order fills its pages one after another.
    func addBatch(_ batch: [(item: Int64, sketch: DuplicateSketch)]) throws {
        var copiesOf: [Int64: [(item: Int64, similarity: Double)]] = [:]
        var probes: [(key: Int64, item: Int64)] = []
        for (item, sketch) in batch where !sketch.isEmpty {
            // A copy of a text already indexed needs no search: the copy's suggestions are its own.
            // Nor band keys: the text is in the band index already, and whoever finds it there joins
            // the group this copy joins (a search that finds a merged copy looks for its open copies).
            if let copies = try exactCopies(of: item, sketch: sketch) {
                copiesOf[item] = copies
            } else {
                for key in sketch.bandKeys { probes.append((key, item)) }
            }
        }
        probes.sort { $0.key != $1.key ? $0.key < $1.key : $0.item < $1.item }
        var sharing: [Int64: [Int64]] = [:]
        let selectBucket = try db.cachedStatement(sql: "SELECT item_id FROM dupe_bands WHERE band_key = ? ORDER BY item_id DESC LIMIT \(Self.bucketLimit)")
        let bucket = RawStatement(selectBucket.sqliteStatement, connection: db.sqliteConnection)
        var stored: [Int64] = []
        var start = 0
        while start < probes.count {
            let key = probes[start].key
            var end = start
            while end < probes.count, probes[end].key == key { end += 1 }
            stored.removeAll(keepingCapacity: true)
            bucket.bind(1, key)
            try bucket.forEachInt64 { stored.append($0) }
            for position in start..<end {
                let item = probes[position].item
                // Newest first: the batch's earlier items under this key, then the indexed ones.
                var others: [Int64] = []
                var earlier = position - 1
                while earlier >= start, others.count < Self.bucketLimit {
                    if probes[earlier].item != item { others.append(probes[earlier].item) }
                    earlier -= 1
                }
                for other in stored where others.count < Self.bucketLimit && other != item { others.append(other) }
                sharing[item, default: []].append(contentsOf: others)
            }
            start = end
        }
        for (item, sketch) in batch where !sketch.isEmpty {
            var shared: [Int64: Int] = [:]
            for other in sharing[item] ?? [] { shared[other, default: 0] += 1 }
            let matches = try copiesOf[item] ?? verified(item, sketch: sketch, shared: shared, limit: Self.pairsPerItem)
            try keep(item, matches: matches)
        }
        let insertBand = try db.cachedStatement(sql: "INSERT OR IGNORE INTO dupe_bands(band_key, item_id) VALUES (?, ?)")
        let band = RawStatement(insertBand.sqliteStatement, connection: db.sqliteConnection)
        for probe in probes {
            band.bind(1, probe.key)
            band.bind(2, probe.item)
            try band.run()
        }
    }

    /// Stores an item's suggested pairs and puts it in their group.
    private func keep(_ item: Int64, matches: [(item: Int64, similarity: Double)]) throws {
        guard !matches.isEmpty else { return }
        let pair = try db.cachedStatement(sql: "INSERT OR REPLACE INTO dupe_pairs(a, b, similarity, found_ms) VALUES (?, ?, ?, ?)")
        for match in matches {
            try pair.execute(arguments: [min(item, match.item), max(item, match.item), match.similarity, millis])
        }
        try join(item, groupsOf: matches.map(\.item))
    }

    /// The newest unmerged, unrejected items with the same text after normalisation (similarity
    /// 1.0), nil when there is none. Checked against the stored shingles, so a hash collision
    /// can never pose as a copy.
    /// `earlierOnly`: copies imported before `item` (the catch-up's order); else any.
    func exactCopies(of item: Int64, sketch: DuplicateSketch, earlierOnly: Bool = true) throws -> [(item: Int64, similarity: Double)]? {
        let statement = try db.cachedStatement(sql: """
            SELECT s.item_id, s.shingles FROM dupe_sketches s JOIN items i ON i.id = s.item_id
            WHERE s.content_hash = ? AND s.item_id \(earlierOnly ? "<" : "<>") ? AND i.canonical_id IS NULL
            ORDER BY s.item_id DESC LIMIT \(Self.pairsPerItem * 2)
            """)
        let rejected = try db.cachedStatement(sql: "SELECT 1 FROM dupe_rejections WHERE a = ? AND b = ?")
        var copies: [(item: Int64, similarity: Double)] = []
        var stored: Data?
        let rows = try Row.fetchCursor(statement, arguments: [sketch.contentHash, item])
        while let row = try rows.next(), copies.count < Self.pairsPerItem {
            let other: Int64 = row[0]
            let blob: Data = row[1]
            // The same shingles are the same stored bytes: compared as they are, without decoding.
            if stored == nil { stored = Data(sketch.shingleBytes) }
            guard blob == stored,
                  try Int.fetchOne(rejected, arguments: [min(item, other), max(item, other)]) == nil else { continue }
            copies.append((other, 1))
        }
        return copies.isEmpty ? nil : copies
    }

    /// Candidates sharing a band key with `sketch`, verified by exact similarity, at or above the
    /// threshold, best first: not `item` itself, not merged duplicates (their canonical stands for
    /// them), not a pair a reviewer rejected.
    func verifiedCandidates(of item: Int64, sketch: DuplicateSketch, limit: Int,
                            floor: Double? = nil) throws -> [(item: Int64, similarity: Double)] {
        let selectBucket = try db.cachedStatement(sql: "SELECT item_id FROM dupe_bands WHERE band_key = ? ORDER BY item_id DESC LIMIT \(Self.bucketLimit)")
        let bucket = RawStatement(selectBucket.sqliteStatement, connection: db.sqliteConnection)
        var shared: [Int64: Int] = [:]
        for key in sketch.bandKeys {
            bucket.bind(1, key)
            try bucket.forEachInt64 { other in
                if other != item { shared[other, default: 0] += 1 }
            }
        }
        return try verified(item, sketch: sketch, shared: shared, limit: limit, floor: floor)
    }

    /// Verifies candidates (each with how many band keys it shares with `sketch`), most shared first.
    private func verified(_ item: Int64, sketch: DuplicateSketch, shared: [Int64: Int], limit: Int,
                          floor: Double? = nil) throws -> [(item: Int64, similarity: Double)] {
        guard !shared.isEmpty else { return [] }
        var ranked = shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.prefix(Self.verifyLimit).map(\.key)
        var considered = Set(ranked)
        let load = try db.cachedStatement(sql: """
            SELECT s.shingles, s.content_hash, i.canonical_id FROM dupe_sketches s JOIN items i ON i.id = s.item_id WHERE s.item_id = ?
            """)
        let liveCopies = try db.cachedStatement(sql: """
            SELECT s.item_id FROM dupe_sketches s JOIN items i ON i.id = s.item_id
            WHERE s.content_hash = ? AND i.canonical_id IS NULL ORDER BY s.item_id DESC LIMIT \(Self.pairsPerItem)
            """)
        let rejected = try db.cachedStatement(sql: "SELECT 1 FROM dupe_rejections WHERE a = ? AND b = ?")
        let threshold = floor ?? minSimilarity
        var matches: [(item: Int64, similarity: Double)] = []
        var next = 0
        while next < ranked.count {
            let other = ranked[next]
            next += 1
            // Candidates come most shared bands first, so the best matches come early: once
            // enough are found, the rest (in a crowd of copies, hundreds) need no reading.
            if matches.count >= limit { break }
            guard let row = try Row.fetchOne(load, arguments: [other]) else { continue }
            if let canonical: Int64 = row["canonical_id"] {
                // A merged duplicate stands for its canonical, which the reviewer kept, and for
                // the copies of its text still open (only the first copy is in the band index).
                if canonical != item, considered.insert(canonical).inserted { ranked.append(canonical) }
                for copy in try Int64.fetchAll(liveCopies, arguments: [row["content_hash"] as Int64])
                where copy != item && considered.insert(copy).inserted {
                    ranked.append(copy)
                }
                continue
            }
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
        // Sizes decide which group keeps its id only when there are several (counting a crowd costs).
        for group in groups { sized.append((group, groups.count > 1 ? try Int.fetchOne(size, arguments: [group]) ?? 0 : 0)) }
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
