/// How texts are sketched for near-duplicate search. Every field is part of `fingerprint`: a store
/// whose sketches were made with other parameters must be rebuilt before its suggestions mean anything.
public struct DuplicateParameters: Equatable, Sendable {
    /// MinHash permutations; `bands × rows` of them are cut into LSH bands.
    public var bands: Int
    public var rows: Int
    public var seed: UInt64
    public var masks: ComparableText.Masks
    /// Only a text's first characters are compared: a pasted log must not cost the import its rate.
    public var maxCharacters: Int

    public init(bands: Int = 32, rows: Int = 4, seed: UInt64 = 1, masks: ComparableText.Masks = .all, maxCharacters: Int = 4_000) {
        precondition(bands > 0 && rows > 0 && maxCharacters > 0)
        self.bands = bands
        self.rows = rows
        self.seed = seed
        self.masks = masks
        self.maxCharacters = maxCharacters
    }

    public static let standard = DuplicateParameters()

    public var permutations: Int { bands * rows }

    /// Names every parameter and the sketch's version: stored beside the sketches.
    public var fingerprint: String {
        "sketch-v2 bands=\(bands) rows=\(rows) seed=\(seed) masks=\(masks.rawValue) chars=\(maxCharacters)"
    }
}

/// What near-duplicate search keeps of a text: its shingles hashed to 32 bits (sorted and
/// distinct, so the exact Jaccard similarity of two sketches is one merge of two short arrays,
/// with no text to re-read or re-normalise), and the LSH band keys of its MinHash signature, which
/// find the candidates. Two equal texts after normalisation have equal sketches.
public struct DuplicateSketch: Equatable, Sendable {
    /// The Jaccard similarity from which a pair is suggested, unless the workspace sets another.
    public static let defaultMinSimilarity = 0.6

    public let shingleHashes: [UInt32]
    public let bandKeys: [Int64]

    public init(text: String, parameters: DuplicateParameters = .standard) {
        let comparable = ComparableText(String(text.prefix(parameters.maxCharacters)), masking: parameters.masks)
        self.init(shingleHashes: comparable.shingleHashes.map(Self.stored), parameters: parameters)
    }

    /// A sketch from stored shingle hashes (any order, repeats allowed).
    public init(shingleHashes: [UInt32], parameters: DuplicateParameters = .standard) {
        let sorted = Array(Set(shingleHashes)).sorted()
        self.shingleHashes = sorted
        if sorted.isEmpty {
            bandKeys = []
        } else {
            let hasher = MinHasher.cached(permutations: parameters.permutations, seed: parameters.seed)
            let signature = hasher.signature(ofHashes: sorted)
            bandKeys = MinHasher.bandKeys(signature, bands: parameters.bands).map { Int64(bitPattern: $0) }
        }
    }

    /// One hash of the whole shingle set: equal for texts that are the same after normalisation,
    /// so an exact copy is found by one lookup instead of a candidate search.
    public var contentHash: Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for shingle in shingleHashes { hash = MinHasher.mix(hash ^ UInt64(shingle)) }
        return Int64(bitPattern: hash)
    }

    /// A text with no comparable token (empty, only punctuation) is never anyone's duplicate.
    public var isEmpty: Bool { shingleHashes.isEmpty }

    /// Exact Jaccard similarity of the two shingle sets (up to 32-bit hash collisions).
    public func similarity(to other: DuplicateSketch) -> Double {
        Self.jaccard(shingleHashes, other.shingleHashes)
    }

    public static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    static func hashes(of shingles: Set<String>) -> [UInt32] {
        shingles.map { stored(MinHasher.fnv1a($0)) }
    }

    /// A shingle's 64-bit FNV-1a hash as stored: mixed, then cut to 32 bits.
    static func stored(_ fnv: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: MinHasher.mix(fnv)) }

    /// The shingle hashes as stored: 4 bytes each, little-endian.
    public var shingleBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(shingleHashes.count * 4)
        for hash in shingleHashes {
            bytes.append(UInt8(truncatingIfNeeded: hash))
            bytes.append(UInt8(truncatingIfNeeded: hash >> 8))
            bytes.append(UInt8(truncatingIfNeeded: hash >> 16))
            bytes.append(UInt8(truncatingIfNeeded: hash >> 24))
        }
        return bytes
    }

    /// Stored bytes back to sorted hashes; a trailing partial hash (a damaged blob) is dropped.
    public static func shingleHashes<C: Collection>(fromBytes bytes: C) -> [UInt32] where C.Element == UInt8 {
        // Blobs come from SQLite as contiguous bytes: read them in place, four at a time (a
        // byte iterator over Data costs more than the comparison the hashes are read for).
        if let read = bytes.withContiguousStorageIfAvailable({ buffer -> [UInt32] in
            let count = buffer.count / 4
            return [UInt32](unsafeUninitializedCapacity: count) { hashes, initialized in
                for index in 0..<count {
                    let at = index * 4
                    hashes[index] = UInt32(buffer[at]) | UInt32(buffer[at + 1]) << 8 | UInt32(buffer[at + 2]) << 16 | UInt32(buffer[at + 3]) << 24
                }
                initialized = count
            }
        }) {
            return read
        }
        var hashes: [UInt32] = []
        hashes.reserveCapacity(bytes.count / 4)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next(), let b1 = iterator.next(), let b2 = iterator.next(), let b3 = iterator.next() {
            hashes.append(UInt32(b0) | UInt32(b1) << 8 | UInt32(b2) << 16 | UInt32(b3) << 24)
        }
        return hashes
    }
}
