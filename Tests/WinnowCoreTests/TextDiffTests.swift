import Testing
@testable import WinnowCore
@testable import WinnowDemoData

@Suite("Word diff and edit distance")
struct TextDiffTests {
    /// The two texts a diff stands for: old = same + removed, new = same + added.
    static func sides(_ ops: [DiffOp]) -> (old: String, new: String) {
        var old = "", new = ""
        for op in ops {
            switch op {
            case .same(let t): old += t; new += t
            case .removed(let t): old += t
            case .added(let t): new += t
            }
        }
        return (old, new)
    }

    static func expectWellFormed(_ ops: [DiffOp], _ old: String, _ new: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let (o, n) = sides(ops)
        #expect(o == old, sourceLocation: sourceLocation)
        #expect(n == new, sourceLocation: sourceLocation)
        for (x, y) in zip(ops, ops.dropFirst()) {
            switch (x, y) {
            case (.same, .same), (.added, .added), (.removed, .removed), (.added, .removed):
                Issue.record("not coalesced: \(x) then \(y)", sourceLocation: sourceLocation)
            default: break
            }
        }
        #expect(!ops.contains { $0.text.isEmpty }, sourceLocation: sourceLocation)
    }

    @Test("tokens: words, whitespace and punctuation runs, CJK one by one, graphemes whole")
    func tokens() {
        #expect(TextTokens.tokens("Hello, world!  Don't.") == ["Hello", ",", " ", "world", "!", "  ", "Don't", "."])
        #expect(TextTokens.tokens("東京は晴れ") == ["東", "京", "は", "晴", "れ"])
        #expect(TextTokens.tokens("한국어 text") == ["한", "국", "어", " ", "text"])
        #expect(TextTokens.tokens("ok👍🏽👨‍👩‍👧!") == ["ok", "👍🏽", "👨‍👩‍👧", "!"])
        #expect(TextTokens.tokens("cafe\u{301} x") == ["cafe\u{301}", " ", "x"])
        #expect(TextTokens.tokens("a\r\nb") == ["a", "\r\n", "b"])
        #expect(TextTokens.tokens("'quoted'") == ["'", "quoted", "'"])
        #expect(TextTokens.tokens("") == [])
    }

