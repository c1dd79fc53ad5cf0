import Foundation
import GRDB
import XCTest
@testable import WinnowStore

final class LabelingTests: XCTestCase {
    func testALabelIsAJudgmentAnItemValueAndAnAuditRecordInOneTransaction() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("l.jsonl", [eventLine("l1"), eventLine("l2")].joined(separator: "\n")))
        let bo = Identity(reviewer: "bo", osUser: "bo-os")
        let t0 = Clock.nowMillis()
        let first = try ws.store.applyLabel(.severity, value: "s3", to: [1], by: ws.identity, at: t0)
        XCTAssertEqual([first.changedItems, first.unchanged], [1, 0])
        // bo acts once tester's claim on item 1 has run out (a claim refuses other reviewers' writes).
        let later = t0 + 11 * 60_000
        let second = try ws.store.applyLabel(.severity, value: "S1", to: [1, 2], by: bo, reason: "data exposure", at: later)
        XCTAssertEqual([second.changedItems, second.unchanged], [2, 0])
        let third = try ws.store.applyLabel(.severity, value: "S1", to: [1], by: bo, at: later)
        XCTAssertEqual([third.changedItems, third.unchanged], [0, 1])
        XCTAssertEqual(third.changes, [])

        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE severity = 'S1'"), 2)
        let judgments = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT value, reviewer, os_user, state FROM judgments WHERE item_id = 1 ORDER BY id")
        }
        XCTAssertEqual(judgments.map { $0["value"] as String }, ["S3", "S1"])
        XCTAssertEqual(judgments.map { $0["state"] as String }, ["superseded", "accepted"])
        XCTAssertEqual(judgments.map { $0["reviewer"] as String }, ["tester", "bo"])

        var labels: [AuditRecord] = []
        try AuditLog.forEach(.init(itemID: 1), in: ws.store) { if $0.action == "label" { labels.append($0) } }
        XCTAssertEqual(labels.map(\.oldValue), [nil, "S3"])
        XCTAssertEqual(labels.map(\.newValue), ["S3", "S1"])
        XCTAssertEqual(labels.last?.reason, "data exposure")
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }

    func testStatusMovesItemsOutOfTheOpenQueueAndBack() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("l.jsonl", eventLine("l1")))
        try ws.store.applyLabel(.status, value: "resolved", to: [1], by: ws.identity)
        XCTAssertEqual(try ws.count("SELECT is_open FROM items WHERE id = 1"), 0)
        XCTAssertEqual(try ws.store.stats().openBacklog, 0)
        try ws.store.applyLabel(.status, value: "new", to: [1], by: ws.identity)
        XCTAssertEqual(try ws.count("SELECT is_open FROM items WHERE id = 1"), 1)
    }

    func testInvalidValuesAreRefusedWithTheChoices() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("l.jsonl", eventLine("l1")))
        XCTAssertThrowsError(try ws.store.applyLabel(.severity, value: "S9", to: [1], by: ws.identity)) { error in
            XCTAssertEqual(String(describing: error), "severity `S9` is not one of: S1, S2, S3, S4")
        }
        XCTAssertThrowsError(try ws.store.applyLabel(.status, value: "duplicate", to: [1], by: ws.identity))
        XCTAssertEqual(try ws.count("SELECT count(*) FROM judgments"), 0)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'label'"), 0)
    }
}

