import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// The filter language against a real store: every field, OR within a field, prefixes, `none`,
/// negation of fields and of full-text terms, `%` and `_` taken literally, quoted phrases holding
/// quotes and operators. Each filter is checked for exactly the events it must match.
final class FilterLanguageTests: XCTestCase {
    static let t0: Int64 = 1_792_000_000_000
    static let minute: Int64 = 60_000

    var ws: TestWorkspace!
    var reader: QueueReader!
    var itemOf: [String: Int64] = [:]
    var eventOf: [Int64: String] = [:]

    override func setUpWithError() throws {
        ws = try TestWorkspace(config: """
            [workspace]
            name = "Filters"
            teams = ["ops_100%", "opsX100x", "Billing team"]
            """)
        func event(_ id: String, _ signal: String, prompt: String, _ extra: [String: String]) -> String {
            var object: [String: String] = ["id": id, "ts": "2026-10-14T09:31:22Z", "signal": signal, "prompt": prompt,
                                            "response": "ok"]
            object.merge(extra) { $1 }
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        let lines = [
            event("e1", "csat", prompt: "refund please", ["intent": "billing.refund", "cohort": "enterprise", "channel": "web_widget",
                                                          "model_version": "helios-2.4.0", "user_id": "usr_1"]),
            event("e2", "thumbs_down", prompt: #"He said "cancel -now OR later" today"#,
                  ["intent": "billing.invoice", "cohort": "smb", "channel": "email", "model_version": "helios-2.4.1", "user_id": "usr%1"]),
            event("e3", "explicit_correction", prompt: "password reset not working",
                  ["intent": "sso.saml_setup", "cohort": "ent_x", "channel": "in_app", "model_version": "atlas-1", "user_id": "usrX1"]),
            event("e4", "agent_escalation", prompt: "where is my invoice", ["intent": "billing_refund", "cohort": "100%"]),
            event("e5", "rephrase", prompt: "refund refund", ["intent": "billingXrefund", "cohort": "100x", "channel": "email"]),
            event("e6", "thumbs_up", prompt: "thanks a lot", ["cohort": "a*b[1]?"]),
        ]
        let path = try ws.file("events.jsonl", lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(try ws.importFile(path).imported, 6)
        try ws.store.pool.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT items.id AS item, events.id AS event FROM items JOIN events ON events.rowid = items.id") {
                itemOf[row["event"]] = row["item"]
                eventOf[row["item"]] = row["event"]
            }
        }
        // Labelled by a lead, whose labels claim the items for a lease; the reader is `tester`.
        let lead = Identity(reviewer: "lead", osUser: "lead-os")
        let store = ws.store
        try store.applyLabel(.severity, value: "S1", to: [item("e1")], by: lead, at: Self.t0)
        try store.applyLabel(.severity, value: "S2", to: [item("e2")], by: lead, at: Self.t0)
        try store.applyLabel(.owner, value: "ops_100%", to: [item("e1")], by: lead, at: Self.t0)
        try store.applyLabel(.owner, value: "opsX100x", to: [item("e4")], by: lead, at: Self.t0)
        try store.applyLabel(.owner, value: "Billing team", to: [item("e2")], by: lead, at: Self.t0)
        try store.applyLabel(.locus, value: "retrieval", to: [item("e3")], by: lead, at: Self.t0)
        try store.applyLabel(.status, value: "triaged", to: [item("e3")], by: lead, at: Self.t0)
        try store.applyLabel(.status, value: "resolved", to: [item("e5")], by: lead, at: Self.t0)
        try store.merge([item("e6")], into: item("e1"), by: lead, at: Self.t0)
        try store.setCorrection("Use the setup wizard instead.", on: item("e4"), by: lead, at: Self.t0)
        // A claim of the reader's own, on an item nobody labelled.
        try store.releaseClaim(item("e5"), by: lead, at: Self.t0)
        try store.claim(item("e5"), by: ws.identity, at: Self.t0)
        reader = QueueReader(store: store, reviewer: ws.identity.reviewer)
    }

    override func tearDown() {
        reader = nil
        ws = nil
    }

    func item(_ event: String) -> Int64 { itemOf[event]! }

