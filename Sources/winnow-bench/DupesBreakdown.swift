import Foundation
import WinnowCore

/// Where the dupes bench loses recall and precision: recall by pair kind, edits, length and edit
/// kind; false positives by what the two texts are; and, on request, examples of both.
struct DupesBreakdown {
    let set: LabelledSet
    let sketches: [DuplicateSketch]
    let suggested: [Pair: Double]
    let threshold: Double

    func print(examples: Int) {
        var groups: [String: (found: Int, all: Int)] = [:]
        var order: [String] = []
        func count(_ key: String, _ found: Bool) {
            if groups[key] == nil { order.append(key) }
            groups[key, default: (0, 0)].all += 1
            if found { groups[key, default: (0, 0)].found += 1 }
        }
        var missed: [(Pair, Double)] = []
        for pair in set.truth.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
            let found = suggested[pair] != nil
            let editsA = edits(pair.a), editsB = edits(pair.b)
            let baseTokens = ComparableText(set.texts[set.base(of: pair.a)]).comparedTokens.count
            count("pair: " + (set.origins[pair.a] == .base ? "base–copy" : "copy–copy"), found)
            count("edits in the pair: \(editsA.count + editsB.count)", found)
            count("base length: " + (baseTokens <= 5 ? "≤5 tokens" : baseTokens <= 10 ? "6–10 tokens" : baseTokens <= 20 ? "11–20 tokens" : ">20 tokens"), found)
            for kind in Set(editsA + editsB).sorted(by: { $0.rawValue < $1.rawValue }) { count("edit: " + kind.name, found) }
            if !found { missed.append((pair, sketches[pair.a].similarity(to: sketches[pair.b]))) }
        }
        Swift.print("\nRecall at \(threshold) by kind (found / duplicate pairs):")
        for key in order.sorted() {
            let g = groups[key]!
            Swift.print("  " + key.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: " %5d / %5d  %.3f", g.found, g.all, Double(g.found) / Double(g.all)))
        }

        var falseKinds: [String: Int] = [:]
        var falsePositives: [(Pair, Double)] = []
        for (pair, similarity) in suggested where !set.truth.contains(pair) {
            falsePositives.append((pair, similarity))
            let sameBase = set.base(of: pair.a) == set.base(of: pair.b)
            let negative = isNegative(pair.a) || isNegative(pair.b)
            let kind = negative && sameBase ? "a hard negative and its base or copies"
                : negative ? "a hard negative and another turn"
                : "two corpus turns (or their copies)"
            falseKinds[kind, default: 0] += 1
        }
        Swift.print("False positives at \(threshold) (\(falsePositives.count)):")
        for (kind, n) in falseKinds.sorted(by: { $0.value > $1.value }) { Swift.print(String(format: "  %5d  %@", n, kind)) }

        guard examples > 0 else { return }
        Swift.print("Missed pairs (similarity, then the two texts):")
        for (pair, similarity) in missed.sorted(by: { $0.1 > $1.1 }).prefix(examples) { show(pair, similarity) }
        Swift.print("False positives:")
        for (pair, similarity) in falsePositives.sorted(by: { $0.1 > $1.1 }).prefix(examples) { show(pair, similarity) }
    }

    private func edits(_ index: Int) -> [LabelledSet.Edit] {
        if case .copy(_, let edits) = set.origins[index] { return edits }
        return []
    }

    private func isNegative(_ index: Int) -> Bool {
        if case .negative = set.origins[index] { return true }
        return false
    }

    private func show(_ pair: Pair, _ similarity: Double) {
        func clip(_ text: String) -> String { SafeText.line(String(text.prefix(90))) }
        Swift.print(String(format: "  %.2f  ", similarity) + edits(pair.b).map(\.name).joined(separator: ", "))
        Swift.print("        " + clip(set.texts[pair.a]))
        Swift.print("        " + clip(set.texts[pair.b]))
    }
}
