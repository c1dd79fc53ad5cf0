import ArgumentParser
import Foundation
import WinnowCore
import WinnowDemoData
import WinnowStore

/// One reviewer process of `winnow-bench stress`: until the deadline it reads the versions of a
/// few random items, sometimes waits (so colleagues act in between), then labels, merges,
/// unmerges, undoes or redoes through the same store calls the queue makes, keeping its own undo
/// and redo stacks as the queue does, and logs every outcome.
struct StressReviewer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress-reviewer",
        abstract: "One reviewer process of `winnow-bench stress` (started by it).",
        shouldDisplay: false
    )

    @Option(help: "The workspace directory.") var workspace: String
    @Option(help: "This reviewer's name.") var reviewer: String
    @Option(help: "Seed of this reviewer's choices.") var seed: UInt64
    @Option(help: "Stop at this time (Unix milliseconds).") var until: Int64
    @Option(help: "Where to log the outcomes (JSON lines).") var log: String
    @Flag(help: "Label with versions read again just before acting, as a screen that refreshes blindly would (proves the check catches it).")
    var loseUpdates = false

    func run() throws {
        let store = try Store.open(Workspace(directory: URL(fileURLWithPath: workspace)))
        let identity = Identity(reviewer: reviewer, osUser: ProcessInfo.processInfo.userName)
        let reader = QueueReader(store: store, reviewer: reviewer)
        let items = try reader.versions(reader.compile(FilterQuery()), sort: .oldest, offset: 0, limit: Int.max / 2).keys.sorted()
        guard items.count >= 3 else { throw StressError("the workspace has \(items.count) items; the stress test needs at least 3") }
        let writer = try StressLogWriter(path: log)
        var rng = SplitMix64(seed: seed)
        var session = StressSession(store: store, identity: identity, log: writer)
        let labels: [(LabelField, [String])] = [LabelField.severity, .status, .locus, .owner, .trainable].map { ($0, store.allowedValues($0)) }
            .filter { !$0.1.isEmpty }

        func pick(_ count: Int) -> [Int64] {
            var chosen: [Int64] = []
            while chosen.count < min(count, items.count) {
                let item = items[rng.below(items.count)]
                if !chosen.contains(item) { chosen.append(item) }
            }
            return chosen
        }
        // Sometimes think before acting, so colleagues change what was read; sometimes act at once.
        func think() {
            if rng.below(3) == 0 { usleep(UInt32(rng.below(25_000))) }
        }

        while Clock.nowMillis() < until {
            try session.releaseHeldClaims()
            let roll = rng.below(100)
            if roll < 50 {
                let targets = pick(1 + rng.below(3))
                let (field, values) = labels[rng.below(labels.count)]
                let value = values[rng.below(values.count)]
                let seen = try store.versions(of: targets)
                think()
                let acting = loseUpdates ? try store.versions(of: targets) : seen
                try session.act("label", items: targets, expected: seen) {
                    try store.applyLabel(field, value: value, to: targets, by: identity, expectedVersions: acting)
                }
            } else if roll < 65 {
                let chosen = pick(2 + rng.below(2))
                let seen = try store.versions(of: chosen)
                think()
                try session.act("merge", items: chosen, expected: seen) {
                    try store.merge(Array(chosen.dropFirst()), into: chosen[0], by: identity, expectedVersions: seen)
                }
            } else if roll < 77 {
                let targets = pick(1 + rng.below(2))
                let seen = try store.versions(of: targets)
                think()
                try session.act("unmerge", items: targets, expected: seen) {
                    try store.unmerge(targets, by: identity, expectedVersions: seen)
                }
            } else if roll < 92 {
                think()
                try session.undo()
            } else {
                think()
                try session.redo()
            }
        }
        try session.releaseHeldClaims()
    }
}

/// A reviewer's session as the queue keeps it: undo and redo stacks whose expectations follow the
/// reviewer's own undos, claims held until the next action.
struct StressSession {
    let store: Store
    let identity: Identity
    let log: StressLogWriter
    var undoStack: [ChangeSet] = []
    var redoStack: [ChangeSet] = []
    var held: [Int64] = []

    init(store: Store, identity: Identity, log: StressLogWriter) {
        self.store = store
        self.identity = identity
        self.log = log
    }

    /// Runs one action and logs what became of it; an accepted one can be undone.
    mutating func act(_ operation: String, items: [Int64], expected: [Int64: Int], _ body: () throws -> ChangeSet) throws {
        do {
            let changeSet = try body()
            try log.write(.accepted(changeSet, reviewer: identity.reviewer, operation: operation, items: items, expected: expected))
            if !changeSet.isEmpty {
                undoStack.append(changeSet)
                redoStack.removeAll()
            }
            held = Array(Set(changeSet.changes.map(\.itemID)))
        } catch {
            try log.write(.refused(error, reviewer: identity.reviewer, operation: operation, items: items, expected: expected))
        }
    }

    mutating func undo() throws {
        guard let last = undoStack.popLast() else { return }
        let (store, identity) = (self.store, self.identity)
        switch try reverse(last, operation: "undo", { try store.undo(last, by: identity) }) {
        case .success(let undone): redoStack.append(undone)
        case .failure(let error): if Self.mayWorkLater(error) { undoStack.append(last) }
        }
    }

    mutating func redo() throws {
        guard let last = redoStack.popLast() else { return }
        let (store, identity) = (self.store, self.identity)
        switch try reverse(last, operation: "redo", { try store.redo(last, by: identity) }) {
        case .success(let redone): undoStack.append(redone)
        case .failure(let error): if Self.mayWorkLater(error) { redoStack.append(last) }
        }
    }

    /// Undoes or redoes `entry`; on success the entries left expect the versions it left.
    private mutating func reverse(_ entry: ChangeSet, operation: String, _ body: () throws -> ChangeSet) throws -> Result<ChangeSet, Error> {
        let items = Array(Set(entry.changes.map(\.itemID))).sorted()
        do {
            let reversal = try body()
            try log.write(.accepted(reversal, reviewer: identity.reviewer, operation: operation, items: items, expected: entry.versionsAfter))
            undoStack = undoStack.map { $0.expecting(stateRestoredBy: reversal, reversing: entry) }
            redoStack = redoStack.map { $0.expecting(stateRestoredBy: reversal, reversing: entry) }
            held = items
            return .success(reversal)
        } catch {
            try log.write(.refused(error, reviewer: identity.reviewer, operation: operation, items: items, expected: entry.versionsAfter))
            return .failure(error)
        }
    }

    /// As the queue does: a refused undo stays on its stack only if it may work later; a conflict will not.
    static func mayWorkLater(_ error: Error) -> Bool { !(error is UndoError) }

    /// A reviewer moving on releases the items it just worked.
    mutating func releaseHeldClaims() throws {
        for item in held {
            do {
                _ = try store.releaseClaim(item, by: identity)
            } catch is StoreBusyError {
                // The claim then runs out on its own; colleagues are told who holds it meanwhile.
            }
        }
        held = []
    }
}
