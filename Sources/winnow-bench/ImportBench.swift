import ArgumentParser
import Foundation
import GRDB
import WinnowStore

struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import N generated events through the real import path; reference: bare prepared inserts."
    )

    @Option(help: "Number of events to generate.")
    var events = 1_000_000

    @Option(help: "Inputs above this many MB are imported with indexes dropped and rebuilt (the import default is 64).")
    var bulkThresholdMB: Int64 = 64

    @Option(help: "Directory for the generated data (default: a temporary one, removed afterwards).")
    var directory: String?

    func run() throws {
        let root = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: root) } }

        let file = root.appendingPathComponent("events.jsonl")
        let bytes = try BenchEvents.write(count: events, to: file)
        print("winnow-bench import: \(formatRate(Double(events))) events, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB of JSONL")
        print("baseline resident memory before import: \(String(format: "%.1f", Resources.currentMB)) MB")

        // 1. The real import path: validation, unique ids, items, queue and filter indexes, full-text index.
        let workspace = try Workspace.create(at: root.appendingPathComponent("ws"))
        let store = try Store.open(workspace)
        let importer = EventImporter(store: store, identity: Identity(reviewer: "bench", osUser: "bench"))
        let (summary, importSeconds) = try measure {
            var options = ImportOptions()
            options.bulkIndexThresholdBytes = bulkThresholdMB << 20
            return try importer.run(try ImportInput.open(path: file.path, format: nil), options: options)
        }
        let importPeak = Resources.peakMB
        guard summary.imported == events, summary.rejected == 0 else {
            throw ValidationError("import did not take every event: \(summary)")
        }
        let importRate = Double(events) / importSeconds
        try store.pool.close()

        // 2. The reference: the same rows through one prepared statement into a bare table, one transaction.
        let rows = (0..<events).map { BenchEvents.row($0) }
        let reference = try DatabaseQueue(path: root.appendingPathComponent("reference.db").path)
        try reference.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
            try db.execute(sql: """
                CREATE TABLE bare(id TEXT, ts TEXT, ts_ms INTEGER, signal TEXT, prompt TEXT, response TEXT,
                                  intent TEXT, user_id TEXT, csat INTEGER, raw TEXT)
                """)
        }
        let (_, referenceSeconds) = try measure {
            try reference.inTransaction { db in
                // Bound through SQLite's C calls, as the import binds its rows.
                let prepared = try db.makeStatement(sql: "INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                let statement = RawStatement(prepared.sqliteStatement, connection: db.sqliteConnection)
                for r in rows {
                    statement.bind(1, r.id)
                    statement.bind(2, r.ts)
                    statement.bind(3, r.tsMillis)
                    statement.bind(4, r.signal)
                    statement.bind(5, r.prompt)
                    statement.bind(6, r.response)
                    statement.bind(7, r.intent)
                    statement.bind(8, r.userID)
                    statement.bind(9, r.csat.map(Int64.init))
                    statement.bind(10, r.line)
                    try statement.run()
                }
                return .commit
            }
        }
        let referenceRate = Double(events) / referenceSeconds

        print("")
        print("import       \(formatRate(importRate)) events/s  (\(String(format: "%.1f", importSeconds)) s)")
        print("reference    \(formatRate(referenceRate)) rows/s  (bare table, one prepared statement, one transaction)")
        print("ratio        \(String(format: "%.2f", importRate / referenceRate))  (target ≥ 0.50)")
        print("peak memory  \(String(format: "%.1f", importPeak)) MB during import  (target < 100 MB)")
    }
}
