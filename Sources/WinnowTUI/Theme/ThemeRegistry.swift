import Foundation

/// The themes a session can use: the built-in ones, then any `*.toml` in the user's
/// `$XDG_CONFIG_HOME/winnow/themes` (or `~/.config/winnow/themes`) and the workspace's `themes/`,
/// a later file replacing an earlier theme of the same name.
public struct ThemeRegistry: Sendable {
    public private(set) var themes: [Theme] = []

    public static let defaultName = "dusk"
    public static let monochromeName = "mono"

    public var names: [String] { themes.map(\.name) }

    public func theme(named name: String) -> Theme? { themes.first { $0.name == name } }

    public static func builtIn() -> ThemeRegistry {
        var registry = ThemeRegistry()
        for file in BuiltinThemes.files {
            // The built-in files are checked by tests; a failure here is a programming error.
            registry.add(try! Theme.parse(file.text, file: "Themes/\(file.name).toml"))
        }
        return registry
    }

    /// Built-ins plus user and workspace themes. A malformed file is an error naming the file and line.
    public static func load(workspaceDirectory: URL?, environment: [String: String]) throws -> ThemeRegistry {
        var registry = builtIn()
        var directories: [URL] = []
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            directories.append(URL(fileURLWithPath: xdg).appendingPathComponent("winnow/themes"))
        } else if let home = environment["HOME"] {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".config/winnow/themes"))
        }
        if let workspaceDirectory { directories.append(workspaceDirectory.appendingPathComponent("themes")) }
        for directory in directories {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".toml") {
                let url = directory.appendingPathComponent(file)
                let text: String
                do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                    throw Theme.LoadError(file: url.path, line: nil, message: "cannot read the file")
                }
                registry.add(try Theme.parse(text, file: url.path))
            }
        }
        return registry
    }

    mutating func add(_ theme: Theme) {
        if let i = themes.firstIndex(where: { $0.name == theme.name }) { themes[i] = theme } else { themes.append(theme) }
    }
}
