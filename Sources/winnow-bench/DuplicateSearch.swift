import WinnowCore

/// The store's near-duplicate search, in memory: texts arrive one by one; each one's candidates
/// are the earlier texts that share a band key with it (each key read for its newest
/// `bucketLimit` texts), the `verifyLimit` sharing the most bands verified by exact similarity
/// (newest first among equals), and of those at or above the threshold the `pairsPerItem` most
/// similar are suggested. The bounds are WinnowStore's (`DuplicateIndex`), so the bench measures
/// what a workspace would suggest, not an idealised all-pairs search.
struct DuplicateSearch {
    static let bucketLimit = 64
    static let verifyLimit = 100
    static let pairsPerItem = 8

    /// One verified candidate of a text: an earlier text and their similarity.
    struct Match {
        let other: Int
        let similarity: Double
    }

    let parameters: DuplicateParameters
    private(set) var sketches: [DuplicateSketch] = []
    private var buckets: [Int64: [Int32]] = [:]
    /// Per earlier text, how many bands it shares with the text being added; reset after each text.
    private var shared: [UInt16] = []
    /// How many candidates each text had verified (what the store reads from SQLite, one row each).
    private(set) var verifiedCounts: [Int] = []

    init(parameters: DuplicateParameters = .standard, capacity: Int = 0) {
        self.parameters = parameters
        sketches.reserveCapacity(capacity)
        buckets.reserveCapacity(capacity * parameters.bands)
        shared.reserveCapacity(capacity)
        verifiedCounts.reserveCapacity(capacity)
    }

    /// Adds a text's sketch; returns its verified candidates at or above `floor`, most similar first.
    mutating func add(_ sketch: DuplicateSketch, floor: Double) -> [Match] {
        let index = sketches.count
        sketches.append(sketch)
        shared.append(0)
        guard !sketch.isEmpty else {
            verifiedCounts.append(0)
            return []
        }
        var touched: [Int32] = []
        for key in sketch.bandKeys {
            guard let bucket = buckets[key] else { continue }
            for other in bucket.suffix(Self.bucketLimit) {
                if shared[Int(other)] == 0 { touched.append(other) }
                shared[Int(other)] += 1
            }
        }
        let ranked = touched.sorted { shared[Int($0)] != shared[Int($1)] ? shared[Int($0)] > shared[Int($1)] : $0 > $1 }
            .prefix(Self.verifyLimit)
        var matches: [Match] = []
        for other in ranked {
            let similarity = sketch.similarity(to: sketches[Int(other)])
            if similarity >= floor { matches.append(Match(other: Int(other), similarity: similarity)) }
        }
        for other in touched { shared[Int(other)] = 0 }
        verifiedCounts.append(ranked.count)
        for key in sketch.bandKeys { buckets[key, default: []].append(Int32(index)) }
        matches.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.other < $1.other }
        return matches
    }

    /// What the store would suggest for a text at `threshold`, from its matches at a lower floor.
    static func suggested(_ matches: [Match], threshold: Double) -> ArraySlice<Match> {
        matches.prefix { $0.similarity >= threshold }.prefix(pairsPerItem)
    }
}
