extension TextDiff {
    /// The Levenshtein distance between `a` and `b` in graphemes, counted only up to `bound`: the
    /// result is exact below `bound` and is `bound` itself for anything at least that far apart.
    /// A rule that asks "at least 10 characters apart?" needs no more, and this costs
    /// O(bound × length) instead of O(length²): the common prefix and suffix are stripped, a length
    /// difference of `bound` or more decides at once, and the dynamic programme only fills the
    /// diagonal band |i − j| < bound, stopping as soon as a whole row of the band reaches `bound`.
    public static func editDistance(_ a: String, _ b: String, upTo bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        if a == b { return 0 }
        // ASCII text (most of it) is compared byte by byte: each byte is a grapheme there, and
        // breaking a long text into Characters costs more than the banded computation itself.
        // (CR LF is one grapheme but two bytes, so a text holding a CR takes the general path.)
        if a.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }), b.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            return banded(Array(a.utf8), Array(b.utf8), bound: bound)
        }
        return banded(Array(a), Array(b), bound: bound)
    }

    private static func banded<Element: Equatable>(_ first: [Element], _ second: [Element], bound: Int) -> Int {
        var x = first
        var y = second
        var prefix = 0
        while prefix < x.count, prefix < y.count, x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix, suffix < y.count - prefix,
              x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        x = Array(x[prefix..<(x.count - suffix)])
        y = Array(y[prefix..<(y.count - suffix)])
        if x.count > y.count { swap(&x, &y) }
        // Every edit changes the length by at most one.
        if y.count - x.count >= bound { return bound }
        if x.isEmpty { return min(y.count, bound) }
        let band = bound - 1  // cells with |i − j| > band are at least `bound` away
        let capped = bound
        // previous[j] and current[j] for j in 0...y.count, only the band is ever written.
        var previous = [Int](repeating: capped, count: y.count + 1)
        var current = [Int](repeating: capped, count: y.count + 1)
        for j in 0...min(y.count, band) { previous[j] = j }
        for i in 1...x.count {
            let low = max(1, i - band)
            let high = min(y.count, i + band)
            if low > high { return bound }
            current[low - 1] = low - 1 == 0 ? min(i, capped) : capped
            var rowMinimum = current[low - 1]
            let xi = x[i - 1]
            for j in low...high {
                let substitution = previous[j - 1] + (xi == y[j - 1] ? 0 : 1)
                let deletion = previous[j] + 1
                let insertion = current[j - 1] + 1
                let value = min(substitution, deletion, insertion, capped)
                current[j] = value
                if value < rowMinimum { rowMinimum = value }
            }
            if high < y.count { current[high + 1] = capped }
            if rowMinimum >= bound { return bound }
            swap(&previous, &current)
        }
        return min(previous[y.count], bound)
    }
}
