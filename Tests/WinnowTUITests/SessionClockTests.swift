import Foundation
import XCTest
import WinnowStore
@testable import WinnowTUI

/// The session has one clock, injected: what it writes carries the moment the screen shows.
final class SessionClockTests: XCTestCase {
    /// The fixtures show a fixed moment; the session must write at that moment too, or a claim
    /// would look held or expired depending on the day the tests run.
    func testTheSessionWritesAtTheMomentItShows() throws {
        let ws = try FixtureWorkspace(lines: (1...3).map { fixtureEvent($0) })
        let runtime = ws.runtime(width: 100, height: 30)
        for key in ["s", "2", "c", "ctrl-e", "space", "x"] { runtime.dispatch(.key(Key(key))) }
        runtime.tick()
        runtime.settle()
        let item = try XCTUnwrap(runtime.state.selectedRow?.id)
        let lease = Int64(ws.store.config.leaseMinutes) * 60_000
        XCTAssertEqual(runtime.state.selectedRow?.claimExpiresMillis, fixedNow + lease)
        XCTAssertEqual(try ws.store.draft(item: item, reviewer: "alice")?.updatedMillis, fixedNow)
        var stamps: [Int64] = []
        try AuditLog.forEach(.init(itemID: item), in: ws.store) { if $0.reviewer == "alice" { stamps.append($0.timestampMillis) } }
        XCTAssertFalse(stamps.isEmpty)
        XCTAssertEqual(Set(stamps), [fixedNow], "claim and label records")
    }
}
