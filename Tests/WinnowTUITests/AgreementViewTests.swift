import Foundation
import XCTest
@testable import WinnowStore
@testable import WinnowTUI

/// The agreement view: its keys, figures computed in the background while keys go on working,
/// the same numbers as `AgreementReport` (what `winnow agreement` prints), and the screen.
final class AgreementViewTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    /// Round wk48 over six items, bo and cy scoring severity: they agree on four.
    func workspaceWithARound(bo: [String] = ["S1", "S2", "S2", "S3", "S3", "S4"],
                             cy: [String] = ["S1", "S2", "S3", "S3", "S4", "S4"]) throws -> FixtureWorkspace {
        let ws = try FixtureWorkspace(lines: (1...6).map { fixtureEvent($0) })
        _ = try ws.store.createRound(RoundSpec(name: "wk48", fields: [.severity], overlap: 2, reviewers: ["bo", "cy"],
                                               sample: RoundSampleSpec(filter: "intent:billing.refund")),
                                     by: Identity(reviewer: "lead", osUser: "t"), at: fixedNow - 10 * 3_600_000)
        for item in 1...6 {
            for (reviewer, values) in [("bo", bo), ("cy", cy)] {
                _ = try ws.store.submitJudgments(round: "wk48", item: Int64(item), values: [.label(.severity): values[item - 1]],
                                                 by: Identity(reviewer: reviewer, osUser: "t"), at: fixedNow - 3_600_000)
            }
        }
        return ws
    }

    func figures(_ columns: [String: Double?]) -> AgreementFigures {
        AgreementFigures(field: "severity", level: "ordinal", items: 6, judgments: 12,
                         figures: columns.sorted { $0.key < $1.key }.map {
                             .init(column: $0.key, name: $0.key, value: $0.value, reason: $0.value == nil ? "\($0.key) needs exactly two raters" : nil)
                         },
                         alphaInterval: nil, alphaIntervalReason: nil, pairs: [], reviewers: [])
    }

    func testItsKeysMoveBetweenFieldsAndCloseIt() {
        var state = makeState(rows: [makeRow(1)])
        XCTAssertEqual(press(&state, "K"), [.computeAgreement(round: nil)])
        XCTAssertEqual(state.keyContext, .agreement)
        _ = Reducer.reduce(&state, .agreementLoaded(round: nil, .success([figures(["κ": 0.5]), figures(["κ": nil])])))
        _ = press(&state, "j")
        XCTAssertEqual(state.agreement?.selected, 1)
        _ = press(&state, "j")
        XCTAssertEqual(state.agreement?.selected, 1, "the last field stays selected")
        XCTAssertEqual(state.cursor, 0, "the queue underneath does not move")
        _ = press(&state, "k", "q")
        XCTAssertNil(state.agreement)
        XCTAssertEqual(state.keyContext, .list)
    }

    func testRemappedAgreementKeysWork() throws {
        var state = makeState(rows: [makeRow(1)])
        state.keymap = try Keymap(overrides: ["agreement": ["f7"], "agreement_down": ["n"], "agreement_close": ["x"]])
        XCTAssertEqual(press(&state, "f7"), [.computeAgreement(round: nil)])
        _ = Reducer.reduce(&state, .agreementLoaded(round: nil, .success([figures(["κ": 0.5]), figures(["κ": nil])])))
        _ = press(&state, "j")
        XCTAssertEqual(state.agreement?.selected, 0, "j no longer moves")
        _ = press(&state, "n")
        XCTAssertEqual(state.agreement?.selected, 1)
        _ = press(&state, "q")
        XCTAssertNotNil(state.agreement, "q no longer closes")
        _ = press(&state, "x")
        XCTAssertNil(state.agreement)
    }

    func testHelpOpensOnTheViewsKeysAndClosesBackToIt() {
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, "K", "?")
        XCTAssertEqual(state.overlay, .help(scroll: 0, from: .agreement))
        XCTAssertEqual(HelpOverlay.lines(state, from: .agreement).first?.key, KeyContext.agreement.title)
        _ = press(&state, "x")
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.keyContext, .agreement)
        _ = press(&state, "Q")
        XCTAssertTrue(state.shouldQuit)
    }

    func testTabCompletesARoundName() {
        var state = makeState(rows: [makeRow(1)])
        state.roundNames = ["wk48", "refunds"]
        _ = press(&state, ":")
        for character in "agreement w" { _ = press(&state, String(character)) }
        _ = press(&state, "tab")
        XCTAssertEqual(state.input?.text, "agreement wk48")
    }

    func testFiguresForAnotherRoundThanTheOneShownAreDropped() {
        var state = makeState(rows: [makeRow(1)])
        _ = Reducer.reduce(&state, .command(.agreement, argument: "wk49"))
        _ = Reducer.reduce(&state, .agreementLoaded(round: nil, .success([figures(["κ": 0.5])])))
        XCTAssertEqual(state.agreement?.loading, true)
        _ = Reducer.reduce(&state, .agreementLoaded(round: "wk49", .failure(AgreementViewError("There is no round named “wk49”"))))
        XCTAssertEqual(state.agreement?.error, "There is no round named “wk49”")
    }

    func testFiguresAreComputedInTheBackgroundAndMatchTheReport() throws {
        let ws = try workspaceWithARound()
        let runtime = ws.runtime(width: 100, height: 30)
        runtime.dispatch(.key(Key("K")))
        // Nothing is delivered until the runtime polls the background: the key returned at once.
        XCTAssertEqual(runtime.state.agreement?.loading, true)
        runtime.dispatch(.key(Key("j")))
        XCTAssertEqual(runtime.state.keyContext, .agreement, "keys keep working while the figures are computed")
        runtime.settle()
        let view = try XCTUnwrap(runtime.state.agreement)
        XCTAssertFalse(view.loading)
        let severity = try XCTUnwrap(view.fields.first)
        XCTAssertEqual(severity.field, "severity")
        XCTAssertEqual(severity.items, 6)
        XCTAssertEqual(severity.judgments, 12)
        let data = try XCTUnwrap(try ws.store.reliabilityData(round: "wk48").first)
        let report = AgreementReport.compute(data.data, level: data.level, scale: data.scale, reference: data.reference,
                                             replicates: AgreementComputation.replicates, seed: AgreementComputation.seed)
        for entry in report.entries {
            XCTAssertEqual(severity.figures.first { $0.name == (AgreementComputation.columns[entry.key]?.name ?? entry.name) }?.value,
                           entry.value, entry.key)
        }
        XCTAssertEqual(severity.figures.first { $0.column == "%agree" }?.value ?? 0, 4.0 / 6.0, accuracy: 1e-9)
        XCTAssertNotNil(severity.alphaInterval)
        XCTAssertEqual(severity.reviewers.map(\.name), ["bo", "cy"])
    }

    func testTheAgreementViewAt100x30() throws {
        let ws = try workspaceWithARound()
        let runtime = ws.runtime(width: 100, height: 30)
        press(runtime, "K")
        assertSnapshot(screenText(runtime.frame()), named: "agreement-100x30")
    }

    /// Everyone said S2: the chance-corrected figures are undefined, shown as — with the reason.
    func testUndefinedFiguresShowADashAndWhyAt80x24() throws {
        let same = Array(repeating: "S2", count: 6)
        let ws = try workspaceWithARound(bo: same, cy: same)
        let runtime = ws.runtime(width: 80, height: 24)
        runtime.dispatch(.command(.agreement, argument: "wk48"))
        runtime.settle()
        assertSnapshot(screenText(runtime.frame()), named: "agreement-undefined-80x24")
    }

    func testAnUnknownRoundSaysWhichThereAre() throws {
        let ws = try workspaceWithARound()
        let runtime = ws.runtime(width: 100, height: 30)
        runtime.dispatch(.command(.agreement, argument: "wk49"))
        runtime.settle()
        XCTAssertEqual(runtime.state.agreement?.error, "There is no round named “wk49” (rounds: wk48)")
    }
}
