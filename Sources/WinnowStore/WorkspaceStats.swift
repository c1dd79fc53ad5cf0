import Foundation
import GRDB
import WinnowCore

/// What `winnow stats` reports: every figure comes from SQL, never from loading rows.
public struct WorkspaceStats: Codable, Sendable, Equatable {
    public struct Count: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int
    }

    public var workspace: String
    public var events: Int
    public var items: Int
    public var openBacklog: Int
    public var firstEvent: String?
    public var lastEvent: String?
    public var bySignal: [Count]
    public var byStatus: [Count]
    public var bySeverity: [Count]
    public var byLocus: [Count]
    public var byOwner: [Count]
    public var imports: Int

    enum CodingKeys: String, CodingKey {
        case workspace, events, items, imports
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
        try pool.read { db in
            func grouped(_ column: String, unset: String) throws -> [WorkspaceStats.Count] {
                try Row.fetchAll(db, sql: """
                    SELECT coalesce(\(column), ?) AS name, count(*) AS n FROM items
                    GROUP BY 1 ORDER BY n DESC, name
                    """, arguments: [unset])
                    .map { WorkspaceStats.Count(name: $0["name"], count: $0["n"]) }
            }
            let span = try Row.fetchOne(db, sql: "SELECT min(ts_ms) AS lo, max(ts_ms) AS hi FROM events")
            let lo: Int64? = span?["lo"]
            let hi: Int64? = span?["hi"]
            var bySignal = try grouped("signal", unset: "-")
            // Every signal is listed, even at zero, so a missing kind of feedback is visible.
            for signal in Signal.allCases where !bySignal.contains(where: { $0.name == signal.rawValue }) {
                bySignal.append(.init(name: signal.rawValue, count: 0))
            }
            return WorkspaceStats(
                workspace: workspace.directory.path,
                events: try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0,
                items: try Int.fetchOne(db, sql: "SELECT count(*) FROM items") ?? 0,
                openBacklog: try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE is_open = 1") ?? 0,
                firstEvent: lo.map { RFC3339.format(millis: $0) },
                lastEvent: hi.map { RFC3339.format(millis: $0) },
                bySignal: bySignal,
                byStatus: try grouped("status", unset: "-"),
                bySeverity: try grouped("severity", unset: "unset"),
                byLocus: try grouped("locus", unset: "unset"),
                byOwner: try grouped("owner", unset: "unassigned"),
                imports: try Int.fetchOne(db, sql: "SELECT count(*) FROM imports WHERE finished_ms IS NOT NULL") ?? 0
            )
        }
    }
}
