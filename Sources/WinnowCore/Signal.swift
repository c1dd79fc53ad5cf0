/// The kinds of feedback an assistant's users leave behind (the import contract's `signal`).
public enum Signal: String, CaseIterable, Sendable, Codable, Comparable {
    case explicitCorrection = "explicit_correction"
    case agentEscalation = "agent_escalation"
    case csat
    case thumbsUp = "thumbs_up"
    case thumbsDown = "thumbs_down"
    case sessionAbandon = "session_abandon"
    case rephrase

    public static func < (lhs: Signal, rhs: Signal) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Signal-to-noise weights from the design brief; a workspace can override them.
    public var defaultWeight: Double {
        switch self {
        case .explicitCorrection: 0.9
        case .agentEscalation: 0.8
        case .csat: 0.7
        case .thumbsDown: 0.5
        case .sessionAbandon: 0.4
        case .rephrase: 0.3
        case .thumbsUp: 0
        }
    }

    /// A short label for narrow columns.
    public var shortLabel: String {
        switch self {
        case .explicitCorrection: "correction"
        case .agentEscalation: "escalation"
        case .csat: "csat"
        case .thumbsUp: "thumbs_up"
        case .thumbsDown: "thumbs_down"
        case .sessionAbandon: "abandon"
        case .rephrase: "rephrase"
        }
    }
}
