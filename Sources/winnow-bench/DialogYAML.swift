import Foundation

/// Reads the one shape of YAML that chatterbot-corpus files have, so the benchmarks need no YAML
/// library:
///
/// ```yaml
/// categories:
/// - computers
/// conversations:
/// - - What is a computer?
///   - A computer is an electronic device …
/// ```
///
/// Turns are plain, single- or double-quoted scalars (possibly over several lines) or `|`/`>`
/// block scalars. Checked against PyYAML on every file of chatterbot-corpus 1.3.3: the same
/// dialogs and turns, text for text.
enum DialogYAML {
    struct Document: Equatable {
        var categories: [String] = []
        var conversations: [[String]] = []
    }

    /// YAML's white space; a no-break space is part of the text.
    private static let yamlSpace = CharacterSet(charactersIn: " \t")

    static func parse(_ text: String) -> Document {
        // Some files have CRLF line ends, and Swift counts "\r\n" as one Character.
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var document = Document()
        var section = ""
        var conversationColumn = 0
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix(while: { $0 == " " }).count
            let content = line.dropFirst(indent)
            index += 1
            if content.isEmpty || content.hasPrefix("#") { continue }
            if indent == 0, !content.hasPrefix("-"), let colon = content.firstIndex(of: ":") {
                section = String(content[..<colon]).trimmingCharacters(in: yamlSpace)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))
                continue
            }
            guard content.hasPrefix("- ") || content == "-" else { continue }
            var dashColumn = indent
            var rest = content.dropFirst(2)
            // A dialog is a list in the list: `- - turn`. A plain `- text` at the outer list's
            // column is a malformed dialog of one string, which PyYAML reads as a string too.
            var startsConversation = indent <= conversationColumn
            if section == "conversations", rest.hasPrefix("- ") {
                startsConversation = true
                conversationColumn = indent
                dashColumn = indent + 2
                rest = rest.dropFirst(2)
            }
            let (value, next) = scalar(first: rest, dashColumn: dashColumn, lines: lines, from: index)
            index = next
            switch section {
            case "categories":
                document.categories.append(value)
            case "conversations":
                if startsConversation || document.conversations.isEmpty { document.conversations.append([]) }
                document.conversations[document.conversations.count - 1].append(value)
            default:
                break
            }
        }
        return document
    }

    /// The scalar that starts with `first` on a list item whose dash is at `dashColumn`; lines
    /// indented past the dash continue it. Returns the value and the index of the next line.
    private static func scalar(first: Substring, dashColumn: Int, lines: [Substring], from start: Int) -> (String, Int) {
        var end = start
        while end < lines.count {
            let line = lines[end]
            let indent = line.prefix(while: { $0 == " " }).count
            if indent == line.count || indent > dashColumn { end += 1 } else { break }
        }
        // Trailing blank lines belong to what follows, not to this scalar.
        while end > start, lines[end - 1].allSatisfy({ $0 == " " }) { end -= 1 }
        let continuation = Array(lines[start..<end])
        let head = first.trimmingCharacters(in: yamlSpace)
        if head.hasPrefix("|") || head.hasPrefix(">") {
            return (block(continuation, folded: head.hasPrefix(">"), keepsFinalBreak: !head.contains("-")), end)
        }
        if head.hasPrefix("'") || head.hasPrefix("\"") {
            return (quoted(([Substring(head)] + continuation.map { $0 }).map(String.init)), end)
        }
        return (folded([head] + continuation.map { $0.trimmingCharacters(in: yamlSpace) }), end)
    }

    /// Plain lines joined as YAML folds them: a line break is a space, a blank line a newline.
    private static func folded(_ parts: [String]) -> String {
        var text = ""
        for part in parts {
            var piece = part
            if let comment = piece.range(of: " #") { piece = String(piece[..<comment.lowerBound]) }
            if piece.isEmpty { text += "\n"; continue }
            if !text.isEmpty, !text.hasSuffix("\n") { text += " " }
            text += piece
        }
        return text.trimmingCharacters(in: yamlSpace.union(.newlines))
    }

    /// A `|` (or folded `>`) block; it ends with one line break unless its header says `-`.
    private static func block(_ lines: [Substring], folded isFolded: Bool, keepsFinalBreak: Bool) -> String {
        let indent = lines.first(where: { !$0.allSatisfy({ $0 == " " }) })
            .map { $0.prefix(while: { $0 == " " }).count } ?? 0
        let unindented = lines.map { String($0.dropFirst(min(indent, $0.count))) }
        let text = isFolded ? unindented.joined(separator: " ") : unindented.joined(separator: "\n")
        let body = text.trimmingCharacters(in: .newlines)
        return keepsFinalBreak && !body.isEmpty ? body + "\n" : body
    }

    /// A single- or double-quoted scalar, possibly over several lines (breaks fold to spaces).
    private static func quoted(_ lines: [String]) -> String {
        let joined = lines.map { $0.trimmingCharacters(in: yamlSpace) }
            .joined(separator: " ")
        let characters = Array(joined)
        let quote = characters[0]
        var value = ""
        var position = 1
        while position < characters.count {
            let character = characters[position]
            if quote == "'", character == "'" {
                if position + 1 < characters.count, characters[position + 1] == "'" {
                    value.append("'")
                    position += 2
                    continue
                }
                break
            }
            if quote == "\"", character == "\"" { break }
            if quote == "\"", character == "\\", position + 1 < characters.count {
                position += 1
                switch characters[position] {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "u" where position + 4 < characters.count:
                    let hex = String(characters[(position + 1)...(position + 4)])
                    if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) { value.unicodeScalars.append(scalar) }
                    position += 4
                default: value.append(characters[position])
                }
                position += 1
                continue
            }
            value.append(character)
            position += 1
        }
        return value
    }
}
