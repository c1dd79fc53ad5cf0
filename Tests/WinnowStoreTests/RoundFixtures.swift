import Foundation
import GRDB
@testable import WinnowStore

/// Rounds as the rounds work leaves them, written with SQL: a round, its items, each reviewer's
/// assignment, and their blind (`pending`) judgments. The completing transaction is a writer's
/// action that marks the item complete and calls the settlement hook, as submitting does.
extension TestWorkspace {
    @discardableResult
    func makeRound(_ name: String = "r1", rubric: String? = "support", items: [Int64], reviewers: [String]) throws -> Int64 {
        try store.pool.write { db in
            let version = rubric.flatMap { store.config.rubric(named: $0)?.version }
            try db.execute(sql: """
                INSERT INTO rounds(name, rubric, rubric_version, fields, overlap, created_by, created_ms) VALUES (?, ?, ?, '[]', ?, 'lead', ?)
                """, arguments: [name, rubric, version, reviewers.count, t0])
            let round = db.lastInsertedRowID
            for (position, item) in items.enumerated() {
                try db.execute(sql: "INSERT INTO round_items(round_id, item_id, position) VALUES (?, ?, ?)", arguments: [round, item, position])
                for reviewer in reviewers {
                    try db.execute(sql: "INSERT INTO assignments(round_id, item_id, reviewer, position) VALUES (?, ?, ?, ?)",
                                   arguments: [round, item, reviewer, position])
                }
            }
            return round
        }
    }

    /// A reviewer's blind judgment of a field; a later one by the same reviewer revises it.
    @discardableResult
    func judge(round: Int64, item: Int64, _ field: JudgedField, _ value: String, by reviewer: String, rationale: String? = nil,
               at millis: Int64 = t0) throws -> Int64 {
        try store.pool.write { db in
            let previous = try Int64.fetchOne(db, sql: """
                SELECT id FROM judgments WHERE round_id = ? AND item_id = ? AND field = ? AND reviewer = ? AND state = 'pending'
                """, arguments: [round, item, field.stored, reviewer])
            if let previous { try db.execute(sql: "UPDATE judgments SET state = 'superseded' WHERE id = ?", arguments: [previous]) }
            try db.execute(sql: """
                INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, round_id, rationale, revises)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                """, arguments: [item, field.stored, value, reviewer, reviewer + "-os", millis, round, rationale, previous])
            return db.lastInsertedRowID
        }
    }

    /// The last reviewer's submission completes the item: one action, settled in its transaction.
    @discardableResult
    func complete(round: Int64, item: Int64, by identity: Identity, at millis: Int64 = t0 + 1) throws -> (disputes: [Int64], changes: ChangeSet) {
        var opened: [Int64] = []
        let changes = try store.change("submit", by: identity, expectedVersions: [:], reason: nil, at: millis) { writer in
            try writer.db.execute(sql: "UPDATE assignments SET state = 'submitted', submitted_ms = ? WHERE round_id = ? AND item_id = ?",
                                  arguments: [millis, round, item])
            try writer.db.execute(sql: "UPDATE round_items SET completed_ms = ? WHERE round_id = ? AND item_id = ?",
                                  arguments: [millis, round, item])
            opened = try store.settleCompletedItem(roundID: round, itemID: item, writer: writer)
        }
        return (opened, changes)
    }
}
