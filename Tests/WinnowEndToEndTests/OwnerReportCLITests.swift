import Foundation
import XCTest

/// `winnow report owners` through the real binary: Markdown that survives a hostile prompt, RFC 4180
/// CSV, JSON, and a fixed order.
final class OwnerReportCLITests: XCTestCase {
    func testMarkdownCSVAndJSON() throws {
        let tmp = try TemporaryDirectory()
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        func winnow(_ arguments: [String], stdin: Data? = nil) throws -> WinnowBinary.Result {
            try WinnowBinary.run(arguments + ["--workspace", ws, "--reviewer", "dana"], home: tmp.url, stdin: stdin)
        }
        let now = Date()
        let iso = ISO8601DateFormatter()
        let prompts = ["Refund | charged `twice` *now* [link](http://x) <b>", "Where is the \u{1B}[2J export, \"quoted\"?", "SSO fails"]
        let events = try prompts.enumerated().map { n, prompt in
            let event: [String: Any] = ["id": "e\(n + 1)", "ts": iso.string(from: now.addingTimeInterval(-Double(n + 1) * 86_400)),
                                        "signal": "thumbs_down", "prompt": prompt, "response": "Answer,\nsecond line"]
            return String(decoding: try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]), as: UTF8.self)
        }
        try events.joined(separator: "\n").write(toFile: tmp.path("e.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try winnow(["import", tmp.path("e.jsonl")]).status, 0)
        let labels = [#"{"id":"e1","field":"locus","value":"knowledge"}"#, #"{"id":"e1","field":"severity","value":"S1"}"#,
                      #"{"id":"e1","field":"reasons","value":"stale"}"#, #"{"id":"e1","field":"correction","value":"Refunds | take 5 days"}"#,
                      #"{"id":"e2","field":"locus","value":"knowledge"}"#, #"{"id":"e2","field":"severity","value":"S2"}"#,
                      #"{"id":"e3","field":"locus","value":"retrieval"}"#]
        XCTAssertEqual(try winnow(["label", "--file", "-"], stdin: Data(labels.joined(separator: "\n").utf8)).status, 0)

        var r = try winnow(["report", "owners"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let md = r.stdout
        XCTAssertTrue(md.hasPrefix("# Owner report: ws\n"), md)
        let sections = md.components(separatedBy: "\n## ").dropFirst().map { $0.prefix { $0 != "\n" } }
        XCTAssertEqual(sections, ["content-team", "search-team"], "most open first")
        XCTAssertTrue(md.contains("**2 open** · new this period 2 (last period 0, up from none)"), md)
        XCTAssertTrue(md.contains("| S1 critical | 1 |"), md)
        XCTAssertTrue(md.contains("Top reasons: stale (1) · top loci: knowledge (2)"), md)
        XCTAssertTrue(md.contains("### Oldest open S1/S2"), md)
        // Untrusted text cannot make markup, break the table or reach the terminal raw.
        XCTAssertTrue(md.contains(#"| Refund \| charged \`twice\` \*now\* \[link\](http://x) \<b\> |"#), md)
        XCTAssertTrue(md.contains("Where is the ␛\\[2J export"), md)
        XCTAssertFalse(md.contains("\u{1B}"))
        XCTAssertTrue(md.contains("  - Correction: Refunds \\| take 5 days"), md)
        XCTAssertTrue(md.contains("  - Response: Answer,⏎second line"), md)
        XCTAssertEqual(try winnow(["report", "owners"]).stdout, md, "the same store gives the same report")

        r = try winnow(["report", "owners", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.stdout.components(separatedBy: "\r\n")
        XCTAssertEqual(rows.first, "owner,metric,key,value,item,event_id,text")
        XCTAssertEqual(rows.last, "", "every row ends in CRLF")
        XCTAssertTrue(rows.contains("content-team,open_total,,2,,,"), r.stdout)
        XCTAssertTrue(rows.contains("content-team,example,S1,Refunds | take 5 days,1,e1,Refund | charged `twice` *now* [link](http://x) <b>"), r.stdout)
        XCTAssertEqual(rows.filter { $0.hasPrefix("content-team,oldest_open_severe,") }.map { $0.split(separator: ",")[2] }, ["S2", "S1"],
                       "oldest first: e2 is two days old, e1 one")
        XCTAssertTrue(r.stdout.contains(#""Where is the ␛[2J export, ""quoted""?""#), r.stdout)

        r = try winnow(["report", "owners", "--format", "json", "--since", "2d"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let owners = try XCTUnwrap(report["owners"] as? [[String: Any]])
        XCTAssertEqual(owners.map { $0["owner"] as? String }, ["content-team", "search-team"])
        XCTAssertEqual(owners[0]["new_this_period"] as? Int, 1, "only e1 is under two days old")
        XCTAssertEqual(owners[0]["new_last_period"] as? Int, 1)
        XCTAssertEqual((owners[0]["open_by_severity"] as? [[String: Any]])?.map { $0["name"] as? String }, ["S1", "S2", "S3", "S4", "unset"])

        r = try winnow(["report", "owners", "--since", "tomorrow"])
        XCTAssertEqual(r.status, 64)
    }
}
