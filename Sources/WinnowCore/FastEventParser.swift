/// A fast path for the common shape of an event line: one JSON object whose contract fields are
/// strings (or null), `csat` a digit from 1 to 5, `sources` an array of strings, `tool_calls` an
/// array of tool-call objects, and whatever else valid JSON. It accepts a line only when it is sure
/// the full decoder would accept it with the same result; anything else (any error, any doubt: an
/// escaped contract key, a duplicate contract field or object key, an exponent, deep nesting, a lone
/// surrogate…) returns nil, and the full decoder decides and gives the precise reason. So it changes
/// the speed, never the verdict.
///
/// The caller has already checked that the bytes are valid UTF-8.
enum FastEventParser {
    /// The contract's fields, by their index in `keys`.
    private enum Field: Int {
        case id, ts, signal, prompt, response, requestID, userID, cohort, channel, intent, page, correction
        case escalationReason, modelVersion, promptVersion, policyPack, csat, sources, toolCalls
    }

    private static let keys: [[UInt8]] = [
        "id", "ts", "signal", "prompt", "response", "request_id", "user_id", "cohort", "channel", "intent", "page",
        "correction", "escalation_reason", "model_version", "prompt_version", "policy_pack", "csat", "sources",
        "tool_calls",
    ].map { Array($0.utf8) }

    private static let maxDepth = 32

    static func parse(_ line: UnsafeRawBufferPointer) -> Event? {
        guard let base = line.baseAddress else { return nil }
        var scanner = Scanner(p: base.assumingMemoryBound(to: UInt8.self), n: line.count)
        return scanner.event()
    }

    private struct Scanner {
        let p: UnsafePointer<UInt8>
        let n: Int
        var i = 0
        var scratch: [UInt8] = []

        init(p: UnsafePointer<UInt8>, n: Int) {
            self.p = p
            self.n = n
        }

