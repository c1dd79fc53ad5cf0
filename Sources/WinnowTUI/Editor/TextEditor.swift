import WinnowCore

/// A position in the editor's text: logical line, and column counted in Characters (graphemes).
public struct EditorCursor: Equatable, Comparable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: EditorCursor, b: EditorCursor) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// The first visible screen row: which wrapped row (`part`) of which logical line. Anchored to the text
/// rather than counted in rows from the top, so showing or scrolling a megabyte text only wraps the lines
/// near the view, and a resize keeps the same text at the top.
public struct EditorScroll: Equatable, Sendable {
    public var line: Int
    public var part: Int

    public init(line: Int, part: Int) {
        self.line = line
        self.part = part
    }
}

/// What the caller must do after a key: redraw and treat the text as changed (save a draft), redraw the
/// cursor, or handle the key itself (`.ignored`: not an editing key, such as ctrl-s or esc).
/// A key the editor handles but that changes nothing (left at the very start) is `.moved`, never `.ignored`,
/// so it does not fall through to the caller's own bindings.
public enum EditorOutcome: Equatable, Sendable {
    case edited, moved, ignored
}

/// A pure multi-line text editor: text, cursor and scroll, driven by keys; no I/O, no terminal.
///
/// The text is kept as typed: what is dangerous to show (escape sequences, bidi controls) is made visible
/// only when laid out for the screen (`layout`, through `SafeText`). Newlines are normalised on the way in
/// (`\r\n` and `\r` become `\n`, in the initial text as in pastes); `isModified` compares with the
/// normalised initial text.
///
/// Keys: printable characters and `space` type; `enter` splits the line; `tab` types two spaces (corrections
/// are prose, and a real tab has no reliable width); `backspace`/`delete` join lines at the edges;
/// `left`/`right` move by character across lines; `ctrl-left`/`ctrl-right` by word (`TextTokens`: the
/// word diff's notion of a word, each CJK character a word); `up`/`down` and `pgup`/`pgdn` by screen row,
/// keeping a goal column; `home`/`ctrl-a` and `end`/`ctrl-e` go to the start and end of the logical line;
/// `ctrl-k` deletes to the end of the line (joining the next line when at the end), `ctrl-u` to its
/// start, `ctrl-w` the word before the cursor.
public struct TextEditor: Equatable, Sendable {
    /// The logical lines, as grapheme clusters.
    public private(set) var lines: [[Character]]
    public private(set) var cursor = EditorCursor(line: 0, column: 0)
    public private(set) var scroll = EditorScroll(line: 0, part: 0)
    /// The display column up/down aim for, kept across vertical moves.
    public private(set) var goalColumn: Int?
    /// The visible height last given to `scrollToCursor`: how far `pgup`/`pgdn` go when not told.
    public private(set) var viewHeight = 10
    private let original: [[Character]]

    public init(text: String) {
        lines = Self.split(text, dropControls: false)
        original = lines
    }

    /// The text: lines joined with `\n`.
    public var text: String {
        var out = ""
        out.reserveCapacity(lines.reduce(lines.count) { $0 + $1.count })
        for (i, line) in lines.enumerated() {
            if i > 0 { out.append("\n") }
            out.append(contentsOf: line)
        }
        return out
    }

    /// Whether the text differs from the initial text.
    public var isModified: Bool { lines != original }

    // MARK: Keys

    /// The edits the editor's commands make (`editor_word_left`…), whatever keys they are bound to.
    public enum Edit: Sendable, CaseIterable {
        case wordLeft, wordRight, lineStart, lineEnd, killLine, killToStart, deleteWordBackward

        /// The edit a key makes by default, read by `apply` (the correction editor's keymap may
        /// have moved it to another key).
        public init?(standardKey key: Key) {
            switch key.name {
            case "ctrl-left": self = .wordLeft
            case "ctrl-right": self = .wordRight
            case "home", "ctrl-a": self = .lineStart
            case "end", "ctrl-e": self = .lineEnd
            case "ctrl-k": self = .killLine
            case "ctrl-u": self = .killToStart
            case "ctrl-w": self = .deleteWordBackward
            default: return nil
            }
        }
    }

