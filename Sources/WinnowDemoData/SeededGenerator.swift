// SeededGenerator.swift
// The draws the demo generator needs beyond WinnowCore's SplitMix64, with integer arithmetic
// only, so the demo is the same on every platform and Swift version.
import WinnowCore

extension SplitMix64 {
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

    private static let crockfordDigits: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    private static let decimalDigits: [Character] = Array("0123456789")
    private static let base62Digits: [Character] = Array(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

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
