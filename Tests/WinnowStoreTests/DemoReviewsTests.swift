import Foundation
import GRDB
import WinnowConfig
import WinnowCore
import WinnowDemoData
@testable import WinnowStore
import XCTest

/// The demo workspace's roster and QA history: what someone trying the rounds, disputes and
/// agreement commands finds on first start.
final class DemoReviewsTests: XCTestCase {
    static let creator = Identity(reviewer: "sam", osUser: "sam")
    nonisolated(unsafe) static var seeded: (root: URL, store: Store)?

    /// One seeded demo for the whole class: seeding takes a second or two in a debug build.
    func demo() throws -> Store {
        if let seeded = Self.seeded { return seeded.store }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-demo-reviews-\(UUID().uuidString)")
        let directory = root.appendingPathComponent("demo")
        XCTAssertNotNil(try DemoWorkspace.ensure(at: directory, identity: Self.creator))
        let store = try Store.open(Workspace(directory: directory))
        Self.seeded = (root, store)
        return store
    }

    override class func tearDown() {
        if let seeded {
            try? seeded.store.pool.close()
            try? FileManager.default.removeItem(at: seeded.root)
        }
        seeded = nil
        super.tearDown()
    }

    func testRosterHasEveryRoleAndItsCreatorTriagesAndScores() throws {
        let store = try demo()
        let config = store.config
        XCTAssertFalse(config.isSingleUser)
        XCTAssertEqual(config.roles(of: DemoReviewTeam.lead), [.lead, .reviewer])
        XCTAssertEqual(config.roster.filter { $0.roles.contains(.qa) && $0.name != Self.creator.reviewer }.map(\.name).sorted(),
                       ["grant", "priyanka", "yuki"])
        XCTAssertEqual(config.roles(of: DemoReviewTeam.adjudicator), [.reviewer, .adjudicator])
        XCTAssertEqual(config.roles(of: Self.creator.reviewer), [.reviewer, .qa])
        XCTAssertFalse(store.judgmentVisibility(for: Self.creator).seesEverything, "the round in progress is blind to its creator")
        XCTAssertNil(config.roles(of: "someone-else"), "an unlisted name is refused as on any rostered workspace")
    }

    func testCreatorNamedLikeATeamMemberGetsTheRolesAddedNotASecondEntry() throws {
        let config = try WorkspaceConfig.parse(DemoWorkspace.configText(demoUser: "ines"))
        XCTAssertEqual(config.roster.filter { $0.name == "ines" }.count, 1)
        XCTAssertEqual(config.roles(of: "ines"), [.reviewer, .adjudicator, .qa])
        XCTAssertEqual(config.roster.count, DemoReviewTeam.members.count)
    }

    func testCreatorsNameIsWrittenAsATOMLStringWhateverItHolds() throws {
        let name = "o\"brien\\x"
        let config = try WorkspaceConfig.parse(DemoWorkspace.configText(demoUser: name))
        XCTAssertEqual(config.roles(of: name), [.reviewer, .qa])
    }

    func testSampleDataConfigHasTheTeamWithoutAnyCreator() throws {
        let config = try WorkspaceConfig.parse(DemoWorkspace.configText)
        XCTAssertEqual(config.roster.map(\.name), DemoReviewTeam.members.map(\.name))
    }

    func testFinishedRoundHasEveryItemCompleteAndDisputesDecidedWithRationalesAndSomeOpen() throws {
        let store = try demo()
        let progress = try store.roundProgress(DemoReviews.finishedRound)
        XCTAssertTrue(progress.round.isClosed)
        XCTAssertEqual(progress.round.items, 40)
        XCTAssertEqual(progress.round.itemsComplete, 40)
        XCTAssertEqual(progress.round.rubric, Rubric.standard.name)
        XCTAssertEqual(progress.round.overlap, 2)
        XCTAssertEqual(progress.round.sample.stratify, [.intent, .cohort, .severity])
        XCTAssertEqual(progress.reviewers.map(\.reviewer), ["grant", "priyanka", "yuki"])
        XCTAssertEqual(progress.reviewers.map(\.remaining), [0, 0, 0])
        XCTAssertEqual(progress.reviewers.map(\.skipped).reduce(0, +), 1, "one reviewer stood aside from an item")
        XCTAssertEqual(progress.disputesOpen, DemoReviews.openDisputesLeft)
        XCTAssertGreaterThanOrEqual(progress.disputesDecided, 10)

        let decided = try store.disputes(.decided).filter { $0.roundName == DemoReviews.finishedRound }
        XCTAssertEqual(decided.count, progress.disputesDecided)
        for summary in decided.prefix(8) {
            let detail = try store.dispute(summary.id)
            let decision = try XCTUnwrap(detail.decision)
            XCTAssertEqual(decision.reviewer, DemoReviewTeam.adjudicator)
            XCTAssertFalse(decision.rationale?.isEmpty ?? true)
            XCTAssertFalse(detail.competing.map(\.reviewer).contains(DemoReviewTeam.adjudicator))
        }
    }

