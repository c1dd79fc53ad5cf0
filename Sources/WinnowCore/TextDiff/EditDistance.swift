extension TextDiff {
    /// The most 64-character blocks × text characters the exact computation will run (about 2 s of work
    /// would be 10^9; this is 32,000 × 32,000 characters of changed middle, tens of milliseconds in release).
    static let editDistanceBudget = 16_000_000

    /// Levenshtein distance between `a` and `b` counted in graphemes (Characters): inserting, deleting or
    /// substituting one grapheme costs 1, so an emoji sequence or a letter with its combining marks is one
    /// unit. Graphemes compare as Swift compares Characters, by canonical equivalence: a composed `é`
    /// (U+00E9) and `e` + U+0301 are equal and cost nothing.
    ///
    /// The common prefix and suffix are stripped first; the changed middle is then computed exactly with
    /// Hyyrö's bit-parallel algorithm (64 columns a machine word), which keeps texts up to about 20,000
    /// characters in the low milliseconds. When the changed middles are so long that
    /// `shorter × ceil(longer / 64)` exceeds 16 million, the exact computation is skipped and the result is
    /// an upper bound taken from the word diff (each changed stretch costs the longer of its two sides),
    /// with `exact == false`.
    public static func editDistance(_ a: String, _ b: String) -> (distance: Int, exact: Bool) {
        var x = Array(a)
        var y = Array(b)
        var prefix = 0
        while prefix < x.count, prefix < y.count, x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix, suffix < y.count - prefix,
              x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        x = Array(x[prefix..<(x.count - suffix)])
        y = Array(y[prefix..<(y.count - suffix)])
        if x.count > y.count { swap(&x, &y) }
        if x.isEmpty { return (y.count, true) }
        let blocks = (x.count + 63) / 64
        guard blocks * y.count <= editDistanceBudget else {
            return (wordDiffBound(a, b), false)
        }
        return (bitParallelLevenshtein(pattern: x, text: y), true)
    }

    /// An upper bound on the edit distance: each change of the word diff costs the longer of its sides.
    static func wordDiffBound(_ a: String, _ b: String) -> Int {
        var total = 0
        var removed = 0, added = 0
        for op in words(a, b) {
            switch op {
            case .same:
                total += max(removed, added)
                removed = 0
                added = 0
            case .removed(let t): removed += t.count
            case .added(let t): added += t.count
            }
        }
        return total + max(removed, added)
    }

    /// Hyyrö (2003) bit-vector Levenshtein, blocked for patterns longer than 64 characters.
    static func bitParallelLevenshtein(pattern: [Character], text: [Character]) -> Int {
        let m = pattern.count
        let words = (m + 63) / 64
        // Pattern match vectors: for each distinct pattern character, its positions as bits; text
        // characters are looked up once, up front (-1 when the pattern does not have them).
        var alphabet: [Character: Int] = [:]
        var peq: [UInt64] = []
        for (i, c) in pattern.enumerated() {
            let id: Int
            if let known = alphabet[c] {
                id = known
            } else {
                id = alphabet.count
                alphabet[c] = id
                peq.append(contentsOf: repeatElement(0, count: words))
            }
            peq[id * words + i / 64] |= 1 << UInt64(i % 64)
        }
        peq.append(contentsOf: repeatElement(0, count: words))  // the row for characters not in the pattern
        let absent = alphabet.count
        let textIds = text.map { alphabet[$0] ?? absent }
        var vp = [UInt64](repeating: ~0, count: words)
        var vn = [UInt64](repeating: 0, count: words)
        let last: UInt64 = 1 << UInt64((m - 1) % 64)
        var distance = m
        peq.withUnsafeBufferPointer { peq in
            vp.withUnsafeMutableBufferPointer { vp in
                vn.withUnsafeMutableBufferPointer { vn in
                    for id in textIds {
                        let row = peq.baseAddress! + id * words
                        var hpCarry: UInt64 = 1
                        var hnCarry: UInt64 = 0
                        for w in 0..<words {
                            let v = vp[w], n = vn[w]
                            let x = row[w] | hnCarry
                            let d0 = (((x & v) &+ v) ^ v) | x | n
                            var hp = n | ~(d0 | v)
                            var hn = d0 & v
                            if w == words - 1 {
                                if hp & last != 0 { distance += 1 }
                                if hn & last != 0 { distance -= 1 }
                            }
                            let hpOut = hp >> 63
                            hp = (hp << 1) | hpCarry
                            hpCarry = hpOut
                            let hnOut = hn >> 63
                            hn = (hn << 1) | hnCarry
                            hnCarry = hnOut
                            vp[w] = hn | ~(d0 | hp)
                            vn[w] = hp & d0
                        }
                    }
                }
            }
        }
        return distance
    }
}
