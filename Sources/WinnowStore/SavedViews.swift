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

    /// Saves (or replaces) a view; recorded in the audit log.
    public func saveView(_ view: SavedView, by identity: Identity) throws {
        try pool.write { db in
            let old = try String.fetchOne(db, sql: "SELECT query || ' · ' || coalesce(sort, 'queue') FROM saved_views WHERE name = ?",
                                          arguments: [view.name])
            try AuditLog.append(AuditEntry(action: "view.save", field: view.name, oldValue: old,
                                           newValue: view.query + " · " + view.sort.rawValue), by: identity, db: db)
            try db.execute(sql: """
                INSERT OR REPLACE INTO saved_views(name, query, sort, created_by, created_ms) VALUES (?, ?, ?, ?, ?)
                """, arguments: [view.name, view.query, view.sort.rawValue, view.createdBy, Clock.nowMillis()])
        }
    }

    @discardableResult
    public func deleteView(named name: String, by identity: Identity) throws -> Bool {
        try pool.write { db in
            let old = try String.fetchOne(db, sql: "SELECT query || ' · ' || coalesce(sort, 'queue') FROM saved_views WHERE name = ?",
                                          arguments: [name])
            guard let old else { return false }
            try db.execute(sql: "DELETE FROM saved_views WHERE name = ?", arguments: [name])
            try AuditLog.append(AuditEntry(action: "view.delete", field: name, oldValue: old), by: identity, db: db)
            return true
        }
    }
}
