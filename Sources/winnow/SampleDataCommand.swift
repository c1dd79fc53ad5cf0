import ArgumentParser
import Foundation
import WinnowStore

/// Writes SampleData/ from the embedded generator; for maintainers, so it is hidden from help.
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-data",
        abstract: "Write the demo's events.jsonl and winnow.toml into a directory.",
        shouldDisplay: false
    )

    @Argument(help: "The directory to write into (SampleData in the repository).")
    var directory: String

    func run() throws {
        let dir = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try DemoWorkspace.eventsJSONL.write(to: dir.appendingPathComponent("events.jsonl"))
        try Data(DemoWorkspace.configText.utf8).write(to: dir.appendingPathComponent("winnow.toml"))
        Terminal.out("Wrote \(dir.path)/events.jsonl and winnow.toml")
    }
}
