/// Keys bound to commands, per context: the defaults, with a workspace's `[keys]` overrides applied.
/// Command names are unique across contexts (`editor_save`, `picker_set`, `confirm_yes`), so
/// `[keys]` stays one flat table of command name → keys.
public struct Keymap: Sendable, Equatable {
    public private(set) var keysByCommand: [CommandID: [Key]]
    public private(set) var commandsByContext: [KeyContext: [Key: CommandID]]

    public static let standard = try! Keymap(overrides: [:])

    public struct ConfigError: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var description: String { message }
    }

    /// Overrides replace a command's default keys. An unknown command or key name, one key bound to
    /// two commands in one context, or a key that would shadow another context's below it, is an
    /// error that names both commands.
    public init(overrides: [String: [String]]) throws {
        var keys: [CommandID: [Key]] = [:]
        for spec in CommandRegistry.all { keys[spec.id] = spec.defaultKeys.compactMap(Key.parse) }
        for (name, keyNames) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let id = CommandID(rawValue: name) else {
                throw ConfigError(message: "[keys]: unknown command `\(name)` (commands: \(CommandID.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            keys[id] = try keyNames.map { text in
                guard let key = Key.parse(text) else {
                    throw ConfigError(message: "[keys]: `\(name)` has unknown key `\(text)` (write a character, or enter, esc, tab, space, up, down, pgdn, home, f1, ctrl-x …)")
                }
                return key
            }
        }
        func conflict(_ key: Key, _ first: CommandID, _ second: CommandID, where place: String) -> ConfigError {
            // Name the one the workspace did not rebind: that is the one to move out of the way.
            let untouched = overrides[second.rawValue] != nil ? first : second
            return ConfigError(message: "[keys]: key `\(key.name)` is bound to both `\(first.rawValue)` and `\(second.rawValue)` \(place); rebind `\(untouched.rawValue)` too")
        }
        var byContext: [KeyContext: [Key: CommandID]] = [:]
        for context in KeyContext.allCases {
            var byKey: [Key: CommandID] = [:]
            for spec in CommandRegistry.all where spec.contexts.contains(context) {
                for key in keys[spec.id] ?? [] {
                    if let other = byKey[key], other != spec.id {
                        throw conflict(key, other, spec.id, where: "(\(context.title.lowercased()))")
                    }
                    byKey[key] = spec.id
                }
            }
            byContext[context] = byKey
        }
        for context in KeyContext.allCases {
            for lower in context.below {
                for (key, id) in byContext[context] ?? [:] {
                    if let other = byContext[lower]?[key], other != id {
                        throw conflict(key, other, id, where: "(\(lower.title.lowercased()), and \(context.title.lowercased()) above it)")
                    }
                }
            }
        }
        keysByCommand = keys
        commandsByContext = byContext
    }

    public func keys(for id: CommandID) -> [Key] { keysByCommand[id] ?? [] }

    /// The command a key runs in a stack of contexts (bottom first): the topmost context that binds
    /// the key decides; a modal context ends the search, bound or not.
    public func command(for key: Key, in stack: [KeyContext]) -> CommandID? {
        for context in stack.reversed() {
            if let id = commandsByContext[context]?[key] { return id }
            if context.isModal { return nil }
        }
        return nil
    }

    /// The command a key runs in one context, nothing else consulted.
    public func command(for key: Key, only context: KeyContext) -> CommandID? {
        commandsByContext[context]?[key]
    }

    /// The command a key runs anywhere in the queue (list, detail or with marks): what a preset's
    /// key must not take.
    public func command(for key: Key) -> CommandID? {
        for context in [KeyContext.marks, .list, .detail, .global] {
            if let id = commandsByContext[context]?[key] { return id }
        }
        return nil
    }
}
