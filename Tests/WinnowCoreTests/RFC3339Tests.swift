import Testing
@testable import WinnowCore

@Suite("RFC 3339 timestamps")
struct RFC3339Tests {
    @Test("accepts the RFC's forms", arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("1970-01-01T01:00:00+01:00", 0),
        ("1969-12-31T23:00:00-01:00", 0),
        ("2026-10-14t09:31:22.123456z", 1_791_970_282_123),
        ("2024-02-29T12:00:00Z", 1_709_208_000_000),
        ("2026-10-14 09:31:22Z", 1_791_970_282_000),
    ])
    func accepts(text: String, millis: Int64) {
        #expect(RFC3339.parseMillis(text) == millis)
    }

    @Test("rejects what is not RFC 3339", arguments: [
        "yesterday", "2026-10-14", "2026-10-14T09:31:22", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
        "2026-10-14T24:00:00Z", "2026-10-14T09:31:22.Z", "2026-10-14T09:31:22+0200", "2026-10-14T09:31:22Zjunk",
        "１９７０-01-01T00:00:00Z", "",
    ])
    func rejects(text: String) {
        #expect(RFC3339.parseMillis(text) == nil)
    }

    @Test("formats UTC and round-trips")
    func formats() {
        #expect(RFC3339.format(millis: 1_791_970_282_999) == "2026-10-14T09:31:22Z")
        #expect(RFC3339.format(millis: -1000) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(millis: RFC3339.parseMillis("2000-03-01T00:00:00Z")!) == "2000-03-01T00:00:00Z")
    }
}