    /// Makes one edit.
    @discardableResult
    public mutating func perform(_ edit: Edit) -> EditorOutcome {
        switch edit {
        case .wordLeft: moveByWord(-1)
        case .wordRight: moveByWord(1)
        case .lineStart: cursor.column = 0; goalColumn = nil
        case .lineEnd: cursor.column = lines[cursor.line].count; goalColumn = nil
        case .killLine:
            if cursor.column < lines[cursor.line].count {
                return delete(cursor, EditorCursor(line: cursor.line, column: lines[cursor.line].count))
            }
            return joinNext()
        case .killToStart:
            guard cursor.column > 0 else { return .moved }
            return delete(EditorCursor(line: cursor.line, column: 0), cursor)
        case .deleteWordBackward:
            let start = TextTokens.previousWordStart(in: lines[cursor.line], from: cursor.column)
            return deleteBackward(to: cursor.column > 0 ? EditorCursor(line: cursor.line, column: start) : nil)
        }
        return .moved
    }

    /// Applies one key: the keys of `Edit` as they are by default, the arrows, paging, Enter, Tab,
    /// Backspace and Delete, and typing. `width` is the text area's width in cells (for moves by
    /// screen row); `height` its height in rows (for pgup/pgdn; default the one last given to `scrollToCursor`).
    @discardableResult
    public mutating func apply(_ key: Key, width: Int, height: Int? = nil) -> EditorOutcome {
        if let edit = Edit(standardKey: key) { return perform(edit) }
        switch key.name {
        case "left": moveHorizontally(-1)
        case "right": moveHorizontally(1)
        case "up": moveVertically(-1, width: width)
        case "down": moveVertically(1, width: width)
        case "pgup": moveVertically(-max(1, (height ?? viewHeight) - 1), width: width)
        case "pgdn": moveVertically(max(1, (height ?? viewHeight) - 1), width: width)
        case "enter": insert("\n"); return .edited
        case "tab": insert("  "); return .edited
        case "backspace":
            return deleteBackward(to: cursor.column > 0 ? EditorCursor(line: cursor.line, column: cursor.column - 1) : nil)
        case "delete":
            if cursor.column < lines[cursor.line].count {
                return delete(cursor, EditorCursor(line: cursor.line, column: cursor.column + 1))
            }
            return joinNext()
        default:
            guard let character = key.character, !Self.isDroppedControl(character) else { return .ignored }
            insert(String(character))
            return .edited
        }
        return .moved
    }

    /// Inserts text at the cursor, all at once (linear in its size): `\r\n` and `\r` become line breaks,
    /// other C0 controls but tab are dropped, everything else is kept as it is.
    public mutating func insert(_ text: String) {
        let pieces = Self.split(text, dropControls: true)
        let column = cursor.column
        if pieces.count == 1 {
            guard !pieces[0].isEmpty else { return }
            lines[cursor.line].insert(contentsOf: pieces[0], at: column)
            cursor.column += pieces[0].count
        } else {
            var pieces = pieces
            let line = lines[cursor.line]
            pieces[0].insert(contentsOf: line[..<column], at: 0)
            let lastColumn = pieces[pieces.count - 1].count
            pieces[pieces.count - 1].append(contentsOf: line[column...])
            let count = pieces.count
            lines.replaceSubrange(cursor.line...cursor.line, with: pieces)
            cursor = EditorCursor(line: cursor.line + count - 1, column: lastColumn)
        }
        goalColumn = nil
    }

    /// Moves the cursor to a position (clamped to the text).
    public mutating func moveCursor(to position: EditorCursor) {
        let line = min(max(0, position.line), lines.count - 1)
        cursor = EditorCursor(line: line, column: min(max(0, position.column), lines[line].count))
        goalColumn = nil
    }

    // MARK: Editing

    /// Deletes from `start` to the cursor, or joins with the previous line when `start` is nil.
    private mutating func deleteBackward(to start: EditorCursor?) -> EditorOutcome {
        if let start { return delete(start, cursor) }
        guard cursor.line > 0 else { return .moved }
        return delete(EditorCursor(line: cursor.line - 1, column: lines[cursor.line - 1].count), cursor)
    }

