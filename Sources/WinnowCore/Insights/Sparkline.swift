/// Daily counts drawn as one character per day, scaled to the busiest day: ▁▂▃▄▅▆▇█ (a day with
/// no events is a space, so a gap shows as one), or ` .:-=+*#` for a terminal without UTF-8.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = [".", ":", "-", "=", "+", "*", "#", "@"]

    public static func render(_ values: [Int], ascii: Bool = false) -> String {
        let levels = ascii ? asciiLevels : blocks
        let top = values.max() ?? 0
        return String(values.map { value -> Character in
            guard value > 0, top > 0 else { return " " }
            // The busiest day is the full block; any day with events is at least the lowest one.
            return levels[value * (levels.count - 1) / top]
        })
    }

    /// Whether the environment's locale (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them) is UTF-8.
    public static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
}
