import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// The training exports against a real store: each rule drops its crafted event and nothing else,
/// the cap is applied in its documented order, output and manifest are byte-identical across runs,
/// a dry run keeps nothing, every export is one audit record.
final class TrainingExportTests: XCTestCase {
    typealias Event = ExportWorkspace.Event
    let day = ExportWorkspace.day

    func testEachRuleDropsItsEventAndNothingElse() throws {
        let blockedFile = "blocked.txt"
        let fixture = try ExportWorkspace([
            Event("keep-a"),
            Event("keep-exactly-45-days") { $0.age = 45 * self.day; $0.intent = "account.login" },
            Event("keep-distance-10") { $0.response = "The refund takes five business days to arrive." },
            Event("drop-stale") { $0.age = 45 * self.day + 1000; $0.intent = "account.login" },
            Event("drop-distance-9") { $0.response = "The refund takes five business days to arrive." },
            Event("drop-thumbs-up") { $0.signal = "thumbs_up" },
            Event("drop-blocked-file") { $0.user = "u-evil" },
            Event("drop-duplicate"),
            Event("drop-unsettled"),
            Event("drop-not-trainable"),
            Event("drop-cutoff") { $0.intent = "billing.vat"; $0.age = 20 * self.day },
            Event("keep-cutoff-other-intent") { $0.intent = "account.login"; $0.age = 20 * self.day },
            Event("skip-no-correction"),
            Event("skip-future") { $0.age = -1000 },
        ], config: """
            [training]
            blocked_users_file = "\(blockedFile)"
            max_user_share = 1.0

            [[training.cutoff]]
            intent = "billing.*"
            since = "2026-11-20T00:00:00Z"
            """)
        _ = try fixture.ws.file(blockedFile, "# adversarial accounts\nu-evil   # prompt injection\n\n")
        let keepA = try fixture.settle("keep-a")
        let keep45 = try fixture.settle("keep-exactly-45-days")
        let keep10 = try fixture.settle("keep-distance-10", correction: "The refund takes five business days to XXXXXXXXXX.")
        let stale = try fixture.settle("drop-stale")
        let nine = try fixture.settle("drop-distance-9", correction: "The refund takes five business days to XXXXXXXXX.")
        let thumbs = try fixture.settle("drop-thumbs-up")
        try fixture.label("drop-thumbs-up", .trainable, "yes")
        let blocked = try fixture.settle("drop-blocked-file")
        let duplicate = try fixture.settle("drop-duplicate")
        try fixture.store.merge([duplicate], into: keepA, by: fixture.identity,
                                expectedVersions: try fixture.store.versions(of: [duplicate, keepA]))
        let unsettled = try fixture.settle("drop-unsettled", status: "in_review")
        let notTrainable = try fixture.settle("drop-not-trainable")
        try fixture.label("drop-not-trainable", .trainable, "no")
        let cutoff = try fixture.settle("drop-cutoff")
        let otherIntent = try fixture.settle("keep-cutoff-other-intent")
        try fixture.settle("skip-no-correction", correction: nil)
        try fixture.settle("skip-future")

        let manifest = try fixture.export().manifest
        XCTAssertEqual(try fixture.keptItems(), [keepA, keep45, keep10, otherIntent].sorted())
        XCTAssertEqual(manifest.kept, 4)
        XCTAssertEqual(manifest.considered, 12, "the item without a correction and the one after as-of are not considered")
        let expected: [TrainingRule: Int64] = [.stale: stale, .minEditDistance: nine, .thumbsUp: thumbs, .blockedUser: blocked,
                                               .duplicate: duplicate, .unsettled: unsettled, .notTrainable: notTrainable,
                                               .versionCutoff: cutoff]
        for rule in TrainingRule.allCases {
            let dropped = manifest.dropped[rule.rawValue]!
            if let item = expected[rule] {
                XCTAssertEqual(dropped, ExportManifest.Dropped(count: 1, samples: [item]), rule.rawValue)
            } else {
                XCTAssertEqual(dropped.count, 0, rule.rawValue)
            }
        }
    }

