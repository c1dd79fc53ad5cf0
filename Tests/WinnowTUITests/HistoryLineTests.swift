import Foundation
import XCTest
import WinnowStore
@testable import WinnowTUI

final class HistoryLineTests: XCTestCase {
    private func record(_ action: String, item: Int64, field: String, old: String?, new: String?) throws -> AuditRecord {
        var object: [String: Any] = ["seq": 7, "ts_ms": 1_800_000_000_000, "reviewer": "alice", "os_user": "alice-os",
                                     "action": action, "item_id": item, "field": field, "prev_hash": "", "hash": ""]
        if let old { object["old_value"] = old }
        if let new { object["new_value"] = new }
        return try JSONDecoder().decode(AuditRecord.self, from: JSONSerialization.data(withJSONObject: object))
    }

    func testHistoryLinesSayWhatHappenedToTheViewedItem() throws {
        let prefix = "#7  2027-01-15 08:00:00  alice (alice-os)  "
        XCTAssertEqual(HistoryLine.text(try record("label", item: 1, field: "severity", old: nil, new: "S2"), viewing: 1),
                       prefix + "label severity: ∅ → S2")
        XCTAssertEqual(HistoryLine.text(try record("claim", item: 1, field: "claim", old: nil, new: "alice"), viewing: 1),
                       prefix + "claim: ∅ → alice")
        XCTAssertEqual(HistoryLine.text(try record("merge", item: 4, field: "canonical", old: nil, new: "1"), viewing: 1),
                       prefix + "#4 merged into this item")
        XCTAssertEqual(HistoryLine.text(try record("undo", item: 4, field: "canonical", old: "1", new: nil), viewing: 1),
                       prefix + "undo: #4 left this cluster")
        // The duplicate's own history names its canonical.
        XCTAssertEqual(HistoryLine.text(try record("merge", item: 4, field: "canonical", old: nil, new: "1"), viewing: 4),
                       prefix + "merge canonical: ∅ → 1")
    }
}
