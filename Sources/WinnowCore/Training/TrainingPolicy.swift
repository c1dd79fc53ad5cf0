/// The settings of the training-candidate rules (`[training]` in winnow.toml), with the design
/// brief's defaults. Pure values: WinnowConfig reads them, the store applies them.
public struct TrainingPolicy: Sendable, Equatable {
    /// A correction must differ from the response by at least this many characters (graphemes),
    /// so typo fixes are not trained on.
    public var minEditDistance = 10
    /// Events older than this many days before the export's as-of time are stale.
    public var staleDays = 45
    /// Version-aware cutoffs: events older than the last change of what they depend on.
    public var cutoffs: [VersionCutoff] = []
    /// Whether an item is trainable when no reviewer has said, per signal.
    public var trainableBySignal: [Signal: Bool] = Dictionary(uniqueKeysWithValues: Signal.allCases.map { ($0, $0 != .thumbsUp) })
    /// No user contributes more than this many examples to one export.
    public var maxPerUser = 25
    /// Nor more than this share of the export's candidates (see `UserCap`).
    public var maxUserShare = 0.05
    /// A CSAT event at or below this score is a negative signal for `export sft-negative`.
    public var negativeCSATMax = 2
    /// A file of blocked user ids, one a line, `#` comments; relative to the workspace.
    public var blockedUsersFile: String?

    public init() {}

    public static let defaultStaleDays = 45

    /// The staleness window in milliseconds.
    public var staleMillis: Int64 { Int64(staleDays) * 86_400_000 }

    public func isTrainableByDefault(_ signal: Signal?) -> Bool {
        guard let signal else { return true }
        return trainableBySignal[signal] ?? (signal != .thumbsUp)
    }

    /// Every setting that changes which events are kept, in one stable line: two exports with the
    /// same fingerprint applied the same rules.
    public var fingerprintText: String {
        var parts = [
            "min_edit_distance=\(minEditDistance)", "stale_days=\(staleDays)", "max_per_user=\(maxPerUser)",
            "max_user_share=\(maxUserShare)", "negative_csat_max=\(negativeCSATMax)",
            "blocked_users_file=\(blockedUsersFile ?? "")",
        ]
        parts += Signal.allCases.map { "trainable.\($0.rawValue)=\(isTrainableByDefault($0))" }
        parts += cutoffs.map { "cutoff.\($0.scope.description)=\($0.sinceMillis)" }
        return parts.joined(separator: ";")
    }
}

/// Drop events older than `since` when they depend on what changed then: an intent (exact, or a
/// prefix written `billing.*`) or a retrieved source id.
public struct VersionCutoff: Sendable, Equatable {
    public enum Scope: Sendable, Equatable, CustomStringConvertible {
        case intent(String)
        case source(String)

        public var description: String {
            switch self {
            case .intent(let pattern): "intent:\(pattern)"
            case .source(let id): "source:\(id)"
            }
        }
    }

    public var scope: Scope
    public var sinceMillis: Int64

    public init(scope: Scope, sinceMillis: Int64) {
        self.scope = scope
        self.sinceMillis = sinceMillis
    }

    /// Whether an event with this intent and these sources depends on what the cutoff names.
    public func applies(intent: String?, sources: [String]) -> Bool {
        switch scope {
        case .intent(let pattern):
            guard let intent else { return false }
            if pattern.hasSuffix(".*") { return intent.hasPrefix(String(pattern.dropLast())) }
            return intent == pattern
        case .source(let id):
            return sources.contains(id)
        }
    }
}
