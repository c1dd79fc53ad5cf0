import ArgumentParser
import Foundation
import WinnowConfig
import WinnowCore
import WinnowStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace directory (default: $WINNOW_WORKSPACE, else the demo workspace).", valueName: "dir"))
    var workspace: String?

    @Option(name: .long, help: ArgumentHelp("Your reviewer name (default: $WINNOW_REVIEWER, else your login name).", valueName: "name"))
    var reviewer: String?

    var identity: Identity { Identity.resolve(explicit: reviewer) }

    /// Resolves and opens the workspace for a command that writes, creating and seeding the demo
    /// one on first use. Only writing commands migrate and maintain the store; a step that takes
    /// more than a second says so on stderr.
    /// `acting`: the command changes the workspace, so a roster (when there is one) must name the reviewer.
    func openStore(acting: Bool = false) throws -> Store {
        let store = try opening { try Store.open($0, announce: { Terminal.note("winnow: " + SafeText.line($0)) }) }
        let who = identity.reviewer
        if acting, !store.config.isSingleUser, store.config.roles(of: who) == nil {
            let names = store.config.roster.map(\.name).joined(separator: ", ")
            throw CLIError(status: ExitStatus.notOnRoster, message: "reviewer `\(who)` is not on this workspace's roster (\(names)); "
                + "choose one with --reviewer NAME or WINNOW_REVIEWER, or ask a lead to add you to \(store.workspace.configURL.path)")
        }
        return store
    }

    /// Opens the workspace for a command that only reads: SQLite refuses every write, nothing is
    /// migrated or rebuilt, and a read-only folder is read as it is.
    func openStoreForReading() throws -> Store {
        try opening(Store.openForReading)
    }

    /// The workspace and its config, for a command that never needs the store (themes).
    func openWorkspaceConfig() throws -> (Workspace, WorkspaceConfig) {
        try opening { workspace in
            guard workspace.exists else { throw WorkspaceError.notAWorkspace(workspace.directory.path) }
            return (workspace, try workspace.loadConfig())
        }
    }

    private func opening<Opened>(_ open: (Workspace) throws -> Opened) throws -> Opened {
        let choice: WorkspaceChoice
        do {
            choice = try WorkspaceChoice.resolve(flag: workspace, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CLIError(status: ExitStatus.workspaceError, message: String(describing: error))
        }
        if case .demo(let url) = choice {
            do {
                if let seeded = try DemoWorkspace.ensure(at: url, identity: identity) {
                    Terminal.note("Created the demo workspace at \(url.path) with \(seeded.imported) events from SampleData/.")
                    Terminal.note("Use --workspace DIR or WINNOW_WORKSPACE to work on your own; `winnow init DIR` makes one.")
                }
            } catch {
                throw CLIError(status: ExitStatus.workspaceError, message: "cannot create the demo workspace: \(error)")
            }
        }
        do {
            return try open(Workspace(directory: choice.url))
        } catch let error as ConfigError {
            throw CLIError(status: ExitStatus.workspaceError, message: "config error: \(error)")
        } catch {
            throw CLIError(status: ExitStatus.workspaceError, message: String(describing: error))
        }
    }
}

/// A failure with a message for the user and an exit status; printed without a stack of noise.
struct CLIError: Error, CustomStringConvertible {
    var status: ExitCode
    var message: String
    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CLIError` into its message on stderr and its exit status.
    func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            Terminal.error(error.message)
            throw error.status
        }
    }
}

enum Terminal {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((SafeText.text(message) + "\n").utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("winnow: error: " + SafeText.text(message) + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
