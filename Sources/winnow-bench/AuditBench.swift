import ArgumentParser
import Foundation
import GRDB
import WinnowStore

struct AuditBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify a generated audit log of N records; reference: a bare scan of the same rows."
    )

    @Option(help: "Number of audit records to generate.")
    var records = 1_000_000

    @Option(help: "Reuse (or keep) the generated workspace in this directory.")
    var directory: String?

    func run() throws {
        let root = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-audit-\(getpid())")
        defer { if directory == nil { try? FileManager.default.removeItem(at: root) } }
        let wsURL = root.appendingPathComponent("ws")
        let existing = Workspace(directory: wsURL).exists
        let store = try Store.open(existing ? Workspace(directory: wsURL) : try Workspace.create(at: wsURL))
        let stored = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0 }
        guard !existing || stored == records else {
            throw ValidationError("\(wsURL.path) holds \(stored) audit records, not \(records): use another --directory")
        }
        let alice = Identity(reviewer: "alice", osUser: "alice")
        let fields = ["severity", "locus", "owner", "status", "reasons", "note"]
        let (_, generation) = try measure {
            guard !existing else { return }
            try store.pool.write { db in
                for i in 0..<records {
                    try AuditLog.append(AuditEntry(action: "label", itemID: Int64(i % 50_000 + 1), field: fields[i % fields.count],
                                                   oldValue: i % 3 == 0 ? nil : "S3", newValue: "S\(1 + i % 4)",
                                                   reason: i % 5 == 0 ? "user acted on the wrong answer" : nil),
                                        by: alice, at: 1_792_000_000_000 + Int64(i), db: db)
                }
            }
        }
        // A real log grows by one small transaction per action, so SQLite's automatic checkpoints
        // keep it in the database file; one 1M-record transaction leaves it all in the WAL instead.
        try store.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        print("winnow-bench audit: \(formatRate(Double(records))) records"
              + (existing ? " (reused from \(root.path))" : " (appended at \(formatRate(Double(records) / generation))/s)"))

        let (result, verifySeconds) = try measure { try AuditLog.verify(store) }
        guard result.records == records, result.firstBroken == nil else { throw ValidationError("verify failed: \(result)") }
        let (_, referenceSeconds) = try measure {
            try store.pool.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY seq")
                var n = 0
                while try rows.next() != nil { n += 1 }
                return n
            }
        }
        let rate = Double(records) / verifySeconds
        let reference = Double(records) / referenceSeconds
        print("")
        print("verify      \(formatRate(rate)) records/s  (\(String(format: "%.2f", verifySeconds)) s)  (target ≥ 500,000/s)")
        print("reference   \(formatRate(reference)) rows/s  (bare scan of the same rows, no hashing)")
        print("ratio       \(String(format: "%.2f", rate / reference))")
        print("peak memory \(String(format: "%.1f", Resources.peakMB)) MB")
    }
}
