import Foundation

/// Turns one input line (a JSON object) into a validated `Event`, or says precisely why not.
/// One decoder is reused for a whole import: it keeps a `JSONDecoder` to avoid per-line setup.
public final class EventDecoder {
    /// Lines longer than this are rejected before parsing, so one runaway line cannot exhaust memory.
    public static let maxLineBytes = 16 * 1024 * 1024

    private let json = JSONDecoder()
    private let fastPath: Bool

    /// `fastPath: false` sends every line through `JSONDecoder` (the tests compare the two).
    public init(fastPath: Bool = true) {
        self.fastPath = fastPath
    }

    public func decode(line: UnsafeRawBufferPointer) -> Result<Event, RejectReason> {
        if line.count > Self.maxLineBytes {
            return .failure(.lineTooLong(bytes: line.count, limit: Self.maxLineBytes))
        }
        if let offset = UTF8Validation.firstInvalidOffset(line) {
            return .failure(.invalidUTF8(byteOffset: offset))
        }
        // Most lines take the fast path; it defers every doubtful line to the full decoder below.
        if fastPath, let event = FastEventParser.parse(line) { return .success(event) }
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
            return .failure(.notJSON(Self.parserDetail(data) ?? Self.describe(context.underlyingError) ?? context.debugDescription))
        } catch {
            return .failure(.notJSON(Self.parserDetail(data) ?? String(describing: error).prefix(120).description))
        }
    }

    /// JSONDecoder only says that a line is not JSON; on that (rare) path, JSONSerialization is asked
    /// where, so the rejection can say "Unexpected end of file" or "Invalid value around character 7".
    private static func parserDetail(_ data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return detail.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        }
    }

    /// The parser's own account of what is wrong and where, when it gives one.
    private static func describe(_ error: Error?) -> String? {
        guard let error else { return nil }
        let nsError = error as NSError
        let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? String(describing: error)
        return detail.count > 160 ? String(detail.prefix(160)) + "…" : detail
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

        /// A value of the wrong shape is the contract's "wrong type"; anything else the decoder throws
        /// here is a syntax error it found only now (it reads values lazily, e.g. a raw control
        /// character inside a string), which goes on up to be reported as not JSON.
        func value<T: Decodable>(_ type: T.Type, _ key: AnyKey, else wrongType: RejectReason) throws -> T {
            do {
                return try c.decode(type, forKey: key)
            } catch is DecodingError {
                throw ContractViolation(reason: wrongType)
            }
        }
        // One pass over the keys present: each is looked up once, whatever the contract's size.
        func string(_ key: AnyKey) throws -> String? {
            if try c.decodeNil(forKey: key) { return nil }
            return try value(String.self, key, else: .wrongType(field: key.stringValue, expected: "a string"))
        }
        var id: String?, ts: String?, signalText: String?, prompt: String?, response: String?
        var event = Event(id: "", timestamp: "", timestampMillis: 0, signal: .rephrase, prompt: "", response: "")
        var csat: Int?
        var sources: [String]?
        var toolCalls: [ToolCall]?
        for key in c.allKeys {
            switch key.stringValue {
            case "id": id = try string(key)
            case "ts": ts = try string(key)
            case "signal": signalText = try string(key)
            case "prompt": prompt = try string(key)
            case "response": response = try string(key)
            case "request_id": event.requestID = try string(key)
            case "user_id": event.userID = try string(key)
            case "cohort": event.cohort = try string(key)
            case "channel": event.channel = try string(key)
            case "intent": event.intent = try string(key)
            case "page": event.page = try string(key)
            case "correction": event.correction = try string(key)
            case "escalation_reason": event.escalationReason = try string(key)
            case "model_version": event.modelVersion = try string(key)
            case "prompt_version": event.promptVersion = try string(key)
            case "policy_pack": event.policyPack = try string(key)
            case "csat":
                if try c.decodeNil(forKey: key) { break }
                let number = try value(Double.self, key, else: .wrongType(field: "csat", expected: "an integer from 1 to 5"))
                guard number == number.rounded(), number >= 1, number <= 5 else {
                    let shown = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
                    throw ContractViolation(reason: .csatOutOfRange(shown))
                }
                csat = Int(number)
            case "sources":
                if try c.decodeNil(forKey: key) { break }
                sources = try value([String].self, key, else: .wrongType(field: "sources", expected: "an array of strings"))
            case "tool_calls":
                if try c.decodeNil(forKey: key) { break }
                let calls = try value([ToolCall].self, key, else: .wrongType(
                    field: "tool_calls",
                    expected: "an array of objects with a string `name` (and optional arguments, status, error, elapsed_ms)"))
                if let index = calls.firstIndex(where: { !$0.hasValidElapsed }) {
                    throw ContractViolation(reason: .elapsedOutOfRange(index: index, value: String(calls[index].elapsedMs ?? 0)))
                }
                toolCalls = calls
            default:
                break // kept verbatim in the raw line
            }
        }
        // Missing required fields are reported in the contract's order.
        guard let id else { throw ContractViolation(reason: .missingField("id")) }
        guard let ts else { throw ContractViolation(reason: .missingField("ts")) }
        guard let signalText else { throw ContractViolation(reason: .missingField("signal")) }
        guard let prompt else { throw ContractViolation(reason: .missingField("prompt")) }
        guard let response else { throw ContractViolation(reason: .missingField("response")) }
        guard !id.isEmpty else { throw ContractViolation(reason: .emptyField("id")) }
        guard let signal = Signal(rawValue: signalText) else {
            throw ContractViolation(reason: .unknownSignal(signalText))
        }
        guard let millis = RFC3339.parseMillis(ts) else { throw ContractViolation(reason: .badTimestamp(ts)) }

        event.id = id
        event.timestamp = ts
        event.timestampMillis = millis
        event.signal = signal
        event.prompt = prompt
        event.response = response
        event.csat = csat
        event.sources = sources
        event.toolCalls = toolCalls
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
