/// A model or prompt version's first appearance among the events: a release, as the traffic saw it.
public struct VersionChange: Sendable, Equatable, Codable {
    /// `model_version` or `prompt_version`.
    public var field: String
    public var value: String
    public var firstSeenMillis: Int64

    public init(field: String, value: String, firstSeenMillis: Int64) {
        self.field = field
        self.value = value
        self.firstSeenMillis = firstSeenMillis
    }

    /// "prompt_version v14 (2026-10-02)".
    public var label: String {
        "\(field) \(value) (\(RFC3339.format(millis: firstSeenMillis).prefix(10)))"
    }

    /// "model_version helios-2.4.0 and prompt_version v18 (2026-10-21)": one date when they share it.
    public static func label(_ changes: [VersionChange]) -> String {
        let dates = Set(changes.map { $0.label.suffix(12) })
        guard dates.count == 1 else { return changes.map(\.label).joined(separator: " and ") }
        return changes.map { "\($0.field) \($0.value)" }.joined(separator: " and ") + " " + dates.first!
    }

    enum CodingKeys: String, CodingKey {
        case field, value
        case firstSeenMillis = "first_seen_ms"
    }
}
