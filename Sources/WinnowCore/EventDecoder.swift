import Foundation

/// Turns one input line (a JSON object) into a validated `Event`, or says precisely why not.
/// One decoder is reused for a whole import: it keeps a `JSONDecoder` to avoid per-line setup.
public final class EventDecoder {
    /// Lines longer than this are rejected before parsing, so one runaway line cannot exhaust memory.
    public static let maxLineBytes = 16 * 1024 * 1024

    private let json = JSONDecoder()

    public init() {}

    public func decode(line: UnsafeRawBufferPointer) -> Result<Event, RejectReason> {
        if line.count > Self.maxLineBytes {
            return .failure(.lineTooLong(bytes: line.count, limit: Self.maxLineBytes))
        }
        if let offset = UTF8Validation.firstInvalidOffset(line) {
            return .failure(.invalidUTF8(byteOffset: offset))
        }
        let data = Data(bytes: line.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: line.count)
        return decode(data: data)
    }

    public func decode(data: Data) -> Result<Event, RejectReason> {
        do {
            return .success(try json.decode(ContractEvent.self, from: data).event)
        } catch let violation as ContractViolation {
            return .failure(violation.reason)
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            return .failure(.notAnObject)
        } catch let DecodingError.dataCorrupted(context) {
            return .failure(.notJSON(Self.describe(context.underlyingError) ?? context.debugDescription))
        } catch {
            return .failure(.notJSON(String(describing: error).prefix(120).description))
        }
    }

    private static func describe(_ error: Error?) -> String? {
        guard let error else { return nil }
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return String(describing: error).prefix(120).description
    }
}

struct ContractViolation: Error {
    let reason: RejectReason
}

private struct AnyKey: CodingKey {
    let stringValue: String
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

/// The contract's decoding rules, written once as a Decodable so JSONDecoder parses each line a single time.
private struct ContractEvent: Decodable {
    let event: Event

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)

        func required(_ name: String) throws -> String {
            let key = AnyKey(name)
            guard c.contains(key), try !c.decodeNil(forKey: key) else {
                throw ContractViolation(reason: .missingField(name))
            }
            guard let value = try? c.decode(String.self, forKey: key) else {
                throw ContractViolation(reason: .wrongType(field: name, expected: "a string"))
            }
            return value
        }
        func optional(_ name: String) throws -> String? {
            let key = AnyKey(name)
            guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
            guard let value = try? c.decode(String.self, forKey: key) else {
                throw ContractViolation(reason: .wrongType(field: name, expected: "a string"))
            }
            return value
        }

        let id = try required("id")
        let ts = try required("ts")
        let signalText = try required("signal")
        let prompt = try required("prompt")
        let response = try required("response")
        guard !id.isEmpty else { throw ContractViolation(reason: .emptyField("id")) }
        guard let signal = Signal(rawValue: signalText) else {
            throw ContractViolation(reason: .unknownSignal(signalText))
        }
        guard let millis = RFC3339.parseMillis(ts) else { throw ContractViolation(reason: .badTimestamp(ts)) }

        var event = Event(id: id, timestamp: ts, timestampMillis: millis, signal: signal, prompt: prompt,
                          response: response)
        event.requestID = try optional("request_id")
        event.userID = try optional("user_id")
        event.cohort = try optional("cohort")
        event.channel = try optional("channel")
        event.intent = try optional("intent")
        event.page = try optional("page")
        event.correction = try optional("correction")
        event.escalationReason = try optional("escalation_reason")
        event.modelVersion = try optional("model_version")
        event.promptVersion = try optional("prompt_version")
        event.policyPack = try optional("policy_pack")

        let csatKey = AnyKey("csat")
        if c.contains(csatKey), try !c.decodeNil(forKey: csatKey) {
            guard let number = try? c.decode(Double.self, forKey: csatKey) else {
                throw ContractViolation(reason: .wrongType(field: "csat", expected: "an integer from 1 to 5"))
            }
            guard number == number.rounded(), number >= 1, number <= 5 else {
                let shown = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
                throw ContractViolation(reason: .csatOutOfRange(shown))
            }
            event.csat = Int(number)
        }

        let sourcesKey = AnyKey("sources")
        if c.contains(sourcesKey), try !c.decodeNil(forKey: sourcesKey) {
            guard let sources = try? c.decode([String].self, forKey: sourcesKey) else {
                throw ContractViolation(reason: .wrongType(field: "sources", expected: "an array of strings"))
            }
            event.sources = sources
        }

        let toolsKey = AnyKey("tool_calls")
        if c.contains(toolsKey), try !c.decodeNil(forKey: toolsKey) {
            guard let calls = try? c.decode([ToolCall].self, forKey: toolsKey) else {
                throw ContractViolation(reason: .wrongType(
                    field: "tool_calls",
                    expected: "an array of objects with a string `name` (and optional arguments, status, error, elapsed_ms)"))
            }
            event.toolCalls = calls
        }
        self.event = event
    }
}

/// UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
public enum UTF8Validation {
    public static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let b = bytes.bindMemory(to: UInt8.self)
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let need: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            let first = b[i + 1]
            guard first >= lower, first <= upper else { return i }
            for k in 2..<(need + 1) where k <= need {
                guard b[i + k] & 0xC0 == 0x80 else { return i }
            }
            i += need + 1
        }
        return nil
    }
}
