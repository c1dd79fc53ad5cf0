import Crypto
import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// What the eval set reaches: its items (the frozen slice of live traffic and every item of a
/// rubric round), the clusters they belong to and the items suggested as their near-duplicates.
/// A training export must never carry anything it reaches, or the eval would score the model on
/// text it was trained on.
public struct EvalReach: Sendable {
    /// The eval items themselves.
    public let reserved: Set<Int64>
    /// Cluster root (the canonical item, or the item itself) → the eval item in that cluster.
    let evalByClusterRoot: [Int64: Int64]
    /// Item (or the root of its cluster) suggested as a near-duplicate of an eval item → that eval item.
    let evalBySuggestion: [Int64: Int64]

    /// The eval item that `item` (whose cluster root is `clusterRoot`) would leak to if it were
    /// trained on; nil when it is free, or when it is an eval item itself (see `reserved`).
    public func leak(item: Int64, clusterRoot: Int64) -> Int64? {
        if reserved.contains(item) { return nil }
        return evalByClusterRoot[clusterRoot] ?? evalBySuggestion[item] ?? evalBySuggestion[clusterRoot]
    }
}

/// The calendar week (Monday to Sunday, UTC) an event falls in: the slice is chosen per week.
public struct EvalWeek: Hashable, Comparable, Sendable {
    static let dayMillis: Int64 = 86_400_000
    /// Weeks since the one holding 1970-01-01 (a Thursday).
    public let index: Int64

    public init(index: Int64) { self.index = index }
    public init(millis: Int64) {
        let day = millis >= 0 ? millis / Self.dayMillis : (millis - Self.dayMillis + 1) / Self.dayMillis
        let shifted = day + 3
        index = shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
    }

    public var startMillis: Int64 { (index * 7 - 3) * Self.dayMillis }
    public var endMillis: Int64 { startMillis + 7 * Self.dayMillis }
    /// The week's Monday, `YYYY-MM-DD`.
    public var label: String { String(RFC3339.format(millis: startMillis).prefix(10)) }
    public static func < (a: EvalWeek, b: EvalWeek) -> Bool { a.index < b.index }
}

/// How many items each stratum of a week contributes: the week's share, rounded, split over the
/// strata in proportion to their size (largest remainder, ties by name) so a rare intent keeps its
/// place in the set when its share rounds up.
enum EvalQuota {
    static func perStratum(_ sizes: [String: Int], share: Double) -> [String: Int] {
        let total = sizes.values.reduce(0, +)
        let seats = Int((share * Double(total)).rounded())
        var quota: [String: Int] = [:]
        var remainders: [(stratum: String, fraction: Double)] = []
        for (stratum, size) in sizes {
            let exact = share * Double(size)
            quota[stratum] = Int(exact.rounded(.down))
            remainders.append((stratum, exact - exact.rounded(.down)))
        }
        var left = seats - quota.values.reduce(0, +)
        for entry in remainders.sorted(by: { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.stratum < $1.stratum }) {
            guard left > 0 else { break }
            quota[entry.stratum, default: 0] += 1
            left -= 1
        }
        return quota
    }
}

