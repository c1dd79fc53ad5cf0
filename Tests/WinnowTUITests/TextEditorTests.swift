import XCTest
@testable import WinnowTUI

final class TextEditorTests: XCTestCase {
    override func setUp() {
        super.setUp()
        setlocale(LC_ALL, "C.UTF-8")
    }

    /// Applies keys by name ("a", "space", "enter", …) at a width; returns the last outcome.
    @discardableResult
    func press(_ editor: inout TextEditor, _ keys: [String], width: Int = 80) -> EditorOutcome {
        var outcome = EditorOutcome.ignored
        for key in keys { outcome = editor.apply(Key(key), width: width) }
        return outcome
    }

    func type(_ editor: inout TextEditor, _ text: String) {
        for c in text { press(&editor, [c == " " ? "space" : String(c)]) }
    }

    func at(_ line: Int, _ column: Int) -> EditorCursor { EditorCursor(line: line, column: column) }

    func testTyping() {
        var editor = TextEditor(text: "")
        XCTAssertEqual(editor.lines, [[]])
        type(&editor, "Hi there")
        XCTAssertEqual(editor.text, "Hi there")
        XCTAssertEqual(editor.cursor, at(0, 8))
        XCTAssertEqual(press(&editor, ["left", "left", "left", "left", "left", "left"]), .moved)
        type(&editor, "!")
        XCTAssertEqual(editor.text, "Hi! there")
        XCTAssertEqual(press(&editor, ["é"]), .edited)
        XCTAssertEqual(press(&editor, ["tab"]), .edited)
        XCTAssertEqual(editor.text, "Hi!é   there", "tab types two spaces")
    }

    func testKeysTheEditorDoesNotHandleAreIgnored() {
        var editor = TextEditor(text: "x")
        for key in ["ctrl-s", "esc", "f1", "backtab", "insert", "ctrl-r"] {
            XCTAssertEqual(editor.apply(Key(key), width: 80), .ignored, key)
        }
        XCTAssertEqual(editor.text, "x")
        XCTAssertEqual(press(&editor, ["left", "left"]), .moved, "a handled key that changes nothing is not ignored")
        XCTAssertEqual(press(&editor, ["backspace"]), .moved)
    }

    func testNewlineSplitsAndBackspaceOrDeleteJoin() {
        var editor = TextEditor(text: "abcdef")
        press(&editor, ["right", "right", "right"])
        XCTAssertEqual(press(&editor, ["enter"]), .edited)
        XCTAssertEqual(editor.text, "abc\ndef")
        XCTAssertEqual(editor.cursor, at(1, 0))
        XCTAssertEqual(press(&editor, ["backspace"]), .edited)
        XCTAssertEqual(editor.text, "abcdef")
        XCTAssertEqual(editor.cursor, at(0, 3))
        press(&editor, ["enter", "up", "end"])
        XCTAssertEqual(editor.cursor, at(0, 3))
        XCTAssertEqual(press(&editor, ["delete"]), .edited)
        XCTAssertEqual(editor.text, "abcdef")
        XCTAssertEqual(editor.cursor, at(0, 3))
        press(&editor, ["end"])
        XCTAssertEqual(press(&editor, ["delete"]), .moved, "nothing after the last line")
        press(&editor, ["home"])
        XCTAssertEqual(press(&editor, ["backspace"]), .moved, "nothing before the first line")
    }

    func testCursorByCharacterAcrossLines() {
        var editor = TextEditor(text: "ab\ncd")
        press(&editor, ["right", "right", "right"])
        XCTAssertEqual(editor.cursor, at(1, 0))
        press(&editor, ["left"])
        XCTAssertEqual(editor.cursor, at(0, 2))
        press(&editor, ["down", "end", "right"])
        XCTAssertEqual(editor.cursor, at(1, 2), "stays at the very end")
        editor.moveCursor(to: at(9, 9))
        XCTAssertEqual(editor.cursor, at(1, 2), "clamped")
    }

