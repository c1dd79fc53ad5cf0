import Foundation
import GRDB
import WinnowCore

/// `winnow report owners`: per owner, what is theirs to fix. "Open" here means not yet fixed:
/// new, in review or triaged (a triaged item waits for its owner), never a merged duplicate,
/// whose canonical item stands for it.
public struct OwnerReport: Codable, Sendable, Equatable {
    public var generatedMillis: Int64
    /// This period is [periodStart, generated); the last one is as long, just before it.
    public var periodStartMillis: Int64
    public var previousPeriodStartMillis: Int64
    /// Owners with the most open items first, by name on a tie; unassigned items (owner nil) last.
    public var owners: [OwnerSection]

    enum CodingKeys: String, CodingKey {
        case owners
        case generatedMillis = "generated_ms"
        case periodStartMillis = "period_start_ms"
        case previousPeriodStartMillis = "previous_period_start_ms"
    }
}

public struct NamedCount: Codable, Sendable, Equatable {
    public var name: String
    public var count: Int
}

/// An item as the report names it.
public struct ReportedItem: Codable, Sendable, Equatable {
    public var item: Int64
    public var eventID: String
    public var timestampMillis: Int64
    public var signal: String
    public var status: String
    public var severity: String?
    public var locus: String?
    /// The prompt, cut to `OwnerReport.excerptLength`.
    public var prompt: String

    enum CodingKeys: String, CodingKey {
        case item, signal, status, severity, locus, prompt
        case eventID = "event_id"
        case timestampMillis = "ts_ms"
    }
}

/// An item with its correction: what the answer was and what it should have been.
public struct ReportedExample: Codable, Sendable, Equatable {
    public var item: ReportedItem
    public var response: String
    public var correction: String
}

public struct ReportedCluster: Codable, Sendable, Equatable {
    /// The canonical item (merged clusters) or the suggested group's canonical member.
    public var canonical: ReportedItem
    public var size: Int
    /// The suggested group's id (`winnow dupes accept --group ID`), for a suggestion not yet merged.
    public var suggestedGroup: Int64?

    enum CodingKeys: String, CodingKey {
        case canonical, size
        case suggestedGroup = "suggested_group"
    }
}

public struct OwnerSection: Codable, Sendable, Equatable {
    /// Nil: items no one owns yet.
    public var owner: String?
    public var openTotal: Int
    /// In the taxonomy's order, then `unset`; zeros included.
    public var openBySeverity: [NamedCount]
    public var topReasons: [NamedCount]
    public var topLoci: [NamedCount]
    public var newThisPeriod: Int
    public var newLastPeriod: Int
    /// The oldest open items of the two highest severities (S1, S2), oldest first.
    public var oldestOpenSevere: [ReportedItem]
    public var examples: [ReportedExample]
    /// Merged clusters by size, then suggested near-duplicate groups not yet merged.
    public var clusters: [ReportedCluster]

    enum CodingKeys: String, CodingKey {
        case owner, examples, clusters
        case openTotal = "open_total"
        case openBySeverity = "open_by_severity"
        case topReasons = "top_reasons"
        case topLoci = "top_loci"
        case newThisPeriod = "new_this_period"
        case newLastPeriod = "new_last_period"
        case oldestOpenSevere = "oldest_open_severe"
    }
}

extension OwnerReport {
    public static let topCount = 5
    public static let oldestCount = 5
    public static let exampleCount = 3
    public static let clusterCount = 5
    /// Characters kept of a prompt, response or correction: enough to recognise the case.
    public static let excerptLength = 280
    static let unset = "unset"

    /// Cuts a text at `limit` characters, at a word when one ends near there, marked with `…`.
    public static func excerpt(_ text: String, limit: Int = excerptLength) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        if let space = cut.lastIndex(where: \.isWhitespace), cut.distance(from: cut.startIndex, to: space) > limit * 3 / 4 {
            return String(cut[..<space]) + "…"
        }
        return String(cut) + "…"
    }
}

