import Foundation
import GRDB
import WinnowCore

/// Dedupe by hand: duplicates point at a canonical item (clusters are flat: a member's canonical
/// is never itself a member), leave the open queue, and the canonical's labels stand for the
/// cluster. Nothing is deleted: a merge only sets the `canonical` field, as judgments.
public enum MergeError: Error, CustomStringConvertible, Equatable {
    case noSuchItem(Int64)
    case nothingToMerge

    public var description: String {
        switch self {
        case .noSuchItem(let item): "there is no item #\(item)"
        case .nothingToMerge: "nothing to merge: mark the duplicates, then merge them into the canonical item"
        }
    }
}

extension Store {
    /// Merges `duplicates` into the root of `canonical` (its own canonical when it is a duplicate).
    /// A duplicate that is itself a canonical brings its members along. The root is claimed with the
    /// duplicates. Action "merge".
    /// `expectedVersions`: the versions the caller acted on, for `canonical` and every duplicate.
    @discardableResult
    public func merge(_ duplicates: [Int64], into canonical: Int64, by identity: Identity, reason: String? = nil,
                      expectedVersions: [Int64: Int], at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try change("merge", by: identity, expectedVersions: expectedVersions, reason: reason, at: millis) { writer in
            let db = writer.db
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM items WHERE id = ?", arguments: [canonical]) != nil else {
                throw MergeError.noSuchItem(canonical)
            }
            let root = try writer.current(.canonical, of: canonical).flatMap { Int64($0) } ?? canonical
            var seen = Set([canonical, root])
            let list = duplicates.filter { seen.insert($0).inserted }
            guard !list.isEmpty else { throw MergeError.nothingToMerge }
            // The side merged into is checked too: if it joined or left a cluster meanwhile, the
            // reviewer's choice of root is stale. Its root (when another) follows from its canonical.
            try writer.requireSeen(canonical)
            // The root's cluster grows: it must not be held by someone else either.
            try writer.ensureWritable(root)
            let target = String(root)
            for duplicate in list {
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM items WHERE id = ?", arguments: [duplicate]) != nil else {
                    throw MergeError.noSuchItem(duplicate)
                }
                try writer.set(.canonical, of: duplicate, to: target)
                for member in try Int64.fetchAll(db, sql: "SELECT id FROM items WHERE canonical_id = ? ORDER BY id",
                                                 arguments: [duplicate]) {
                    try writer.moveAlong(member, of: duplicate)
                    try writer.set(.canonical, of: member, to: target)
                }
            }
            // Merging is work on the canonical too: it is claimed like the duplicates.
            try writer.claim(root)
        }
    }

    /// Unmerges items: a member leaves its cluster; a canonical in the list dissolves its whole
    /// cluster. Each item's open state comes back from its status. Action "unmerge".
    /// `expectedVersions`: the versions the caller acted on, for every item in `items`.
    @discardableResult
    public func unmerge(_ items: [Int64], by identity: Identity, reason: String? = nil, expectedVersions: [Int64: Int],
                        at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        guard !items.isEmpty else { throw MergeError.nothingToMerge }
        return try change("unmerge", by: identity, expectedVersions: expectedVersions, reason: reason, at: millis) { writer in
            let db = writer.db
            for item in items {
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM items WHERE id = ?", arguments: [item]) != nil else {
                    throw MergeError.noSuchItem(item)
                }
                let members = try Int64.fetchAll(db, sql: "SELECT id FROM items WHERE canonical_id = ? ORDER BY id", arguments: [item])
                if members.isEmpty {
                    try writer.set(.canonical, of: item, to: nil)
                } else {
                    try writer.ensureWritable(item)
                    for member in members {
                        try writer.moveAlong(member, of: item)
                        try writer.set(.canonical, of: member, to: nil)
                    }
                }
            }
        }
    }
}
