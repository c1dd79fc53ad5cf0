import Testing
@testable import WinnowCore

@Suite("Bootstrap intervals")
struct BootstrapIntervalTests {
    static let data = AgreementTests.krippendorff2011

    static func alphaInterval(seed: UInt64, replicates: Int = 500) -> BootstrapInterval? {
        var generator = SplitMix64(seed: seed)
        return Agreement.bootstrapInterval(data, replicates: replicates, seed: seed, generator: &generator) {
            Agreement.krippendorffAlpha($0, metric: .interval)
        }
    }

    @Test("the same seed gives the same interval; another seed another one; it brackets the estimate")
    func deterministic() throws {
        let first = try #require(Self.alphaInterval(seed: 42))
        #expect(Self.alphaInterval(seed: 42) == first)
        #expect(Self.alphaInterval(seed: 43) != first)
        let estimate = Agreement.krippendorffAlpha(Self.data, metric: .interval).value!
        #expect(first.lower < estimate && estimate <= first.upper, "\(first) around \(estimate)")
        #expect(first.upper <= 1)
        #expect(first.replicates == 500 && first.confidence == 0.95 && first.seed == 42)
        // Resamples where alpha is undefined (one category only) are left out and counted.
        #expect(first.definedReplicates <= 500 && first.definedReplicates > 450)
    }

    @Test("units are resampled with replacement from 0..<count, and the percentile is interpolated")
    func resampling() throws {
        var generator = SplitMix64(seed: 7)
        var seen: Set<Int> = []
        var draws = 0
        let interval = Agreement.bootstrapInterval(unitCount: 5, replicates: 200, seed: 7, generator: &generator) { sample in
            #expect(sample.count == 5)
            seen.formUnion(sample)
            draws += 1
            return Double(sample.reduce(0, +)) / 5  // the mean of 0…4 has mean 2
        }
        #expect(draws == 200)
        #expect(seen == Set(0..<5))
        let ci = try #require(interval)
        #expect(ci.lower < 2 && 2 < ci.upper)
        #expect(Agreement.quantile([0, 10], 0.25) == 2.5)
        #expect(Agreement.quantile([1, 2, 3], 0.5) == 2)
        var again = SplitMix64(seed: 7)
        #expect(Agreement.bootstrapInterval(unitCount: 0, seed: 7, generator: &again) { _ in 1 } == nil)
        #expect(Agreement.bootstrapInterval(unitCount: 3, seed: 7, generator: &again) { _ in nil } == nil)
    }
}