    func testWordMovement() {
        var editor = TextEditor(text: "foo, bar  baz\n東京は 晴れ")
        press(&editor, ["ctrl-right"])
        XCTAssertEqual(editor.cursor, at(0, 3))
        press(&editor, ["ctrl-right"])
        XCTAssertEqual(editor.cursor, at(0, 8))
        press(&editor, ["ctrl-right", "ctrl-right"])
        XCTAssertEqual(editor.cursor, at(1, 0), "from the end of a line to the next")
        press(&editor, ["ctrl-right", "ctrl-right"])
        XCTAssertEqual(editor.cursor, at(1, 2), "each CJK character is a word")
        press(&editor, ["ctrl-right", "ctrl-right"])
        XCTAssertEqual(editor.cursor, at(1, 5))
        press(&editor, ["ctrl-left"])
        XCTAssertEqual(editor.cursor, at(1, 4))
        press(&editor, ["ctrl-left", "ctrl-left", "ctrl-left", "ctrl-left"])
        XCTAssertEqual(editor.cursor, at(0, 13), "from the start of a line to the end of the previous")
        press(&editor, ["ctrl-left"])
        XCTAssertEqual(editor.cursor, at(0, 10))
    }

    func testHomeAndEnd() {
        var editor = TextEditor(text: "one two\nthree")
        press(&editor, ["end"])
        XCTAssertEqual(editor.cursor, at(0, 7))
        press(&editor, ["home"])
        XCTAssertEqual(editor.cursor, at(0, 0))
        press(&editor, ["down", "ctrl-e"])
        XCTAssertEqual(editor.cursor, at(1, 5))
        press(&editor, ["ctrl-a"])
        XCTAssertEqual(editor.cursor, at(1, 0))
    }

    func testUpDownAcrossWrappedRowsKeepTheGoalColumn() {
        // Width 5: "aaaa " / "bbbb " / "cccc", then a short line, then a long one.
        var editor = TextEditor(text: "aaaa bbbb cccc\nxy\nabcdefgh")
        press(&editor, ["right", "right"], width: 5)
        press(&editor, ["down"], width: 5)
        XCTAssertEqual(editor.cursor, at(0, 7), "next screen row of the same line")
        press(&editor, ["down"], width: 5)
        XCTAssertEqual(editor.cursor, at(0, 12))
        press(&editor, ["down"], width: 5)
        XCTAssertEqual(editor.cursor, at(1, 2), "a short line: its end")
        press(&editor, ["down"], width: 5)
        XCTAssertEqual(editor.cursor, at(2, 2), "the goal column comes back")
        press(&editor, ["up", "up"], width: 5)
        XCTAssertEqual(editor.cursor, at(0, 12))
        // Past the end of a wrapped row the cursor stays on that row: "aaaa " / "bb " / "cccc".
        var short = TextEditor(text: "aaaa bb cccc")
        short.moveCursor(to: at(0, 11))
        press(&short, ["up"], width: 5)
        XCTAssertEqual(short.cursor, at(0, 7), "the last cell of the row above, not the next row's start")
        XCTAssertEqual(short.layout(width: 5).cursor, EditorLayout.Point(row: 1, column: 2))
        press(&short, ["down"], width: 5)
        XCTAssertEqual(short.cursor, at(0, 11), "the goal column comes back")
        // At the first row up goes to the start; at the last row down goes to the end.
        editor.moveCursor(to: at(0, 2))
        press(&editor, ["up"], width: 5)
        XCTAssertEqual(editor.cursor, at(0, 0))
        editor.moveCursor(to: at(2, 1))
        press(&editor, ["down"], width: 80)
        XCTAssertEqual(editor.cursor, at(2, 8))
    }

    func testWideCharactersWrapAndPlaceTheCursor() {
        let editor = TextEditor(text: "日本語テキスト")
        XCTAssertEqual(EditorWrap.rows(editor.lines[0], width: 6), [0..<3, 3..<6, 6..<7])
        XCTAssertEqual(EditorWrap.rows(editor.lines[0], width: 5), [0..<2, 2..<4, 4..<6, 6..<7],
                       "a wide character never straddles the edge")
        var end = editor
        press(&end, ["end"])
        let layout = end.layout(width: 5)
        XCTAssertEqual(layout.rows.map(\.cells), ["日本", "語テ", "キス", "ト"])
        XCTAssertEqual(layout.rows.map(\.width), [4, 4, 4, 2])
        XCTAssertEqual(layout.cursor, EditorLayout.Point(row: 3, column: 2))

        var emoji = TextEditor(text: "ab👍🏽cd👨‍👩‍👧")
        XCTAssertEqual(emoji.lines[0].count, 6, "emoji sequences are one character each")
        XCTAssertEqual(emoji.layout(width: 3).rows.map(\.cells), ["ab", "👍🏽c", "d👨‍👩‍👧", ""])
        emoji.moveCursor(to: at(0, 3))
        XCTAssertEqual(emoji.layout(width: 3).cursor, EditorLayout.Point(row: 1, column: 2))
        press(&emoji, ["right"], width: 3)
        XCTAssertEqual(emoji.layout(width: 3).cursor, EditorLayout.Point(row: 2, column: 0))

        // The goal column lands on the wide character that covers it.
        var mixed = TextEditor(text: "abcdef\n日本語")
        mixed.moveCursor(to: at(0, 3))
        press(&mixed, ["down"])
        XCTAssertEqual(mixed.cursor, at(1, 1))
        XCTAssertEqual(mixed.layout(width: 80).cursor, EditorLayout.Point(row: 1, column: 2))
        press(&mixed, ["up"])
        XCTAssertEqual(mixed.cursor, at(0, 3), "the goal column is kept")
    }