    func testTheUserCapKeepsTheHighestWeightThenTheOldestAndIsReachedExactly() throws {
        let fixture = try ExportWorkspace([
            Event("u1-old-csat") { $0.user = "u1"; $0.signal = "csat"; $0.csat = 1; $0.age = 5 * self.day },
            Event("u1-new-correction") { $0.user = "u1"; $0.age = 1 * self.day },
            Event("u1-old-correction") { $0.user = "u1"; $0.age = 3 * self.day },
            Event("u2-a") { $0.user = "u2" },
            Event("u2-b") { $0.user = "u2" },
            Event("anonymous-1") { $0.user = nil },
            Event("anonymous-2") { $0.user = nil },
            Event("anonymous-3") { $0.user = nil },
        ], config: "[training]\nmax_per_user = 2\nmax_user_share = 1.0\n")
        let ids = try ["u1-old-csat", "u1-new-correction", "u1-old-correction", "u2-a", "u2-b", "anonymous-1", "anonymous-2", "anonymous-3"]
            .map { try fixture.settle($0) }
        let manifest = try fixture.export().manifest
        XCTAssertEqual(manifest.dropped["user_cap"], ExportManifest.Dropped(count: 1, samples: [ids[0]]),
                       "u1 keeps its two corrections (weight 0.9) over the csat (0.7)")
        XCTAssertEqual(try fixture.keptItems(), Array(ids[1...]), "u2 has exactly the cap; events without a user are not capped")
        XCTAssertEqual(manifest.userCap.effectiveCap, 2)
        XCTAssertEqual(manifest.userCap.usersCapped, 1)
        XCTAssertEqual(manifest.userCap.candidatesBeforeCap, 8)

        let tighter = try ExportWorkspace([
            Event("a") { $0.user = "u1"; $0.age = 2 * self.day },
            Event("b") { $0.user = "u1"; $0.age = 3 * self.day },
        ], config: "[training]\nmax_per_user = 1\nmax_user_share = 1.0\n")
        let a = try tighter.settle("a"), b = try tighter.settle("b")
        XCTAssertEqual(try tighter.export().manifest.dropped["user_cap"]?.samples, [a], "same weight: the oldest is kept")
        XCTAssertEqual(try tighter.keptItems(), [b])
    }

    func testCappingKeepsMegabyteRecordsWholeAndExplainNamesTheRank() throws {
        let huge = String(repeating: "A long question about refunds and invoices. ", count: 50_000)  // 2.2 MB
        let fixture = try ExportWorkspace([
            Event("big") { $0.user = "u1"; $0.prompt = huge; $0.age = 3 * self.day },
            Event("small") { $0.user = "u1"; $0.age = 1 * self.day },
            Event("other") { $0.user = "u2"; $0.prompt = huge },
        ], config: "[training]\nmax_per_user = 1\nmax_user_share = 1.0\n")
        let big = try fixture.settle("big"), small = try fixture.settle("small"), other = try fixture.settle("other")
        let manifest = try fixture.export().manifest
        XCTAssertEqual(manifest.dropped["user_cap"]?.samples, [small], "u1 keeps its oldest")
        XCTAssertEqual(try fixture.keptItems(), [big, other])
        XCTAssertEqual(try fixture.records().map { $0["prompt"] as? String }, [huge, huge], "the copy without the capped record keeps long lines whole")
        let data = try Data(contentsOf: fixture.url("out.jsonl"))
        XCTAssertEqual(manifest.dataBytes, data.count)
        XCTAssertEqual(manifest.dataSHA256, SHA256Hex.of(data), "the hash is of the file as copied")

        let explained = try fixture.store.explainTraining("small", asOfMillis: ExportWorkspace.asOf, by: fixture.identity)
        XCTAssertFalse(explained.kept)
        XCTAssertEqual(explained.outcomes.last?.rule, .userCap)
        XCTAssertEqual(explained.outcomes.last?.why,
                       "user u1 has 2 of 3 candidates and the cap is 1; this one ranks 2 (by weight, then oldest, then item number)")
    }

