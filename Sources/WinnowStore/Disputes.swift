import Foundation
import GRDB
import WinnowConfig
import WinnowCore

/// A dispute an action opened: on which item and field, over whose accepted value, carrying which
/// value (for the message: "opened a dispute instead of overwriting alice's severity").
public struct OpenedDispute: Equatable, Sendable {
    public var id: Int64
    public var itemID: Int64
    public var field: JudgedField
    /// Who set the accepted value the dispute is about; nil for a round's dispute.
    public var disputedReviewer: String?
    /// The accepted value when it opened (nil for a rubric dimension or an unset label).
    public var acceptedValue: String?
    /// The value the disputer proposes, if any.
    public var proposedValue: String?

    public init(id: Int64, itemID: Int64, field: JudgedField, disputedReviewer: String?, acceptedValue: String?,
                proposedValue: String?) {
        self.id = id
        self.itemID = itemID
        self.field = field
        self.disputedReviewer = disputedReviewer
        self.acceptedValue = acceptedValue
        self.proposedValue = proposedValue
    }
}

/// Why a dispute action was refused; nothing was written.
public enum DisputeError: Error, CustomStringConvertible, Equatable {
    case noSuchDispute(Int64)
    case reasonRequired
    case rationaleRequired
    case notDisputable(LabelField)
    case nothingToDispute(item: Int64, field: LabelField)
    case ownValue(item: Int64, field: LabelField)
    case alreadyOpen(dispute: Int64, item: Int64, field: JudgedField)
    case decidedBefore(dispute: Int64, item: Int64, field: LabelField)
    case proposalIsAccepted(item: Int64, field: LabelField, value: String)
    case notAdjudicator(reviewer: String)
    case disputant(reviewer: String, dispute: Int64)
    case notLead(reviewer: String)
    case notOpen(Int64)
    case notDecided(Int64)
    case invalidScore(field: String, value: String, allowed: [String])

    public var description: String {
        switch self {
        case .noSuchDispute(let id): "there is no dispute #\(id)"
        case .reasonRequired: "a dispute needs a reason: say what is wrong with the value"
        case .rationaleRequired: "a decision needs a rationale: say why this value"
        case .notDisputable(let field): "\(field.rawValue) is a free-text annotation, not a judgment: add a note of your own instead"
        case .nothingToDispute(let item, let field): "#\(item) has no \(field.rawValue) set by a reviewer, so there is nothing to dispute"
        case .ownValue(let item, let field):
            "the \(field.rawValue) of #\(item) is your own label: change it instead of disputing it"
        case .alreadyOpen(let dispute, let item, let field):
            "dispute #\(dispute) on the \(field.name) of #\(item) is already open; an adjudicator decides it"
        case .decidedBefore(let dispute, let item, let field):
            "the \(field.rawValue) of #\(item) was decided in dispute #\(dispute); a lead can reopen that dispute (winnow dispute reopen \(dispute))"
        case .proposalIsAccepted(let item, let field, let value):
            "\(value) is already the \(field.rawValue) of #\(item): propose a different value, or none"
        case .notAdjudicator(let reviewer):
            "only an adjudicator decides disputes, and \(reviewer) is not an adjudicator on this workspace's roster"
        case .disputant(let reviewer, let dispute):
            "\(reviewer) is a party to dispute #\(dispute) (raised it or judged the field): another adjudicator must decide it"
        case .notLead(let reviewer):
            "only a lead reopens a decided dispute, and \(reviewer) is not a lead on this workspace's roster"
        case .notOpen(let id): "dispute #\(id) is already decided; a lead can reopen it"
        case .notDecided(let id): "dispute #\(id) is open: there is no decision to reopen"
        case .invalidScore(let field, let value, let allowed):
            "\(field) `\(value)` is not one of: \(allowed.joined(separator: ", "))"
        }
    }
}

extension Store {
    /// The audit actions of disputes. Their records name the field; their old and new values are
    /// the field's accepted value before and after, so opening or reopening a dispute, which
    /// changes no value, records the same value twice and replays as no change.
    public static let disputeActions = ["dispute_open", "dispute_decide", "dispute_reopen"]

    /// The labels a changed label opens a dispute for under `[review] dispute_on_overwrite`:
    /// judgments of the item. Status is workflow (resolving another's triaged item is the job)
    /// and a note is an annotation, so they overwrite as before.
    static let labelsDisputedOnOverwrite: Set<LabelField> = [.severity, .locus, .reasons, .owner, .trainable]