        mutating func event() -> Event? {
            skipWhitespace()
            guard i < n, p[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var seen: UInt32 = 0
            var strings = [String?](repeating: nil, count: Field.csat.rawValue)
            var csat: Int?
            var sources: [String]?
            var toolCalls: [ToolCall]?
            skipWhitespace()
            if i < n, p[i] == UInt8(ascii: "}") {
                return nil // `{}` lacks the required fields: the full decoder says which
            }
            while true {
                guard let (keyStart, keyLength) = member({ $0.rawKey() }) else { return nil }
                if let field = Self.field(p + keyStart, keyLength) {
                    let bit: UInt32 = 1 << UInt32(field.rawValue)
                    guard seen & bit == 0 else { return nil }
                    seen |= bit
                    switch field {
                    case .csat:
                        if literal("null") { break }
                        // A single digit 1–5 and nothing more: anything else is the full decoder's call.
                        let c = p[i]
                        guard c >= UInt8(ascii: "1"), c <= UInt8(ascii: "5") else { return nil }
                        i += 1
                        guard i < n, !isNumberByte(p[i]) else { return nil }
                        csat = Int(c - UInt8(ascii: "0"))
                    case .sources:
                        if literal("null") { break }
                        guard let list = array(of: { $0.quotedString() }) else { return nil }
                        sources = list
                    case .toolCalls:
                        if literal("null") { break }
                        guard let calls = array(of: { $0.toolCall() }) else { return nil }
                        toolCalls = calls
                    default:
                        if literal("null") { break }
                        guard p[i] == UInt8(ascii: "\"") else { return nil }
                        guard let value = string() else { return nil }
                        strings[field.rawValue] = value
                    }
                } else {
                    guard skipValue(depth: 0) else { return nil }
                }
                guard let more = afterElement(closer: UInt8(ascii: "}")) else { return nil }
                if !more { break }
            }
            skipWhitespace()
            guard i == n else { return nil }

            guard let id = strings[Field.id.rawValue], !id.isEmpty,
                  let ts = strings[Field.ts.rawValue],
                  let signalText = strings[Field.signal.rawValue],
                  let prompt = strings[Field.prompt.rawValue],
                  let response = strings[Field.response.rawValue],
                  let signal = Signal(rawValue: signalText),
                  let millis = RFC3339.parseMillis(ts)
            else { return nil }
            var event = Event(id: id, timestamp: ts, timestampMillis: millis, signal: signal, prompt: prompt,
                              response: response)
            event.requestID = strings[Field.requestID.rawValue]
            event.userID = strings[Field.userID.rawValue]
            event.cohort = strings[Field.cohort.rawValue]
            event.channel = strings[Field.channel.rawValue]
            event.intent = strings[Field.intent.rawValue]
            event.page = strings[Field.page.rawValue]
            event.correction = strings[Field.correction.rawValue]
            event.escalationReason = strings[Field.escalationReason.rawValue]
            event.modelVersion = strings[Field.modelVersion.rawValue]
            event.promptVersion = strings[Field.promptVersion.rawValue]
            event.policyPack = strings[Field.policyPack.rawValue]
            event.csat = csat
            event.sources = sources
            event.toolCalls = toolCalls
            return event
        }

        static func field(_ key: UnsafePointer<UInt8>, _ length: Int) -> Field? {
            index(of: key, length, in: FastEventParser.keys).flatMap(Field.init(rawValue:))
        }

        static func index(of key: UnsafePointer<UInt8>, _ length: Int, in keys: [[UInt8]]) -> Int? {
            keys.firstIndex { candidate in
                candidate.count == length && candidate.withUnsafeBufferPointer { memcmp($0.baseAddress!, key, length) == 0 }
            }
        }

        /// An object member's key, read by `key`, and its colon, leaving `i` at the value; nil for
        /// anything else.
        mutating func member<Key>(_ key: (inout Scanner) -> Key?) -> Key? {
            skipWhitespace()
            guard let key = key(&self) else { return nil }
            skipWhitespace()
            guard i < n, p[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipWhitespace()
            return i < n ? key : nil
        }

        mutating func skipWhitespace() {
            while i < n {
                switch p[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return
                }
            }
        }

        func isNumberByte(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
                || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
        }

        /// Consumes `word` (true, false, null) when it is next.
        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard n - i >= count, memcmp(p + i, word.utf8Start, count) == 0 else { return false }
            i += count
            return true
        }

        /// A key without escapes, as (offset, length); nil for anything else.
        mutating func rawKey() -> (Int, Int)? {
            guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
            let start = i + 1
            var j = start
            while j < n {
                let c = p[j]
                if c == UInt8(ascii: "\"") {
                    i = j + 1
                    return (start, j - start)
                }
                if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
                j += 1
            }
            return nil
        }

        /// A string value at `p[i] == "`, unescaped; nil when it is malformed or holds a lone surrogate.
        mutating func string() -> String? {
            let start = i + 1
            var j = start
            while j < n {
                let c = p[j]
                if c == UInt8(ascii: "\"") {
                    i = j + 1
                    return String(decoding: UnsafeBufferPointer(start: p + start, count: j - start), as: UTF8.self)
                }
                if c == UInt8(ascii: "\\") { return escapedString(start: start, firstEscape: j) }
                if c < 0x20 { return nil }
                j += 1
            }
            return nil
        }

        private mutating func escapedString(start: Int, firstEscape: Int) -> String? {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: firstEscape - start))
            var j = firstEscape
            while j < n {
                let c = p[j]
                if c == UInt8(ascii: "\"") {
                    i = j + 1
                    return String(decoding: scratch, as: UTF8.self)
                }
                if c < 0x20 { return nil }
                if c != UInt8(ascii: "\\") {
                    scratch.append(c)
                    j += 1
                    continue
                }
                guard j + 1 < n else { return nil }
                let e = p[j + 1]
                j += 2
                switch e {
                case UInt8(ascii: "\""): scratch.append(0x22)
                case UInt8(ascii: "\\"): scratch.append(0x5C)
                case UInt8(ascii: "/"): scratch.append(0x2F)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    guard let unit = hex4(at: j) else { return nil }
                    j += 4
                    var scalar = UInt32(unit)
                    if unit >= 0xD800, unit <= 0xDBFF {
                        guard j + 1 < n, p[j] == UInt8(ascii: "\\"), p[j + 1] == UInt8(ascii: "u"),
                              let low = hex4(at: j + 2), low >= 0xDC00, low <= 0xDFFF else { return nil }
                        j += 6
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    } else if unit >= 0xDC00, unit <= 0xDFFF {
                        return nil
                    }
                    guard let s = Unicode.Scalar(scalar) else { return nil }
                    scratch.append(contentsOf: UTF8.encode(s)!)
                default:
                    return nil
                }
            }
            return nil
        }

        func hex4(at j: Int) -> UInt16? {
            guard j + 4 <= n else { return nil }
            var value: UInt16 = 0
            for k in j..<(j + 4) {
                let c = p[k]
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt16(digit)
            }
            return value
        }

        /// A string value next, or nil when something else is.
        mutating func quotedString() -> String? {
            guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
            return string()
        }

