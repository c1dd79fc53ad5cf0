import XCTest
@testable import WinnowTUI

/// The paste reader against input that arrives in timed pieces, as from a real terminal: each piece
/// is delivered `afterMilliseconds` after the previous one, and a read waits at most its timeout.
final class BracketedPasteReaderTests: XCTestCase {
    /// Raw input on a virtual clock, so pauses cost no real time.
    final class TimedInput {
        private var pieces: [(due: Int, inputs: [TerminalInput])] = []
        private var now = 0

        init(_ pieces: [(afterMilliseconds: Int, text: String)]) {
            var due = 0
            for piece in pieces {
                due += piece.afterMilliseconds
                self.pieces.append((due, piece.text.map { .key(BracketedPasteReader.key(for: $0)) }))
            }
        }

        var isExhausted: Bool { pieces.allSatisfy(\.inputs.isEmpty) }

        func read(_ timeout: Int) -> TerminalInput? {
            while let first = pieces.first, first.inputs.isEmpty { pieces.removeFirst() }
            guard var first = pieces.first else {
                now += timeout
                return nil
            }
            guard first.due <= now + timeout else {
                now += timeout
                return nil
            }
            now = max(now, first.due)
            let input = first.inputs.removeFirst()
            pieces[0] = first
            return input
        }
    }

    /// Everything the reader delivers until the input runs dry, reading as the terminal loop does.
    func decode(_ pieces: [(afterMilliseconds: Int, text: String)]) -> [TerminalInput] {
        let input = TimedInput(pieces)
        var reader = BracketedPasteReader()
        var delivered: [TerminalInput] = []
        while true {
            if let next = reader.next(timeoutMilliseconds: 250, read: input.read) {
                delivered.append(next)
            } else if input.isExhausted {
                return delivered
            }
        }
    }

    func keys(_ text: String) -> [TerminalInput] { text.map { .key(BracketedPasteReader.key(for: $0)) } }

    let start = "\u{1B}[200~"
    let end = "\u{1B}[201~"

    func testAWholePasteIsOneInput() {
        XCTAssertEqual(decode([(0, "a\(start)hello world\(end)b")]), [.key(Key("a")), .paste("hello world"), .key(Key("b"))])
    }

    func testAStartMarkerSplitAnywhereIsStillAPaste() {
        let marker = Array(start)
        for split in 1..<marker.count {
            // A pause longer than ncurses' Esc delay (25 ms) but shorter than the reader's wait.
            let pieces: [(Int, String)] = [(0, String(marker[..<split])), (60, String(marker[split...]) + "pasted\(end)x")]
            XCTAssertEqual(decode(pieces), [.paste("pasted"), .key(Key("x"))], "start marker split after \(split) bytes")
        }
    }

    func testAStartMarkerInThreePiecesWithPausesIsStillAPaste() {
        let pieces: [(Int, String)] = [(0, "\u{1B}"), (90, "[2"), (90, "00"), (90, "~text\(end)")]
        XCTAssertEqual(decode(pieces), [.paste("text")])
    }

    func testAnEndMarkerSplitAnywhereEndsThePaste() {
        let marker = Array(end)
        for split in 1..<marker.count {
            let pieces: [(Int, String)] = [(0, "\(start)body" + String(marker[..<split])), (400, String(marker[split...]) + "q")]
            XCTAssertEqual(decode(pieces), [.paste("body"), .key(Key("q"))], "end marker split after \(split) bytes")
        }
    }

    func testEscapesInsideAPasteAreText() {
        XCTAssertEqual(decode([(0, "\(start)a\u{1B}b\u{1B}\u{1B}[20x\(end)")]), [.paste("a\u{1B}b\u{1B}\u{1B}[20x")])
        // An Esc right before the end marker: the marker is found all the same.
        XCTAssertEqual(decode([(0, "\(start)tail\u{1B}\(end)k")]), [.paste("tail\u{1B}"), .key(Key("k"))])
    }

    func testALoneEscIsAKeyOnceTheWaitIsOver() {
        XCTAssertEqual(decode([(0, "\u{1B}"), (500, "j")]), [.key(Key("esc")), .key(Key("j"))])
    }

    func testEscFollowedByOtherKeysDeliversThemAllInOrder() {
        XCTAssertEqual(decode([(0, "\u{1B}[2x")]), keys("\u{1B}[2x"))
        XCTAssertEqual(decode([(0, "\u{1B}"), (500, "[2x")]), keys("\u{1B}[2x"))
        XCTAssertEqual(decode([(0, "\u{1B}[2"), (500, "x")]), keys("\u{1B}[2x"))
        XCTAssertEqual(decode([(0, "\u{1B}[20"), (1_500, "0~")]), keys("\u{1B}[200~"),
                       "pieces further apart than a paste's pause are keys, as typed")
    }

    func testAStartMarkerPausedLongerThanTheWaitStillMakesTheTextAPaste() {
        // The Esc has gone out as a key by then, but the text must never be read as commands.
        for split in 1..<Array(start).count {
            let marker = Array(start)
            let pieces: [(Int, String)] = [(0, String(marker[..<split])), (300, String(marker[split...]) + "signal:csat\(end)x")]
            XCTAssertEqual(decode(pieces), [.key(Key("esc")), .paste("signal:csat"), .key(Key("x"))], "start marker paused after \(split) bytes")
        }
    }

    func testAnEscBeforeAStartMarkerIsAKeyAndThePasteFollows() {
        XCTAssertEqual(decode([(0, "\u{1B}\(start)p\(end)")]), [.key(Key("esc")), .paste("p")])
    }

    func testAPasteWhoseEndNeverComesEndsAfterAPause() {
        XCTAssertEqual(decode([(0, "\(start)half\u{1B}[20"), (5_000, "j")]), [.paste("half\u{1B}[20"), .key(Key("j"))])
    }

    func testAResizeDuringAPasteComesAfterIt() {
        let input = TimedInput([(0, "\(start)ab")])
        var extra: [TerminalInput] = [.resize(width: 90, height: 30)] + keys("c\(end)")
        var reader = BracketedPasteReader()
        let read: (Int) -> TerminalInput? = { timeout in
            if let next = input.read(timeout) { return next }
            return extra.isEmpty ? nil : extra.removeFirst()
        }
        var delivered: [TerminalInput] = []
        while let next = reader.next(timeoutMilliseconds: 0, read: read) { delivered.append(next) }
        XCTAssertEqual(delivered, [.paste("abc"), .resize(width: 90, height: 30)])
    }
}
