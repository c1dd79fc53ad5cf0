import Testing
@testable import WinnowCore

@Suite("Raters against the reference")
struct RaterVersusReferenceTests {
    @Test("share equal and the lean on an ordered scale: lower than the reference is harsher")
    func lean() throws {
        let data = try ReliabilityData<Int>(raters: ["low", "high", "exact"], units: [
            [2, 4, 3], [1, 3, 3], [3, nil, 3], [nil, 5, 4],
        ])
        let reference: [Int?] = [3, 3, 3, nil]
        let results = Agreement.ratersVersusReference(data, reference: reference, position: { Double($0) })
        #expect(results.map(\.rater) == ["low", "high", "exact"])
        // low: (2 − 3) + (1 − 3) + 0 over three units; equal once.
        #expect(results[0].compared == 3 && results[0].equal == 1)
        #expect(results[0].meanDifference == -1)
        #expect(results[0].lean == .harsher)
        #expect(results[1].compared == 2 && results[1].equal == 1 && results[1].meanDifference == 0.5)
        #expect(results[1].lean == .moreLenient)
        #expect(results[2].shareEqual == 1 && results[2].lean == .even)
    }

    @Test("on a nominal scale there is no lean, and a rater with nothing to compare has no share")
    func nominal() throws {
        let data = try ReliabilityData<String>(raters: ["a", "b"], units: [["x", nil], ["y", nil]])
        let results = Agreement.ratersVersusReference(data, reference: ["x", "x"], position: nil)
        #expect(results[0].compared == 2 && results[0].shareEqual == 0.5 && results[0].lean == nil)
        #expect(results[1].compared == 0 && results[1].shareEqual == nil)
    }
}
