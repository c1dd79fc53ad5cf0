import TOMLKit

/// A colour as a theme file writes it.
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    /// 0–255: the 16 ANSI colours then the xterm 256-colour palette.
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright_black": 8, "gray": 8, "grey": 8, "bright_red": 9, "bright_green": 10, "bright_yellow": 11,
        "bright_blue": 12, "bright_magenta": 13, "bright_cyan": 14, "bright_white": 15,
    ]

    public static func parse(_ text: String) -> ThemeColor? {
        let t = text.lowercased()
        if t == "default" || t == "none" { return .terminalDefault }
        if let n = names[t] { return .indexed(n) }
        if let n = Int(t), (0...255).contains(n) { return .indexed(n) }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        }
        return nil
    }

    /// The nearest colour a terminal with `colors` colours can show (256, 16 or 8).
    public func downgraded(toColors colors: Int) -> Int {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let n):
            if n < colors { return n }
            return ColorMath.nearestANSI(ColorMath.rgb(ofIndex: n), limit: colors)
        case .rgb(let r, let g, let b):
            if colors >= 256 { return ColorMath.nearest256(r, g, b) }
            return ColorMath.nearestANSI((Int(r), Int(g), Int(b)), limit: colors)
        }
    }
}

enum ColorMath {
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cube = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndex n: Int) -> (Int, Int, Int) {
        if n < 16 { return ansi[n] }
        if n >= 232 { let v = 8 + (n - 232) * 10; return (v, v, v) }
        let i = n - 16
        return (cube[i / 36], cube[(i / 6) % 6], cube[i % 6])
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let target = (Int(r), Int(g), Int(b))
        return (16..<256).min { distance(rgb(ofIndex: $0), target) < distance(rgb(ofIndex: $1), target) }!
    }

    /// The ANSI palette is uneven (its cyan is nearer mid-grey than its white is), so greys map by
    /// lightness and colours by the nearest hue among the saturated entries.
    static func nearestANSI(_ target: (Int, Int, Int), limit: Int) -> Int {
        let hi = max(target.0, target.1, target.2)
        let lo = min(target.0, target.1, target.2)
        let light = (target.0 + target.1 + target.2) / 3
        let sixteen = limit >= 16
        if hi - lo < 40 {
            if light < 64 { return 0 }
            if sixteen { return light < 160 ? 8 : light < 224 ? 7 : 15 }
            return 7
        }
        let candidates = sixteen ? Array(1...6) + Array(9...14) : Array(1...6)
        return candidates.min { distance(ansi[$0], target) < distance(ansi[$1], target) }!
    }
}

public struct Style: Equatable, Sendable {
    public var foreground: ThemeColor = .terminalDefault
    public var background: ThemeColor = .terminalDefault
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false
    public var italic = false

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false, italic: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.italic = italic
    }

    /// The same style with colours dropped (NO_COLOR, or a terminal without colour).
    public var monochrome: Style {
        Style(bold: bold, underline: underline, reverse: reverse, dim: dim, italic: italic)
    }
}

public struct Theme: Equatable, Sendable {
    public var name: String
    public var description: String
    public var styles: [StyleRole: Style]

    public func style(_ role: StyleRole) -> Style {
        styles[role] ?? styles[.base] ?? Style()
    }

    public struct LoadError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    /// Parses a theme file. Every role must be known; unknown colours or attributes are errors
    /// that name the file and line.
    public static func parse(_ text: String, file: String) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw LoadError(file: file, line: error.source.begin.line, message: error.description)
        }
        func lineOf(_ needle: String) -> Int? {
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
        }
        guard let name = table["name"]?.string else {
            throw LoadError(file: file, line: nil, message: "missing `name = \"…\"`")
        }
        let description = table["description"]?.string ?? ""
        guard let roles = table["roles"]?.table else {
            throw LoadError(file: file, line: nil, message: "missing the [roles] table")
        }
        var styles: [StyleRole: Style] = [:]
        for key in roles.keys {
            guard let role = StyleRole(rawValue: key) else {
                throw LoadError(file: file, line: lineOf("\"\(key)\"") ?? lineOf(key),
                                message: "unknown role `\(key)` (roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let spec = roles[key]?.table else {
                throw LoadError(file: file, line: lineOf(key), message: "role `\(key)` must be a table like { fg = \"red\", attrs = [\"bold\"] }")
            }
            var style = Style()
            for field in spec.keys {
                switch field {
                case "fg", "bg":
                    guard let raw = spec[field]?.string ?? spec[field]?.int.map(String.init),
                          let color = ThemeColor.parse(raw) else {
                        throw LoadError(file: file, line: lineOf(key),
                                        message: "role `\(key)`: \(field) must be a colour name, 0–255 or #rrggbb")
                    }
                    if field == "fg" { style.foreground = color } else { style.background = color }
                case "attrs":
                    guard let list = spec[field]?.array else {
                        throw LoadError(file: file, line: lineOf(key), message: "role `\(key)`: attrs must be a list")
                    }
                    for item in list {
                        switch item.string {
                        case "bold": style.bold = true
                        case "underline": style.underline = true
                        case "reverse": style.reverse = true
                        case "dim": style.dim = true
                        case "italic": style.italic = true
                        default:
                            throw LoadError(file: file, line: lineOf(key),
                                            message: "role `\(key)`: unknown attribute \(item.string.map { "`\($0)`" } ?? "value") (bold, underline, reverse, dim, italic)")
                        }
                    }
                default:
                    throw LoadError(file: file, line: lineOf(key), message: "role `\(key)`: unknown key `\(field)` (fg, bg, attrs)")
                }
            }
            styles[role] = style
        }
        let missing = StyleRole.allCases.filter { styles[$0] == nil }
        if !missing.isEmpty {
            throw LoadError(file: file, line: nil,
                            message: "missing roles: \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        return Theme(name: name, description: description, styles: styles)
    }
}