    @Test("the one-pass tokenizer and the per-position boundary test agree")
    func boundariesAgree() {
        var rng = SplitMix(seed: 11)
        let pieces = ["a", "'", "b", " ", "東", "👍🏽", ",", "don't", "x'", "\u{2019}", "_", "é"]
        for _ in 0..<500 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let chars = Array(text)
            let starts = Set(TextTokens.ranges(chars).map(\.lowerBound))
            for i in 1..<max(1, chars.count) {
                #expect(starts.contains(i) == TextTokens.isBoundary(chars, at: i), "\(text) at \(i)")
            }
            #expect(TextTokens.ranges(chars).map { String(chars[$0]) } == TextTokens.tokens(text))
        }
    }

    @Test("word movement")
    func wordMovement() {
        let chars = Array("foo, bar  baz")
        #expect(TextTokens.nextWordEnd(in: chars, from: 0) == 3)
        #expect(TextTokens.nextWordEnd(in: chars, from: 3) == 8)
        #expect(TextTokens.nextWordEnd(in: chars, from: 8) == 13)
        #expect(TextTokens.nextWordEnd(in: chars, from: 13) == 13)
        #expect(TextTokens.previousWordStart(in: chars, from: 13) == 10)
        #expect(TextTokens.previousWordStart(in: chars, from: 10) == 5)
        #expect(TextTokens.previousWordStart(in: chars, from: 5) == 0)
        #expect(TextTokens.previousWordStart(in: chars, from: 0) == 0)
        let cjk = Array("日本語 ok")
        #expect(TextTokens.nextWordEnd(in: cjk, from: 0) == 1)
        #expect(TextTokens.previousWordStart(in: cjk, from: 3) == 2)
    }

    @Test("identical and empty texts")
    func identicalAndEmpty() {
        #expect(TextDiff.words("", "") == [])
        #expect(TextDiff.words("same text", "same text") == [.same("same text")])
        #expect(TextDiff.words("", "new words") == [.added("new words")])
        #expect(TextDiff.words("old words", "") == [.removed("old words")])
    }

    @Test("insertion, deletion, replacement")
    func basicEdits() {
        #expect(TextDiff.words("the cat sat", "the black cat sat")
            == [.same("the "), .added("black "), .same("cat sat")])
        #expect(TextDiff.words("the black cat sat", "the cat sat")
            == [.same("the "), .removed("black "), .same("cat sat")])
        #expect(TextDiff.words("the cat sat", "the dog sat")
            == [.same("the "), .removed("cat"), .added("dog"), .same(" sat")])
        // A rewritten phrase reads as one replacement, not word-by-word.
        #expect(TextDiff.words("Restart the router now.", "Reset your modem first.")
            == [.removed("Restart the router now"), .added("Reset your modem first"), .same(".")])
        // Punctuation is its own token.
        #expect(TextDiff.words("Yes, it works.", "Yes; it works!")
            == [.same("Yes"), .removed(","), .added(";"), .same(" it works"), .removed("."), .added("!")])
    }

    @Test("reordering keeps both sides exact")
    func reordering() {
        let old = "alpha beta gamma delta"
        let new = "gamma delta alpha beta"
        let ops = TextDiff.words(old, new)
        Self.expectWellFormed(ops, old, new)
        #expect(ops == [.removed("alpha beta "), .same("gamma delta"), .added(" alpha beta")],
                "one common run is kept, the other is removed and added")
    }

    @Test("CJK changes by character, emoji whole")
    func unicode() {
        #expect(TextDiff.words("東京は晴れです", "東京は雨です")
            == [.same("東京は"), .removed("晴れ"), .added("雨"), .same("です")])
        #expect(TextDiff.words("great 👍🏽 job", "great 👍🏿 job")
            == [.same("great "), .removed("👍🏽"), .added("👍🏿"), .same(" job")])
        let ops = TextDiff.words("naïve café", "naive cafe\u{301}")
        Self.expectWellFormed(ops, "naïve café", "naive cafe\u{301}")
        #expect(ops == [.removed("naïve"), .added("naive"), .same(" café")],
                "a composed and a decomposed é are canonically equal")
    }

    @Test("reconstruction property on random-ish inputs")
    func reconstruction() {
        var rng = SplitMix(seed: 0x5EED)
        let vocabulary = ["the", "a", "model", "answer", "was", "wrong", ",", ".", " ", "  ", "\n", "東", "京",
                          "👍🏽", "don't", "e\u{301}", "!", "refund", "policy", "30", "days"]
        for _ in 0..<300 {
            var old = ""
            for _ in 0..<Int(rng.next() % 40) { old += vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }
            var newTokens = TextTokens.tokens(old)
            for _ in 0..<Int(rng.next() % 8) {
                let word = vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
                let at = newTokens.isEmpty ? 0 : Int(rng.next() % UInt64(newTokens.count))
                switch rng.next() % 3 {
                case 0: newTokens.insert(word, at: at)
                case 1: if !newTokens.isEmpty { newTokens.remove(at: at) }
                default: if !newTokens.isEmpty { newTokens[at] = word }
                }
            }
            let new = newTokens.joined()
            Self.expectWellFormed(TextDiff.words(old, new), old, new)
            Self.expectWellFormed(TextDiff.words(new, old), new, old)
        }
    }

    @Test("long texts diff, also when they differ everywhere")
    func longTexts() {
        var rng = SplitMix(seed: 42)
        let words = (0..<5_000).map { _ in "w\(rng.next() % 2_000)" }
        let old = words.joined(separator: " ")
        var edited = words
        for i in stride(from: 100, to: 5_000, by: 700) { edited[i] = "CHANGED" }
        edited.insert("INSERTED", at: 2_500)
        let new = edited.joined(separator: " ")
        let ops = TextDiff.words(old, new)
        Self.expectWellFormed(ops, old, new)
        #expect(ops.filter { if case .added = $0 { true } else { false } }.count == 8)

        // Unrelated texts go past the cost limit: still a correct diff.
        let other = (0..<5_000).map { _ in "v\(rng.next() % 2_000)" }.joined(separator: " ")
        Self.expectWellFormed(TextDiff.words(old, other), old, other)
    }

    @Test("edit distance classics", arguments: [
        ("kitten", "sitting", 3), ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("flaw", "lawn", 2),
        ("intention", "execution", 5), ("same", "same", 0), ("東京", "京都", 2), ("👍🏽ok", "👍🏿ok", 1),
    ])
    func editDistanceClassics(a: String, b: String, expected: Int) {
        let result = TextDiff.editDistance(a, b)
        #expect(result.distance == expected)
        #expect(result.exact)
        #expect(TextDiff.editDistance(b, a).distance == expected)
    }

    @Test("edit distance counts graphemes; canonically equal ones are equal")
    func editDistanceGraphemes() {
        #expect(TextDiff.editDistance("caf\u{E9}", "cafe\u{301}").distance == 0)
        #expect(TextDiff.editDistance("e\u{301}", "e").distance == 1)
        #expect(TextDiff.editDistance("👨‍👩‍👧", "👨‍👩‍👦").distance == 1)
    }

    @Test("edit distance matches the textbook table across block sizes")
    func editDistanceAgainstReference() {
        var rng = SplitMix(seed: 7)
        let alphabet = Array("abcde 東👍")
        for round in 0..<200 {
            let la = Int(rng.next() % (round < 100 ? 70 : 300))
            let lb = Int(rng.next() % (round < 100 ? 70 : 300))
            let a = String((0..<la).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            let b = String((0..<lb).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            #expect(TextDiff.editDistance(a, b).distance == Self.reference(a, b), "\(a) / \(b)")
        }
    }

    @Test("edit distance of long texts completes; beyond the budget it is a flagged upper bound")
    func editDistanceLong() {
        var rng = SplitMix(seed: 9)
        let words = (0..<4_000).map { _ in "w\(rng.next() % 500)" }
        let a = words.joined(separator: " ")
        var edited = words
        edited[10] = "xx"
        edited[3_000] = "yy"
        let b = edited.joined(separator: " ")
        let result = TextDiff.editDistance(a, b)
        #expect(result.exact)
        #expect(result.distance <= 8)

        let huge = String(repeating: "abcdefghij ", count: 8_000)  // 88,000 characters
        let other = String(repeating: "klmnopqrst ", count: 8_000)
        let bound = TextDiff.editDistance("x" + huge, "y" + other)
        #expect(!bound.exact)
        #expect(bound.distance >= 80_000 && bound.distance <= 88_001)
    }

    static func reference(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[y.count]
    }
}

/// Failures replay: the demo data's deterministic generator.
typealias SplitMix = SplitMix64
