import Foundation
import WinnowCore
@testable import WinnowStore
import XCTest

/// The demo's spikes: the helios-2.4.0 SSO regression is flagged, tied to the release that shipped
/// it, in the week after it; and the demo's last week, after the fix, is quiet.
final class DemoSpikesTests: XCTestCase {
    func testTheDemoFlagsTheSSORegressionAfterTheRelease() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-demo-spikes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("demo")
        XCTAssertNotNil(try DemoWorkspace.ensure(at: directory, identity: Identity(reviewer: "sam", osUser: "sam")))
        let store = try Store.openForReading(Workspace(directory: directory))
        defer { try? store.pool.close() }

        let report = try store.insights(asOf: RFC3339.parseMillis("2026-10-28T00:00:00Z")!)
        XCTAssertEqual(report.parameters.baselineDays, 16, "the demo's history starts on 2026-10-05")
        let intents = report.flags.filter { $0.slice.dimension == .intent || $0.slice.dimension == .intentSignal }.map(\.slice.value)
        XCTAssertFalse(intents.isEmpty, report.flags.map(\.summary).joined(separator: "\n"))
        XCTAssertTrue(intents.allSatisfy { $0.hasPrefix("sso.") }, "only the regression's intents rose: \(intents)")
        for flag in report.flags {
            XCTAssertEqual(flag.since.map(\.value), ["helios-2.4.0", "support-sys-v18"], flag.summary)
            XCTAssertTrue(flag.summary.hasSuffix("since model_version helios-2.4.0 and prompt_version support-sys-v18 (2026-10-21)"),
                          flag.summary)
        }
        let now = try store.insights(now: RFC3339.parseMillis("2026-12-02T12:00:00Z")!)
        XCTAssertEqual(now.asOfSource, .newestEvent)
        XCTAssertEqual(RFC3339.format(millis: now.asOfMillis), "2026-11-16T00:00:00Z")
        XCTAssertEqual(now.flags.map(\.summary), [], "the week after the fix rose against nothing")
    }
}
