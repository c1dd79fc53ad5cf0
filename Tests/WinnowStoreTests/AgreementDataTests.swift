import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// `Store.reliabilityData`: a round's judgments laid out for the agreement figures. The rows are
/// written with SQL as the rounds and disputes code writes them (schema v8), so the read is
/// tested on its own.
final class AgreementDataTests: XCTestCase {
    var ws: TestWorkspace!

    override func setUpWithError() throws {
        ws = try workspace(4)
        try ws.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO rounds(id, name, rubric, fields, overlap, created_by, created_ms) VALUES
                    (1, 'r1', 'support', '["severity"]', 2, 'lead', 1),
                    (2, 'r2', NULL, '["severity"]', 2, 'lead', 1);
                INSERT INTO round_items(round_id, item_id, position, completed_ms) VALUES
                    (1, 1, 1, 10), (1, 2, 2, 10), (1, 3, 3, 10), (1, 4, 4, NULL), (2, 1, 1, NULL);
                UPDATE rounds SET closed_ms = NULL;
                """)
        }
    }

    func judge(_ round: Int64, _ item: Int64, _ field: String, _ reviewer: String, _ value: String?,
               state: String = "pending", revises: Int64? = nil) throws -> Int64 {
        try ws.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, round_id, revises)
                VALUES (?, ?, ?, ?, 'os', 5, ?, ?, ?)
                """, arguments: [item, field, value, reviewer, state, round, revises])
            return db.lastInsertedRowID
        }
    }

    func testCompleteItemsOnlyLatestJudgmentAndTheReference() throws {
        // Item 1: ana 4, ben 2, decided by the adjudicator at 3. Item 2: both 5 (consensus).
        // Item 3: ana revised 2 → 1 (the revision replaces it); ben 3; no reference.
        // Item 4 is not complete, so its judgments stay hidden.
        let ana1 = try judge(1, 1, "rubric:faithfulness", "ana", "4")
        _ = try judge(1, 1, "rubric:faithfulness", "ben", "2")
        _ = try judge(1, 2, "rubric:faithfulness", "ana", "5")
        _ = try judge(1, 2, "rubric:faithfulness", "ben", "5")
        let old = try judge(1, 3, "rubric:faithfulness", "ana", "2")
        _ = try judge(1, 3, "rubric:faithfulness", "ana", "1", revises: old)
        _ = try judge(1, 3, "rubric:faithfulness", "ben", "3")
        _ = try judge(1, 4, "rubric:faithfulness", "ana", "1")
        _ = try judge(1, 4, "rubric:faithfulness", "ben", "5")
        try ws.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO disputes(id, item_id, field, round_id, state, opened_by, opened_ms) VALUES (1, 1, 'rubric:faithfulness', 1, 'open', 'ben', 6);
                INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, rationale, dispute_id)
                    VALUES (1, 'rubric:faithfulness', '3', 'judge', 'os', 7, 'accepted', 'both overstated', 1);
                UPDATE disputes SET state = 'decided', decision_id = last_insert_rowid(), decided_by = 'judge', decided_ms = 7 WHERE id = 1;
                UPDATE judgments SET overruled_by = (SELECT decision_id FROM disputes WHERE id = 1) WHERE id = \(ana1);
                """)
        }
        let fields = try ws.store.reliabilityData()
        XCTAssertEqual(fields.count, 1)
        let faithfulness = try XCTUnwrap(fields.first)
        XCTAssertEqual(faithfulness.field, .dimension("faithfulness"))
        XCTAssertEqual(faithfulness.rubric, "support")
        XCTAssertEqual(faithfulness.level, .ordinal)
        XCTAssertEqual(faithfulness.scale, ["1", "2", "3", "4", "5"])
        XCTAssertEqual(faithfulness.data.raters, ["ana", "ben"], "the adjudicator is no rater")
        XCTAssertEqual(faithfulness.units.map(\.item), [1, 2, 3])
        XCTAssertEqual(faithfulness.data.units, [["4", "2"], ["5", "5"], ["1", "3"]])
        XCTAssertEqual(faithfulness.reference, ["3", "5", nil])
        XCTAssertEqual(faithfulness.judgments, 6)
        XCTAssertEqual(faithfulness.position(of: "4"), 4)

        // Closing the round reveals item 4 too; a field filter by dimension name or stored name.
        try ws.store.pool.write { try $0.execute(sql: "UPDATE rounds SET closed_ms = 20 WHERE id = 1") }
        XCTAssertEqual(try ws.store.reliabilityData(round: "r1", field: "faithfulness").first?.units.count, 4)
        XCTAssertEqual(try ws.store.reliabilityData(field: "rubric:faithfulness").count, 1)
        XCTAssertEqual(try ws.store.reliabilityData(field: "severity").count, 0)
        XCTAssertEqual(try ws.store.reliabilityData(round: "r2").count, 0)
    }

    func testSeverityIsOrdinalInTaxonomyOrderAndOtherLabelsNominal() throws {
        try ws.store.pool.write { try $0.execute(sql: "UPDATE round_items SET completed_ms = 10 WHERE round_id = 2") }
        _ = try judge(2, 1, "severity", "ana", "S2")
        _ = try judge(2, 1, "severity", "ben", "S2")
        _ = try judge(2, 1, "locus", "ana", "retrieval")
        _ = try judge(2, 1, "locus", "ben", "model")
        _ = try judge(2, 1, "severity", "cy", "S4", state: "superseded")
        let fields = try ws.store.reliabilityData(round: "r2")
        XCTAssertEqual(fields.map(\.field.stored), ["locus", "severity"])
        XCTAssertEqual(fields[0].level, .nominal)
        XCTAssertEqual(fields[0].reference, [nil])
        XCTAssertEqual(fields[1].level, .ordinal)
        XCTAssertEqual(fields[1].scale, ["S1", "S2", "S3", "S4"])
        XCTAssertEqual(fields[1].data.raters, ["ana", "ben"], "a superseded judgment does not count")
        XCTAssertEqual(fields[1].reference, ["S2"])
    }
}
