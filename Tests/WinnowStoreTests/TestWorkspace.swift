import Foundation
import GRDB
import XCTest
@testable import WinnowStore

/// A throwaway workspace in a temporary directory; never the user's demo workspace.
final class TestWorkspace {
    let directory: URL
    let store: Store
    let identity = Identity(reviewer: "tester", osUser: "tester-os")

    init(config: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("winnow-test-\(UUID().uuidString)")
        let workspace = try Workspace.create(at: directory)
        if let config { try Data(config.utf8).write(to: workspace.configURL) }
        store = try Store.open(workspace)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ contents: String) throws -> String {
        try file(name, Data(contents.utf8))
    }

    func file(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    func importFile(_ path: String, format: ImportFormat? = nil, dryRun: Bool = false) throws -> ImportSummary {
        let input = try ImportInput.open(path: path, format: format)
        return try EventImporter(store: store, identity: identity).run(input, options: ImportOptions(dryRun: dryRun))
    }

    func count(_ sql: String) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }
}

func eventLine(_ id: String, signal: String = "thumbs_down", prompt: String = "How do I get a refund?",
               response: String = "Open Billing and click Refund.", extra: String = "") -> String {
    #"{"id":"\#(id)","ts":"2026-10-14T09:31:22Z","signal":"\#(signal)","prompt":"\#(prompt)","response":"\#(response)"\#(extra)}"#
}

/// The repository root, found from this file's path, for SampleData/ and the built binary.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
