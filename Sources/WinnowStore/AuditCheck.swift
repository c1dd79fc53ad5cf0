import Foundation
import GRDB

/// Everything `winnow audit verify` (and `winnow backup`, on its copy) checks, in one read of one
/// snapshot: the hash chain from genesis to the head, an anchor kept outside the workspace if one
/// is given, and whether the items' state is what replaying the log gives.
public struct AuditCheck: Sendable, Equatable {
    public var chain: AuditLog.Verification
    /// The log's head when it was checked.
    public var head: AuditAnchor
    public var anchor: AuditAnchor?
    /// What the log says about `anchor`; nil without one.
    public var anchorFinding: AnchorFinding?
    public var state: StateCheck

    public var passes: Bool { chain.firstBroken == nil && !(anchorFinding?.isProblem ?? false) && state.matches }
}

extension AuditLog {
    /// Checks the store's log and state. Reads only.
    public static func check(_ store: Store, anchor: AuditAnchor? = nil) throws -> AuditCheck {
        try store.pool.read { db in try check(db, anchor: anchor) }
    }

    static func check(_ db: Database, anchor: AuditAnchor?) throws -> AuditCheck {
        let chain = try AuditVerifier.verify(db)
        let head = try head(db)
        let finding = try anchor.map { try check($0, db: db) }
        let state = try StateReplay.check(db)
        return AuditCheck(chain: chain, head: head, anchor: anchor, anchorFinding: finding, state: state)
    }
}

extension AuditLog {
    /// Only the state check: whether every item's state is what replaying the log gives. Reads only.
    public static func replayState(_ store: Store) throws -> StateCheck {
        try store.pool.read { db in try StateReplay.check(db) }
    }
}