    /// A reviewer disputes an item's accepted label, with a reason and optionally the value they
    /// propose (kept as a judgment in state `disputed`). One transaction and one audited action
    /// (`dispute_open`), checked against the version the reviewer saw. Refused when the label is
    /// unset or has no reviewer's judgment behind it, when it is the disputer's own (they change it
    /// instead), when a dispute on that field of the item is open, and when the value came from a
    /// decided dispute (a lead reopens that one). A dispute changes no value and takes no claim.
    @discardableResult
    public func raiseDispute(_ field: LabelField, on item: Int64, reason: String, proposedValue: String? = nil,
                             by identity: Identity, expectedVersion: Int, at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw DisputeError.reasonRequired }
        guard field != .note else { throw DisputeError.notDisputable(field) }
        let proposal = try proposedValue.map { try canonicalValue(field, $0) }
        return try writing { db in
            guard try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM items WHERE id = ?"), arguments: [item]) != nil else {
                throw ClaimError.noSuchItem(item)
            }
            try ChangeWriter.checkVersions([item: expectedVersion], db: db)
            let writer = ChangeWriter(store: self, db: db, identity: identity, action: "dispute_open", reason: why, at: millis,
                                      expectedVersions: [item: expectedVersion])
            let opened = try openTriageDispute(field, on: item, reason: why, proposedValue: proposal, writer: writer)
            var changeSet = try writer.finish()
            changeSet.disputesOpened = [opened]
            return changeSet
        }
    }

    /// `[review] dispute_on_overwrite`: a label `value` that would overwrite another reviewer's
    /// accepted label opens a dispute carrying it instead, in the writer's action. Nil when the
    /// label is to be written as usual (the setting is off, nothing is overwritten, the label is
    /// the reviewer's own or has nobody's judgment behind it, or the field is not a judgment).
    func disputeInsteadOfOverwriting(_ field: LabelField, of item: Int64, with value: String,
                                     writer: ChangeWriter) throws -> OpenedDispute? {
        guard config.disputeOnOverwrite, Self.labelsDisputedOnOverwrite.contains(field),
              let current = try writer.current(ItemField(rawValue: field.rawValue)!, of: item), current != value,
              let setter = try Self.lastChanger(field.rawValue, item: item, db: writer.db), setter != writer.identity.reviewer
        else { return nil }
        try writer.requireSeen(item)
        try writer.target(item)
        let why = writer.reason.map { "\($0) (instead of overwriting \(setter)'s value)" }
            ?? "\(writer.identity.reviewer) would change it; opened instead of overwriting \(setter)'s value"
        return try openTriageDispute(field, on: item, reason: why, proposedValue: value, writer: writer)
    }

    /// Opens a dispute on an item's accepted label in the writer's transaction (see `raiseDispute`).
    private func openTriageDispute(_ field: LabelField, on item: Int64, reason: String, proposedValue: String?,
                                   writer: ChangeWriter) throws -> OpenedDispute {
        let db = writer.db
        let judged = JudgedField.label(field)
        if let open = try Self.openDispute(on: item, field: judged, db: db) {
            throw DisputeError.alreadyOpen(dispute: open, item: item, field: judged)
        }
        let current = try writer.current(ItemField(rawValue: field.rawValue)!, of: item)
        guard current != nil, let accepted = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, reviewer, dispute_id FROM judgments WHERE item_id = ? AND field = ? AND state = 'accepted' ORDER BY id DESC LIMIT 1
            """), arguments: [item, field.rawValue]) else {
            throw DisputeError.nothingToDispute(item: item, field: field)
        }
        let setter: String = accepted["reviewer"]
        guard setter != writer.identity.reviewer else { throw DisputeError.ownValue(item: item, field: field) }
        if let decided: Int64 = accepted["dispute_id"] {
            throw DisputeError.decidedBefore(dispute: decided, item: item, field: field)
        }
        if let proposedValue, proposedValue == current {
            throw DisputeError.proposalIsAccepted(item: item, field: field, value: LabelWording.plain.text(field, proposedValue))
        }
        try db.cachedStatement(sql: """
            INSERT INTO disputes(item_id, field, round_id, state, opened_by, opened_ms, reason) VALUES (?, ?, NULL, 'open', ?, ?, ?)
            """).execute(arguments: [item, judged.stored, writer.identity.reviewer, writer.millis, reason])
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: "UPDATE judgments SET dispute_id = ? WHERE id = ?").execute(arguments: [id, accepted["id"] as Int64])
        if let proposedValue {
            try db.cachedStatement(sql: """
                INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, note, dispute_id)
                VALUES (?, ?, ?, ?, ?, ?, 'disputed', ?, ?)
                """).execute(arguments: [item, judged.stored, proposedValue, writer.identity.reviewer, writer.identity.osUser, writer.millis,
                                 reason, id])
        }
        let proposes = proposedValue.map { "; proposes \(LabelWording.plain.text(field, $0))" } ?? ""
        try writer.append(AuditEntry(action: "dispute_open", itemID: item, field: judged.stored, oldValue: current, newValue: current,
                                     reason: "dispute #\(id) over \(setter)'s value: \(reason)\(proposes)"))
        return OpenedDispute(id: id, itemID: item, field: judged, disputedReviewer: setter, acceptedValue: current,
                             proposedValue: proposedValue)
    }

    /// The open dispute on a field of an item, if any.
    static func openDispute(on item: Int64, field: JudgedField, db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM disputes WHERE item_id = ? AND field = ? AND state = 'open' LIMIT 1"),
                           arguments: [item, field.stored])
    }

    /// A judgment that decided a dispute (current or withdrawn), as opposed to one of the competing
    /// ones: written by an adjudicator outside any round, with a rationale. Round judgments carry
    /// their round; a triage label carries no rationale.
    static let isDecision = "(judgments.round_id IS NULL AND judgments.rationale IS NOT NULL)"

    /// Who is a party to a dispute: whoever raised it, and every reviewer whose judgment competes in it.
    static func disputants(of dispute: Int64, db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT reviewer FROM judgments WHERE dispute_id = ? AND NOT \(isDecision)
            UNION SELECT opened_by FROM disputes WHERE id = ?
            """, arguments: [dispute, dispute]))
    }
}
