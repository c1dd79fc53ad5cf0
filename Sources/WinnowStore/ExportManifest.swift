import Foundation

/// What an export kept and dropped, written next to its data file (`PATH.manifest.json`). It holds
/// no wall-clock time: the same store and the same as-of give the same manifest, byte for byte.
public struct ExportManifest: Codable, Sendable, Equatable {
    public struct Dropped: Codable, Sendable, Equatable {
        public var count: Int
        /// Up to five item ids, the lowest.
        public var samples: [Int64]
    }

    public struct Cap: Codable, Sendable, Equatable {
        public var maxPerUser: Int
        public var maxUserShare: Double
        /// The cap applied: the lower of max_per_user and the share of the candidates (at least 1).
        public var effectiveCap: Int
        /// Candidates that passed every other rule, which the share is taken of.
        public var candidatesBeforeCap: Int
        public var usersCapped: Int

        enum CodingKeys: String, CodingKey {
            case maxPerUser = "max_per_user", maxUserShare = "max_user_share", effectiveCap = "effective_cap"
            case candidatesBeforeCap = "candidates_before_cap", usersCapped = "users_capped"
        }
    }

    public var kind: String
    public var conversational: Bool
    public var asOf: String
    public var filter: String?
    public var dropLeaking: Bool
    /// SHA-256 of every setting that decides what is kept (the `[training]` rules, redactions).
    public var settingsFingerprint: String
    /// Rubric name → version (its content hash) in use by the workspace.
    public var rubricVersions: [String: String]
    /// The hash of the last audit record that is not an export's own.
    public var auditHead: String
    public var considered: Int
    public var kept: Int
    public var redactedRecords: Int
    /// Rule name → items dropped under it (each item counted under the first rule it fails).
    public var dropped: [String: Dropped]
    public var userCap: Cap
    public var dataFile: String
    public var dataBytes: Int
    public var dataSHA256: String

    enum CodingKeys: String, CodingKey {
        case kind, conversational, filter, considered, kept, dropped
        case asOf = "as_of", dropLeaking = "drop_leaking", settingsFingerprint = "settings_fingerprint"
        case rubricVersions = "rubric_versions", auditHead = "audit_head", redactedRecords = "redacted_records"
        case userCap = "user_cap", dataFile = "data_file", dataBytes = "data_bytes", dataSHA256 = "data_sha256"
    }

    /// The encoding written to disk: sorted keys, slashes as they are, pretty for people.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
