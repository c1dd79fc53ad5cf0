import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// The blind rule, in one place for every reader: a round judgment is seen by its author always,
/// by leads and adjudicators on the roster always, and by anyone else only once the item is
/// complete in that round (every assignment in) or the round is closed.
///
/// In single-user mode nobody holds a role, so the rule holds between whatever reviewer names
/// score: blind double review still means blind.
public struct JudgmentVisibility: Sendable, Equatable {
    public let viewer: String
    /// A lead or an adjudicator.
    public let seesEverything: Bool

    /// Shown in place of a value the viewer may not see yet.
    public static let hiddenText = "(hidden until the item is complete)"

    /// Audit actions whose values are blind round judgments.
    static let blindAuditActions: Set<String> = ["score", "revise"]

    public init(viewer: String, seesEverything: Bool) {
        self.viewer = viewer
        self.seesEverything = seesEverything
    }

    public func canSee(author: String, roundClosed: Bool, itemComplete: Bool) -> Bool {
        author == viewer || seesEverything || roundClosed || itemComplete
    }
}

/// One blind judgment of an item in a round, as a viewer may see it.
public struct RoundJudgment: Codable, Sendable, Equatable {
    public var id: Int64
    public var round: String
    public var itemID: Int64
    public var reviewer: String
    public var createdMillis: Int64
    /// As stored: `severity`, `rubric:faithfulness` (see `JudgedField`).
    public var field: String
    /// Nil when hidden from the viewer.
    public var value: String?
    public var isHidden: Bool
    public var rationale: String?
    public var rubricVersion: String?
    /// `pending`, `superseded`, `disputed` or `accepted`.
    public var state: String
    /// The judgment this one revised.
    public var revises: Int64?

    public var judgedField: JudgedField? { JudgedField(stored: field) }
    /// The value, or the words that say it is hidden.
    public var shownValue: String { isHidden ? JudgmentVisibility.hiddenText : (value ?? "∅") }

    enum CodingKeys: String, CodingKey {
        case id, round, reviewer, field, value, rationale, state, revises
        case itemID = "item_id"
        case createdMillis = "created_ms"
        case isHidden = "hidden"
        case rubricVersion = "rubric_version"
    }
}

extension Store {
    /// How the blind rule applies to this viewer.
    public func judgmentVisibility(for viewer: Identity) -> JudgmentVisibility {
        let roles = config.roles(of: viewer.reviewer) ?? []
        return JudgmentVisibility(viewer: viewer.reviewer, seesEverything: roles.contains(.lead) || roles.contains(.adjudicator))
    }

    /// Whether the viewer may see a round judgment's value (any judgment outside a round: yes).
    public func canSee(judgment id: Int64, viewer: Identity) throws -> Bool {
        let visibility = judgmentVisibility(for: viewer)
        return try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT j.reviewer, j.round_id, r.closed_ms, ri.completed_ms FROM judgments AS j
                LEFT JOIN rounds AS r ON r.id = j.round_id
                LEFT JOIN round_items AS ri ON ri.round_id = j.round_id AND ri.item_id = j.item_id
                WHERE j.id = ?
                """, arguments: [id]) else { return false }
            guard row["round_id"] as Int64? != nil else { return true }
            return visibility.canSee(author: row["reviewer"], roundClosed: row["closed_ms"] as Int64? != nil,
                                     itemComplete: row["completed_ms"] as Int64? != nil)
        }
    }

    /// Every round judgment of an item, in every round, oldest first, with the values the viewer
    /// may not see yet hidden (rationales too: they give scores away).
    public func roundJudgments(item: Int64, viewer: Identity) throws -> [RoundJudgment] {
        let visibility = judgmentVisibility(for: viewer)
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT j.*, r.name AS round_name, r.closed_ms AS round_closed, ri.completed_ms AS item_completed
                FROM judgments AS j JOIN rounds AS r ON r.id = j.round_id
                LEFT JOIN round_items AS ri ON ri.round_id = j.round_id AND ri.item_id = j.item_id
                WHERE j.item_id = ? AND j.round_id IS NOT NULL ORDER BY j.id
                """, arguments: [item]).map { row in
                let visible = visibility.canSee(author: row["reviewer"], roundClosed: row["round_closed"] as Int64? != nil,
                                                itemComplete: row["item_completed"] as Int64? != nil)
                return RoundJudgment(id: row["id"], round: row["round_name"], itemID: row["item_id"], reviewer: row["reviewer"],
                                     createdMillis: row["created_ms"], field: row["field"], value: visible ? row["value"] : nil,
                                     isHidden: !visible, rationale: visible ? row["rationale"] : nil, rubricVersion: row["rubric_version"],
                                     state: row["state"], revises: row["revises"])
            }
        }
    }

    /// An item's history (the TUI's history overlay), with blind values hidden from this viewer.
    public func itemHistory(_ item: Int64, viewer: Identity) throws -> [AuditRecord] {
        var records: [AuditRecord] = []
        try AuditLog.forEach(AuditLog.Query(itemID: item), in: self, visibleTo: viewer) { records.append($0) }
        return records
    }
}

extension AuditLog {
    /// Records in sequence order, as `forEach(_:in:_:)` gives them, except that the values (and
    /// reasons) of blind round judgments the viewer may not see yet are replaced by
    /// `JudgmentVisibility.hiddenText`. Only what is shown changes: the records' hashes are the
    /// stored ones, and the chain verifies as ever.
    public static func forEach(_ query: Query, in store: Store, visibleTo viewer: Identity,
                               _ body: (AuditRecord) throws -> Void) throws {
        let visibility = store.judgmentVisibility(for: viewer)
        try store.pool.read { db in
            try forEach(query, db: db) { record in
                try body(try redacted(record, for: visibility, db: db))
            }
        }
    }

    static func redacted(_ record: AuditRecord, for visibility: JudgmentVisibility, db: Database) throws -> AuditRecord {
        guard JudgmentVisibility.blindAuditActions.contains(record.action), let item = record.itemID, let field = record.field,
              record.reviewer != visibility.viewer, !visibility.seesEverything else { return record }
        // The judgment the record wrote: same item, field, author and time.
        let rounds = try Row.fetchAll(db, sql: """
            SELECT DISTINCT r.closed_ms, ri.completed_ms FROM judgments AS j
            JOIN rounds AS r ON r.id = j.round_id
            LEFT JOIN round_items AS ri ON ri.round_id = j.round_id AND ri.item_id = j.item_id
            WHERE j.item_id = ? AND j.field = ? AND j.reviewer = ? AND j.created_ms = ? AND j.round_id IS NOT NULL
            """, arguments: [item, field, record.reviewer, record.timestampMillis])
        // A record whose judgment cannot be found stays hidden: showing it could break the blind.
        let visible = !rounds.isEmpty && rounds.allSatisfy {
            visibility.canSee(author: record.reviewer, roundClosed: $0["closed_ms"] as Int64? != nil,
                              itemComplete: $0["completed_ms"] as Int64? != nil)
        }
        guard !visible else { return record }
        var hidden = record
        hidden.oldValue = record.oldValue.map { _ in JudgmentVisibility.hiddenText }
        hidden.newValue = record.newValue.map { _ in JudgmentVisibility.hiddenText }
        hidden.reason = record.reason.map { _ in JudgmentVisibility.hiddenText }
        return hidden
    }
}
