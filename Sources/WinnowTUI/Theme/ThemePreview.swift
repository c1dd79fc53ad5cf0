/// A sample line of a theme in ANSI escapes, for `winnow themes` (our own text, never an event's).
public enum ThemePreview {
    public static func line(_ theme: Theme, colors: Int) -> String {
        let samples: [(String, StyleRole)] = [
            ("▶ ‼S1 ✎ correction ", .listSelected), (" ‼S1 ", .severityS1), (" !S2 ", .severityS2), (" ·S3 ", .severityS3),
            (" ▼ thumbs_down ", .signalThumbsDown), (" ▲ thumbs_up ", .signalThumbsUp), (" ✗ tool failed ", .toolFailed),
            (" match ", .match), (" ␛ ", .placeholder), (" error ", .messageError),
        ]
        return samples.map { sgr(theme.style($0.1), colors: colors) + $0.0 + "\u{1B}[0m" }.joined()
    }

    static func sgr(_ style: Style, colors: Int) -> String {
        var codes: [String] = []
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.italic { codes.append("3") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if colors > 0 {
            let fg = style.foreground.downgraded(toColors: colors)
            let bg = style.background.downgraded(toColors: colors)
            if fg >= 0 { codes.append(fg < 8 ? "\(30 + fg)" : "38;5;\(fg)") }
            if bg >= 0 { codes.append(bg < 8 ? "\(40 + bg)" : "48;5;\(bg)") }
        }
        return "\u{1B}[" + (codes.isEmpty ? "0" : codes.joined(separator: ";")) + "m"
    }
}
