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

    enum CodingKeys: String, CodingKey {
        case field, value
        case firstSeenMillis = "first_seen_ms"
    }
}
