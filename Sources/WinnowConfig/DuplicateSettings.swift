import WinnowCore

/// How a workspace suggests near-duplicates (`[dupes]`): which text is compared, what is masked
/// before comparing, and the similarity from which a pair is suggested.
public struct DuplicateSettings: Sendable, Equatable {
    public enum ComparedField: String, Sendable, CaseIterable {
        case prompt, response, correction
    }

    /// Off: imports store no sketches and nothing is suggested.
    public var enabled = true
    public var minSimilarity = DuplicateSketch.defaultMinSimilarity
    public var compare: [ComparedField] = [.prompt]
    public var masks: ComparableText.Masks = .all

    public init() {}

    public static let maskNames: [(name: String, mask: ComparableText.Masks)] = [
        ("urls", .urls), ("emails", .emails), ("numbers", .numbers), ("ids", .ids),
    ]

    public var parameters: DuplicateParameters {
        var parameters = DuplicateParameters.standard
        parameters.masks = masks
        return parameters
    }

    /// The text an event is compared by: its compared fields, one per line.
    public func comparedText(prompt: String, response: String, correction: String?) -> String {
        compare.compactMap { field -> String? in
            switch field {
            case .prompt: prompt
            case .response: response
            case .correction: correction
            }
        }.joined(separator: "\n")
    }

    /// Everything the stored sketches depend on: when it changes, they must be rebuilt. The
    /// threshold is not part of it (pairs below it are not kept, so lowering it also needs a
    /// rebuild; `needsRebuild` compares it apart).
    public var sketchFingerprint: String {
        parameters.fingerprint + " compare=" + compare.map(\.rawValue).joined(separator: "+")
    }
}
