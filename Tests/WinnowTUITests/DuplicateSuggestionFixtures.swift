import Foundation
import XCTest
@testable import WinnowStore
@testable import WinnowTUI

/// Prompts that form suggested groups: 1–3 say the invoice was charged twice, 4–5 that the CSV
/// export does nothing, 6 stands alone. The fixture's clock makes a higher number older, so each
/// group's canonical (the oldest) is its last item: #3 and #5.
let suggestionPrompts = [
    "My invoice INV-48213 was charged twice this month, please refund the second charge",
    "my invoice inv-99120 was charged twice this month please refund the second charge!!",
    "Hi team, my invoice #5521 was charged twice this month, please refund the second charge",
    "The export to CSV button does nothing when I click it on the reports page",
    "the export to csv button does nothing when i click it on the reports page.",
    "How do I change the language of the assistant to German?",
]

func suggestionWorkspace(_ prompts: [String] = suggestionPrompts) throws -> FixtureWorkspace {
    try FixtureWorkspace(lines: prompts.enumerated().map { fixtureEvent($0.offset + 1, prompt: $0.element) })
}

extension FixtureWorkspace {
    /// Imports more events behind the runtime's back, as another process would.
    func importMore(_ lines: [String]) throws {
        var data = Data()
        for line in lines { data.append(contentsOf: line.utf8); data.append(10) }
        let input = ImportInput(name: "more.jsonl", source: MemoryByteSource(data), format: .jsonl)
        _ = try EventImporter(store: store, identity: Identity(reviewer: "t", osUser: "t")).run(input)
    }
}

/// Moves the cursor to `item` (from the top), its detail and suggestions loaded.
func select(_ runtime: QueueRuntime, _ item: Int64, file: StaticString = #filePath, line: UInt = #line) {
    press(runtime, "g")
    for _ in 0..<runtime.state.total where runtime.state.selectedRow?.id != item { press(runtime, "j") }
    XCTAssertEqual(runtime.state.selectedRow?.id, item, "item #\(item) is in the queue", file: file, line: line)
}
