import Foundation
import GRDB
import WinnowConfig
import WinnowCore

extension Store {
    /// An adjudicator decides an open dispute: `value` (one of the competing values, or any valid
    /// value of the field) and a written `rationale`. One transaction, one audited action
    /// (`dispute_decide`), checked against the version of the item the adjudicator saw, which it
    /// claims as triage does. The decision is a judgment of its own (accepted, with the dispute,
    /// the rationale and, for a rubric dimension, the rubric's version); a triage label goes
    /// through the one write path, so the item's value follows (a locus brings its reasons and
    /// default owner along, as in triage). Competing judgments whose value differs are marked
    /// `overruled_by` the decision, and kept.
    ///
    /// Refused for anyone but an adjudicator (in single-user mode anyone may), for a party to the
    /// dispute (whoever raised it or judged the field, in any mode), without a rationale, and for
    /// a value the field does not take.
    @discardableResult
    public func decideDispute(_ id: Int64, value: String, rationale: String, by identity: Identity, expectedVersion: Int,
                              at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        guard config.isSingleUser || (config.roles(of: identity.reviewer) ?? []).contains(.adjudicator) else {
            throw DisputeError.notAdjudicator(reviewer: identity.reviewer)
        }
        let why = rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw DisputeError.rationaleRequired }
        let item = try pool.read { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT item_id FROM disputes WHERE id = ?"), arguments: [id]) }
        guard let item else { throw DisputeError.noSuchDispute(id) }
        let reason = "dispute #\(id): \(why)"
        return try writing { db in
            let writer = ChangeWriter(store: self, db: db, identity: identity, action: "dispute_decide", reason: reason, at: millis,
                                      expectedVersions: [item: expectedVersion])
            try takeOverFromParty(item, dispute: id, by: identity, writer: writer)
            // As any change: someone else's claim first, then the version the adjudicator saw.
            try Self.refuseIfHeld(item, by: identity, now: millis, db: db)
            try ChangeWriter.checkVersions([item: expectedVersion], db: db)
            guard let dispute = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM disputes WHERE id = ?"), arguments: [id]) else {
                throw DisputeError.noSuchDispute(id)
            }
            guard dispute["state"] as String == "open" else { throw DisputeError.notOpen(id) }
            guard !(try Self.disputants(of: id, db: db)).contains(identity.reviewer) else {
                throw DisputeError.disputant(reviewer: identity.reviewer, dispute: id)
            }
            let stored: String = dispute["field"]
            let competing = try String.fetchAll(db, sql: """
                SELECT DISTINCT value FROM judgments WHERE dispute_id = ? AND NOT \(Self.isDecision) AND value IS NOT NULL
                """, arguments: [id])
            let decided: String
            let decision: Int64
            switch JudgedField(stored: stored) {
            case .label(let label)?:
                decided = try decidedLabel(label, value, item: item, db: db)
                let before = try writer.current(ItemField(rawValue: label.rawValue)!, of: item)
                if try writer.set(ItemField(rawValue: label.rawValue)!, of: item, to: decided, reason: reason) {
                    if label == .locus {
                        _ = try followLocus(from: before, to: decided, item: item, givesReasons: false, givesOwner: false, writer: writer)
                    }
                } else {
                    // The item keeps its value; the decision still becomes its accepted judgment.
                    try Self.recordJudgment(label.rawValue, value: decided, item: item, by: identity, at: millis, note: reason, db: db)
                    try writer.recordWithoutField(AuditEntry(action: "dispute_decide", itemID: item, field: stored, oldValue: before,
                                                             newValue: before, reason: reason), on: item)
                }
                decision = try Int64.fetchOne(db.cachedStatement(sql: """
                    SELECT max(id) FROM judgments WHERE item_id = ? AND field = ? AND state = 'accepted'
                    """), arguments: [item, stored])!
                try db.cachedStatement(sql: "UPDATE judgments SET dispute_id = ?, rationale = ? WHERE id = ?").execute(arguments: [id, why, decision])
            case .dimension(let name)?:
                let round = try Row.fetchOne(db.cachedStatement(sql: "SELECT rubric, rubric_version FROM rounds WHERE id = ?"),
                                             arguments: [dispute["round_id"] as Int64?])
                let dimension = (round?["rubric"] as String?).flatMap { config.rubric(named: $0) }?.dimension(named: name)
                let allowed = dimension?.scale.levels.map(\.value) ?? competing
                guard allowed.contains(value) || competing.contains(value) else {
                    throw DisputeError.invalidScore(field: name, value: value, allowed: allowed)
                }
                decided = value
                try db.cachedStatement(sql: """
                    INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, note, rubric_version, rationale, dispute_id)
                    VALUES (?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?)
                    """).execute(arguments: [item, stored, decided, identity.reviewer, identity.osUser, millis, reason,
                                     round?["rubric_version"] as String?, why, id])
                decision = db.lastInsertedRowID
                try writer.recordWithoutField(AuditEntry(action: "dispute_decide", itemID: item, field: stored, oldValue: nil,
                                                         newValue: decided, reason: reason), on: item)
            case nil:
                throw DisputeError.noSuchDispute(id)
            }
            try db.execute(sql: """
                UPDATE judgments SET overruled_by = ? WHERE dispute_id = ? AND id <> ? AND NOT \(Self.isDecision) AND value IS NOT ?
                """, arguments: [decision, id, decision, decided])
            try db.cachedStatement(sql: "UPDATE disputes SET state = 'decided', decision_id = ?, decided_by = ?, decided_ms = ? WHERE id = ?")
                           .execute(arguments: [decision, identity.reviewer, millis, id])
            return try writer.finish()
        }
    }

    /// A party to the dispute still holding the item (the reviewer whose label is disputed, who
    /// set it minutes ago, holds it for a lease) never keeps the adjudicator out: the decision takes
    /// the claim over, recorded as a takeover in the same action. Anyone else's claim still refuses
    /// the decision.
    private func takeOverFromParty(_ item: Int64, dispute id: Int64, by identity: Identity, writer: ChangeWriter) throws {
        let db = writer.db
        guard let holder = try Self.activeHolder(item, now: writer.millis, db: db), holder.reviewer != identity.reviewer,
              try Self.disputants(of: id, db: db).contains(holder.reviewer) else { return }
        try db.cachedStatement(sql: "UPDATE items SET claimed_by = ?, claim_expires_ms = ? WHERE id = ?")
                       .execute(arguments: [identity.reviewer, writer.millis + leaseMillis, item])
        writer.record(try AuditLog.append(AuditEntry(action: "takeover", itemID: item, field: "claim", oldValue: holder.reviewer,
                                                     newValue: identity.reviewer, reason: "deciding dispute #\(id)"),
                                          by: identity, at: writer.millis, action: writer.auditAction, db: db))
    }

    /// A label value as stored, valid for the field and, for reason codes, for the item's locus.
    private func decidedLabel(_ label: LabelField, _ value: String, item: Int64, db: Database) throws -> String {
        let stored = try canonicalValue(label, value)
        guard label == .reasons else { return stored }
        let locus = try String.fetchOne(db.cachedStatement(sql: "SELECT locus FROM items WHERE id = ?"), arguments: [item])
        guard let known = locus.flatMap({ config.taxonomy.locus(named: $0) }) else { throw LabelError.reasonsNeedLocus(item: item) }
        for code in Self.reasonCodes(stored) where !known.reasons.contains(code) {
            throw LabelError.invalidValue(field: .reasons, value: code, allowed: known.reasons)
        }
        return stored
    }

    /// A lead reopens a decided dispute, with a reason: one transaction, audited (`dispute_reopen`).
    /// The decision stays in history, marked `superseded`, and no longer overrules anything (the
    /// audit log keeps what it overruled); the dispute is open again for a new decision. The item
    /// keeps the value the decision gave it until the next decision: reopening changes no value.
    @discardableResult
    public func reopenDispute(_ id: Int64, reason: String, by identity: Identity, at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        guard config.isSingleUser || (config.roles(of: identity.reviewer) ?? []).contains(.lead) else {
            throw DisputeError.notLead(reviewer: identity.reviewer)
        }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw DisputeError.reasonRequired }
        return try writing { db in
            guard let dispute = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM disputes WHERE id = ?"), arguments: [id]) else {
                throw DisputeError.noSuchDispute(id)
            }
            guard dispute["state"] as String == "decided", let decision: Int64 = dispute["decision_id"] else {
                throw DisputeError.notDecided(id)
            }
            let item: Int64 = dispute["item_id"]
            let stored: String = dispute["field"]
            let decided = try Row.fetchOne(db.cachedStatement(sql: "SELECT value, reviewer FROM judgments WHERE id = ?"), arguments: [decision])
            try db.cachedStatement(sql: "UPDATE judgments SET overruled_by = NULL WHERE overruled_by = ?").execute(arguments: [decision])
            try db.cachedStatement(sql: "UPDATE judgments SET state = 'superseded' WHERE id = ? AND state = 'accepted'").execute(arguments: [decision])
            try db.cachedStatement(sql: "UPDATE disputes SET state = 'open', decision_id = NULL, decided_by = NULL, decided_ms = NULL WHERE id = ?")
                           .execute(arguments: [id])
            let writer = ChangeWriter(store: self, db: db, identity: identity, action: "dispute_reopen", reason: why, at: millis,
                                      expectedVersions: [:])
            let current = try JudgedField(stored: stored).flatMap { field -> String? in
                guard case .label(let label) = field else { return nil }
                return try writer.current(ItemField(rawValue: label.rawValue)!, of: item)
            }
            let withdrawn = decided.map { " (withdraws \($0["reviewer"] as String)'s decision \(($0["value"] as String?) ?? "none"))" } ?? ""
            try writer.append(AuditEntry(action: "dispute_reopen", itemID: item, field: stored, oldValue: current, newValue: current,
                                         reason: "dispute #\(id) reopened: \(why)\(withdrawn)"))
            return try writer.finish()
        }
    }
}
