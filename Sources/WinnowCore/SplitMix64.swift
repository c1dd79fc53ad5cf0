/// SplitMix64 (Steele, Lea & Flood, 2014): a tiny, fully deterministic PRNG. Its helpers use
/// integer arithmetic only, so a seed gives the same stream on every platform and Swift version
/// (the standard library's `random(in:using:)` algorithms may change, and Swift's hashing is
/// randomised per process). Seeded draws that must repeat use it: a review round's sample, a
/// bootstrap interval, the demo data, the benchmarks and the fuzzer.
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

    private static let hexDigits: [Character] = Array("0123456789abcdef")

    public mutating func hex(_ length: Int) -> String {
        String((0..<length).map { _ in Self.hexDigits[below(16)] })
    }
}
