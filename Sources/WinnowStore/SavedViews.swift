import GRDB

/// A named filter and sort, stored in the workspace so every reviewer can recall it.
public struct SavedView: Equatable, Sendable {
    public var name: String
    public var query: String
    public var sort: QueueSort
    public var createdBy: String

    public init(name: String, query: String, sort: QueueSort, createdBy: String) {
        self.name = name
        self.query = query
        self.sort = sort
        self.createdBy = createdBy
    }
}

extension Store {
    public func savedViews() throws -> [SavedView] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, query, sort, created_by FROM saved_views ORDER BY name COLLATE NOCASE")
                .map { SavedView(name: $0["name"], query: $0["query"], sort: QueueSort(rawValue: $0["sort"] ?? "") ?? .queue,
                                 createdBy: $0["created_by"]) }
        }
    }

    /// Saves (or replaces) a view.
    public func saveView(_ view: SavedView) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO saved_views(name, query, sort, created_by, created_ms) VALUES (?, ?, ?, ?, ?)
                """, arguments: [view.name, view.query, view.sort.rawValue, view.createdBy, Clock.nowMillis()])
        }
    }

    @discardableResult
    public func deleteView(named name: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM saved_views WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}
