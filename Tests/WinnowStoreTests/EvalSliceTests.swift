import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// The eval set's frozen slice of live traffic (per week and stratum, seeded, kept once chosen)
/// and what it reaches through clusters and near-duplicate suggestions.
final class EvalSliceTests: XCTestCase {
    /// Monday 2026-10-05 00:00 UTC, and the Monday after.
    static let week1 = RFC3339.parseMillis("2026-10-05T00:00:00Z")!
    static let week2 = RFC3339.parseMillis("2026-10-12T00:00:00Z")!

    /// `count` events spread over the week starting at `monday`, alternating two intents; ids from `first`.
    func lines(_ count: Int, from first: Int, monday: Int64, intents: [String] = ["billing.refund", "account.login"]) -> [String] {
        (0..<count).map { offset in
            let n = first + offset
            let ts = RFC3339.format(millis: monday + Int64(offset) * 3_600_000)
            return #"{"id":"ev-\#(n)","ts":"\#(ts)","signal":"thumbs_down","prompt":"question number \#(n) about my plan","response":"answer \#(n)","intent":"\#(intents[offset % intents.count])","cohort":"free"}"#
        }
    }

    func importLines(_ lines: [String], into ws: TestWorkspace, name: String) throws {
        _ = try ws.importFile(try ws.file(name, lines.joined(separator: "\n") + "\n"))
    }

    func freeze(_ ws: TestWorkspace, asOf: Int64) throws -> Int {
        try ws.store.pool.write { db in try ws.store.freezeEvalSlice(asOf: asOf, db: db) }
    }

