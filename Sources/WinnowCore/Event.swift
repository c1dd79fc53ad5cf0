/// One feedback event as the import contract defines it, after validation.
/// Fields outside the contract are not modelled: the store keeps the original line verbatim.
public struct Event: Sendable, Equatable {
    public var id: String
    public var timestamp: String
    public var timestampMillis: Int64
    public var signal: Signal
    public var prompt: String
    public var response: String
    public var requestID: String?
    public var userID: String?
    public var cohort: String?
    public var channel: String?
    public var intent: String?
    public var page: String?
    public var correction: String?
    public var escalationReason: String?
    public var csat: Int?
    public var modelVersion: String?
    public var promptVersion: String?
    public var policyPack: String?
    public var sources: [String]?
    public var toolCalls: [ToolCall]?

    public init(id: String, timestamp: String, timestampMillis: Int64, signal: Signal, prompt: String,
                response: String) {
        self.id = id
        self.timestamp = timestamp
        self.timestampMillis = timestampMillis
        self.signal = signal
        self.prompt = prompt
        self.response = response
    }
}

/// A tool the assistant called while answering.
public struct ToolCall: Sendable, Equatable, Codable {
    public var name: String
    public var arguments: JSONValue?
    public var status: String?
    public var error: String?
    public var elapsedMs: Double?

    enum CodingKeys: String, CodingKey {
        case name, arguments, status, error
        case elapsedMs = "elapsed_ms"
    }

    public init(name: String, arguments: JSONValue? = nil, status: String? = nil, error: String? = nil,
                elapsedMs: Double? = nil) {
        self.name = name
        self.arguments = arguments
        self.status = status
        self.error = error
        self.elapsedMs = elapsedMs
    }

    /// The longest a tool call may take, in milliseconds (366 days): `elapsed_ms` must be a finite number
    /// from 0 to this, or the event is rejected. A larger value is a unit or clock error, not a duration.
    public static let maxElapsedMs: Double = 366 * 86_400_000

    /// Whether `elapsed_ms` is a duration the contract accepts (absent, or finite and from 0 to `maxElapsedMs`).
    public var hasValidElapsed: Bool {
        guard let elapsedMs else { return true }
        return elapsedMs.isFinite && elapsedMs >= 0 && elapsedMs <= Self.maxElapsedMs
    }

    /// A call failed when it says so, or when it carries an error message.
    public var failed: Bool {
        if let status, status.lowercased() != "ok", status.lowercased() != "success" { return true }
        return error.map { !$0.isEmpty } ?? false
    }
}

/// Any JSON value, for fields whose shape the contract leaves open (tool arguments).
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let n = try? container.decode(Double.self) { self = .number(n) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { try container.encode(Int64(n)) } else { try container.encode(n) }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}
