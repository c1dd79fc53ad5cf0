import Foundation
import XCTest

/// The insights view in the real binary, in tmux without colour: `I` opens it over the queue at
/// 80×24 and 200×60, the flags name the release before the rise, Enter opens a flag's items.
final class InsightsTmuxTests: XCTestCase {
    func workspace() throws -> TmuxWorkspace {
        let lines = try SpikesCLITests.events().split(separator: "\n").map(String.init)
        return try TmuxWorkspace(events: lines)
    }

    func testIOpensTheFlagsAndEnterShowsAFlagsItemsAt80x24() throws {
        let ws = try workspace()
        let s = try ws.open(reviewer: "alice", width: 80, height: 24, environment: ["NO_COLOR": "1", "LC_ALL": "C.UTF-8"])
        try s.press("I")
        let screen = try s.waitFor("billing.refund corrections ×6.0")
        XCTAssertTrue(screen.contains("▶ ▲ corrections ×6.0 since prompt_version v14 (2026-10-22)"), screen)
        XCTAssertTrue(screen.contains("INSIGHTS"), screen)
        XCTAssertTrue(screen.contains("newest event's day"), screen)
        XCTAssertFalse(screen.contains("\u{1B}"), screen)
        try s.press("j")
        let moved = try s.waitFor("Enter: intent:billing.refund signal:explicit_correction")
        XCTAssertTrue(moved.contains("▶ ▲ billing.refund corrections ×6.0"), moved)
        try s.press("Enter")
        let queue = try s.waitFor("1 of 70")
        XCTAssertTrue(queue.contains("Filter: intent:billing.refund signal:explicit_correction"), queue)
        XCTAssertFalse(queue.contains("INSIGHTS"), queue)
    }

    func testTheSparklinesAndVelocityFitAt200x60() throws {
        let ws = try workspace()
        let s = try ws.open(reviewer: "alice", width: 200, height: 60, environment: ["NO_COLOR": "1", "LC_ALL": "C.UTF-8"])
        try ws.command(s, "insights 2026-10-29")
        let screen = try s.waitFor("VELOCITY")
        let corrections = try XCTUnwrap(screen.split(separator: "\n").first { $0.hasPrefix("│   explicit_correction ") }, screen)
        XCTAssertTrue(corrections.contains("│"), "the window is marked:\n\(screen)")
        XCTAssertTrue(corrections.contains("█"), "the busiest days are full blocks:\n\(screen)")
        XCTAssertTrue(screen.contains("GUARDRAILS"), screen)
        XCTAssertTrue(screen.contains("evil"), screen)
        XCTAssertFalse(screen.contains("\u{1B}"), screen)
        try s.press("q")
        try s.waitFor("1 of 140")
    }
}
