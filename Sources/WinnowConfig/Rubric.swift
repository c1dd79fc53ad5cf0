import Crypto
import Foundation
import WinnowCore

/// A QA rubric (`[[rubric]]` in `winnow.toml`): the dimensions a QA reviewer scores a case on.
///
/// Its `version` is a content hash, so a score can record exactly which definition it was given
/// under: editing any part of a rubric gives it a new version, and old scores keep theirs.
public struct Rubric: Sendable, Equatable {
    public let name: String
    public let description: String
    public let dimensions: [RubricDimension]
    /// SHA-256 (lowercase hex) of the rubric's canonical serialisation; see `canonicalJSON`.
    public let version: String

    public init(name: String, description: String, dimensions: [RubricDimension]) {
        self.name = name
        self.description = description
        self.dimensions = dimensions
        self.version = Self.version(of: Self.canonicalJSON(name: name, description: description, dimensions: dimensions))
    }

    /// The first 12 hex digits of `version`, enough to tell versions apart on screen.
    public var shortVersion: String { String(version.prefix(12)) }

    public func dimension(named name: String) -> RubricDimension? {
        dimensions.first { $0.name == name }
    }

    /// The dimensions to score for an item with this signal and intent.
    public func dimensions(for signal: Signal, intent: String?) -> [RubricDimension] {
        dimensions.filter { $0.applies(to: signal, intent: intent) }
    }

    /// The definition as hashed: JSON with sorted keys, so neither the order of keys in the TOML
    /// nor Swift's field order matters, and with defaults filled in, so writing a default out
    /// (`disagreement_distance = 1`) does not change the version. The schema tag lets a future
    /// change of this serialisation be told apart from an edit of the rubric.
    public var canonicalJSON: Data {
        Self.canonicalJSON(name: name, description: description, dimensions: dimensions)
    }

    static func canonicalJSON(name: String, description: String, dimensions: [RubricDimension]) -> Data {
        let canonical = CanonicalRubric(
            schema: "winnow.rubric/1", name: name, description: description,
            dimensions: dimensions.map { dimension in
                CanonicalRubric.Dimension(
                    name: dimension.name, description: dimension.description,
                    scale: dimension.scale.kind.rawValue,
                    levels: dimension.scale.levels.map { .init(value: $0.value, anchor: $0.anchor) },
                    checks: dimension.checks,
                    // Sets, not lists: the order they were written in means nothing.
                    signals: dimension.signals.map(\.rawValue).sorted(),
                    intents: dimension.intents.sorted(),
                    disagreementDistance: dimension.disagreementDistance)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only strings, integers and arrays: encoding cannot fail.
        return try! encoder.encode(canonical)
    }

    static func version(of canonical: Data) -> String {
        SHA256.hash(data: canonical).map { String(format: "%02x", $0) }.joined()
    }

    private struct CanonicalRubric: Encodable {
        struct Level: Encodable { var value: String; var anchor: String? }
        struct Dimension: Encodable {
            var name, description, scale: String
            var levels: [Level]
            var checks, signals, intents: [String]
            var disagreementDistance: Int
            enum CodingKeys: String, CodingKey {
                case name, description, scale, levels, checks, signals, intents
                case disagreementDistance = "disagreement_distance"
            }
        }
        var schema, name, description: String
        var dimensions: [Dimension]
    }
}

/// One thing a rubric scores, such as faithfulness.
public struct RubricDimension: Sendable, Equatable {
    public let name: String
    public let description: String
    public let scale: RubricScale
    /// Concrete pass/fail checks shown to the scorer, in the order written.
    public let checks: [String]
    /// The signals it applies to; empty means every signal.
    public let signals: [Signal]
    /// The intents it applies to, each exact (`billing.vat`) or a prefix (`billing.*`); empty means every intent.
    public let intents: [String]
    /// On an ordinal scale, how many levels apart two scores must be to disagree; always 1 on
    /// other scales, where any two different values disagree.
    public let disagreementDistance: Int

    public init(name: String, description: String, scale: RubricScale, checks: [String],
                signals: [Signal] = [], intents: [String] = [], disagreementDistance: Int = 1) {
        self.name = name
        self.description = description
        self.scale = scale
        self.checks = checks
        self.signals = signals
        self.intents = intents
        self.disagreementDistance = disagreementDistance
    }

    /// Whether an item with this signal and intent is scored on this dimension: its signal must
    /// be one of `signals` and its intent match one of `intents`, when either is given.
    public func applies(to signal: Signal, intent: String?) -> Bool {
        if !signals.isEmpty && !signals.contains(signal) { return false }
        if intents.isEmpty { return true }
        guard let intent else { return false }
        return intents.contains { pattern in
            if pattern.hasSuffix(".*") { return intent.hasPrefix(String(pattern.dropLast())) }
            return intent == pattern
        }
    }

    /// Whether two scores on this dimension count as a disagreement (and so open a dispute).
    /// A value that is not on the scale disagrees with any other value.
    public func disagree(_ first: String, _ second: String) -> Bool {
        guard case .ordinal = scale, let a = Int(first), let b = Int(second),
              scale.contains(first), scale.contains(second) else { return first != second }
        return abs(a - b) >= disagreementDistance
    }
}

/// The values a dimension is scored with.
public enum RubricScale: Sendable, Equatable {
    /// `pass` or `fail`, each with an optional anchor.
    case passFail(passAnchor: String?, failAnchor: String?)
    /// Consecutive integer levels, ascending, each with its anchor text.
    case ordinal([RubricLevel])
    /// Named categories, unordered, in the order written, each with an optional anchor.
    case categories([RubricLevel])

    public enum Kind: String, Sendable, CaseIterable {
        case passFail = "pass_fail", ordinal, categories
    }

    public var kind: Kind {
        switch self {
        case .passFail: .passFail
        case .ordinal: .ordinal
        case .categories: .categories
        }
    }

    /// The values in the order a scorer is offered them (one key each).
    public var levels: [RubricLevel] {
        switch self {
        case .passFail(let pass, let fail): [RubricLevel(value: "pass", anchor: pass), RubricLevel(value: "fail", anchor: fail)]
        case .ordinal(let levels), .categories(let levels): levels
        }
    }

    public func contains(_ value: String) -> Bool { levels.contains { $0.value == value } }

    /// The level of measurement agreement statistics should assume for it.
    public var measurementLevel: String { kind == .ordinal ? "ordinal" : "nominal" }
}

public struct RubricLevel: Sendable, Equatable {
    /// The stored score: an integer on an ordinal scale, else the category's name.
    public let value: String
    /// What the level means, shown to the scorer.
    public let anchor: String?
    public init(value: String, anchor: String?) {
        self.value = value
        self.anchor = anchor
    }
}
