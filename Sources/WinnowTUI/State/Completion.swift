import WinnowStore

/// Tab completion for the `:` command line: command names first, then their arguments.
public enum Completion {
    /// Returns the completed text and the candidates that remain.
    public static func complete(_ text: String, state: AppState) -> (String, [String]) {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count <= 1 {
            let prefix = parts.first ?? ""
            let names = CommandRegistry.all.filter(\.runsInQueue).map(\.id.rawValue).filter { $0.hasPrefix(prefix) }
            return extend(prefix, names, suffixWhenUnique: " ")
        }
        let command = parts[0]
        let argument = parts[1]
        let candidates: [String]
        switch CommandRegistry.command(named: command) {
        case .sort?: candidates = QueueSort.allCases.map(\.rawValue)
        case .theme?: candidates = state.themeNames
        case .viewOpen?, .viewDelete?, .viewSave?: candidates = state.savedViews.map(\.name)
        case .labelLocus?: candidates = state.labelChoices[.locus] ?? []
        case .labelOwner?: candidates = state.labelChoices[.owner] ?? []
        // Only the codes the store will accept: those of the selected item's locus.
        case .labelReasons?: candidates = state.reasonChoices?.codes ?? []
        case .labelSeverity?: candidates = state.severityChoices
        case .labelStatus?: candidates = ["triaged", "resolved", "wont_fix", "reopen"]
        case .labelTrainable?: candidates = ["yes", "no"]
        case .applyPreset?: candidates = state.presets.map(\.name)
        case .raiseDispute?: candidates = Reducer.disputableFields
        case .disputeQueue?: candidates = Reducer.disputeScopes
        case .decide?: candidates = state.disputeQueue?.shown.map { Reducer.decisionValues($0, state) } ?? []
        case .scoreRound?, .roundClose?, .roundOpen?, .agreement?: candidates = state.roundNames
        default: candidates = []
        }
        let matching = candidates.filter { $0.hasPrefix(argument) }
        let (completed, remaining) = extend(argument, matching, suffixWhenUnique: "")
        return (command + " " + completed, remaining)
    }

    private static func extend(_ prefix: String, _ candidates: [String], suffixWhenUnique: String) -> (String, [String]) {
        guard !candidates.isEmpty else { return (prefix, []) }
        if candidates.count == 1 { return (candidates[0] + suffixWhenUnique, candidates) }
        var common = candidates[0]
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        return (common.count > prefix.count ? common : prefix, candidates)
    }
}
