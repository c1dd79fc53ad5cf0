import Foundation

/// Who is acting: the reviewer's name and the OS account that ran the process.
public struct Identity: Sendable, Equatable {
    public var reviewer: String
    public var osUser: String

    public init(reviewer: String, osUser: String) {
        self.reviewer = reviewer
        self.osUser = osUser
    }

    /// `--reviewer`, else `WINNOW_REVIEWER`, else the OS login name.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Identity {
        let os = osAccount(environment: environment)
        let name = [explicit, environment["WINNOW_REVIEWER"]]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty } ?? os
        return Identity(reviewer: name, osUser: os)
    }

    static func osAccount(environment: [String: String]) -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name {
            return String(cString: name)
        }
        return environment["USER"] ?? environment["LOGNAME"] ?? "uid-\(geteuid())"
    }
}
