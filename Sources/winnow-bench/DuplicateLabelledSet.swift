import WinnowCore

/// Base texts, their planted near-duplicates and hard negatives, which pairs are duplicates, and
/// what each text is (for the breakdown of what is missed and what is wrongly suggested).
struct LabelledSet {
    enum Edit: Int, CaseIterable {
        case typo, casing, punctuation, filler, swappedWords, numbersAndIds, greetingOrSignature

        var name: String {
            switch self {
            case .typo: "typo"
            case .casing: "casing"
            case .punctuation: "punctuation"
            case .filler: "filler word"
            case .swappedWords: "swapped words"
            case .numbersAndIds: "number or id"
            case .greetingOrSignature: "greeting or signature"
            }
        }
    }

    enum Origin: Equatable {
        /// A corpus turn.
        case base
        /// A planted near-duplicate of the base at that index, made with these edits.
        case copy(of: Int, edits: [Edit])
        /// A hard negative of the base at that index.
        case negative(of: Int)
    }

    var texts: [String] = []
    var origins: [Origin] = []
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

    /// The base text a text was made from (itself for a base).
    func base(of index: Int) -> Int {
        switch origins[index] {
        case .base: index
        case .copy(let base, _), .negative(let base): base
        }
    }

    /// Corpus turns with at least 4 tokens, each once after normalisation, in a seeded order.
    static func pool(_ corpus: DialogCorpus, _ generator: inout SplitMix64) -> [String] {
        var seen = Set<[String]>()
        var pool: [String] = []
        for dialog in corpus.dialogs {
            for turn in dialog.turns {
                let tokens = ComparableText(turn).tokens
                if tokens.count >= 4, seen.insert(tokens).inserted { pool.append(turn) }
            }
        }
        for i in pool.indices.reversed() where i > 0 { pool.swapAt(i, generator.below(i + 1)) }
        return pool
    }

    /// Content words for hard negatives: alphabetic words of 4+ letters from the whole pool.
    static func vocabulary(_ pool: [String]) -> [String] {
        Array(Set(pool.flatMap { $0.split(separator: " ").map { String($0).lowercased() } }
            .filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) && !stopwords.contains($0) })).sorted()
    }

    static func build(corpus: DialogCorpus, bases: Int, duplicateShare: Int, negativeShare: Int, seed: UInt64) throws -> LabelledSet {
        var generator = SplitMix64(seed: seed)
        let pool = pool(corpus, &generator)
        let chosen = Array(pool.prefix(bases))
        let vocabulary = vocabulary(pool)

        var set = LabelledSet()
        set.baseCount = chosen.count
        for base in chosen {
            let baseIndex = set.texts.count
            set.texts.append(base)
            set.origins.append(.base)
            if generator.percent(duplicateShare) {
                set.groupCount += 1
                var group = [baseIndex]
                for _ in 0..<generator.between(1, 3) {
                    let (copy, edits) = plantedCopy(of: base, &generator)
                    group.append(set.texts.count)
                    set.texts.append(copy)
                    set.origins.append(.copy(of: baseIndex, edits: edits))
                    set.plantedCount += 1
                }
                for i in group.indices { for j in group.indices where j > i { set.truth.insert(Pair(group[i], group[j])) } }
            }
            if generator.percent(negativeShare), let negative = hardNegative(base, vocabulary, &generator) {
                set.texts.append(negative)
                set.origins.append(.negative(of: baseIndex))
                set.negativeCount += 1
            }
        }
        return set
    }

    /// A copy of `base` with 1–3 known edits.
    static func plantedCopy(of base: String, _ generator: inout SplitMix64) -> (String, [Edit]) {
        var words = base.split(separator: " ").map(String.init)
        var edits: [Edit] = []
        for _ in 0..<generator.between(1, 3) {
            let kind = Edit(rawValue: generator.below(Edit.allCases.count))!
            edits.append(kind)
            edit(kind, &words, &generator)
        }
        return (words.joined(separator: " "), edits)
    }

    /// One known edit of the kind a resubmitted or copied complaint shows.
    static func edit(_ kind: Edit, _ words: inout [String], _ generator: inout SplitMix64) {
        guard !words.isEmpty else { return }
        switch kind {
        case .typo: // A letter swapped, dropped or doubled in a word of 3+ letters.
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
        case .casing:
            switch generator.below(3) {
            case 0: words = words.map { $0.uppercased() }
            case 1: words = words.map { $0.lowercased() }
            default: words = words.map { $0.capitalized }
            }
        case .punctuation: // Added or removed.
            if generator.percent(50) {
                let index = generator.below(words.count)
                words[index] += generator.pick(["!", "?", ",", "...", "!!"])
            } else {
                words = words.map { String($0.filter { !$0.isPunctuation }) }.filter { !$0.isEmpty }
            }
        case .filler: // Deleted when there is one, else inserted.
            if let index = words.indices.first(where: { fillers.contains(words[$0].lowercased()) }), words.count > 1, generator.percent(50) {
                words.remove(at: index)
            } else {
                words.insert(generator.pick(fillers), at: generator.below(words.count + 1))
            }
        case .swappedWords: // Neighbours.
            guard words.count >= 2 else { return }
            let at = generator.below(words.count - 1)
            words.swapAt(at, at + 1)
        case .numbersAndIds: // Changed, or an order number or id appended.
            if let index = words.indices.first(where: { words[$0].contains(where: \.isNumber) }) {
                words[index] = String(generator.between(10, 99_999))
            } else if generator.percent(50) {
                words += ["order", String(generator.between(10_000, 99_999))]
            } else {
                words += ["ref", "inv_" + generator.hex(8)]
            }
        case .greetingOrSignature:
            if generator.percent(50) { words.insert(generator.pick(greetings), at: 0) } else { words.append(generator.pick(signatures)) }
        }
    }

    /// The base with 2–3 of its content words replaced by other corpus words, or a third of them
    /// when that is more: a different complaint about something else, sharing most of its words.
    /// A third, because in a long turn 2 changed words of 30 are what a resubmitted copy with a
    /// few edits looks like, not another complaint.
    static func hardNegative(_ base: String, _ vocabulary: [String], _ generator: inout SplitMix64) -> String? {
        var words = base.split(separator: " ").map(String.init)
        let content = words.indices.filter { words[$0].count >= 4 && words[$0].allSatisfy(\.isLetter) && !stopwords.contains(words[$0].lowercased()) }
        guard content.count >= 2, !vocabulary.isEmpty else { return nil }
        var replaceable = content
        for _ in 0..<min(content.count, max(generator.between(2, 3), (content.count + 2) / 3)) {
            let index = replaceable.remove(at: generator.below(replaceable.count))
            words[index] = generator.pick(vocabulary)
        }
        return words.joined(separator: " ")
    }
}

/// Two texts' indices, the smaller first.
struct Pair: Hashable {
    let a: Int
    let b: Int
    init(_ x: Int, _ y: Int) { a = min(x, y); b = max(x, y) }
}