    func testExportsAreByteIdenticalAcrossRunsAndOneAuditRecordEach() throws {
        let fixture = try ExportWorkspace((1...30).map { n in Event("e\(n)") { $0.user = "u\(n % 4)"; $0.age = Int64(n) * 3_600_000 } },
                                          config: "[training]\nmax_per_user = 5\nmax_user_share = 1.0\n")
        for n in 1...30 { try fixture.settle("e\(n)") }
        let before = try auditCount(fixture.ws)
        let first = try fixture.export()
        let data = try Data(contentsOf: fixture.url("out.jsonl"))
        let manifest = try Data(contentsOf: fixture.url("out.jsonl.manifest.json"))
        XCTAssertEqual(try auditCount(fixture.ws), before + 1, "one audit record for the whole export")
        let second = try fixture.export()
        XCTAssertEqual(try Data(contentsOf: fixture.url("out.jsonl")), data, "the data file is byte-identical")
        XCTAssertEqual(try Data(contentsOf: fixture.url("out.jsonl.manifest.json")), manifest, "and so is the manifest")
        XCTAssertEqual(try auditCount(fixture.ws), before + 2)
        XCTAssertEqual(first.manifest, second.manifest)
        XCTAssertEqual(first.manifest.kept, 20, "four users capped at five")
        XCTAssertEqual(first.manifest.dataBytes, data.count)
        XCTAssertEqual(first.manifest.dataSHA256, SHA256Hex.of(data))

        let record = try XCTUnwrap(try fixture.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM audit WHERE seq = ?", arguments: [second.auditSeq])
        })
        XCTAssertEqual(record["action"] as String, "export")
        XCTAssertEqual(record["field"] as String, "dpo")
        XCTAssertEqual(record["new_value"] as String, first.manifest.dataSHA256)
        XCTAssertEqual(record["reason"] as String,
                       "exported 20 dpo records to out.jsonl (10 dropped; as of 2026-11-30T12:00:00Z)")
        XCTAssertEqual(try AuditLog.verify(fixture.store).firstBroken?.seq, nil, "the chain holds")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.ws.directory.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "no temporary file is left behind")
    }

    func testManyBatchesAreWrittenInItemOrderAndAlikeEveryRun() throws {
        let count = 3 * ExportRecordWriter.batchRows + 17
        let fixture = try ExportWorkspace((1...count).map { n in Event("e\(n)") { $0.user = nil; $0.prompt = "Question \(n) about refunds" } },
                                          evalShare: 0.0001)
        let ids = try (1...count).map { try fixture.item("e\($0)") }
        try fixture.store.applyLabels([.status: "triaged"], to: ids, by: fixture.identity, expectedVersions: try fixture.store.versions(of: ids))
        for id in ids {
            try fixture.store.setCorrection(ExportWorkspace.goodCorrection, on: id, by: fixture.identity,
                                            expectedVersions: try fixture.store.versions(of: [id]))
        }
        let first = try fixture.export().manifest
        let data = try Data(contentsOf: fixture.url("out.jsonl"))
        XCTAssertEqual(try fixture.keptItems(), ids.sorted(), "every record, in item order, across batches")
        XCTAssertEqual(try fixture.export().manifest, first)
        XCTAssertEqual(try Data(contentsOf: fixture.url("out.jsonl")), data)
        XCTAssertEqual(first.dataSHA256, SHA256Hex.of(data))
    }

    func testADryRunWritesNoFileAndNoAuditRecord() throws {
        let fixture = try ExportWorkspace([Event("a"), Event("b") { $0.signal = "thumbs_up" }])
        try fixture.settle("a")
        try fixture.settle("b")
        let before = try auditCount(fixture.ws)
        let dry = try fixture.export(dryRun: true)
        XCTAssertNil(dry.auditSeq)
        XCTAssertEqual(try auditCount(fixture.ws), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.url("out.jsonl").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.url("out.jsonl.manifest.json").path))
        let real = try fixture.export()
        XCTAssertEqual(dry.manifest.dataSHA256, real.manifest.dataSHA256, "the dry run's manifest describes the same data")
        XCTAssertEqual(dry.manifest.kept, 1)
        XCTAssertEqual(dry.manifest.dropped["thumbs_up"]?.count, 1)
    }

    func testTheFilterNarrowsWhatIsConsidered() throws {
        let fixture = try ExportWorkspace([Event("a") { $0.intent = "billing.refund" }, Event("b") { $0.intent = "account.login" }])
        try fixture.settle("a")
        let b = try fixture.settle("b")
        let manifest = try fixture.export(filter: "intent:account.login").manifest
        XCTAssertEqual(try fixture.keptItems(), [b])
        XCTAssertEqual(manifest.considered, 1)
        XCTAssertEqual(manifest.filter, "intent:account.login")
    }

    func testDPORecordsCarryTheirLabelsAndAreRedacted() throws {
        let fixture = try ExportWorkspace([
            Event("a") {
                $0.requestID = "req-1"
                $0.prompt = "My email is jane@example.com, refund please"
                $0.user = "u-1"
            },
            Event("b") { $0.requestID = nil },
        ], config: "[[redaction]]\nname = \"order_id\"\npattern = \"ORD-[0-9]+\"\n")
        let a = try fixture.settle("a", correction: "Refund ORD-12345 is on its way to you; billing-ops confirms within 5 days.")
        try fixture.label("a", .severity, "S2")
        try fixture.label("a", .locus, "knowledge")
        try fixture.label("a", .reasons, "stale")
        try fixture.settle("b")
        _ = try fixture.export()
        let records = try fixture.records()
        XCTAssertEqual(records.count, 2)
        let first = records[0]
        XCTAssertEqual(first["prompt"] as? String, "My email is [EMAIL], refund please")
        XCTAssertEqual(first["chosen"] as? String, "Refund [ORDER_ID] is on its way to you; billing-ops confirms within 5 days.")
        XCTAssertEqual(first["rejected"] as? String, "Open Billing and click Refund.")
        XCTAssertEqual(first["redacted"] as? [String], ["prompt", "chosen"])
        XCTAssertEqual(first["weight"] as? Double, 0.9)
        XCTAssertEqual(first["source"] as? String, "explicit_correction")
        XCTAssertEqual(first["event_hash"] as? String, SHA256Hex.of(Data("req-1".utf8)))
        XCTAssertEqual((first["item_id"] as? NSNumber)?.int64Value, a)
        XCTAssertEqual(first["event_id"] as? String, "a")
        XCTAssertEqual(first["severity"] as? String, "S2")
        XCTAssertEqual(first["locus"] as? String, "knowledge")
        XCTAssertEqual(first["reasons"] as? [String], ["stale"])
        XCTAssertEqual(first["reviewer"] as? String, "tester")
        let second = records[1]
        XCTAssertEqual(second["event_hash"] as? String, SHA256Hex.of(Data("b".utf8)), "no request id: the hash of the event id")
        XCTAssertTrue(second["severity"] is NSNull, "an absent label is null, so every record has the same keys")
        XCTAssertEqual(Set(first.keys), Set(second.keys))
        XCTAssertEqual(try fixture.export().manifest.redactedRecords, 1)
    }

    func testConversationalDPOAndSFTShapes() throws {
        let fixture = try ExportWorkspace([Event("a")])
        try fixture.settle("a")
        _ = try fixture.export(conversational: true)
        let pair = try fixture.records()[0]
        XCTAssertEqual(pair["prompt"] as? [[String: String]], [["role": "user", "content": "How do I get a refund for my annual plan?"]])
        XCTAssertEqual(pair["chosen"] as? [[String: String]], [["role": "assistant", "content": ExportWorkspace.goodCorrection]])
        XCTAssertEqual(pair["rejected"] as? [[String: String]], [["role": "assistant", "content": "Open Billing and click Refund."]])
        _ = try fixture.export(.sft, to: "sft.jsonl")
        let exemplar = try fixture.records("sft.jsonl")[0]
        XCTAssertEqual(exemplar["messages"] as? [[String: String]], [
            ["role": "user", "content": "How do I get a refund for my annual plan?"],
            ["role": "assistant", "content": ExportWorkspace.goodCorrection],
        ])
        XCTAssertNil(exemplar["chosen"])
    }

    func testNegativeOnlySignalsGoToSFTNegativeAndNeverToDPO() throws {
        let fixture = try ExportWorkspace([
            Event("down") { $0.signal = "thumbs_down" },
            Event("escalated") { $0.signal = "agent_escalation" },
            Event("csat-2") { $0.signal = "csat"; $0.csat = 2 },
            Event("csat-3") { $0.signal = "csat"; $0.csat = 3 },
            Event("rephrase") { $0.signal = "rephrase" },
            Event("down-corrected") { $0.signal = "thumbs_down" },
        ])
        let down = try fixture.settle("down", correction: nil)
        let escalated = try fixture.settle("escalated", correction: nil)
        let csat2 = try fixture.settle("csat-2", correction: nil)
        try fixture.settle("csat-3", correction: nil)
        try fixture.settle("rephrase", correction: nil)
        let corrected = try fixture.settle("down-corrected")
        let negatives = try fixture.export(.sftNegative, to: "neg.jsonl").manifest
        XCTAssertEqual(try fixture.keptItems("neg.jsonl"), [down, escalated, csat2])
        XCTAssertEqual(negatives.considered, 3)
        let record = try fixture.records("neg.jsonl")[2]
        XCTAssertEqual(record["response"] as? String, "Open Billing and click Refund.")
        XCTAssertEqual((record["csat"] as? NSNumber)?.intValue, 2)
        XCTAssertNil(record["chosen"])
        _ = try fixture.export(.dpo)
        XCTAssertEqual(try fixture.keptItems(), [corrected], "only the corrected item makes a pair")
    }

    func testExplainSaysWhichRulesKeepOrDropAnItem() throws {
        let fixture = try ExportWorkspace([
            Event("close") { $0.response = "The refund takes five business days to arrive." },
            Event("fine"),
            Event("nothing") { $0.signal = "rephrase" },
        ])
        let close = try fixture.settle("close", correction: "The refund takes five business days to XXXXXXX.")
        try fixture.settle("fine")
        let explanation = try fixture.store.explainTraining("#\(close)", asOfMillis: ExportWorkspace.asOf, by: fixture.identity)
        XCTAssertFalse(explanation.kept)
        XCTAssertEqual(explanation.kind, .dpo)
        XCTAssertEqual(explanation.outcomes.map(\.rule), TrainingRule.allCases)
        let distance = try XCTUnwrap(explanation.outcomes.first { $0.rule == .minEditDistance })
        XCTAssertFalse(distance.kept)
        XCTAssertEqual(distance.why, "the correction differs from the response by 7 characters (needs 10)")
        XCTAssertEqual(explanation.outcomes.filter { !$0.kept }.map(\.rule), [.minEditDistance])
        let byEvent = try fixture.store.explainTraining("fine", asOfMillis: ExportWorkspace.asOf, by: fixture.identity)
        XCTAssertTrue(byEvent.kept, "an event id names its item too")
        let nothing = try fixture.store.explainTraining("nothing", asOfMillis: ExportWorkspace.asOf, by: fixture.identity)
        XCTAssertNil(nothing.kind)
        XCTAssertThrowsError(try fixture.store.explainTraining("999", asOfMillis: ExportWorkspace.asOf, by: fixture.identity))
    }
}

