import ArgumentParser
import Foundation
import WinnowStore
import WinnowTUI

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Open the review queue (the default command)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Colour theme (see `winnow themes`); NO_COLOR selects mono.", valueName: "name"))
    var theme: String?

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            let launch: QueueLaunch
            do {
                launch = try QueueLaunch(store: store, identity: global.identity, themeFlag: theme,
                                         environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CLIError(status: ExitStatus.workspaceError, message: String(describing: error))
            }
            guard isatty(STDIN_FILENO) == 1, Terminal.stdoutIsTerminal else {
                Terminal.out(StatsReport.text(try store.stats(), workspaceName: store.config.name))
                throw CLIError(status: ExitStatus.notATerminal,
                               message: "the review queue needs a terminal; this is the workspace summary instead")
            }
            let summary = launch.runInteractive().text
            if !summary.isEmpty { Terminal.out(summary, terminator: "") }
        }
    }
}
