/// One piece of a diff: text both sides share, text only the new side has, or text only the old side had.
public enum DiffOp: Equatable, Sendable {
    case same(String), added(String), removed(String)

    public var text: String {
        switch self {
        case .same(let t), .added(let t), .removed(let t): t
        }
    }
}

/// Differences between two texts, for showing a response beside its correction.
public enum TextDiff {
    /// Word-level diff of `old` → `new`.
    ///
    /// Tokens are those of `TextTokens` (words, each CJK ideograph, whitespace runs, punctuation runs,
    /// each emoji or other symbol), so concatenating the `.same` and `.removed` texts gives `old` back
    /// exactly, and `.same` and `.added` give `new`. Adjacent ops of the same kind are coalesced; inside a
    /// stretch of changes the removed text comes first, then the added text, and a whitespace-only piece
    /// left unchanged between two changes is folded into both sides so a rewritten phrase reads as one
    /// replacement rather than a word-by-word patchwork. Tokens compare as Swift strings do, by canonical
    /// equivalence: a composed and a decomposed `é` are the same word (the `.same` text is the old side's).
    ///
    /// Myers' O(ND) algorithm (linear space, divide and conquer on the middle snake) after the common
    /// prefix and suffix are stripped: a long text with a few edits diffs in milliseconds. When two texts
    /// differ almost everywhere, each bisection gives up looking for the shortest script after
    /// `costLimit` rounds and splits at the furthest point it reached, so the result stays a correct diff
    /// (the reconstruction property always holds) but may be a little longer than the shortest one.
    public static func words(_ old: String, _ new: String) -> [DiffOp] {
        if old == new { return old.isEmpty ? [] : [.same(old)] }
        let oldTokens = TextTokens.ranges(old)
        let newTokens = TextTokens.ranges(new)
        var ids: [Substring: Int32] = [:]
        func intern(_ text: String, _ tokens: [Range<String.Index>]) -> [Int32] {
            tokens.map { range in
                let token = text[range]
                if let id = ids[token] { return id }
                let id = Int32(ids.count)
                ids[token] = id
                return id
            }
        }
        let a = intern(old, oldTokens)
        let b = intern(new, newTokens)
        var raw: [RawOp] = []
        var myers = Myers(a: a, b: b)
        myers.diff(0, a.count, 0, b.count, into: &raw)
        func text(_ source: String, _ tokens: [Range<String.Index>], _ r: Range<Int>) -> String {
            String(source[tokens[r.lowerBound].lowerBound..<tokens[r.upperBound - 1].upperBound])
        }
        return coalesce(raw, old: { text(old, oldTokens, $0) }, new: { text(new, newTokens, $0) })
    }

    /// How many rounds (edit steps) one bisection explores before it settles for a good split.
    static let costLimit = 256

    enum RawOp {
        case same(old: Range<Int>), removed(Range<Int>), added(Range<Int>)
    }

    struct Myers {
        let a: [Int32]
        let b: [Int32]
        var forward: [Int] = []
        var reverse: [Int] = []

        init(a: [Int32], b: [Int32]) {
            self.a = a
            self.b = b
        }

        mutating func diff(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int, into out: inout [RawOp]) {
            var aLo = aLo, aHi = aHi, bLo = bLo, bHi = bHi
            // Common prefix and suffix.
            let prefixStart = aLo
            while aLo < aHi, bLo < bHi, a[aLo] == b[bLo] { aLo += 1; bLo += 1 }
            if aLo > prefixStart { out.append(.same(old: prefixStart..<aLo)) }
            var suffix = 0
            while aHi > aLo, bHi > bLo, a[aHi - 1] == b[bHi - 1] { aHi -= 1; bHi -= 1; suffix += 1 }
            if aLo == aHi {
                if bLo < bHi { out.append(.added(bLo..<bHi)) }
            } else if bLo == bHi {
                out.append(.removed(aLo..<aHi))
            } else if let (x, y) = bisect(aLo, aHi, bLo, bHi),
                      (x, y) != (aLo, bLo), (x, y) != (aHi, bHi) {
                diff(aLo, x, bLo, y, into: &out)
                diff(x, aHi, y, bHi, into: &out)
            } else {
                out.append(.removed(aLo..<aHi))
                out.append(.added(bLo..<bHi))
            }
            if suffix > 0 { out.append(.same(old: aHi..<(aHi + suffix))) }
        }

