import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// `winnow report owners`' figures on crafted items: what is open per owner, by severity, reasons
/// and loci, the periods, the oldest severe items, examples and clusters, in a fixed order.
final class OwnerReportTests: XCTestCase {
    let day: Int64 = 86_400_000

    func testEachOwnersFigures() throws {
        // Event n is n days old at `now`.
        let now = RFC3339.parseMillis("2026-11-30T00:00:00Z")!
        let ws = try TestWorkspace()
        let lines = (1...12).map { n in
            eventLine("e\(n)", prompt: n == 5 ? "Refund | `now` *please*" : "prompt \(n)")
                .replacingOccurrences(of: "2026-10-14T09:31:22Z", with: RFC3339.format(millis: now - Int64(n) * day))
        }
        _ = try ws.importFile(try ws.file("e.jsonl", lines.joined(separator: "\n")))
        let store = ws.store
        let me = ws.identity
        // search-team: 1, 2, 3 (retrieval); 4 resolved is not open. content-team: 5, 6 (knowledge).
        try store.applyLabel(.locus, value: "retrieval", to: [1, 2, 3, 4], by: me)
        try store.applyLabel(.reasons, value: "wrong_source", to: [1, 2], by: me)
        try store.applyLabel(.reasons, value: "missing_source", to: [3], by: me)
        try store.applyLabel(.severity, value: "S1", to: [3], by: me)
        try store.applyLabel(.severity, value: "S2", to: [1], by: me)
        try store.applyLabel(.status, value: "triaged", to: [1, 2, 3], by: me)
        try store.applyLabel(.status, value: "resolved", to: [4], by: me)
        try store.applyLabel(.locus, value: "knowledge", to: [5, 6], by: me)
        try store.applyLabel(.severity, value: "S2", to: [5], by: me)
        try store.setCorrection("Refunds take 5–10 days.", on: 5, by: me)
        // 7 and 8 merged into 2: a cluster of three, the duplicates not counted as open.
        try store.merge([7, 8], into: 2, by: me)

        let report = try store.ownerReport(since: now - 7 * day, now: now)
        XCTAssertEqual(report.owners.map(\.owner), ["search-team", "content-team", nil], "most open first, unassigned last")
        let search = report.owners[0]
        XCTAssertEqual(search.openTotal, 3)
        XCTAssertEqual(search.openBySeverity.map { "\($0.name)=\($0.count)" }, ["S1=1", "S2=1", "S3=0", "S4=0", "unset=1"])
        XCTAssertEqual(search.topReasons, [NamedCount(name: "wrong_source", count: 2), NamedCount(name: "missing_source", count: 1)])
        XCTAssertEqual(search.topLoci, [NamedCount(name: "retrieval", count: 3)])
        // This period: events 1–6 days old (1, 2, 3, 4); the last: 7–13 days old (none of search-team's).
        XCTAssertEqual([search.newThisPeriod, search.newLastPeriod], [4, 0])
        XCTAssertEqual(search.oldestOpenSevere.map(\.item), [3, 1], "oldest first")
        XCTAssertEqual(search.clusters.map { "\($0.canonical.item)×\($0.size)" }, ["2×3"])
        XCTAssertNil(search.clusters[0].suggestedGroup)
        XCTAssertEqual(search.examples, [])

        let content = report.owners[1]
        XCTAssertEqual(content.openTotal, 2)
        XCTAssertEqual(content.examples.map(\.item.item), [5])
        XCTAssertEqual(content.examples.first?.correction, "Refunds take 5–10 days.")
        XCTAssertEqual(content.examples.first?.item.prompt, "Refund | `now` *please*")
        XCTAssertEqual([content.newThisPeriod, content.newLastPeriod], [2, 0])

        let unassigned = report.owners[2]
        XCTAssertEqual(unassigned.openTotal, 4, "9–12; 7 and 8 are duplicates")
        XCTAssertEqual([unassigned.newThisPeriod, unassigned.newLastPeriod], [0, 4], "9–12 are 9–12 days old")
        XCTAssertEqual(try store.ownerReport(since: now - 7 * day, now: now), report, "the same store gives the same report")
    }

    func testExcerptsCutAtAWordNearTheLimit() {
        let text = String(repeating: "word ", count: 100)
        let cut = OwnerReport.excerpt(text, limit: 32)
        XCTAssertEqual(cut, "word word word word word word…")
        XCTAssertEqual(OwnerReport.excerpt("short", limit: 32), "short")
        XCTAssertEqual(OwnerReport.excerpt(String(repeating: "x", count: 40), limit: 32), String(repeating: "x", count: 32) + "…")
    }
}
