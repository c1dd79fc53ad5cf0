import Foundation
import GRDB
import WinnowCore

/// One item of a suggested group, as the dedupe view, the detail and `winnow dupes` show it.
public struct DuplicateMember: Equatable, Sendable {
    public var itemID: Int64
    public var eventID: String
    public var timestampMillis: Int64
    public var signal: String
    public var weight: Double
    /// As a reviewer sees it (`duplicate` once merged).
    public var status: String
    public var severity: String?
    public var locus: String?
    public var version: Int
    /// Exact similarity of the compared texts: to the group's canonical, or to the item asked about.
    public var similarity: Double
    public var prompt: String

    /// Labelled, or already the canonical of a cluster: the item the others should join.
    public var isTriaged: Bool { severity != nil || locus != nil || status != ItemStatus.new.rawValue }
}

/// Items suggested as near-duplicates of one another: a connected set of verified pairs. The
/// canonical is the one already triaged (the oldest such), else the oldest; members follow it,
/// most similar first.
public struct DuplicateGroup: Equatable, Sendable {
    public var id: Int64
    /// Its members as read: all of them, or for a crowd the first `Store.groupMembersRead` (the
    /// canonical first); `size` and `weight` count them all.
    public var members: [DuplicateMember]
    /// Members and summed weights of the whole group when `members` holds only some of them.
    public var total: (size: Int, weight: Double)?
    /// The size the viewer last saw (nil: never seen); the group grew when it is smaller than `size`.
    public var seenSize: Int?

    public var canonical: DuplicateMember { members[0] }
    public var duplicates: ArraySlice<DuplicateMember> { members.dropFirst() }
    public var size: Int { total?.size ?? members.count }
    /// Size × signal weight: the members' weights summed, what the dedupe view orders by.
    public var weight: Double { total?.weight ?? members.reduce(0) { $0 + $1.weight } }
    /// Members not read (a crowd's rest).
    public var unread: Int { size - members.count }

    public static func == (a: DuplicateGroup, b: DuplicateGroup) -> Bool {
        a.id == b.id && a.members == b.members && a.total?.size == b.total?.size && a.total?.weight == b.total?.weight
            && a.seenSize == b.seenSize
    }
    public var grown: Bool { seenSize.map { size > $0 } ?? true }
}