    func testAFullRowLeavesRoomForTheCursor() {
        var editor = TextEditor(text: "abcde\nx")
        XCTAssertEqual(EditorWrap.rows(editor.lines[0], width: 5), [0..<5, 5..<5])
        press(&editor, ["end"], width: 5)
        let layout = editor.layout(width: 5)
        XCTAssertEqual(layout.rows.map(\.cells), ["abcde", "", "x"])
        XCTAssertEqual(layout.cursor, EditorLayout.Point(row: 1, column: 0))
    }

    func testControlCharactersAreShownAsPlaceholders() {
        let editor = TextEditor(text: "red \u{1B}[31mtext\u{07} \u{202E}rtl\tend")
        XCTAssertEqual(editor.text, "red \u{1B}[31mtext\u{07} \u{202E}rtl\tend", "the model keeps the text as it came")
        let cells = editor.layout(width: 80).rows[0].cells
        XCTAssertEqual(cells, "red ␛[31mtext␇ ⇆rtl end")
        XCTAssertFalse(cells.unicodeScalars.contains { $0.value < 0x20 || (0x80...0x9F).contains($0.value) })
    }

    func testPasteNormalisesNewlinesAndDropsControls() {
        var editor = TextEditor(text: "[]")
        press(&editor, ["right"])
        editor.insert("one\r\ntwo\rthree\nfour")
        XCTAssertEqual(editor.lines.map { String($0) }, ["[one", "two", "three", "four]"])
        XCTAssertEqual(editor.cursor, at(3, 4))
        editor.insert("\u{1B}[31mx\u{00}y\tz\u{9B}")
        XCTAssertEqual(editor.lines[3].map(String.init).joined(), "four[31mxy\tz\u{9B}]",
                       "C0 controls but tab are dropped, the rest kept")
        XCTAssertTrue(editor.layout(width: 80).rows[3].cells.hasSuffix("[31mxy z�]"))
        let initial = TextEditor(text: "a\r\nb\rc")
        XCTAssertEqual(initial.text, "a\nb\nc")
        XCTAssertFalse(initial.isModified, "normalised newlines alone are no change")
    }

    func testMegabytePaste() {
        let line = String(repeating: "lorem ipsum 東京 ", count: 3) + "\r\n"
        let paste = String(repeating: line, count: 1_048_576 / line.utf8.count + 1)
        XCTAssertGreaterThan(paste.utf8.count, 1_048_576)
        var editor = TextEditor(text: "before  after")
        press(&editor, ["right", "right", "right", "right", "right", "right", "right"])
        editor.insert(paste)
        let pastedLines = paste.utf8.count / line.utf8.count
        XCTAssertEqual(editor.lines.count, pastedLines + 1)
        XCTAssertEqual(editor.cursor, at(pastedLines, 0))
        XCTAssertEqual(String(editor.lines.last!), " after")
        editor.scrollToCursor(width: 80, height: 24)
        let layout = editor.layout(width: 80, height: 24)
        XCTAssertEqual(layout.rows.count, 24)
        XCTAssertEqual(layout.cursor, EditorLayout.Point(row: 23, column: 0))

        // One megabyte on one line.
        var single = TextEditor(text: "")
        single.insert(String(repeating: "abcdefghi ", count: 104_858))
        XCTAssertEqual(single.lines.count, 1)
        single.scrollToCursor(width: 80, height: 24)
        XCTAssertEqual(single.layout(width: 80, height: 24).cursor?.row, 23)
    }

