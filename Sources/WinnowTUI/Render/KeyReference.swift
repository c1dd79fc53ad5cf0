/// The key reference for the README, generated from the same registry as the help overlay: the
/// global keys by group, then each context's own keys.
public enum KeyReference {
    public static func markdown(_ keymap: Keymap = .standard) -> String {
        var out = ""
        func table(_ specs: [CommandSpec]) {
            out += "| Keys | Command | What it does |\n|---|---|---|\n"
            for spec in specs {
                let keys = keymap.keys(for: spec.id).map { "`\($0.label == "|" ? "\\|" : $0.label)`" }.joined(separator: " ")
                let name = "`" + (spec.runsInQueue ? ":" : "") + spec.id.rawValue + (spec.argument.map { " \($0)" } ?? "") + "`"
                out += "| \(keys.isEmpty ? "—" : keys) | \(name) | \(spec.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        out += "\n#### \(KeyContext.global.title)\n"
        for group in CommandSpec.Group.allCases {
            let specs = CommandRegistry.all.filter { $0.group == group && $0.contexts.contains(.global) }
            guard !specs.isEmpty else { continue }
            out += "\n**\(group.rawValue)**\n\n"
            table(specs)
        }
        for context in KeyContext.allCases where context != .global && !context.isPlaceholder {
            let specs = CommandRegistry.all.filter { $0.contexts.contains(context) }
            guard !specs.isEmpty else { continue }
            out += "\n#### \(context.title)\n\n"
            table(specs)
        }
        return out
    }
}