        /// `[` elements `]`, each read by `element`; nil on anything else.
        mutating func array<Element>(of element: (inout Scanner) -> Element?) -> [Element]? {
            guard i < n, p[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            var list: [Element] = []
            skipWhitespace()
            if i < n, p[i] == UInt8(ascii: "]") { i += 1; return list }
            while true {
                skipWhitespace()
                guard let item = element(&self) else { return nil }
                list.append(item)
                guard let more = afterElement(closer: UInt8(ascii: "]")) else { return nil }
                if !more { return list }
            }
        }

        /// `ToolCall`'s fields, by their index in `toolCallKeys`.
        private enum ToolCallField: Int {
            case name, arguments, status, error, elapsedMs
        }

        private static let toolCallKeys: [[UInt8]] = ["name", "arguments", "status", "error", "elapsed_ms"]
            .map { Array($0.utf8) }

        /// One tool call as `ToolCall`'s decoding reads it: a string `name`; optional `arguments`
        /// (any JSON), `status` and `error` (strings) and `elapsed_ms` (a number); other keys ignored.
        mutating func toolCall() -> ToolCall? {
            guard i < n, p[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var name: String?, arguments: JSONValue?, status: String?, error: String?, elapsed: Double?
            var seen: UInt8 = 0
            skipWhitespace()
            guard i < n, p[i] != UInt8(ascii: "}") else { return nil }
            while true {
                guard let (keyStart, keyLength) = member({ $0.rawKey() }) else { return nil }
                if let field = Self.index(of: p + keyStart, keyLength, in: Self.toolCallKeys)
                    .flatMap(ToolCallField.init(rawValue:)) {
                    let bit = UInt8(1) << UInt8(field.rawValue)
                    guard seen & bit == 0 else { return nil }
                    seen |= bit
                    if literal("null") {
                        guard field != .name else { return nil } // a null name is the full decoder's to reject
                    } else {
                        switch field {
                        case .arguments:
                            guard let value = value(depth: 1) else { return nil }
                            arguments = value
                        case .elapsedMs:
                            guard let number = numberValue() else { return nil }
                            elapsed = number
                        case .name, .status, .error:
                            guard let text = quotedString() else { return nil }
                            if field == .name { name = text } else if field == .status { status = text } else { error = text }
                        }
                    }
                } else {
                    guard skipValue(depth: 1) else { return nil }
                }
                guard let more = afterElement(closer: UInt8(ascii: "}")) else { return nil }
                if !more { break }
            }
            guard let name else { return nil }
            let call = ToolCall(name: name, arguments: arguments, status: status, error: error, elapsedMs: elapsed)
            return call.hasValidElapsed ? call : nil // out of range: the full decoder names it
        }

        /// Any JSON value as `JSONValue` decodes it; nil on anything unsure, a repeated key included.
        mutating func value(depth: Int) -> JSONValue? {
            guard i < n, depth < FastEventParser.maxDepth else { return nil }
            switch p[i] {
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "["):
                return array(of: { $0.value(depth: depth + 1) }).map(JSONValue.array)
            case UInt8(ascii: "{"):
                i += 1
                var object: [String: JSONValue] = [:]
                skipWhitespace()
                if i < n, p[i] == UInt8(ascii: "}") { i += 1; return .object(object) }
                while true {
                    guard let key = member({ $0.quotedString() }) else { return nil }
                    guard let element = value(depth: depth + 1), object.updateValue(element, forKey: key) == nil
                    else { return nil }
                    guard let more = afterElement(closer: UInt8(ascii: "}")) else { return nil }
                    if !more { return .object(object) }
                }
            default:
                return numberValue().map(JSONValue.number)
            }
        }

        /// A number `number()` accepts, as a Double (exact: at most 15 digits, no exponent).
        mutating func numberValue() -> Double? {
            let start = i
            guard number() else { return nil }
            return Double(String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self))
        }

        /// After a container's element: true when a comma announces another, false when `closer`
        /// ends the container, nil on anything else.
        mutating func afterElement(closer: UInt8) -> Bool? {
            skipWhitespace()
            guard i < n else { return nil }
            if p[i] == UInt8(ascii: ",") { i += 1; return true }
            guard p[i] == closer else { return nil }
            i += 1
            return false
        }

        /// Steps over any JSON value (strictly); false on anything it is unsure of.
        mutating func skipValue(depth: Int) -> Bool {
            guard i < n, depth < FastEventParser.maxDepth else { return false }
            switch p[i] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "["):
                i += 1
                skipWhitespace()
                if i < n, p[i] == UInt8(ascii: "]") { i += 1; return true }
                while true {
                    skipWhitespace()
                    guard skipValue(depth: depth + 1), let more = afterElement(closer: UInt8(ascii: "]")) else { return false }
                    if !more { return true }
                }
            case UInt8(ascii: "{"):
                i += 1
                skipWhitespace()
                if i < n, p[i] == UInt8(ascii: "}") { i += 1; return true }
                while true {
                    guard member({ $0.quotedString() }) != nil else { return false }
                    guard skipValue(depth: depth + 1), let more = afterElement(closer: UInt8(ascii: "}")) else { return false }
                    if !more { return true }
                }
            default:
                return number()
            }
        }

        /// -?(0|[1-9][0-9]*)(\.[0-9]+)?, at most 15 digits; exponents are left to the full decoder.
        mutating func number() -> Bool {
            var j = i
            if j < n, p[j] == UInt8(ascii: "-") { j += 1 }
            let digitsStart = j
            guard j < n else { return false }
            if p[j] == UInt8(ascii: "0") {
                j += 1
            } else {
                guard p[j] >= UInt8(ascii: "1"), p[j] <= UInt8(ascii: "9") else { return false }
                while j < n, p[j] >= UInt8(ascii: "0"), p[j] <= UInt8(ascii: "9") { j += 1 }
            }
            var digits = j - digitsStart
            if j < n, p[j] == UInt8(ascii: ".") {
                j += 1
                let fractionStart = j
                while j < n, p[j] >= UInt8(ascii: "0"), p[j] <= UInt8(ascii: "9") { j += 1 }
                guard j > fractionStart else { return false }
                digits += j - fractionStart
            }
            guard digits <= 15, j >= n || !isNumberByte(p[j]) else { return false }
            i = j
            return true
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
