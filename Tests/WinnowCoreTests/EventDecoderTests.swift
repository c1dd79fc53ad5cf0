import Foundation
import XCTest
@testable import WinnowCore

final class EventDecoderTests: XCTestCase {
    let decoder = EventDecoder()

    func decode(_ line: String) -> Result<Event, RejectReason> {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBytes { decoder.decode(line: UnsafeRawBufferPointer($0)) }
    }

    func decodeBytes(_ bytes: [UInt8]) -> Result<Event, RejectReason> {
        bytes.withUnsafeBytes { decoder.decode(line: $0) }
    }

    let valid = #"{"id":"e1","ts":"2026-10-14T09:31:22Z","signal":"thumbs_down","prompt":"How do I refund?","response":"Go to Billing."}"#

    func rejection(_ line: String) -> RejectReason? {
        if case .failure(let reason) = decode(line) { return reason }
        return nil
    }

    func testValidMinimalEvent() throws {
        let event = try decode(valid).get()
        XCTAssertEqual(event.id, "e1")
        XCTAssertEqual(event.signal, .thumbsDown)
        XCTAssertEqual(event.timestampMillis, 1_791_970_282_000)
        XCTAssertNil(event.csat)
    }

    func testAllOptionalFields() throws {
        let line = #"{"id":"e2","ts":"2026-10-14T11:31:22.5+02:00","signal":"csat","prompt":"p","response":"r","csat":2,"request_id":"req","user_id":"u","cohort":"enterprise","channel":"slack","intent":"billing.refund","page":"/billing","correction":"c","escalation_reason":"why","model_version":"m","prompt_version":"pv","policy_pack":"pp","sources":["kb/a","kb/b"],"tool_calls":[{"name":"lookup","arguments":{"id":"1"},"status":"error","error":"403","elapsed_ms":12}],"locale":"fr-FR"}"#
        let e = try decode(line).get()
        XCTAssertEqual(e.csat, 2)
        XCTAssertEqual(e.timestampMillis, 1_791_970_282_500)
        XCTAssertEqual(e.sources, ["kb/a", "kb/b"])
        XCTAssertEqual(e.toolCalls?.first?.name, "lookup")
        XCTAssertEqual(e.toolCalls?.first?.failed, true)
        XCTAssertEqual(e.intent, "billing.refund")
        XCTAssertEqual(e.correction, "c")
    }

