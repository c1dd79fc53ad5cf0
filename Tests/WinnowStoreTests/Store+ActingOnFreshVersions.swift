import Foundation
@testable import WinnowStore

/// Most store tests act as a reviewer who has just looked at the items: these read the items'
/// versions, then act through the checked write path with them. Tests about conflicts pass
/// `expectedVersions` themselves.
extension Store {
    @discardableResult
    func applyLabel(_ field: LabelField, value: String, to itemIDs: [Int64], by identity: Identity, reason: String? = nil,
                    at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try applyLabel(field, value: value, to: itemIDs, by: identity, reason: reason, expectedVersions: versions(of: itemIDs), at: millis)
    }

    @discardableResult
    func merge(_ duplicates: [Int64], into canonical: Int64, by identity: Identity, reason: String? = nil,
               at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try merge(duplicates, into: canonical, by: identity, reason: reason, expectedVersions: versions(of: duplicates + [canonical]),
                  at: millis)
    }

    @discardableResult
    func unmerge(_ items: [Int64], by identity: Identity, reason: String? = nil, at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try unmerge(items, by: identity, reason: reason, expectedVersions: versions(of: items), at: millis)
    }

    @discardableResult
    func setCorrection(_ text: String, on item: Int64, by identity: Identity, reason: String? = nil,
                       at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try setCorrection(text, on: item, by: identity, reason: reason, expectedVersions: versions(of: [item]), at: millis)
    }

    @discardableResult
    func acceptArrivedCorrection(on item: Int64, by identity: Identity, reason: String? = nil,
                                 at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try acceptArrivedCorrection(on: item, by: identity, reason: reason, expectedVersions: versions(of: [item]), at: millis)
    }

    @discardableResult
    func rejectArrivedCorrection(on item: Int64, by identity: Identity, reason: String? = nil,
                                 at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        try rejectArrivedCorrection(on: item, by: identity, reason: reason, expectedVersions: versions(of: [item]), at: millis)
    }
}
