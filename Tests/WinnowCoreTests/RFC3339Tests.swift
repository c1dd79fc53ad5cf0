import XCTest
@testable import WinnowCore

final class RFC3339Tests: XCTestCase {
    func testAcceptsRFC3339Forms() {
        XCTAssertEqual(RFC3339.parseMillis("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(RFC3339.parseMillis("1970-01-01T01:00:00+01:00"), 0)
        XCTAssertEqual(RFC3339.parseMillis("1969-12-31T23:00:00-01:00"), 0)
        XCTAssertEqual(RFC3339.parseMillis("2026-10-14t09:31:22.123456z"), 1_791_970_282_123)
        XCTAssertEqual(RFC3339.parseMillis("2024-02-29T12:00:00Z"), 1_709_208_000_000)
        XCTAssertEqual(RFC3339.parseMillis("2026-10-14 09:31:22Z"), 1_791_970_282_000)
    }

    func testRejectsNonRFC3339() {
        for bad in ["yesterday", "2026-10-14", "2026-10-14T09:31:22", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
                    "2026-10-14T24:00:00Z", "2026-10-14T09:31:22.Z", "2026-10-14T09:31:22+0200", "2026-10-14T09:31:22Zjunk",
                    "１９７０-01-01T00:00:00Z", ""] {
            XCTAssertNil(RFC3339.parseMillis(bad), bad)
        }
    }

    func testFormatRoundTrips() {
        XCTAssertEqual(RFC3339.format(millis: 1_791_970_282_999), "2026-10-14T09:31:22Z")
        XCTAssertEqual(RFC3339.format(millis: -1000), "1969-12-31T23:59:59Z")
        let m = RFC3339.parseMillis("2000-03-01T00:00:00Z")!
        XCTAssertEqual(RFC3339.format(millis: m), "2000-03-01T00:00:00Z")
    }
}
