import Foundation
import WinnowConfig

/// A directory holding `winnow.db` (the store) and `winnow.toml` (its config).
public struct Workspace: Sendable {
    public static let databaseName = "winnow.db"
    public static let configName = "winnow.toml"

    public let directory: URL
    public var databaseURL: URL { directory.appendingPathComponent(Self.databaseName) }
    public var configURL: URL { directory.appendingPathComponent(Self.configName) }
    public var rejectsDirectory: URL { directory.appendingPathComponent("rejects") }

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    /// True when the directory has a config file: the mark of a workspace.
    public var exists: Bool { FileManager.default.fileExists(atPath: configURL.path) }

    public func loadConfig() throws -> WorkspaceConfig {
        try WorkspaceConfig.load(from: configURL)
    }

    /// Creates an empty workspace with the default config. Refuses to overwrite an existing one.
    @discardableResult
    public static func create(at directory: URL, name: String? = nil) throws -> Workspace {
        let workspace = Workspace(directory: directory)
        if workspace.exists {
            throw WorkspaceError.alreadyExists(workspace.directory.path)
        }
        try FileManager.default.createDirectory(at: workspace.directory, withIntermediateDirectories: true)
        let title = name ?? workspace.directory.lastPathComponent
        try Data(ConfigTemplate.text(name: title).utf8).write(to: workspace.configURL, options: .withoutOverwriting)
        _ = try Store.open(workspace)
        return workspace
    }
}

public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case alreadyExists(String)
    case notAWorkspace(String)
    case noHome
    /// A command that writes was pointed at a workspace whose folder or store is read-only.
    case readOnly(String)

    public var description: String {
        switch self {
        case .alreadyExists(let path): "a workspace already exists at \(path)"
        case .readOnly(let path):
            "cannot write to the workspace at \(path): its folder or store (\(Workspace.databaseName)) is read-only, "
                + "and this command changes the workspace. The commands that only read (stats, audit log, audit verify, "
                + "audit head, shift, themes) work there; to work on a copy, make a writable one with "
                + "`winnow backup DEST --workspace \(path)`"
        case .notAWorkspace(let path):
            "\(path) is not a Winnow workspace (no \(Workspace.configName)); create one with `winnow init \(path)`"
        case .noHome: "cannot find a home directory for the demo workspace: set HOME, XDG_DATA_HOME or WINNOW_WORKSPACE"
        }
    }
}

/// Where a command's workspace comes from, in order of precedence.
public enum WorkspaceChoice: Equatable, Sendable {
    case explicit(URL)
    case environment(URL)
    case demo(URL)

    public var url: URL {
        switch self {
        case .explicit(let u), .environment(let u), .demo(let u): u
        }
    }

    /// `--workspace DIR`, else `WINNOW_WORKSPACE`, else the per-user demo workspace under
    /// `$XDG_DATA_HOME/winnow/demo` (falling back to `~/.local/share/winnow/demo`).
    public static func resolve(flag: String?, environment: [String: String]) throws -> WorkspaceChoice {
        if let flag, !flag.isEmpty { return .explicit(URL(fileURLWithPath: flag)) }
        if let env = environment["WINNOW_WORKSPACE"], !env.isEmpty { return .environment(URL(fileURLWithPath: env)) }
        let dataHome: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = URL(fileURLWithPath: xdg)
        } else if let home = environment["HOME"], !home.isEmpty {
            dataHome = URL(fileURLWithPath: home).appendingPathComponent(".local/share")
        } else {
            throw WorkspaceError.noHome
        }
        return .demo(dataHome.appendingPathComponent("winnow/demo"))
    }
}
