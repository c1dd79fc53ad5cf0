import Foundation

/// Real conversational text for the benchmarks: the dialogs of chatterbot-corpus, a multilingual
/// dialog corpus that PyPI ships (`pip install chatterbot-corpus`; 7,634 dialogs of two turns or more, 19,587 turns in
/// 28 languages in version 1.3.3). Templated sentences flatter a full-text index with a tiny
/// vocabulary; these have real words, lengths and scripts. Nothing of it is copied into the repository.
struct DialogCorpus: Sendable {
    struct Dialog: Sendable {
        /// The corpus directory the file is in, e.g. "english".
        var language: String
        /// The file's first category, e.g. "computers".
        var category: String
        /// The turns in order: a question and its answers (the corpus lists alternatives as turns).
        var turns: [String]
    }

    static let installCommand = "pip install chatterbot-corpus"
    private static let pythonLocator = "import chatterbot_corpus, os; print(os.path.dirname(chatterbot_corpus.__file__))"

    /// Every dialog with at least two turns, in a fixed order (by file path, then as in the file).
    let dialogs: [Dialog]
    /// The directory the dialogs were read from.
    let directory: URL

    /// Loads the corpus from `path` (the package's directory or its `data` directory), or from where
    /// `python3` finds the installed package.
    static func load(path: String? = nil) throws -> DialogCorpus {
        let root = try path.map { URL(fileURLWithPath: $0) } ?? installedPackage()
        let data = root.appendingPathComponent("data")
        let directory = FileManager.default.fileExists(atPath: data.path) ? data : root
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "yml" }
            .sorted { $0.path < $1.path }
        guard !files.isEmpty else { throw CorpusError.empty(directory.path) }
        var dialogs: [Dialog] = []
        for file in files {
            let document = try DialogYAML.parse(try String(contentsOf: file, encoding: .utf8))
            let language = file.deletingLastPathComponent().lastPathComponent
            let category = document.categories.first ?? file.deletingPathExtension().lastPathComponent
            for turns in document.conversations where turns.count >= 2 {
                dialogs.append(Dialog(language: language, category: category, turns: turns))
            }
        }
        guard !dialogs.isEmpty else { throw CorpusError.empty(directory.path) }
        return DialogCorpus(dialogs: dialogs, directory: directory)
    }

    /// Where `python3` finds the installed package, or an error that gives the install command.
    private static func installedPackage() throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", pythonLocator]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw CorpusError.missing("python3 could not be run: \(error)") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !path.isEmpty else {
            throw CorpusError.missing("python3 cannot import chatterbot_corpus")
        }
        return URL(fileURLWithPath: path)
    }
}

enum CorpusError: Error, CustomStringConvertible {
    case missing(String)
    case empty(String)

    var description: String {
        switch self {
        case .missing(let why):
            "the benchmark corpus is missing (\(why)). Install it with: \(DialogCorpus.installCommand)  (or pass --corpus DIR)"
        case .empty(let path):
            "no chatterbot-corpus dialogs (.yml files) under \(path). Install the corpus with: \(DialogCorpus.installCommand)"
        }
    }
}
