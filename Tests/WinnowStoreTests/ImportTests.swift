import Foundation
import GRDB
import XCTest
@testable import WinnowStore

final class ImportTests: XCTestCase {
    func testImportsValidLinesAndRejectsInvalidOnesWithLineNumbers() throws {
        let ws = try TestWorkspace()
        let lines = [
            eventLine("a1"),
            "not json at all",
            eventLine("a2", signal: "thumbs_sideways"),
            "",
            #"{"id":"a3","ts":"yesterday","signal":"csat","prompt":"p","response":"r"}"#,
            eventLine("a4", signal: "csat", extra: #","csat":9"#),
            eventLine("a5", signal: "explicit_correction", extra: #","correction":"Use Settings → Billing → Refunds.""#),
            #"{"ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r"}"#,
        ]
        let path = try ws.file("mixed.jsonl", lines.joined(separator: "\n") + "\n")
        let summary = try ws.importFile(path)
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(summary.rejected, 5)
        XCTAssertEqual(summary.blank, 1)
        XCTAssertEqual(summary.firstRejections.map(\.line), [2, 3, 5, 6, 8])
        XCTAssertEqual(summary.firstRejections.map(\.code),
                       ["not_json", "unknown_signal", "bad_timestamp", "csat_out_of_range", "missing_field"])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM events"), 2)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE status = 'new' AND is_open = 1"), 2)

        let rejectsPath = try XCTUnwrap(summary.rejectsFile)
        let rejectLines = try String(contentsOfFile: rejectsPath, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rejectLines.count, 5)
        XCTAssertTrue(rejectLines[0].contains(#""line":2"#))
        XCTAssertTrue(rejectLines[0].contains("not json at all"))
        XCTAssertTrue(rejectsPath.hasPrefix(ws.store.workspace.rejectsDirectory.path))
    }

    func testReimportIsIdempotent() throws {
        let ws = try TestWorkspace()
        let path = try ws.file("e.jsonl", (1...50).map { eventLine("id-\($0)") }.joined(separator: "\n"))
        let first = try ws.importFile(path)
        XCTAssertEqual(first.imported, 50)
        XCTAssertNil(first.rejectsFile)
        let second = try ws.importFile(path)
        XCTAssertEqual(second.imported, 0)
        XCTAssertEqual(second.skipped, 50)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM events"), 50)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items"), 50)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM imports WHERE finished_ms IS NOT NULL"), 2)
    }

    func testDuplicateIdsWithinOneFileImportOnce() throws {
        let ws = try TestWorkspace()
        let path = try ws.file("d.jsonl", [eventLine("x"), eventLine("x", prompt: "other")].joined(separator: "\n"))
        let summary = try ws.importFile(path)
        XCTAssertEqual(summary.imported, 1)
        XCTAssertEqual(summary.skipped, 1)
    }

