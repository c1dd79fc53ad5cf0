import Foundation
import GRDB
import XCTest
import WinnowCore
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

/// Filters run straight on the store as the queue's SQL (reviewer tester, at time 0).
extension TestWorkspace {
    /// The ids of the items `filter` matches, in id order.
    func matching(_ filter: String) throws -> [Int64] {
        let sql = FilterSQL(try FilterQuery.parse(filter), reviewer: "tester", now: 0)
        return try store.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT items.id FROM items WHERE \(sql.clause) ORDER BY id", arguments: sql.arguments)
        }
    }

    /// SQLite's plan for the queue's first page under `filter`, its steps joined by "; ".
    func plan(_ filter: String) throws -> String {
        let sql = FilterSQL(try FilterQuery.parse(filter), reviewer: "tester", now: 0)
        return try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT items.id FROM items WHERE \(sql.clause)
                ORDER BY is_open DESC, weight DESC, ts_ms DESC, id DESC LIMIT 5
                """, arguments: sql.arguments).map { $0["detail"] as String }.joined(separator: "; ")
        }
    }
}

func eventLine(_ id: String, signal: String = "thumbs_down", prompt: String = "How do I get a refund?",
               response: String = "Open Billing and click Refund.", extra: String = "") -> String {
    #"{"id":"\#(id)","ts":"2026-10-14T09:31:22Z","signal":"\#(signal)","prompt":"\#(prompt)","response":"\#(response)"\#(extra)}"#
}

/// The repository root, found from this file's path, for SampleData/ and the built binary.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
