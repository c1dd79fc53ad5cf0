import Foundation
import GRDB
import WinnowCore

public enum DuplicateDecisionError: Error, CustomStringConvertible, Equatable {
    case notSuggested(Int64, Int64)
    case noGroup(Int64)

    public var description: String {
        switch self {
        case .notSuggested(let a, let b): "#\(a) and #\(b) are not suggested as duplicates of each other"
        case .noGroup(let item): "#\(item) has no suggested duplicates"
        }
    }
}

extension Store {
    /// Accepts suggestions: `duplicates` are merged into `canonical` by the one merge path, with
    /// its claims, versions, audit and undo; the records say the merge came from a suggestion.
    @discardableResult
    public func acceptDuplicates(_ duplicates: [Int64], into canonical: Int64, by identity: Identity,
                                 expectedVersions: [Int64: Int], at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try merge(duplicates, into: canonical, by: identity, reason: Self.acceptedSuggestionReason,
                  expectedVersions: expectedVersions, at: millis)
    }

    public static let acceptedSuggestionReason = "accepted near-duplicate suggestion"

    /// Rejects suggestions: each of `items` is "not a duplicate" of each of `others`. The pairs are
    /// remembered (never suggested again, also after `dupes rebuild`), each is one audit record of
    /// one action, and the groups they were in are re-derived without them. Returns how many pairs
    /// were newly rejected.
    @discardableResult
    public func rejectDuplicates(_ items: [Int64], of others: [Int64], by identity: Identity, reason: String? = nil,
                                 at millis: Int64 = Clock.nowMillis()) throws -> Int {
        var pairs = Set<[Int64]>()
        for a in items { for b in others where a != b { pairs.insert([min(a, b), max(a, b)]) } }
        guard !pairs.isEmpty else { return 0 }
        return try writing { db in
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM items WHERE id = ?")
            for item in Set(items + others) where try Int.fetchOne(exists, arguments: [item]) == nil {
                throw MergeError.noSuchItem(item)
            }
            let action = AuditAction()
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO dupe_rejections(a, b, reviewer, rejected_ms) VALUES (?, ?, ?, ?)
                """)
            let delete = try db.cachedStatement(sql: "DELETE FROM dupe_pairs WHERE a = ? AND b = ?")
            var rejected = 0
            for pair in pairs.sorted(by: { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }) {
                try insert.execute(arguments: [pair[0], pair[1], identity.reviewer, millis])
                guard db.changesCount > 0 else { continue }
                rejected += 1
                try delete.execute(arguments: [pair[0], pair[1]])
                try AuditLog.append(AuditEntry(action: "dupe_reject", itemID: pair[0], newValue: "not a duplicate of #\(pair[1])",
                                               reason: reason), by: identity, at: millis, action: action, db: db)
            }
            // The groups the pairs were in may fall apart: re-derive them from the pairs left.
            let groups = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT group_id FROM dupe_sketches WHERE group_id IS NOT NULL AND item_id IN (\(Set(items + others).map(String.init).joined(separator: ",")))
                """)
            for group in groups {
                let members = try Int64.fetchAll(db, sql: "SELECT item_id FROM dupe_sketches WHERE group_id = ?", arguments: [group])
                try DuplicateIndex.regroup(members, db: db)
            }
            return rejected
        }
    }

    /// Whether a reviewer said the two are not duplicates.
    public func isRejectedDuplicatePair(_ a: Int64, _ b: Int64) throws -> Bool {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT 1 FROM dupe_rejections WHERE a = ? AND b = ?", arguments: [min(a, b), max(a, b)]) != nil
        }
    }
}
