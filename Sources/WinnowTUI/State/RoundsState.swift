import WinnowStore

/// The rounds context's room: every round with its progress, one selected.
public struct RoundsState: Equatable, Sendable {
    public var rounds: [RoundProgress]
    public var selected = 0

    public init(rounds: [RoundProgress], selected: Int = 0) {
        self.rounds = rounds
        self.selected = selected
    }

    public var selectedRound: RoundProgress? { rounds.indices.contains(selected) ? rounds[selected] : nil }
}
