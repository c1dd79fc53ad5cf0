import Foundation
import XCTest

/// `winnow agreement` run as a user runs it: on a reliability-data CSV and on a workspace.
final class AgreementCLITests: XCTestCase {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units.
    let krippendorff2011 = """
        A,B,C,D
        1,1,,1
        2,2,3,2
        3,3,3,3
        3,3,3,3
        2,2,2,2
        1,2,3,4
        4,4,4,4
        1,1,2,1
        2,2,2,2
        ,5,5,5
        ,,1,1
        ,,3,

        """

    func json(_ stdout: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as! [String: Any]
    }

    func testDataJSONGivesEveryFigureOrNullWithItsReason() throws {
        let tmp = try TemporaryDirectory()
        try krippendorff2011.write(toFile: tmp.path("k.csv"), atomically: true, encoding: .utf8)
        var alphas: [String: Double] = [:]
        for level in ["nominal", "ordinal", "interval", "ratio"] {
            let r = try WinnowBinary.run(["agreement", "--data", tmp.path("k.csv"), "--level", level, "--json",
                                          "--bootstrap", "200", "--seed", "3"], home: tmp.url)
            XCTAssertEqual(r.status, 0, r.stderr)
            let report = try json(r.stdout)
            alphas[level] = report["krippendorff_alpha"] as? Double
            XCTAssertEqual(report["units"] as? Int, 12)
            XCTAssertEqual(report["raters"] as? Int, 4)
            XCTAssertEqual(report["percent_agreement"] as? Double ?? 0, 0.818, accuracy: 0.0005)
            XCTAssertEqual(report["gwet_ac1"] as? Double ?? 0, 0.775, accuracy: 0.0005)
            XCTAssertTrue(report["cohen_kappa"] is NSNull)
            XCTAssertEqual(report["cohen_kappa_reason"] as? String, "Cohen's κ needs exactly two raters, found 4")
            XCTAssertTrue(report["fleiss_kappa"] is NSNull)
            XCTAssertTrue((report["fleiss_kappa_reason"] as? String ?? "").hasPrefix("Fleiss' κ needs the same number of ratings per unit"))
            XCTAssertTrue(report["weighted_kappa_linear"] is NSNull)
            XCTAssertNotNil(report["weighted_kappa_quadratic_reason"] as? String)
            XCTAssertEqual((report["pairwise_cohen_kappa"] as? [[String: Any]])?.count, 6)
            let ci = try XCTUnwrap(report["krippendorff_alpha_ci"] as? [String: Any])
            XCTAssertEqual(ci["replicates"] as? Int, 200)
            XCTAssertEqual(ci["seed"] as? Int, 3)
            XCTAssertLessThanOrEqual(ci["lower"] as! Double, report["krippendorff_alpha"] as! Double)
            if level == "ratio" {
                let again = try WinnowBinary.run(["agreement", "--data", tmp.path("k.csv"), "--level", level, "--json",
                                                  "--bootstrap", "200", "--seed", "3"], home: tmp.url)
                XCTAssertEqual(again.stdout, r.stdout, "the same seed gives the same interval")
            }
        }
        // Krippendorff's published values.
        for (level, published) in ["nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797] {
            XCTAssertEqual(alphas[level] ?? 0, published, accuracy: 0.0005, level)
        }

        // Two raters: Cohen's and weighted kappa are defined, and there are no pairs to list.
        try "a,b\n1,1\n2,2\n3,2\n1,\n".write(toFile: tmp.path("two.csv"), atomically: true, encoding: .utf8)
        let r = try WinnowBinary.run(["agreement", "--data", tmp.path("two.csv"), "--level", "ordinal", "--json",
                                      "--bootstrap", "0"], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try json(r.stdout)
        XCTAssertNotNil(report["cohen_kappa"] as? Double)
        XCTAssertNotNil(report["weighted_kappa_quadratic"] as? Double)
        XCTAssertNotNil(report["fleiss_kappa_reason"] as? String, "units have 1 or 2 ratings")
        XCTAssertNil(report["pairwise_cohen_kappa"])
        XCTAssertTrue(report["krippendorff_alpha_ci"] is NSNull)
        XCTAssertEqual(report["krippendorff_alpha_ci_reason"] as? String, "no bootstrap asked for (--bootstrap 0)")

        let table = try WinnowBinary.run(["agreement", "--data", tmp.path("k.csv")], home: tmp.url)
        XCTAssertTrue(table.stdout.contains("Krippendorff's α (nominal)   0.743"), table.stdout)
        XCTAssertTrue(table.stdout.contains("A – B   0.845"), table.stdout)
    }

    func testBadRowsAreRefusedWithTheirLines() throws {
        let tmp = try TemporaryDirectory()
        try "a,b\n1,2\n1,2,3\n4,high\n".write(toFile: tmp.path("bad.csv"), atomically: true, encoding: .utf8)
        let r = try WinnowBinary.run(["agreement", "--data", tmp.path("bad.csv"), "--level", "interval"], home: tmp.url)
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("line 3: CSV row has 3 columns, the header has 2"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 4: `high` (rater b) is not a number"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testWorkspaceRoundsPerFieldWithReviewersAgainstTheOutcome() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let events = (1...3).map { #"{"id":"e\#($0)","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"p","response":"r"}"# }
        try events.joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try WinnowBinary.run(["import", "--workspace", ws, tmp.path("e.jsonl")], home: tmp.url).status, 0)
        var r = try WinnowBinary.run(["agreement", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("No complete round items"), r.stdout)

        // ana scores lower than ben on every item; the consensus item and the decision are the outcome.
        // A reviewer name carrying an escape sequence must not reach the terminal raw.
        _ = try SQLiteShell.query(ws, """
            INSERT INTO rounds(id, name, rubric, created_by, created_ms) VALUES (1, 'week-1', 'support', 'lead', 1);
            INSERT INTO round_items(round_id, item_id, position, completed_ms) VALUES (1, 1, 1, 9), (1, 2, 2, 9), (1, 3, 3, 9);
            INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, round_id) VALUES
                (1, 'rubric:faithfulness', '2', 'ana', 'os', 5, 'pending', 1),
                (1, 'rubric:faithfulness', '4', 'ben\u{1B}[31m', 'os', 5, 'pending', 1),
                (2, 'rubric:faithfulness', '5', 'ana', 'os', 5, 'pending', 1),
                (2, 'rubric:faithfulness', '5', 'ben\u{1B}[31m', 'os', 5, 'pending', 1),
                (3, 'rubric:faithfulness', '3', 'ana', 'os', 5, 'pending', 1),
                (3, 'rubric:faithfulness', '4', 'ben\u{1B}[31m', 'os', 5, 'pending', 1);
            INSERT INTO disputes(id, item_id, field, round_id, state, opened_by, opened_ms) VALUES (1, 1, 'rubric:faithfulness', 1, 'open', 'ana', 6);
            INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state, rationale, dispute_id)
                VALUES (1, 'rubric:faithfulness', '3', 'judge', 'os', 7, 'accepted', 'why', 1);
            UPDATE disputes SET state = 'decided', decision_id = last_insert_rowid() WHERE id = 1;
            """)
        r = try WinnowBinary.run(["agreement", "--workspace", ws, "--round", "week-1", "--json"], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("\u{1B}"), "no raw escape in JSON")
        let fields = try XCTUnwrap(try json(r.stdout)["fields"] as? [[String: Any]])
        XCTAssertEqual(fields.count, 1)
        let faithfulness = fields[0]
        XCTAssertEqual(faithfulness["field"] as? String, "faithfulness")
        XCTAssertEqual(faithfulness["level"] as? String, "ordinal")
        XCTAssertEqual(faithfulness["items"] as? Int, 3)
        XCTAssertEqual(faithfulness["judgments"] as? Int, 6)
        XCTAssertNotNil(faithfulness["weighted_kappa_linear"] as? Double)
        let reviewers = try XCTUnwrap(faithfulness["reviewers"] as? [[String: Any]])
        XCTAssertEqual(reviewers.count, 2)
        // Outcomes: item 1 decided 3, item 2 agreed 5, item 3 none. ana: 2 vs 3, 5 vs 5.
        XCTAssertEqual(reviewers[0]["name"] as? String, "ana")
        XCTAssertEqual(reviewers[0]["compared"] as? Int, 2)
        XCTAssertEqual(reviewers[0]["equal"] as? Int, 1)
        XCTAssertEqual(reviewers[0]["mean_difference"] as? Double, -0.5)
        XCTAssertEqual(reviewers[0]["lean"] as? String, "harsher")
        XCTAssertEqual(reviewers[1]["lean"] as? String, "more_lenient")

        r = try WinnowBinary.run(["agreement", "--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("\u{1B}"), "no raw escape in the table")
        XCTAssertTrue(r.stdout.contains("faithfulness (rubric support): 3 items, 6 judgments by 2 reviewers, ordinal scale"), r.stdout)
        XCTAssertTrue(r.stdout.contains("harsher"), r.stdout)
    }
}
