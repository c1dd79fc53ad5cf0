import ArgumentParser
import Foundation
import WinnowCore
import WinnowDemoData
import WinnowFuzz

struct FuzzBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Feed random and mutated event lines through import, then draw every stored item; report what ran.",
        discussion: """
            Seeds: the demo's events (hostile ones included) and SampleData/bad-events.jsonl. Each input is a \
            structurally mutated event (extreme numbers, huge or hostile strings, deep nesting, odd timestamps, \
            missing or repeated fields), a byte-mutated one (flipped, inserted, deleted or spliced bytes, invalid \
            UTF-8, dropped quotes), or noise. Accepted items are drawn with the queue's own presentation at \
            80×24, 200×60, 60×16 and 20×5. A crash stops the run; output that would act on a terminal is counted \
            and fails it.
            """
    )

    @Option(help: "Number of input lines.")
    var inputs = 1_000_000

    @Option(help: "Seed of the generator (the same seed gives the same inputs).")
    var seed: UInt64 = 1

    @Option(help: "Lines per import.")
    var batch = 2_000

    @Option(help: "Start a new scratch workspace after this many lines, to keep it small.")
    var workspaceEvery = 100_000

    @Option(help: "The SampleData directory (for bad-events.jsonl).")
    var sampleData = "SampleData"

    func validate() throws {
        guard (1...1_000_000_000).contains(inputs) else { throw ValidationError("--inputs must be from 1 to 1,000,000,000") }
        guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be from 1 to 100,000") }
        guard workspaceEvery >= 1 else { throw ValidationError("--workspace-every must be at least 1") }
    }

    func run() throws {
        let seeds = EventLineMutator.standardSeeds(sampleData: URL(fileURLWithPath: sampleData))
        var mutator = EventLineMutator(seedLines: seeds)
        var rng = SplitMix64(seed: seed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-fuzz-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        print("winnow-bench fuzz: \(formatRate(Double(inputs))) inputs, seed \(seed), \(seeds.count) seed lines")
        var total = FuzzTally()
        var workspace: FuzzWorkspace?
        var sinceWorkspace = 0
        let (_, seconds) = try measure {
            var done = 0
            let started = DispatchTime.now().uptimeNanoseconds
            var lastReport = started
            while done < inputs {
                if workspace == nil || sinceWorkspace >= workspaceEvery {
                    try workspace?.close()
                    workspace = try FuzzWorkspace(directory: root.appendingPathComponent("ws-\(done)"))
                    sinceWorkspace = 0
                }
                let count = min(batch, inputs - done)
                let lines = (0..<count).map { _ in mutator.next(using: &rng) }
                total.add(try workspace!.run(lines))
                done += count
                sinceWorkspace += count
                if DispatchTime.now().uptimeNanoseconds - lastReport > 30_000_000_000 {
                    // A running account, so a run cut short still says exactly what it did.
                    lastReport = DispatchTime.now().uptimeNanoseconds
                    let elapsed = Double(lastReport - started) / 1e9
                    FileHandle.standardError.write(Data(("  \(formatRate(Double(done))) inputs in \(Int(elapsed)) s: accepted \(formatRate(Double(total.accepted))), "
                        + "rejected \(formatRate(Double(total.rejected))), items drawn \(formatRate(Double(total.itemsRendered))), unsafe output \(total.unsafeOutput.count)\n").utf8))
                }
            }
            try workspace?.close()
        }
        print("  inputs            \(formatRate(Double(total.inputs)))")
        print("  accepted          \(formatRate(Double(total.accepted)))  (skipped as already stored: \(formatRate(Double(total.skipped))), blank: \(formatRate(Double(total.blank))))")
        print("  rejected          \(formatRate(Double(total.rejected)))")
        for (code, count) in total.rejectedByReason.sorted(by: { $0.value > $1.value }) {
            print("    \(code.padding(toLength: 24, withPad: " ", startingAt: 0)) \(formatRate(Double(count)))")
        }
        print("  items drawn       \(formatRate(Double(total.itemsRendered)))  (\(formatRate(Double(total.screensRendered))) screens)")
        print("  time              \(String(format: "%.1f", seconds)) s  (\(formatRate(Double(total.inputs) / seconds)) inputs/s)")
        print("  unsafe output     \(total.unsafeOutput.count)")
        for place in total.unsafeOutput { print("    \(place)") }
        if !total.unsafeOutput.isEmpty { throw ExitCode(1) }
    }
}
