import ArgumentParser
import Foundation
import WinnowCore

/// Speed of near-duplicate search at workspace size: 100,000 texts through the store's path
/// (sketch, band-key candidates within the store's bounds, exact verification), beside
/// datasketch's `MinHash.bulk` + `MinHashLSH` insert and query on the same texts in the same run,
/// with both recalls on the planted pairs and how many candidates each text costs.
struct DupesSpeedBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes-speed",
        abstract: "Near-duplicate search on 100,000 corpus texts, timed beside Python's datasketch.",
        discussion: """
            Texts: the chatterbot-corpus turns of the dupes bench (at least 4 tokens, each once after normalisation; \
            \(DialogCorpus.installCommand)), up to half of --texts, in a seeded order; then 1–3 planted near-duplicates of each \
            in turn (the dupes bench's edits) until --texts are reached; then all shuffled. A duplicate-heavy queue: most texts have near-duplicates, so candidates \
            per text are an upper bound for a real one. Winnow is timed from raw text to verified pairs, single-threaded; \
            datasketch from its first hash to its last query.
            """
    )

    @Option(help: "Texts in all.")
    var texts = 100_000

    @Option(help: "Similarity threshold (and datasketch's LSH threshold); default: Winnow's.")
    var threshold = DuplicateSketch.defaultMinSimilarity

    @Option(help: "LSH bands (default: Winnow's).")
    var bands = DuplicateParameters.standard.bands

    @Option(help: "MinHash rows per band (default: Winnow's).")
    var rows = DuplicateParameters.standard.rows

    @Option(help: "The chatterbot-corpus package directory (default: where python3 finds it).")
    var corpus: String?

    @Option(help: "Seed of the sample, the edits and the order.")
    var seed: UInt64 = 1

    @Flag(help: "Do not run the datasketch reference.")
    var skipPython = false

    func validate() throws {
        guard texts > 1 else { throw ValidationError("--texts must be at least 2") }
        guard bands > 0, rows > 0 else { throw ValidationError("--bands and --rows must be positive") }
        guard threshold > 0, threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1]") }
    }

    func run() throws {
        let (all, truth, bases) = try Self.queue(DialogCorpus.load(path: corpus), count: texts, seed: seed)
        print("Near-duplicate search: \(NumberFormat.grouped(all.count)) texts (\(NumberFormat.grouped(bases)) corpus turns, "
              + "\(NumberFormat.grouped(all.count - bases)) planted near-duplicates), \(NumberFormat.grouped(truth.count)) duplicate pairs; "
              + "seed \(seed); load average \(Resources.loadAverage)")

        let parameters = DuplicateParameters(bands: bands, rows: rows)
        let start = DispatchTime.now().uptimeNanoseconds
        var search = DuplicateSearch(parameters: parameters, capacity: all.count)
        var suggested = Set<Pair>()
        var sketchNanoseconds: UInt64 = 0
        for (index, text) in all.enumerated() {
            let before = DispatchTime.now().uptimeNanoseconds
            let sketch = DuplicateSketch(text: text, parameters: parameters)
            sketchNanoseconds += DispatchTime.now().uptimeNanoseconds - before
            for match in DuplicateSearch.suggested(search.add(sketch, floor: threshold), threshold: threshold) {
                suggested.insert(Pair(index, match.other))
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let winnow = Score(suggested: suggested, truth: truth)
        let counts = CandidateCounts(search.verifiedCounts)
        print("\nWinnow: sketches → LSH \(bands) bands × \(rows) rows → the store's bounds → exact Jaccard ≥ \(threshold)")
        print(String(format: "winnow time: %.2f s (sketches %.2f s, candidates and verification %.2f s), %@ texts/s",
                     seconds, Double(sketchNanoseconds) / 1e9, seconds - Double(sketchNanoseconds) / 1e9, formatRate(Double(all.count) / seconds)))
        print("candidates per text: \(counts.summary)")
        print(winnow.line("winnow", threshold: threshold))

        guard !skipPython else { return }
        guard let python = try DatasketchReference.run(all, threshold: threshold) else {
            print("\nPython's datasketch is missing: \(DatasketchReference.installHint); Winnow's side alone above.")
            return
        }
        let reference = Score(suggested: python.pairs, truth: truth)
        print(String(format: "\ndatasketch time: %.2f s (MinHash.bulk, MinHashLSH insert and query, %d permutations), %@ texts/s",
                     python.seconds, DatasketchReference.permutations, formatRate(Double(all.count) / python.seconds)))
        print(reference.line("datasketch", threshold: threshold))
        let ratio = python.seconds / seconds
        print(String(format: "Winnow %.1f× %@ than datasketch (target ≥ 10× faster); recall %.3f against %.3f (target: equal or better)",
                     ratio >= 1 ? ratio : 1 / ratio, ratio >= 1 ? "faster" : "slower", winnow.recall, reference.recall))
    }

    /// The texts in a seeded order, the planted duplicate pairs among them, and how many are corpus texts.
    static func queue(_ corpus: DialogCorpus, count: Int, seed: UInt64) throws -> ([String], Set<Pair>, Int) {
        var generator = SplitMix64(seed: seed)
        let bases = Array(LabelledSet.pool(corpus, &generator).prefix(count / 2))
        var texts: [String] = []
        var groups: [[Int]] = []
        for base in bases {
            texts.append(base)
            groups.append([texts.count - 1])
        }
        // Copies go round the bases until the queue is full, 1–3 at a time.
        var next = 0
        while texts.count < count {
            for _ in 0..<min(generator.between(1, 3), count - texts.count) {
                texts.append(LabelledSet.plantedCopy(of: bases[next], &generator).0)
                groups[next].append(texts.count - 1)
            }
            next = (next + 1) % bases.count
        }
        var order = Array(texts.indices)
        for i in order.indices.reversed() where i > 0 { order.swapAt(i, generator.below(i + 1)) }
        var position = [Int](repeating: 0, count: texts.count)
        for (at, index) in order.enumerated() { position[index] = at }
        var truth = Set<Pair>()
        for group in groups {
            for i in group.indices { for j in group.indices where j > i { truth.insert(Pair(position[group[i]], position[group[j]])) } }
        }
        return (order.map { texts[$0] }, truth, bases.count)
    }
}
