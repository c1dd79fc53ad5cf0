import ArgumentParser
import Foundation
import WinnowStore
import WinnowTUI

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the colour themes, each with a preview line."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let env = ProcessInfo.processInfo.environment
            // Themes are files: the store is never opened.
            let (workspace, config) = try global.openWorkspaceConfig()
            let registry: ThemeRegistry
            do {
                registry = try ThemeRegistry.load(workspaceDirectory: workspace.directory, environment: env)
            } catch {
                throw CLIError(status: ExitStatus.workspaceError, message: String(describing: error))
            }
            let styled = Terminal.stdoutIsTerminal
            let colors = (env["NO_COLOR"] ?? "").isEmpty ? ((env["TERM"] ?? "").contains("256") ? 256 : 8) : 0
            let current = config.theme ?? ThemeRegistry.defaultName
            for theme in registry.themes {
                let mark = theme.name == current ? "*" : " "
                Terminal.out("\(mark) \(theme.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(theme.description)")
                if styled { print("             " + ThemePreview.line(theme, colors: colors)) }
            }
            print("\n* the workspace default. Choose with --theme NAME, [ui] theme in winnow.toml, or :theme NAME in the queue.")
        }
    }
}
