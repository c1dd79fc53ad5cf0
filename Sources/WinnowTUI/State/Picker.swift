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

    /// The picker's commands (`KeyContext.picker`): `picker_set` chooses the highlighted entry (in
    /// the reason picker, the ticked ones), `picker_cancel` cancels, `picker_down`/`picker_up`… move,
    /// `picker_tick` ticks, and the n-th key of `picker_pick` picks the n-th entry shown at once (in
    /// the reason picker it ticks or unticks it). Other keys type: letters narrow (a key that would
    /// narrow to nothing is refused), Backspace and ^W erase.
    public mutating func handle(_ key: Key, pageSize: Int, keymap: Keymap = .standard) -> Outcome {
        refusal = nil
        let count = visible.count
        guard let command = keymap.command(for: key, only: .picker) else {
            type(key)
            return .stay
        }
        switch command {
        case .pickerCancel: return .cancel
        case .pickerSet:
            if allowsSeveral {
                // Ticked values in the options' order; with nothing ticked, the highlighted one.
                if !chosen.isEmpty { return .choose(options.map(\.value).filter(chosen.contains)) }
                return highlightedValue.map { .choose([$0]) } ?? .stay
            }
            return highlightedValue.map { .choose([$0]) } ?? .stay
        case .pickerDown: highlighted = min(max(0, count - 1), highlighted + 1)
        case .pickerUp: highlighted = max(0, highlighted - 1)
        case .pickerPageDown: highlighted = min(max(0, count - 1), highlighted + pageSize)
        case .pickerPageUp: highlighted = max(0, highlighted - pageSize)
        case .pickerTop: highlighted = 0
        case .pickerBottom: highlighted = max(0, count - 1)
        case .pickerTick:
            if allowsSeveral, let value = highlightedValue { toggle(value) }
        case .pickerPick:
            guard let index = keymap.keys(for: .pickerPick).firstIndex(of: key) else { break }
            let number = index + 1
            guard number <= count else {
                refusal = count == 0 ? "no \(noun) is shown to pick" : "no \(noun) \(number): \(count == 1 ? "only 1 is" : "\(count) are") shown"
                return .stay
            }
            let value = visible[number - 1].value
            guard allowsSeveral else { return .choose([value]) }
            highlighted = number - 1
            toggle(value)
        default:
            break
        }
        return .stay
    }

    /// A key no picker command takes: it edits the narrowing text.
    private mutating func type(_ key: Key) {
        switch key.name {
        case "backspace":
            if !query.isEmpty {
                query.removeLast()
                highlighted = 0
            }
        case "ctrl-w":
            query = ""
            highlighted = 0
        default:
            guard let c = key.character, key.name != "space" else { return }
            let narrowed = query + String(c)
            guard !matching(narrowed).isEmpty else {
                refusal = "no \(noun) contains \"\(narrowed)\""
                return
            }
            query = narrowed
            highlighted = 0
        }
    }

    private mutating func toggle(_ value: String) {
        if chosen.contains(value) { chosen.remove(value) } else { chosen.insert(value) }
    }

    /// How the picker works, for its first line: the longest wording that fits `width` columns,
    /// naming the keys the keymap binds.
    public func usage(fitting width: Int, keymap: Keymap = .standard) -> String {
        func key(_ id: CommandID) -> String { keymap.keys(for: id).first?.label ?? ":" + id.rawValue }
        let move = key(.pickerUp) + key(.pickerDown)
        let picks = keymap.keys(for: .pickerPick)
        let pick = picks.count > 1 ? "\(picks[0].label)–\(picks[picks.count - 1].label)" : picks.first?.label ?? ":picker_pick"
        let (set, cancel, tick) = (key(.pickerSet), key(.pickerCancel), key(.pickerTick))
        let wordings = allowsSeveral
            ? ["type to narrow · \(move) move · \(pick)/\(tick) tick · \(set) set · \(cancel) cancel",
               "type to narrow · \(move) move · \(pick) tick · \(set) set · \(cancel) cancel",
               "type narrows · \(move) · \(pick) tick · \(set) set · \(cancel)"]
            : ["type to narrow · \(move) move · \(pick) pick · \(set) choose · \(cancel) cancel",
               "type narrows · \(move) · \(pick) pick · \(set) choose · \(cancel)",
               "type narrows · \(move) · \(pick) pick · \(set) · \(cancel)"]
        return wordings.first { DisplayWidth.of($0) <= width } ?? TextLayout.truncate(wordings.last!, to: width)
    }
}