    func testUnknownFieldsArePreservedVerbatim() throws {
        let ws = try TestWorkspace()
        let line = eventLine("u1", extra: #","locale":"fr-FR","experiment":{"arm":"b","n":[1,2.5]}"#)
        _ = try ws.importFile(try ws.file("u.jsonl", line))
        let raw = try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT raw FROM events WHERE id = 'u1'") }
        XCTAssertEqual(raw, line)
    }

    func testDryRunWritesNothing() throws {
        let ws = try TestWorkspace()
        let path = try ws.file("e.jsonl", [eventLine("d1"), eventLine("d2"), "junk"].joined(separator: "\n"))
        let summary = try ws.importFile(path, dryRun: true)
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(summary.rejected, 1)
        XCTAssertNil(summary.rejectsFile)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM events"), 0)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM imports"), 0)
    }

    func testCSVWithQuotedCommasNewlinesAndConversions() throws {
        let ws = try TestWorkspace()
        let csv = #"""
            id,ts,signal,prompt,response,csat,sources,tool_calls,team
            c1,2026-10-14T09:31:22Z,csat,"Refund, please","Line one
            line two with ""quotes""",2,kb/a|kb/b,"[{""name"":""lookup"",""status"":""error"",""error"":""403""}]",billing
            c2,2026-10-14T09:31:22Z,csat,p,r,7,,,
            c3,2026-10-14T09:31:22Z,thumbs_up,p,r
            c4,2026-10-15T09:31:22Z,rephrase,p,r,,"[""kb/x""]",,

            """#
        let summary = try ws.importFile(try ws.file("e.csv", csv))
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(summary.firstRejections.map(\.line), [4, 5])
        XCTAssertEqual(summary.firstRejections.map(\.code), ["csat_out_of_range", "csv_column_count"])
        let row = try XCTUnwrap(try ws.store.pool.read { try Row.fetchOne($0, sql: "SELECT * FROM events WHERE id = 'c1'") })
        XCTAssertEqual(row["prompt"] as String, "Refund, please")
        XCTAssertEqual(row["response"] as String, "Line one\nline two with \"quotes\"")
        XCTAssertEqual(row["csat"] as Int, 2)
        XCTAssertEqual(row["sources"] as String, #"["kb/a","kb/b"]"#)
        XCTAssertEqual(row["tool_failures"] as Int, 1)
        XCTAssertTrue((row["raw"] as String).contains(#""team":"billing""#))
        let c4 = try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT sources FROM events WHERE id = 'c4'") }
        XCTAssertEqual(c4, #"["kb/x"]"#)
    }

    func testCSVHeaderMissingRequiredColumnIsAClearError() throws {
        let ws = try TestWorkspace()
        let path = try ws.file("bad.csv", "id,ts,signal,prompt\nx,2026-10-14T09:31:22Z,csat,p\n")
        XCTAssertThrowsError(try ws.importFile(path)) { error in
            XCTAssertTrue(String(describing: error).contains("response"), "\(error)")
        }
    }

    func testGzipJSONLAndGzipCSV() throws {
        let ws = try TestWorkspace()
        let jsonl = try ws.file("e.jsonl", (1...300).map { eventLine("g\($0)") }.joined(separator: "\n"))
        let csv = try ws.file("e.csv", "id,ts,signal,prompt,response\nz1,2026-10-14T09:31:22Z,rephrase,p,r\n")
        for path in [jsonl, csv] {
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            gzip.arguments = ["-f", path]
            try gzip.run()
            gzip.waitUntilExit()
            XCTAssertEqual(gzip.terminationStatus, 0)
        }
        XCTAssertEqual(try ws.importFile(jsonl + ".gz").imported, 300)
        let csvSummary = try ws.importFile(csv + ".gz")
        XCTAssertEqual(csvSummary.imported, 1)
        XCTAssertEqual(csvSummary.format, .csv)
    }

    func testCorruptGzipIsAnError() throws {
        let ws = try TestWorkspace()
        let path = try ws.file("broken.jsonl.gz", Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05]))
        XCTAssertThrowsError(try ws.importFile(path))
    }

    func testMultiMegabyteFieldAndOverlongLine() throws {
        let ws = try TestWorkspace()
        let big = String(repeating: "x", count: 5_000_000)
        var data = Data((eventLine("big", response: big) + "\n").utf8)
        data.append(Data((#"{"id":"huge","pad":""# + String(repeating: "y", count: 17_000_000) + "\"}\n").utf8))
        data.append(Data((eventLine("after") + "\n").utf8))
        let summary = try ws.importFile(try ws.file("big.jsonl", data))
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(summary.firstRejections.map(\.line), [2])
        XCTAssertEqual(summary.firstRejections.first?.code, "line_too_long")
        let length = try ws.count("SELECT length(response) FROM events WHERE id = 'big'")
        XCTAssertEqual(length, 5_000_000)
    }

    func testInvalidUTF8LineIsRejectedAndTheRestImports() throws {
        let ws = try TestWorkspace()
        var data = Data((eventLine("ok1") + "\n").utf8)
        var bad = Array(eventLine("bad").utf8)
        bad[30] = 0xC3
        bad[31] = 0x28
        data.append(contentsOf: bad)
        data.append(10)
        data.append(Data((eventLine("ok2") + "\r\n").utf8))
        let summary = try ws.importFile(try ws.file("utf.jsonl", data))
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(summary.firstRejections.first?.line, 2)
        XCTAssertEqual(summary.firstRejections.first?.code, "invalid_utf8")
    }

    func testFullTextIndexFindsImportedText() throws {
        let ws = try TestWorkspace()
        let path = try ws.file("f.jsonl", [
            eventLine("f1", prompt: "SAML login loop after update"),
            eventLine("f2", prompt: "Refund the annual plan"),
            eventLine("f3", signal: "explicit_correction", extra: #","correction":"Use the Okta tile""#),
        ].joined(separator: "\n"))
        _ = try ws.importFile(path)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'saml'"), 1)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'okta'"), 1)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'refund'"), 3)
    }

    func testBatchesAreHandedOverBySizeAsWellAsByCount() throws {
        // Long events must not make a batch of 5,000 hold hundreds of megabytes: the byte limit
        // hands a batch over early. Progress is reported once per batch handed over.
        let ws = try TestWorkspace()
        let long = String(repeating: "word ", count: 200)
        let path = try ws.file("long.jsonl", (1...40).map { eventLine("l\($0)", response: long) }.joined(separator: "\n"))
        func batches(maxBytes: Int) throws -> Int {
            var options = ImportOptions()
            options.batchBytes = maxBytes
            var reports = 0
            let workspace = try TestWorkspace()
            let summary = try EventImporter(store: workspace.store, identity: workspace.identity)
                .run(try ImportInput.open(path: path, format: nil), options: options) { _ in reports += 1 }
            XCTAssertEqual(summary.imported, 40)
            return reports
        }
        XCTAssertEqual(try batches(maxBytes: 1 << 20), 1)
        // Each line is about 1,100 bytes: 4,000 bytes make a batch of four lines.
        XCTAssertEqual(try batches(maxBytes: 4_000), 10)
    }

    func testSignalWeightsFollowTheConfig() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("w.jsonl", eventLine("w1", signal: "rephrase")))
        XCTAssertEqual(try ws.store.pool.read { try Double.fetchOne($0, sql: "SELECT weight FROM items") }, 0.3)
        try Data("[signal_weights]\nrephrase = 0.6\n".utf8).write(to: ws.store.workspace.configURL)
        let reopened = try Store.open(ws.store.workspace)
        XCTAssertEqual(try reopened.pool.read { try Double.fetchOne($0, sql: "SELECT weight FROM items") }, 0.6)
    }

    func testStatsCountBySignalStatusAndSpan() throws {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("s.jsonl", [
            eventLine("s1", signal: "csat", extra: #","csat":1"#),
            #"{"id":"s2","ts":"2026-11-01T00:00:00Z","signal":"thumbs_up","prompt":"p","response":"r"}"#,
            eventLine("s3", signal: "csat", extra: #","csat":2"#),
        ].joined(separator: "\n")))
        let stats = try ws.store.stats()
        XCTAssertEqual(stats.events, 3)
        XCTAssertEqual(stats.openBacklog, 3)
        XCTAssertEqual(stats.firstEvent, "2026-10-14T09:31:22Z")
        XCTAssertEqual(stats.lastEvent, "2026-11-01T00:00:00Z")
        XCTAssertEqual(stats.bySignal.first { $0.name == "csat" }?.count, 2)
        XCTAssertEqual(stats.bySignal.first { $0.name == "rephrase" }?.count, 0)
        XCTAssertEqual(stats.bySignal.count, 7)
        XCTAssertEqual(stats.byStatus.filter { $0.count > 0 }, [.init(name: "new", count: 3)])
        XCTAssertEqual(stats.bySeverity.filter { $0.count > 0 }, [.init(name: "unset", count: 3)])
    }
}
