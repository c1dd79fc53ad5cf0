import Foundation
import XCTest
@testable import WinnowCore

/// What near-duplicate detection compares: normalised, masked tokens and their shingles, and the
/// MinHash signatures and LSH bands over them.
final class NearDuplicateTextTests: XCTestCase {
    func testCaseWidthPunctuationAndSpacingFoldAway() {
        let a = ComparableText("Why was I charged TWICE for my refund?!")
        let b = ComparableText("why   was i charged twice, for my ｒｅｆｕｎｄ")
        XCTAssertEqual(a.tokens, ["why", "was", "i", "charged", "twice", "for", "my", "refund"])
        XCTAssertEqual(a.tokens, b.tokens)
        XCTAssertEqual(a.similarity(to: b), 1)
    }

    func testVolatileTokensAreMaskedByKind() {
        let text = ComparableText("Invoice #48213 for $1,299.00 went to anna.k@example.com, see https://app.example/i/48213 ref inv_8f3k2m9q")
        XCTAssertEqual(text.tokens, ["invoice", "⟨num⟩", "for", "⟨num⟩", "went", "to", "⟨email⟩", "see", "⟨url⟩", "ref", "⟨id⟩"])
        XCTAssertEqual(ComparableText("Invoice #48213 is wrong").similarity(to: ComparableText("invoice #90117 is wrong")), 1)
        XCTAssertEqual(ComparableText("Invoice #48213", masking: []).tokens, ["invoice", "48213"])
        XCTAssertEqual(ComparableText("order 66 and word2vec", masking: .all).tokens, ["order", "⟨num⟩", "and", "⟨id⟩"],
                       "an id mixes letters and digits over 6 characters or more")
        XCTAssertEqual(ComparableText("mp3 player").tokens, ["mp3", "player"], "a short mix of letters and digits is a word")
        XCTAssertEqual(ComparableText("#48213").comparedTokens, [], "a text of nothing but a number has nothing to compare")
        XCTAssertTrue(DuplicateSketch(text: "48213 / 90117").isEmpty)
        XCTAssertEqual(ComparableText("48213").similarity(to: ComparableText("90117")), 0, "or every number would duplicate every other")
        XCTAssertEqual(ComparableText("see https://a.example/x").comparedTokens, ["see", "⟨url⟩"])
    }

    func testCJKHasNoSpacesSoEachIdeographIsAToken() {
        let a = ComparableText("退款申请被拒绝了")
        XCTAssertEqual(a.tokens, ["退", "款", "申", "请", "被", "拒", "绝", "了"])
        let b = ComparableText("退款申请被拒绝了吗？")
        XCTAssertGreaterThan(a.similarity(to: b), 0.7, "one more character and a question mark")
        XCTAssertLessThan(a.similarity(to: ComparableText("账单地址怎么修改")), 0.1)
        XCTAssertEqual(ComparableText("払い戻し（返金）について").tokens.count, 10, "kana and kanji, brackets dropped")
    }

    func testEmojiAndMixedScriptsStayWhole() {
        let text = ComparableText("Refund 🔥🔥 please — 退款 Привет👍🏽")
        XCTAssertEqual(text.tokens, ["refund", "🔥", "🔥", "please", "退", "款", "привет", "👍🏽"])
        XCTAssertTrue(ComparableText("").tokens.isEmpty)
        XCTAssertEqual(ComparableText("").similarity(to: ComparableText("")), 0, "two empty texts share nothing to compare")
    }

    func testShinglesKeepWordOrderAndTolerateATypo() {
        let base = ComparableText("the csv export drops the last row of every report we download")
        let swapped = ComparableText("the csv export drops the last row of every report we download".split(separator: " ").reversed().joined(separator: " "))
        XCTAssertEqual(Set(base.tokens), Set(swapped.tokens))
        XCTAssertLessThan(base.similarity(to: swapped), 1, "word order counts")
        XCTAssertGreaterThan(base.similarity(to: swapped), 0.3, "the same words still count")
        let typo = ComparableText("the csv exprot drops the last row of every report we download")
        XCTAssertGreaterThan(base.similarity(to: typo), 0.75)
        XCTAssertEqual(ComparableText("fix").shingles, ["fix"], "a one-word text still has a shingle")
    }

