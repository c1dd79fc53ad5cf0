import ArgumentParser
import Foundation
import WinnowCore

/// Quality of near-duplicate suggestions on a labelled set built from real conversational text,
/// measured on the path a workspace takes (`DuplicateSketch` → band-key buckets → the store's
/// candidate bounds → exact similarity ≥ threshold), beside Python's `datasketch` on the same texts.
struct DupesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes",
        abstract: "Precision and recall of near-duplicate suggestions on planted duplicates; reference: Python's datasketch.",
        discussion: """
            Base texts are chatterbot-corpus turns (every language; \(DialogCorpus.installCommand)). A share of them get \
            1–3 planted near-duplicates, each with 1–3 known edits (typos, casing, punctuation, filler words, swapped words, \
            numbers and ids, greetings and signatures); some get a hard negative: 2–3 of its content words replaced by other \
            corpus words, or a third of them when that is more (in a long turn, 2 words changed of 30 is what a resubmitted \
            copy looks like, not another complaint). Every pair within a planted group is a duplicate and nothing else is, so near-identical turns the corpus \
            itself holds count as false positives, also where they are the same question (simplified and traditional \
            Chinese, the same words reordered): the precision printed is a lower bound. --breakdown shows where recall and \
            precision are lost.
            """
    )

    @Option(help: "Base texts (turns of at least 4 tokens, distinct after normalisation).")
    var texts = 2_000

    @Option(help: "Share of base texts that get planted near-duplicates, in percent.")
    var duplicateShare = 30

    @Option(help: "Share of base texts that get a hard negative, in percent.")
    var negativeShare = 15

    @Option(help: "Similarity threshold of the suggestions (and datasketch's LSH threshold); default: Winnow's.")
    var threshold = DuplicateSketch.defaultMinSimilarity

    @Option(help: "LSH bands (default: Winnow's).")
    var bands = DuplicateParameters.standard.bands

    @Option(help: "MinHash rows per band (default: Winnow's).")
    var rows = DuplicateParameters.standard.rows

    @Option(help: "The chatterbot-corpus package directory (default: where python3 finds it).")
    var corpus: String?

    @Option(help: "Seed of the sample and the edits.")
    var seed: UInt64 = 1

    @Flag(help: "Recall by pair kind, edits, length and edit kind; false positives by kind.")
    var breakdown = false

    @Option(help: "With --breakdown: this many missed pairs and false positives shown.")
    var examples = 0

    @Option(help: "Corpus turns in the labelled workspace the suggested labels are measured on (0: not measured).")
    var labelTurns = 2_000

    @Flag(help: "Do not run the datasketch reference.")
    var skipPython = false

    func validate() throws {
        guard bands > 0, rows > 0 else { throw ValidationError("--bands and --rows must be positive") }
        guard threshold > 0, threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1]") }
    }

    func run() throws {
        let set = try LabelledSet.build(corpus: DialogCorpus.load(path: corpus), bases: texts, duplicateShare: duplicateShare,
                                        negativeShare: negativeShare, seed: seed)
        print("Near duplicates: \(NumberFormat.grouped(set.texts.count)) texts (\(NumberFormat.grouped(set.baseCount)) chatterbot-corpus turns, "
              + "\(NumberFormat.grouped(set.plantedCount)) planted near-duplicates in \(set.groupCount) groups, "
              + "\(NumberFormat.grouped(set.negativeCount)) hard negatives), \(NumberFormat.grouped(set.truth.count)) duplicate pairs; "
              + "seed \(seed); load average \(Resources.loadAverage)")

        // The whole path timed together, from raw text to verified pairs. Every verified candidate
        // is kept (floor 0), so one run gives the table at every threshold and the candidate recall.
        let parameters = DuplicateParameters(bands: bands, rows: rows)
        let start = DispatchTime.now().uptimeNanoseconds
        let sketches = set.texts.map { DuplicateSketch(text: $0, parameters: parameters) }
        let afterSketches = DispatchTime.now().uptimeNanoseconds
        var search = DuplicateSearch(parameters: parameters, capacity: sketches.count)
        let matches = sketches.map { search.add($0, floor: 0) }
        let end = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(end - start) / 1e9

        func suggested(at threshold: Double) -> [Pair: Double] {
            var pairs: [Pair: Double] = [:]
            for (index, found) in matches.enumerated() {
                for match in DuplicateSearch.suggested(found, threshold: threshold) { pairs[Pair(index, match.other)] = match.similarity }
            }
            return pairs
        }
        let verified = Set(matches.enumerated().flatMap { index, found in found.map { Pair(index, $0.other) } })
        let candidateRecall = Double(set.truth.intersection(verified).count) / Double(max(1, set.truth.count))
        let counts = CandidateCounts(search.verifiedCounts)
        print("\nWinnow: shingles (letter trigrams of longer words, shorter tokens whole, neighbouring pairs; greetings, sign-offs, fillers, numbers and ids left out) → MinHash \(parameters.permutations) → LSH \(bands) bands × \(rows) rows "
              + "→ the store's bounds (\(DuplicateSearch.bucketLimit) newest per band key, the \(DuplicateSearch.verifyLimit) sharing most bands) "
              + "→ exact Jaccard ≥ threshold")
        print(String(format: "  %.3f of the duplicate pairs are verified candidates; candidates per text: %@", candidateRecall, counts.summary))
        print("\n  threshold  suggested  precision  recall     F1")
        for step in 3...9 {
            let t = Double(step) / 10
            let score = Score(suggested: Set(suggested(at: t).keys), truth: set.truth)
            print(String(format: "  %9.1f  %9d  %9.3f  %6.3f  %5.3f", t, score.suggested, score.precision, score.recall, score.f1))
        }
        let chosen = suggested(at: threshold)
        let winnow = Score(suggested: Set(chosen.keys), truth: set.truth)
        print("\n" + winnow.line("winnow", threshold: threshold))
        let met = winnow.precision >= 0.95 && winnow.recall >= 0.90
        print("targets (precision ≥ 0.95, recall ≥ 0.90): \(met ? "met" : "NOT met")")
        print(String(format: "winnow time: %@ (sketches %@, candidates and verification %@), %@ texts/s",
                     ms(seconds).trimmingCharacters(in: .whitespaces),
                     ms(Double(afterSketches - start) / 1e9).trimmingCharacters(in: .whitespaces),
                     ms(Double(end - afterSketches) / 1e9).trimmingCharacters(in: .whitespaces),
                     formatRate(Double(set.texts.count) / seconds)))
        if breakdown {
            DupesBreakdown(set: set, sketches: sketches, suggested: chosen, threshold: threshold).print(examples: examples)
        }

        if labelTurns > 0 {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-labels-\(getpid())")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            print("\n" + (try SuggestedLabelsAccuracy.measure(corpus: DialogCorpus.load(path: corpus), turns: labelTurns, seed: seed, in: root)).report())
        }

        guard !skipPython else { return }
        guard let python = try DatasketchReference.run(set.texts, threshold: threshold) else {
            print("\nPython's datasketch is missing: \(DatasketchReference.installHint); Winnow's side alone above.")
            return
        }
        let reference = Score(suggested: python.pairs, truth: set.truth)
        print("\ndatasketch: MinHash \(DatasketchReference.permutations) of the lowercased text's whitespace tokens → "
              + "MinHashLSH(threshold=\(threshold)); its query results are the suggestions")
        print(reference.line("datasketch", threshold: threshold))
        let ratio = python.seconds / seconds
        print(String(format: "datasketch time: %@, %@ texts/s; Winnow %.1f× %@",
                     ms(python.seconds).trimmingCharacters(in: .whitespaces), formatRate(Double(set.texts.count) / python.seconds),
                     ratio >= 1 ? ratio : 1 / ratio, ratio >= 1 ? "faster" : "slower"))
    }
}

