import Foundation

/// MinHash signatures of shingle sets, and LSH bands over them (Broder 1997; Leskovec, Rajaraman
/// & Ullman, "Mining of Massive Datasets", ch. 3).
///
/// A signature is, for each of `permutations` hash functions, the least hash of any shingle; two
/// signatures agree at a position with probability equal to the sets' Jaccard similarity. Every
/// hash is computed from the shingle's UTF-8 bytes and the seed alone (FNV-1a, then SplitMix64
/// finalisers), never from Swift's per-process randomised `Hasher`, so a signature stored today
/// matches one computed in another process tomorrow.
public struct MinHasher: Sendable, Equatable {
    public let permutations: Int
    public let seed: UInt64
    private let salts: [UInt64]
    private let multipliers: [UInt64]

    public init(permutations: Int = 128, seed: UInt64 = 1) {
        precondition(permutations > 0, "a signature needs at least one permutation")
        self.permutations = permutations
        self.seed = seed
        var generator = SplitMix64(seed: seed)
        salts = (0..<permutations).map { _ in generator.next() | 1 }
        multipliers = (0..<permutations).map { _ in generator.next() | 1 }
    }

    /// The signature of a set of shingles; an empty set's is all `UInt64.max`.
    public func signature<S: Sequence>(of shingles: S) -> [UInt64] where S.Element == String {
        signature(ofHashes: shingles.map { UInt32(truncatingIfNeeded: Self.mix(Self.fnv1a($0))) })
    }

    /// The signature of shingles already hashed (as `DuplicateSketch` stores them). Permutation `i`
    /// of a shingle is `mix(hash) × aᵢ + bᵢ` modulo 2⁶⁴ (aᵢ odd): one multiply-add per
    /// permutation, where a full mix per permutation cost several times that; the mix before it
    /// spreads the 32-bit hash over all 64 bits, so the high bits that decide the minimum vary.
    public func signature(ofHashes hashes: [UInt32]) -> [UInt64] {
        var signature = [UInt64](repeating: .max, count: permutations)
        multipliers.withUnsafeBufferPointer { multipliers in
            salts.withUnsafeBufferPointer { salts in
                signature.withUnsafeMutableBufferPointer { signature in
                    for hash in hashes {
                        let base = Self.mix(UInt64(hash))
                        for i in 0..<salts.count {
                            let h = base &* multipliers[i] &+ salts[i]
                            if h < signature[i] { signature[i] = h }
                        }
                    }
                }
            }
        }
        return signature
    }

    /// Hashers by parameters: the salts are drawn once per process, not once per text.
    public static func cached(permutations: Int, seed: UInt64) -> MinHasher {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        let key = "\(permutations)/\(seed)"
        if let hasher = cache[key] { return hasher }
        let hasher = MinHasher(permutations: permutations, seed: seed)
        cache[key] = hasher
        return hasher
    }

    nonisolated(unsafe) private static var cache: [String: MinHasher] = [:]
    private static let cacheLock = NSLock()

    /// The share of positions where two signatures agree: an estimate of the Jaccard similarity.
    public static func estimatedSimilarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        precondition(a.count == b.count && !a.isEmpty, "signatures of the same length")
        var equal = 0
        for i in a.indices where a[i] == b[i] { equal += 1 }
        return Double(equal) / Double(a.count)
    }

    /// The signature cut into `bands` bands of `permutations / bands` rows, each hashed to one key:
    /// two texts are candidates when any band's keys are equal, which happens with probability
    /// 1 − (1 − sʳ)ᵇ for similarity s. The band's index is part of its key.
    public static func bandKeys(_ signature: [UInt64], bands: Int) -> [UInt64] {
        precondition(bands > 0 && signature.count % bands == 0, "the bands must divide the signature")
        let rows = signature.count / bands
        return (0..<bands).map { band in
            var key = mix(UInt64(band) &+ 0x9E37_79B9_7F4A_7C15)
            for row in 0..<rows { key = mix(key ^ signature[band * rows + row]) }
            return key
        }
    }

    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325

    static func fnv1a(_ text: String) -> UInt64 {
        var hash = fnvOffset
        for byte in text.utf8 { hash = fnv1a(continuing: hash, byte: byte) }
        return hash
    }

    /// FNV-1a of the bytes hashed so far (`hash`) followed by `byte`: a shingle made of parts is
    /// hashed part by part, with no string built for it.
    @inline(__always)
    static func fnv1a(continuing hash: UInt64, byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// FNV-1a continued with a scalar's UTF-8 bytes.
    @inline(__always)
    static func fnv1a(continuing hash: UInt64, scalar: Unicode.Scalar) -> UInt64 {
        var hash = hash
        UTF8.encode(scalar) { hash = fnv1a(continuing: hash, byte: $0) }
        return hash
    }

    /// SplitMix64's finaliser: a bijection that spreads every input bit over the output.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
