import WinnowConfig
import WinnowCore
import WinnowStore

/// The fast path of triage: a label preset applied with one key, and `.` repeating the last labels.
/// Both apply several labels as one action, so one `u` undoes them.
extension Reducer {
    static func presetUnavailableReason(_ id: CommandID, _ state: AppState) -> String? {
        if state.selectedRow == nil && state.marked.isEmpty { return "no item selected" }
        switch id {
        case .applyPreset:
            return state.presets.isEmpty ? "this workspace has no presets ([[preset]] in winnow.toml)" : nil
        case .repeatLabels:
            return state.lastLabels == nil ? "no labels set yet in this session" : nil
        default:
            return nil
        }
    }

    /// The preset a key applies, if any (a command bound to the same key is refused at start).
    static func preset(boundTo key: Key, _ state: AppState) -> LabelPreset? {
        state.presets.first { Key.parse($0.key) == key }
    }

    static func runPresets(_ state: inout AppState, _ id: CommandID, argument: String?) -> [Effect] {
        switch id {
        case .applyPreset:
            guard let name = argument?.trimmingCharacters(in: " "), !name.isEmpty else {
                state.message = .init(text: "preset: " + state.presets.map { "\(Key.parse($0.key)?.label ?? $0.key) \($0.name)" }.joined(separator: " · "),
                                      isError: false)
                return []
            }
            guard let preset = state.presets.first(where: { $0.name == name }) else {
                state.message = .init(text: "unknown preset `\(SafeText.line(name))` (presets: \(state.presets.map(\.name).joined(separator: ", ")))",
                                      isError: true)
                return []
            }
            return apply(&state, preset)
        case .repeatLabels:
            guard let labels = state.lastLabels else { return [] }
            return applyLabels(&state, labels, source: "Repeated", question: "Repeat \(summary(labels))")
        default:
            return []
        }
    }

    static func apply(_ state: inout AppState, _ preset: LabelPreset) -> [Effect] {
        applyLabels(&state, Store.labels(of: preset), source: "Preset \(SafeText.line(preset.name))",
                    question: "Apply preset \(SafeText.line(preset.name))")
    }

    /// Applies labels to the marked items (after a y/n that states the count), else the selected one.
    static func applyLabels(_ state: inout AppState, _ labels: [LabelField: String], source: String, question: String) -> [Effect] {
        let targets = state.marked.isEmpty ? state.selectedRow.map { [$0.id] } ?? [] : state.marked.sorted()
        guard !targets.isEmpty else {
            state.message = .init(text: "\(source): no item selected", isError: true)
            return []
        }
        let effect = Effect.applyLabels(labels: labels, items: targets, versions: seenVersions(targets, state), source: source)
        if targets.count > 1 {
            state.confirmation = .init(question: "\(question) on \(targets.count) marked items? y/n", effect: effect)
            return []
        }
        return [effect]
    }

    /// A preset in the help: its key, then its name and labels.
    static func helpLine(_ preset: LabelPreset) -> (key: String, text: String, heading: Bool) {
        let name = SafeText.line(preset.name)
        return (SafeText.line(Key.parse(preset.key)?.label ?? preset.key),
                "\(name): \(describe(Store.labels(of: preset)))  :preset \(name)", false)
    }

    /// The order labels are shown in: as the list's columns read, the status last.
    static let shownOrder: [LabelField] = [.severity, .locus, .reasons, .owner, .trainable, .note, .status]

    /// Labels with their fields named, for the help: `severity S3 · locus knowledge · reasons stale`.
    public static func describe(_ labels: [LabelField: String]) -> String {
        shownOrder.compactMap { field in
            labels[field].map { "\(field.rawValue) \(LabelWording.plain.text(field, $0))" }
        }.joined(separator: " · ")
    }

    /// Labels by their values alone, short enough for the message line: `S3 · knowledge · stale ·
    /// content-team · triaged` (each field's values are distinct, so they read unambiguously).
    public static func summary(_ labels: [LabelField: String]) -> String {
        shownOrder.compactMap { field in
            labels[field].map { value in
                switch field {
                case .trainable: ["yes", "y", "true", "1"].contains(value.lowercased()) ? "trainable" : "not trainable"
                case .note: "note “\(LabelWording.plain.text(field, value))”"
                case .reasons where value.isEmpty: "no reasons"
                case .owner where value.isEmpty: "no owner"
                default: LabelWording.plain.text(field, value)
                }
            }
        }.joined(separator: " · ")
    }
}

extension Keymap {
    /// A preset's key must be a key, and not one a command of the queue (list, detail, marks or
    /// global) already answers to; the pickers' and the editor's keys are theirs alone.
    public func checkPresetKeys(_ presets: [LabelPreset]) throws {
        for preset in presets {
            guard let key = Key.parse(preset.key) else {
                throw ConfigError(message: "[[preset]] \(preset.name): unknown key `\(preset.key)`")
            }
            if let command = command(for: key) {
                throw ConfigError(message: "[[preset]] \(preset.name): key `\(key.label)` is the key of `\(command.rawValue)`; give the preset another `key`, or rebind `\(command.rawValue)` in [keys]")
            }
        }
    }
}
