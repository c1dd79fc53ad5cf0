import Foundation
import XCTest
@testable import WinnowCore

/// `tool_calls[].elapsed_ms` is a duration or the event is refused, by both decoders alike.
final class ElapsedRangeTests: XCTestCase {
    func line(_ elapsed: String) -> String {
        #"{"id":"e1","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"p","response":"r","tool_calls":[{"name":"a","elapsed_ms":5},{"name":"b","elapsed_ms":"# + elapsed + "}]}"
    }

    func decode(_ text: String, fastPath: Bool) -> Result<Event, RejectReason> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { EventDecoder(fastPath: fastPath).decode(line: $0) }
    }

    func testOutOfRangeDurationsAreRejectedWithTheirPlaceAndBound() {
        for (text, shown) in [("1e20", "1e+20"), ("-1", "-1.0"), ("31622400001", "31622400001.0"), ("-0.5", "-0.5"),
                              ("100000000000000", "100000000000000.0")] {
            for fast in [true, false] {
                guard case .failure(let reason) = decode(line(text), fastPath: fast) else {
                    return XCTFail("elapsed_ms \(text) was accepted (fast path: \(fast))")
                }
                XCTAssertEqual(reason, .elapsedOutOfRange(index: 1, value: shown))
                XCTAssertEqual(reason.code, "elapsed_out_of_range")
                XCTAssertEqual(reason.description,
                               "`tool_calls[1].elapsed_ms` \(shown) is out of range (milliseconds from 0 to 31,622,400,000, i.e. 366 days)")
            }
        }
    }

    func testDurationsInRangeImport() throws {
        for text in ["0", "-0", "0.25", "31622400000", "86400000"] {
            for fast in [true, false] {
                let event = try decode(line(text), fastPath: fast).get()
                XCTAssertEqual(event.toolCalls?.count, 2, "elapsed_ms \(text)")
            }
        }
    }

    func testUnrepresentableNumbersAreRejected() {
        for text in ["1e400", "-1e400"] {
            guard case .failure = decode(line(text), fastPath: true) else { return XCTFail("elapsed_ms \(text) was accepted") }
        }
    }
}
