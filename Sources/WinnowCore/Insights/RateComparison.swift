import Foundation

/// The exact conditional test for a rise in a Poisson rate: given `recent` events in a window of
/// `recentDays` and `baseline` events in the `baselineDays` before it, and if the rate had not
/// changed, each of the `recent + baseline` events falls in the window with probability
/// `recentDays / (recentDays + baselineDays)`. The p-value is the binomial upper tail
/// P(X ≥ recent). Conditioning on the total accounts for the baseline being an estimate too, and
/// a slice that had no events in its baseline is tested the same way (no invented prior rate).
public enum RateComparison {
    public static func upperTailPValue(recent: Int, baseline: Int, recentDays: Int, baselineDays: Int) -> Double {
        precondition(recent >= 0 && baseline >= 0 && recentDays > 0 && baselineDays > 0)
        guard recent > 0 else { return 1 }
        let share = Double(recentDays) / Double(recentDays + baselineDays)
        // P(X ≥ k) for X ~ Binomial(n, p) is the regularized incomplete beta I_p(k, n − k + 1).
        return regularizedIncompleteBeta(x: share, a: Double(recent), b: Double(baseline + 1))
    }

    /// The window's daily rate over the baseline's; nil when the baseline had no events.
    public static func ratio(recent: Int, baseline: Int, recentDays: Int, baselineDays: Int) -> Double? {
        guard baseline > 0 else { return nil }
        return (Double(recent) / Double(recentDays)) / (Double(baseline) / Double(baselineDays))
    }

    /// I_x(a, b) by Lentz's continued fraction (Numerical Recipes, `betai`), accurate to about 1e-14.
    static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta
        // The continued fraction converges fast only on this side; the other side by symmetry.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