/// How many candidates the texts had verified: the store reads one row per candidate.
struct CandidateCounts {
    let mean: Double
    let p99: Int
    let max: Int

    init(_ counts: [Int]) {
        let sorted = counts.sorted()
        mean = counts.isEmpty ? 0 : Double(counts.reduce(0, +)) / Double(counts.count)
        p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        max = sorted.last ?? 0
    }

    var summary: String { String(format: "mean %.1f, p99 %d, max %d", mean, p99, max) }
}

struct Score {
    let suggested: Int
    let correct: Int
    let duplicates: Int

    init(suggested pairs: Set<Pair>, truth: Set<Pair>) {
        suggested = pairs.count
        correct = pairs.intersection(truth).count
        duplicates = truth.count
    }

    /// A suggestion-free run is vacuously precise: nothing wrong was suggested.
    var precision: Double { suggested == 0 ? 1 : Double(correct) / Double(suggested) }
    var recall: Double { duplicates == 0 ? 1 : Double(correct) / Double(duplicates) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    func line(_ name: String, threshold: Double) -> String {
        String(format: "%@ at threshold %.2f: precision %.3f  recall %.3f  F1 %.3f  (%d suggested, %d correct, %d duplicate pairs)",
               name, threshold, precision, recall, f1, suggested, correct, duplicates)
    }
}