    func testLongerWordsAreComparedByLetterTrigramsSoATypoCostsLessThanAnotherWord() {
        XCTAssertEqual(ComparableText("refund").shingles, ["\u{1E}\u{2}re", "\u{1E}ref", "\u{1E}efu", "\u{1E}fun", "\u{1E}und", "\u{1E}nd\u{3}"])
        XCTAssertEqual(ComparableText("the app").shingles, ["the", "app", "the\u{1F}app"], "words of 3 letters or fewer stay whole")
        let base = ComparableText("my refund never arrived for the annual plan")
        let typo = ComparableText("my refnd never arrived for the annual plan")
        let other = ComparableText("my upgrade never arrived for the annual plan")
        XCTAssertGreaterThan(base.similarity(to: typo), 0.75)
        XCTAssertLessThan(base.similarity(to: other), base.similarity(to: typo) - 0.1, "a different word loses all its trigrams")
        XCTAssertEqual(ComparableText("Привет мир").shingles.filter { $0.hasPrefix("\u{1E}") }.count, 6, "any alphabet: привет gives 6 trigrams")
        XCTAssertEqual(ComparableText("退款申请").shingles.count, 7, "ideographs stay single: 4 of them and 3 neighbouring pairs")
        XCTAssertTrue(ComparableText("mp3 player 🔥🔥").shingles.isSuperset(of: ["mp3", "🔥", "mp3\u{1F}player"]),
                      "a word with digits and a symbol stay whole")
    }

    func testShingleHashesAreTheHashesOfTheShingles() {
        for text in ["Hi team, my refund never arrived — Anna", "退款申请被拒绝了吗？", "Refund 🔥🔥 please — 退款 Привет👍🏽 don't",
                     "a", "", "Invoice #48213 for $1,299.00 see https://x.example/i ref inv_8f3k2m9q", "नमस्ते दुनिया कैसे हो"] {
            let comparable = ComparableText(text)
            XCTAssertEqual(Set(comparable.shingleHashes), Set(comparable.shingles.map(MinHasher.fnv1a)), text)
            let sketch = DuplicateSketch(text: text)
            XCTAssertEqual(sketch, DuplicateSketch(shingleHashes: DuplicateSketch.hashes(of: comparable.shingles)),
                           "a sketch rebuilt from stored hashes is the same sketch: \(text)")
        }
    }

    func testPunctuationInsideAWordIsDroppedWithIt() {
        XCTAssertEqual(ComparableText("I don't see the sign-in page, e.g. on iOS").tokens, ["i", "dont", "see", "the", "signin", "page", "eg", "on", "ios"])
        XCTAssertEqual(ComparableText("I dont see the signin page eg on iOS").tokens, ComparableText("I don't see the sign-in page, e.g. on iOS").tokens)
        XCTAssertEqual(ComparableText("the sign-in - login page").tokens, ["the", "signin", "login", "page"], "a spaced dash still separates")
    }

    func testGreetingsSignOffsFillersNumbersAndIdsAreNotCompared() {
        let plain = ComparableText("the export drops the last row").comparedTokens
        XCTAssertEqual(plain, ["the", "export", "drops", "the", "last", "row"])
        for variant in ["Hi team, the export drops the last row", "Good morning, the export drops the last row!",
                        "Hey there support: the export drops the last row", "hello the export drops the last row",
                        "the export drops the last row — Anna from Acme", "the export drops the last row Thanks, Bob",
                        "the export drops the last row -- sent from my phone", "the export drops the last row Regards, Carla (Globex)",
                        "the export drops the last row. Thank you", "the export just drops the last row, please",
                        "the export drops the last row #4"] {
            XCTAssertEqual(ComparableText(variant).comparedTokens, plain, variant)
        }
        XCTAssertEqual(ComparableText("the export drops the last row, order 48213").comparedTokens, plain, "a reference appended at the end")
        XCTAssertEqual(ComparableText("the export drops the last row ref inv_8f3k2m9q — Bob").comparedTokens, plain)
        XCTAssertEqual(ComparableText("order 48213 is wrong: the export drops the last row").comparedTokens.prefix(3), ["order", "is", "wrong"],
                       "inside the text, the number goes and its label stays")
        XCTAssertEqual(ComparableText("the export drops the last row 48213").comparedTokens, plain, "a number alone at the end")
        XCTAssertEqual(ComparableText("the export drops the last row in 2 reports").comparedTokens, plain + ["in", "reports"],
                       "a word that labels no reference stays")
        XCTAssertEqual(ComparableText("we are the best team at thanks giving").comparedTokens,
                       ["we", "are", "the", "best", "team", "at", "giving"], "a sign-off word inside a sentence is no sign-off (but a filler)")
        XCTAssertEqual(ComparableText("Hello, thanks!").comparedTokens, ["hello", "thanks"], "nothing but courtesy: compared as it is")
        XCTAssertEqual(ComparableText("Hi team, the export fails").tokens, ["hi", "team", "the", "export", "fails"], "tokens keep everything")
        XCTAssertEqual(ComparableText("Hallo Team, der Export schlägt fehl").comparedTokens.first, "hallo", "only English greetings are known")
    }

