import Foundation
import WinnowStore

/// What `winnow-bench stress` checks once every reviewer has stopped, from their logs and the
/// store alone.
struct StressCheck {
    private(set) var violations: [String] = []
    private(set) var summary = ""

    /// Operations the reviewers perform; their audit records carry these actions.
    static let operations = ["label", "merge", "unmerge", "undo", "redo"]

    init(store: Store, outcomes: [StressOutcome], items: [Int64], initialVersions: [Int64: Int],
         initialValues: [Int64: [String: String]]) throws {
        var records: [AuditRecord] = []
        try AuditLog.forEach(AuditLog.Query(), in: store) { records.append($0) }
        let fieldRecords = records.filter { Self.operations.contains($0.action) && $0.itemID != nil && $0.field != nil }

        checkRefusals(outcomes)
        checkAccepted(outcomes, in: fieldRecords)
        // The same check `winnow audit verify` makes: the chain, and every item's state against a
        // replay of the whole log (beside this harness's own replay of the reviewers' records).
        let audit = try AuditLog.check(store)
        let verification = audit.chain
        if let broken = verification.firstBroken {
            violations.append("the audit chain breaks at #\(broken.seq): \(broken.reason)")
        }
        for drift in audit.state.drifts { violations.append("audit verify: \(drift.description)") }
        if audit.state.driftCount > audit.state.drifts.count {
            violations.append("audit verify: … and \(audit.state.driftCount - audit.state.drifts.count) more differences")
        }
        try checkReplay(fieldRecords, store: store, items: items, initialValues: initialValues)
        checkVersionsSeen(outcomes)
        try checkVersionChains(outcomes, store: store, items: items, initialVersions: initialVersions)
        summary = Self.summarize(outcomes, auditRecords: verification.records)
    }

    /// Every refusal is one the reviewer is told precisely; a raw error must never surface.
    private mutating func checkRefusals(_ outcomes: [StressOutcome]) {
        for outcome in outcomes where !outcome.accepted {
            if outcome.refusal == "unexpected" || (outcome.message ?? "").isEmpty {
                violations.append("\(Self.describe(outcome)): an unreported or raw error: \(outcome.message ?? "(no message)")")
            }
        }
    }

    /// Every accepted action's changes are its audit records, and the reviewers' records are
    /// exactly those of accepted actions (a refused action wrote none).
    private mutating func checkAccepted(_ outcomes: [StressOutcome], in fieldRecords: [AuditRecord]) {
        let bySeq = Dictionary(uniqueKeysWithValues: fieldRecords.map { ($0.seq, $0) })
        var accounted = 0
        for outcome in outcomes where outcome.accepted && !outcome.changes.isEmpty {
            accounted += outcome.changes.count
            guard outcome.auditSeqs.count == 2 else {
                violations.append("\(Self.describe(outcome)): accepted with changes but no audit records")
                continue
            }
            let logged = (outcome.auditSeqs[0]...outcome.auditSeqs[1]).compactMap { bySeq[$0] }
                .filter { $0.reviewer == outcome.reviewer && $0.action == outcome.operation }
                .map { StressOutcome.Change(item: $0.itemID!, field: $0.field!, old: $0.oldValue, new: $0.newValue) }
            if logged != outcome.changes {
                violations.append("\(Self.describe(outcome)): its changes are not in the audit log as written (audit #\(outcome.auditSeqs[0])…#\(outcome.auditSeqs[1]))")
            }
        }
        if fieldRecords.count != accounted {
            violations.append("the audit log holds \(fieldRecords.count) field changes by reviewers, accepted actions account for \(accounted)")
        }
    }

