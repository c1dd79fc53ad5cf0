import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

final class QueueReaderTests: XCTestCase {
    func workspace(_ lines: [String]) throws -> TestWorkspace {
        let ws = try TestWorkspace()
        _ = try ws.importFile(try ws.file("q.jsonl", lines.joined(separator: "\n")))
        return ws
    }

    func testPageWithinABudgetOrNothing() throws {
        let ws = try workspace((1...3000).map { eventLine("e\($0)", signal: $0 == 2999 ? "csat" : "thumbs_down") })
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        // Nearly nothing matches: the page must scan everything before it can say so.
        let sparse = reader.compile(try FilterQuery.parse("-signal:thumbs_down"))
        XCTAssertNil(try reader.rows(sparse, sort: .queue, offset: 0, limit: 90, budget: 0), "the budget ran out: no answer, not a wrong one")
        XCTAssertEqual(try reader.rows(sparse, sort: .queue, offset: 0, limit: 90, budget: 30)?.map(\.signal), ["csat"])
        let all = reader.compile(FilterQuery())
        XCTAssertEqual(try reader.rows(all, sort: .queue, offset: 10, limit: 20, budget: 30)?.map(\.id),
                       try reader.rows(all, sort: .queue, offset: 10, limit: 20).map(\.id))
        // The connection is left as it was: later reads are not interrupted.
        XCTAssertEqual(try reader.count(sparse).total, 1)
        XCTAssertEqual(try reader.count(all).total, 3000)
    }

    func testSearchQueriesAgreeWithTheQueueOrder() throws {
        // Every third event mentions a refund; signals vary, so queue order is not import order.
        let signals = ["thumbs_down", "rephrase", "explicit_correction", "thumbs_up"]
        let ws = try workspace((1...200).map {
            eventLine("e\($0)", signal: signals[$0 % 4], prompt: $0 % 3 == 0 ? "Where is my refund \($0)?" : "Password reset \($0)",
                      response: "See the help page.")
        })
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        let all = reader.compile(FilterQuery())
        let queue = try reader.rows(all, sort: .queue, offset: 0, limit: 500)
        let matching = queue.filter { $0.preview.contains("refund") }
        XCTAssertEqual(matching.count, 66)

        XCTAssertEqual(try reader.matchCount(search: "refund", limit: 10), 10, "counting stops at the limit")
        XCTAssertEqual(try reader.matchCount(search: "refund", limit: 1000), 66)
        XCTAssertEqual(try reader.matchCount(search: "nowhere", limit: 1000), 0)

        let keys = try reader.matchKeys(all, sort: .queue, search: "refund")
        XCTAssertEqual(keys.map(\.id), matching.map(\.id), "in queue order")
        XCTAssertEqual(keys.map(\.key), matching.map { $0.sortKey(for: .queue) })
        let filtered = reader.compile(try FilterQuery.parse("signal:rephrase"))
        XCTAssertEqual(try reader.matchKeys(filtered, sort: .queue, search: "refund").map(\.id),
                       matching.filter { $0.signal == "rephrase" }.map(\.id))

        // The nearest match from a row, both ways, as the queue orders them.
        let from = queue[100]
        let nextForward = queue[101...].first { $0.preview.contains("refund") }
        let nextBackward = queue[..<100].last { $0.preview.contains("refund") }
        XCTAssertEqual(try reader.nearMatch(all, sort: .queue, search: "refund", after: from.key(for: .queue), forward: true, budget: 30).row?.id,
                       nextForward?.id)
        XCTAssertEqual(try reader.nearMatch(all, sort: .queue, search: "refund", after: from.key(for: .queue), forward: false, budget: 30).row?.id,
                       nextBackward?.id)
        let past = try reader.nearMatch(all, sort: .queue, search: "refund", after: queue.last!.key(for: .queue), forward: true, budget: 30)
        XCTAssertNil(past.row)
        XCTAssertTrue(past.exhausted, "nothing after the last row: the walk finished")
        let oldest = try reader.nearMatch(all, sort: .oldest, search: "refund", after: nil, forward: true, budget: 30)
        XCTAssertEqual(oldest.row?.id, try reader.rows(all, sort: .oldest, offset: 0, limit: 500).first { $0.preview.contains("refund") }?.id)

        // Positions counted between two rows agree with absolute ones.
        XCTAssertEqual(try reader.count(all, sort: .queue, between: queue[10].key(for: .queue), and: queue[150].key(for: .queue)), 139)
        XCTAssertEqual(try reader.count(all, sort: .queue, between: queue[10].key(for: .queue), and: queue[11].key(for: .queue)), 0)
        XCTAssertEqual(try reader.index(of: queue[150], all, sort: .queue), 150)
        let rephrase = try reader.rows(filtered, sort: .queue, offset: 0, limit: 500)
        XCTAssertEqual(try reader.count(filtered, sort: .queue, between: rephrase[2].key(for: .queue), and: rephrase[40].key(for: .queue)), 37)
    }
}
