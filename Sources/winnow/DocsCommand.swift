import ArgumentParser
import WinnowTUI

/// Prints generated reference text for the README; for maintainers, so it is hidden from help.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs-keys",
        abstract: "Print the key reference as Markdown (the README's Keys section).",
        shouldDisplay: false
    )

    func run() {
        print(KeyReference.markdown(), terminator: "")
    }
}
