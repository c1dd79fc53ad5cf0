import Foundation
import XCTest
import WinnowStore
@testable import WinnowTUI

final class HistoryLineTests: XCTestCase {
    private func record(_ action: String, seq: Int64 = 7, actionID: Int64 = 7, item: Int64, field: String, old: String?, new: String?,
                        reason: String? = nil) throws -> AuditRecord {
        var object: [String: Any] = ["seq": seq, "ts_ms": 1_800_000_000_000, "reviewer": "alice", "os_user": "alice-os",
                                     "action": action, "item_id": item, "field": field, "prev_hash": "", "hash": "",
                                     "action_id": actionID, "hash_format": 2]
        if let old { object["old_value"] = old }
        if let new { object["new_value"] = new }
        if let reason { object["reason"] = reason }
        return try JSONDecoder().decode(AuditRecord.self, from: JSONSerialization.data(withJSONObject: object))
    }

    func testHistoryLinesSayWhatHappenedToTheViewedItem() throws {
        func line(_ r: AuditRecord, viewing item: Int64) -> String { HistoryLine.change(r, viewing: item) }
        XCTAssertEqual(line(try record("label", item: 1, field: "severity", old: nil, new: "S2"), viewing: 1), "#7  label severity: ∅ → S2")
        XCTAssertEqual(line(try record("claim", item: 1, field: "claim", old: nil, new: "alice"), viewing: 1), "#7  claim: ∅ → alice")
        XCTAssertEqual(line(try record("merge", item: 4, field: "canonical", old: nil, new: "1"), viewing: 1), "#7  #4 merged into this item")
        XCTAssertEqual(line(try record("undo", item: 4, field: "canonical", old: "1", new: nil), viewing: 1), "#7  undo: #4 left this cluster")
        // The duplicate's own history names its canonical.
        XCTAssertEqual(line(try record("merge", item: 4, field: "canonical", old: nil, new: "1"), viewing: 4), "#7  merge canonical: ∅ → 1")
    }

    func testRecordsOfOneActionShareOneHeader() throws {
        let records = [
            try record("claim", seq: 7, actionID: 7, item: 1, field: "claim", old: nil, new: "alice"),
            try record("label", seq: 8, actionID: 7, item: 1, field: "locus", old: nil, new: "retrieval"),
            try record("label", seq: 9, actionID: 7, item: 1, field: "owner", old: nil, new: "search-team", reason: "default owner of locus retrieval"),
            try record("undo", seq: 40, actionID: 40, item: 1, field: "locus", old: "retrieval", new: nil, reason: "undo of action #7"),
        ]
        XCTAssertEqual(HistoryLine.lines(records, viewing: 1), [
            "action #7  2027-01-15 08:00:00 UTC  alice (alice-os)",
            "  #7  claim: ∅ → alice",
            "  #8  label locus: ∅ → retrieval",
            "  #9  label owner: ∅ → search-team  — default owner of locus retrieval",
            "action #40  2027-01-15 08:00:00 UTC  alice (alice-os)",
            "  #40  undo locus: retrieval → ∅  — undo of action #7",
        ])
    }
}
