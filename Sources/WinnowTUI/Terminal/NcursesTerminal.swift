import CNcursesw
import Foundation

/// The one place Winnow talks to a real terminal, through wide-character ncurses.
/// Cells arrive already sanitised and measured; this type only maps roles to attributes and colours.
public final class NcursesTerminal: TerminalDevice {
    private let colorsEnabled: Bool
    private var colorCount = 0
    private var pairs: [PairKey: Int16] = [:]
    private var roleAttributes: [StyleRole: (attr_t, Int16)] = [:]
    private var themeName: String?
    private var started = false
    private var pasteReader = BracketedPasteReader()

    struct PairKey: Hashable {
        var fg: Int
        var bg: Int
    }

    /// `monochrome`: NO_COLOR or `--no-color`; only attributes are used then.
    public init(monochrome: Bool) {
        colorsEnabled = !monochrome
    }

    public func start() {
        setlocale(LC_ALL, "")
        initscr()
        raw()
        noecho()
        nonl()
        keypad(winnow_stdscr(), true)
        set_escdelay(25)
        // Mouse reporting stays off: the terminal's own selection and scrolling keep working.
        if colorsEnabled, has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(winnow_colors())
        }
        curs_set(1)
        // Bracketed paste: the terminal marks pasted text, so a paste is one insertion, not
        // thousands of keys (and pasted text can never trigger commands).
        Self.writeControl("\u{1B}[?2004h")
        // A signal must not leave the terminal in raw mode: it is recorded, and the loop restores the
        // terminal (see TerminationSignals).
        TerminationSignals.watch()
        started = true
    }

    public func stop() {
        guard started else { return }
        endwin()
        Self.writeControl("\u{1B}[?2004l")
        TerminationSignals.stopWatching()
        started = false
    }

    deinit { stop() }

    public var size: (width: Int, height: Int) {
        var y: Int32 = 0
        var x: Int32 = 0
        winnow_getmaxyx(winnow_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    public func forceFullRedraw() {
        clearok(winnow_stdscr(), true)
    }

    public func suspend(while body: () -> Void) {
        winnow_suspend()
        body()
        winnow_resume()
        forceFullRedraw()
    }

    public func draw(_ grid: CellGrid, theme: Theme) {
        if themeName != theme.name {
            roleAttributes.removeAll()
            themeName = theme.name
        }
        var scalars = [wchar_t](repeating: 0, count: 8)
        for row in 0..<grid.height {
            for column in 0..<grid.width {
                let cell = grid[row, column]
                if cell.isContinuation { continue }
                let (attrs, pair) = attributes(for: cell.role, theme: theme)
                var count = 0
                for s in cell.character.unicodeScalars where count < 5 {
                    scalars[count] = wchar_t(bitPattern: s.value)
                    count += 1
                }
                scalars[count] = 0
                if winnow_put_cell(Int32(row), Int32(column), scalars, attrs, pair) == ERR, count > 1 {
                    // A sequence ncurses cannot hold in one cell (e.g. a ZWJ emoji): draw its base.
                    scalars[1] = 0
                    _ = winnow_put_cell(Int32(row), Int32(column), scalars, attrs, pair)
                    // The base alone may be narrower than the cluster was measured: blank the rest.
                    if column + 1 < grid.width, grid[row, column + 1].isContinuation, winnow_wcwidth(scalars[0]) < 2 {
                        scalars[0] = 32
                        _ = winnow_put_cell(Int32(row), Int32(column + 1), scalars, attrs, pair)
                    }
                }
            }
        }
        if let cursor = grid.cursor {
            move(Int32(cursor.row), Int32(cursor.column))
        } else {
            move(Int32(max(0, grid.height - 1)), 0)
        }
        refresh()
    }

    private func attributes(for role: StyleRole, theme: Theme) -> (attr_t, Int16) {
        if let cached = roleAttributes[role] { return cached }
        let style = colorsEnabled ? theme.style(role) : theme.style(role).monochrome
        var attrs = winnow_a_normal()
        if style.bold { attrs |= winnow_a_bold() }
        if style.underline { attrs |= winnow_a_underline() }
        if style.reverse { attrs |= winnow_a_reverse() }
        if style.dim { attrs |= winnow_a_dim() }
        if style.italic { attrs |= winnow_a_italic() }
        var pair: Int16 = 0
        if colorsEnabled, colorCount >= 8 {
            let fg = style.foreground.downgraded(toColors: colorCount)
            let bg = style.background.downgraded(toColors: colorCount)
            if fg != -1 || bg != -1 {
                let key = PairKey(fg: fg, bg: bg)
                if let existing = pairs[key] {
                    pair = existing
                } else if pairs.count + 1 < Int(winnow_color_pairs()), pairs.count < 32_000 {
                    pair = Int16(pairs.count + 1)
                    init_pair(pair, Int16(fg), Int16(bg))
                    pairs[key] = pair
                }
            }
        }
        roleAttributes[role] = (attrs, pair)
        return (attrs, pair)
    }

    /// Sends a mode-setting control sequence straight to the terminal (ncurses has no call for it).
    static func writeControl(_ sequence: String) {
        var bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    public func nextInput(timeoutMilliseconds: Int) -> TerminalInput? {
        pasteReader.next(timeoutMilliseconds: timeoutMilliseconds) { readInput(timeoutMilliseconds: $0) }
    }

    private func readInput(timeoutMilliseconds: Int) -> TerminalInput? {
        timeout(Int32(timeoutMilliseconds))
        var ch: wint_t = 0
        let result = winnow_get_wch(&ch)
        if result == ERR { return nil }
        if result == winnow_key_code_yes() {
            let code = Int32(ch)
            if code == winnow_key_resize() {
                let s = size
                return .resize(width: s.width, height: s.height)
            }
            return KeyDecoding.functionKey(code).map { .key($0) }
        }
        return KeyDecoding.character(UInt32(ch)).map { .key($0) }
    }
}

/// Maps ncurses key codes and control characters to `Key` names.
enum KeyDecoding {
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_DOWN: Key("down")
        case KEY_UP: Key("up")
        case KEY_LEFT: Key("left")
        case KEY_RIGHT: Key("right")
        case KEY_HOME: Key("home")
        case KEY_END: Key("end")
        case KEY_NPAGE: Key("pgdn")
        case KEY_PPAGE: Key("pgup")
        case KEY_BACKSPACE: Key("backspace")
        case KEY_DC: Key("delete")
        case KEY_IC: Key("insert")
        case KEY_ENTER: Key("enter")
        case KEY_BTAB: Key("backtab")
        case (KEY_F0 + 1)...(KEY_F0 + 12): Key("f\(code - KEY_F0)")
        default: extendedKey(code)
        }
    }

    /// Ctrl with arrows, Home and End have no fixed codes: ncurses names them from terminfo
    /// (`kLFT5` is Ctrl-Left).
    static func extendedKey(_ code: Int32) -> Key? {
        guard let raw = keyname(code) else { return nil }
        let names = ["kLFT5": "ctrl-left", "kRIT5": "ctrl-right", "kUP5": "ctrl-up", "kDN5": "ctrl-down",
                     "kHOM5": "ctrl-home", "kEND5": "ctrl-end", "kDC5": "ctrl-delete"]
        return names[String(cString: raw)].map(Key.init)
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 27: return Key("esc")
        case 9: return Key("tab")
        case 10, 13: return Key("enter")
        case 8, 127: return Key("backspace")
        case 32: return Key("space")
        case 0: return nil
        case 1...26: return Key("ctrl-" + String(UnicodeScalar(UInt8(96 + value))))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 32 else { return nil }
            return Key(String(Character(scalar)))
        }
    }
}