    func chosenEvents(_ ws: TestWorkspace) throws -> [String] {
        try ws.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT e.id FROM eval_items x JOIN events e ON e.rowid = x.item_id ORDER BY e.id")
        }
    }

    func testWeeksStartOnMondayInUTC() {
        XCTAssertEqual(EvalWeek(millis: Self.week1).label, "2026-10-05")
        XCTAssertEqual(EvalWeek(millis: Self.week2 - 1).label, "2026-10-05", "Sunday 23:59:59.999 is still the week before")
        XCTAssertEqual(EvalWeek(millis: Self.week2).label, "2026-10-12")
        XCTAssertEqual(EvalWeek(millis: 0).label, "1969-12-29", "1970-01-01 was a Thursday")
    }

    func testQuotaSplitsTheWeeksShareByStratumSizeWithLargestRemainders() {
        XCTAssertEqual(EvalQuota.perStratum(["a": 50, "b": 30, "c": 20], share: 0.05), ["a": 3, "b": 1, "c": 1],
                       "5 seats: 2.5, 1.5 and 1.0 round down to 4; the tie for the fifth goes to the first name")
        XCTAssertEqual(EvalQuota.perStratum(["a": 9], share: 0.05), ["a": 0], "0.45 of a seat rounds to none")
        XCTAssertEqual(EvalQuota.perStratum(["a": 10, "b": 10], share: 0.05), ["a": 1, "b": 0],
                       "one seat (1.0 rounded) goes to the stratum first by name when the remainders tie")
    }

    func testEachWeekGivesItsShareStratifiedAndRerunningAddsNothing() throws {
        let ws = try TestWorkspace()
        try importLines(lines(100, from: 1, monday: Self.week1) + lines(60, from: 101, monday: Self.week2), into: ws, name: "a.jsonl")
        let asOf = Self.week2 + 7 * 86_400_000
        XCTAssertEqual(try freeze(ws, asOf: asOf), 8, "5 % of 100 and of 60 (3)")
        let perStratum = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT week, stratum, count(*) AS n FROM eval_items GROUP BY week, stratum ORDER BY week, stratum")
                .map { "\($0["week"] as String) \($0["stratum"] as String) \($0["n"] as Int)" }
        }
        XCTAssertEqual(perStratum, ["2026-10-05 account.login × free × - 3", "2026-10-05 billing.refund × free × - 2",
                                    "2026-10-12 account.login × free × - 2", "2026-10-12 billing.refund × free × - 1"],
                       "2.5 + 2.5 and 1.5 + 1.5: the tied seat goes to the stratum first by name")
        let first = try chosenEvents(ws)
        XCTAssertEqual(try freeze(ws, asOf: asOf), 0)
        XCTAssertEqual(try chosenEvents(ws), first)
    }

    func testTheChoiceDependsOnTheEventsAloneAndOnTheSeed() throws {
        let a = try TestWorkspace(), b = try TestWorkspace()
        let events = lines(100, from: 1, monday: Self.week1)
        try importLines(events, into: a, name: "a.jsonl")
        try importLines(events.reversed(), into: b, name: "b.jsonl")
        _ = try freeze(a, asOf: Self.week2)
        _ = try freeze(b, asOf: Self.week2)
        XCTAssertEqual(try chosenEvents(a), try chosenEvents(b), "the same events in another order choose the same ones")
        let seeded = try TestWorkspace(config: "[eval]\nseed = \"another\"\n")
        try importLines(events, into: seeded, name: "a.jsonl")
        _ = try freeze(seeded, asOf: Self.week2)
        XCTAssertEqual(try chosenEvents(seeded).count, 5)
        XCTAssertNotEqual(try chosenEvents(seeded), try chosenEvents(a))
    }

    func testAChosenItemStaysWhenItsWeekGrowsAndLaterEventsWaitForTheirAsOf() throws {
        let ws = try TestWorkspace()
        try importLines(lines(100, from: 1, monday: Self.week1), into: ws, name: "a.jsonl")
        let midweek = Self.week1 + 50 * 3_600_000
        XCTAssertEqual(try freeze(ws, asOf: midweek), 3, "only the 51 events up to the as-of: 2.55 seats round to 3")
        let early = try chosenEvents(ws)
        XCTAssertEqual(try freeze(ws, asOf: Self.week2), 2, "the whole week now: 5 seats, 3 of them kept")
        XCTAssertTrue(Set(try chosenEvents(ws)).isSuperset(of: early))
        try importLines(lines(100, from: 201, monday: Self.week1, intents: ["billing.refund"]), into: ws, name: "b.jsonl")
        XCTAssertEqual(try freeze(ws, asOf: Self.week2), 5, "200 events: 10 seats")
        XCTAssertTrue(Set(try chosenEvents(ws)).isSuperset(of: early))
        XCTAssertEqual(try chosenEvents(ws).count, 10)
    }

    func testReachFollowsClustersSuggestionsAndRubricRounds() throws {
        let ws = try TestWorkspace()
        let texts = [
            "My invoice INV-48213 was charged twice this month, please refund the second charge",   // 1: eval item
            "my invoice inv-99120 was charged twice this month please refund the second charge!!",   // 2: suggested with 1
            "The export to CSV button does nothing when I click it on the reports page",             // 3: merged with 4
            "How do I change the language of the assistant to German?",                              // 4: canonical of 3
            "Where can I download last year's tax statement?",                                       // 5: rubric case
            "Why does the mobile app log me out every hour?",                                        // 6: free
        ]
        try importLines(texts.enumerated().map { eventLine("t\($0.offset + 1)", prompt: $0.element) }, into: ws, name: "t.jsonl")
        try ws.store.merge([3], into: 4, by: ws.identity, at: t0)
        try ws.makeRound(items: [5], reviewers: ["ana", "ben"])
        try ws.store.pool.write { db in
            try db.execute(sql: "INSERT INTO eval_items(item_id, week, stratum, chosen_ms) VALUES (1, 'w', 's', 0), (3, 'w', 's', 0)")
        }
        let reach = try ws.store.pool.read { db in try ws.store.evalReach(db: db) }
        XCTAssertEqual(reach.reserved, [1, 3, 5])
        XCTAssertNil(reach.leak(item: 1, clusterRoot: 1), "an eval item is reserved, not a leak")
        XCTAssertEqual(reach.leak(item: 2, clusterRoot: 2), 1, "a suggested near-duplicate of an eval item")
        XCTAssertEqual(reach.leak(item: 4, clusterRoot: 4), 3, "the canonical of an eval item's cluster")
        XCTAssertNil(reach.leak(item: 6, clusterRoot: 6))
        _ = try ws.store.rejectDuplicates([2], of: [1], by: ws.identity)
        let afterRejection = try ws.store.pool.read { db in try ws.store.evalReach(db: db) }
        XCTAssertNil(afterRejection.leak(item: 2, clusterRoot: 2), "a rejected suggestion reaches nothing")
    }

    func testEvalCasesAreTheSliceAndTheCompleteRubricCasesWithTheirSettledScores() throws {
        let ws = try TestWorkspace()
        try importLines(lines(20, from: 1, monday: Self.week1), into: ws, name: "a.jsonl")
        _ = try freeze(ws, asOf: Self.week2)
        let sliced = try ws.store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT item_id FROM eval_items ORDER BY item_id") }
        XCTAssertEqual(sliced.count, 1)
        let scoredItem: Int64 = sliced[0] == 3 ? 4 : 3
        let round = try ws.makeRound("march", items: [scoredItem, 7], reviewers: ["alice", "bo"])
        for (field, a, b) in [(JudgedField.dimension("faithfulness"), "2", "4"), (.dimension("completeness"), "3", "4")] {
            try ws.judge(round: round, item: scoredItem, field, a, by: "alice")
            try ws.judge(round: round, item: scoredItem, field, b, by: "bo")
        }
        try ws.complete(round: round, item: scoredItem, by: Identity(reviewer: "bo", osUser: "bo"))
        var cases: [EvalCase] = []
        try ws.store.pool.read { db in try ws.store.forEachEvalCase(db: db) { cases.append($0) } }
        XCTAssertEqual(cases.map(\.itemID), [sliced[0], scoredItem].sorted(), "item 7's round is not complete: no case yet")
        let slice = try XCTUnwrap(cases.first { $0.itemID == sliced[0] })
        XCTAssertEqual(slice.slice?.week, "2026-10-05")
        XCTAssertEqual(slice.rubric, [])
        let scored = try XCTUnwrap(cases.first { $0.itemID == scoredItem })
        XCTAssertNil(scored.slice)
        XCTAssertEqual(scored.rubric.first?.round, "march")
        XCTAssertEqual(scored.rubric.first?.scores["completeness"], EvalCase.Score(value: "3", source: "consensus"))
        XCTAssertEqual(scored.rubric.first?.scores["faithfulness"], EvalCase.Score(value: nil, source: "disputed"),
                       "2 against 4 is a dispute: no score until an adjudicator decides")
        XCTAssertEqual(scored.prompt, "question number \(scoredItem) about my plan")
        let filtered = try ws.store.pool.read { db in
            var ids: [Int64] = []
            try ws.store.forEachEvalCase(db: db, itemFilter: ("i.id = ?", [scoredItem])) { ids.append($0.itemID) }
            return ids
        }
        XCTAssertEqual(filtered, [scoredItem])
    }
}