    private mutating func joinNext() -> EditorOutcome {
        guard cursor.line + 1 < lines.count else { return .moved }
        return delete(cursor, EditorCursor(line: cursor.line + 1, column: 0))
    }

    /// Deletes the text between two positions (`from` before `to`) and puts the cursor at `from`.
    private mutating func delete(_ from: EditorCursor, _ to: EditorCursor) -> EditorOutcome {
        guard from < to else { return .moved }
        if from.line == to.line {
            lines[from.line].removeSubrange(from.column..<to.column)
        } else {
            let tail = lines[to.line][to.column...]
            lines[from.line].removeSubrange(from.column...)
            lines[from.line].append(contentsOf: tail)
            lines.removeSubrange((from.line + 1)...to.line)
        }
        cursor = from
        goalColumn = nil
        return .edited
    }

    // MARK: Movement

    private mutating func moveHorizontally(_ delta: Int) {
        goalColumn = nil
        if delta < 0 {
            if cursor.column > 0 {
                cursor.column -= 1
            } else if cursor.line > 0 {
                cursor.line -= 1
                cursor.column = lines[cursor.line].count
            }
        } else {
            if cursor.column < lines[cursor.line].count {
                cursor.column += 1
            } else if cursor.line + 1 < lines.count {
                cursor.line += 1
                cursor.column = 0
            }
        }
    }

    private mutating func moveByWord(_ delta: Int) {
        goalColumn = nil
        let line = lines[cursor.line]
        if delta < 0 {
            if cursor.column == 0, cursor.line > 0 {
                cursor.line -= 1
                cursor.column = lines[cursor.line].count
            } else {
                cursor.column = TextTokens.previousWordStart(in: line, from: cursor.column)
            }
        } else {
            if cursor.column == line.count, cursor.line + 1 < lines.count {
                cursor.line += 1
                cursor.column = 0
            } else {
                cursor.column = TextTokens.nextWordEnd(in: line, from: cursor.column)
            }
        }
    }

    /// Moves by screen rows, aiming at the goal column; past the first (last) row, goes to the start (end).
    private mutating func moveVertically(_ rows: Int, width: Int) {
        let width = max(1, width)
        let parts = EditorWrap.rows(lines[cursor.line], width: width)
        let part = EditorWrap.part(of: cursor.column, in: parts)
        let goal = goalColumn
            ?? EditorWrap.cellWidth(of: lines[cursor.line][parts[part].lowerBound..<cursor.column])
        let here = EditorScroll(line: cursor.line, part: part)
        let target = advance(here, by: rows, width: width)
        if target == here {
            cursor.column = rows < 0 ? 0 : lines[cursor.line].count
            goalColumn = nil
            return
        }
        let targetParts = target.line == cursor.line ? parts : EditorWrap.rows(lines[target.line], width: width)
        let line = lines[target.line]
        let range = targetParts[target.part]
        let isLast = target.part == targetParts.count - 1
        cursor = EditorCursor(line: target.line, column: EditorWrap.column(at: goal, in: line, range: range, isLastRow: isLast))
        goalColumn = goal
    }

    /// A screen row `by` rows after (before, when negative) `position`, stopping at the first or last row.
    func advance(_ position: EditorScroll, by rows: Int, width: Int) -> EditorScroll {
        var line = position.line, part = position.part
        var remaining = abs(rows)
        if rows > 0 {
            var count = EditorWrap.rows(lines[line], width: width).count
            while remaining > 0 {
                if part + 1 < count {
                    let step = min(remaining, count - 1 - part)
                    part += step
                    remaining -= step
                } else if line + 1 < lines.count {
                    line += 1
                    part = 0
                    remaining -= 1
                    count = EditorWrap.rows(lines[line], width: width).count
                } else {
                    break
                }
            }
        } else {
            while remaining > 0 {
                if part > 0 {
                    let step = min(remaining, part)
                    part -= step
                    remaining -= step
                } else if line > 0 {
                    line -= 1
                    part = EditorWrap.rows(lines[line], width: width).count - 1
                    remaining -= 1
                } else {
                    break
                }
            }
        }
        return EditorScroll(line: line, part: part)
    }

