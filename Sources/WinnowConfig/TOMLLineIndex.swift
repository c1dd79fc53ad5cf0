/// Where each table and key of a TOML text is, by its path (`rubric[1].dimension[0].scale`).
///
/// TOMLKit gives no source positions for values, and searching for a name's first occurrence
/// points at the wrong place once the same name (`faithfulness`, `scale`) appears in several
/// `[[rubric]]` entries; this follows the table headers so an error can name its exact line.
struct TOMLLineIndex {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var arrayCounts: [String: Int] = [:]
        var table = ""
        var state = ScanState()
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            if state.isContinuing {
                Self.scan(raw[...], state: &state)
                continue
            }
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") {
                guard let end = line.range(of: "]]") else { continue }
                let segments = Self.keySegments(line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound])
                let parent = Self.resolve(segments.dropLast(), arrayCounts: arrayCounts)
                let array = parent.isEmpty ? segments.last ?? "" : parent + "." + (segments.last ?? "")
                arrayCounts[array, default: 0] += 1
                table = array + "[\(arrayCounts[array]! - 1)]"
                record(table, number)
            } else if line.hasPrefix("[") {
                guard let end = line.firstIndex(of: "]") else { continue }
                table = Self.resolve(Self.keySegments(line[line.index(after: line.startIndex)..<end])[...], arrayCounts: arrayCounts)
                record(table, number)
            } else if let equals = Self.assignment(in: line) {
                let key = Self.keySegments(line[..<equals]).joined(separator: ".")
                record(table.isEmpty ? key : table + "." + key, number)
                Self.scan(line[line.index(after: equals)...], state: &state)
            }
        }
    }

    /// The line of `path`, or else of the nearest enclosing table or key that has one (a key of
    /// an inline table is on its table's line).
    func line(of path: String) -> Int? {
        var path = path
        while true {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = String(path[..<cut])
        }
    }

    /// Records the first line of `path`, and of each enclosing table not yet seen: a table made
    /// implicitly (`rubric` by a lone `[[rubric.dimension]]`) starts where its first part does.
    private mutating func record(_ path: String, _ line: Int) {
        var path = path
        while lines[path] == nil {
            lines[path] = line
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return }
            path = String(path[..<cut])
        }
    }

    /// The concrete path of a dotted table name: each array of tables named on the way resolves
    /// to its latest entry, as TOML does.
    private static func resolve(_ segments: ArraySlice<String>, arrayCounts: [String: Int]) -> String {
        var path = ""
        for segment in segments {
            path = path.isEmpty ? segment : path + "." + segment
            if let count = arrayCounts[path] { path += "[\(count - 1)]" }
        }
        return path
    }

    /// The parts of a dotted key, without quotes or surrounding blanks.
    private static func keySegments(_ key: Substring) -> [String] {
        var segments: [String] = []
        var current = ""
        var quote: Character?
        for character in key {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                segments.append(current.trimmingBlanks)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current.trimmingBlanks)
        return segments
    }

    /// The `=` of a `key = value` line, outside any quoted key; nil for a comment or blank line.
    private static func assignment(in line: Substring) -> Substring.Index? {
        guard let first = line.first, first != "#" else { return nil }
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if character == "#" {
                return nil
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// What a value left open at the end of a line: a multi-line string, or brackets.
    struct ScanState {
        var multilineQuote: String?
        var depth = 0
        var isContinuing: Bool { multilineQuote != nil || depth > 0 }
    }

    /// Follows a value (or the continuation of one) to the end of the line.
    private static func scan(_ text: Substring, state: inout ScanState) {
        let characters = Array(text)
        var i = 0
        func starts(with token: String) -> Bool {
            let t = Array(token)
            return i + t.count <= characters.count && Array(characters[i..<i + t.count]) == t
        }
        while i < characters.count {
            if let quote = state.multilineQuote {
                if quote == "\"\"\"" && characters[i] == "\\" { i += 2; continue }
                if starts(with: quote) { state.multilineQuote = nil; i += 3; continue }
                i += 1
                continue
            }
            let character = characters[i]
            if character == "#" { return }
            if starts(with: "\"\"\"") || starts(with: "'''") {
                state.multilineQuote = String(characters[i..<i + 3])
                i += 3
                continue
            }
            if character == "\"" || character == "'" {
                i += 1
                while i < characters.count && characters[i] != character {
                    if character == "\"" && characters[i] == "\\" { i += 1 }
                    i += 1
                }
                i += 1
                continue
            }
            if character == "[" || character == "{" { state.depth += 1 }
            if character == "]" || character == "}" { state.depth = max(0, state.depth - 1) }
            i += 1
        }
    }
}

private extension String {
    var trimmingBlanks: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
