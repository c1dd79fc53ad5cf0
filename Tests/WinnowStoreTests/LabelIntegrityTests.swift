import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Labels never change by accident: a locus change deals with the reasons and the owner it makes
/// wrong in the same action, and severities are named by code or name.
final class LabelIntegrityTests: XCTestCase {
    let t0: Int64 = 1_800_000_000_000

    func workspace(_ items: Int) throws -> TestWorkspace {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("i.jsonl", (1...items).map { eventLine("i\($0)") }.joined(separator: "\n")))
        return ws
    }

    func column(_ ws: TestWorkspace, _ name: String, of item: Int64) throws -> String? {
        try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT \(name) FROM items WHERE id = ?", arguments: [item]) }
    }

    func testALocusChangeClearsForeignReasonsAndMovesTheDefaultOwnerInOneUndoableAction() throws {
        let ws = try workspace(1)
        try ws.store.applyLabel(.locus, value: "knowledge", to: [1], by: ws.identity, at: t0)
        try ws.store.applyLabel(.reasons, value: "stale", to: [1], by: ws.identity, at: t0 + 1)
        XCTAssertEqual(try column(ws, "owner", of: 1), "content-team")

        let change = try ws.store.applyLabel(.locus, value: "tool_use", to: [1], by: ws.identity, at: t0 + 2)
        XCTAssertEqual(change.changes, [
            FieldChange(itemID: 1, field: "locus", oldValue: "knowledge", newValue: "tool_use"),
            FieldChange(itemID: 1, field: "reasons", oldValue: #"["stale"]"#, newValue: "[]"),
            FieldChange(itemID: 1, field: "owner", oldValue: "content-team", newValue: "tools-team"),
        ])
        XCTAssertEqual(change.keptOwners, [:])
        XCTAssertEqual(try column(ws, "reasons", of: 1), "[]")
        XCTAssertEqual(try column(ws, "owner", of: 1), "tools-team")
        let actionIDs = try ws.store.pool.read {
            try Int64.fetchAll($0, sql: "SELECT DISTINCT action_id FROM audit WHERE action = 'label' AND seq >= ?",
                               arguments: [try XCTUnwrap(change.actionID)])
        }
        XCTAssertEqual(actionIDs, [try XCTUnwrap(change.actionID)], "one action in the audit log")
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT reason FROM audit WHERE field = 'reasons' ORDER BY seq DESC LIMIT 1") },
                       "not codes of locus tool_use")

        try ws.store.undo(change, by: ws.identity, at: t0 + 3)
        XCTAssertEqual(try column(ws, "locus", of: 1), "knowledge", "one undo restores all three")
        XCTAssertEqual(try column(ws, "reasons", of: 1), #"["stale"]"#)
        XCTAssertEqual(try column(ws, "owner", of: 1), "content-team")
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    func testAnOwnerChosenByHandStaysAndIsNamed() throws {
        let ws = try workspace(1)
        try ws.store.applyLabel(.locus, value: "knowledge", to: [1], by: ws.identity, at: t0)
        try ws.store.applyLabel(.owner, value: "support-ops", to: [1], by: ws.identity, at: t0 + 1)
        let change = try ws.store.applyLabel(.locus, value: "retrieval", to: [1], by: ws.identity, at: t0 + 2)
        XCTAssertEqual(change.changes.map(\.field), ["locus"], "no reasons to clear, and the owner stays")
        XCTAssertEqual(change.keptOwners, [1: "support-ops"])
        XCTAssertEqual(try column(ws, "owner", of: 1), "support-ops")
    }

    func testABulkLocusChangeDecidesTheOwnerPerItem() throws {
        let ws = try workspace(4)
        try ws.store.applyLabel(.locus, value: "knowledge", to: [1, 2, 3], by: ws.identity, at: t0)
        try ws.store.applyLabel(.reasons, value: "stale", to: [1], by: ws.identity, at: t0 + 1)
        try ws.store.applyLabel(.owner, value: "support-ops", to: [2], by: ws.identity, at: t0 + 2)
        try ws.store.applyLabel(.owner, value: "search-team", to: [3], by: ws.identity, at: t0 + 3)
        // Item 4 has neither locus nor owner: it takes the default too.
        let change = try ws.store.applyLabel(.locus, value: "retrieval", to: [1, 2, 3, 4], by: ws.identity, at: t0 + 4)
        XCTAssertEqual(try (1...4).map { try column(ws, "owner", of: $0) }, ["search-team", "support-ops", "search-team", "search-team"])
        XCTAssertEqual(try column(ws, "reasons", of: 1), "[]")
        XCTAssertEqual(change.keptOwners, [2: "support-ops"], "item 3's owner already is the new default: nothing to say")
        XCTAssertEqual(change.changes.filter { $0.field == "owner" }.map(\.itemID), [1, 4])
        XCTAssertEqual(change.changedItems, 4)
        try ws.store.undo(change, by: ws.identity, at: t0 + 5)
        XCTAssertEqual(try (1...4).map { try column(ws, "owner", of: $0) }, ["content-team", "support-ops", "search-team", nil])
        XCTAssertEqual(try column(ws, "reasons", of: 1), #"["stale"]"#)
    }

    func testASeverityIsNamedByItsCodeOrItsName() throws {
        let ws = try workspace(1)
        XCTAssertEqual(try ws.store.applyLabel(.severity, value: "critical", to: [1], by: ws.identity, at: t0).changes.first?.newValue, "S1")
        XCTAssertEqual(try ws.store.applyLabel(.severity, value: "Minor", to: [1], by: ws.identity, at: t0 + 1).changes.first?.newValue, "S3")
        XCTAssertEqual(try ws.store.applyLabel(.severity, value: "s2", to: [1], by: ws.identity, at: t0 + 2).changes.first?.newValue, "S2")
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S9", to: [1], by: ws.identity, at: t0 + 3))
    }

    func testAChangeMadeMeanwhileIsToldInLabelsNotCodes() throws {
        let ws = try workspace(1)
        let seen = try ws.store.versions(of: [1])
        let bo = Identity(reviewer: "bo", osUser: "bo")
        try ws.store.applyLabel(.status, value: "wont_fix", to: [1], by: bo, at: t0)
        // Once bo's claim has run out, the version check speaks.
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, expectedVersions: seen,
                                                     at: t0 + 11 * 60_000)) { error in
            XCTAssertEqual("\(error)", "#1 was changed by bo meanwhile (status new → won't fix); the fresh state is shown — repeat the action to apply it")
        }
    }

    func testLabelValuesReadAsAReviewerNamesThem() {
        let wording = LabelWording(taxonomy: .defaults)
        XCTAssertEqual(wording.text(.status, "wont_fix"), "won't fix")
        XCTAssertEqual(wording.text(.status, "in_review"), "in review")
        XCTAssertEqual(wording.text(.severity, "S1"), "S1")
        XCTAssertEqual(wording.text(.severity, "Critical"), "S1", "a severity typed by its name reads as its code")
        XCTAssertEqual(wording.text(.reasons, #"["stale","contradictory_sources"]"#), "stale, contradictory_sources")
        XCTAssertEqual(wording.text(.reasons, "[]"), "(none)")
        XCTAssertEqual(wording.text(.trainable, "0"), "no")
        XCTAssertEqual(wording.text(field: "owner", nil), "(none)")
        XCTAssertEqual(wording.text(.note, "a\u{1B}[2Jb"), SafeText.line("a\u{1B}[2Jb"), "values are made safe for the terminal")
    }
}
