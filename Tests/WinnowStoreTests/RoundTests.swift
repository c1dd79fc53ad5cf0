import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// A roster with a lead, three QA reviewers, an adjudicator and a plain reviewer, and a small
/// rubric: `accuracy` (1–3) on every item, `tone` (pass/fail) on csat items only.
let roundConfig = """
    [claims]
    lease_minutes = 10

    [[reviewer]]
    name = "lead"
    roles = ["lead"]

    [[reviewer]]
    name = "ann"
    roles = ["reviewer", "qa"]

    [[reviewer]]
    name = "ben"
    roles = ["reviewer", "qa"]

    [[reviewer]]
    name = "cy"
    roles = ["reviewer", "qa"]

    [[reviewer]]
    name = "judge"
    roles = ["adjudicator"]

    [[reviewer]]
    name = "pat"
    roles = ["reviewer"]

    [[rubric]]
    name = "qa"
    description = "Answer quality"

    [[rubric.dimension]]
    name = "accuracy"
    description = "Right answer"
    checks = ["Matches the docs"]
    scale = "ordinal"
    range = [1, 3]

    [rubric.dimension.anchors]
    1 = "Wrong"
    2 = "Partly right"
    3 = "Right"

    [[rubric.dimension]]
    name = "tone"
    description = "Polite"
    checks = ["No blame"]
    scale = "pass_fail"
    signals = ["csat"]
    """

let lead = Identity(reviewer: "lead", osUser: "lead-os")
let ann = Identity(reviewer: "ann", osUser: "ann-os")
let ben = Identity(reviewer: "ben", osUser: "ben-os")
let cy = Identity(reviewer: "cy", osUser: "cy-os")
let judge = Identity(reviewer: "judge", osUser: "judge-os")
let pat = Identity(reviewer: "pat", osUser: "pat-os")

