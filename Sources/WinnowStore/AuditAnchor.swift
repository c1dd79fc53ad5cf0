import Foundation
import GRDB

/// A record of the audit log named outside the workspace, written `SEQ:HASH`: a lead keeps the
/// head printed at the end of a shift, and `audit verify --head` later proves that the log still
/// holds that record unchanged and extends it. The chain alone cannot show a log cut back or
/// rewritten (hashes recomputed) by someone with the file; a kept anchor can.
public struct AuditAnchor: Equatable, Sendable, CustomStringConvertible {
    public var seq: Int64
    /// 64 lowercase hex digits.
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// The head of an empty log.
    public static let genesis = AuditAnchor(seq: 0, hash: AuditLog.genesis)

    public var description: String { "\(seq):\(hash)" }

    /// Parses `SEQ:HASH` (hex digits in either case), naming what is wrong.
    public init(parsing text: String) throws {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw AnchorError.malformed(text, "expected SEQ:HASH, one colon") }
        guard let seq = Int64(parts[0]), seq >= 0 else {
            throw AnchorError.malformed(text, "the sequence number `\(parts[0])` is not a whole number ≥ 0")
        }
        let hash = parts[1].lowercased()
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw AnchorError.malformed(text, "the hash must be 64 hex digits (SHA-256), it has \(parts[1].count) characters")
        }
        self.init(seq: seq, hash: hash)
    }
}

public enum AnchorError: Error, CustomStringConvertible, Equatable {
    case malformed(String, String)

    public var description: String {
        switch self {
        case .malformed(let text, let why): "malformed anchor `\(text)`: \(why) (as `winnow audit head` prints it)"
        }
    }
}

/// What the log says about an anchor.
public enum AnchorFinding: Equatable, Sendable, CustomStringConvertible {
    /// The log holds the anchor's record with the anchor's hash.
    case holds
    /// The log has no record with the anchor's sequence number; `logEnd` is its last one (0: empty).
    case missing(seq: Int64, logEnd: Int64)
    /// The record is there with another hash: it, or one before it, was rewritten.
    case differs(seq: Int64, stored: String)

    public var isProblem: Bool { self != .holds }

    public var description: String {
        switch self {
        case .holds: "holds"
        case .missing(let seq, let end) where end < seq:
            "missing record #\(seq): the log ends at #\(end), so it was cut back after the anchor was taken"
        case .missing(let seq, _): "missing record #\(seq): it was deleted after the anchor was taken"
        case .differs(let seq, let stored):
            "record #\(seq)'s hash differs from the anchor (the log now has \(stored)): "
                + "it or a record before it was rewritten after the anchor was taken"
        }
    }
}

extension AuditLog {
    /// The last record's sequence number and hash (`AuditAnchor.genesis` for an empty log).
    public static func head(_ store: Store) throws -> AuditAnchor {
        try store.pool.read { db in try head(db) }
    }

    static func head(_ db: Database) throws -> AuditAnchor {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1") else { return .genesis }
        return AuditAnchor(seq: row["seq"], hash: row["hash"] ?? "")
    }

    /// Whether the log holds the anchor's record unchanged. With the chain verified from genesis
    /// to the head, that proves every record up to the anchor is the one the anchor was taken on.
    static func check(_ anchor: AuditAnchor, db: Database) throws -> AnchorFinding {
        if anchor.seq == 0 {
            return anchor.hash == genesis ? .holds : .differs(seq: 0, stored: genesis)
        }
        guard let stored = try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = ?", arguments: [anchor.seq]) else {
            return .missing(seq: anchor.seq, logEnd: try head(db).seq)
        }
        return stored == anchor.hash ? .holds : .differs(seq: anchor.seq, stored: stored)
    }
}