enum SHA256Hex {
    static func of(_ data: Data) -> String {
        // The test target has no swift-crypto: shell out to the system's sha256sum.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try! process.run()
        input.fileHandleForWriting.write(data)
        try! input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}

/// Leakage: an eval item is never a candidate; an item in an eval item's cluster, or suggested as
/// its near-duplicate, makes the export refuse, naming both, unless it is told to drop them.
final class EvalLeakageExportTests: XCTestCase {
    typealias Event = ExportWorkspace.Event

    func testAnEvalItemIsReservedAndAClusterMateRefusesTheExport() throws {
        let fixture = try ExportWorkspace([Event("canonical"), Event("eval-member"), Event("free"), Event("eval-alone")])
        let canonical = try fixture.settle("canonical")
        let member = try fixture.settle("eval-member")
        let free = try fixture.settle("free")
        let alone = try fixture.settle("eval-alone")
        try fixture.store.merge([member], into: canonical, by: fixture.identity,
                                expectedVersions: try fixture.store.versions(of: [member, canonical]))
        try fixture.makeEval([member, alone])
        let before = try auditCount(fixture.ws)
        XCTAssertThrowsError(try fixture.export()) { error in
            XCTAssertEqual(error as? EvalLeakageError, EvalLeakageError(leaks: [.init(item: canonical, evalItem: member)]))
            XCTAssertTrue(String(describing: error).contains("#\(canonical) (touches eval item #\(member))"), String(describing: error))
        }
        XCTAssertEqual(try auditCount(fixture.ws), before, "a refused export records nothing")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.url("out.jsonl").path), "and writes nothing")
        XCTAssertThrowsError(try fixture.export(dryRun: true), "a dry run refuses too")