    /// Per item and field, replaying the log from the values before the run gives every record's
    /// old value and, at the end, the item's current value.
    private mutating func checkReplay(_ fieldRecords: [AuditRecord], store: Store, items: [Int64],
                                      initialValues: [Int64: [String: String]]) throws {
        var replayed = initialValues
        for record in fieldRecords.sorted(by: { $0.seq < $1.seq }) {
            let item = record.itemID!, field = record.field!
            let before = replayed[item]?[field]
            if record.oldValue != before {
                violations.append("audit #\(record.seq): #\(item) \(field) was \(Self.shown(before)) by the log, the record says \(Self.shown(record.oldValue))")
            }
            replayed[item, default: [:]][field] = record.newValue
        }
        let current = try store.acceptedValues(of: items)
        for item in items {
            let now = current[item] ?? [:], expected = replayed[item] ?? [:]
            for field in Set(now.keys).union(expected.keys).sorted() where now[field] != expected[field] {
                violations.append("#\(item) \(field) is \(Self.shown(now[field])) but replaying the audit log gives \(Self.shown(expected[field]))")
            }
        }
    }

    /// Each accepted action wrote over exactly the version its reviewer acted on; an item it had not
    /// seen may only be a cluster member moved with its checked canonical, or a canonical whose
    /// cluster changed.
    private mutating func checkVersionsSeen(_ outcomes: [StressOutcome]) {
        for outcome in outcomes where outcome.accepted {
            for (item, before) in outcome.versionsBefore.sorted(by: { $0.key < $1.key }) {
                if let seen = outcome.expected[item] {
                    if seen != before {
                        violations.append("\(Self.describe(outcome)): acted on version \(seen) of #\(item) but wrote over version \(before)")
                    }
                } else if outcome.changes.contains(where: { $0.item == item && $0.field != "canonical" }) {
                    violations.append("\(Self.describe(outcome)): changed #\(item) without having seen it")
                }
            }
        }
    }

    /// Versions of each item form one chain from its version before the run to its version now,
    /// one accepted action per step: no two accepted actions started from the same version (a lost
    /// update), and nothing changed an item without an accepted action.
    private mutating func checkVersionChains(_ outcomes: [StressOutcome], store: Store, items: [Int64],
                                             initialVersions: [Int64: Int]) throws {
        var steps: [Int64: [(before: Int, after: Int)]] = [:]
        for outcome in outcomes where outcome.accepted {
            for (item, before) in outcome.versionsBefore { steps[item, default: []].append((before, outcome.versionsAfter[item] ?? -1)) }
        }
        let now = try store.versions(of: items)
        for item in items {
            var version = initialVersions[item] ?? 0
            for step in (steps[item] ?? []).sorted(by: { $0.before < $1.before }) {
                if step.before < version {
                    violations.append("#\(item): two accepted actions both started from version \(step.before) (a lost update)")
                } else if step.before != version || step.after != step.before + 1 {
                    violations.append("#\(item): version \(version) became \(step.before) with no logged action, then \(step.after)")
                }
                version = max(version, step.after)
            }
            if now[item] != version {
                violations.append("#\(item) is at version \(now[item].map(String.init) ?? "none") but the accepted actions end at \(version)")
            }
        }
    }

    static func summarize(_ outcomes: [StressOutcome], auditRecords: Int) -> String {
        let accepted = outcomes.filter(\.accepted)
        let refused = outcomes.filter { !$0.accepted }
        func count(_ list: [StressOutcome], _ key: (StressOutcome) -> String) -> String {
            Dictionary(grouping: list, by: key).map { "\($0.key) \($0.value.count)" }.sorted().joined(separator: ", ")
        }
        let changed = accepted.filter { !$0.changes.isEmpty }.count
        return """
            accepted: \(accepted.count) actions, \(changed) of them changed something (\(count(accepted, \.operation)))
            refused: \(refused.count), each with its message (\(count(refused) { $0.refusal ?? "?" }))
            version conflicts refused: \(refused.filter { $0.refusal == "ConcurrencyError" || $0.refusal == "UndoError" }.count)
            audit records: \(auditRecords), chain checked
            """
    }

    static func describe(_ outcome: StressOutcome) -> String {
        "\(outcome.reviewer) \(outcome.operation) on \(outcome.items.map { "#\($0)" }.joined(separator: ", "))"
    }

    static func shown(_ value: String?) -> String { value.map { "`\($0)`" } ?? "none" }
}
