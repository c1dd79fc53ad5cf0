import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// `winnow label`'s store side: label files through the queue's write path, line by line rejections,
/// claims, and undo by action id. Times are real (the applier claims at the clock's now).
final class LabelApplierTests: XCTestCase {
    func run(_ ws: TestWorkspace, _ lines: [String], as identity: Identity? = nil, takeover: String? = nil,
             dryRun: Bool = false) throws -> LabelRunSummary {
        let path = try ws.file("labels-\(UUID().uuidString).jsonl", lines.joined(separator: "\n") + "\n")
        let applier = LabelApplier(store: ws.store, identity: identity ?? ws.identity, reason: "from test", takeoverReason: takeover)
        return try applier.run(try ImportInput.open(path: path, format: .jsonl), dryRun: dryRun,
                               rejectsURL: ws.directory.appendingPathComponent("rejects-\(UUID().uuidString).jsonl"))
    }

    func value(_ ws: TestWorkspace, _ column: String, _ item: Int64) throws -> String? {
        try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT \(column) FROM items WHERE id = ?", arguments: [item]) }
    }

    func testAFileWithBadLinesRejectsThemByNumberAndAppliesTheRest() throws {
        let ws = try workspace(4)
        let summary = try run(ws, [
            #"{"id":"e1","field":"reasons","value":["wrong_source"]}"#,   // before its locus: the write path orders them
            #"{"id":"e1","field":"locus","value":"retrieval"}"#,
            #"{"id":"e1","field":"severity","value":"critical"}"#,
            "not json",
            #"{"id":"e2","field":"severity","value":"S9"}"#,
            #"{"id":"e2","field":"status","value":"triaged"}"#,
            "",
            #"{"id":"e3","field":"colour","value":"red"}"#,
            #"{"id":"missing","field":"owner","value":"search-team"}"#,
            #"{"id":"e3","field":"trainable","value":false}"#,
            #"{"id":"e4","field":"reasons","value":"stale"}"#,
            #"{"id":"e4","field":"correction","value":"The right answer, in full."}"#,
            #"{"id":"e4","field":"severity","value":"S3","extra":1}"#,
        ])
        XCTAssertEqual(summary.lines, 13)
        XCTAssertEqual(summary.blank, 1)
        XCTAssertEqual(summary.applied, 6, "e1's three, e2's status, e3's trainable, e4's correction")
        XCTAssertEqual(summary.rejected, 6)
        XCTAssertEqual(summary.firstRejections.map(\.line), [4, 5, 8, 9, 11, 13])
        XCTAssertEqual(summary.firstRejections.map(\.reason), [
            "not valid JSON",
            "severity `S9` is not one of: S1, S2, S3, S4",
            "unknown field `colour` (expected one of: severity, status, locus, reasons, owner, note, trainable, correction)",
            "no event with id missing",
            "item #4 has no failure locus yet: set the locus first (a locus line for the event, or --set locus=NAME)",
            "unknown key `extra` (a line has id, field and value)",
        ])
        XCTAssertEqual(try value(ws, "locus", 1), "retrieval")
        XCTAssertEqual(try value(ws, "reasons", 1), #"["wrong_source"]"#)
        XCTAssertEqual(try value(ws, "severity", 1), "S1", "a severity may be named by its label")
        XCTAssertEqual(try value(ws, "owner", 1), "search-team", "the locus brought its default owner, as in the queue")
        XCTAssertEqual(try value(ws, "status", 2), "triaged")
        XCTAssertEqual(try value(ws, "trainable", 3), "0")
        XCTAssertEqual(try value(ws, "correction", 4), "The right answer, in full.")
        // One action per event's run of lines, a correction its own; each claims its item.
        XCTAssertEqual(summary.actions.count, 4)
        let actions = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT action_id, group_concat(action || ':' || coalesce(field, ''), ' ') AS records FROM audit WHERE action_id IN (\(summary.actions.map(String.init).joined(separator: ","))) GROUP BY action_id ORDER BY action_id")
                .map { $0["records"] as String }
        }
        XCTAssertEqual(actions, ["claim:claim label:locus label:owner label:reasons label:severity", "claim:claim label:status",
                                 "claim:claim label:trainable", "claim:claim correct:correction correct:correction_state"])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'label' AND reason = 'from test'"), 5)
        // The claims the labels took are let go at the end, in one action, so the queue is not locked for the lease.
        XCTAssertEqual(summary.claimsReleased, 4)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE claimed_by IS NOT NULL"), 0)
        XCTAssertEqual(try ws.count("SELECT count(DISTINCT action_id) FROM audit WHERE action = 'release' AND reason = 'labels set from the command line'"), 1)
        XCTAssertTrue(try AuditLog.check(ws.store).state.matches)
        let rejects = try String(contentsOf: ws.directory.appendingPathComponent(try XCTUnwrap(summary.rejectsFile).split(separator: "/").last.map(String.init)!), encoding: .utf8)
        XCTAssertEqual(rejects.split(separator: "\n").count, 6)

        let again = try run(ws, [#"{"id":"e2","field":"status","value":"triaged"}"#])
        XCTAssertEqual([again.applied, again.unchanged, again.actions.count], [0, 1, 0], "a label already so records nothing")
        XCTAssertNil(again.rejectsFile)
    }

    func testARepeatedFieldIsRejectedAndADryRunWritesNothing() throws {
        let ws = try workspace(2)
        let lines = [#"{"id":"e1","field":"severity","value":"S2"}"#, #"{"id":"e1","field":"severity","value":"S3"}"#,
                     #"{"id":"e9","field":"severity","value":"S2"}"#]
        let dry = try run(ws, lines, dryRun: true)
        XCTAssertEqual([dry.applied, dry.rejected], [1, 2])
        XCTAssertEqual(dry.firstRejections.map(\.reason), ["severity of e1 is already set by line 1", "no event with id e9"])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'label'"), 0)
        XCTAssertEqual(try run(ws, lines).applied, 1)
        XCTAssertEqual(try value(ws, "severity", 1), "S2")
    }

    func testAnItemClaimedBySomeoneElseIsRefusedUnlessALeadTakesItOver() throws {
        let ws = try workspace(2, config: rosterConfig)
        try ws.store.claim(1, by: bo)
        let line = #"{"id":"e1","field":"severity","value":"S1"}"#
        let refused = try run(ws, [line, #"{"id":"e2","field":"severity","value":"S2"}"#], as: alice)
        XCTAssertEqual(refused.rejected, 1)
        XCTAssertTrue(refused.firstRejections[0].reason.hasPrefix("#1 is claimed by bo until "), refused.firstRejections[0].reason)
        XCTAssertTrue(refused.firstRejections[0].reason.hasSuffix("a lead can take it over with --takeover REASON"))
        XCTAssertNil(try value(ws, "severity", 1))
        XCTAssertEqual(try value(ws, "severity", 2), "S2", "the rest is applied")

        let notLead = try run(ws, [line], as: ws.identity, takeover: "migration")
        XCTAssertEqual(notLead.firstRejections.first?.reason,
                       "only a lead can take over another reviewer's claim, and tester is not a lead on this workspace's roster")
        let taken = try run(ws, [line], as: alice, takeover: "migration from the old tool")
        XCTAssertEqual(taken.applied, 1)
        XCTAssertEqual(try value(ws, "severity", 1), "S1")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'takeover' AND reason = 'migration from the old tool' AND old_value = 'bo'"), 1)
    }

    func testUndoByActionIdIsACompensatingActionRefusedOnceOthersChangedTheItem() throws {
        let ws = try workspace(2, config: rosterConfig)
        let summary = try run(ws, [#"{"id":"e1","field":"locus","value":"knowledge"}"#, #"{"id":"e1","field":"severity","value":"S2"}"#,
                                   #"{"id":"e2","field":"severity","value":"S4"}"#], as: bo)
        let (first, second) = (summary.actions[0], summary.actions[1])
        XCTAssertThrowsError(try ws.store.undoAction(first, by: ws.identity)) {
            XCTAssertEqual($0 as? UndoActionError, .notYours(action: first, reviewer: "bo"))
        }
        let undone = try ws.store.undoAction(first, by: bo)
        XCTAssertEqual(undone.action, "undo")
        XCTAssertEqual(Set(undone.changes.map(\.field)), ["locus", "owner", "severity"])
        XCTAssertNil(try value(ws, "locus", 1))
        XCTAssertNil(try value(ws, "owner", 1), "what the locus brought along goes with it")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'undo' AND reason = 'undo of action #\(first)'"), 3)
        XCTAssertThrowsError(try ws.store.undoAction(first, by: bo)) {
            XCTAssertEqual($0 as? UndoActionError, .alreadyUndone(action: first, by: undone.actionID!))
        }
        try ws.store.releaseClaim(1, by: bo)
        let redone = try ws.store.undoAction(undone.actionID!, by: alice)
        XCTAssertEqual(redone.action, "redo", "a lead may undo anyone's action; undoing an undo redoes")
        XCTAssertEqual(try value(ws, "locus", 1), "knowledge")

        // Someone changes e2 after the action: its undo is refused and nothing is written.
        try ws.store.releaseClaim(2, by: bo)
        try ws.store.applyLabel(.severity, value: "S3", to: [2], by: alice)
        let before = try ws.count("SELECT count(*) FROM audit")
        XCTAssertThrowsError(try ws.store.undoAction(second, by: bo)) {
            XCTAssertEqual($0 as? UndoError, .changedSince(item: 2, field: "severity", by: "alice"))
        }
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit"), before)
        XCTAssertThrowsError(try ws.store.undoAction(1, by: alice)) {
            XCTAssertEqual($0 as? UndoActionError, .notUndoable(action: 1, kind: "import.start"))
        }
        XCTAssertThrowsError(try ws.store.undoAction(99_999, by: alice)) { XCTAssertEqual($0 as? UndoActionError, .noSuchAction(99_999)) }
        XCTAssertTrue(try AuditLog.check(ws.store).state.matches)
    }

    func testAMergeAndACorrectionAreUndoneByTheirIdsToo() throws {
        let ws = try workspace(3)
        let merge = try ws.store.merge([2, 3], into: 1, by: ws.identity)
        let correction = try ws.store.setCorrection("Better answer.", on: 1, by: ws.identity)
        XCTAssertThrowsError(try ws.store.undoAction(merge.actionID!, by: ws.identity), "the correction changed #1 since") {
            XCTAssertEqual(($0 as? UndoError).map { "\($0)" }, "cannot undo: correction of #1 was changed since by tester; nothing was changed")
        }
        try ws.store.undoAction(correction.actionID!, by: ws.identity)
        XCTAssertNil(try value(ws, "correction", 1))
        // The correction's undo changed #1 after the merge: still refused, as the queue's versions would.
        XCTAssertThrowsError(try ws.store.undoAction(merge.actionID!, by: ws.identity))
        let other = try workspace(3)
        let merged = try other.store.merge([2, 3], into: 1, by: other.identity)
        let unmerged = try other.store.undoAction(merged.actionID!, by: other.identity)
        XCTAssertEqual(Set(unmerged.changes.map(\.itemID)), [2, 3])
        XCTAssertEqual(try other.count("SELECT cluster_size FROM items WHERE id = 1"), 1)
        XCTAssertTrue(try AuditLog.check(other.store).state.matches)
    }
}