extension Store {
    /// The owner report for the period from `since` to `now` (and the period as long before it),
    /// read in one snapshot.
    public func ownerReport(since: Int64, now: Int64 = Clock.nowMillis()) throws -> OwnerReport {
        let previous = since - (now - since)
        let severities = config.taxonomy.severities.map(\.code)
        let severe = Array(severities.prefix(2))
        let openClause = "items.status IN ('new', 'in_review', 'triaged') AND items.canonical_id IS NULL"
        // NULL owners group under the empty name, which the config gives no owner, so they print apart.
        let none = ""
        var report = try pool.read { db -> OwnerReport in
            var sections: [String: OwnerSection] = [:]
            func section(_ key: String) -> OwnerSection {
                sections[key] ?? OwnerSection(owner: key == none ? nil : key, openTotal: 0, openBySeverity: [], topReasons: [], topLoci: [],
                                              newThisPeriod: 0, newLastPeriod: 0, oldestOpenSevere: [], examples: [], clusters: [])
            }
            var bySeverity: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT coalesce(owner, ?) AS owner, severity, count(*) AS n FROM items WHERE \(openClause) GROUP BY 1, 2
                """, arguments: [none]) {
                let owner: String = row["owner"]
                let severity: String = row["severity"] ?? OwnerReport.unset
                bySeverity[owner, default: [:]][severity, default: 0] += row["n"] as Int
            }
            for (owner, counts) in bySeverity {
                var s = section(owner)
                s.openTotal = counts.values.reduce(0, +)
                let known = severities + counts.keys.filter { !severities.contains($0) && $0 != OwnerReport.unset }.sorted() + [OwnerReport.unset]
                s.openBySeverity = known.map { NamedCount(name: $0, count: counts[$0] ?? 0) }
                sections[owner] = s
            }
            func top(_ sql: String) throws -> [String: [NamedCount]] {
                var tops: [String: [NamedCount]] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: [none]) {
                    let owner: String = row["owner"]
                    guard tops[owner, default: []].count < OwnerReport.topCount else { continue }
                    tops[owner, default: []].append(NamedCount(name: row["name"], count: row["n"]))
                }
                return tops
            }
            let reasons = try top("""
                SELECT coalesce(items.owner, ?) AS owner, code.value AS name, count(*) AS n
                FROM items, json_each(CASE WHEN json_valid(items.reasons) THEN items.reasons ELSE '[]' END) AS code
                WHERE \(openClause) GROUP BY 1, 2 ORDER BY 1, n DESC, name
                """)
            let loci = try top("""
                SELECT coalesce(owner, ?) AS owner, locus AS name, count(*) AS n FROM items
                WHERE \(openClause) AND locus IS NOT NULL GROUP BY 1, 2 ORDER BY 1, n DESC, name
                """)
            for (owner, list) in reasons { var s = section(owner); s.topReasons = list; sections[owner] = s }
            for (owner, list) in loci { var s = section(owner); s.topLoci = list; sections[owner] = s }
            for row in try Row.fetchAll(db, sql: """
                SELECT coalesce(owner, ?) AS owner, sum(ts_ms >= ?) AS this, sum(ts_ms < ?) AS last FROM items
                WHERE canonical_id IS NULL AND ts_ms >= ? AND ts_ms < ? GROUP BY 1
                """, arguments: [none, since, since, previous, now]) {
                let owner: String = row["owner"]
                var s = section(owner)
                s.newThisPeriod = row["this"]
                s.newLastPeriod = row["last"]
                sections[owner] = s
            }
            let itemColumns = """
                items.id, events.id AS event_id, items.ts_ms, items.signal, items.status, items.severity, items.locus, events.prompt
                """
            func item(_ row: Row) -> ReportedItem {
                ReportedItem(item: row["id"], eventID: row["event_id"], timestampMillis: row["ts_ms"], signal: row["signal"],
                             status: row["status"], severity: row["severity"], locus: row["locus"],
                             prompt: OwnerReport.excerpt(row["prompt"]))
            }
            if !severe.isEmpty {
                for row in try Row.fetchAll(db, sql: """
                    SELECT * FROM (
                        SELECT coalesce(items.owner, ?) AS owner, \(itemColumns),
                               row_number() OVER (PARTITION BY items.owner ORDER BY items.ts_ms, items.id) AS rank
                        FROM items JOIN events ON events.rowid = items.id
                        WHERE \(openClause) AND items.severity IN (\(severe.map { _ in "?" }.joined(separator: ", "))))
                    WHERE rank <= ? ORDER BY owner, rank
                    """, arguments: StatementArguments([none] + severe + [OwnerReport.oldestCount])) {
                    var s = section(row["owner"])
                    s.oldestOpenSevere.append(item(row))
                    sections[row["owner"]] = s
                }
            }
            // Examples: the most severe corrected items first, then the weightiest, then the newest.
            let severityRank = severities.enumerated().map { "WHEN \(quoted($0.element)) THEN \($0.offset)" }.joined(separator: " ")
            for row in try Row.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT coalesce(items.owner, ?) AS owner, \(itemColumns), events.response, items.correction,
                           row_number() OVER (PARTITION BY items.owner
                                              ORDER BY CASE items.severity \(severityRank) ELSE \(severities.count) END,
                                                       items.weight DESC, items.ts_ms DESC, items.id) AS rank
                    FROM items JOIN events ON events.rowid = items.id
                    WHERE items.canonical_id IS NULL AND items.correction IS NOT NULL AND items.owner IS NOT NULL)
                WHERE rank <= ? ORDER BY owner, rank
                """, arguments: [none, OwnerReport.exampleCount]) {
                var s = section(row["owner"])
                s.examples.append(ReportedExample(item: item(row), response: OwnerReport.excerpt(row["response"]),
                                                  correction: OwnerReport.excerpt(row["correction"])))
                sections[row["owner"]] = s
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT coalesce(items.owner, ?) AS owner, \(itemColumns), items.cluster_size,
                           row_number() OVER (PARTITION BY items.owner ORDER BY items.cluster_size DESC, items.id) AS rank
                    FROM items JOIN events ON events.rowid = items.id
                    WHERE items.cluster_size > 1 AND items.canonical_id IS NULL AND items.owner IS NOT NULL)
                WHERE rank <= ? ORDER BY owner, rank
                """, arguments: [none, OwnerReport.clusterCount]) {
                var s = section(row["owner"])
                s.clusters.append(ReportedCluster(canonical: item(row), size: row["cluster_size"], suggestedGroup: nil))
                sections[row["owner"]] = s
            }
            let owners = sections.values.sorted { a, b in
                if (a.owner == nil) != (b.owner == nil) { return b.owner == nil }
                if a.openTotal != b.openTotal { return a.openTotal > b.openTotal }
                return (a.owner ?? "") < (b.owner ?? "")
            }
            return OwnerReport(generatedMillis: now, periodStartMillis: since, previousPeriodStartMillis: previous, owners: owners)
        }
        try addSuggestedGroups(to: &report)
        return report
    }

    /// Near-duplicate suggestions not yet merged, under the owner of their canonical member: a
    /// cluster in the making, largest first, after the merged clusters.
    private func addSuggestedGroups(to report: inout OwnerReport) throws {
        guard config.dupes.enabled else { return }
        let groups = try duplicateGroups().filter { $0.size > 1 }
        guard !groups.isEmpty else { return }
        let canonicals = groups.map(\.canonical.itemID)
        let owners: [Int64: String] = try pool.read { db in
            var owners: [Int64: String] = [:]
            for start in stride(from: 0, to: canonicals.count, by: 10_000) {
                let chunk = Array(canonicals[start..<min(canonicals.count, start + 10_000)])
                for row in try Row.fetchAll(db, sql: """
                    SELECT id, owner FROM items WHERE owner IS NOT NULL AND id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                    """, arguments: StatementArguments(chunk)) {
                    owners[row["id"]] = row["owner"]
                }
            }
            return owners
        }
        var byOwner: [String: [DuplicateGroup]] = [:]
        for group in groups { if let owner = owners[group.canonical.itemID] { byOwner[owner, default: []].append(group) } }
        for index in report.owners.indices {
            guard let owner = report.owners[index].owner, let list = byOwner[owner] else { continue }
            let ranked = list.sorted { ($0.size, -$0.id) > ($1.size, -$1.id) }.prefix(OwnerReport.clusterCount)
            report.owners[index].clusters += ranked.map { group in
                let c = group.canonical
                return ReportedCluster(canonical: ReportedItem(item: c.itemID, eventID: c.eventID, timestampMillis: c.timestampMillis,
                                                               signal: c.signal, status: c.status, severity: c.severity, locus: c.locus,
                                                               prompt: OwnerReport.excerpt(c.prompt)),
                                       size: group.size, suggestedGroup: group.id)
            }
        }
    }
}

/// A text as an SQL string literal (severity codes come from the workspace's own config).
private func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}
