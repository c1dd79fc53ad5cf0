import Foundation
import GRDB
import WinnowCore

/// Corrections: the corrected answer for an item, written by the reviewer or accepted from the
/// event (a user's own edit), or the arrived one rejected. Stored as the `correction` and
/// `correction_state` fields through the one write path (action "correct").
public enum CorrectionError: Error, CustomStringConvertible, Equatable {
    case empty
    case noArrivedCorrection(item: Int64)
    case noSuchItem(Int64)

    public var description: String {
        switch self {
        case .empty: "the correction is empty: write the corrected answer, or cancel"
        case .noArrivedCorrection(let item): "#\(item) arrived without a correction: there is none to accept or reject"
        case .noSuchItem(let item): "there is no item #\(item)"
        }
    }
}

/// A half-written correction, kept per reviewer and item until it is saved or discarded.
public struct Draft: Equatable, Sendable {
    public var itemID: Int64
    public var text: String
    public var updatedMillis: Int64

    public init(itemID: Int64, text: String, updatedMillis: Int64) {
        self.itemID = itemID
        self.text = text
        self.updatedMillis = updatedMillis
    }
}

extension Store {
    /// Sets the item's corrected answer. Inner newlines are kept; trailing whitespace is trimmed;
    /// state "accepted" when the text is exactly the arrived correction, else "written". The
    /// writer's draft for the item is deleted in the same transaction.
    @discardableResult
    public func setCorrection(_ text: String, on item: Int64, by identity: Identity, reason: String? = nil,
                              expectedVersions: [Int64: Int], at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        let trimmed = Self.trimmingTrailingWhitespace(text)
        guard !trimmed.isEmpty else { throw CorrectionError.empty }
        return try change("correct", by: identity, expectedVersions: expectedVersions, reason: reason, at: millis) { writer in
            let arrived = try Self.arrivedCorrection(item, db: writer.db)
            try writer.set(.correction, of: item, to: trimmed)
            try writer.set(.correctionState, of: item, to: trimmed == arrived ? "accepted" : "written")
            try writer.db.execute(sql: "DELETE FROM drafts WHERE reviewer = ? AND item_id = ?", arguments: [identity.reviewer, item])
        }
    }

    /// Accepts the correction that arrived with the event as the item's corrected answer.
    @discardableResult
    public func acceptArrivedCorrection(on item: Int64, by identity: Identity, reason: String? = nil,
                                        expectedVersions: [Int64: Int], at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try decideArrivedCorrection(on: item, accept: true, by: identity, reason: reason, expectedVersions: expectedVersions, at: millis)
    }

    /// Rejects the correction that arrived with the event: no corrected answer, state "rejected".
    @discardableResult
    public func rejectArrivedCorrection(on item: Int64, by identity: Identity, reason: String? = nil,
                                        expectedVersions: [Int64: Int], at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try decideArrivedCorrection(on: item, accept: false, by: identity, reason: reason, expectedVersions: expectedVersions, at: millis)
    }

    private func decideArrivedCorrection(on item: Int64, accept: Bool, by identity: Identity, reason: String?,
                                         expectedVersions: [Int64: Int], at millis: Int64) throws -> ChangeSet {
        try change("correct", by: identity, expectedVersions: expectedVersions, reason: reason, at: millis) { writer in
            guard let arrived = try Self.arrivedCorrection(item, db: writer.db), !arrived.isEmpty else {
                throw CorrectionError.noArrivedCorrection(item: item)
            }
            try writer.set(.correction, of: item, to: accept ? arrived : nil)
            try writer.set(.correctionState, of: item, to: accept ? "accepted" : "rejected")
        }
    }

    static func arrivedCorrection(_ item: Int64, db: Database) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT correction FROM events WHERE rowid = ?", arguments: [item]) else {
            throw CorrectionError.noSuchItem(item)
        }
        return row["correction"]
    }

    static func trimmingTrailingWhitespace(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let previous = text.index(before: end)
            guard text[previous].isWhitespace || text[previous].isNewline else { break }
            end = previous
        }
        return String(text[..<end])
    }

    // MARK: Drafts (private scratch, not audited)

    /// Saves (or replaces) the reviewer's draft for an item.
    public func saveDraft(_ text: String, item: Int64, reviewer: String, at millis: Int64 = Clock.nowMillis()) throws {
        try writing { db in
            try db.execute(sql: """
                INSERT INTO drafts(reviewer, item_id, text, updated_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT(reviewer, item_id) DO UPDATE SET text = excluded.text, updated_ms = excluded.updated_ms
                """, arguments: [reviewer, item, text, millis])
        }
    }

    public func draft(item: Int64, reviewer: String) throws -> Draft? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT item_id, text, updated_ms FROM drafts WHERE reviewer = ? AND item_id = ?",
                             arguments: [reviewer, item]).map(Self.draft(row:))
        }
    }

    /// The reviewer's drafts, newest first.
    public func drafts(reviewer: String) throws -> [Draft] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT item_id, text, updated_ms FROM drafts WHERE reviewer = ? ORDER BY updated_ms DESC, item_id DESC",
                             arguments: [reviewer]).map(Self.draft(row:))
        }
    }

    /// Discards the reviewer's draft for an item; false when there was none.
    @discardableResult
    public func deleteDraft(item: Int64, reviewer: String) throws -> Bool {
        try writing { db in
            try db.execute(sql: "DELETE FROM drafts WHERE reviewer = ? AND item_id = ?", arguments: [reviewer, item])
            return db.changesCount > 0
        }
    }

    static func draft(row: Row) -> Draft {
        Draft(itemID: row["item_id"], text: row["text"], updatedMillis: row["updated_ms"])
    }
}
