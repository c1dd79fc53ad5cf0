import ArgumentParser
import Foundation
import WinnowStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty workspace with the default, commented config."
    )

    @Argument(help: ArgumentHelp("The directory to create the workspace in.", valueName: "dir"))
    var directory: String

    @Option(help: "A display name for the workspace (default: the directory's name).")
    var name: String?

    func run() throws {
        try reportingErrors {
            do {
                let workspace = try Workspace.create(at: URL(fileURLWithPath: directory), name: name)
                Terminal.out("Created workspace \(workspace.directory.path)")
                Terminal.out("  config: \(workspace.configURL.path)")
                Terminal.out("  store:  \(workspace.databaseURL.path)")
                Terminal.out("Next: winnow --workspace \(directory) import EVENTS.jsonl")
            } catch {
                throw CLIError(status: ExitStatus.workspaceError, message: String(describing: error))
            }
        }
    }
}
