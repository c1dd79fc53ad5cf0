import Foundation
import PropertyBased
import Testing
import WinnowCore
import WinnowDemoData
import WinnowFuzz

/// The CI version of `winnow-bench fuzz`: the same generator of hostile event lines, fed through the
/// real import path into a scratch workspace, and every item that arrives drawn by the real
/// presentation at several sizes. Nothing may crash, and nothing drawn or printed may hold a
/// character that acts on a terminal.
@Suite struct FuzzPropertyTests {
    /// The shared workspace and what has gone through it, across the property's inputs.
    final class Run: @unchecked Sendable {
        let workspace: FuzzWorkspace
        var mutator: EventLineMutator
        var tally = FuzzTally()

        init() throws {
            setlocale(LC_ALL, "C.UTF-8")
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            mutator = EventLineMutator(seedLines: EventLineMutator.standardSeeds(sampleData: root.appendingPathComponent("SampleData")))
            mutator.hugeTextPieces = 1_000
            workspace = try FuzzWorkspace(directory: FileManager.default.temporaryDirectory
                .appendingPathComponent("winnow-fuzz-test-\(UUID().uuidString)"))
        }
    }

    /// Each case is one generator seed; a failure names the `.fixedSeed(…)` that replays it.
    @Test func mutatedEventLinesImportAndRenderSafely() async throws {
        let run = try Run()
        defer { try? run.workspace.close() }
        await propertyCheck(count: 25, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let lines = (0..<8).map { _ in run.mutator.next(using: &rng) }
            let tally = try run.workspace.run(lines)
            #expect(tally.unsafeOutput.isEmpty, "unsafe output: \(tally.unsafeOutput)")
            #expect(tally.accepted + tally.skipped + tally.rejected + tally.blank >= lines.count, "every line gets a verdict")
            run.tally.add(tally)
        }
        // The run means something only if both verdicts occurred and items were drawn.
        #expect(run.tally.inputs == 200)
        #expect(run.tally.accepted > 10, "accepted: \(run.tally.accepted)")
        #expect(run.tally.rejected > 40, "rejected: \(run.tally.rejected)")
        #expect(run.tally.itemsRendered == run.tally.accepted)
    }
}
