// DemoModel.swift
// The Codable shapes of one demo event. Optional properties that are nil are
// omitted from the JSON (synthesised Encodable uses encodeIfPresent).

/// One feedback event as written to JSON Lines.
struct DemoEvent: Encodable, Sendable {
    // Required by the event contract.
    var id: String
    var ts: String
    var signal: String
    var prompt: String
    var response: String

    // Optional contract fields.
    var requestID: String?
    var userID: String?
    var cohort: String?
    var channel: String?
    var intent: String?
    var page: String?
    var correction: String?
    var escalationReason: String?
    var csat: Int?
    var modelVersion: String?
    var promptVersion: String?
    var policyPack: String?
    var sources: [String]?
    var toolCalls: [DemoToolCall]?

    // Extra fields that are NOT part of the contract (to show they are preserved).
    var locale: String?
    var clientBuild: String?
    var experimentArm: String?
    var sessionTurn: Int?

    init(id: String, ts: String, signal: String, prompt: String, response: String) {
        self.id = id
        self.ts = ts
        self.signal = signal
        self.prompt = prompt
        self.response = response
    }

    enum CodingKeys: String, CodingKey {
        case id, ts, signal, prompt, response
        case requestID = "request_id"
        case userID = "user_id"
        case cohort, channel, intent, page, correction
        case escalationReason = "escalation_reason"
        case csat
        case modelVersion = "model_version"
        case promptVersion = "prompt_version"
        case policyPack = "policy_pack"
        case sources
        case toolCalls = "tool_calls"
        case locale
        case clientBuild = "client_build"
        case experimentArm = "experiment_arm"
        case sessionTurn = "session_turn"
    }
}

/// One tool invocation made by the assistant while answering.
struct DemoToolCall: Encodable, Sendable {
    var name: String
    var arguments: DemoArguments
    var status: String
    var error: String?
    var elapsedMs: Int

    enum CodingKeys: String, CodingKey {
        case name, arguments, status, error
        case elapsedMs = "elapsed_ms"
    }
}

/// A JSON object of string values, kept in insertion order (the encoder then
/// sorts keys anyway), so no dictionary iteration order is ever involved.
struct DemoArguments: Encodable, Sendable {
    var entries: [DemoArgument]

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for entry in entries {
            try container.encode(entry.value, forKey: Key(entry.key))
        }
    }
}

struct DemoArgument: Sendable {
    let key: String
    let value: String
}