final class ShiftReportTests: XCTestCase {
    func testShiftCountsLabelsPaceAndOnlyTheReviewersOwnWork() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("s.jsonl", (1...4).map { eventLine("s\($0)") }.joined(separator: "\n")))
        let t0: Int64 = 1_800_000_000_000
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, at: t0)
        try ws.store.applyLabel(.status, value: "triaged", to: [1], by: ws.identity, at: t0 + 10_000)
        try ws.store.applyLabel(.severity, value: "S1", to: [2], by: ws.identity, at: t0 + 60_000)
        try ws.store.applyLabel(.severity, value: "S3", to: [3], by: ws.identity, at: t0 + 180_000)
        try ws.store.applyLabel(.locus, value: "retrieval", to: [3], by: ws.identity, at: t0 + 190_000)
        try ws.store.applyLabel(.severity, value: "S4", to: [4], by: Identity(reviewer: "bo", osUser: "bo"), at: t0 + 200_000)

        let report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + 3_600_000)
        XCTAssertEqual(report.itemsLabelled, 3)
        XCTAssertEqual(report.labels, 6, "four labels, a locus, and the owner the locus brought")
        XCTAssertEqual(report.bySeverity, ["S1": 1, "S2": 1, "S3": 1])
        XCTAssertEqual(report.byStatus, ["triaged": 1])
        XCTAssertEqual(report.byLocus, ["retrieval": 1])
        XCTAssertTrue(report.text.contains("by locus         retrieval 1"), report.text)
        XCTAssertEqual(report.medianSecondsPerItem, 90, "item starts at 0 s, 60 s, 180 s: gaps 60 and 120")
        XCTAssertEqual(report.itemsPerHour ?? 0, 60, accuracy: 0.001, "3 items in 3 minutes")
        XCTAssertTrue(report.text.contains("items labelled   3"))
        XCTAssertEqual(try ws.store.shiftReport(reviewer: "tester", since: t0 + 100_000, until: t0 + 3_600_000).itemsLabelled, 1)
    }

    func testTakeoversAreCountedBesideTheClaimsTaken() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("t.jsonl", (1...3).map { eventLine("t\($0)") }.joined(separator: "\n")))
        let t0: Int64 = 1_800_000_000_000
        let bo = Identity(reviewer: "bo", osUser: "bo")
        _ = try ws.store.claim(1, by: ws.identity, at: t0)
        _ = try ws.store.claim(2, by: ws.identity, at: t0 + 1_000)
        _ = try ws.store.claim(3, by: bo, at: t0 + 2_000)
        try ws.store.takeOver(3, by: ws.identity, reason: "bo went home", at: t0 + 3_000)

        let report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + 3_600_000)
        XCTAssertEqual(report.claimsTaken, 2)
        XCTAssertEqual(report.takeovers, 1)
        XCTAssertTrue(report.text.contains("claims taken     2, and 1 taken over from others\n"), report.text)
        XCTAssertEqual(try ws.store.shiftReport(reviewer: "bo", since: t0 - 1, until: t0 + 3_600_000).text
            .contains("claims taken     1\n"), true)
    }
}

final class LocusOwnerLabelTests: XCTestCase {
    func testLocusBringsItsDefaultOwnerAndReasonsFollowTheLocus() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("l.jsonl", [eventLine("l1"), eventLine("l2")].joined(separator: "\n")))
        XCTAssertThrowsError(try ws.store.applyLabel(.reasons, value: "wrong_source", to: [1], by: ws.identity)) { error in
            XCTAssertEqual(error as? LabelError, .reasonsNeedLocus(item: 1))
        }
        try ws.store.applyLabel(.locus, value: "retrieval", to: [1], by: ws.identity)
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT owner FROM items WHERE id = 1") }, "search-team")
        XCTAssertThrowsError(try ws.store.applyLabel(.reasons, value: "hallucination", to: [1], by: ws.identity)) { error in
            XCTAssertEqual(String(describing: error), "reasons `hallucination` is not one of: wrong_source, missing_source")
        }
        try ws.store.applyLabel(.reasons, value: "wrong_source, missing_source", to: [1], by: ws.identity)
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT reasons FROM items WHERE id = 1") },
                       #"["wrong_source","missing_source"]"#)

        // An owner chosen by hand is not replaced by a later locus's default.
        try ws.store.applyLabel(.owner, value: "support-ops", to: [2], by: ws.identity)
        try ws.store.applyLabel(.locus, value: "model", to: [2], by: ws.identity)
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT owner FROM items WHERE id = 2") }, "support-ops")
        XCTAssertThrowsError(try ws.store.applyLabel(.owner, value: "nobody", to: [2], by: ws.identity))

        try ws.store.applyLabel(.trainable, value: "no", to: [2], by: ws.identity)
        XCTAssertEqual(try ws.count("SELECT trainable FROM items WHERE id = 2"), 0)
        try ws.store.applyLabel(.note, value: "the user pasted an API token", to: [2], by: ws.identity)
        try ws.store.applyLabel(.note, value: "token revoked", to: [2], by: ws.identity)

        var item2: [String] = []
        try AuditLog.forEach(.init(itemID: 2), in: ws.store) { if $0.action == "label" { item2.append("\($0.field ?? ""):\($0.oldValue ?? "∅")→\($0.newValue ?? "∅")") } }
        XCTAssertEqual(item2, ["owner:∅→support-ops", "locus:∅→model", "trainable:∅→0",
                               "note:∅→the user pasted an API token", "note:the user pasted an API token→token revoked"])
        XCTAssertNil(try AuditLog.verify(ws.store).firstBroken)
    }
}
