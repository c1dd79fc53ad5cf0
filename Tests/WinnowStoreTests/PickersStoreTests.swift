import Foundation
import GRDB
import XCTest
import WinnowConfig
@testable import WinnowStore

/// Several labels as one action (a preset, a repeat): `Store.applyLabels`.
final class PickersStoreTests: XCTestCase {
    func item(_ ws: TestWorkspace, _ id: Int64) throws -> [String: String?] {
        try ws.store.pool.read { db in
            let row = try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT severity, locus, reasons, owner, status FROM items WHERE id = ?", arguments: [id]))
            return ["severity": row["severity"], "locus": row["locus"], "reasons": row["reasons"], "owner": row["owner"], "status": row["status"]]
        }
    }

    let staleKB: [LabelField: String] = [.severity: "S3", .locus: "knowledge", .reasons: "stale", .owner: "content-team", .status: "triaged"]

    func testAPresetsLabelsAreOneActionWithOneAuditIDAndOneUndo() throws {
        let ws = try workspace(3)
        let outcome = try ws.store.applyLabels(staleKB, to: [1, 2], by: ws.identity, expectedVersions: try ws.store.versions(of: [1, 2]))
        XCTAssertEqual(outcome.changedItems, 2)
        XCTAssertEqual(Set(outcome.changes.map(\.field)), ["severity", "locus", "reasons", "owner", "status"])
        for id: Int64 in [1, 2] {
            XCTAssertEqual(try item(ws, id), ["severity": "S3", "locus": "knowledge", "reasons": #"["stale"]"#, "owner": "content-team",
                                              "status": "triaged"])
        }
        XCTAssertEqual(outcome.versionsAfter, [1: 1, 2: 1], "each item gets one new version for the whole set")
        let actionIDs = try ws.store.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT DISTINCT action_id FROM audit WHERE action = 'label'")
        }
        XCTAssertEqual(actionIDs, [try XCTUnwrap(outcome.actionID)], "ten label records, one action")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'label'"), 10)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE is_open = 0"), 2)

        try ws.store.undo(outcome, by: ws.identity)
        XCTAssertEqual(try item(ws, 1), ["severity": nil, "locus": nil, "reasons": nil, "owner": nil, "status": "new"],
                       "one undo takes the whole set back")
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    func testALocusInTheSetClearsTheOldLocusReasonsAndMovesADefaultOwner() throws {
        let ws = try workspace(2)
        try ws.store.applyLabels([.locus: "knowledge", .reasons: "stale"], to: [1], by: ws.identity, expectedVersions: try ws.store.versions(of: [1]))
        XCTAssertEqual(try item(ws, 1)["owner"], "content-team", "an item without an owner takes the locus's default")

        let moved = try ws.store.applyLabels([.locus: "retrieval", .severity: "S2"], to: [1], by: ws.identity,
                                             expectedVersions: try ws.store.versions(of: [1]))
        XCTAssertEqual(try item(ws, 1)["reasons"], "[]", "stale is not a code of retrieval: cleared")
        XCTAssertEqual(try item(ws, 1)["owner"], "search-team", "the old default owner follows the new locus")
        XCTAssertEqual(Set(moved.changes.map(\.field)), ["locus", "reasons", "owner", "severity"])
        let reasons = try ws.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT reason FROM audit WHERE field = 'reasons' ORDER BY seq DESC LIMIT 1")
        }
        XCTAssertEqual(reasons, "not codes of locus retrieval", "the history says why the codes went")

        // An owner chosen by hand stays when the locus changes again.
        try ws.store.applyLabel(.owner, value: "support-ops", to: [1], by: ws.identity)
        try ws.store.applyLabels([.locus: "model"], to: [1], by: ws.identity, expectedVersions: try ws.store.versions(of: [1]))
        XCTAssertEqual(try item(ws, 1)["owner"], "support-ops")
        XCTAssertEqual(try item(ws, 1)["locus"], "model")
    }

    func testReasonsAreCheckedAgainstTheLocusTheSetLeaves() throws {
        let ws = try workspace(1)
        XCTAssertThrowsError(try ws.store.applyLabels([.locus: "retrieval", .reasons: "stale"], to: [1], by: ws.identity,
                                                      expectedVersions: try ws.store.versions(of: [1]))) { error in
            XCTAssertEqual(String(describing: error), "reasons `stale` is not one of: wrong_source, missing_source")
        }
        XCTAssertThrowsError(try ws.store.applyLabels([.reasons: "stale"], to: [1], by: ws.identity,
                                                      expectedVersions: try ws.store.versions(of: [1]))) { error in
            XCTAssertEqual(error as? LabelError, .reasonsNeedLocus(item: 1))
        }
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'label'"), 0, "a refused set writes nothing, not even its locus")
        XCTAssertNil(try item(ws, 1)["locus"] ?? "missing")
    }

    func testAChangeMadeMeanwhileRefusesTheWholeSet() throws {
        let ws = try workspace(2)
        let seen = try ws.store.versions(of: [1, 2])
        try ws.store.applyLabel(.severity, value: "S1", to: [2], by: bo, at: Clock.nowMillis())
        XCTAssertThrowsError(try ws.store.applyLabels(staleKB, to: [1, 2], by: ws.identity, expectedVersions: seen)) { error in
            XCTAssertTrue(error is ClaimError || error is ConcurrencyError, "\(error)")
        }
        XCTAssertNil(try item(ws, 1)["locus"] ?? "missing", "nothing of the set was written on the other item either")
    }

    func testTheTemplatePresetsMapToTheStoresFields() throws {
        let config = try WorkspaceConfig.parse(ConfigTemplate.text())
        let preset = try XCTUnwrap(config.presets.first { $0.name == "stale-kb" })
        XCTAssertEqual(Store.labels(of: preset), staleKB)
    }
}
