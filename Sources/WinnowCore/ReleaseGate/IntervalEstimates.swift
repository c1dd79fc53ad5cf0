import Foundation

/// A two-sided confidence interval.
public struct ConfidenceInterval: Equatable, Sendable, Codable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// How many of `total` items have the property counted (passed a dimension, had a hallucination…).
public struct ProportionCount: Equatable, Sendable, Codable {
    public var count: Int
    public var total: Int

    public init(count: Int, total: Int) {
        self.count = count
        self.total = total
    }

    /// Nil when nothing was counted.
    public var rate: Double? { total > 0 ? Double(count) / Double(total) : nil }
}

/// The sufficient statistics of a mean: how many values, their sum and the sum of their squares.
public struct MeanSummary: Equatable, Sendable, Codable {
    public var count: Int
    public var sum: Double
    public var sumOfSquares: Double

    public init(count: Int, sum: Double, sumOfSquares: Double) {
        self.count = count
        self.sum = sum
        self.sumOfSquares = sumOfSquares
    }

    public init(values: [Double]) {
        self.init(count: values.count, sum: values.reduce(0, +), sumOfSquares: values.reduce(0) { $0 + $1 * $1 })
    }

    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// The sample standard deviation (n − 1), nil below two values.
    public var standardDeviation: Double? {
        guard count >= 2 else { return nil }
        let n = Double(count)
        return (max(0, sumOfSquares - sum * sum / n) / (n - 1)).squareRoot()
    }
}

/// The interval estimates the release gate states: closed forms, so the same counts always give the
/// same figures (no resampling, no seed).
public enum IntervalEstimates {
    /// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low { return -normalQuantile(1 - p) }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }

    /// Student's t quantile with `degrees` degrees of freedom: exact for 1 and 2, else the
    /// Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5; within
    /// 0.002 of the tables from 3 degrees of freedom on).
    public static func studentTQuantile(_ p: Double, degrees: Int) -> Double {
        precondition(degrees >= 1)
        switch degrees {
        case 1: return tan(Double.pi * (p - 0.5))
        case 2: return (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
        default:
            let z = normalQuantile(p)
            let v = Double(degrees)
            let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z
            return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
                + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v)
        }
    }

    /// The Wilson score interval of a proportion: unlike the normal approximation it stays within
    /// 0–1 and keeps its coverage at rates near 0 or 1 and at small counts, which is where a
    /// hallucination rate lives. Nil when nothing was counted.
    public static func wilson(_ proportion: ProportionCount, confidence: Double) -> ConfidenceInterval? {
        guard proportion.total > 0 else { return nil }
        let z = normalQuantile(0.5 + confidence / 2)
        let n = Double(proportion.total)
        let p = Double(proportion.count) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return ConfidenceInterval(lower: max(0, centre - half), upper: min(1, centre + half))
    }

    /// The interval of the difference `first − second` of two independent proportions by
    /// Newcombe's hybrid score method (his method 10), built from each one's Wilson interval.
    public static func difference(_ first: ProportionCount, minus second: ProportionCount,
                                  confidence: Double) -> ConfidenceInterval? {
        guard let p1 = first.rate, let p2 = second.rate,
              let w1 = wilson(first, confidence: confidence), let w2 = wilson(second, confidence: confidence) else { return nil }
        let d = p1 - p2
        let below = ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let above = ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
        return ConfidenceInterval(lower: d - below, upper: d + above)
    }

    /// The t interval of a mean; nil below two values (no spread to estimate).
    public static func mean(_ summary: MeanSummary, confidence: Double) -> ConfidenceInterval? {
        guard let mean = summary.mean, let sd = summary.standardDeviation else { return nil }
        let t = studentTQuantile(0.5 + confidence / 2, degrees: summary.count - 1)
        let half = t * sd / Double(summary.count).squareRoot()
        return ConfidenceInterval(lower: mean - half, upper: mean + half)
    }
}
