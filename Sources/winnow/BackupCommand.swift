import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the workspace consistently while reviewers keep working, then check the copy (integrity, audit chain, state).",
        discussion: """
            DEST must be new or an empty directory. To restore, point --workspace (or WINNOW_WORKSPACE) \
            at the copy, or copy it back while nobody has the workspace open. Exit status 1 when the \
            copy does not pass its checks (it is kept: it holds what the workspace holds).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The directory to copy the workspace into (new or empty).", valueName: "dest"))
    var destination: String

    func run() throws {
        var failed = false
        try reportingErrors {
            let store = try global.openStoreForReading()
            let result: BackupResult
            do {
                result = try store.backup(to: URL(fileURLWithPath: destination))
            } catch let error as BackupError {
                throw CLIError(status: ExitStatus.workspaceError, message: error.description)
            } catch {
                // A copy that could not be written (a full disk…); nothing of the workspace was touched.
                throw CLIError(status: ExitStatus.workspaceError, message: "cannot back up to \(destination): \(error)")
            }
            let size = String(format: "%.1f MB", Double(result.databaseBytes) / 1_000_000)
            let files = ([Workspace.databaseName + " (\(size))"] + result.copied.map { $0 == Workspace.configName ? $0 : $0 + "/" })
            Terminal.out("backed up \(store.workspace.directory.path) to \(result.destination.path): \(files.joined(separator: ", "))")
            Terminal.out(result.integrity == ["ok"] ? "integrity ok"
                  : "integrity FAILED: " + result.integrity.prefix(10).map { SafeText.line($0) }.joined(separator: "; "))
            for line in AuditCheckText.lines(result.check) { Terminal.out(line) }
            if result.passes {
                Terminal.out("the copy verifies; restore it with --workspace \(result.destination.path)")
            } else {
                Terminal.out("the copy does NOT verify (kept at \(result.destination.path)): see above")
            }
            failed = !result.passes
        }
        if failed { throw ExitCode(1) }
    }
}
