import WinnowCore

/// The search, filter and command lines: their commands (`input_submit`, `input_cancel`,
/// `input_complete` and the line's editing commands), plain typing for the rest.
extension Reducer {
    static func inputKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var input = state.input else { return [] }
        var chars = Array(input.text)
        input.error = nil
        let command = state.keymap.command(for: key, only: input.kind == .command ? .commandInput : .input)
        switch command {
        case .inputCancel?:
            state.input = nil
            return []
        case .inputSubmit?:
            state.input = nil
            let text = input.text
            switch input.kind {
            case .search: return submitSearch(&state, text)
            case .filter:
                let effects = submitFilter(&state, text)
                if let error = state.message, error.isError {
                    // Keep the line open so the mistake can be fixed in place.
                    input.error = error.text
                    state.message = nil
                    state.input = input
                }
                return effects
            case .command: return submitCommand(&state, text)
            }
        case .inputLineStart?: input.cursor = 0
        case .inputLineEnd?: input.cursor = chars.count
        case .inputKillToStart?:
            chars.removeFirst(input.cursor)
            input.cursor = 0
        case .inputDeleteWord?:
            var start = input.cursor
            while start > 0, chars[start - 1] == " " { start -= 1 }
            while start > 0, chars[start - 1] != " " { start -= 1 }
            chars.removeSubrange(start..<input.cursor)
            input.cursor = start
        case .inputComplete?:
            let (completed, candidates) = Completion.complete(input.text, state: state)
            chars = Array(completed)
            input.cursor = chars.count
            input.completions = candidates
            // Nothing to offer for reasons has a reason of its own, said where the reviewer looks.
            if candidates.isEmpty, CommandRegistry.command(named: completed.split(separator: " ").first.map(String.init) ?? "") == .labelReasons,
               state.reasonChoices == nil {
                input.error = "reasons: \(noReasonCodes(state))"
            }
        default:
            switch key.name {
            case "backspace":
                if input.cursor > 0 { chars.remove(at: input.cursor - 1); input.cursor -= 1 }
                else if chars.isEmpty { state.input = nil; return [] }
            case "delete", "ctrl-d":
                if input.cursor < chars.count { chars.remove(at: input.cursor) }
            case "left": input.cursor = max(0, input.cursor - 1)
            case "right": input.cursor = min(chars.count, input.cursor + 1)
            default:
                guard let c = key.character else { break }
                chars.insert(c, at: input.cursor)
                input.cursor += 1
            }
        }
        input.text = String(chars)
        if command != .inputComplete { input.completions = [] }
        if input.kind == .filter, !input.text.isEmpty {
            // Live validation: say what is wrong while typing, before Enter.
            do { _ = try FilterQuery.parse(input.text, vocabulary: state.filterVocabulary, typing: true) } catch { input.error = error.message }
        }
        state.input = input
        return []
    }

    static func submitSearch(_ state: inout AppState, _ text: String) -> [Effect] {
        let trimmed = text.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty else {
            state.search = nil
            return []
        }
        state.search = trimmed
        return [.findMatch(forward: true)]
    }

    static func submitFilter(_ state: inout AppState, _ text: String) -> [Effect] {
        do {
            let query = try FilterQuery.parse(text, vocabulary: state.filterVocabulary)
            state.filter = query
            state.filterText = text.trimmingCharacters(in: " ")
            state.viewName = nil
            state.message = .init(text: query.isEmpty ? "Filter cleared" : "Filter: \(query.canonicalText)", isError: false)
            return [.reload(keepingItem: nil, position: 0)]
        } catch {
            state.message = .init(text: "filter: \(error.message)", isError: true)
            return []
        }
    }

    static func submitCommand(_ state: inout AppState, _ text: String) -> [Effect] {
        let trimmed = text.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty else { return [] }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let id = CommandRegistry.command(named: parts[0]) else {
            state.message = .init(text: "unknown command `\(parts[0])` (Tab completes; ? lists them)", isError: true)
            return []
        }
        return run(&state, id, argument: parts.count > 1 ? parts[1] : nil)
    }
}
