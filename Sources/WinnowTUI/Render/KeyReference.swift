/// The key reference for the README, generated from the same registry as the help overlay.
public enum KeyReference {
    public static func markdown(_ keymap: Keymap = .standard) -> String {
        var out = ""
        for group in CommandSpec.Group.allCases {
            let specs = CommandRegistry.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            out += "\n**\(group.rawValue)**\n\n| Keys | Command | What it does |\n|---|---|---|\n"
            for spec in specs {
                let keys = keymap.keys(for: spec.id).map { "`\($0.label == "|" ? "\\|" : $0.label)`" }.joined(separator: " ")
                let name = "`:\(spec.id.rawValue)" + (spec.argument.map { " \($0)" } ?? "") + "`"
                out += "| \(keys.isEmpty ? "—" : keys) | \(name) | \(spec.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return out
    }
}
