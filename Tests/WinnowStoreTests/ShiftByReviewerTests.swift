import Foundation
import XCTest
import WinnowCore
@testable import WinnowStore

/// A shift is one reviewer's net work; when it is empty, who worked the workspace instead.
final class ShiftByReviewerTests: XCTestCase {
    let bo = Identity(reviewer: "bo", osUser: "bo-os")

    func testASeveritySetSeveralTimesOnAnItemCountsOnceAsItEnds() throws {
        let ws = try workspace(3)
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, at: t0)
        try ws.store.applyLabel(.severity, value: "S3", to: [1], by: ws.identity, at: t0 + 1_000)
        try ws.store.applyLabel(.severity, value: "S1", to: [1], by: ws.identity, at: t0 + 2_000)
        try ws.store.applyLabel(.severity, value: "S3", to: [1, 2], by: ws.identity, at: t0 + 3_000)
        try ws.store.applyLabel(.severity, value: "S4", to: [3], by: ws.identity, at: t0 + 4_000)
        try ws.store.applyLabel(.severity, value: "S2", to: [3], by: ws.identity, at: t0 + 5_000)
        try ws.store.applyLabel(.severity, value: "S4", to: [3], by: ws.identity, at: t0 + 6_000)

        let report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + 60_000)
        XCTAssertEqual(report.bySeverity, ["S3": 2, "S4": 1], "each item's last severity, once")
        XCTAssertEqual(report.itemsLabelled, 3)
        XCTAssertEqual(report.labels, 3)
        XCTAssertTrue(report.text.contains("by severity      S3 2 · S4 1\n"), report.text)
    }

    func testMergedDuplicatesAreCountedAsMergedNotAsItemsLabelled() throws {
        let ws = try workspace(4)
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, at: t0)
        try ws.store.merge([2, 3], into: 1, by: ws.identity, at: t0 + 1_000)
        try ws.store.merge([4], into: 1, by: ws.identity, at: t0 + 2_000)
        try ws.store.unmerge([4], by: ws.identity, at: t0 + 3_000)

        let report = try ws.store.shiftReport(reviewer: "tester", since: t0 - 1, until: t0 + 60_000)
        XCTAssertEqual(report.itemsMerged, 2, "4 was merged and unmerged again")
        XCTAssertEqual(report.itemsLabelled, 1)
        XCTAssertEqual(report.byStatus, [:], "no duplicate counts as a status label")
        XCTAssertTrue(report.hasChanges)
        XCTAssertTrue(report.text.contains("(2 items merged as duplicates)"), report.text)

        let mergeOnly = try ws.store.shiftReport(reviewer: "tester", since: t0 + 500, until: t0 + 60_000)
        XCTAssertEqual(mergeOnly.labels, 0)
        XCTAssertTrue(mergeOnly.hasChanges, "a merge-only session still gets its quit summary")
    }

    func testWhoWorkedListsEveryReviewerInThePeriodWithTheirTotals() throws {
        let ws = try workspace(5)
        // Work before the period is not in it (its claim ran out long before the merge below claims #4).
        try ws.store.applyLabel(.severity, value: "S1", to: [4], by: Identity(reviewer: "cy", osUser: "cy"), at: t0 - 3_600_000)
        try ws.store.applyLabel(.severity, value: "S2", to: [1, 2], by: ws.identity, at: t0)
        try ws.store.applyLabel(.locus, value: "retrieval", to: [1], by: ws.identity, at: t0 + 60_000)
        try ws.store.applyLabel(.severity, value: "S4", to: [3], by: bo, at: t0 + 30_000)
        try ws.store.merge([5], into: 4, by: bo, at: t0 + 90_000)

        let workers = try ws.store.shiftWorkers(since: t0 - 1, until: t0 + 3_600_000)
        XCTAssertEqual(workers.map(\.reviewer), ["tester", "bo"], "the most labels first")
        XCTAssertEqual(workers[0], ShiftWorker(reviewer: "tester", labels: 4, items: 2, itemsMerged: 0,
                                               firstMillis: t0, lastMillis: t0 + 60_000),
                       "two severities, a locus and the owner it brought")
        XCTAssertEqual(workers[1].labels, 1)
        XCTAssertEqual(workers[1].itemsMerged, 1)
        XCTAssertEqual(workers[1].firstMillis, t0 + 30_000)
        XCTAssertEqual(workers[1].lastMillis, t0 + 90_000)

        let table = ShiftWorker.table(workers)
        let lines = table.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, table)
        XCTAssertTrue(lines[0].hasPrefix("  REVIEWER"), table)
        XCTAssertTrue(lines[1].hasPrefix("  tester  ") && lines[1].contains(RFC3339.format(millis: t0)), table)

        // An empty shift points at the ones who worked.
        var report = try ws.store.shiftReport(reviewer: "nobody", since: t0 - 1, until: t0 + 3_600_000)
        XCTAssertFalse(report.hasChanges)
        report.workedBy = workers
        XCTAssertTrue(report.text.contains("No work by nobody in this period; who worked the workspace:\n"), report.text)
        XCTAssertTrue(report.text.contains("\n    tester  "), "the table is nested under the message: \(report.text)")
        XCTAssertTrue(report.text.contains("--reviewer NAME"), report.text)
        XCTAssertFalse(report.text.contains("items labelled"), "no column of zeros: \(report.text)")
        XCTAssertTrue(report.text.contains("  audit head       "), report.text)
        report.workedBy = []
        XCTAssertTrue(report.text.contains("No work by nobody in this period, nor by anyone else."), report.text)
        XCTAssertEqual(try ws.store.shiftWorkers(since: t0 + 7_200_000, until: t0 + 9_000_000), [])
    }
}