        let manifest = try fixture.export(dropLeaking: true).manifest
        XCTAssertEqual(try fixture.keptItems(), [free])
        XCTAssertEqual(manifest.dropped["eval_leakage"], ExportManifest.Dropped(count: 1, samples: [canonical]))
        XCTAssertEqual(manifest.dropped["reserved_for_eval"], ExportManifest.Dropped(count: 2, samples: [member, alone]),
                       "an eval item is counted as reserved before any other rule, a merged one too")
        XCTAssertEqual(manifest.dropped["duplicate"]?.count, 0)
        XCTAssertTrue(manifest.dropLeaking)
    }

    func testANearDuplicateSuggestionOfAnEvalItemLeaksUntilRejected() throws {
        let fixture = try ExportWorkspace([Event("a"), Event("b")])
        let a = try fixture.settle("a")
        let b = try fixture.settle("b")
        try fixture.store.pool.write { db in
            try db.execute(sql: "DELETE FROM dupe_pairs")
            try db.execute(sql: "INSERT INTO dupe_pairs(a, b, similarity, found_ms) VALUES (?, ?, 0.9, 0)", arguments: [a, b])
        }
        try fixture.makeEval([a])
        XCTAssertThrowsError(try fixture.export()) { error in
            XCTAssertEqual(error as? EvalLeakageError, EvalLeakageError(leaks: [.init(item: b, evalItem: a)]))
        }
        try fixture.store.pool.write { db in try db.execute(sql: "DELETE FROM dupe_pairs") }
        XCTAssertEqual(try fixture.export().manifest.kept, 1, "without the suggestion nothing leaks")
    }

    func testTheExportFreezesTheSliceSoItsItemsNeverLaterCollide() throws {
        let fixture = try ExportWorkspace((1...40).map { n in Event("e\(n)") { $0.user = "u\(n)" } }, evalShare: 0.1)
        for n in 1...40 { try fixture.settle("e\(n)") }
        XCTAssertEqual(try fixture.ws.count("SELECT count(*) FROM eval_items"), 0)
        let dry = try fixture.export(dryRun: true).manifest
        XCTAssertEqual(try fixture.ws.count("SELECT count(*) FROM eval_items"), 0, "a dry run keeps no slice")
        let manifest = try fixture.export().manifest
        let chosen = try fixture.ws.count("SELECT count(*) FROM eval_items")
        XCTAssertGreaterThan(chosen, 0, "the export froze the week's slice")
        XCTAssertEqual(manifest.dropped["reserved_for_eval"]?.count, chosen)
        XCTAssertEqual(manifest.kept + chosen, 40)
        XCTAssertEqual(dry.dataSHA256, manifest.dataSHA256, "the dry run saw the same slice it would have kept")
        let evalItems = try fixture.store.pool.read { try Int64.fetchSet($0, sql: "SELECT item_id FROM eval_items") }
        XCTAssertTrue(Set(try fixture.keptItems()).isDisjoint(with: evalItems))
    }
}

/// Reason codes as stored are read back without a JSON decoder, and agree with the one.
final class RecordReasonCodesTests: XCTestCase {
    func testStoredListsSplitAsTheDecoderReadsThem() {
        for stored in [#"["stale"]"#, #"["stale","wrong_source"]"#, "[]", #"["a", "b"]"#, "stale, wrong_source", nil] as [String?] {
            XCTAssertEqual(RecordMetadata.reasonCodes(stored), Store.reasonCodes(stored), stored ?? "nil")
        }
    }
}
