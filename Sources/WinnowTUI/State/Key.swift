/// A key press by canonical name: a printable character as itself (`j`, `G`, `/`), or a named key
/// (`enter`, `esc`, `tab`, `backtab`, `space`, `backspace`, `delete`, `up`, `down`, `left`, `right`,
/// `pgup`, `pgdn`, `home`, `end`, `f1`…`f12`, `ctrl-a`…`ctrl-z`).
public struct Key: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }

    /// The character a printable key types, for input fields.
    public var character: Character? {
        if name == "space" { return " " }
        return name.count == 1 ? name.first : nil
    }

    static let named: Set<String> = Set([
        "enter", "esc", "tab", "backtab", "space", "backspace", "delete", "up", "down", "left", "right",
        "pgup", "pgdn", "home", "end", "insert",
        "ctrl-left", "ctrl-right", "ctrl-up", "ctrl-down", "ctrl-home", "ctrl-end", "ctrl-delete",
    ]).union((1...12).map { "f\($0)" })
        .union("abcdefghijklmnopqrstuvwxyz".map { "ctrl-\($0)" })

    /// Parses a key as written in a config file (`"j"`, `"ctrl-d"`, `"PgDn"`); nil when unknown.
    public static func parse(_ text: String) -> Key? {
        if text.count == 1 {
            let c = text.first!
            if c == " " { return Key("space") }
            guard let ascii = c.asciiValue, ascii >= 0x21, ascii < 0x7F else {
                return c.isLetter || c.isNumber || c.isPunctuation || c.isSymbol ? Key(text) : nil
            }
            return Key(text)
        }
        var lower = text.lowercased().replacingOccurrences(of: "_", with: "-")
        let aliases = ["pagedown": "pgdn", "page-down": "pgdn", "pageup": "pgup", "page-up": "pgup", "escape": "esc",
                       "return": "enter", "shift-tab": "backtab", "del": "delete", "bs": "backspace"]
        lower = aliases[lower] ?? lower
        if lower.hasPrefix("c-") { lower = "ctrl-" + lower.dropFirst(2) }
        return named.contains(lower) ? Key(lower) : nil
    }

    /// How the key is shown in help and hints.
    public var label: String {
        switch name {
        case "ctrl-d", "ctrl-u", "ctrl-r", "ctrl-l": "^" + name.dropFirst(5).uppercased()
        case "pgdn": "PgDn"
        case "pgup": "PgUp"
        case "home": "Home"
        case "end": "End"
        case "enter": "Enter"
        case "esc": "Esc"
        case "tab": "Tab"
        case "backtab": "S-Tab"
        case "space": "Space"
        case "up": "↑"
        case "down": "↓"
        case "left": "←"
        case "right": "→"
        case "ctrl-left": "^←"
        case "ctrl-right": "^→"
        default: name.hasPrefix("ctrl-") ? "^" + name.dropFirst(5).uppercased() : name
        }
    }
}
