import Foundation
import GRDB
import WinnowCore

/// A user whose feedback never feeds training (an adversarial user), and who said so.
public struct BlockedUser: Sendable, Equatable {
    public var userID: String
    public var reason: String?
    public var addedBy: String
    public var addedMillis: Int64
}

public enum BlockedUserError: Error, CustomStringConvertible, Equatable {
    case alreadyBlocked(String)
    case notBlocked(String)
    case emptyID
    case notALead(String)

    public var description: String {
        switch self {
        case .alreadyBlocked(let id): "user \(id) is already blocked; nothing was changed"
        case .notBlocked(let id): "user \(id) is not blocked; nothing was changed"
        case .emptyID: "a user id is needed"
        case .notALead(let reviewer): "only a lead blocks or unblocks users, and \(reviewer) is not a lead on this workspace's roster"
        }
    }
}

extension Store {
    /// Blocks a user from training exports: one transaction, one audit record (`user_block`). On a
    /// workspace with a roster only a lead may.
    public func blockUser(_ userID: String, reason: String?, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws {
        try changeBlockedUser(userID, block: true, reason: reason, by: identity, at: millis)
    }

    /// Lifts a block: one transaction, one audit record (`user_unblock`).
    public func unblockUser(_ userID: String, reason: String?, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws {
        try changeBlockedUser(userID, block: false, reason: reason, by: identity, at: millis)
    }

    private func changeBlockedUser(_ userID: String, block: Bool, reason: String?, by identity: Identity, at millis: Int64) throws {
        let id = userID.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { throw BlockedUserError.emptyID }
        if !config.isSingleUser, config.roles(of: identity.reviewer)?.contains(.lead) != true {
            throw BlockedUserError.notALead(identity.reviewer)
        }
        try writing { db in
            let present = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM blocked_users WHERE user_id = ?)", arguments: [id]) ?? false
            if block {
                guard !present else { throw BlockedUserError.alreadyBlocked(id) }
                try db.execute(sql: "INSERT INTO blocked_users(user_id, reason, added_by, added_ms) VALUES (?, ?, ?, ?)",
                               arguments: [id, reason, identity.reviewer, millis])
                try AuditLog.append(AuditEntry(action: "user_block", field: "blocked_user", newValue: id, reason: reason),
                                    by: identity, at: millis, db: db)
            } else {
                guard present else { throw BlockedUserError.notBlocked(id) }
                try db.execute(sql: "DELETE FROM blocked_users WHERE user_id = ?", arguments: [id])
                try AuditLog.append(AuditEntry(action: "user_unblock", field: "blocked_user", oldValue: id, reason: reason),
                                    by: identity, at: millis, db: db)
            }
        }
    }

    /// The blocked users of the workspace's table, by id (the file's are `blockedUsersFromFile`).
    public func blockedUsers() throws -> [BlockedUser] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT user_id, reason, added_by, added_ms FROM blocked_users ORDER BY user_id").map {
                BlockedUser(userID: $0["user_id"], reason: $0["reason"], addedBy: $0["added_by"], addedMillis: $0["added_ms"])
            }
        }
    }
}
