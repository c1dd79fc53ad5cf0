import WinnowStore

/// The rounds view's slice of the reducer, and the round commands that run from anywhere in the
/// queue: `r` and `:round NAME` open the scoring screen, `P` the rounds view, `:round_new` and
/// `:round_close` run a round.
extension Reducer {
    static let roundCommands: Set<CommandID> = [.scoreRound, .roundsView, .roundNew, .roundClose, .roundOpen]

    static func roundsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let command = state.keymap.command(for: key, in: state.keyContexts) else {
            state.message = .init(text: "\(key.label) is not bound in the rounds view (press ? for keys)", isError: false)
            return []
        }
        return runInRoundsView(&state, command)
    }

    static func runInRoundsView(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard var rounds = state.rounds else { return [] }
        let last = max(0, rounds.rounds.count - 1)
        switch id {
        case .moveDown: rounds.selected = min(last, rounds.selected + 1)
        case .moveUp: rounds.selected = max(0, rounds.selected - 1)
        case .goTop: rounds.selected = 0
        case .goBottom: rounds.selected = last
        case .back, .cancel:
            state.rounds = nil
            return []
        case .roundOpen:
            return runRounds(&state, .roundOpen, argument: nil)
        case _ where commandsAnywhere.contains(id):
            return run(&state, id, argument: nil)
        default:
            let back = state.keymap.keys(for: .back).first.map(\.label) ?? ":back"
            state.message = .init(text: "\(id.rawValue): not in the rounds view (\(back) goes back to the queue)", isError: true)
            return []
        }
        state.rounds = rounds
        return []
    }

    static func runRounds(_ state: inout AppState, _ id: CommandID, argument: String?) -> [Effect] {
        let text = argument?.trimmingCharacters(in: " ")
        switch id {
        case .scoreRound:
            return [.scoring(.open(round: text.flatMap { $0.isEmpty ? nil : $0 }))]
        case .roundsView:
            return [.scoring(.loadRounds(open: true))]
        case .roundOpen:
            if let text, !text.isEmpty { return [.scoring(.open(round: text))] }
            guard let round = state.rounds?.selectedRound else { return [] }
            let mine = round.reviewers.first { $0.reviewer == state.reviewer }
            if let mine, mine.assigned > 0 { return [.scoring(.open(round: round.round.name))] }
            // Nothing to score here: the round's items in the queue, to read or triage.
            state.rounds = nil
            state.scoring = nil
            return submitFilter(&state, "round:\(round.round.name)")
        case .roundClose:
            guard let name = text, !name.isEmpty else {
                state.message = .init(text: "round_close needs the round's name: `:round_close NAME`", isError: true)
                return []
            }
            return [.scoring(.close(round: name))]
        case .roundNew:
            do {
                return [.scoring(.create(try RoundCommandLine.spec(text ?? "")))]
            } catch {
                state.message = .init(text: "round_new: \((error as? RoundCommandLine.ParseError)?.message ?? "\(error)")", isError: true)
                return []
            }
        default:
            return []
        }
    }
}

/// `:round_new NAME [COUNT] [key=value …] [filter=QUERY…]`: a round from the command line, in the
/// words of `winnow round new`. Everything after `filter=` is the filter, spaces and all.
public enum RoundCommandLine {
    public struct ParseError: Error, Equatable {
        public var message: String
    }

    public static let usage = "NAME [COUNT] [seed=S] [stratify=intent,cohort] [overlap=2] [rubric=NAME] [fields=severity,locus] [reviewers=a,b] [filter=QUERY]"

    public static func spec(_ text: String) throws -> RoundSpec {
        var rest = Substring(text.trimmingCharacters(in: " "))
        var filter: String?
        if let range = rest.range(of: "filter=") {
            filter = String(rest[range.upperBound...]).trimmingCharacters(in: " ")
            rest = rest[..<range.lowerBound]
        }
        let words = rest.split(separator: " ").map(String.init)
        guard let name = words.first, !name.contains("=") else { throw ParseError(message: "give the round a name first: \(usage)") }
        var spec = RoundSpec(name: name, sample: RoundSampleSpec(filter: filter.flatMap { $0.isEmpty ? nil : $0 }))
        for word in words.dropFirst() {
            if let count = Int(word) {
                guard count > 0 else { throw ParseError(message: "the sample size must be at least 1, not \(count)") }
                spec.sample.count = count
                continue
            }
            let pair = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, !pair[1].isEmpty else { throw ParseError(message: "`\(word)` is not key=value: \(usage)") }
            let list = pair[1].split(separator: ",").map(String.init)
            switch pair[0] {
            case "seed":
                guard let seed = UInt64(pair[1]) else { throw ParseError(message: "seed=\(pair[1]) is not a whole number") }
                spec.sample.seed = seed
            case "overlap":
                guard let overlap = Int(pair[1]) else { throw ParseError(message: "overlap=\(pair[1]) is not a whole number") }
                spec.overlap = overlap
            case "rubric": spec.rubric = pair[1]
            case "reviewers": spec.reviewers = list
            case "stratify":
                spec.sample.stratify = try list.map { key in
                    guard let stratum = StratumKey(rawValue: key) else {
                        throw ParseError(message: "cannot stratify by `\(key)` (\(StratumKey.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    return stratum
                }
            case "fields":
                spec.fields = try list.map { field in
                    guard let label = LabelField(rawValue: field) else {
                        throw ParseError(message: "`\(field)` is not a triage field (\(LabelField.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    return label
                }
            default:
                throw ParseError(message: "unknown setting `\(pair[0])`: \(usage)")
            }
        }
        return spec
    }
}
