import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Blocked (adversarial) users, whose feedback never feeds a training export.",
        subcommands: [UsersBlockCommand.self, UsersUnblockCommand.self, UsersBlockedCommand.self]
    )
}

struct UsersBlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block",
        abstract: "Block a user from training exports (a lead, when the workspace has a roster); audited.",
        discussion: "Example: `winnow users block u-4411 --reason \"prompt-injection attempts\"`."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The user id, as events carry it in user_id.", valueName: "user"))
    var user: String

    @Option(help: ArgumentHelp("Why, for the audit log and the list.", valueName: "text"))
    var reason: String?

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            try refusingUserErrors { try store.blockUser(user, reason: reason, by: global.identity) }
            Terminal.out("blocked user \(user): training exports drop their events")
        }
    }
}

struct UsersUnblockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unblock",
        abstract: "Lift a block (a lead, when the workspace has a roster); audited."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The user id.", valueName: "user"))
    var user: String

    @Option(help: ArgumentHelp("Why, for the audit log.", valueName: "text"))
    var reason: String?

    func run() throws {
        try reportingErrors {
            let store = try global.openStore(acting: true)
            try refusingUserErrors { try store.unblockUser(user, reason: reason, by: global.identity) }
            Terminal.out("unblocked user \(user)")
        }
    }
}

struct UsersBlockedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocked",
        abstract: "List the blocked users: the workspace's, then those of [training] blocked_users_file."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let store = try global.openStore()
            let blocked = try store.blockedUsers()
            let fromFile = try refusingExportErrors { try store.blockedUsersFromFile() }
            if blocked.isEmpty && fromFile.isEmpty { Terminal.out("no blocked users") }
            for user in blocked {
                Terminal.out("\(user.userID)  blocked by \(user.addedBy) \(RFC3339.format(millis: user.addedMillis))"
                    + (user.reason.map { " — \($0)" } ?? ""))
            }
            for user in fromFile.sorted() where !blocked.contains(where: { $0.userID == user }) {
                Terminal.out("\(user)  from \(store.config.training.blockedUsersFile ?? "the file")")
            }
        }
    }
}

private func refusingUserErrors(_ body: () throws -> Void) throws {
    do {
        try refusingStoreErrors(body)
    } catch let error as BlockedUserError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    }
}
