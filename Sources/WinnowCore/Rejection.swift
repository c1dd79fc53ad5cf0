/// Why an input line is not a valid event. Every rejection names its line; the message is for people.
public enum RejectReason: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case notAnObject
    case missingField(String)
    case wrongType(field: String, expected: String)
    case emptyField(String)
    case unknownSignal(String)
    case badTimestamp(String)
    case csatOutOfRange(String)
    /// `tool_calls[index].elapsed_ms` is negative or over `ToolCall.maxElapsedMs`.
    case elapsedOutOfRange(index: Int, value: String)
    case invalidUTF8(byteOffset: Int)
    case lineTooLong(bytes: Int, limit: Int)
    case csvColumnCount(expected: Int, found: Int)
    case csvUnterminatedQuote

    public var description: String {
        switch self {
        case .notJSON(let detail): "not valid JSON (\(detail))"
        case .notAnObject: "not a JSON object"
        case .missingField(let f): "missing required field `\(f)`"
        case .wrongType(let f, let expected): "field `\(f)` must be \(expected)"
        case .emptyField(let f): "field `\(f)` must not be empty"
        case .unknownSignal(let s):
            "unknown signal \(Self.quote(s)) (expected one of: \(Signal.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .badTimestamp(let t): "`ts` \(Self.quote(t)) is not an RFC 3339 timestamp (e.g. 2026-10-14T09:31:22Z)"
        case .csatOutOfRange(let v): "`csat` \(v) is out of range (an integer from 1 to 5)"
        case .elapsedOutOfRange(let index, let value):
            "`tool_calls[\(index)].elapsed_ms` \(value) is out of range (milliseconds from 0 to \(NumberFormat.grouped(Int(ToolCall.maxElapsedMs))), i.e. 366 days)"
        case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset) of the line"
        case .lineTooLong(let bytes, let limit): "line is \(bytes) bytes, over the \(limit)-byte limit"
        case .csvColumnCount(let expected, let found): "CSV row has \(found) columns, the header has \(expected)"
        case .csvUnterminatedQuote: "CSV quoted field is never closed"
        }
    }

    /// A stable machine-readable code for the rejects file.
    public var code: String {
        switch self {
        case .notJSON: "not_json"
        case .notAnObject: "not_object"
        case .missingField: "missing_field"
        case .wrongType: "wrong_type"
        case .emptyField: "empty_field"
        case .unknownSignal: "unknown_signal"
        case .badTimestamp: "bad_timestamp"
        case .csatOutOfRange: "csat_out_of_range"
        case .elapsedOutOfRange: "elapsed_out_of_range"
        case .invalidUTF8: "invalid_utf8"
        case .lineTooLong: "line_too_long"
        case .csvColumnCount: "csv_column_count"
        case .csvUnterminatedQuote: "csv_unterminated_quote"
        }
    }

    /// Input quoted in a message: clipped, and safe for a terminal.
    private static func quote(_ s: String) -> String {
        let clipped = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "\"" + SafeText.line(clipped) + "\""
    }
}
