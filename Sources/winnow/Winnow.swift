import ArgumentParser
import Foundation

@main
struct Winnow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "A terminal review queue for triaging feedback on AI assistants.",
        discussion: """
            Without a subcommand, opens the review queue on the chosen workspace: --workspace DIR, \
            else $WINNOW_WORKSPACE, else a per-user demo workspace seeded from SampleData/.
            """,
        subcommands: [QueueCommand.self, InitCommand.self, ImportCommand.self, StatsCommand.self, AuditCommand.self, ShiftCommand.self, RoundCommand.self, DisputeCommand.self, DupesCommand.self, AgreementCommand.self, GateCommand.self, LabelCommand.self, UndoCommand.self, ReportCommand.self, ExportCommand.self, UsersCommand.self, BackupCommand.self, ThemesCommand.self, SampleDataCommand.self, DocsCommand.self],
        defaultSubcommand: QueueCommand.self
    )
}

/// Exit statuses, documented in the README.
enum ExitStatus {
    static let rejectedLines = ExitCode(1)
    static let badInput = ExitCode(65)
    static let workspaceError = ExitCode(66)
    static let notATerminal = ExitCode(2)
    static let notOnRoster = ExitCode(77)
    /// A round, dispute or duplicate-suggestion action refused (not allowed, off the scale, not
    /// suggested, or the item changed or is held): nothing was changed.
    static let refused = ExitCode(3)
    /// `winnow gate`: the candidate breaks the rule.
    static let gateFailed = ExitCode(1)
    /// `winnow gate`: too few items to tell, or the intervals cannot decide.
    static let gateInconclusive = ExitCode(3)
}
