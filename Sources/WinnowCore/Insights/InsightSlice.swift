/// A slice of the traffic whose daily count is watched for spikes: one intent, signal, failure locus
/// or reason code, or an intent's events of one signal ("billing.refund corrections").
public struct InsightSlice: Hashable, Sendable, Codable, Comparable {
    public enum Dimension: String, Sendable, Codable, CaseIterable, Comparable {
        case intentSignal = "intent_signal", intent, signal, locus, reason

        public static func < (lhs: Dimension, rhs: Dimension) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var dimension: Dimension
    public var value: String
    /// The signal of an `intent_signal` slice (its `value` is the intent).
    public var signal: String?

    public init(_ dimension: Dimension, _ value: String, signal: String? = nil) {
        self.dimension = dimension
        self.value = value
        self.signal = signal
    }

    public static func < (lhs: InsightSlice, rhs: InsightSlice) -> Bool {
        (lhs.dimension, lhs.value, lhs.signal ?? "") < (rhs.dimension, rhs.value, rhs.signal ?? "")
    }

    /// How a person reads the slice: "billing.refund corrections", "reason wrong_source".
    public var label: String {
        switch dimension {
        case .intentSignal: "\(value) \(Self.plural(signal: signal ?? ""))"
        case .intent: "intent \(value)"
        case .signal: Self.plural(signal: value)
        case .locus: "locus \(value)"
        case .reason: "reason \(value)"
        }
    }

    /// The queue filter that lists the slice's items (of every day: the language has no dates).
    public var filter: FilterQuery {
        var query = FilterQuery()
        switch dimension {
        case .intentSignal:
            query.terms = [.init(field: .intent, value: value), .init(field: .signal, value: signal ?? "")]
        case .intent: query.terms = [.init(field: .intent, value: value)]
        case .signal: query.terms = [.init(field: .signal, value: value)]
        case .locus: query.terms = [.init(field: .locus, value: value)]
        case .reason: query.terms = [.init(field: .reason, value: value)]
        }
        return query
    }

    /// The locus a reason code belongs to, filled in by whoever knows the taxonomy (for the filter).
    public var locusOfReason: String?

    /// The broader slices an `intent_signal` slice is part of.
    var broader: [InsightSlice] {
        guard dimension == .intentSignal, let signal else { return [] }
        return [InsightSlice(.intent, value), InsightSlice(.signal, signal)]
    }

    static func plural(signal: String) -> String {
        switch Signal(rawValue: signal) {
        case .explicitCorrection: "corrections"
        case .agentEscalation: "escalations"
        case .csat: "CSAT scores"
        case .thumbsUp: "thumbs-up"
        case .thumbsDown: "thumbs-down"
        case .sessionAbandon: "abandoned sessions"
        case .rephrase: "rephrases"
        case nil: signal
        }
    }

    enum CodingKeys: String, CodingKey {
        case dimension, value, signal
        case locusOfReason = "locus"
    }
}
