import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// Claims: a reviewer working an item holds it for a lease; others cannot change it until the
/// lease runs out, the holder releases it, or a lead takes it over. An expired lease counts as no
/// claim everywhere (no background job clears them).
public enum ClaimError: Error, CustomStringConvertible, Equatable {
    case heldBy(item: Int64, reviewer: String, untilMillis: Int64)
    case notLead(reviewer: String)
    case noSuchItem(Int64)

    public var description: String {
        switch self {
        case .heldBy(let item, let reviewer, let until):
            "#\(item) is claimed by \(reviewer) until \(Self.clockTime(until)); a lead can take it over with :takeover"
        case .notLead(let reviewer):
            "only a lead can take over another reviewer's claim, and \(reviewer) is not a lead on this workspace's roster"
        case .noSuchItem(let item): "there is no item #\(item)"
        }
    }

    /// Local wall-clock time, HH:mm.
    static func clockTime(_ millis: Int64) -> String {
        var seconds = time_t(millis / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%02d:%02d", Int(parts.tm_hour), Int(parts.tm_min))
    }
}

public enum ClaimOutcome: Equatable, Sendable {
    /// The item was unclaimed (or its lease had run out): it is now the reviewer's.
    case claimed
    /// The reviewer already held it: the lease starts again.
    case renewed
}

/// A lead took over one of the reviewer's claims: who, on which item, why.
public struct TakeoverNotice: Equatable, Sendable {
    public var seq: Int64
    public var itemID: Int64
    public var by: String
    public var reason: String?
    public var atMillis: Int64

    public init(seq: Int64, itemID: Int64, by: String, reason: String?, atMillis: Int64) {
        self.seq = seq
        self.itemID = itemID
        self.by = by
        self.reason = reason
        self.atMillis = atMillis
    }
}

extension Store {
    /// Claims an item for the reviewer for a lease, or renews their claim; refused while someone
    /// else holds it. A new claim is audited ("claim"); a renewal is not.
    @discardableResult
    public func claim(_ item: Int64, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> ClaimOutcome {
        try writing { db in
            try Self.refuseIfHeld(item, by: identity, now: millis, db: db)
            return try Self.claimOrRenew(item, by: identity, now: millis, lease: leaseMillis, db: db) { _ in }
        }
    }

    /// Releases the reviewer's own active claim; false when they held none on the item.
    @discardableResult
    public func releaseClaim(_ item: Int64, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> Bool {
        try writing { db in
            guard let holder = try Self.activeHolder(item, now: millis, db: db), holder.reviewer == identity.reviewer else { return false }
            try db.cachedStatement(sql: "UPDATE items SET claimed_by = NULL, claim_expires_ms = NULL WHERE id = ?").execute(arguments: [item])
            try AuditLog.append(AuditEntry(action: "release", itemID: item, field: "claim", oldValue: identity.reviewer, newValue: nil),
                                by: identity, at: millis, db: db)
            return true
        }
    }

    /// Lets go of the reviewer's claims on `items` that they did nothing with since `since`: no
    /// change of theirs to the item (a label, a correction, a merge into or out of it, an undo),
    /// and no draft of theirs on it. Claims held by someone else, or run out, are left alone. One
    /// transaction; each release is audited ("release", with `reason`), all as one action.
    /// Returns the items released, in order.
    @discardableResult
    public func releaseUnusedClaims(_ items: [Int64], by identity: Identity, since: Int64, reason: String? = nil,
                                    at millis: Int64 = Clock.nowMillis()) throws -> [Int64] {
        guard !items.isEmpty else { return [] }
        return try writing { db in
            let action = AuditAction()
            var released: [Int64] = []
            for item in Set(items).sorted() {
                guard let holder = try Self.activeHolder(item, now: millis, db: db), holder.reviewer == identity.reviewer,
                      try !Self.used(item, by: identity.reviewer, since: since, db: db) else { continue }
                try db.cachedStatement(sql: "UPDATE items SET claimed_by = NULL, claim_expires_ms = NULL WHERE id = ?").execute(arguments: [item])
                try AuditLog.append(AuditEntry(action: "release", itemID: item, field: "claim", oldValue: identity.reviewer, newValue: nil,
                                               reason: reason), by: identity, at: millis, action: action, db: db)
                released.append(item)
            }
            return released
        }
    }

    /// Whether the reviewer did something with the item since `since`: a change recorded in its
    /// history (claims aside), or a draft of a correction. Each alternative reads its own index.
    static func used(_ item: Int64, by reviewer: String, since: Int64, db: Database) throws -> Bool {
        try Bool.fetchOne(try db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM audit WHERE item_id = :item AND reviewer = :reviewer AND ts_ms >= :since
                                                 AND action NOT IN ('claim', 'release', 'takeover'))
                OR EXISTS (SELECT 1 FROM audit WHERE field = 'canonical' AND new_value = :canonical AND reviewer = :reviewer AND ts_ms >= :since)
                OR EXISTS (SELECT 1 FROM audit WHERE field = 'canonical' AND old_value = :canonical AND reviewer = :reviewer AND ts_ms >= :since)
                OR EXISTS (SELECT 1 FROM drafts WHERE reviewer = :reviewer AND item_id = :item)
            """), arguments: ["item": item, "reviewer": reviewer, "since": since, "canonical": String(item)]) ?? false
    }

    /// Takeovers of `reviewer`'s claims recorded after audit record `seq`, oldest first, and the
    /// log's last seq (the next call's `after`). A range of the log's primary key: cheap to ask
    /// about once a second.
    public func takeovers(from reviewer: String, after seq: Int64) throws -> (notices: [TakeoverNotice], lastSeq: Int64) {
        try pool.read { db in
            let notices = try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT seq, item_id, reviewer, reason, ts_ms FROM audit
                WHERE seq > ? AND action = 'takeover' AND old_value = ? AND item_id IS NOT NULL ORDER BY seq
                """), arguments: [seq, reviewer]).map {
                TakeoverNotice(seq: $0["seq"], itemID: $0["item_id"], by: $0["reviewer"], reason: $0["reason"], atMillis: $0["ts_ms"])
            }
            let last = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT max(seq) FROM audit")) ?? 0
            return (notices, max(seq, last))
        }
    }

