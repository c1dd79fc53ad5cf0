import Foundation
import XCTest

/// `winnow export eval` through the real binary on the demo's events: the slice and the rubric
/// cases, the manifest, a byte-identical rerun, a dry run, and the eval items kept out of training.
final class EvalExportCLITests: XCTestCase {
    func testTheDemoGivesAnEvalSetThatTrainingNeverCarries() throws {
        let tmp = try TemporaryDirectory()
        func winnow(_ arguments: [String]) throws -> WinnowBinary.Result {
            try WinnowBinary.run(arguments + ["--reviewer", "dana"], home: tmp.url)
        }
        let asOf = "2026-11-20T00:00:00Z"
        let dry = try winnow(["export", "eval", "--dry-run", "--as-of", asOf])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("\"kind\" : \"eval\""), dry.stdout)

        let first = try winnow(["export", "eval", "--output", tmp.path("eval.jsonl"), "--as-of", asOf])
        XCTAssertEqual(first.status, 0, first.stderr)
        let summary = try XCTUnwrap(first.stdout.split(separator: "\n").first.map(String.init))
        XCTAssertTrue(summary.hasPrefix("exported "), summary)
        XCTAssertTrue(summary.contains(" from the slice ("), summary)
        XCTAssertTrue(summary.contains(" rubric"), summary)
        let data = try Data(contentsOf: tmp.url.appendingPathComponent("eval.jsonl"))
        let manifestData = try Data(contentsOf: tmp.url.appendingPathComponent("eval.jsonl.manifest.json"))
        let manifest = try XCTUnwrap(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        XCTAssertGreaterThan(manifest["slice_cases"] as? Int ?? 0, 0, "the demo's weeks give slice cases")
        XCTAssertGreaterThan(manifest["rubric_cases"] as? Int ?? 0, 0, "the demo's QA rounds give scored cases")
        XCTAssertEqual(manifest["as_of"] as? String, asOf)

        let again = try winnow(["export", "eval", "--output", tmp.path("eval.jsonl"), "--as-of", asOf])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("(0 chosen now)"), again.stdout)
        XCTAssertEqual(try Data(contentsOf: tmp.url.appendingPathComponent("eval.jsonl")), data)
        XCTAssertEqual(try Data(contentsOf: tmp.url.appendingPathComponent("eval.jsonl.manifest.json")), manifestData)

        let ids = try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line -> Int in
            let record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try XCTUnwrap(record["item_id"] as? Int)
        }
        let explained = try winnow(["export", "--explain", String(ids[0]), "--as-of", asOf])
        XCTAssertEqual(explained.status, 0, explained.stderr)
        XCTAssertTrue(explained.stdout.contains("reserved_for_eval: drop"), explained.stdout)
    }
}
