import ArgumentParser
import Foundation
import GRDB
import WinnowStore

struct AuditBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify a generated audit log of N records, and replay it against the items' state; references: bare scans of the same rows."
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
        // The log labels `items` items, and their stored state is what it leaves, so the state
        // check replays it all and finds it whole.
        let items = min(50_000, max(1, records / 20))
        let storedItems = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM items") ?? 0 }
        guard !existing || storedItems == items else {
            throw ValidationError("\(wsURL.path) holds \(storedItems) items, not \(items): use another --directory")
        }
        let fields = ["severity", "locus", "owner", "status", "reasons"]
        let values = [["S1", "S2", "S3", "S4"], ["retrieval", "knowledge", "model"], ["search-team", "content-team", "model-team"],
                      ["in_review", "triaged", "resolved"], [#"["wrong_source"]"#, #"["stale"]"#, #"["hallucination"]"#]]
        let (_, generation) = try measure {
            guard !existing else { return }
            try store.pool.write { db in
                for item in 1...items {
                    try db.execute(sql: """
                        INSERT INTO events(rowid, id, ts, ts_ms, signal, prompt, response, raw) VALUES (?, ?, '', 0, 'csat', '', '', '{}')
                        """, arguments: [item, "e\(item)"])
                    try db.execute(sql: "INSERT INTO items(id, signal, weight, ts_ms) VALUES (?, 'csat', 0.7, 0)", arguments: [item])
                }
                var state = [[String?]](repeating: [nil, nil, nil, "new", nil], count: items)
                for i in 0..<records {
                    let item = i % items
                    let round = i / items
                    let field = (round + item) % fields.count
                    let choices = values[field]
                    var value = choices[(round / fields.count + item) % choices.count]
                    if value == state[item][field] { value = choices[(round / fields.count + item + 1) % choices.count] }
                    try AuditLog.append(AuditEntry(action: "label", itemID: Int64(item + 1), field: fields[field],
                                                   oldValue: state[item][field], newValue: value,
                                                   reason: i % 5 == 0 ? "user acted on the wrong answer" : nil),
                                        by: alice, at: 1_792_000_000_000 + Int64(i), db: db)
                    state[item][field] = value
                }
                for (index, labels) in state.enumerated() {
                    let isOpen = labels[3] == "in_review" || labels[3] == "new"
                    try db.execute(sql: "UPDATE items SET severity = ?, locus = ?, owner = ?, status = ?, reasons = ?, is_open = ? WHERE id = ?",
                                   arguments: [labels[0], labels[1], labels[2], labels[3], labels[4], isOpen, index + 1])
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

        let (state, replaySeconds) = try measure { try AuditLog.replayState(store) }
        guard state.matches, state.records == records, state.items == items else { throw ValidationError("state check failed: \(state)") }
        let (_, replayReferenceSeconds) = try measure {
            try store.pool.read { db in
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT item_id, seq, field, old_value, new_value FROM audit WHERE item_id IS NOT NULL ORDER BY item_id, seq
                    """)
                var n = 0
                while try rows.next() != nil { n += 1 }
                return n
            }
        }
        let replayRate = Double(records) / replaySeconds
        let replayReference = Double(records) / replayReferenceSeconds
        print("")
        print("verify      \(formatRate(rate)) records/s  (\(String(format: "%.2f", verifySeconds)) s)  (target ≥ 500,000/s)")
        print("reference   \(formatRate(reference)) rows/s  (bare scan of the same rows, no hashing)")
        print("ratio       \(String(format: "%.2f", rate / reference))")
        print("")
        print("replay      \(formatRate(replayRate)) records/s  (\(String(format: "%.2f", replaySeconds)) s, \(formatRate(Double(items))) items)  (state check of `audit verify`)")
        print("reference   \(formatRate(replayReference)) rows/s  (bare scan of the same rows in item order, nothing compared)")
        print("ratio       \(String(format: "%.2f", replayRate / replayReference))")
        print("peak memory \(String(format: "%.1f", Resources.peakMB)) MB")
    }
}