    /// The events a filter matches, at a moment one minute after the labels (claims still held).
    func matches(_ filter: String, now: Int64 = t0 + minute, file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        let query = try FilterQuery.parse(filter)
        let compiled = reader.compile(query, now: now)
        let rows = try reader.rows(compiled, sort: .newest, offset: 0, limit: 100)
        XCTAssertEqual(try reader.count(compiled).total, rows.count, "the count agrees with the rows for `\(filter)`", file: file, line: line)
        return Set(rows.map { eventOf[$0.id]! })
    }

    func assertMatches(_ filter: String, _ expected: Set<String>, _ why: String = "", now: Int64 = t0 + minute,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try matches(filter, now: now, file: file, line: line), expected, "`\(filter)` \(why)", file: file, line: line)
    }

    let all: Set<String> = ["e1", "e2", "e3", "e4", "e5", "e6"]

    func testSignal() throws {
        try assertMatches("signal:csat", ["e1"])
        try assertMatches("signal:csat signal:thumbs_down", ["e1", "e2"])
        try assertMatches("signal:thumbs*", ["e2", "e6"])
        try assertMatches("-signal:thumbs_up", all.subtracting(["e6"]))
        try assertMatches("-signal:csat -signal:thumbs_down", all.subtracting(["e1", "e2"]), "each negated value is excluded")
    }

    func testSeverity() throws {
        try assertMatches("severity:S1", ["e1"])
        try assertMatches("severity:s1", ["e1"], "severities match in any case")
        try assertMatches("severity:S1 severity:S2", ["e1", "e2"])
        try assertMatches("severity:none", ["e3", "e4", "e5", "e6"])
        try assertMatches("-severity:none", ["e1", "e2"])
        try assertMatches("-severity:S1", all.subtracting(["e1"]), "an unset severity is not S1")
    }

    func testStatus() throws {
        try assertMatches("status:triaged", ["e3"])
        try assertMatches("status:Triaged", ["e3"], "statuses match in any case, as the parser accepts them")
        try assertMatches("status:triaged status:resolved", ["e3", "e5"])
        try assertMatches("status:closed", ["e3", "e5", "e6"])
        try assertMatches("status:open", ["e1", "e2", "e4"])
        try assertMatches("-status:open", ["e3", "e5", "e6"])
        try assertMatches("status:tri*", ["e3"])
    }

    func testOwner() throws {
        try assertMatches(#"owner:"billing team""#, ["e2"], "quoted, with a space, in any case")
        // Setting the locus of e3 gave it the locus's default owner.
        try assertMatches("owner:none", ["e5", "e6"])
        try assertMatches("-owner:none", ["e1", "e2", "e3", "e4"])
        try assertMatches("owner:ops_100% owner:opsX100x", ["e1", "e4"])
    }

    func testIntentLocusCohortChannelModelUser() throws {
        try assertMatches("intent:billing.refund", ["e1"])
        try assertMatches("intent:billing.*", ["e1", "e2"])
        try assertMatches("intent:none", ["e6"])
        try assertMatches("locus:retrieval", ["e3"])
        try assertMatches("locus:retr*", ["e3"])
        try assertMatches("locus:none", all.subtracting(["e3"]))
        try assertMatches("cohort:smb cohort:enterprise", ["e1", "e2"])
        try assertMatches("-cohort:smb", all.subtracting(["e2"]), "an unset cohort is not smb")
        try assertMatches("channel:email", ["e2", "e5"])
        try assertMatches("channel:none", ["e4", "e6"])
        try assertMatches("model:helios-2.4.*", ["e1", "e2"])
        try assertMatches("model:none", ["e4", "e5", "e6"])
        try assertMatches("user:usrX1", ["e3"])
        try assertMatches("user:none", ["e4", "e5", "e6"])
    }

    func testReasonMatchesACodeAmongTheItemsReasons() throws {
        try ws.store.applyLabel(.reasons, value: "wrong_source,missing_source", to: [item("e3")],
                                by: Identity(reviewer: "lead", osUser: "lead-os"), at: Self.t0 + 1)
        try assertMatches("reason:missing_source", ["e3"], "any of the item's codes")
        try assertMatches("reason:wrong_source", ["e3"])
        try assertMatches("reason:wrong*", ["e3"])
        try assertMatches("reason:wrong", [], "a code, not a part of one")
        try assertMatches("reason:stale", [])
        try assertMatches("reason:none", all.subtracting(["e3"]))
        try assertMatches("-reason:wrong_source", all.subtracting(["e3"]))
    }

    func testClaimedFollowsTheClock() throws {
        try assertMatches("claimed:me", ["e5"])
        try assertMatches("claimed:tester", ["e5"])
        try assertMatches("claimed:lead", ["e1", "e2", "e3", "e4", "e6"])
        try assertMatches("claimed:none", [])
        try assertMatches("-claimed:none", all)
        let leaseOver = Self.t0 + 11 * Self.minute
        try assertMatches("claimed:none", all, now: leaseOver)
        try assertMatches("claimed:me", [], now: leaseOver)
    }

    func testCluster() throws {
        try assertMatches("cluster:\(item("e1"))", ["e1", "e6"])
        try assertMatches("-cluster:\(item("e1"))", ["e2", "e3", "e4", "e5"])
        try assertMatches("cluster:\(item("e1")) cluster:\(item("e2"))", ["e1", "e2", "e6"])
    }

    func testPercentAndUnderscoreAreLiteral() throws {
        try assertMatches("cohort:100%", ["e4"])
        try assertMatches("cohort:100%*", ["e4"], "not 100x")
        try assertMatches("cohort:ent_*", ["e3"], "not enterprise")
        try assertMatches("intent:billing_*", ["e4"], "not billing.refund or billingXrefund")
        try assertMatches("intent:billing_refund", ["e4"])
        try assertMatches("user:usr_1", ["e1"], "not usrX1 or usr%1")
        try assertMatches("user:usr%1", ["e2"])
        try assertMatches("user:usr_*", ["e1"])
        try assertMatches("user:usr%*", ["e2"])
        try assertMatches("owner:ops_100%", ["e1"], "not opsX100x")
        try assertMatches("owner:ops_*", ["e1"])
        try assertMatches(#"owner:"ops_100%"*"#, ["e1"])
        try assertMatches("-owner:ops_*", all.subtracting(["e1"]))
    }

    func testGlobWildcardsAreLiteralToo() throws {
        try assertMatches("cohort:a*b[1]?*", ["e6"])
        try assertMatches(#"cohort:"a*b[1]?""#, ["e6"])
        try assertMatches("cohort:a*", ["e6"])
        try assertMatches("cohort:a?*", [], "? is not any character")
        try assertMatches("cohort:a[*]*", [], "[*] is not a character class")
    }

    func testPrefixesMatchInTheCaseExactValuesDo() throws {
        try assertMatches("intent:Billing*", [], "intents match case-sensitively, as intent:billing.refund does")
        try assertMatches("intent:Billing.refund", [])
        try assertMatches("model:HELIOS*", [])
        try assertMatches("severity:s*", ["e1", "e2"], "severities match in any case, prefix or not")
        try assertMatches("owner:billing*", ["e2"], "owners too")
        try assertMatches("status:TRI*", ["e3"], "and statuses")
    }

    func testFullTextWordsAndNegation() throws {
        try assertMatches("refund", ["e1", "e5"])
        try assertMatches("-refund", ["e2", "e3", "e4", "e6"])
        try assertMatches("refund -please", ["e5"])
        try assertMatches("wizard", ["e4"], "a written correction is searched too")
        try assertMatches("-wizard", all.subtracting(["e4"]))
        try assertMatches("signal:csat refund", ["e1"])
    }

    func testQuotedPhrasesHoldQuotesAndOperators() throws {
        try assertMatches(#""cancel -now OR later""#, ["e2"], "operators inside a phrase are words")
        try assertMatches(#""said \"cancel""#, ["e2"], "a quote inside a phrase")
        try assertMatches(#""later OR cancel""#, [], "a phrase is in order, not an OR")
        try assertMatches("OR", ["e2"], "OR alone is a word, not an operator")
        try assertMatches("NOT", ["e3"], "NOT alone is the word (“password reset not working”)")
        try assertMatches(#"-"password reset""#, all.subtracting(["e3"]))
        try assertMatches(#""password reset" "not working""#, ["e3"])
        try assertMatches(#"signal:explicit_correction -"reset not""#, [])
        try assertMatches(#"channel:email -"refund refund""#, ["e2"])
        try assertMatches("-now", all.subtracting(["e2"]), "a leading - negates the word")
        try assertMatches(#"refun* "refun*""#, [], "* in a word or a phrase is not an FTS prefix")
    }
}
