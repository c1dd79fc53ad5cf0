import Foundation
import XCTest
import WinnowStore
@testable import WinnowTUI

/// The terminal loop's ends: quitting, and a termination signal noticed between inputs.
final class TerminalLoopTests: XCTestCase {
    func keys(_ text: String) -> [TerminalInput] {
        text.map { .key(Key($0 == " " ? "space" : String($0))) }
    }

    func testASignalEndsTheLoopWithTheTextBeingTypedKeptAsADraft() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let terminal = HeadlessTerminal(width: 100, height: 30)
        terminal.pending = [.key(Key("c")), .key(Key("ctrl-e"))] + keys(" cut short")
        // The signal arrives once every key has been read, well within the second between drafts.
        let loop = TerminalLoop(runtime: runtime, terminal: terminal, themes: .builtIn(), themeName: "dusk", forceMonochrome: false,
                                terminationSignal: { terminal.pending.isEmpty ? SIGTERM : nil })
        XCTAssertEqual(loop.run(), SIGTERM)
        let item = try XCTUnwrap(runtime.state.editing?.itemID)
        let draft = try ws.store.draft(item: item, reviewer: "alice")
        XCTAssertEqual(draft?.text, "Open Billing and choose Refund. cut short")
    }

    func testASignalOutsideTheEditorWritesNoDraft() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        let terminal = HeadlessTerminal(width: 100, height: 30)
        terminal.pending = keys("jj")
        let loop = TerminalLoop(runtime: runtime, terminal: terminal, themes: .builtIn(), themeName: "dusk", forceMonochrome: false,
                                terminationSignal: { terminal.pending.isEmpty ? SIGHUP : nil })
        XCTAssertEqual(loop.run(), SIGHUP)
        XCTAssertEqual(runtime.state.cursor, 2, "keys read before the signal were handled")
        XCTAssertEqual(try ws.store.drafts(reviewer: "alice").count, 0)
    }

    func testQuittingEndsTheLoopWithoutASignal() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let terminal = HeadlessTerminal(width: 100, height: 30)
        terminal.pending = [.key(Key("Q"))]
        let loop = TerminalLoop(runtime: ws.runtime(width: 100, height: 30), terminal: terminal, themes: .builtIn(), themeName: "dusk",
                                forceMonochrome: false, terminationSignal: { nil })
        XCTAssertNil(loop.run())
    }
}
