import Foundation

/// Edits text in the reviewer's own editor (`$VISUAL`, else `$EDITOR`, else `vi`) through a
/// temporary file, which is removed afterwards.
public struct ExternalEditor: Sendable {
    public var command: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let chosen = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        command = chosen ?? "vi"
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs the editor on `text` and returns what was saved. The command goes through `/bin/sh`, so
    /// `EDITOR="code --wait"` works; the file's path is passed as an argument, never spliced in.
    public func edit(_ text: String, name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", "winnow-editor", file.path]
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not start the editor `\(command)`: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "the editor `\(command)` exited with status \(process.terminationStatus); nothing was changed")
        }
        let data = try Data(contentsOf: file)
        guard let edited = String(data: data, encoding: .utf8) else {
            throw Failure(description: "the edited text is not valid UTF-8; nothing was changed")
        }
        return edited
    }
}