    /// Plausible agreement: real, not perfect; the harsh and the lenient reviewer see to that.
    func testAgreementOnTheFinishedRoundIsDefinedAndPlausibleOnEveryDimension() throws {
        let fields = try demo().reliabilityData(round: DemoReviews.finishedRound)
        XCTAssertEqual(fields.map(\.field.name).sorted(), Rubric.standard.dimensions.map(\.name).sorted())
        for field in fields {
            XCTAssertEqual(field.data.unitCount, 40, field.field.name)
            let alpha = Agreement.krippendorffAlpha(field.data, metric: field.level == .ordinal ? .ordinal(levels: field.scale) : .nominal)
            let value = try XCTUnwrap(alpha.value, "\(field.field.name): \(alpha)")
            XCTAssertGreaterThan(value, 0.5, field.field.name)
            XCTAssertLessThan(value, 0.95, field.field.name)
        }
    }

    func testDisputesRaisedInTriageStayOpenWithTheirProposals() throws {
        let triage = try demo().disputes(.open).filter { $0.roundID == nil }
        XCTAssertEqual(triage.count, 2)
        XCTAssertEqual(Set(triage.map(\.openedBy)), [DemoReviewTeam.triageReviewer])
        XCTAssertEqual(Set(triage.map(\.field)), [.label(.severity), .label(.locus)])
    }

    func testRoundInProgressHasTheCreatorsAssignmentsOpenAndColleaguesNearlyDone() throws {
        let store = try demo()
        let progress = try store.roundProgress(DemoReviews.currentRound)
        XCTAssertFalse(progress.round.isClosed)
        XCTAssertGreaterThan(progress.round.itemsComplete, 0)
        XCTAssertLessThan(progress.round.itemsComplete, progress.round.items)
        let mine = try store.assignments(for: Self.creator.reviewer, round: DemoReviews.currentRound)
        XCTAssertFalse(mine.isEmpty)
        XCTAssertTrue(mine.allSatisfy(\.isOpen))
        for colleague in progress.reviewers where colleague.reviewer != Self.creator.reviewer {
            XCTAssertEqual(colleague.remaining, DemoReviews.openPerReviewer, colleague.reviewer)
            XCTAssertGreaterThan(colleague.submitted, 0)
        }
        // Blind: the creator sees nobody's score on an item they have not scored yet.
        let viewer = Self.creator
        for assignment in mine.prefix(3) {
            let seen = try store.roundJudgments(item: assignment.itemID, viewer: viewer)
            XCTAssertTrue(seen.allSatisfy { $0.value == nil }, "\(seen)")
        }
    }

    func testTheAuditLogIsTrueToTheState() throws {
        let check = try AuditLog.check(try demo())
        XCTAssertTrue(check.passes, "\(check)")
    }

    func testTheScoresAreTheSameOnEveryMachine() throws {
        let items = (1...30).map { DemoScoring.Item(id: Int64($0), signal: "thumbs_down", hasToolCall: $0 % 3 == 0) }
        let scale = DemoScoring.Scale.ordinal(["1", "2", "3", "4", "5"])
        let first = items.map { DemoScoring.score(by: "yuki", $0, dimension: "faithfulness", scale: scale) }
        let again = items.map { DemoScoring.score(by: "yuki", $0, dimension: "faithfulness", scale: scale) }
        XCTAssertEqual(first, again)
        // Pinned, so a change to the generator shows up here rather than as a different demo.
        XCTAssertEqual(first.prefix(8).joined(), "14222421")
    }

    func testTheHarshReviewerScoresLowerThanTheLenientOneOnTheSameItems() throws {
        let items = (1...400).map { DemoScoring.Item(id: Int64($0), signal: "csat", hasToolCall: false) }
        let scale = DemoScoring.Scale.ordinal(["1", "2", "3", "4", "5"])
        func mean(_ reviewer: String) -> Double {
            Double(items.map { Int(DemoScoring.score(by: reviewer, $0, dimension: "completeness", scale: scale))! }.reduce(0, +)) / 400
        }
        XCTAssertLessThan(mean("yuki") + 0.4, mean("priyanka"))
    }
}
