import Foundation
import GRDB
import PropertyBased
import Testing
@testable import WinnowStore

/// Whatever a reviewer does through the write path, the state is what replaying the log gives;
/// and whatever single value is then changed behind the store's back, the replay names it.
@Suite struct StateReplayPropertyTests {
    private static let tampers: [(column: String, field: String, sql: String)] = [
        ("severity", "severity", "severity = 'S9'"),
        ("status", "status", "status = 'duplicate'"),
        ("locus", "locus", "locus = 'policy_scope'"),
        ("owner", "owner", "owner = 'nobody'"),
        ("correction", "correction", "correction = 'forged'"),
        ("canonical_id", "canonical", "canonical_id = CASE WHEN canonical_id IS NULL THEN ? ELSE NULL END"),
    ]

    @Test func anyRunOfActionsReplaysAndAnyEditBehindTheStoresBackIsNamed() async {
        await propertyCheck(count: 12, input: Gen.int(in: 0...100_000).array(of: 1...25), Gen.int(in: 0...10_000)) { codes, tamper in
            let ws = try workspace(6, extra: { $0 % 2 == 0 ? #","correction":"Use the Refunds page.""# : "" })
            let me = ws.identity
            var done: [ChangeSet] = []
            var undone: [ChangeSet] = []
            for code in codes {
                let item = Int64(code % 6 + 1), other = Int64(code / 6 % 6 + 1), value = code / 36
                // A refused action (nothing to merge, changed since…) changes nothing: that is part of the property.
                switch code % 8 {
                case 0: if let c = try? ws.store.applyLabel(.severity, value: ["S1", "S2", "S3", "S4"][value % 4], to: [item, other], by: me) { done.append(c) }
                case 1: if let c = try? ws.store.applyLabel(.locus, value: ["retrieval", "model"][value % 2], to: [item], by: me) { done.append(c) }
                case 2: if let c = try? ws.store.applyLabel(.status, value: ["triaged", "resolved", "new", "in_review"][value % 4], to: [item], by: me) { done.append(c) }
                case 3: if let c = try? ws.store.merge([item], into: other, by: me) { done.append(c) }
                case 4: if let c = try? ws.store.unmerge([item], by: me) { done.append(c) }
                case 5: if let c = try? ws.store.setCorrection("Fix \(value)", on: item, by: me) { done.append(c) }
                case 6: if let last = done.popLast(), let c = try? ws.store.undo(last, by: me) { undone.append(c) }
                default: if let last = undone.popLast(), let c = try? ws.store.redo(last, by: me) { done.append(c) }
                }
            }
            let check = try AuditLog.check(ws.store)
            #expect(check.passes, "\(codes): \(check.state.drifts) \(String(describing: check.chain.firstBroken))")

            let (column, field, assignment) = Self.tampers[tamper % Self.tampers.count]
            let target = Int64(tamper / 6 % 6 + 1)
            try ws.store.pool.write { db in
                try db.execute(sql: "UPDATE items SET \(assignment) WHERE id = ?",
                               arguments: column == "canonical_id" ? [target % 6 + 1, target] : [target])
            }
            let drifts = try AuditLog.replayState(ws.store).drifts
            #expect(drifts.contains { $0.item == target && $0.field == field }, "\(codes), \(column) of #\(target): \(drifts)")
        }
    }
}
