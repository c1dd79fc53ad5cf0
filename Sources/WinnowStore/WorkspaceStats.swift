import Foundation
import GRDB
import WinnowCore

/// What `winnow stats` reports: every figure comes from SQL, never from loading rows.
public struct WorkspaceStats: Codable, Sendable, Equatable {
    public struct Count: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int
        /// The vocabulary's name for the value, when it has one (a severity's `critical`).
        public var label: String?

        public init(name: String, count: Int, label: String? = nil) {
            self.name = name
            self.count = count
            self.label = label
        }
    }

    public var workspace: String
    public var events: Int
    public var items: Int
    public var openBacklog: Int
    /// Items merged into another as duplicates: their status is `duplicate`, and the canonical's
    /// labels stand for them, so severity, locus and owner count the other items only.
    public var duplicates: Int
    public var firstEvent: String?
    public var lastEvent: String?
    public var bySignal: [Count]
    public var byStatus: [Count]
    public var bySeverity: [Count]
    public var byLocus: [Count]
    public var byOwner: [Count]
    public var imports: Int

    enum CodingKeys: String, CodingKey {
        case workspace, events, items, imports, duplicates
        case openBacklog = "open_backlog"
        case firstEvent = "first_event"
        case lastEvent = "last_event"
        case bySignal = "by_signal"
        case byStatus = "by_status"
        case bySeverity = "by_severity"
        case byLocus = "by_locus"
        case byOwner = "by_owner"
    }
}

extension Store {
    public func stats() throws -> WorkspaceStats {
        let taxonomy = config.taxonomy
        return try pool.read { db in
            func grouped(_ expression: String, duplicates: Bool = true) throws -> [String?: Int] {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT \(expression) AS name, count(*) AS n FROM items
                    \(duplicates ? "" : "WHERE canonical_id IS NULL") GROUP BY 1
                    """)
                return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String?, $0["n"] as Int) })
            }
            func byCount(_ counts: [String?: Int], unset: String) -> [WorkspaceStats.Count] {
                counts.map { WorkspaceStats.Count(name: $0.key ?? unset, count: $0.value) }
                    .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
            }
            /// The vocabulary's values in its own order, zeros included, then values outside it
            /// (a taxonomy changed since they were set), then the unset ones.
            func inOrder(_ counts: [String?: Int], _ vocabulary: [(name: String, label: String?)], unset: String?)
                -> [WorkspaceStats.Count] {
                let known = Set(vocabulary.map(\.name))
                var out = vocabulary.map { WorkspaceStats.Count(name: $0.name, count: counts[$0.name] ?? 0, label: $0.label) }
                out += counts.compactMap { name, count in name.flatMap { known.contains($0) ? nil : .init(name: $0, count: count) } }
                    .sorted { $0.name < $1.name }
                if let unset { out.append(.init(name: unset, count: counts[nil] ?? 0)) }
                return out
            }
            let span = try Row.fetchOne(db, sql: "SELECT min(ts_ms) AS lo, max(ts_ms) AS hi FROM events")
            let lo: Int64? = span?["lo"]
            let hi: Int64? = span?["hi"]
            var bySignal = byCount(try grouped("signal"), unset: "-")
            // Every signal is listed, even at zero, so a missing kind of feedback is visible.
            for signal in Signal.allCases where !bySignal.contains(where: { $0.name == signal.rawValue }) {
                bySignal.append(.init(name: signal.rawValue, count: 0))
            }
            let byStatus = inOrder(try grouped("CASE WHEN canonical_id IS NOT NULL THEN '\(ItemStatus.duplicate.rawValue)' ELSE status END"),
                                   ItemStatus.allCases.map { ($0.rawValue, nil) }, unset: nil)
            return WorkspaceStats(
                workspace: workspace.directory.path,
                events: try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0,
                items: try Int.fetchOne(db, sql: "SELECT count(*) FROM items") ?? 0,
                openBacklog: try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE is_open = 1") ?? 0,
                duplicates: try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE canonical_id IS NOT NULL") ?? 0,
                firstEvent: lo.map { RFC3339.format(millis: $0) },
                lastEvent: hi.map { RFC3339.format(millis: $0) },
                bySignal: bySignal,
                byStatus: byStatus,
                bySeverity: inOrder(try grouped("severity", duplicates: false), taxonomy.severities.map { ($0.code, $0.label) },
                                    unset: "unset"),
                byLocus: inOrder(try grouped("locus", duplicates: false), taxonomy.loci.map { ($0.name, nil) }, unset: "unset"),
                byOwner: byCount(try grouped("owner", duplicates: false), unset: "unassigned"),
                imports: try Int.fetchOne(db, sql: "SELECT count(*) FROM imports WHERE finished_ms IS NOT NULL") ?? 0
            )
        }
    }
}
