import XCTest
import WinnowCore
import WinnowStore
@testable import WinnowTUI

/// Claims end with the shift (the reducer's side): `q` in the list only says how to quit, and
/// quitting asks the session to let go of the claims it did not use.
final class ClaimsReducerTests: XCTestCase {
    func testQInTheListHintsHowToQuitAndDoesNotQuit() {
        var state = makeState(rows: [makeRow(1), makeRow(2)])
        XCTAssertEqual(press(&state, "q"), [])
        XCTAssertFalse(state.shouldQuit)
        XCTAssertEqual(state.message, .init(text: "Q quits (q goes back, and this is the list)", isError: false))
        // Pressed again, still nothing but the hint; the queue keeps working.
        XCTAssertEqual(press(&state, "q", "j"), [.loadDetail(2)])
        XCTAssertFalse(state.shouldQuit)
        XCTAssertEqual(state.cursor, 1)
    }

    func testQLeavesTheDetailFirstThenOnlyHints() {
        var state = makeState(rows: [makeRow(1)])
        _ = press(&state, "enter")
        XCTAssertEqual(state.focus, .detail)
        XCTAssertEqual(press(&state, "q"), [])
        XCTAssertEqual(state.focus, .list)
        XCTAssertNil(state.message)
        _ = press(&state, "q")
        XCTAssertFalse(state.shouldQuit)
        XCTAssertEqual(state.message?.text, "Q quits (q goes back, and this is the list)")
    }

    func testTheHintNamesTheQuitKeyOfTheKeymap() throws {
        var state = makeState(rows: [makeRow(1)])
        state.keymap = try Keymap(overrides: ["quit": ["X"]])
        _ = press(&state, "q")
        XCTAssertEqual(state.message?.text, "X quits (q goes back, and this is the list)")
        state.keymap = try Keymap(overrides: ["quit": [], "back": ["z"]])
        _ = press(&state, "z")
        XCTAssertEqual(state.message?.text, ":quit quits (z goes back, and this is the list)")
        XCTAssertFalse(state.shouldQuit)
    }

    func testQuittingReleasesTheUnusedClaimsBeforeItQuits() {
        for keys in [["Q"], ["ctrl-c"], ["?", "Q"], [":", "q", "u", "i", "t", "enter"], [":", "q", "enter"]] {
            var state = makeState(rows: [makeRow(1, claimedBy: "alice")])
            var effects: [Effect] = []
            for key in keys { effects += Reducer.reduce(&state, .key(Key(key))) }
            XCTAssertEqual(effects, [.releaseUnusedClaims, .quit], "\(keys)")
            XCTAssertTrue(state.shouldQuit, "\(keys)")
        }
    }

    /// The takeover notice comes up to a second late: it follows, never hides, the refusal the
    /// reviewer's own action just got.
    func testALateTakeoverNoticeFollowsTheRefusalItWouldHaveHidden() {
        let notice = "carol took over #1 from you — your changes to it will be refused"
        var state = makeState(rows: [makeRow(1)])
        _ = Reducer.reduce(&state, .claimLost(notice))
        XCTAssertEqual(state.message, .init(text: notice, isError: true))
        _ = Reducer.reduce(&state, .message("#1 was changed by carol meanwhile (severity none → S3)", isError: true))
        _ = Reducer.reduce(&state, .claimLost(notice))
        XCTAssertEqual(state.message, .init(text: "#1 was changed by carol meanwhile (severity none → S3) · " + notice, isError: true))
        _ = Reducer.reduce(&state, .claimLost(notice))
        XCTAssertEqual(state.message?.text.components(separatedBy: notice).count, 2, "said once")
        _ = Reducer.reduce(&state, .message("Saved", isError: false))
        _ = Reducer.reduce(&state, .claimLost(notice))
        XCTAssertEqual(state.message, .init(text: notice, isError: true), "an info message gives way")
    }
}