    func testEveryRejectionReason() {
        XCTAssertEqual(rejection("not json")?.code, "not_json")
        XCTAssertEqual(rejection(#"{"id":"x","ts":"#), .notJSON("Unexpected end of file during JSON parse"),
                       "a broken line says what and where, not only that it is not JSON")
        XCTAssertEqual(rejection(#"{"id":"x" "ts":1}"#), .notJSON("Invalid value around character 10"))
        XCTAssertEqual(rejection("[1,2]"), .notAnObject)
        XCTAssertEqual(rejection(#"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","response":"r"}"#), .missingField("prompt"))
        XCTAssertEqual(rejection(#"{"id":7,"ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r"}"#),
                       .wrongType(field: "id", expected: "a string"))
        XCTAssertEqual(rejection(#"{"id":"","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r"}"#),
                       .emptyField("id"))
        XCTAssertEqual(rejection(#"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"thumbs_sideways","prompt":"p","response":"r"}"#),
                       .unknownSignal("thumbs_sideways"))
        XCTAssertEqual(rejection(#"{"id":"e","ts":"yesterday","signal":"csat","prompt":"p","response":"r"}"#),
                       .badTimestamp("yesterday"))
        XCTAssertEqual(rejection(#"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r","csat":9}"#),
                       .csatOutOfRange("9"))
        XCTAssertEqual(rejection(#"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r","csat":"five"}"#),
                       .wrongType(field: "csat", expected: "an integer from 1 to 5"))
        XCTAssertEqual(rejection(#"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r","csat":2.5}"#),
                       .csatOutOfRange("2.5"))
        XCTAssertEqual(rejection(#"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r","sources":"kb/a"}"#),
                       .wrongType(field: "sources", expected: "an array of strings"))
        XCTAssertEqual(rejection(#"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r","tool_calls":[{"arguments":{}}]}"#)?.code,
                       "wrong_type")
        XCTAssertEqual(rejection(#"{"id":"e","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"p","response":"r","intent":5}"#),
                       .wrongType(field: "intent", expected: "a string"))
        var bad = Array(valid.utf8)
        bad.insert(0xFF, at: 40)
        if case .failure(let reason) = decodeBytes(bad) {
            XCTAssertEqual(reason, .invalidUTF8(byteOffset: 40))
        } else {
            XCTFail("invalid UTF-8 accepted")
        }
    }

    func testMissingFieldsAreReportedInContractOrder() {
        XCTAssertEqual(rejection("{}"), .missingField("id"))
        XCTAssertEqual(rejection(#"{"id":"x"}"#), .missingField("ts"))
        XCTAssertEqual(rejection(#"{"id":"x","ts":"2026-10-14T09:31:22Z","signal":null,"prompt":"p","response":"r"}"#),
                       .missingField("signal"))
    }

    func testRejectionMessagesArePrecise() {
        XCTAssertEqual(RejectReason.csatOutOfRange("9").description, "`csat` 9 is out of range (an integer from 1 to 5)")
        XCTAssertTrue(RejectReason.unknownSignal("x").description.contains("explicit_correction"))
        XCTAssertTrue(RejectReason.lineTooLong(bytes: 20, limit: 10).description.contains("10-byte limit"))
    }

    func testMultiMegabyteFieldIsAccepted() throws {
        let big = String(repeating: "log line ✓ ", count: 300_000) // ~3.6 MB
        let line = #"{"id":"big","ts":"2026-10-14T09:31:22Z","signal":"rephrase","prompt":"p","response":"\#(big)"}"#
        let event = try decode(line).get()
        XCTAssertEqual(event.response.count, big.count)
    }

    func testUTF8Validation() {
        func check(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset($0) } }
        XCTAssertNil(check(Array("héllo 日本 👍🏽".utf8)))
        XCTAssertEqual(check([0x61, 0xC0, 0x80]), 1) // overlong
        XCTAssertEqual(check([0xED, 0xA0, 0x80]), 0) // surrogate
        XCTAssertEqual(check([0x61, 0xE2, 0x82]), 1) // truncated
        XCTAssertEqual(check([0xF4, 0x90, 0x80, 0x80]), 0) // above U+10FFFF
        XCTAssertNil(check([0xF0, 0x9F, 0x91, 0x8D]))
    }

    func testARawControlCharacterInsideAStringIsNotJSONNotAWrongType() {
        // JSON requires control characters in strings to be escaped; the decoder meets the raw
        // one only when it reads the value, and that must still be reported as a syntax error.
        let raw = #"{"id":"e1","ts":"2026-10-14T09:31:22Z","signal":"csat","prompt":"a"# + "\u{1B}" + #"b","response":"r"}"#
        guard case .notJSON(let detail)? = rejection(raw) else {
            return XCTFail("expected not JSON, got \(String(describing: rejection(raw)))")
        }
        XCTAssertTrue(detail.localizedCaseInsensitiveContains("control character"), detail)
        let rawSignal = #"{"id":"e1","ts":"2026-10-14T09:31:22Z","signal":"thumbs"# + "\u{1B}" + #"","prompt":"p","response":"r"}"#
        guard case .notJSON? = rejection(rawSignal) else {
            return XCTFail("expected not JSON, got \(String(describing: rejection(rawSignal)))")
        }
        XCTAssertEqual(rejection(#"{"id":"e1","ts":"2026-10-14T09:31:22Z","signal":5,"prompt":"p","response":"r"}"#),
                       .wrongType(field: "signal", expected: "a string"))
    }
}
