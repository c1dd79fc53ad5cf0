import Foundation
import Yams

/// Reads a chatterbot-corpus file through Yams (libyaml):
///
/// ```yaml
/// categories:
/// - computers
/// conversations:
/// - - What is a computer?
///   - A computer is an electronic device …
/// ```
///
/// Turns are taken as the scalars' text, never resolved to booleans or numbers, so a turn
/// "yes" stays "yes".
enum DialogYAML {
    struct Document: Equatable {
        var categories: [String] = []
        var conversations: [[String]] = []
    }

    static func parse(_ text: String) throws -> Document {
        guard let root = try Yams.compose(yaml: text) else { return Document() }
        var document = Document()
        document.categories = root["categories"]?.sequence?.compactMap(\.string) ?? []
        document.conversations = root["conversations"]?.sequence?.compactMap { $0.sequence?.compactMap(\.string) } ?? []
        return document
    }
}
