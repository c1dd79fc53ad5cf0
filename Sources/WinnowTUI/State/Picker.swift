import WinnowStore

/// A list of label values to choose from, narrowed by typing: the failure locus, its reason codes
/// (several may be chosen) and the owner.
public struct Picker: Equatable, Sendable {
    public struct Option: Equatable, Sendable {
        public var value: String
        /// A hint shown beside the value (a locus's default owner, say).
        public var detail: String?

        public init(value: String, detail: String? = nil) {
            self.value = value
            self.detail = detail
        }
    }

    public enum Outcome: Equatable, Sendable {
        case stay
        case cancel
        case choose([String])
    }

    public var field: LabelField
    public var title: String
    public var options: [Option]
    public var allowsSeveral: Bool
    /// Typed text narrowing the options (matched anywhere in the value or its hint).
    public private(set) var query = ""
    /// Index into `visible`.
    public private(set) var highlighted = 0
    /// Values ticked so far, when several may be chosen.
    public private(set) var chosen: Set<String>

    public init(field: LabelField, title: String, options: [Option], allowsSeveral: Bool = false,
                highlight value: String? = nil, chosen: Set<String> = []) {
        self.field = field
        self.title = title
        self.options = options
        self.allowsSeveral = allowsSeveral
        // Only offered values can be ticked: a tick nobody can see would be what Enter sets.
        self.chosen = chosen.filter { value in options.contains { $0.value == value } }
        if let value, let index = options.firstIndex(where: { $0.value == value }) { highlighted = index }
    }

    public var visible: [Option] {
        guard !query.isEmpty else { return options }
        let needle = query.lowercased()
        return options.filter { $0.value.lowercased().contains(needle) || ($0.detail?.lowercased().contains(needle) ?? false) }
    }

    public var highlightedValue: String? {
        let shown = visible
        return shown.indices.contains(highlighted) ? shown[highlighted].value : nil
    }

    /// Arrows (and ^N/^P) move, typing narrows, Space ticks when several may be chosen, Enter chooses,
    /// Esc cancels.
    public mutating func handle(_ key: Key, pageSize: Int) -> Outcome {
        let count = visible.count
        switch key.name {
        case "esc": return .cancel
        case "enter":
            if allowsSeveral {
                // Ticked values in the options' order; with nothing ticked, the highlighted one.
                if !chosen.isEmpty { return .choose(options.map(\.value).filter(chosen.contains)) }
                return highlightedValue.map { .choose([$0]) } ?? .stay
            }
            return highlightedValue.map { .choose([$0]) } ?? .stay
        case "down", "ctrl-n": highlighted = min(max(0, count - 1), highlighted + 1)
        case "up", "ctrl-p": highlighted = max(0, highlighted - 1)
        case "pgdn", "ctrl-d": highlighted = min(max(0, count - 1), highlighted + pageSize)
        case "pgup", "ctrl-u": highlighted = max(0, highlighted - pageSize)
        case "home": highlighted = 0
        case "end": highlighted = max(0, count - 1)
        case "space" where allowsSeveral:
            if let value = highlightedValue {
                if chosen.contains(value) { chosen.remove(value) } else { chosen.insert(value) }
            }
        case "backspace":
            if !query.isEmpty {
                query.removeLast()
                highlighted = 0
            }
        case "ctrl-w":
            query = ""
            highlighted = 0
        default:
            guard let c = key.character, key.name != "space" else { break }
            query.append(c)
            highlighted = 0
        }
        return .stay
    }
}