    func testTheSignatureEstimatesJaccardSimilarity() {
        let hasher = MinHasher(permutations: 256, seed: 7)
        let texts = ["my refund for the annual plan never arrived and support is not answering",
                     "hi, my refund for the annual plan never arrived and support is not answering. thanks, anna",
                     "my refund for the monthly plan arrived twice and support is not answering",
                     "how do i export receipts to csv from the mobile app"].map { ComparableText($0) }
        for a in texts {
            for b in texts {
                let exact = a.similarity(to: b)
                let estimate = MinHasher.estimatedSimilarity(hasher.signature(of: a.shingles), hasher.signature(of: b.shingles))
                XCTAssertEqual(estimate, exact, accuracy: 0.1, "\(a.tokens) vs \(b.tokens)")
            }
        }
    }

    func testSignaturesAreTheSameInEveryProcess() {
        // Pinned: a signature stored by one process must match one computed by another, so no
        // hash here may come from Swift's per-process randomised Hasher.
        let signature = MinHasher(permutations: 4, seed: 1).signature(of: ComparableText("refund not received").shingles)
        XCTAssertEqual(signature, MinHasher(permutations: 4, seed: 1).signature(of: ComparableText("Refund NOT received!").shingles))
        XCTAssertEqual(signature.count, 4)
        XCTAssertEqual(MinHasher.fnv1a("a"), 0xAF63_DC4C_8601_EC8C, "FNV-1a 64 of \"a\" (the published test vector)")
        XCTAssertNotEqual(signature, MinHasher(permutations: 4, seed: 2).signature(of: ComparableText("refund not received").shingles))
    }

    func testBandsMakeNearDuplicatesCandidatesAndKeepOthersApart() {
        let hasher = MinHasher(permutations: 128, seed: 1)
        func keys(_ text: String) -> [UInt64] { MinHasher.bandKeys(hasher.signature(of: ComparableText(text).shingles), bands: 32) }
        let original = keys("The SAML login loops back to the sign-in page after we enabled enforce SSO for the whole workspace")
        let reworded = keys("hello! the saml login loops back to the sign in page after we enabled enforce sso for the whole workspace :(")
        let other = keys("Can I change the currency on an invoice that was already sent to the customer last week")
        XCTAssertEqual(original.count, 32)
        XCTAssertFalse(Set(original).isDisjoint(with: reworded), "a near duplicate shares a band")
        XCTAssertTrue(Set(original).isDisjoint(with: other), "a different complaint shares none")
        XCTAssertEqual(keys("same text"), keys("Same text."))
    }

    func testStoredBytesReadBackTheSameFromContiguousAndOtherCollections() {
        let sketch = DuplicateSketch(text: "my invoice was charged twice this month, please refund it", parameters: .standard)
        let bytes = sketch.shingleBytes
        XCTAssertFalse(sketch.shingleHashes.isEmpty)
        XCTAssertEqual(DuplicateSketch.shingleHashes(fromBytes: Data(bytes)), sketch.shingleHashes)
        XCTAssertEqual(DuplicateSketch.shingleHashes(fromBytes: bytes.lazy.map { $0 }), sketch.shingleHashes, "a collection without contiguous storage")
        let damaged = Data(bytes + [7, 7])
        XCTAssertEqual(DuplicateSketch.shingleHashes(fromBytes: damaged), sketch.shingleHashes, "a trailing partial hash is dropped")
        XCTAssertEqual(DuplicateSketch.shingleHashes(fromBytes: Data([1, 0, 0, 0, 0, 1, 0, 0])), [1, 256], "little-endian")
    }
}
