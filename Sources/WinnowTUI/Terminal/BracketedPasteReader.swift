/// Bracketed paste in the terminal's input: ESC [ 2 0 0 ~ text ESC [ 2 0 1 ~ becomes one `.paste`.
/// Either marker may arrive in pieces, split anywhere across reads with pauses between them (a
/// slow link, a terminal that writes in chunks), so the reader waits a little for the rest of a
/// marker instead of assuming it has all arrived.
struct BracketedPasteReader {
    /// How long to wait for each further piece of a start marker begun by Esc. It is also how much
    /// later a lone Esc key takes effect.
    static let markerWaitMilliseconds = 100
    /// A paste whose end marker never comes ends after this long without input.
    static let pasteIdleMilliseconds = 1000

    static let startMarker: [TerminalInput] = ["\u{1B}", "[", "2", "0", "0", "~"].map { .key(key(for: $0)) }
    static let endMarker: [Character] = ["\u{1B}", "[", "2", "0", "1", "~"]

    /// Inputs read ahead (the pieces of what looked like a marker but was not), delivered before new ones.
    private var unread: [TerminalInput] = []
    /// A start marker stopped coming part way (a pause longer than the wait), so its Esc went out
    /// as a key. Should the rest still come, the text after it is a paste all the same: read as
    /// keys, pasted text would run commands (an `a` in it accepting a correction).
    private var markerCutShort = false

    /// The next input: a key, a resize, or a whole paste. `read` is the raw input source (nil when
    /// nothing arrived within the timeout, in milliseconds).
    mutating func next(timeoutMilliseconds: Int, read: (Int) -> TerminalInput?) -> TerminalInput? {
        guard let first = pull(timeoutMilliseconds, read) else { return nil }
        let resuming = markerCutShort && first == Self.startMarker[1]
        markerCutShort = false
        guard first == Self.startMarker[0] || resuming else { return first }
        // The Esc of a marker resumed here has already been delivered; the rest may still be slow.
        let marker = resuming ? Array(Self.startMarker.dropFirst()) : Self.startMarker
        let wait = resuming ? Self.pasteIdleMilliseconds : Self.markerWaitMilliseconds
        var seen = [first]
        var timedOut = false
        while seen.count < marker.count {
            guard let piece = pull(wait, read) else {
                timedOut = true
                break
            }
            seen.append(piece)
            guard piece == marker[seen.count - 1] else { break }
        }
        if seen == marker { return .paste(readPaste(read)) }
        // Not a marker (yet): Esc was a key, and what followed is read again (it may start a marker itself).
        markerCutShort = timedOut && !resuming
        unread.insert(contentsOf: seen.dropFirst(), at: 0)
        return first
    }

    private mutating func pull(_ timeoutMilliseconds: Int, _ read: (Int) -> TerminalInput?) -> TerminalInput? {
        unread.isEmpty ? read(timeoutMilliseconds) : unread.removeFirst()
    }

    /// Pasted text up to the end marker (or a pause of `pasteIdleMilliseconds`, should it never come).
    private mutating func readPaste(_ read: (Int) -> TerminalInput?) -> String {
        var text = ""
        // The longest tail of what was read that could begin the end marker.
        var pendingMarker: [Character] = []
        var afterPaste: [TerminalInput] = []
        while let input = pull(Self.pasteIdleMilliseconds, read) {
            guard case .key(let key) = input else {
                afterPaste.append(input)
                continue
            }
            guard let character = Self.character(typedBy: key) else { continue }
            pendingMarker.append(character)
            while !pendingMarker.isEmpty, !Self.endMarker.starts(with: pendingMarker) {
                text.append(pendingMarker.removeFirst())
            }
            if pendingMarker.count == Self.endMarker.count { break }
        }
        unread += afterPaste
        return pendingMarker.count == Self.endMarker.count ? text : text + String(pendingMarker)
    }

    static func character(typedBy key: Key) -> Character? {
        switch key.name {
        case "esc": "\u{1B}"
        case "enter": "\n"
        case "tab": "\t"
        case "backspace": "\u{7F}"
        default: key.character
        }
    }

    static func key(for character: Character) -> Key {
        character == "\u{1B}" ? Key("esc") : Key(String(character))
    }
}