    // MARK: Screen

    /// Where the cursor is on the wrapped text: its line's row index and display column.
    func cursorRow(width: Int) -> (part: Int, column: Int) {
        let parts = EditorWrap.rows(lines[cursor.line], width: width)
        let part = EditorWrap.part(of: cursor.column, in: parts)
        return (part, EditorWrap.cellWidth(of: lines[cursor.line][parts[part].lowerBound..<cursor.column]))
    }

    /// The scroll anchor clamped to the text as wrapped at `width`.
    func clampedScroll(width: Int) -> EditorScroll {
        let line = min(max(0, scroll.line), lines.count - 1)
        let count = EditorWrap.rows(lines[line], width: width).count
        return EditorScroll(line: line, part: min(max(0, scroll.part), count - 1))
    }

    /// Scrolls as little as needed to keep the cursor's row among the `height` visible rows.
    public mutating func scrollToCursor(width: Int, height: Int) {
        let width = max(1, width), height = max(1, height)
        viewHeight = height
        var top = clampedScroll(width: width)
        let here = EditorScroll(line: cursor.line, part: cursorRow(width: width).part)
        if (here.line, here.part) < (top.line, top.part) {
            scroll = here
            return
        }
        // Count the rows from the top to the cursor, giving up once they exceed the height.
        var rows = 0
        if top.line == here.line {
            rows = here.part - top.part + 1
        } else {
            rows = EditorWrap.rows(lines[top.line], width: width).count - top.part
            var line = top.line + 1
            while line < here.line, rows <= height {
                rows += EditorWrap.rows(lines[line], width: width).count
                line += 1
            }
            rows += here.part + 1
        }
        if rows > height {
            top = advance(here, by: -(height - 1), width: width)
        }
        scroll = top
    }

    /// The visible rows from the scroll anchor (at most `height`), sanitised for the screen, and where
    /// the cursor is among them (nil when it is not on a visible row). Call `scrollToCursor` first with the
    /// same width and height to keep the cursor in view.
    public func layout(width: Int, height: Int = .max) -> EditorLayout {
        let width = max(1, width)
        let top = clampedScroll(width: width)
        var rows: [EditorRow] = []
        var cursorPoint: EditorLayout.Point?
        var line = top.line
        var skip = top.part
        while rows.count < height, line < lines.count {
            let chars = lines[line]
            let parts = EditorWrap.rows(chars, width: width)
            let cursorPart = line == cursor.line ? EditorWrap.part(of: cursor.column, in: parts) : -1
            for (index, range) in parts.enumerated() where index >= skip {
                let cells = SafeText.line(String(chars[range]))
                if index == cursorPart {
                    cursorPoint = EditorLayout.Point(
                        row: rows.count, column: EditorWrap.cellWidth(of: chars[range.lowerBound..<cursor.column]))
                }
                rows.append(EditorRow(line: line, part: index, range: range, cells: cells, width: DisplayWidth.of(cells)))
                if rows.count >= height { break }
            }
            skip = 0
            line += 1
        }
        return EditorLayout(rows: rows, cursor: cursorPoint)
    }

    // MARK: Input normalisation

    /// A C0 control other than tab (a control is always a grapheme of its own, but for `\r\n`).
    static func isDroppedControl(_ c: Character) -> Bool {
        guard let byte = c.utf8.first, byte < 0x20 else { return false }
        return byte != 0x09
    }

    /// Splits text into lines of Characters at `\n`, `\r\n` and `\r`, optionally dropping C0 controls but tab.
    static func split(_ text: String, dropControls: Bool) -> [[Character]] {
        var out: [[Character]] = [[]]
        for c in text {
            if let byte = c.utf8.first, byte < 0x20 {
                if byte == 0x0A || byte == 0x0D {  // \n, \r, \r\n
                    out.append([])
                    continue
                }
                if dropControls, byte != 0x09 { continue }
            }
            out[out.count - 1].append(c)
        }
        return out
    }
}

