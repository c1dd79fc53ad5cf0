import XCTest
@testable import WinnowCore

/// The training-candidate rules, one at a time, at their boundaries: each drops what it must and
/// nothing else.
final class TrainingRulesTests: XCTestCase {
    let asOf: Int64 = 1_800_000_000_000
    let day: Int64 = 86_400_000

    /// Facts that pass every rule; each test changes one thing.
    func passing(_ change: (inout CandidateFacts) -> Void = { _ in }) -> CandidateFacts {
        var facts = CandidateFacts(itemID: 7, signal: "explicit_correction", tsMillis: asOf - day, userID: "u1",
                                   intent: "billing.refund", sources: ["kb:refunds"], trainableFlag: nil, canonicalID: nil,
                                   status: "triaged", openDisputes: 0, isBlocked: false,
                                   response: "Open Billing and click Refund.",
                                   correction: "Refunds are issued by billing-ops within 5 days; open a ticket.")
        change(&facts)
        return facts
    }

    func dropped(_ facts: CandidateFacts, policy: TrainingPolicy = TrainingPolicy()) -> TrainingRule? {
        TrainingRules(policy: policy, asOfMillis: asOf).firstDrop(facts)
    }

    func testTheBaselinePassesEveryRule() {
        XCTAssertNil(dropped(passing()))
        XCTAssertTrue(TrainingRules(policy: TrainingPolicy(), asOfMillis: asOf).outcomes(passing()).allSatisfy(\.kept))
    }

    func testEachRuleDropsItsCaseAndOnlyIt() {
        let cases: [(TrainingRule, (inout CandidateFacts) -> Void)] = [
            (.reservedForEval, { $0.isEvalItem = true }),
            (.thumbsUp, { $0.signal = "thumbs_up"; $0.trainableFlag = true }),
            (.blockedUser, { $0.isBlocked = true }),
            (.duplicate, { $0.canonicalID = 3 }),
            (.unsettled, { $0.status = "in_review" }),
            (.unsettled, { $0.status = "new" }),
            (.unsettled, { $0.status = "wont_fix" }),
            (.unsettled, { $0.openDisputes = 1 }),
            (.notTrainable, { $0.trainableFlag = false }),
            (.stale, { $0.tsMillis = self.asOf - 46 * self.day }),
            (.minEditDistance, { $0.correction = "Open Billing and click Refund!" }),
            (.evalLeakage, { $0.leaksTo = 99 }),
        ]
        for (rule, change) in cases {
            let facts = passing(change)
            XCTAssertEqual(dropped(facts), rule, "\(rule)")
            let failing = TrainingRules(policy: TrainingPolicy(), asOfMillis: asOf).outcomes(facts).filter { !$0.kept }.map(\.rule)
            XCTAssertEqual(failing, [rule], "only \(rule) drops it")
            XCTAssertEqual(failing.first, dropped(facts), "the export's quick decision and the explained one agree")
        }
        XCTAssertNil(dropped(passing { $0.status = "resolved" }), "resolved is settled")
        XCTAssertNil(dropped(passing { $0.userID = nil; $0.isBlocked = false }), "no user id is not a blocked user")
    }

    func testStalenessIsInclusiveAtExactlyTheWindow() {
        XCTAssertNil(dropped(passing { $0.tsMillis = self.asOf - 45 * self.day }), "exactly 45 days old is kept")
        XCTAssertEqual(dropped(passing { $0.tsMillis = self.asOf - 45 * self.day - 1000 }), .stale, "45 days and a second is dropped")
        var policy = TrainingPolicy()
        policy.staleDays = 7
        XCTAssertEqual(dropped(passing { $0.tsMillis = self.asOf - 8 * self.day }, policy: policy), .stale)
        XCTAssertNil(dropped(passing { $0.tsMillis = self.asOf - 7 * self.day }, policy: policy))
    }

    func testEditDistanceNineIsDroppedAndTenKept() {
        let response = "The refund takes five business days to arrive."
        let nine = "The refund takes five business days to XXXXXXXXX."  // "arrive" → 9 X: 6 substitutions + 3 insertions
        let ten = "The refund takes five business days to XXXXXXXXXX."
        XCTAssertEqual(TextDiff.editDistance(response, nine).distance, 9)
        XCTAssertEqual(TextDiff.editDistance(response, ten).distance, 10)
        XCTAssertEqual(dropped(passing { $0.response = response; $0.correction = nine }), .minEditDistance)
        XCTAssertNil(dropped(passing { $0.response = response; $0.correction = ten }))
        let outcome = TrainingRules(policy: TrainingPolicy(), asOfMillis: asOf)
            .outcome(.minEditDistance, passing { $0.response = response; $0.correction = nine })
        XCTAssertEqual(outcome.why, "the correction differs from the response by 9 characters (needs 10)")
        XCTAssertNil(dropped(passing { $0.correction = nil }), "no correction (a negative example) is not compared")
    }