/// Events over three intents of different sizes (4:2:1) and two cohorts; every third is csat.
func roundWorkspace(_ events: Int = 30, config: String = roundConfig) throws -> TestWorkspace {
    let intents = ["billing", "billing", "billing", "billing", "sso", "sso", "export"]
    let ws = try TestWorkspace(config: config)
    let lines = (1...events).map { n in
        eventLine("e\(n)", signal: n % 3 == 0 ? "csat" : "thumbs_down",
                  extra: #","intent":"\#(intents[n % intents.count])","cohort":"\#(n % 2 == 0 ? "free" : "pro")""# + (n % 3 == 0 ? #","csat":2"# : ""))
    }
    _ = try ws.importFile(try ws.file("e.jsonl", lines.joined(separator: "\n")))
    return ws
}

extension TestWorkspace {
    func roundItems(_ round: String) throws -> [String] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT ri.item_id, ri.stratum FROM round_items ri JOIN rounds r ON r.id = ri.round_id WHERE r.name = ? ORDER BY ri.position
                """, arguments: [round]).map { "\($0["item_id"] as Int64)@\($0["stratum"] as String? ?? "")" }
        }
    }

    func roundAssignments(_ round: String) throws -> [String] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.item_id, a.reviewer, a.position FROM assignments a JOIN rounds r ON r.id = a.round_id
                WHERE r.name = ? ORDER BY a.reviewer, a.position
                """, arguments: [round]).map { "\($0["reviewer"] as String):\($0["item_id"] as Int64)#\($0["position"] as Int)" }
        }
    }

    /// Who is assigned the item in the round.
    func reviewers(of item: Int64, in round: String) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT a.reviewer FROM assignments a JOIN rounds r ON r.id = a.round_id WHERE r.name = ? AND a.item_id = ? ORDER BY a.reviewer
                """, arguments: [round, item])
        }
    }
}

func identity(_ name: String) -> Identity { Identity(reviewer: name, osUser: name + "-os") }

final class RoundCreationTests: XCTestCase {
    let sampled = RoundSampleSpec(count: 9, seed: 7, stratify: [.intent, .cohort])

    func testTheSameSeedAndDataGiveTheSameItemsAndAssignmentsAndAnotherSeedDoesNot() throws {
        let first = try roundWorkspace(), second = try roundWorkspace()
        for ws in [first, second] {
            try ws.store.createRound(RoundSpec(name: "r", rubric: "qa", sample: sampled), by: lead, at: t0)
            try ws.store.createRound(RoundSpec(name: "other-seed", rubric: "qa", sample: RoundSampleSpec(count: 9, seed: 8, stratify: [.intent, .cohort])),
                                     by: lead, at: t0)
        }
        XCTAssertEqual(try first.roundItems("r").count, 9)
        XCTAssertEqual(try first.roundItems("r"), try second.roundItems("r"))
        XCTAssertEqual(try first.roundAssignments("r"), try second.roundAssignments("r"))
        XCTAssertNotEqual(try first.roundItems("r"), try first.roundItems("other-seed"))
        XCTAssertNotEqual(try first.roundAssignments("r"), try first.roundAssignments("other-seed"))
    }

    func testStratificationGivesEveryStratumAnItemAndTheLargestTheMost() throws {
        let ws = try roundWorkspace(70)
        let round = try ws.store.createRound(RoundSpec(name: "r", fields: [.severity], sample: RoundSampleSpec(count: 14, seed: 3, stratify: [.intent])),
                                             by: lead, at: t0)
        XCTAssertEqual(round.items, 14)
        XCTAssertEqual(round.sample.population, ["intent=billing": 40, "intent=sso": 20, "intent=export": 10])
        XCTAssertEqual(round.sample.strata, ["intent=billing": 8, "intent=sso": 4, "intent=export": 2], "proportional to size")
        let strata = Set(try ws.roundItems("r").map { $0.split(separator: "@")[1] })
        XCTAssertEqual(strata, ["intent=billing", "intent=sso", "intent=export"])

        // Fewer items than strata: the largest strata first.
        let population: SampleStrata = ["intent=a": [1, 2, 3, 4, 5, 6], "intent=b": [7, 8, 9], "intent=c": [10]]
        let small = RoundSampling.stratified(population, count: 2, seed: 1, longTail: 0)
        XCTAssertEqual(small.perStratum, ["intent=a": 1, "intent=b": 1])
        // A long tail comes from the smallest strata first.
        let tail = RoundSampling.stratified(population, count: 2, seed: 1, longTail: 2)
        XCTAssertEqual(tail.longTail, 2)
        XCTAssertEqual(tail.perStratum, ["intent=a": 1, "intent=b": 2, "intent=c": 1])
        XCTAssertEqual(tail.items.count, 4)
    }

    func testMergedDuplicatesAreNeverSampledAndAFilterTakesEveryMatch() throws {
        let ws = try roundWorkspace(12)
        try ws.store.mergeForTest(duplicate: 2, into: 1)
        let round = try ws.store.createRound(RoundSpec(name: "billing", fields: [.severity], overlap: 1, sample: RoundSampleSpec(filter: "intent:billing")),
                                             by: lead, at: t0)
        let billing = try ws.matching("intent:billing").filter { $0 != 2 }
        XCTAssertEqual(try ws.roundItems("billing").map { Int64($0.split(separator: "@")[0])! }.sorted(), billing)
        XCTAssertEqual(round.items, billing.count)
    }

    func testAssignmentsAreBalancedAndNobodyGetsAnItemTwice() throws {
        for (items, reviewers, overlap) in [(7, 3, 2), (10, 4, 3), (5, 5, 1), (1, 2, 2), (13, 3, 3)] {
            let names = (0..<reviewers).map { "r\($0)" }
            let assignments = RoundSampling.assign((1...items).map(Int64.init), reviewers: names, overlap: overlap, seed: 11)
            XCTAssertEqual(assignments.count, items * overlap)
            let perItem = Dictionary(grouping: assignments, by: \.itemID)
            for (_, those) in perItem { XCTAssertEqual(Set(those.map(\.reviewer)).count, overlap, "distinct reviewers per item") }
            let loads = Dictionary(grouping: assignments, by: \.reviewer).mapValues(\.count)
            XCTAssertLessThanOrEqual(loads.values.max()! - loads.values.min()!, 1, "\(loads)")
            for (_, queue) in Dictionary(grouping: assignments, by: \.reviewer) {
                XCTAssertEqual(queue.map(\.position).sorted(), Array(0..<queue.count))
            }
        }
        // Interleaved: the two reviewers of an item do not both have it first.
        let two = RoundSampling.assign([1, 2, 3, 4], reviewers: ["a", "b"], overlap: 2, seed: 1)
        let firsts = two.filter { $0.position == 0 }.map(\.itemID)
        XCTAssertEqual(Set(firsts).count, 2, "\(two)")

        let ws = try roundWorkspace(12)
        let round = try ws.store.createRound(RoundSpec(name: "r", rubric: "qa", sample: RoundSampleSpec(count: 7, seed: 2)), by: lead, at: t0)
        XCTAssertEqual(round.assignments, 14)
        XCTAssertEqual(round.sample.reviewers.sorted(), ["ann", "ben", "cy"], "the roster's QA reviewers by default")
        let progress = try ws.store.roundProgress("r")
        XCTAssertEqual(progress.reviewers.map(\.assigned).sorted(), [4, 5, 5])
    }

    func testRefusedWithoutALeadOrWithTooFewReviewersAndNothingIsWritten() throws {
        let ws = try roundWorkspace(6)
        let before = try auditCount(ws)
        func refusal(_ spec: RoundSpec, by who: Identity = lead) -> RoundError? {
            do { try ws.store.createRound(spec, by: who, at: t0); return nil } catch { return error as? RoundError }
        }
        XCTAssertEqual(refusal(RoundSpec(name: "r", rubric: "qa"), by: ann), .notLead(reviewer: "ann", action: "create a round"))
        XCTAssertEqual(refusal(RoundSpec(name: "r", rubric: "qa", overlap: 4)), .tooFewReviewers(have: ["ann", "ben", "cy"], overlap: 4))
        XCTAssertEqual(refusal(RoundSpec(name: "r", rubric: "qa", reviewers: ["ann", "zed"])), .notOnRoster("zed"))
        XCTAssertEqual(refusal(RoundSpec(name: "r")), .nothingJudged)
        XCTAssertEqual(refusal(RoundSpec(name: "r", rubric: "nope")), .noSuchRubric("nope", known: ["qa"]))
        XCTAssertEqual(refusal(RoundSpec(name: "r", fields: [.note])), .noteNotJudged)
        XCTAssertEqual(refusal(RoundSpec(name: "r", rubric: "qa", overlap: 0)), .badOverlap(0))
        XCTAssertEqual(refusal(RoundSpec(name: "r", rubric: "qa", sample: RoundSampleSpec(filter: "intent:nothing"))), .noItems)
        XCTAssertEqual(refusal(RoundSpec(name: "-r", rubric: "qa")), .badName("-r"))
        XCTAssertTrue(RoundError.tooFewReviewers(have: ["ann"], overlap: 2).description.contains("needs at least 2 reviewers"))
        XCTAssertEqual(try ws.count("SELECT count(*) FROM rounds"), 0)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM assignments"), 0)
        XCTAssertEqual(try auditCount(ws), before)

        try ws.store.createRound(RoundSpec(name: "r", rubric: "qa"), by: lead, at: t0)
        XCTAssertEqual(refusal(RoundSpec(name: "r", rubric: "qa")), .nameTaken("r"))
        XCTAssertEqual(try auditActions(ws).filter { $0.hasPrefix("round") }, ["round_new:round"])
    }
}

extension Store {
    /// A merge straight through the store's write path, for setting up a test.
    func mergeForTest(duplicate: Int64, into canonical: Int64) throws {
        _ = try merge([duplicate], into: canonical, by: Identity(reviewer: "lead", osUser: "lead-os"),
                  expectedVersions: try versions(of: [duplicate, canonical]), at: t0 - minute)
    }
}

final class RoundScoringTests: XCTestCase {
    /// A round of every billing item, ann and ben judging each, on the rubric and severity.
    func scoredRound(_ events: Int = 8) throws -> (TestWorkspace, item: Int64, csatItem: Int64) {
        let ws = try roundWorkspace(events)
        try ws.store.createRound(RoundSpec(name: "r", rubric: "qa", fields: [.severity], reviewers: ["ann", "ben"],
                                           sample: RoundSampleSpec(filter: "intent:billing")), by: lead, at: t0)
        let items = try ws.matching("intent:billing")
        let csat = try ws.matching("intent:billing signal:csat")
        return (ws, items.first { !csat.contains($0) }!, csat.first!)
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return String(describing: error) }
    }

    func testWhatIsJudgedDependsOnTheItemsSignal() throws {
        let (ws, item, csatItem) = try scoredRound()
        let queue = try ws.store.assignments(for: "ann", round: "r")
        XCTAssertEqual(queue.first { $0.itemID == item }?.judged, [.dimension("accuracy"), .label(.severity)])
        XCTAssertEqual(queue.first { $0.itemID == csatItem }?.judged, [.dimension("accuracy"), .dimension("tone"), .label(.severity)])
        XCTAssertTrue(queue.allSatisfy(\.isOpen))
        XCTAssertEqual(queue.map(\.position), Array(0..<queue.count))
    }

    func testScoringIsValidatedAndARefusalChangesNothing() throws {
        let (ws, item, csatItem) = try scoredRound()
        let before = try auditCount(ws)
        XCTAssertEqual(refusal { try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "2", .label(.severity): "S2",
                                                                                               .dimension("depth"): "3"], by: ann, at: t0) },
                       "depth is not judged on item #\(item) in this round (judged: accuracy, severity)")
        XCTAssertEqual(refusal { try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "7", .label(.severity): "S2"],
                                                              by: ann, at: t0) },
                       "accuracy `7` is not on its scale: 1, 2, 3")
        XCTAssertEqual(refusal { try ws.store.submitJudgments(round: "r", item: csatItem, values: [.dimension("accuracy"): "2", .label(.severity): "S2"],
                                                              by: ann, at: t0) },
                       "item #\(csatItem) needs a value for tone too")
        XCTAssertNotNil(refusal { try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "2", .label(.severity): "S9"],
                                                               by: ann, at: t0) })
        XCTAssertEqual(refusal { try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "2", .label(.severity): "S2"],
                                                              by: cy, at: t0) },
                       "cy is not assigned item #\(item) in round r")
        XCTAssertEqual(refusal { try ws.store.submitJudgments(round: "nope", item: item, values: [:], by: ann, at: t0) },
                       RoundError.noSuchRound("nope").description)
        XCTAssertEqual(try auditCount(ws), before)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM judgments WHERE round_id IS NOT NULL"), 0)

        let scored = try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "2", .label(.severity): "major"],
                                                  rationales: [.dimension("accuracy"): "misses the VAT rule"], itemRationale: "overall fine",
                                                  by: ann, at: t0)
        XCTAssertEqual(scored.judgments.count, 2)
        XCTAssertFalse(scored.itemCompleted)
        let rows = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT field, value, state, rationale, rubric_version, round_id FROM judgments WHERE round_id IS NOT NULL ORDER BY id")
        }
        XCTAssertEqual(rows.map { $0["field"] as String }, ["rubric:accuracy", "severity"])
        XCTAssertEqual(rows.map { $0["value"] as String }, ["2", "S2"], "labels are stored as the store spells them")
        XCTAssertEqual(rows.map { $0["state"] as String }, ["pending", "pending"])
        XCTAssertEqual(rows.map { $0["rationale"] as String }, ["misses the VAT rule", "overall fine"])
        XCTAssertEqual(rows[0]["rubric_version"] as String, ws.store.config.rubric(named: "qa")!.version)
        XCTAssertNil(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT severity FROM items WHERE id = ?", arguments: [item]) },
                     "a blind judgment is not the item's value")
        let actions = try auditActions(ws, item: item)
        XCTAssertEqual(actions.suffix(3), ["claim:claim", "score:rubric:accuracy", "score:severity"])
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT claimed_by FROM items WHERE id = ?", arguments: [item]) }, "ann")
        XCTAssertEqual(refusal { try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "3", .label(.severity): "S2"],
                                                              by: ann, at: t0) },
                       RoundError.alreadySubmitted(item: item, round: "r", state: "submitted").description)
        // Ann's claim does not keep ben, the item's other reviewer, from scoring it blind.
        XCTAssertTrue(try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "3", .label(.severity): "S2"],
                                                   by: ben, at: t0 + 1).itemCompleted)
        // A triage reviewer holding an item keeps the round off it until they are done.
        try ws.store.claim(csatItem, by: pat, at: t0)
        XCTAssertEqual(refusal { try ws.store.submitJudgments(round: "r", item: csatItem, values: [.dimension("accuracy"): "3", .dimension("tone"): "pass",
                                                                                                   .label(.severity): "S2"], by: ann, at: t0 + 2) },
                       RoundError.heldByOther(item: csatItem, reviewer: "pat").description)
        XCTAssertEqual(try AuditLog.verify(ws.store).firstBroken?.seq, nil)
        XCTAssertTrue(try AuditLog.replayState(ws.store).matches, "round judgments of a label do not count as the label's changes")
    }

    func testACompletedItemIsMarkedAndSettledInTheSameTransaction() throws {
        let (ws, item, _) = try scoredRound()
        try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "2", .label(.severity): "S2"], by: ann, at: t0)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM round_items WHERE completed_ms IS NOT NULL"), 0)
        let last = try ws.store.skipAssignment(round: "r", item: item, reason: "not my area", by: ben, at: t0 + 5)
        XCTAssertTrue(last.itemCompleted)
        XCTAssertEqual(try ws.store.pool.read { try Int64.fetchOne($0, sql: "SELECT completed_ms FROM round_items WHERE item_id = ?", arguments: [item]) },
                       t0 + 5)
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT skip_reason FROM assignments WHERE reviewer = 'ben' AND item_id = ?",
                                                                    arguments: [item]) }, "not my area")
        XCTAssertEqual(try auditActions(ws, item: item).last, "skip:assignment")
        XCTAssertEqual(refusal { try ws.store.skipAssignment(round: "r", item: item, reason: "  ", by: ann, at: t0) },
                       RoundError.skipNeedsReason.description)
        let progress = try ws.store.roundProgress("r")
        XCTAssertEqual(progress.round.itemsComplete, 1)
        XCTAssertEqual(progress.reviewers.first { $0.reviewer == "ben" }?.skipped, 1)
        XCTAssertEqual(progress.reviewers.first { $0.reviewer == "ann" }?.submitted, 1)
    }

    func testTheCompletingScoreLetsGoOfTheItemSoAnAdjudicatorCanDecideAtOnce() throws {
        let (ws, item, _) = try scoredRound()
        try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "1", .label(.severity): "S2"], by: ann, at: t0)
        let last = try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "3", .label(.severity): "S2"],
                                                by: ben, at: t0 + 1)
        XCTAssertEqual(last.disputesOpened.count, 1, "1 against 3 on accuracy")
        XCTAssertNil(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT claimed_by FROM items WHERE id = ?", arguments: [item]) })
        XCTAssertEqual(try auditActions(ws, item: item).last, "release:claim")
        let version = try XCTUnwrap(try ws.store.versions(of: [item])[item])
        try ws.store.decideDispute(last.disputesOpened[0], value: "2", rationale: "partly right", by: judge, expectedVersion: version, at: t0 + 2)
        let round = try XCTUnwrap(try ws.store.rounds().first { $0.name == "r" })
        XCTAssertEqual(try ws.store.roundOutcome(item: item, round: round.id)[.dimension("accuracy")]?.value, "2")
    }

    func testARevisionSupersedesTheOldJudgmentUntilTheItemIsComplete() throws {
        let (ws, item, _) = try scoredRound()
        XCTAssertEqual(refusal { try ws.store.reviseJudgments(round: "r", item: item, values: [.dimension("accuracy"): "3"], by: ann, at: t0) },
                       RoundError.notSubmitted(item: item, round: "r").description)
        let first = try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "2", .label(.severity): "S2"], by: ann, at: t0)
        let revised = try ws.store.reviseJudgments(round: "r", item: item, values: [.dimension("accuracy"): "3", .label(.severity): "S2"],
                                                   itemRationale: "rechecked the docs", by: ann, at: t0 + 1)
        XCTAssertEqual(revised.judgments.count, 2, "severity's rationale changed, so it is revised too")
        let rows = try ws.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, field, value, state, revises FROM judgments WHERE round_id IS NOT NULL AND field = 'rubric:accuracy' ORDER BY id")
        }
        XCTAssertEqual(rows.map { $0["state"] as String }, ["superseded", "pending"])
        XCTAssertEqual(rows[1]["revises"] as Int64?, first.judgments[0])
        XCTAssertEqual(rows.map { $0["value"] as String }, ["2", "3"])
        let records = try ws.store.itemHistory(item, viewer: ann).filter { $0.action == "revise" }
        XCTAssertEqual(records.map { "\($0.field!): \($0.oldValue ?? "∅") → \($0.newValue ?? "∅")" }, ["rubric:accuracy: 2 → 3", "severity: S2 → S2"])
        XCTAssertEqual(Set(records.map(\.actionID)).count, 1, "one action")
        XCTAssertEqual(try ws.store.assignments(for: "ann", round: "r").first { $0.itemID == item }?.values[.dimension("accuracy")], "3")

        try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "1", .label(.severity): "S3"], by: ben, at: t0 + 2)
        XCTAssertEqual(refusal { try ws.store.reviseJudgments(round: "r", item: item, values: [.dimension("accuracy"): "1"], by: ann, at: t0 + 3) },
                       RoundError.itemComplete(item: item, round: "r").description)
        XCTAssertTrue(try AuditLog.replayState(ws.store).matches)
    }

    func testAClosedRoundTakesNoMoreJudgmentsAndOnlyALeadClosesIt() throws {
        let (ws, item, csatItem) = try scoredRound()
        try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "2", .label(.severity): "S2"], by: ann, at: t0)
        XCTAssertEqual(refusal { try ws.store.closeRound("r", by: ann, at: t0) }, RoundError.notLead(reviewer: "ann", action: "close a round").description)
        let closing = try ws.store.closeRound("r", by: lead, at: t0 + 1)
        XCTAssertEqual(closing.settledItems, [], "no item had two judgments")
        XCTAssertGreaterThan(closing.openAssignments, 0)
        XCTAssertEqual(try auditActions(ws).last, "round_close:round")
        XCTAssertEqual(refusal { try ws.store.submitJudgments(round: "r", item: csatItem, values: [.dimension("accuracy"): "2", .dimension("tone"): "pass",
                                                                                                   .label(.severity): "S2"], by: ann, at: t0 + 2) },
                       RoundError.closed("r").description)
        XCTAssertEqual(refusal { try ws.store.closeRound("r", by: lead, at: t0 + 3) }, RoundError.alreadyClosed("r", by: "lead").description)
        XCTAssertTrue(try ws.store.rounds().first!.isClosed)
    }

    func testClosingSettlesUnfinishedItemsWithTwoJudgments() throws {
        let ws = try roundWorkspace(8)
        try ws.store.createRound(RoundSpec(name: "r", fields: [.severity], overlap: 3, sample: RoundSampleSpec(filter: "intent:billing")),
                                 by: lead, at: t0)
        let item = try ws.matching("intent:billing")[0]
        try ws.store.submitJudgments(round: "r", item: item, values: [.label(.severity): "S2"], by: ann, at: t0)
        try ws.store.submitJudgments(round: "r", item: item, values: [.label(.severity): "S3"], by: ben, at: t0)
        let closing = try ws.store.closeRound("r", by: lead, at: t0 + 1)
        XCTAssertEqual(closing.settledItems, [item])
        // Ben's claim from scoring passes to the lead, whose action settles the item: S2 against S3 is a dispute.
        XCTAssertEqual(try auditActions(ws, item: item).suffix(2), ["takeover:claim", "dispute_open:severity"])
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT claimed_by FROM items WHERE id = ?", arguments: [item]) }, "lead")
        var closeActions: [String: Int64] = [:]
        try AuditLog.forEach(.init(), in: ws.store) { if $0.action == "round_close" || $0.action == "takeover" { closeActions[$0.action] = $0.actionID } }
        XCTAssertEqual(closeActions["takeover"], closeActions["round_close"], "the close and the takeover are one action")
    }

    func testTheRoundRefusesScoresOnceTheRubricWasEdited() throws {
        let (ws, item, _) = try scoredRound()
        // The same workspace reopened with the rubric's anchor changed: a new version.
        try Data(roundConfig.replacingOccurrences(of: "Partly right", with: "Half right").utf8).write(to: ws.store.workspace.configURL)
        let reopened = try Store.open(ws.store.workspace)
        XCTAssertEqual(refusal { try reopened.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "2", .label(.severity): "S2"],
                                                              by: ann, at: t0) },
                       RoundError.rubricChanged(rubric: "qa", round: "r").description)
    }
}

final class RoundBlindnessTests: XCTestCase {
    func testAReviewerSeesAnothersJudgmentOnlyOnceTheyHaveSubmittedTheirOwn() throws {
        let ws = try roundWorkspace(8)
        try ws.store.createRound(RoundSpec(name: "r", rubric: "qa", fields: [.severity], reviewers: ["ann", "ben"],
                                           sample: RoundSampleSpec(filter: "intent:billing -signal:csat")), by: lead, at: t0)
        let item = try ws.matching("intent:billing -signal:csat")[0]
        try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "1", .label(.severity): "S1"],
                                     itemRationale: "invents a refund policy", by: ann, at: t0)
        let hidden = JudgmentVisibility.hiddenText

        // Ben, the other reviewer, and cy, who is not in the round, see neither value nor rationale.
        for viewer in [ben, cy, pat] {
            let judgments = try ws.store.roundJudgments(item: item, viewer: viewer)
            XCTAssertEqual(judgments.map(\.isHidden), [true, true])
            XCTAssertEqual(judgments.map(\.shownValue), [hidden, hidden])
            XCTAssertEqual(judgments.compactMap(\.rationale), [])
            XCTAssertEqual(judgments.map(\.reviewer), ["ann", "ann"], "who judged is not hidden, only what")
            let scores = try ws.store.itemHistory(item, viewer: viewer).filter { $0.action == "score" }
            XCTAssertEqual(scores.map(\.newValue), [hidden, hidden])
            XCTAssertEqual(scores.map(\.reason), [hidden, hidden])
            XCTAssertFalse(try ws.store.canSee(judgment: judgments[0].id, viewer: viewer))
        }
        // Ann sees her own; the lead and the adjudicator see everything.
        for viewer in [ann, lead, judge] {
            XCTAssertEqual(try ws.store.roundJudgments(item: item, viewer: viewer).map(\.shownValue), ["1", "S1"], viewer.reviewer)
            XCTAssertEqual(try ws.store.itemHistory(item, viewer: viewer).filter { $0.action == "score" }.map(\.newValue), ["1", "S1"])
        }

        try ws.store.submitJudgments(round: "r", item: item, values: [.dimension("accuracy"): "3", .label(.severity): "S3"], by: ben, at: t0 + 1)
        XCTAssertEqual(try ws.store.roundJudgments(item: item, viewer: ben).map(\.shownValue), ["1", "S1", "3", "S3"])
        XCTAssertEqual(try ws.store.roundJudgments(item: item, viewer: ben).first?.rationale, "invents a refund policy")
        XCTAssertEqual(try ws.store.itemHistory(item, viewer: cy).filter { $0.action == "score" }.map(\.newValue), ["1", "S1", "3", "S3"])
        XCTAssertEqual(try AuditLog.verify(ws.store).firstBroken?.seq, nil, "hiding is at display only")
    }

    func testAConflictMessageNamesTheLastTriageChangeNotABlindScore() throws {
        let ws = try roundWorkspace(8)
        try ws.store.createRound(RoundSpec(name: "r", fields: [.severity], reviewers: ["ann", "ben"], sample: RoundSampleSpec(filter: "intent:billing")),
                                 by: lead, at: t0)
        let item = try ws.matching("intent:billing")[0]
        let seen = try ws.store.versions(of: [item])
        try ws.store.applyLabel(.locus, value: "retrieval", to: [item], by: pat, expectedVersions: seen, at: t0)
        try ws.store.releaseClaim(item, by: pat, at: t0)
        try ws.store.submitJudgments(round: "r", item: item, values: [.label(.severity): "S1"], itemRationale: "secret reasoning", by: ann, at: t0 + 1)
        do {
            // After ann's claim has run out, with the version read before pat's change.
            try ws.store.applyLabel(.severity, value: "S3", to: [item], by: cy, expectedVersions: seen, at: t0 + 11 * minute)
            XCTFail("a stale version must be refused")
        } catch let error as ConcurrencyError {
            XCTAssertTrue(error.description.contains("changed by pat meanwhile (locus"), error.description)
            XCTAssertFalse(error.description.contains("S1") || error.description.contains("secret"), error.description)
        }
    }

    func testClosingTheRoundShowsEveryJudgment() throws {
        let ws = try roundWorkspace(8)
        try ws.store.createRound(RoundSpec(name: "r", fields: [.severity], reviewers: ["ann", "ben"], sample: RoundSampleSpec(filter: "intent:billing")),
                                 by: lead, at: t0)
        let item = try ws.matching("intent:billing")[0]
        try ws.store.submitJudgments(round: "r", item: item, values: [.label(.severity): "S2"], by: ann, at: t0)
        XCTAssertEqual(try ws.store.roundJudgments(item: item, viewer: ben).map(\.isHidden), [true])
        try ws.store.closeRound("r", by: lead, at: t0 + 1)
        XCTAssertEqual(try ws.store.roundJudgments(item: item, viewer: ben).map(\.shownValue), ["S2"])
    }
}