extension Store {
    /// The suggested groups of two or more unmerged items, heaviest first. With `minSimilarity`
    /// above the workspace's threshold, groups are re-derived from the pairs that reach it.
    /// `viewer`: whose last look sets `seenSize`.
    public func duplicateGroups(minSimilarity: Double? = nil, viewer: String? = nil) throws -> [DuplicateGroup] {
        try pool.read { db in
            let threshold = minSimilarity ?? config.dupes.minSimilarity
            var membership: [Int64: [Int64]] = [:]
            if threshold > config.dupes.minSimilarity {
                membership = try Self.components(minSimilarity: threshold, db: db)
            } else {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT s.group_id, s.item_id FROM dupe_sketches s JOIN items i ON i.id = s.item_id
                    WHERE s.group_id IS NOT NULL AND i.canonical_id IS NULL
                    """)
                while let row = try rows.next() { membership[row[0], default: []].append(row[1]) }
            }
            var seen: [Int64: Int] = [:]
            if let viewer {
                for row in try Row.fetchAll(db, sql: "SELECT group_id, size FROM dupe_seen WHERE reviewer = ?", arguments: [viewer]) {
                    seen[row[0]] = row[1]
                }
            }
            var groups: [DuplicateGroup] = []
            for (id, items) in membership where items.count > 1 {
                let read = items.count > Self.groupMembersRead ? try Self.firstMembers(ofGroup: id, db: db) : items
                guard var group = try Self.group(id: id, items: read, db: db) else { continue }
                if read.count < items.count { group.total = (items.count, try Self.weight(of: items, db: db)) }
                group.seenSize = seen[id]
                groups.append(group)
            }
            return groups.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.id < $1.id }
        }
    }

    /// The suggested group an item is in, nil when it has no suggestion (or is merged).
    public func duplicateGroup(containing item: Int64) throws -> DuplicateGroup? {
        try pool.read { db in try Self.groupWithSketches(containing: item, db: db)?.group }
    }

    /// The other members of an item's group, each with its similarity to that item, most similar first.
    public func likelyDuplicates(of item: Int64) throws -> [DuplicateMember] {
        try pool.read { db in
            guard let (group, hashes) = try Self.groupWithSketches(containing: item, db: db), let own = hashes[item] else { return [] }
            var others: [DuplicateMember] = []
            for var member in group.members where member.itemID != item {
                member.similarity = hashes[member.itemID].map { DuplicateSketch.jaccard(own, $0) } ?? 0
                others.append(member)
            }
            return others.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.itemID < $1.itemID }
        }
    }

    static func groupWithSketches(containing item: Int64, db: Database) throws -> (group: DuplicateGroup, hashes: [Int64: [UInt32]])? {
        guard let id = try Int64.fetchOne(db, sql: "SELECT group_id FROM dupe_sketches WHERE item_id = ?", arguments: [item]) else { return nil }
        guard try Int64.fetchOne(db, sql: "SELECT canonical_id FROM items WHERE id = ?", arguments: [item]) == nil else { return nil }
        let total = try Row.fetchOne(db, sql: """
            SELECT count(*), total(i.weight) FROM dupe_sketches s JOIN items i ON i.id = s.item_id
            WHERE s.group_id = ? AND i.canonical_id IS NULL
            """, arguments: [id])!
        let size: Int = total[0]
        guard size > 1 else { return nil }
        guard size > groupMembersRead else {
            let items = try Int64.fetchAll(db, sql: """
                SELECT s.item_id FROM dupe_sketches s JOIN items i ON i.id = s.item_id WHERE s.group_id = ? AND i.canonical_id IS NULL
                """, arguments: [id])
            return try groupAndSketches(id: id, items: items, db: db)
        }
        // A crowd: its first members, the item itself and the items it was paired with.
        var items = try firstMembers(ofGroup: id, db: db)
        let pairedWith = try Int64.fetchAll(db, sql: """
            SELECT p.b FROM dupe_pairs p JOIN items i ON i.id = p.b WHERE p.a = ? AND i.canonical_id IS NULL
            UNION SELECT p.a FROM dupe_pairs p JOIN items i ON i.id = p.a WHERE p.b = ? AND i.canonical_id IS NULL
            """, arguments: [item, item])
        for other in [item] + pairedWith where !items.contains(other) { items.append(other) }
        guard var found = try groupAndSketches(id: id, items: items, db: db) else { return nil }
        found.group.total = (size, total[1])
        return found
    }

    /// How many members of a group are read at most (plus, in an item's own group, the item and
    /// the items it was paired with): a text sent a hundred thousand times costs the dedupe view
    /// and the detail no more than a group of this size.
    public static let groupMembersRead = 200

    /// A crowd's first members by the canonical's rule: the triaged (or a cluster's canonical)
    /// first, then the oldest.
    static func firstMembers(ofGroup id: Int64, db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT s.item_id FROM dupe_sketches s JOIN items i ON i.id = s.item_id WHERE s.group_id = ? AND i.canonical_id IS NULL
            ORDER BY (i.severity IS NOT NULL OR i.locus IS NOT NULL OR i.status <> 'new' OR i.cluster_size > 1) DESC, i.ts_ms, i.id
            LIMIT ?
            """, arguments: [id, groupMembersRead])
    }

    static func weight(of items: [Int64], db: Database) throws -> Double {
        let statement = try db.cachedStatement(sql: "SELECT weight FROM items WHERE id = ?")
        return try items.reduce(0) { $0 + (try Double.fetchOne(statement, arguments: [$1]) ?? 0) }
    }

    /// Remembers the groups' sizes as `reviewer` saw them, so only groups that grow later are marked.
    public func markDuplicateGroupsSeen(_ groups: [DuplicateGroup], by reviewer: String) throws {
        guard !groups.isEmpty else { return }
        try writing { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO dupe_seen(reviewer, group_id, size) VALUES (?, ?, ?)")
            for group in groups { try statement.execute(arguments: [reviewer, group.id, group.size]) }
        }
    }

    static func group(id: Int64, items: [Int64], db: Database) throws -> DuplicateGroup? {
        try groupAndSketches(id: id, items: items, db: db)?.group
    }

    /// The group, and each member's shingle hashes as read for it (for similarities to any member).
    static func groupAndSketches(id: Int64, items: [Int64], db: Database) throws -> (group: DuplicateGroup, hashes: [Int64: [UInt32]])? {
        let statement = try db.cachedStatement(sql: """
            SELECT i.id, e.id AS event_id, i.ts_ms, i.signal, i.weight, i.status, i.severity, i.locus, i.version,
                   i.cluster_size, i.canonical_id, e.prompt, s.shingles
            FROM items i JOIN events e ON e.rowid = i.id JOIN dupe_sketches s ON s.item_id = i.id WHERE i.id = ?
            """)
        var members: [(member: DuplicateMember, hashes: [UInt32], canonicalOfCluster: Bool)] = []
        for item in items {
            guard let row = try Row.fetchOne(statement, arguments: [item]) else { continue }
            let canonicalID: Int64? = row["canonical_id"]
            let member = DuplicateMember(
                itemID: row["id"], eventID: row["event_id"], timestampMillis: row["ts_ms"], signal: row["signal"],
                weight: row["weight"], status: canonicalID == nil ? row["status"] : ItemStatus.duplicate.rawValue,
                severity: row["severity"], locus: row["locus"], version: row["version"], similarity: 1, prompt: row["prompt"])
            let blob: Data = row["shingles"]
            members.append((member, DuplicateSketch.shingleHashes(fromBytes: blob), (row["cluster_size"] as Int) > 1))
        }
        guard members.count > 1 else { return nil }
        let canonical = members.min { a, b in
            let aFirst = a.member.isTriaged || a.canonicalOfCluster, bFirst = b.member.isTriaged || b.canonicalOfCluster
            if aFirst != bFirst { return aFirst }
            if a.member.timestampMillis != b.member.timestampMillis { return a.member.timestampMillis < b.member.timestampMillis }
            return a.member.itemID < b.member.itemID
        }!
        var ordered: [DuplicateMember] = [canonical.member]
        for entry in members where entry.member.itemID != canonical.member.itemID {
            var member = entry.member
            member.similarity = DuplicateSketch.jaccard(canonical.hashes, entry.hashes)
            ordered.append(member)
        }
        ordered[1...].sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.itemID < $1.itemID }
        let hashes = Dictionary(uniqueKeysWithValues: members.map { ($0.member.itemID, $0.hashes) })
        return (DuplicateGroup(id: id, members: ordered), hashes)
    }

    /// Groups from the pairs at or above `minSimilarity` between unmerged items, each named after
    /// its oldest member.
    static func components(minSimilarity: Double, db: Database) throws -> [Int64: [Int64]] {
        var parent: [Int64: Int64] = [:]
        func root(_ x: Int64) -> Int64 {
            var x = x
            while let p = parent[x], p != x { parent[x] = parent[p] ?? p; x = p }
            return x
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.a, p.b FROM dupe_pairs p JOIN items ia ON ia.id = p.a JOIN items ib ON ib.id = p.b
            WHERE p.similarity >= ? AND ia.canonical_id IS NULL AND ib.canonical_id IS NULL
            """, arguments: [minSimilarity])
        while let row = try rows.next() {
            let a: Int64 = row[0], b: Int64 = row[1]
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let ra = root(a), rb = root(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var groups: [Int64: [Int64]] = [:]
        for item in parent.keys { groups[root(item), default: []].append(item) }
        return groups
    }
}
