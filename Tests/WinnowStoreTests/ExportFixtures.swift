import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Events crafted for the training exports: each at a time relative to a fixed as-of, settled
/// (triaged) and corrected through the store's own write paths.
final class ExportWorkspace {
    let ws: TestWorkspace
    static let asOf: Int64 = RFC3339.parseMillis("2026-11-30T12:00:00Z")!
    static let day: Int64 = 86_400_000
    var store: Store { ws.store }
    var identity: Identity { ws.identity }

    struct Event {
        var id: String
        var age: Int64 = ExportWorkspace.day
        var signal = "explicit_correction"
        var user: String? = "u-\(UUID().uuidString.prefix(6))"
        var prompt = "How do I get a refund for my annual plan?"
        var response = "Open Billing and click Refund."
        var intent: String? = "billing.refund"
        var requestID: String?
        var csat: Int?
        var sources: [String]?

        init(_ id: String, _ change: (inout Event) -> Void = { _ in }) {
            self.id = id
            change(&self)
        }

        var line: String {
            var object: [String: Any] = ["id": id, "ts": RFC3339.format(millis: ExportWorkspace.asOf - age), "signal": signal,
                                         "prompt": prompt, "response": response]
            if let user { object["user_id"] = user }
            if let intent { object["intent"] = intent }
            if let requestID { object["request_id"] = requestID }
            if let csat { object["csat"] = csat }
            if let sources { object["sources"] = sources }
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    /// A correction far enough from the default response to pass the edit-distance rule.
    static let goodCorrection = "Refunds for annual plans are issued by billing-ops within 5 business days: open a ticket."

    /// `evalShare`: the eval slice's share of each week; the default chooses no item of these
    /// small weeks, so only the tests about leakage have eval items (which they add themselves).
    /// Near-duplicate suggestions are off: the crafted events share their texts, and every
    /// suggestion of an eval item is a leak (the leakage tests write the pairs they need).
    init(_ events: [Event], config: String? = nil, evalShare: Double = 0.001) throws {
        ws = try TestWorkspace(config: "[eval]\nshare = \(evalShare)\n\n[dupes]\nenabled = false\n\n" + (config ?? ""))
        let summary = try ws.importFile(try ws.file("events.jsonl", events.map(\.line).joined(separator: "\n")))
        XCTAssertEqual(summary.imported, events.count, "every crafted event imports")
    }

    func item(_ eventID: String) throws -> Int64 {
        try store.pool.read { try Int64.fetchOne($0, sql: "SELECT rowid FROM events WHERE id = ?", arguments: [eventID])! }
    }

    /// Triaged, with a written correction (nil: none).
    @discardableResult
    func settle(_ eventID: String, correction: String? = ExportWorkspace.goodCorrection, status: String = "triaged") throws -> Int64 {
        let id = try item(eventID)
        try store.applyLabels([.status: status], to: [id], by: identity, expectedVersions: try store.versions(of: [id]))
        if let correction {
            try store.setCorrection(correction, on: id, by: identity, expectedVersions: try store.versions(of: [id]))
        }
        return id
    }

    func label(_ eventID: String, _ field: LabelField, _ value: String) throws {
        let id = try item(eventID)
        try store.applyLabels([field: value], to: [id], by: identity, expectedVersions: try store.versions(of: [id]))
    }

    /// Puts items in the eval set, as a frozen slice would.
    func makeEval(_ items: [Int64]) throws {
        try store.pool.write { db in
            for item in items {
                try db.execute(sql: "INSERT INTO eval_items(item_id, week, stratum, chosen_ms) VALUES (?, 'test', 'test', 0)",
                               arguments: [item])
            }
        }
    }

    func url(_ name: String) -> URL { ws.directory.appendingPathComponent(name) }

    func export(_ kind: TrainingExportKind = .dpo, to name: String = "out.jsonl", filter: String? = nil, dryRun: Bool = false,
                conversational: Bool = false, dropLeaking: Bool = false) throws -> TrainingExportResult {
        try store.exportTraining(TrainingExportOptions(kind: kind, asOfMillis: Self.asOf, filter: filter, conversational: conversational,
                                                       dropLeaking: dropLeaking, dryRun: dryRun, output: url(name)),
                                 by: identity)
    }

    /// The data file's records, parsed.
    func records(_ name: String = "out.jsonl") throws -> [[String: Any]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    func keptItems(_ name: String = "out.jsonl") throws -> [Int64] {
        try records(name).map { ($0["item_id"] as! NSNumber).int64Value }
    }
}
