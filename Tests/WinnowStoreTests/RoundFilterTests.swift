import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// `round:NAME`: the queue filtered to the items sampled into a round, read through the round's
/// own rows by key.
final class RoundFilterTests: XCTestCase {
    func testTheFilterKeepsARoundsItemsAndOnlyThem() throws {
        let ws = try workspace(8)
        try ws.makeRound("wk48", items: [2, 5, 7], reviewers: ["ann", "ben"])
        try ws.makeRound("wk49", items: [5, 8], reviewers: ["ann"])
        XCTAssertEqual(try ws.matching("round:wk48"), [2, 5, 7])
        XCTAssertEqual(try ws.matching("round:wk49"), [5, 8])
        XCTAssertEqual(try ws.matching("round:wk48 round:wk49"), [2, 5, 7, 8], "two rounds: either")
        XCTAssertEqual(try ws.matching("round:wk4*"), [2, 5, 7, 8])
        XCTAssertEqual(try ws.matching("-round:wk48"), [1, 3, 4, 6, 8])
        XCTAssertEqual(try ws.matching("round:nope"), [])
    }

    func testTheFilterReadsTheRoundByNameAndItsItemsByKey() throws {
        let ws = try workspace(40)
        try ws.makeRound("wk48", items: [3, 9], reviewers: ["ann"])
        let plan = try ws.plan("round:wk48")
        XCTAssertTrue(plan.contains("SEARCH items USING INTEGER PRIMARY KEY"), plan)
        XCTAssertTrue(plan.contains("SEARCH r USING COVERING INDEX sqlite_autoindex_rounds_1 (name=?)"), plan)
        XCTAssertFalse(plan.contains("SCAN items"), plan)
    }
}