        /// Finds a point on a shortest edit path of a[aLo..<aHi] → b[bLo..<bHi] (the end of the forward
        /// half of the middle snake), or, past the cost limit, the furthest point the forward search reached.
        /// Both ranges are non-empty and share no prefix or suffix.
        mutating func bisect(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> (Int, Int)? {
            let n = aHi - aLo, m = bHi - bLo
            let maxD = (n + m + 1) / 2
            let offset = maxD
            let length = 2 * maxD + 2
            if forward.count < length {
                forward = Array(repeating: -1, count: length)
                reverse = Array(repeating: -1, count: length)
            } else {
                for i in 0..<length { forward[i] = -1; reverse[i] = -1 }
            }
            forward[offset + 1] = 0
            reverse[offset + 1] = 0
            let delta = n - m
            let front = delta % 2 != 0
            var k1start = 0, k1end = 0, k2start = 0, k2end = 0
            for d in 0..<maxD {
                if d > TextDiff.costLimit { return furthestForward(aLo, bLo, n, m, d, offset) }
                var k1 = -d + k1start
                while k1 <= d - k1end {
                    let k1Offset = offset + k1
                    var x1: Int
                    if k1 == -d || (k1 != d && forward[k1Offset - 1] < forward[k1Offset + 1]) {
                        x1 = forward[k1Offset + 1]
                    } else {
                        x1 = forward[k1Offset - 1] + 1
                    }
                    var y1 = x1 - k1
                    while x1 < n, y1 < m, a[aLo + x1] == b[bLo + y1] { x1 += 1; y1 += 1 }
                    forward[k1Offset] = x1
                    if x1 > n {
                        k1end += 2
                    } else if y1 > m {
                        k1start += 2
                    } else if front {
                        let k2Offset = offset + delta - k1
                        if k2Offset >= 0, k2Offset < length, reverse[k2Offset] != -1, x1 >= n - reverse[k2Offset] {
                            return (aLo + x1, bLo + y1)
                        }
                    }
                    k1 += 2
                }
                var k2 = -d + k2start
                while k2 <= d - k2end {
                    let k2Offset = offset + k2
                    var x2: Int
                    if k2 == -d || (k2 != d && reverse[k2Offset - 1] < reverse[k2Offset + 1]) {
                        x2 = reverse[k2Offset + 1]
                    } else {
                        x2 = reverse[k2Offset - 1] + 1
                    }
                    var y2 = x2 - k2
                    while x2 < n, y2 < m, a[aHi - x2 - 1] == b[bHi - y2 - 1] { x2 += 1; y2 += 1 }
                    reverse[k2Offset] = x2
                    if x2 > n {
                        k2end += 2
                    } else if y2 > m {
                        k2start += 2
                    } else if !front {
                        let k1Offset = offset + delta - k2
                        if k1Offset >= 0, k1Offset < length, forward[k1Offset] != -1 {
                            let x1 = forward[k1Offset]
                            let y1 = offset + x1 - k1Offset
                            if x1 >= n - x2 { return (aLo + x1, bLo + y1) }
                        }
                    }
                    k2 += 2
                }
            }
            return nil
        }

        /// The forward point with the most progress (x + y) after `d` rounds: every such point lies on
        /// some edit path, so splitting there keeps the diff correct.
        func furthestForward(_ aLo: Int, _ bLo: Int, _ n: Int, _ m: Int, _ d: Int, _ offset: Int) -> (Int, Int)? {
            var best: (Int, Int)?
            var bestProgress = -1
            var k = -d + 1
            while k <= d - 1 {
                let x = forward[offset + k]
                let y = x - k
                if x >= 0, x <= n, y >= 0, y <= m, x + y > bestProgress {
                    bestProgress = x + y
                    best = (x, y)
                }
                k += 1
            }
            guard let (x, y) = best else { return nil }
            return (aLo + x, bLo + y)
        }
    }

    /// Joins raw token ranges into text ops: same-kind neighbours merged, removals before additions
    /// within a change, whitespace-only islands between changes folded into the change.
    static func coalesce(_ raw: [RawOp], old: (Range<Int>) -> String, new: (Range<Int>) -> String) -> [DiffOp] {
        // First pass: alternate runs of `same` text and changes (removed, added).
        enum Piece { case same(String), change(removed: String, added: String) }
        var pieces: [Piece] = []
        for op in raw {
            switch op {
            case .same(let r):
                let text = old(r)
                if case .same(let t)? = pieces.last { pieces[pieces.count - 1] = .same(t + text) } else { pieces.append(.same(text)) }
            case .removed(let r):
                let text = old(r)
                if case .change(let rem, let add)? = pieces.last {
                    pieces[pieces.count - 1] = .change(removed: rem + text, added: add)
                } else {
                    pieces.append(.change(removed: text, added: ""))
                }
            case .added(let r):
                let text = new(r)
                if case .change(let rem, let add)? = pieces.last {
                    pieces[pieces.count - 1] = .change(removed: rem, added: add + text)
                } else {
                    pieces.append(.change(removed: "", added: text))
                }
            }
        }
        // Second pass: fold whitespace islands between two replacements.
        var folded: [Piece] = []
        var i = 0
        while i < pieces.count {
            if case .same(let space) = pieces[i], space.allSatisfy(\.isWhitespace), !space.contains(where: \.isNewline),
               case .change(let r1, let a1)? = folded.last, !r1.isEmpty, !a1.isEmpty,
               i + 1 < pieces.count, case .change(let r2, let a2) = pieces[i + 1], !r2.isEmpty, !a2.isEmpty {
                folded[folded.count - 1] = .change(removed: r1 + space + r2, added: a1 + space + a2)
                i += 2
                continue
            }
            folded.append(pieces[i])
            i += 1
        }
        var out: [DiffOp] = []
        out.reserveCapacity(folded.count * 2)
        for piece in folded {
            switch piece {
            case .same(let t): if !t.isEmpty { out.append(.same(t)) }
            case .change(let r, let a):
                if !r.isEmpty { out.append(.removed(r)) }
                if !a.isEmpty { out.append(.added(a)) }
            }
        }
        return out
    }
}
