import Foundation
@testable import WinnowStore
@testable import WinnowTUI

/// A fixed moment for every test, so ages and snapshots never depend on the clock.
let fixedNow: Int64 = 1_792_000_000_000 // 2026-10-14T17:46:40Z

func makeRow(_ id: Int64, signal: String = "thumbs_down", severity: String? = nil, status: String = "new",
             intent: String? = "billing.refund", owner: String? = nil, preview: String = "How do I get a refund?",
             ageMinutes: Int64 = 90, cluster: Int = 1, claimedBy: String? = nil, version: Int = 0) -> QueueRow {
    QueueRow(id: id, signal: signal, weight: 0.5, timestampMillis: fixedNow - ageMinutes * 60_000, intent: intent,
             status: status, isOpen: status == "new" || status == "in_review", severity: severity, owner: owner,
             clusterSize: cluster, claimedBy: claimedBy, claimExpiresMillis: claimedBy == nil ? nil : fixedNow + 600_000,
             preview: preview, version: version)
}

func makeState(width: Int = 80, height: Int = 24, rows: [QueueRow] = [], total: Int? = nil) -> AppState {
    var state = AppState(width: width, height: height, workspaceName: "Test workspace", reviewer: "alice", singleUser: true,
                         now: fixedNow, themeName: "dusk", themeNames: ["dusk", "daylight", "contrast", "okabe-ito", "mono"])
    _ = Reducer.reduce(&state, .window(rows: rows, start: 0, total: total ?? rows.count, open: rows.count, cursor: 0))
    return state
}

/// Presses `keys` in order through the reducer alone; the effects they asked for, in order.
func press(_ state: inout AppState, _ keys: String...) -> [Effect] {
    var effects: [Effect] = []
    for k in keys { effects += Reducer.reduce(&state, .key(Key(k))) }
    return effects
}

/// Presses `keys` in order, then lets the runtime settle (its store reads and writes done).
func press(_ runtime: QueueRuntime, _ keys: String...) {
    for key in keys { runtime.dispatch(.key(Key(key))) }
    runtime.settle()
}

/// A temporary workspace with events, for tests that drive the real store.
final class FixtureWorkspace {
    let directory: URL
    let store: Store

    /// `edit` changes the winnow.toml the workspace was created with before the store opens it.
    init(lines: [String], editConfig edit: ((String) -> String)? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-tui-\(UUID().uuidString)")
        let workspace = try Workspace.create(at: directory, name: "Fixture")
        if let edit {
            try Data(edit(try String(contentsOf: workspace.configURL, encoding: .utf8)).utf8).write(to: workspace.configURL)
        }
        store = try Store.open(workspace)
        var data = Data()
        for line in lines { data.append(contentsOf: line.utf8); data.append(10) }
        let input = ImportInput(name: "fixture.jsonl", source: MemoryByteSource(data), format: .jsonl)
        _ = try EventImporter(store: store, identity: Identity(reviewer: "t", osUser: "t")).run(input)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func runtime(width: Int, height: Int, reviewer: String = "alice", themeNames: [String] = ["dusk", "mono"],
                 keymap: Keymap = .standard) -> QueueRuntime {
        let state = AppState(width: width, height: height, workspaceName: store.config.name, reviewer: reviewer,
                             singleUser: true, now: fixedNow, themeName: themeNames[0], themeNames: themeNames, keymap: keymap)
        let session = QueueSession(store: store, identity: Identity(reviewer: reviewer, osUser: "tester"), clock: { fixedNow })
        let runtime = QueueRuntime(state: state.withVocabulary(of: store), session: session)
        runtime.start()
        runtime.settle()
        return runtime
    }
}

func fixtureEvent(_ i: Int, signal: String = "thumbs_down", prompt: String? = nil, response: String = "Open Billing and choose Refund.",
                  minutesAgo: Int = 0, extra: String = "") -> String {
    let ts = RFC3339Format.string(fixedNow - Int64(minutesAgo) * 60_000 - Int64(i * i) * 3_700_000)
    let p = prompt ?? "Question number \(i) about refunds"
    let escapedPrompt = String(decoding: try! JSONEncoder().encode(p), as: UTF8.self)
    let escapedResponse = String(decoding: try! JSONEncoder().encode(response), as: UTF8.self)
    return #"{"id":"evt-\#(i)","ts":"\#(ts)","signal":"\#(signal)","prompt":\#(escapedPrompt),"response":\#(escapedResponse),"intent":"billing.refund"\#(extra)}"#
}

import WinnowCore
enum RFC3339Format {
    static func string(_ millis: Int64) -> String { RFC3339.format(millis: millis) }
}

/// An item's detail with only what a test cares about set.
func makeDetail(_ row: QueueRow, response: String = "Open Billing and choose Refund.", locus: String? = nil,
                reasons: [String] = [], arrived: String? = nil, correction: String? = nil, correctionState: String? = nil,
                canonical: Int64? = nil) -> ItemDetail {
    ItemDetail(row: row, eventID: "evt-\(row.id)", timestamp: "", prompt: "p", response: response, arrivedCorrection: arrived,
               correction: correction, correctionState: correctionState, requestID: nil, userID: nil, cohort: nil, channel: nil,
               page: nil, escalationReason: nil, csat: nil, modelVersion: nil, promptVersion: nil, policyPack: nil, sources: [],
               toolCalls: [], locus: locus, reasons: reasons, trainable: nil, canonicalID: canonical)
}

extension FixtureWorkspace {
    /// A colleague's change behind the runtime's back: `identity` labels `item` at its current
    /// version, then lets it go (releases the claim the label took).
    func label(_ field: LabelField, _ value: String, on item: Int64, by identity: Identity) throws {
        try store.applyLabel(field, value: value, to: [item], by: identity, expectedVersions: try store.versions(of: [item]))
        try store.releaseClaim(item, by: identity)
    }
}
