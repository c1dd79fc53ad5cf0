import Crypto
import Foundation
import WinnowCore

/// The JSONL records of the training exports. Every record has the same keys (an absent label is
/// `null`, not missing), so dataset readers infer one schema; keys are sorted by the encoder.
struct ChatMessage: Encodable {
    var role: String
    var content: String
}

/// Every key of every record kind, so a record is one keyed container (two containers on one
/// encoder cost more than the whole record otherwise does).
enum RecordKey: String, CodingKey {
    case prompt, chosen, rejected, messages, response, csat
    case weight, source, reviewer, severity, locus, reasons, redacted
    case eventHash = "event_hash", itemID = "item_id", eventID = "event_id"
}

/// What every training record carries besides its texts.
struct RecordMetadata {
    var weight: Double
    var source: String
    var eventHash: String
    var itemID: Int64
    var eventID: String
    var severity: String?
    var locus: String?
    var reasons: [String]
    var reviewer: String?
    var redacted: [String]

    init(_ row: CandidateRow, redacted: [String]) {
        weight = row.weight
        source = row.facts.signal
        eventHash = Self.eventHash(requestID: row.requestID, eventID: row.eventID)
        itemID = row.facts.itemID
        eventID = row.eventID
        severity = row.severity
        locus = row.locus
        reasons = Self.reasonCodes(row.reasonsText)
        reviewer = row.settledBy
        self.redacted = redacted
    }

    /// SHA-256 (hex) of the request id, or of the event id when the event has no request id, so
    /// every record can be joined back to the assistant's logs without carrying the id itself.
    static func eventHash(requestID: String?, eventID: String) -> String {
        let text = requestID.flatMap { $0.isEmpty ? nil : $0 } ?? eventID
        return hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Lowercase hex of a digest, built from a table: `String(format:)` per byte costs more than
    /// the hash itself, and every record carries one.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(AuditHashInput.hexDigits[Int(byte >> 4)])
            out.append(AuditHashInput.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reason codes as the write path stores them, a JSON list of plain codes, split without a
    /// JSON decoder (one per record costs more than the record); anything else the usual way.
    static func reasonCodes(_ text: String?) -> [String] {
        guard let text, text.hasPrefix("["), text.hasSuffix("]"), !text.contains("\\") else { return Store.reasonCodes(text) }
        // ["a","b"] splits on its quotes into [, a, ",", b, ]: the codes are every second piece.
        let pieces = text.utf8.split(separator: UInt8(ascii: "\""), omittingEmptySubsequences: false)
        return stride(from: 1, to: pieces.count - 1, by: 2).map { String(decoding: pieces[$0], as: UTF8.self) }
    }

    func encode(into container: inout KeyedEncodingContainer<RecordKey>) throws {
        try container.encode(weight, forKey: .weight)
        try container.encode(source, forKey: .source)
        try container.encode(eventHash, forKey: .eventHash)
        try container.encode(itemID, forKey: .itemID)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(severity, forKey: .severity)
        try container.encode(locus, forKey: .locus)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(reviewer, forKey: .reviewer)
        try container.encode(redacted, forKey: .redacted)
    }
}

/// A DPO pair as TRL's DPOTrainer reads it: `prompt`, `chosen`, `rejected` as strings, or in the
/// conversational form as lists of messages.
struct DPORecord: Encodable {
    var prompt: String
    var chosen: String
    var rejected: String
    var conversational: Bool
    var metadata: RecordMetadata

    func encode(to encoder: Encoder) throws {
        var texts = encoder.container(keyedBy: RecordKey.self)
        if conversational {
            try texts.encode([ChatMessage(role: "user", content: prompt)], forKey: .prompt)
            try texts.encode([ChatMessage(role: "assistant", content: chosen)], forKey: .chosen)
            try texts.encode([ChatMessage(role: "assistant", content: rejected)], forKey: .rejected)
        } else {
            try texts.encode(prompt, forKey: .prompt)
            try texts.encode(chosen, forKey: .chosen)
            try texts.encode(rejected, forKey: .rejected)
        }
        try metadata.encode(into: &texts)
    }
}

/// A chat fine-tuning exemplar: `messages` with the user's prompt and the corrected answer.
struct SFTRecord: Encodable {
    var prompt: String
    var answer: String
    var metadata: RecordMetadata

    func encode(to encoder: Encoder) throws {
        var texts = encoder.container(keyedBy: RecordKey.self)
        try texts.encode([ChatMessage(role: "user", content: prompt), ChatMessage(role: "assistant", content: answer)],
                         forKey: .messages)
        try metadata.encode(into: &texts)
    }
}

/// A negative example: the prompt and the response users rejected, with the labels that say why.
struct NegativeRecord: Encodable {
    var prompt: String
    var response: String
    var csat: Int?
    var metadata: RecordMetadata

    func encode(to encoder: Encoder) throws {
        var texts = encoder.container(keyedBy: RecordKey.self)
        try texts.encode(prompt, forKey: .prompt)
        try texts.encode(response, forKey: .response)
        try texts.encode(csat, forKey: .csat)
        try metadata.encode(into: &texts)
    }
}
