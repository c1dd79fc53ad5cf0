import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// `winnow stats` counts merged duplicates apart and lists statuses, severities and loci in
/// their vocabulary's order, zeros included.
final class StatsOrderTests: XCTestCase {
    func testStatsCountDuplicatesAndListVocabulariesInOrderWithZeros() throws {
        let ws = try workspace(8)
        try ws.store.applyLabel(.severity, value: "S3", to: [1, 2, 3], by: ws.identity, at: t0)
        try ws.store.applyLabel(.severity, value: "S1", to: [4], by: ws.identity, at: t0 + 1)
        try ws.store.applyLabel(.locus, value: "knowledge", to: [4], by: ws.identity, at: t0 + 2)
        try ws.store.applyLabel(.status, value: "resolved", to: [4], by: ws.identity, at: t0 + 3)
        // 2 and 3 carry S3 of their own, but as duplicates of 1 they go by 1's labels.
        try ws.store.merge([2, 3], into: 1, by: ws.identity, at: t0 + 4)

        let stats = try ws.store.stats()
        XCTAssertEqual(stats.duplicates, 2)
        XCTAssertEqual(stats.openBacklog, 5)
        XCTAssertEqual(stats.byStatus.map(\.name), ["new", "in_review", "triaged", "resolved", "wont_fix", "duplicate"])
        XCTAssertEqual(stats.byStatus.map(\.count), [5, 0, 0, 1, 0, 2], "duplicates are not new")
        XCTAssertEqual(stats.bySeverity.map(\.name), ["S1", "S2", "S3", "S4", "unset"], "taxonomy order, not by count")
        XCTAssertEqual(stats.bySeverity.map(\.count), [1, 0, 1, 0, 4])
        XCTAssertEqual(stats.bySeverity.map(\.label), ["critical", "major", "minor", "cosmetic", nil])
        XCTAssertEqual(stats.byLocus.map(\.name), Taxonomy.defaults.loci.map(\.name) + ["unset"])
        XCTAssertEqual(stats.byLocus.first { $0.name == "knowledge" }?.count, 1)
        XCTAssertEqual(stats.byLocus.last?.count, 5)
        XCTAssertEqual(stats.byOwner.map(\.name), ["unassigned", "content-team"], "owners come by count")

        let json = String(decoding: try JSONEncoder().encode(stats), as: UTF8.self)
        XCTAssertTrue(json.contains(#""duplicates":2"#), json)
        XCTAssertTrue(json.contains(#""label":"critical""#), json)
    }

    func testSeveritiesOutsideTheTaxonomyComeAfterItsOwnBeforeUnset() throws {
        let ws = try workspace(3)
        try ws.store.applyLabel(.severity, value: "S2", to: [1], by: ws.identity, at: t0)
        // A taxonomy changed since: the stored S9 is still counted, after the known ones.
        try ws.store.pool.write { try $0.execute(sql: "UPDATE items SET severity = 'S9' WHERE id = 2") }
        XCTAssertEqual(try ws.store.stats().bySeverity.map(\.name), ["S1", "S2", "S3", "S4", "S9", "unset"])
    }
}
