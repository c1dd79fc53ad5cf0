/// Cutting and wrapping safe text by display width.
public enum TextLayout {
    /// The longest prefix of `text` that fits in `width` columns, with `…` when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let w = DisplayWidth.of(c)
            if used + w > width {
                guard ellipsis else { return out }
                // Make room for the ellipsis.
                while used + 1 > width, let last = out.last {
                    used -= DisplayWidth.of(last)
                    out.removeLast()
                }
                return out + "…"
            }
            out.append(c)
            used += w
            index = text.index(after: index)
        }
        return out
    }

    /// What fits of `text` in `width` columns, for drawing: cut with `…` when anything but
    /// trailing spaces is left out (spaces that pad a cell lose nothing). Reads only as far as
    /// the width, so a megabyte line costs no more than a short one.
    public static func clip(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        // No character is wider than its UTF-8 bytes, so text with no more bytes than columns
        // fits as it is: most cells are such, and every drawn text comes through here.
        if text.utf8.count <= width { return text }
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let w = DisplayWidth.of(text[index])
            if used + w > width {
                let rest = text[index...]
                return rest.allSatisfy({ $0 == " " }) ? String(text[..<index]) : truncate(text, to: width)
            }
            used += w
            index = text.index(after: index)
        }
        return text
    }

    /// Pads with spaces (or cuts) to exactly `width` columns.
    public static func fit(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        let w = DisplayWidth.of(cut)
        return w < width ? cut + String(repeating: " ", count: width - w) : cut
    }

    public static func padLeft(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        let w = DisplayWidth.of(cut)
        return w < width ? String(repeating: " ", count: width - w) + cut : cut
    }

    /// Wraps already-safe lines to `width` columns, at spaces where possible, hard-breaking long words.
    /// Stops after `limit` lines (megabyte texts never need more than what can be scrolled to).
    public static func wrap(_ lines: [String], width: Int, limit: Int = 200_000) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for line in lines {
            if out.count >= limit { break }
            if line.isEmpty { out.append(""); continue }
            var current: [Character] = []
            var currentWidth = 0
            var lastSpace: Int?
            for c in line {
                let w = DisplayWidth.of(c)
                if currentWidth + w > width {
                    if let space = lastSpace, space > 0 {
                        out.append(String(current[..<space]))
                        current = Array(current[(space + 1)...])
                        currentWidth = current.reduce(0) { $0 + DisplayWidth.of($1) }
                    } else {
                        out.append(String(current))
                        current = []
                        currentWidth = 0
                    }
                    lastSpace = nil
                    if out.count >= limit { break }
                }
                if c == " " { lastSpace = current.count }
                current.append(c)
                currentWidth += w
            }
            out.append(String(current))
        }
        return out
    }

    /// Wraps one already-safe line to `width` columns with a hanging indent: the lines after the
    /// first start `indent` columns in, under the text rather than at the border.
    public static func wrap(_ line: String, width: Int, hangingIndent indent: Int) -> [String] {
        guard let first = wrap([line], width: width).first else { return [] }
        let indent = min(max(0, indent), width / 2)
        var rest = String(line.dropFirst(first.count))
        // The break the wrap made at a space: that space starts no line.
        if rest.first == " " { rest.removeFirst() }
        guard !rest.isEmpty else { return [first] }
        let pad = String(repeating: " ", count: indent)
        return [first] + wrap([rest], width: width - indent).map { pad + $0 }
    }
}
