import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

/// `winnow-bench stress`: reviewer processes working the same few items at once through the real
/// write path, then a check that nothing they were told was lost, and nothing was lost silently.
struct StressBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Reviewer processes label, merge, unmerge, undo and redo the same items at once; then checks that no update was lost.",
        discussion: """
            Each reviewer is a separate process (a hidden `stress-reviewer` subcommand) that reads the versions of \
            random items, sometimes waits, then acts through the store calls the queue makes, and logs every \
            outcome. Afterwards: every refusal was a reported refusal (no raw database error), every accepted action \
            is in the audit log, the chain verifies, every item's values equal the replay of the log, and every \
            accepted write was based on the version its reviewer saw. Exits non-zero on any violation.
            """
    )

    @Option(help: "Reviewer processes.") var reviewers = 8
    @Option(help: "How long they work, in seconds.") var seconds = 60
    @Option(help: "Seed of the reviewers' choices (each reviewer's own seed derives from it).") var seed: UInt64 = 1
    @Option(help: "A new or empty directory: the workspace and the reviewers' logs are kept there.") var workspace: String
    @Option(help: "Items in the workspace: few, so reviewers collide.") var items = 24
    @Flag(help: ArgumentHelp("Reviewers label with versions read again just before acting, so the check must fail.", visibility: .hidden))
    var loseUpdates = false

    func validate() throws {
        guard (1...64).contains(reviewers) else { throw ValidationError("--reviewers must be between 1 and 64") }
        guard (1...86_400).contains(seconds) else { throw ValidationError("--seconds must be between 1 and 86400") }
        guard (3...100_000).contains(items) else { throw ValidationError("--items must be between 3 and 100000") }
        let root = URL(fileURLWithPath: workspace)
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: root.path), !contents.isEmpty {
            throw ValidationError("--workspace \(workspace) is not empty: give a new or empty directory")
        }
    }

    func run() throws {
        let root = URL(fileURLWithPath: workspace)
        let workspaceURL = try BenchEvents.workspace(events: items, in: root)
        let store = try Store.open(Workspace(directory: workspaceURL))
        let reader = QueueReader(store: store, reviewer: "stress")
        let initialVersions = try reader.versions(reader.compile(FilterQuery()), sort: .oldest, offset: 0, limit: items)
        let itemIDs = initialVersions.keys.sorted()
        let initialValues = try store.acceptedValues(of: itemIDs)

        let names = (1...reviewers).map { "reviewer-\($0)" }
        let deadline = Clock.nowMillis() + Int64(seconds) * 1000
        print("winnow-bench stress: \(reviewers) reviewers × \(seconds) s on \(itemIDs.count) items, seed \(seed), in \(root.path)")
        let statuses = try runReviewers(names, workspace: workspaceURL, root: root, deadline: deadline)

        var outcomes: [StressOutcome] = []
        var violations: [String] = []
        for (name, status) in zip(names, statuses) {
            if status != 0 {
                let output = (try? String(contentsOf: root.appendingPathComponent("\(name).out"), encoding: .utf8)) ?? ""
                violations.append("\(name) exited with status \(status): \(output.suffix(400))")
            }
            let logURL = root.appendingPathComponent("\(name).jsonl")
            let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
            for (number, line) in text.split(separator: "\n").enumerated() {
                do {
                    outcomes.append(try JSONDecoder().decode(StressOutcome.self, from: Data(line.utf8)))
                } catch {
                    violations.append("\(logURL.lastPathComponent) line \(number + 1) is not an outcome: \(error)")
                }
            }
        }
        let check = try StressCheck(store: store, outcomes: outcomes, items: itemIDs, initialVersions: initialVersions,
                                    initialValues: initialValues)
        violations += check.violations
        print(check.summary)
        guard violations.isEmpty else {
            print("result: \(violations.count) violation\(violations.count == 1 ? "" : "s")")
            for violation in violations.prefix(30) { print("  - \(violation)") }
            throw ExitCode(1)
        }
        print("result: OK, no update lost")
    }

    /// Starts one process per reviewer (this executable's hidden subcommand) and waits for all.
    private func runReviewers(_ names: [String], workspace: URL, root: URL, deadline: Int64) throws -> [Int32] {
        guard let executable = Bundle.main.executableURL else { throw StressError("cannot locate this executable to start reviewers") }
        var processes: [Process] = []
        for (index, name) in names.enumerated() {
            let process = Process()
            process.executableURL = executable
            // Each reviewer's choices derive from the run's seed, so a run is repeatable up to timing.
            let reviewerSeed = seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
            process.arguments = ["stress-reviewer", "--workspace", workspace.path, "--reviewer", name, "--seed", String(reviewerSeed),
                                 "--until", String(deadline), "--log", root.appendingPathComponent("\(name).jsonl").path]
                + (loseUpdates ? ["--lose-updates"] : [])
            // Output goes to a file, not a pipe: nothing can block on an unread pipe.
            let outputURL = root.appendingPathComponent("\(name).out")
            _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            let output = try FileHandle(forWritingTo: outputURL)
            process.standardOutput = output
            process.standardError = output
            try process.run()
            processes.append(process)
        }
        // A reviewer still running a minute after the deadline is stuck: it is stopped (by its pid)
        // and reported, rather than the run waiting forever.
        let giveUp = Date(timeIntervalSince1970: Double(deadline) / 1000 + 60)
        while processes.contains(where: \.isRunning), Date() < giveUp { usleep(100_000) }
        return processes.map { process in
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                print("\(process.arguments?[4] ?? "a reviewer") was still running a minute after the deadline: stopped")
            }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }
}