extension Store {
    /// Chooses the eval slice of every week up to `asOf`, inside the caller's write transaction,
    /// and keeps it: an item once chosen stays (a grown week only adds items). Per week, each
    /// stratum (intent × cohort × severity) gets its share of the items, and within a stratum the
    /// items whose seeded hash of the event id is smallest are chosen, so the choice depends on
    /// nothing but the events. Returns how many items it added.
    func freezeEvalSlice(asOf: Int64, db: Database) throws -> Int {
        let settings = config.eval
        let weekOf = "(ts_ms / \(EvalWeek.dayMillis) + 3) / 7"
        let counts = try Row.fetchAll(db, sql: """
            SELECT \(weekOf) AS week, count(*) AS n FROM items WHERE ts_ms >= 0 AND ts_ms <= ? GROUP BY week ORDER BY week
            """, arguments: [asOf])
        let sampled = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT week, items FROM eval_weeks")
            .map { (row: Row) -> (String, Int) in (row["week"], row["items"]) })
        var chosen: Set<Int64>?
        var added = 0
        for row in counts {
            let week = EvalWeek(index: row["week"])
            let size: Int = row["n"]
            if let before = sampled[week.label], before >= size { continue }
            if chosen == nil { chosen = Set(try Int64.fetchAll(db, sql: "SELECT item_id FROM eval_items")) }
            added += try freezeWeek(week, asOf: asOf, chosen: chosen!, settings: settings, db: db)
            try db.execute(sql: "INSERT INTO eval_weeks(week, items) VALUES (?, ?) ON CONFLICT(week) DO UPDATE SET items = excluded.items",
                           arguments: [week.label, size])
        }
        return added
    }

    private func freezeWeek(_ week: EvalWeek, asOf: Int64, chosen: Set<Int64>, settings: EvalSettings, db: Database) throws -> Int {
        struct Candidate { let item: Int64; let key: UInt64; let chosen: Bool }
        // A week is hundreds of thousands of rows: their columns are read in place, the event id
        // hashed from SQLite's bytes and the stratum looked up by its bytes, so no row makes a
        // String (hashing a million of them cost more than the SQL).
        var byBytes: [[UInt8]: Int] = [:]
        var keys: [String] = []
        var members: [[Candidate]] = []
        var scratch: [UInt8] = []
        let seeded = Self.evalKeyHasher(seed: settings.seed)
        // The week's events from their time index (id and cohort come with it), their items by rowid.
        let statement = try db.cachedStatement(sql: """
            SELECT events.rowid, events.id, events.cohort, items.intent, items.severity
            FROM events INDEXED BY events_for_eval_slice JOIN items ON items.id = events.rowid
            WHERE events.ts_ms >= ? AND events.ts_ms < ? AND events.ts_ms <= ?
            """)
        let raw = RawStatement(statement.sqliteStatement, connection: db.sqliteConnection)
        raw.bind(1, week.startMillis)
        raw.bind(2, week.endMillis)
        raw.bind(3, asOf)
        try raw.forEachRow { row in
            let item = row.int64(0)
            scratch.removeAll(keepingCapacity: true)
            for (position, column) in Self.stratumColumns.enumerated() {
                if position > 0 { scratch.append(0x09) }
                if let value = row.text(column) { scratch.append(contentsOf: value) } else { scratch.append(0x2D) }
            }
            let stratum: Int
            if let known = byBytes[scratch] {
                stratum = known
            } else {
                stratum = keys.count
                byBytes[scratch] = stratum
                keys.append(String(decoding: scratch, as: UTF8.self))
                members.append([])
            }
            var hasher = seeded
            if let id = row.text(1) { hasher.update(bufferPointer: id) }
            members[stratum].append(Candidate(item: item, key: Self.evalKey(hasher), chosen: chosen.contains(item)))
        }
        var strata: [String: [Candidate]] = [:]
        for (index, key) in keys.enumerated() { strata[key] = members[index] }
        let quota = EvalQuota.perStratum(strata.mapValues(\.count), share: settings.share)
        let insert = try db.cachedStatement(sql: "INSERT INTO eval_items(item_id, week, stratum, chosen_ms) VALUES (?, ?, ?, ?)")
        var added = 0
        for stratum in strata.keys.sorted() {
            let members = strata[stratum]!
            let missing = (quota[stratum] ?? 0) - members.count(where: \.chosen)
            guard missing > 0 else { continue }
            let picks = members.filter { !$0.chosen }
                .sorted { $0.key != $1.key ? $0.key < $1.key : $0.item < $1.item }
                .prefix(missing)
            let label = Self.evalStratumLabel(stratum)
            for pick in picks {
                // The as-of time, not the clock: rerunning an export at the same as-of keeps the same rows.
                try insert.execute(arguments: [pick.item, week.label, label, asOf])
                added += 1
            }
        }
        return added
    }

    /// intent, cohort and severity in the week's query: a stratum's key is their bytes apart by
    /// tabs (a NULL as `-`).
    static let stratumColumns: [Int32] = [3, 2, 4]

    /// A stratum as it is stored and shown: `billing.refund × enterprise × S2`.
    static func evalStratumLabel(_ key: String) -> String {
        key.replacingOccurrences(of: "\t", with: " × ")
    }

    /// SHA-256 having read the seed and a separator: each event's key continues a copy of it.
    static func evalKeyHasher(seed: String) -> SHA256 {
        var hasher = SHA256()
        hasher.update(data: Data(seed.utf8))
        hasher.update(data: Data([0]))
        return hasher
    }

    /// A seeded, uniformly spread key for an event: the first 8 bytes of SHA-256(seed, 0, id),
    /// from a hasher that has read them.
    static func evalKey(_ hasher: SHA256) -> UInt64 {
        hasher.finalize().withUnsafeBytes { raw in
            raw.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }

    /// The items of rubric rounds: scored cases belong to the eval set whether or not their round
    /// is complete, so none of them is trained on while it is being scored.
    static let rubricCasesSQL = """
        SELECT DISTINCT ri.item_id FROM round_items ri JOIN rounds r ON r.id = ri.round_id WHERE r.rubric IS NOT NULL
        """

    /// Reads what the eval set reaches (call after `freezeEvalSlice`, in the same transaction).
    func evalReach(db: Database) throws -> EvalReach {
        let members = try Row.fetchAll(db, sql: """
            SELECT i.id, coalesce(i.canonical_id, i.id) AS root FROM items i
            WHERE i.id IN (SELECT item_id FROM eval_items UNION \(Self.rubricCasesSQL))
            ORDER BY i.id
            """)
        var reserved = Set<Int64>()
        var byRoot: [Int64: Int64] = [:]
        for row in members {
            let item: Int64 = row["id"]
            reserved.insert(item)
            byRoot[row["root"]] = byRoot[row["root"]] ?? item
        }
        // A rejected pair is deleted from dupe_pairs, so every pair left is a live suggestion.
        let partners = try db.cachedStatement(sql: """
            SELECT p.b AS other, coalesce(i.canonical_id, i.id) AS root FROM dupe_pairs p JOIN items i ON i.id = p.b WHERE p.a = ?
            UNION
            SELECT p.a, coalesce(i.canonical_id, i.id) FROM dupe_pairs p JOIN items i ON i.id = p.a WHERE p.b = ?
            """)
        var bySuggestion: [Int64: Int64] = [:]
        for row in members {
            let evalItem: Int64 = row["id"]
            let root: Int64 = row["root"]
            for source in Set([root, evalItem]) {
                for pair in try Row.fetchAll(partners, arguments: [source, source]) {
                    for reached in [pair["other"], pair["root"]] as [Int64] where byRoot[reached] == nil {
                        bySuggestion[reached] = min(bySuggestion[reached] ?? evalItem, evalItem)
                    }
                }
            }
        }
        return EvalReach(reserved: reserved, evalByClusterRoot: byRoot, evalBySuggestion: bySuggestion)
    }
}
