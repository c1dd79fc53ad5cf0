import WinnowCore

/// The screen as presentation produces it: a fixed-size grid of cells, each one display column,
/// holding a grapheme (or the right half of a wide one) and a semantic style role.
public struct CellGrid: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        public var character: Character
        public var role: StyleRole
        /// The right half of a double-width character drawn in the cell to its left.
        public var isContinuation: Bool

        public static let blank = Cell(character: " ", role: .base, isContinuation: false)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's real cursor goes (the selected row), so screen readers follow the selection.
    public var cursor: (row: Int, column: Int)? {
        get { cursorPosition.map { (row: $0[0], column: $0[1]) } }
        set { cursorPosition = newValue.map { [$0.row, $0.column] } }
    }
    private var cursorPosition: [Int]?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Fills a rectangle with blanks of `role`.
    public mutating func fill(row: Int, column: Int = 0, width w: Int? = nil, height h: Int = 1, role: StyleRole) {
        let w = w ?? width - column
        for r in max(0, row)..<min(height, row + h) {
            for c in max(0, column)..<min(width, column + w) {
                cells[r * width + c] = Cell(character: " ", role: role, isContinuation: false)
            }
        }
    }

    /// Draws already-safe text from (row, column) within `limit` columns (or to the grid's edge).
    /// Returns the column after the last drawn cell. Text that does not fit is cut with `…`
    /// (`TextLayout.clip`), so a reader always sees that something was cut; only trailing spaces
    /// are dropped silently. A wide character never straddles the edge, so the layout never shifts.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, role: StyleRole, limit: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let end = min(width, column + (limit ?? width))
        var c = column
        for character in TextLayout.clip(text, to: end - column) {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if c >= 0 {
                cells[row * width + c] = Cell(character: character, role: role, isContinuation: false)
                if w == 2 { cells[row * width + c + 1] = Cell(character: " ", role: role, isContinuation: true) }
            }
            c += w
        }
        return c
    }

    /// Draws untrusted text: sanitised first, and placeholders styled with `.placeholder` so they stand out.
    @discardableResult
    public mutating func putUntrusted(_ text: String, row: Int, column: Int, role: StyleRole, limit: Int? = nil) -> Int {
        put(SafeText.line(text), row: row, column: column, role: role, limit: limit, highlightPlaceholders: true)
    }

    @discardableResult
    mutating func put(_ safe: String, row: Int, column: Int, role: StyleRole, limit: Int?, highlightPlaceholders: Bool) -> Int {
        guard highlightPlaceholders, safe.unicodeScalars.contains(where: { SafeText.isPlaceholder($0) }) else {
            return put(safe, row: row, column: column, role: role, limit: limit)
        }
        let end = min(width, column + (limit ?? width))
        var c = column
        for character in TextLayout.clip(safe, to: end - column) {
            let isPlaceholder = character.unicodeScalars.count == 1 && SafeText.isPlaceholder(character.unicodeScalars.first!)
            c = put(String(character), row: row, column: c, role: isPlaceholder ? .placeholder : role, limit: end - c)
        }
        return c
    }

    /// The text of each row, continuation cells omitted: what a terminal would show.
    public var lines: [String] {
        (0..<height).map { r in
            var line = ""
            for c in 0..<width where !self[r, c].isContinuation { line.append(self[r, c].character) }
            return line
        }
    }

    public static func == (lhs: CellGrid, rhs: CellGrid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells && lhs.cursorPosition == rhs.cursorPosition
    }
}