    /// A lead takes an item over from whoever holds it (recorded with the reason). In single-user
    /// mode (no roster) there is nobody else, so anyone may.
    public func takeOver(_ item: Int64, by identity: Identity, reason: String? = nil, at millis: Int64 = Clock.nowMillis()) throws {
        guard config.isSingleUser || (config.roles(of: identity.reviewer) ?? []).contains(.lead) else {
            throw ClaimError.notLead(reviewer: identity.reviewer)
        }
        try writing { db in
            guard try Int.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM items WHERE id = ?"), arguments: [item]) != nil else {
                throw ClaimError.noSuchItem(item)
            }
            if let holder = try Self.activeHolder(item, now: millis, db: db), holder.reviewer != identity.reviewer {
                try db.execute(sql: "UPDATE items SET claimed_by = ?, claim_expires_ms = ? WHERE id = ?",
                               arguments: [identity.reviewer, millis + leaseMillis, item])
                try AuditLog.append(AuditEntry(action: "takeover", itemID: item, field: "claim", oldValue: holder.reviewer,
                                               newValue: identity.reviewer, reason: reason), by: identity, at: millis, db: db)
            } else {
                try Self.claimOrRenew(item, by: identity, now: millis, lease: leaseMillis, db: db) { _ in }
            }
        }
    }

    /// The reviewer holding an active claim on the item, if any.
    static func activeHolder(_ item: Int64, now: Int64, db: Database) throws -> (reviewer: String, until: Int64)? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT claimed_by, claim_expires_ms FROM items WHERE id = ?"), arguments: [item]),
              let who: String = row["claimed_by"], let until: Int64 = row["claim_expires_ms"], until > now else { return nil }
        return (who, until)
    }

    static func refuseIfHeld(_ item: Int64, by identity: Identity, now: Int64, db: Database) throws {
        if let holder = try activeHolder(item, now: now, db: db), holder.reviewer != identity.reviewer {
            throw ClaimError.heldBy(item: item, reviewer: holder.reviewer, untilMillis: holder.until)
        }
    }

    /// Claims or renews (the caller has checked that nobody else holds it). A new claim is audited,
    /// naming the holder it replaces: one whose lease ran out, or a fellow reviewer of a round item.
    @discardableResult
    static func claimOrRenew(_ item: Int64, by identity: Identity, now: Int64, lease: Int64, action: AuditAction? = nil,
                             db: Database, audited: (AuditRecord) -> Void) throws -> ClaimOutcome {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT claimed_by, claim_expires_ms FROM items WHERE id = ?"), arguments: [item]) else {
            throw ClaimError.noSuchItem(item)
        }
        let holder: String? = row["claimed_by"]
        let until: Int64? = row["claim_expires_ms"]
        try db.execute(sql: "UPDATE items SET claimed_by = ?, claim_expires_ms = ? WHERE id = ?",
                       arguments: [identity.reviewer, now + lease, item])
        if holder == identity.reviewer, let until, until > now { return .renewed }
        // An active claim passes on only between the reviewers of one round item (see `roundWriter`).
        let replaced = holder.map { until ?? 0 > now ? "from \($0), a fellow reviewer of the item in its round" : "expired lease of \($0)" }
        audited(try AuditLog.append(AuditEntry(action: "claim", itemID: item, field: "claim", oldValue: holder, newValue: identity.reviewer,
                                               reason: replaced), by: identity, at: now, action: action, db: db))
        return .claimed
    }
}
