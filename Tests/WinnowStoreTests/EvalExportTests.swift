import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// `winnow export eval` in the store: the frozen slice and the complete rubric cases, byte for
/// byte the same on a rerun, one audit record, nothing written in a dry run, redacted, filtered,
/// and never in a training export afterwards.
final class EvalExportTests: XCTestCase {
    /// 60 events over the week before the as-of, two intents; every fifth one mentions an email.
    func workspace(share: Double = 0.1) throws -> ExportWorkspace {
        let events = (0..<60).map { n in
            ExportWorkspace.Event("ev-\(n)") { event in
                event.age = ExportWorkspace.day + Int64(n) * 3_600_000
                event.intent = n % 2 == 0 ? "billing.refund" : "account.login"
                event.prompt = n % 5 == 0 ? "Please write to jane.doe@example.com about order \(n)" : "Question \(n) about my plan"
            }
        }
        return try ExportWorkspace(events, evalShare: share)
    }

    func export(_ ws: ExportWorkspace, to name: String = "eval.jsonl", filter: String? = nil, dryRun: Bool = false) throws -> EvalExportResult {
        try ws.store.exportEval(EvalExportOptions(asOfMillis: ExportWorkspace.asOf, filter: filter, dryRun: dryRun, output: ws.url(name)),
                                by: ws.identity)
    }

    func testTheSliceIsWrittenWithItsManifestAndARerunIsByteIdentical() throws {
        let ws = try workspace()
        let first = try export(ws)
        XCTAssertEqual(first.manifest.sliceCases, 6, "10 % of 60")
        XCTAssertEqual(first.sliceChosenNow, 6)
        XCTAssertEqual(first.manifest.kept, 6)
        XCTAssertEqual(first.manifest.rubricCases, 0)
        XCTAssertEqual(first.manifest.weeks.values.reduce(0, +), 6)
        let data = try Data(contentsOf: ws.url("eval.jsonl"))
        let manifest = try Data(contentsOf: ws.url("eval.jsonl.manifest.json"))
        XCTAssertEqual(try ws.records("eval.jsonl").count, 6)

        let second = try export(ws)
        XCTAssertEqual(second.sliceChosenNow, 0, "the slice is kept, not chosen again")
        XCTAssertEqual(try Data(contentsOf: ws.url("eval.jsonl")), data, "the same store and as-of give the same bytes")
        XCTAssertEqual(try Data(contentsOf: ws.url("eval.jsonl.manifest.json")), manifest)
        XCTAssertEqual(try ws.ws.count("SELECT count(*) FROM audit WHERE action = 'export' AND field = 'eval'"), 2, "one record per export")
    }

    func testADryRunWritesNoFileKeepsNoSliceAndAuditsNothing() throws {
        let ws = try workspace()
        let result = try export(ws, dryRun: true)
        XCTAssertEqual(result.manifest.kept, 6)
        XCTAssertNil(result.auditSeq)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.url("eval.jsonl").path))
        XCTAssertEqual(try ws.ws.count("SELECT count(*) FROM eval_items"), 0)
        XCTAssertEqual(try ws.ws.count("SELECT count(*) FROM audit WHERE action = 'export'"), 0)
    }

    func testTextsAreRedactedAndMarked() throws {
        let ws = try workspace(share: 1)
        let result = try export(ws)
        XCTAssertEqual(result.manifest.redactedRecords, 12, "every fifth of 60 prompts holds an email")
        let redacted = try ws.records("eval.jsonl").filter { ($0["redacted"] as? [String])?.isEmpty == false }
        XCTAssertEqual(redacted.count, 12)
        for record in redacted {
            XCTAssertEqual(record["redacted"] as? [String], ["prompt"])
            XCTAssertFalse((record["prompt"] as! String).contains("@example.com"))
            XCTAssertTrue((record["prompt"] as! String).contains("[EMAIL]"), record["prompt"] as! String)
        }
    }

    func testAFilterKeepsItsItemsOnly() throws {
        let ws = try workspace(share: 1)
        let result = try export(ws, filter: "intent:billing.refund")
        XCTAssertEqual(result.manifest.kept, 30)
        XCTAssertEqual(result.manifest.filter, "intent:billing.refund")
        XCTAssertTrue(try ws.records("eval.jsonl").allSatisfy { $0["intent"] as? String == "billing.refund" })
    }

    func testRubricCasesCarryTheirScoresAndIncompleteOnesAreCountedAsDropped() throws {
        let ws = try workspace(share: 0.001)
        let scored = try ws.item("ev-3"), pending = try ws.item("ev-4")
        let round = try ws.ws.makeRound("qa", items: [scored, pending], reviewers: ["alice", "bo"])
        for (field, value) in [(JudgedField.dimension("faithfulness"), "3"), (.dimension("completeness"), "2")] {
            try ws.ws.judge(round: round, item: scored, field, value, by: "alice")
            try ws.ws.judge(round: round, item: scored, field, value, by: "bo")
        }
        try ws.ws.complete(round: round, item: scored, by: Identity(reviewer: "bo", osUser: "bo"), at: ExportWorkspace.asOf - 1)
        let result = try export(ws)
        XCTAssertEqual(result.manifest.sliceCases, 0, "0.1 % of 60 rounds to none")
        XCTAssertEqual(result.manifest.rubricCases, 1)
        XCTAssertEqual(result.manifest.dropped["rubric_incomplete"], ExportManifest.Dropped(count: 1, samples: [pending]))
        let record = try XCTUnwrap(try ws.records("eval.jsonl").first)
        XCTAssertEqual((record["item_id"] as! NSNumber).int64Value, scored)
        let rubric = try XCTUnwrap((record["rubric"] as? [[String: Any]])?.first)
        XCTAssertEqual(rubric["round"] as? String, "qa")
        let scores = try XCTUnwrap(rubric["scores"] as? [String: [String: String]])
        XCTAssertEqual(scores["faithfulness"], ["value": "3", "source": "consensus"])
        XCTAssertEqual(scores["completeness"], ["value": "2", "source": "consensus"])
    }

    func testEvalItemsNeverReachATrainingExport() throws {
        let ws = try workspace(share: 0.1)
        for n in 0..<60 { try ws.settle("ev-\(n)") }
        let eval = try export(ws)
        let evalItems = Set(try ws.records("eval.jsonl").map { ($0["item_id"] as! NSNumber).int64Value })
        XCTAssertEqual(evalItems.count, eval.manifest.kept)
        let training = try ws.export(.dpo)
        XCTAssertEqual(training.manifest.dropped["reserved_for_eval"]?.count, evalItems.count)
        XCTAssertTrue(Set(try ws.keptItems()).isDisjoint(with: evalItems))
        XCTAssertEqual(training.manifest.kept + evalItems.count, 60)
    }
}