    func testTrainableDefaultsPerSignalAndTheReviewersFlagWins() {
        var policy = TrainingPolicy()
        policy.trainableBySignal[.rephrase] = false
        XCTAssertEqual(dropped(passing { $0.signal = "rephrase" }, policy: policy), .notTrainable)
        XCTAssertNil(dropped(passing { $0.signal = "rephrase"; $0.trainableFlag = true }, policy: policy), "a reviewer's yes wins")
        XCTAssertEqual(dropped(passing { $0.trainableFlag = false }), .notTrainable)
        XCTAssertFalse(TrainingPolicy().isTrainableByDefault(.thumbsUp))
        XCTAssertTrue(TrainingPolicy().isTrainableByDefault(.csat))
    }

    func testVersionCutoffsByIntentGlobAndBySource() {
        var policy = TrainingPolicy()
        let since = asOf - 10 * day
        policy.cutoffs = [VersionCutoff(scope: .intent("billing.*"), sinceMillis: since),
                          VersionCutoff(scope: .source("kb:pricing"), sinceMillis: since)]
        XCTAssertEqual(dropped(passing { $0.tsMillis = since - 1 }, policy: policy), .versionCutoff, "billing.refund matches billing.*")
        XCTAssertNil(dropped(passing { $0.tsMillis = since }, policy: policy), "an event at the cutoff is kept")
        XCTAssertNil(dropped(passing { $0.tsMillis = since - 1; $0.intent = "account.login" }, policy: policy))
        XCTAssertNil(dropped(passing { $0.tsMillis = since - 1; $0.intent = "billingx" }, policy: policy), "a glob is a dotted prefix")
        XCTAssertEqual(dropped(passing { $0.tsMillis = since - 1; $0.intent = nil; $0.sources = ["kb:pricing"] }, policy: policy),
                       .versionCutoff)
        XCTAssertNil(dropped(passing { $0.tsMillis = since - 1; $0.intent = nil; $0.sources = ["kb:pricing-old"] }, policy: policy))
    }

    func testTheUserCapIsTheLowerOfCountAndShare() {
        var policy = TrainingPolicy()
        policy.maxPerUser = 3
        policy.maxUserShare = 0.1
        XCTAssertEqual(UserCap.effectiveCap(policy: policy, candidates: 100), 3)
        XCTAssertEqual(UserCap.effectiveCap(policy: policy, candidates: 20), 2)
        XCTAssertEqual(UserCap.effectiveCap(policy: policy, candidates: 5), 1, "at least one each")
        XCTAssertTrue(UserCap.keptFirst((0.9, 5, 9), (0.5, 1, 1)), "higher weight first")
        XCTAssertTrue(UserCap.keptFirst((0.5, 1, 9), (0.5, 5, 1)), "then the oldest")
        XCTAssertTrue(UserCap.keptFirst((0.5, 1, 1), (0.5, 1, 2)), "then the lower item id")
    }
}

/// The bounded distance agrees with the exact one below the bound, and stops at it.
final class BoundedEditDistanceTests: XCTestCase {
    func testAgreesWithTheExactDistanceBelowTheBound() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("abcde ")
        for _ in 0..<2000 {
            let a = String((0..<Int(generator.next() % 30)).map { _ in alphabet[Int(generator.next() % 6)] })
            var b = Array(a)
            for _ in 0..<Int(generator.next() % 12) {
                let position = b.isEmpty ? 0 : Int(generator.next() % UInt64(b.count))
                switch generator.next() % 3 {
                case 0: b.insert(alphabet[Int(generator.next() % 6)], at: position)
                case 1: if !b.isEmpty { b.remove(at: position) }
                default: if !b.isEmpty { b[position] = alphabet[Int(generator.next() % 6)] }
                }
            }
            let other = String(b)
            let exact = TextDiff.editDistance(a, other).distance
            for bound in [1, 3, 10] {
                XCTAssertEqual(TextDiff.editDistance(a, other, upTo: bound), min(exact, bound), "\(a) → \(other), bound \(bound)")
            }
        }
    }

    func testGraphemesAndLengthDifferences() {
        XCTAssertEqual(TextDiff.editDistance("", "", upTo: 10), 0)
        XCTAssertEqual(TextDiff.editDistance("", "abc", upTo: 10), 3)
        XCTAssertEqual(TextDiff.editDistance("short", String(repeating: "x", count: 500), upTo: 10), 10, "the lengths alone decide")
        XCTAssertEqual(TextDiff.editDistance("café 👍🏽", "cafe\u{301} 👍", upTo: 10), 1, "graphemes, canonical equivalence")
        XCTAssertEqual(TextDiff.editDistance("line\r\nnext", "line\nnext", upTo: 10), 1, "CR LF is one grapheme")
        XCTAssertEqual(TextDiff.editDistance("abc", "xyz", upTo: 10), 3, "ASCII, byte by byte")
    }

    func testLongTextsStopEarly() {
        let long = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 20_000)
        var changed = Array(long)
        for i in stride(from: 100, to: changed.count, by: 5000) { changed[i] = "#" }
        XCTAssertEqual(TextDiff.editDistance(long, String(changed), upTo: 10), 10)
        XCTAssertEqual(TextDiff.editDistance(long, long + "!", upTo: 10), 1)
    }
}
