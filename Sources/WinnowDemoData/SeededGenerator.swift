// SeededGenerator.swift
// A tiny, fully deterministic PRNG (SplitMix64) plus the handful of helpers the
// demo generator needs. Every helper uses integer arithmetic only, so the
// output is identical on every platform and every Swift version (no reliance on
// the standard library's `random(in:using:)` algorithms, which may change).

/// SplitMix64 (Steele, Lea & Flood, 2014). Value type, no shared state. Public for the
/// benchmarks and the fuzz generator, which want the same platform-independent stream.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in `0..<n` (multiply-high reduction; n must be > 0).
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(_:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform integer in the closed range `lo...hi`.
    public mutating func between(_ lo: Int, _ hi: Int) -> Int {
        precondition(hi >= lo, "between(_:_:) needs lo <= hi")
        return lo + below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    public mutating func percent(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Index chosen with probability proportional to the (non-negative) weights.
    mutating func weightedIndex(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "weightedIndex(_:) needs a positive total weight")
        var roll = below(total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// Index into a cumulative-weight table (strictly increasing prefix sums).
    mutating func cumulativeIndex(_ cumulative: [Int]) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let roll = below(total)
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > roll { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// `k` distinct elements, in the order they were drawn.
    mutating func sample<T>(_ items: [T], _ k: Int) -> [T] {
        var pool = items
        var out: [T] = []
        let n = min(k, pool.count)
        for _ in 0..<n {
            out.append(pool.remove(at: below(pool.count)))
        }
        return out
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")
    private static let crockfordDigits: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    private static let decimalDigits: [Character] = Array("0123456789")
    private static let base62Digits: [Character] = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    public mutating func hex(_ length: Int) -> String {
        String((0..<length).map { _ in Self.hexDigits[below(16)] })
    }

    /// Crockford base32 (the ULID alphabet).
    mutating func crockford(_ length: Int) -> String {
        String((0..<length).map { _ in Self.crockfordDigits[below(32)] })
    }

    mutating func digits(_ length: Int) -> String {
        String((0..<length).map { _ in Self.decimalDigits[below(10)] })
    }

    mutating func base62(_ length: Int) -> String {
        String((0..<length).map { _ in Self.base62Digits[below(62)] })
    }
}
