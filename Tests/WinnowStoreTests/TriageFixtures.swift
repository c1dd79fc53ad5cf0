import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Shared by the claim, merge, correction and undo tests.
let t0: Int64 = 1_800_000_000_000
let minute: Int64 = 60_000
let alice = Identity(reviewer: "alice", osUser: "alice-os")
let bo = Identity(reviewer: "bo", osUser: "bo-os")

let rosterConfig = """
    [claims]
    lease_minutes = 10

    [[reviewer]]
    name = "alice"
    roles = ["lead", "reviewer"]

    [[reviewer]]
    name = "bo"
    roles = ["reviewer"]

    [[reviewer]]
    name = "tester"
    roles = ["reviewer"]
    """

func workspace(_ events: Int, config: String? = nil, extra: (Int) -> String = { _ in "" }) throws -> TestWorkspace {
    let ws = try TestWorkspace(config: config)
    _ = try ws.importFile(try ws.file("e.jsonl", (1...events).map { eventLine("e\($0)", extra: extra($0)) }.joined(separator: "\n")))
    return ws
}

func auditActions(_ ws: TestWorkspace, item: Int64? = nil) throws -> [String] {
    var out: [String] = []
    try AuditLog.forEach(.init(itemID: item), in: ws.store) { out.append("\($0.action):\($0.field ?? "")") }
    return out
}

func auditCount(_ ws: TestWorkspace) throws -> Int { try ws.count("SELECT count(*) FROM audit") }

