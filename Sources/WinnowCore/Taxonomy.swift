import Foundation

/// Triage vocabulary: severities, failure loci with reason codes and default owners,
/// statuses and signal weights. The defaults are the design brief's; a workspace overrides them.
public struct Severity: Sendable, Equatable, Codable {
    public var code: String
    public var label: String
    public var description: String
    public init(code: String, label: String, description: String) {
        self.code = code
        self.label = label
        self.description = description
    }
}

public struct FailureLocus: Sendable, Equatable, Codable {
    public var name: String
    public var reasons: [String]
    public var owner: String
    public init(name: String, reasons: [String], owner: String) {
        self.name = name
        self.reasons = reasons
        self.owner = owner
    }
}

public enum ItemStatus: String, CaseIterable, Sendable, Codable {
    case new
    case inReview = "in_review"
    case triaged
    case resolved
    case wontFix = "wont_fix"
    case duplicate

    /// Open items still need a reviewer's attention and lead the queue.
    public var isOpen: Bool { self == .new || self == .inReview }

    public var label: String {
        switch self {
        case .new: "new"
        case .inReview: "in review"
        case .triaged: "triaged"
        case .resolved: "resolved"
        case .wontFix: "won't fix"
        case .duplicate: "duplicate"
        }
    }
}

public struct Taxonomy: Sendable, Equatable {
    public var severities: [Severity]
    public var loci: [FailureLocus]
    public var signalWeights: [Signal: Double]

    public init(severities: [Severity], loci: [FailureLocus], signalWeights: [Signal: Double]) {
        self.severities = severities
        self.loci = loci
        self.signalWeights = signalWeights
    }

    public func weight(of signal: Signal) -> Double {
        signalWeights[signal] ?? signal.defaultWeight
    }

    public func locus(named name: String) -> FailureLocus? {
        loci.first { $0.name == name }
    }

    /// The severity a reviewer means by its code or its name, in any case: "s1" and "Critical" are S1.
    public func severity(matching text: String) -> Severity? {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        return severities.first { $0.code.lowercased() == wanted } ?? severities.first { $0.label.lowercased() == wanted }
    }

    public static let defaults = Taxonomy(
        severities: [
            Severity(code: "S1", label: "critical", description: "harm, data exposure, wrong action taken"),
            Severity(code: "S2", label: "major", description: "wrong answer a user acted on"),
            Severity(code: "S3", label: "minor", description: "incomplete, awkward"),
            Severity(code: "S4", label: "cosmetic", description: "cosmetic"),
        ],
        loci: [
            FailureLocus(name: "retrieval", reasons: ["wrong_source", "missing_source"], owner: "search-team"),
            FailureLocus(name: "knowledge", reasons: ["stale", "contradictory_sources"], owner: "content-team"),
            FailureLocus(name: "instruction", reasons: ["ignored_instruction", "format_fail"], owner: "prompt-team"),
            FailureLocus(name: "policy_scope", reasons: ["unsafe_scope", "over_refusal"], owner: "policy-team"),
            FailureLocus(name: "tool_use", reasons: ["tool_error", "wrong_parameters", "unverified_action"], owner: "tools-team"),
            FailureLocus(name: "model", reasons: ["hallucination", "reasoning_error"], owner: "model-team"),
        ],
        signalWeights: Dictionary(uniqueKeysWithValues: Signal.allCases.map { ($0, $0.defaultWeight) })
    )
}