/// One screen row of the editor: a piece of a logical line, ready to draw.
public struct EditorRow: Equatable, Sendable {
    /// The logical line and which of its wrapped rows this is.
    public let line: Int
    public let part: Int
    /// The Characters of the line shown in this row.
    public let range: Range<Int>
    /// What to draw: the row's text made safe (`SafeText`: controls and escapes as visible placeholders).
    public let cells: String
    /// Display width of `cells`, at most the layout width (unless one character is wider than the width).
    public let width: Int
}

/// What the editor shows: its visible rows and the cursor's place among them.
public struct EditorLayout: Equatable, Sendable {
    public struct Point: Equatable, Sendable {
        public let row: Int
        public let column: Int
    }

    public let rows: [EditorRow]
    /// The cursor's screen row (index into `rows`) and column in display cells; nil when scrolled away.
    public let cursor: Point?
}

/// Wrapping of one logical line by display width.
enum EditorWrap {
    /// Display cells a Character takes once made safe for the screen.
    static func cellWidth(of c: Character) -> Int { measure(c).width }

    /// Display cells a Character takes once made safe for the screen, and whether a row may break after it
    /// (whitespace). Printable ASCII is answered from its one byte: wrapping megabyte lines runs through here.
    @inline(__always)
    static func measure(_ c: Character) -> (width: Int, isSpace: Bool) {
        let utf8 = c.utf8
        if utf8.count == 1, let byte = utf8.first, byte >= 0x20, byte < 0x7F {
            return (1, byte == 0x20)
        }
        let scalars = c.unicodeScalars
        if scalars.count == 1, let s = scalars.first, SafeText.placeholder(for: s) == nil {
            return (DisplayWidth.of(c), c.isWhitespace)
        }
        return (DisplayWidth.of(SafeText.line(String(c))), c.isWhitespace)
    }

    static func cellWidth(of chars: ArraySlice<Character>) -> Int {
        chars.reduce(0) { $0 + cellWidth(of: $1) }
    }

    /// The rows of a line at `width` cells: broken after the last whitespace that fits, or anywhere inside a
    /// word longer than the row. A line always has one row; a line whose last row is exactly full gets one
    /// more, empty, row so the cursor at its end has a cell to stand in.
    static func rows(_ line: [Character], width: Int) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        var start = 0, used = 0
        var breakAt: Int?
        var usedAtBreak = 0
        var i = 0
        while i < line.count {
            let (w, isSpace) = measure(line[i])
            if used + w > width, i > start {
                if let b = breakAt, b > start {
                    rows.append(start..<b)
                    used -= usedAtBreak
                    start = b
                } else {
                    rows.append(start..<i)
                    used = 0
                    start = i
                }
                breakAt = nil
                continue
            }
            used += w
            i += 1
            if isSpace {
                breakAt = i
                usedAtBreak = used
            }
        }
        rows.append(start..<line.count)
        if used >= width, !line.isEmpty { rows.append(line.count..<line.count) }
        return rows
    }

    /// Which row holds the cursor at `column`: the row it is inside, or the last one at the line's end.
    static func part(of column: Int, in rows: [Range<Int>]) -> Int {
        // Rows are in order; a binary search keeps megabyte lines cheap.
        var lo = 0, hi = rows.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if rows[mid].lowerBound <= column { lo = mid } else { hi = mid - 1 }
        }
        // An empty last row starts at the end of the line; the cursor there belongs to it.
        return lo
    }

    /// The Character index in `range` under display column `goal`; past the row's end, its end (or its
    /// last character when the row is not the line's last, so the cursor stays on this row).
    static func column(at goal: Int, in line: [Character], range: Range<Int>, isLastRow: Bool) -> Int {
        var used = 0
        for i in range {
            let w = cellWidth(of: line[i])
            if used + w > goal { return i }
            used += w
        }
        return isLastRow || range.isEmpty ? range.upperBound : range.upperBound - 1
    }
}