    func testIsModified() {
        var editor = TextEditor(text: "draft")
        XCTAssertFalse(editor.isModified)
        press(&editor, ["end"])
        XCTAssertFalse(editor.isModified)
        type(&editor, "s")
        XCTAssertTrue(editor.isModified)
        press(&editor, ["backspace"])
        XCTAssertFalse(editor.isModified, "back to the initial text")
    }

    func testKillKeys() {
        var editor = TextEditor(text: "keep this, drop that\nnext")
        editor.moveCursor(to: at(0, 10))
        XCTAssertEqual(press(&editor, ["ctrl-k"]), .edited)
        XCTAssertEqual(editor.text, "keep this,\nnext")
        press(&editor, ["ctrl-k"])
        XCTAssertEqual(editor.text, "keep this,next", "at the end of a line ctrl-k joins the next")
        XCTAssertEqual(press(&editor, ["ctrl-w"]), .edited)
        XCTAssertEqual(editor.text, "keep next", "ctrl-w deletes the word and separators before the cursor")
        XCTAssertEqual(editor.cursor, at(0, 5))
        XCTAssertEqual(press(&editor, ["ctrl-u"]), .edited)
        XCTAssertEqual(editor.text, "next")
        XCTAssertEqual(editor.cursor, at(0, 0))
        XCTAssertEqual(press(&editor, ["ctrl-u"]), .moved)

        var cjk = TextEditor(text: "東京は")
        press(&cjk, ["end", "ctrl-w"])
        XCTAssertEqual(cjk.text, "東京")
    }

    func testScrollToCursor() {
        var editor = TextEditor(text: (0..<50).map { "line \($0)" }.joined(separator: "\n"))
        editor.scrollToCursor(width: 20, height: 10)
        XCTAssertEqual(editor.scroll, EditorScroll(line: 0, part: 0))
        editor.moveCursor(to: at(20, 0))
        editor.scrollToCursor(width: 20, height: 10)
        XCTAssertEqual(editor.scroll, EditorScroll(line: 11, part: 0), "the cursor's row becomes the last visible")
        var layout = editor.layout(width: 20, height: 10)
        XCTAssertEqual(layout.rows.count, 10)
        XCTAssertEqual(layout.rows.first?.cells, "line 11")
        XCTAssertEqual(layout.cursor, EditorLayout.Point(row: 9, column: 0))
        editor.moveCursor(to: at(15, 0))
        editor.scrollToCursor(width: 20, height: 10)
        XCTAssertEqual(editor.scroll, EditorScroll(line: 11, part: 0), "no scrolling while the cursor is visible")
        editor.moveCursor(to: at(5, 2))
        editor.scrollToCursor(width: 20, height: 10)
        XCTAssertEqual(editor.scroll, EditorScroll(line: 5, part: 0))
        layout = editor.layout(width: 20, height: 10)
        XCTAssertEqual(layout.cursor, EditorLayout.Point(row: 0, column: 2))
        // Wrapped rows count: "line 5" is three rows at width 3 ("lin", "e 5" and, as that is full, "").
        editor.moveCursor(to: at(7, 0))
        editor.scrollToCursor(width: 3, height: 4)
        XCTAssertEqual(editor.scroll, EditorScroll(line: 6, part: 0))
        // A cursor scrolled away has no screen position.
        editor.moveCursor(to: at(40, 0))
        XCTAssertNil(editor.layout(width: 20, height: 10).cursor)
    }

    func testPageKeys() {
        var editor = TextEditor(text: (0..<30).map { "\($0)" }.joined(separator: "\n"))
        press(&editor, ["right"])
        editor.scrollToCursor(width: 20, height: 10)
        press(&editor, ["pgdn"])
        XCTAssertEqual(editor.cursor, at(9, 1))
        XCTAssertEqual(editor.apply(Key("pgdn"), width: 20, height: 5), .moved)
        XCTAssertEqual(editor.cursor, at(13, 1))
        press(&editor, ["pgup", "pgup"])
        XCTAssertEqual(editor.cursor, at(0, 1), "stops at the first row")
        press(&editor, ["pgup"])
        XCTAssertEqual(editor.cursor, at(0, 0), "then goes to its start")
    }
}
