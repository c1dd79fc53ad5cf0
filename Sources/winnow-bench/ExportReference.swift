import Foundation
import GRDB
import WinnowStore

/// The export benchmark's workspace set-up and its reference.
enum BenchSettlement {
    /// Settles 40 % of the items (by item number, so it is the same every run) as one bulk update:
    /// triaged or resolved, with labels and a reviewer's accepted status judgment; the arrived
    /// correction accepted on corrections, and a written one (the prompt answered with another turn
    /// of its dialog, here the response and prompt swapped) on a quarter of the other settled items.
    /// The write path would take hours over a million items; what the export reads is the same.
    static func settle(_ store: Store) throws -> (settled: Int, corrected: Int) {
        try store.pool.write { db in
            try db.execute(sql: """
                UPDATE items SET status = CASE WHEN id % 10 < 3 THEN 'triaged' ELSE 'resolved' END, is_open = 0,
                    severity = 'S' || (1 + id % 4), locus = 'knowledge', reasons = '["stale"]'
                WHERE id % 10 < 4;
                UPDATE items SET correction = (SELECT correction FROM events WHERE rowid = items.id), correction_state = 'accepted'
                WHERE id % 10 < 4 AND signal = 'explicit_correction';
                UPDATE items SET correction = (SELECT response || ' ' || prompt FROM events WHERE rowid = items.id), correction_state = 'written'
                WHERE id % 10 < 4 AND signal <> 'explicit_correction' AND id % 40 < 10;
                INSERT INTO judgments(item_id, field, value, reviewer, os_user, created_ms, state)
                SELECT id, 'status', status, 'reviewer-' || (id % 7), 'bench', ts_ms + 60000, 'accepted' FROM items WHERE id % 10 < 4;
                """)
            let settled = try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE id % 10 < 4") ?? 0
            let corrected = try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE correction IS NOT NULL") ?? 0
            return (settled, corrected)
        }
    }
}

extension Store {
    /// The reference: the columns a DPO record is made of, for the rows the export considers, read
    /// with one plain SELECT in item order and written as JSONL with the same encoder settings and
    /// the same 1 MB buffered writes, with no rules, redaction or hashing. Returns the rows written.
    func writeBareSelectJSONL(to url: URL, asOfMillis: Int64) throws -> Int {
        struct Line: Encodable {
            var prompt, chosen, rejected, source, event_id: String
            var request_id, severity, locus, reasons: String?
            var weight: Double
            var item_id: Int64
        }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var buffer = Data()
        var rows = 0
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT items.id, items.signal, items.weight, items.severity, items.locus, items.reasons, items.correction,
                       events.id AS event_id, events.request_id, events.prompt, events.response
                FROM items JOIN events ON events.rowid = items.id
                WHERE items.ts_ms <= ? AND items.correction IS NOT NULL AND items.correction_state IN ('written', 'accepted')
                ORDER BY items.id
                """, arguments: [asOfMillis])
            while let row = try cursor.next() {
                let line = Line(prompt: row["prompt"], chosen: row["correction"], rejected: row["response"], source: row["signal"],
                                event_id: row["event_id"], request_id: row["request_id"], severity: row["severity"],
                                locus: row["locus"], reasons: row["reasons"], weight: row["weight"], item_id: row["id"])
                buffer.append(try encoder.encode(line))
                buffer.append(0x0A)
                rows += 1
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        try handle.write(contentsOf: buffer)
        return rows
    }
}
