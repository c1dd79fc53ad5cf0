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

    /// Digits pick the entry of that number among those shown, so only the first nine are numbered.
    public static let numberedEntries = 9

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
    /// Why the last key did nothing (it would have narrowed to no entry, or named no entry), shown
    /// in the picker until the next key. A refused key is never typed into the query.
    public private(set) var refusal: String?

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

    public var visible: [Option] { matching(query) }

    private func matching(_ text: String) -> [Option] {
        guard !text.isEmpty else { return options }
        let needle = text.lowercased()
        return options.filter { $0.value.lowercased().contains(needle) || ($0.detail?.lowercased().contains(needle) ?? false) }
    }

    public var highlightedValue: String? {
        let shown = visible
        return shown.indices.contains(highlighted) ? shown[highlighted].value : nil
    }

    /// What one entry is called in messages ("no locus contains …").
    var noun: String {
        switch field {
        case .reasons: "reason code"
        default: field.rawValue
        }
    }

    /// Letters narrow; ↑/↓ and ^N/^P move; a digit 1–9 picks the entry of that number at once (in
    /// the reason picker it ticks or unticks it, like Space, and Enter sets the ticked codes); Enter
    /// chooses the highlighted entry; Esc cancels. A key that would narrow to nothing is refused.
    public mutating func handle(_ key: Key, pageSize: Int) -> Outcome {
        refusal = nil
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
            if let value = highlightedValue { toggle(value) }
        case "1", "2", "3", "4", "5", "6", "7", "8", "9":
            let number = Int(key.name)!
            guard number <= count else {
                refusal = count == 0 ? "no \(noun) is shown to pick" : "no \(noun) \(number): \(count == 1 ? "only 1 is" : "\(count) are") shown"
                return .stay
            }
            let value = visible[number - 1].value
            guard allowsSeveral else { return .choose([value]) }
            highlighted = number - 1
            toggle(value)
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
            let narrowed = query + String(c)
            guard !matching(narrowed).isEmpty else {
                refusal = "no \(noun) contains \"\(narrowed)\""
                return .stay
            }
            query = narrowed
            highlighted = 0
        }
        return .stay
    }

    private mutating func toggle(_ value: String) {
        if chosen.contains(value) { chosen.remove(value) } else { chosen.insert(value) }
    }

    /// How the picker works, for its first line: the longest wording that fits `width` columns.
    public func usage(fitting width: Int) -> String {
        let wordings = allowsSeveral
            ? ["type to narrow · ↑↓ move · 1–9/Space tick · Enter set · Esc cancel",
               "type to narrow · ↑↓ move · 1–9 tick · Enter set · Esc cancel",
               "type narrows · ↑↓ · 1–9 tick · Enter set · Esc"]
            : ["type to narrow · ↑↓ move · 1–9 pick · Enter choose · Esc cancel",
               "type narrows · ↑↓ · 1–9 pick · Enter choose · Esc",
               "type narrows · ↑↓ · 1–9 pick · Enter · Esc"]
        return wordings.first { DisplayWidth.of($0) <= width } ?? TextLayout.truncate(wordings.last!, to: width)
    }
}
