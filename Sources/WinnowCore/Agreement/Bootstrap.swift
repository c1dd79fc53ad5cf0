/// A percentile bootstrap confidence interval for an agreement figure.
public struct BootstrapInterval: Equatable, Sendable, Codable {
    public let lower: Double
    public let upper: Double
    /// The confidence level, 0.95 for a 95 % interval.
    public let confidence: Double
    /// Replicates drawn, and how many of them gave a defined figure (the interval is taken over those).
    public let replicates: Int
    public let definedReplicates: Int
    public let seed: UInt64

    enum CodingKeys: String, CodingKey {
        case lower, upper, confidence, replicates, seed
        case definedReplicates = "defined_replicates"
    }
}

extension Agreement {
    /// Replicates drawn when the caller does not say: enough for a stable 95 % percentile interval
    /// (Efron & Tibshirani suggest at least 1000 for percentiles) and quick on a round's data.
    public static let defaultBootstrapReplicates = 1000

    /// A percentile bootstrap interval, resampling units with replacement: `figure` is called with
    /// each replicate's unit indices (drawn from `0..<unitCount`) and returns the figure on those
    /// units, or nil when it is undefined there. Deterministic for a seed: the draws come from
    /// `generator` by integer arithmetic alone (no standard-library sampling algorithm, no
    /// hashing), so a seed gives the same interval on every machine and every run.
    /// Nil when there are no units or no replicate gave a defined figure.
    public static func bootstrapInterval(unitCount: Int, replicates: Int = defaultBootstrapReplicates,
                                         confidence: Double = 0.95, seed: UInt64,
                                         generator: inout some RandomNumberGenerator,
                                         figure: ([Int]) -> Double?) -> BootstrapInterval? {
        guard unitCount > 0, replicates > 0 else { return nil }
        var values: [Double] = []
        values.reserveCapacity(replicates)
        var sample = [Int](repeating: 0, count: unitCount)
        for _ in 0..<replicates {
            for i in 0..<unitCount {
                sample[i] = Int(generator.next().multipliedFullWidth(by: UInt64(unitCount)).high)
            }
            if let value = figure(sample), !value.isNaN { values.append(value) }
        }
        guard !values.isEmpty else { return nil }
        values.sort()
        let tail = (1 - confidence) / 2
        return BootstrapInterval(lower: quantile(values, tail), upper: quantile(values, 1 - tail),
                                 confidence: confidence, replicates: replicates,
                                 definedReplicates: values.count, seed: seed)
    }

    /// The bootstrap interval of a figure of reliability data, resampling its units.
    public static func bootstrapInterval<Value>(_ data: ReliabilityData<Value>,
                                                replicates: Int = defaultBootstrapReplicates,
                                                seed: UInt64, generator: inout some RandomNumberGenerator,
                                                figure: (ReliabilityData<Value>) -> AgreementFigure) -> BootstrapInterval? {
        bootstrapInterval(unitCount: data.unitCount, replicates: replicates, seed: seed, generator: &generator) { sample in
            // Rows come from the table itself, so their widths match its raters.
            figure(try! ReliabilityData(raters: data.raters, units: sample.map { data.units[$0] })).value
        }
    }

    /// The q-quantile of sorted values, interpolating linearly between order statistics
    /// (Hyndman & Fan type 7, the default of R and NumPy).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}
