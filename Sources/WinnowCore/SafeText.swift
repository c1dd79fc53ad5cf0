/// Untrusted text made safe for a terminal, the one rule set for everything Winnow shows: the queue
/// (which measures display width on top of it) and every line the command-line tool prints.
/// Every control character (C0, DEL, C1), escape sequence introducer, bidi control and unassigned
/// or invisible scalar becomes a visible placeholder, so nothing from an event can move the cursor,
/// recolour the screen, reorder text or break the layout. Invalid UTF-8 never reaches it as such:
/// Swift decodes it to U+FFFD, which is shown as `�`.
public enum SafeText {
    /// Placeholder for bidi embedding/override/isolate controls.
    public static let bidiPlaceholder: Character = "⇆"
    /// Placeholder for characters the terminal cannot show (unassigned, private use, noncharacters).
    public static let unknownPlaceholder: Character = "�"
    /// The most combining marks kept on one base character (ncurses holds a few per cell).
    public static let maxCombiningMarks = 3

    /// Sanitises one line of text (newlines become `⏎`, tabs a space).
    public static func line(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            append(character, to: &out, newline: "⏎")
        }
        return out
    }

    /// Sanitises text that may hold several lines: returns its lines, each safe.
    public static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            if character == "\n" || character == "\r\n" {
                result.append(current)
                current = ""
            } else {
                append(character, to: &current, newline: "⏎")
            }
        }
        result.append(current)
        return result
    }

    /// Sanitises text for printing, keeping its line breaks (as `\n`); every line as `line` makes it.
    public static func text(_ text: String) -> String {
        lines(text).joined(separator: "\n")
    }

    /// JSON text made safe to print: every scalar `line` would replace becomes a `\uXXXX` escape,
    /// which JSON allows inside strings (where alone such scalars can occur), so the output is the
    /// same JSON value and nothing in it acts on a terminal. Line breaks between tokens are kept.
    public static func json(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            guard s != "\n", placeholder(for: s) != nil else {
                out.append(s)
                continue
            }
            for unit in String(s).utf16 {
                let hex = String(unit, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(out)
    }

    static func append(_ character: Character, to out: inout String, newline: Character) {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if scalars.count == 1 {
            out.append(contentsOf: placeholder(for: first) ?? String(character))
            return
        }
        // A cluster: keep the base and a bounded number of harmless marks.
        if let replacement = placeholder(for: first) {
            out.append(contentsOf: replacement)
            return
        }
        var kept = String.UnicodeScalarView()
        var marks = 0
        for s in scalars {
            if placeholder(for: s) != nil { continue }
            if s != first, s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark {
                marks += 1
                if marks > maxCombiningMarks { continue }
            }
            kept.append(s)
        }
        out.append(contentsOf: String(kept))
    }

    /// The visible stand-in for a scalar that must not reach the terminal, or nil when it is safe.
    public static func placeholder(for s: Unicode.Scalar) -> String? {
        let v = s.value
        switch v {
        case 0x09: return " "
        case 0x0A, 0x0D: return "⏎"
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + v)!) // ␀ … ␟, ␛ for ESC
        case 0x7F: return "␡"
        case 0x80...0x9F: return String(unknownPlaceholder) // C1 controls, CSI among them
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return String(bidiPlaceholder)
        case 0x2028, 0x2029: return "⏎"
        case 0xFFF9...0xFFFB, 0xFEFF: return ""
        default:
            switch s.properties.generalCategory {
            case .unassigned, .privateUse, .surrogate: return String(unknownPlaceholder)
            case .format where v != 0x200D && v != 0x200C && !(0xE0020...0xE007F).contains(v): return ""
            default: return nil
            }
        }
    }
}

extension SafeText {
    /// Whether a scalar in sanitised text is one of the placeholders this type inserts.
    public static func isPlaceholder(_ s: Unicode.Scalar) -> Bool {
        (0x2400...0x2421).contains(s.value) || s == "⇆" || s == "�"
    }
}
