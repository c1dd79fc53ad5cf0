import Foundation
import WinnowStore

/// One attempted action of a stress reviewer and what became of it: one JSON line in its log.
struct StressOutcome: Codable {
    struct Change: Codable, Equatable {
        var item: Int64
        var field: String
        var old: String?
        var new: String?
    }

    var reviewer: String
    /// "label", "merge", "unmerge", "undo", "redo".
    var operation: String
    var items: [Int64]
    /// The version of each item the reviewer acted on (for an undo or redo: the versions the undone
    /// action left, as the queue keeps them).
    var expected: [Int64: Int]
    var accepted: Bool
    var auditSeqs: [Int64] = []
    var changes: [Change] = []
    var versionsBefore: [Int64: Int] = [:]
    var versionsAfter: [Int64: Int] = [:]
    /// The refusal's type, as the reviewer is told it ("ConcurrencyError", …) or "unexpected".
    var refusal: String?
    var message: String?

    static func accepted(_ changeSet: ChangeSet, reviewer: String, operation: String, items: [Int64], expected: [Int64: Int]) -> StressOutcome {
        StressOutcome(reviewer: reviewer, operation: operation, items: items, expected: expected, accepted: true,
                      auditSeqs: changeSet.auditSeqs.map { [$0.lowerBound, $0.upperBound] } ?? [],
                      changes: changeSet.changes.map { Change(item: $0.itemID, field: $0.field, old: $0.oldValue, new: $0.newValue) },
                      versionsBefore: changeSet.versionsBefore, versionsAfter: changeSet.versionsAfter)
    }

    static func refused(_ error: Error, reviewer: String, operation: String, items: [Int64], expected: [Int64: Int]) -> StressOutcome {
        StressOutcome(reviewer: reviewer, operation: operation, items: items, expected: expected, accepted: false,
                      refusal: refusalType(error), message: "\(error)")
    }

    /// The refusals a reviewer is shown with a precise message; anything else is a raw error that
    /// must never reach a reviewer.
    static func refusalType(_ error: Error) -> String {
        switch error {
        case is ConcurrencyError: "ConcurrencyError"
        case is UndoError: "UndoError"
        case is ClaimError: "ClaimError"
        case is MergeError: "MergeError"
        case is LabelError: "LabelError"
        case is StoreBusyError: "StoreBusyError"
        default: "unexpected"
        }
    }
}

/// Appends outcomes to a file, one flushed line each, so a reviewer that dies leaves what it did.
final class StressLogWriter {
    private let handle: FileHandle
    private let encoder = JSONEncoder()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw StressError("cannot create the log \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func write(_ outcome: StressOutcome) throws {
        var line = try encoder.encode(outcome)
        line.append(10)
        try handle.write(contentsOf: line)
    }

    deinit { try? handle.close() }
}

struct StressError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
