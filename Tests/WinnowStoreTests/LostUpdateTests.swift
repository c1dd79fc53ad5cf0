import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// No lost update: every item an action touches is checked against the version its reviewer acted
/// on, wherever the item is, and a refused action writes nothing.
final class LostUpdateTests: XCTestCase {
    /// Claims are not what is tested here: each colleague acts after the other's lease ran out.
    let later = 11 * minute

    func testABulkLabelIsRefusedWhenAMarkedItemFarFromAnyWindowChangedMeanwhile() throws {
        let ws = try workspace(60)
        let marked = Array(Int64(1)...60)
        let seen = try ws.store.versions(of: marked)
        XCTAssertEqual(seen.count, 60, "the marks' versions come back in one call")
        try ws.store.applyLabel(.severity, value: "S2", to: [57], by: bo, at: t0)
        let audits = try auditCount(ws)

        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S4", to: marked, by: alice, expectedVersions: seen,
                                                     at: t0 + later)) { error in
            guard case .changedMeanwhile(57, "bo", ["severity"], _)? = error as? ConcurrencyError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual("\(error)", "#57 was changed by bo meanwhile (severity none → S2); the fresh state is shown — repeat the action to apply it")
        }
        XCTAssertEqual(try auditCount(ws), audits, "nothing written")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE severity = 'S4'"), 0)
        XCTAssertEqual(try ws.count("SELECT severity = 'S2' FROM items WHERE id = 57"), 1, "bo's label stands")
    }

    func testAnActionWithoutTheVersionOfAnItemItChangesIsRefused() throws {
        let ws = try workspace(3)
        let audits = try auditCount(ws)
        let partial = try ws.store.versions(of: [1])
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S1", to: [1, 2], by: alice, expectedVersions: partial, at: t0)) {
            XCTAssertEqual($0 as? ConcurrencyError, .versionNotSeen(item: 2))
        }
        XCTAssertThrowsError(try ws.store.setCorrection("A corrected answer.", on: 3, by: alice, expectedVersions: [:], at: t0)) {
            XCTAssertEqual($0 as? ConcurrencyError, .versionNotSeen(item: 3))
        }
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE severity IS NOT NULL OR correction IS NOT NULL"), 0,
                       "one transaction: item 1 is not written either")
        XCTAssertEqual(try auditCount(ws), audits)
    }

    func testAMergeIsRefusedWhenTheCanonicalChangedMeanwhile() throws {
        let ws = try workspace(3)
        let seen = try ws.store.versions(of: [1, 2, 3])
        try ws.store.applyLabel(.status, value: "resolved", to: [1], by: bo, at: t0)
        let audits = try auditCount(ws)
        XCTAssertThrowsError(try ws.store.merge([2, 3], into: 1, by: alice, expectedVersions: seen, at: t0 + later)) { error in
            guard case .changedMeanwhile(1, "bo", _, _)? = error as? ConcurrencyError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try auditCount(ws), audits)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE canonical_id IS NOT NULL"), 0)
        XCTAssertThrowsError(try ws.store.merge([2], into: 1, by: alice, expectedVersions: [2: seen[2]!], at: t0 + later)) {
            XCTAssertEqual($0 as? ConcurrencyError, .versionNotSeen(item: 1), "the side merged into is checked too")
        }
    }

    func testAMergeIsRefusedWhenTheDuplicatesClusterChangedMeanwhile() throws {
        let ws = try workspace(4)
        try ws.store.merge([3], into: 2, by: bo, at: t0)
        let seen = try ws.store.versions(of: [1, 2])
        // bo adds #4 to #2's cluster: #2's version moves with its membership.
        try ws.store.merge([4], into: 2, by: bo, at: t0 + 1)
        let audits = try auditCount(ws)
        XCTAssertThrowsError(try ws.store.merge([2], into: 1, by: alice, expectedVersions: seen, at: t0 + later)) { error in
            XCTAssertEqual("\(error)", "#2 was changed by bo meanwhile (#4 canonical none → 2); the fresh state is shown — repeat the action to apply it")
        }
        XCTAssertEqual(try auditCount(ws), audits)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE canonical_id = 2"), 2, "the cluster is as bo left it")

        // Acting on what is there now, the members the merge moves along are covered by #2's version.
        let merged = try ws.store.merge([2], into: 1, by: alice, expectedVersions: try ws.store.versions(of: [1, 2]), at: t0 + later)
        XCTAssertEqual(Set(merged.changes.map(\.itemID)), [2, 3, 4])
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 1"), 4)
        XCTAssertEqual(merged.versionsAfter[1], seen[1]! + 1, "the canonical's membership changed: a new version")
    }

    func testUnmergingAClusterIsRefusedWhenAMemberLeftMeanwhile() throws {
        let ws = try workspace(3)
        try ws.store.merge([2, 3], into: 1, by: bo, at: t0)
        let seen = try ws.store.versions(of: [1])
        try ws.store.unmerge([3], by: bo, at: t0 + 1)
        XCTAssertThrowsError(try ws.store.unmerge([1], by: alice, expectedVersions: seen, at: t0 + later)) { error in
            guard case .changedMeanwhile(1, "bo", ["canonical"], _)? = error as? ConcurrencyError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try ws.count("SELECT canonical_id FROM items WHERE id = 2"), 1, "#2 stays in the cluster")
    }

    func testAnUndoAfterAColleagueChangedTheItemIsRefusedNamingWho() throws {
        let ws = try workspace(2)
        let mine = try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        // bo changes another field of the item: the undo touches only severity, yet it acted on a
        // state bo has since moved on from.
        try ws.store.applyLabel(.owner, value: "search-team", to: [1], by: bo, at: t0 + later)
        let audits = try auditCount(ws)
        XCTAssertThrowsError(try ws.store.undo(mine, by: alice, at: t0 + later + 1)) { error in
            XCTAssertEqual(error as? UndoError, .changedSince(item: 1, field: "owner", by: "bo"))
            XCTAssertEqual("\(error)", "cannot undo: owner of #1 was changed since by bo; nothing was changed")
        }
        XCTAssertEqual(try auditCount(ws), audits)
        XCTAssertEqual(try ws.count("SELECT severity = 'S3' FROM items WHERE id = 1"), 1)
    }

    func testAnUndoIsRefusedEvenWhenAColleagueSetTheSameValueBack() throws {
        let ws = try workspace(1)
        let mine = try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        try ws.store.applyLabel(.severity, value: "S1", to: [1], by: bo, at: t0 + later)
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: bo, at: t0 + later + 1)
        XCTAssertThrowsError(try ws.store.undo(mine, by: alice, at: t0 + 2 * later)) {
            XCTAssertEqual($0 as? UndoError, .changedSince(item: 1, field: "severity", by: "bo"))
        }
    }

    func testARedoIsRefusedAfterAColleagueChangedTheUndoneItem() throws {
        let ws = try workspace(1)
        let mine = try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let undone = try ws.store.undo(mine, by: alice, at: t0 + 1)
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: bo, at: t0 + later)
        XCTAssertThrowsError(try ws.store.redo(undone, by: alice, at: t0 + later + 1)) {
            XCTAssertEqual($0 as? UndoError, .changedSince(item: 1, field: "severity", by: "bo"))
        }
        XCTAssertEqual(try ws.count("SELECT severity = 'S2' FROM items WHERE id = 1"), 1)
    }

    func testOwnUndosCarryTheExpectationsOfTheActionsBeneath() throws {
        let ws = try workspace(1)
        let first = try ws.store.applyLabel(.severity, value: "S3", to: [1], by: alice, at: t0)
        let second = try ws.store.applyLabel(.severity, value: "S1", to: [1], by: alice, at: t0 + 1)
        let undoneSecond = try ws.store.undo(second, by: alice, at: t0 + 2)
        // Undoing the first as it was recorded would see its own later actions as someone else's.
        XCTAssertThrowsError(try ws.store.undo(first, by: alice, at: t0 + 3))
        let carried = first.expecting(stateRestoredBy: undoneSecond, reversing: second)
        XCTAssertEqual(carried.versionsAfter, undoneSecond.versionsAfter)
        let undoneFirst = try ws.store.undo(carried, by: alice, at: t0 + 4)
        XCTAssertEqual(try ws.count("SELECT severity IS NULL FROM items WHERE id = 1"), 1)
        // And back: redoing the first, then the second, as the redo stack holds them.
        let redoneFirst = try ws.store.redo(undoneFirst, by: alice, at: t0 + 5)
        let secondRedo = undoneSecond.expecting(stateRestoredBy: redoneFirst, reversing: undoneFirst)
        try ws.store.redo(secondRedo, by: alice, at: t0 + 6)
        XCTAssertEqual(try ws.count("SELECT severity = 'S1' FROM items WHERE id = 1"), 1)
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }
}
