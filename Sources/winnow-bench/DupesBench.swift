import ArgumentParser
import Foundation
import WinnowCore

/// Quality of near-duplicate detection on a labelled set built from real conversational text:
/// Winnow's shingles → MinHash → LSH bands → exact Jaccard, beside Python's `datasketch`
/// (`MinHashLSH` on whitespace tokens, its usual use) on the same texts in the same run.
struct DupesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes",
        abstract: "Precision and recall of near-duplicate suggestions on planted duplicates; reference: Python's datasketch.",
        discussion: """
            Base texts are chatterbot-corpus turns (every language; \(DialogCorpus.installCommand)). A share of them get \
            1–3 planted near-duplicates with known edits (typos, casing, punctuation, filler words, swapped words, \
            numbers and ids, greetings and signatures); some get a hard negative that shares most words but names other things.
            """
    )

    @Option(help: "Base texts (turns of at least 4 tokens, distinct after normalisation).")
    var texts = 2_000

    @Option(help: "Share of base texts that get planted near-duplicates, in percent.")
    var duplicateShare = 30

    @Option(help: "Share of base texts that get a hard negative, in percent.")
    var negativeShare = 15

    @Option(help: "Jaccard threshold of the suggestions (and datasketch's LSH threshold).")
    var threshold = 0.5

    @Option(help: "LSH bands of the 128-permutation signature (rows = 128 / bands).")
    var bands = 64

    @Option(help: "The chatterbot-corpus package directory (default: where python3 finds it).")
    var corpus: String?

    @Option(help: "Seed of the sample and the edits.")
    var seed: UInt64 = 1

    @Flag(help: "Do not run the datasketch reference.")
    var skipPython = false

    static let permutations = 128

    func validate() throws {
        guard bands > 0, Self.permutations % bands == 0 else { throw ValidationError("--bands must divide 128") }
        guard threshold > 0, threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1]") }
    }

    func run() throws {
        let set = try LabelledSet.build(corpus: DialogCorpus.load(path: corpus), bases: texts, duplicateShare: duplicateShare,
                                        negativeShare: negativeShare, seed: seed)
        print("Near duplicates: \(NumberFormat.grouped(set.texts.count)) texts (\(NumberFormat.grouped(set.baseCount)) chatterbot-corpus turns, "
              + "\(NumberFormat.grouped(set.plantedCount)) planted near-duplicates in \(set.groupCount) groups, "
              + "\(NumberFormat.grouped(set.negativeCount)) hard negatives), \(NumberFormat.grouped(set.truth.count)) duplicate pairs; "
              + "seed \(seed); load average \(Resources.loadAverage)")

        // Winnow: the whole path timed together, from raw text to verified pairs.
        let hasher = MinHasher(permutations: Self.permutations, seed: 1)
        let start = DispatchTime.now().uptimeNanoseconds
        let comparable = set.texts.map { ComparableText($0) }
        let signatures = comparable.map { hasher.signature(of: $0.shingles) }
        let afterSignatures = DispatchTime.now().uptimeNanoseconds
        var buckets: [UInt64: [Int]] = [:]
        for (index, signature) in signatures.enumerated() {
            for key in MinHasher.bandKeys(signature, bands: bands) { buckets[key, default: []].append(index) }
        }
        var candidates = Set<Pair>()
        for members in buckets.values where members.count > 1 {
            for i in members.indices { for j in members.indices where j > i { candidates.insert(Pair(members[i], members[j])) } }
        }
        let afterCandidates = DispatchTime.now().uptimeNanoseconds
        // Pairs that share a band only by chance (two rows agree at s = 0.1 one time in a hundred, and
        // 64 bands give many chances) are dropped on the signatures' estimate, 128 integer compares,
        // before the exact Jaccard builds both shingle sets: 0.15 below the table's lowest threshold
        // is over 3 standard deviations of the estimate. Verified once; the table then filters the
        // same similarities at each threshold.
        let similarities = candidates
            .filter { MinHasher.estimatedSimilarity(signatures[$0.a], signatures[$0.b]) >= min(0.3, threshold) - 0.15 }
            .map { ($0, comparable[$0.a].similarity(to: comparable[$0.b])) }
        let end = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(end - start) / 1e9

        let rows = Self.permutations / bands
        let candidateRecall = Double(set.truth.intersection(candidates).count) / Double(max(1, set.truth.count))
        print("\nWinnow: shingles (tokens + neighbouring pairs) → MinHash \(Self.permutations) → LSH \(bands) bands × \(rows) rows "
              + "→ exact Jaccard ≥ threshold")
        print(String(format: "  %@ candidate pairs; %.3f of the duplicate pairs are candidates", NumberFormat.grouped(candidates.count), candidateRecall))
        print("\n  threshold  suggested  precision  recall     F1")
        for step in 3...9 {
            let t = Double(step) / 10
            let score = Score(suggested: Set(similarities.filter { $0.1 >= t }.map(\.0)), truth: set.truth)
            print(String(format: "  %9.1f  %9d  %9.3f  %6.3f  %5.3f", t, score.suggested, score.precision, score.recall, score.f1))
        }
        let winnow = Score(suggested: Set(similarities.filter { $0.1 >= threshold }.map(\.0)), truth: set.truth)
        print("\n" + winnow.line("winnow", threshold: threshold))
        let met = winnow.precision >= 0.95 && winnow.recall >= 0.90
        print("targets (precision ≥ 0.95, recall ≥ 0.90): \(met ? "met" : "NOT met")")
        print(String(format: "winnow time: %@ (signatures %@, candidates %@, verification %@), %@ texts/s",
                     ms(seconds).trimmingCharacters(in: .whitespaces),
                     ms(Double(afterSignatures - start) / 1e9).trimmingCharacters(in: .whitespaces),
                     ms(Double(afterCandidates - afterSignatures) / 1e9).trimmingCharacters(in: .whitespaces),
                     ms(Double(end - afterCandidates) / 1e9).trimmingCharacters(in: .whitespaces),
                     formatRate(Double(set.texts.count) / seconds)))

        guard !skipPython else { return }
        guard let python = try runDatasketch(set.texts) else {
            print("\nPython's datasketch is missing: pip install --user datasketch (or pip install --break-system-packages datasketch); "
                  + "Winnow's side alone above.")
            return
        }
        let reference = Score(suggested: python.pairs, truth: set.truth)
        print("\ndatasketch: MinHash \(Self.permutations) of the lowercased text's whitespace tokens → MinHashLSH(threshold=\(threshold)); "
              + "its query results are the suggestions")
        print(reference.line("datasketch", threshold: threshold))
        let ratio = python.seconds / seconds
        print(String(format: "datasketch time: %@, %@ texts/s; Winnow %.1f× %@",
                     ms(python.seconds).trimmingCharacters(in: .whitespaces), formatRate(Double(set.texts.count) / python.seconds),
                     ratio >= 1 ? ratio : 1 / ratio, ratio >= 1 ? "faster" : "slower"))
    }

    /// The datasketch reference on the texts written as JSON lines; nil when python3 or the package is missing.
    func runDatasketch(_ texts: [String]) throws -> (pairs: Set<Pair>, seconds: Double)? {
        let script = """
            import json, sys, time
            try:
                from datasketch import MinHash, MinHashLSH
            except ImportError:
                sys.exit(3)
            path, threshold = sys.argv[1], float(sys.argv[2])
            texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
            start = time.perf_counter()
            hashes = MinHash.bulk([[t.encode("utf-8") for t in text.lower().split()] for text in texts], num_perm=128)
            lsh = MinHashLSH(threshold=threshold, num_perm=128)
            for i, m in enumerate(hashes):
                lsh.insert(i, m)
            pairs = set()
            for i, m in enumerate(hashes):
                for j in lsh.query(m):
                    if j != i:
                        pairs.add((min(i, j), max(i, j)))
            elapsed = time.perf_counter() - start
            print(json.dumps({"seconds": elapsed, "pairs": sorted(pairs)}))
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-dupes-\(getpid()).jsonl")
        var lines = ""
        for text in texts {
            let data = try JSONSerialization.data(withJSONObject: ["text": text])
            lines += String(decoding: data, as: UTF8.self) + "\n"
        }
        try lines.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path, String(threshold)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let seconds = object["seconds"] as? Double, let raw = object["pairs"] as? [[Int]] else { return nil }
        return (Set(raw.map { Pair($0[0], $0[1]) }), seconds)
    }
}

/// Two texts' indices, the smaller first.
struct Pair: Hashable {
    let a: Int
    let b: Int
    init(_ x: Int, _ y: Int) { a = min(x, y); b = max(x, y) }
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

/// Base texts, their planted near-duplicates and hard negatives, and which pairs are duplicates.
struct LabelledSet {
    var texts: [String] = []
    var truth = Set<Pair>()
    var baseCount = 0
    var plantedCount = 0
    var groupCount = 0
    var negativeCount = 0

    static let fillers = ["please", "hi", "thanks", "um", "just"]
    static let greetings = ["Hi team,", "Hello,", "Hey there,", "Good morning,", "Hi support,"]
    static let signatures = ["— Anna from Acme", "Thanks, Bob", "-- sent from my phone", "Regards, Carla (Globex)", "cheers, Dmitri"]
    /// Common words never swapped in a hard negative: the negative must be about other things, not the same thing reworded.
    static let stopwords: Set<String> = ["that", "this", "what", "with", "have", "your", "from", "they", "there", "about", "would",
                                         "which", "their", "will", "when", "were", "been", "does", "just", "like", "some", "than"]

    static func build(corpus: DialogCorpus, bases: Int, duplicateShare: Int, negativeShare: Int, seed: UInt64) throws -> LabelledSet {
        var generator = SplitMix64(seed: seed)
        // Every turn of every language, once each after normalisation, at least 4 tokens; sampled in a seeded order.
        var seen = Set<[String]>()
        var pool: [String] = []
        for dialog in corpus.dialogs {
            for turn in dialog.turns {
                let tokens = ComparableText(turn).tokens
                if tokens.count >= 4, seen.insert(tokens).inserted { pool.append(turn) }
            }
        }
        for i in pool.indices.reversed() where i > 0 { pool.swapAt(i, generator.below(i + 1)) }
        let chosen = Array(pool.prefix(bases))
        // Content words for hard negatives: alphabetic words of 4+ letters from the whole pool.
        let vocabulary = Array(Set(pool.flatMap { $0.split(separator: " ").map { String($0).lowercased() } }
            .filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) && !stopwords.contains($0) })).sorted()

        var set = LabelledSet()
        set.baseCount = chosen.count
        for base in chosen {
            let baseIndex = set.texts.count
            set.texts.append(base)
            if generator.percent(duplicateShare) {
                set.groupCount += 1
                var group = [baseIndex]
                for _ in 0..<generator.between(1, 3) {
                    var words = base.split(separator: " ").map(String.init)
                    for _ in 0..<generator.between(1, 3) { edit(&words, &generator) }
                    group.append(set.texts.count)
                    set.texts.append(words.joined(separator: " "))
                    set.plantedCount += 1
                }
                for i in group.indices { for j in group.indices where j > i { set.truth.insert(Pair(group[i], group[j])) } }
            }
            if generator.percent(negativeShare), let negative = hardNegative(base, vocabulary, &generator) {
                set.texts.append(negative)
                set.negativeCount += 1
            }
        }
        return set
    }

    /// One known edit of the kind a resubmitted or copied complaint shows.
    static func edit(_ words: inout [String], _ generator: inout SplitMix64) {
        guard !words.isEmpty else { return }
        switch generator.below(7) {
        case 0: // A typo: swap, drop or double a letter of a word of 3+ letters.
            let candidates = words.indices.filter { words[$0].count >= 3 }
            guard let index = candidates.isEmpty ? nil : generator.pick(candidates) else { return }
            var letters = Array(words[index])
            let at = generator.below(letters.count - 1)
            switch generator.below(3) {
            case 0: letters.swapAt(at, at + 1)
            case 1: letters.remove(at: at)
            default: letters.insert(letters[at], at: at)
            }
            words[index] = String(letters)
        case 1: // Casing.
            switch generator.below(3) {
            case 0: words = words.map { $0.uppercased() }
            case 1: words = words.map { $0.lowercased() }
            default: words = words.map { $0.capitalized }
            }
        case 2: // Punctuation added or removed.
            if generator.percent(50) {
                let index = generator.below(words.count)
                words[index] += generator.pick(["!", "?", ",", "...", "!!"])
            } else {
                words = words.map { String($0.filter { !$0.isPunctuation }) }.filter { !$0.isEmpty }
            }
        case 3: // A filler word deleted when there is one, else inserted.
            if let index = words.indices.first(where: { fillers.contains(words[$0].lowercased()) }), words.count > 1, generator.percent(50) {
                words.remove(at: index)
            } else {
                words.insert(generator.pick(fillers), at: generator.below(words.count + 1))
            }
        case 4: // Neighbouring words swapped.
            guard words.count >= 2 else { return }
            let at = generator.below(words.count - 1)
            words.swapAt(at, at + 1)
        case 5: // Numbers and ids changed, or an order number or id appended.
            if let index = words.indices.first(where: { words[$0].contains(where: \.isNumber) }) {
                words[index] = String(generator.between(10, 99_999))
            } else if generator.percent(50) {
                words += ["order", String(generator.between(10_000, 99_999))]
            } else {
                words += ["ref", "inv_" + generator.hex(8)]
            }
        default: // A greeting before or a signature after.
            if generator.percent(50) { words.insert(generator.pick(greetings), at: 0) } else { words.append(generator.pick(signatures)) }
        }
    }

    /// The base with 2–3 content words replaced by other corpus words: a different complaint about something else.
    static func hardNegative(_ base: String, _ vocabulary: [String], _ generator: inout SplitMix64) -> String? {
        var words = base.split(separator: " ").map(String.init)
        let content = words.indices.filter { words[$0].count >= 4 && words[$0].allSatisfy(\.isLetter) && !stopwords.contains(words[$0].lowercased()) }
        guard content.count >= 2, !vocabulary.isEmpty else { return nil }
        var replaceable = content
        for _ in 0..<min(content.count, generator.between(2, 3)) {
            let index = replaceable.remove(at: generator.below(replaceable.count))
            words[index] = generator.pick(vocabulary)
        }
        return words.joined(separator: " ")
    }
}
