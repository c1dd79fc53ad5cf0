import Foundation
import WinnowCore
import WinnowStore

/// How often the labels Winnow suggests for an untriaged item equal the ones its reviewers set,
/// on a held-out split of a labelled workspace, beside the best guess without neighbours (every
/// held-out item given the labels most items have).
///
/// The workspace: chatterbot-corpus turns (and planted near-duplicates of some), labelled the way
/// a team labels its queue: each corpus category is one kind of complaint, which reviewers give
/// one locus (with its first reason code and default owner) and one severity; near-duplicates of
/// a turn are labelled as it is. Every fifth item, chosen by the seed, is held out unlabelled.
struct SuggestedLabelsAccuracy {
    var heldOut = 0
    var suggested = 0
    var matchingAll = 0
    var matchingByField: [LabelField: Int] = [:]
    var baselineAll = 0
    var baselineByField: [LabelField: Int] = [:]
    var seconds = 0.0

    static func measure(corpus: DialogCorpus, turns: Int, seed: UInt64, in root: URL) throws -> SuggestedLabelsAccuracy {
        var generator = SplitMix64(seed: seed &+ 17)
        var pool: [(text: String, category: String)] = []
        var seen = Set<[String]>()
        for dialog in corpus.dialogs where dialog.language == "english" {
            for turn in dialog.turns {
                let tokens = ComparableText(turn).tokens
                if tokens.count >= 4, seen.insert(tokens).inserted { pool.append((turn, dialog.category)) }
            }
        }
        for i in pool.indices.reversed() where i > 0 { pool.swapAt(i, generator.below(i + 1)) }
        var items: [(text: String, category: String)] = []
        for base in pool.prefix(turns) {
            items.append(base)
            if generator.percent(30) {
                for _ in 0..<generator.between(1, 2) {
                    var words = base.text.split(separator: " ").map(String.init)
                    LabelledSet.edit(generator.pick(LabelledSet.Edit.allCases), &words, &generator)
                    items.append((words.joined(separator: " "), base.category))
                }
            }
        }
        // Shuffled, so copies arrive apart, as they do in a queue.
        for i in items.indices.reversed() where i > 0 { items.swapAt(i, generator.below(i + 1)) }

        let workspace = try Workspace.create(at: root.appendingPathComponent("labels-ws"))
        let store = try Store.open(workspace)
        let identity = Identity(reviewer: "bench", osUser: "bench")
        let encoder = JSONEncoder()
        var lines = ""
        for (index, item) in items.enumerated() {
            let event: [String: String] = ["id": "lab-\(index)", "ts": RFC3339.format(millis: 1_790_000_000_000 + Int64(index) * 60_000),
                                           "signal": "thumbs_down", "prompt": item.text, "response": "(answer)"]
            lines += String(decoding: try encoder.encode(event), as: UTF8.self) + "\n"
        }
        let file = root.appendingPathComponent("labels.jsonl")
        try lines.write(to: file, atomically: true, encoding: .utf8)
        _ = try EventImporter(store: store, identity: identity).run(try ImportInput.open(path: file.path, format: .jsonl))

        // Categories to labels: one locus (its first reason and owner) and one severity each.
        let taxonomy = store.config.taxonomy
        let categories = Array(Set(items.map(\.category))).sorted()
        var labelsOf: [String: [LabelField: String]] = [:]
        for (index, category) in categories.enumerated() {
            let locus = taxonomy.loci[index % taxonomy.loci.count]
            let severity = taxonomy.severities[(index / taxonomy.loci.count + index) % taxonomy.severities.count]
            var labels: [LabelField: String] = [.locus: locus.name, .severity: severity.code, .owner: locus.owner]
            if let reason = locus.reasons.first { labels[.reasons] = reason }
            labelsOf[category] = labels
        }
        // Item ids follow the import order (one item per event, none skipped).
        var heldOut: [(item: Int64, labels: [LabelField: String])] = []
        var trained: [[LabelField: String]] = []
        for (index, item) in items.enumerated() {
            let id = Int64(index + 1)
            let labels = labelsOf[item.category]!
            if generator.percent(20) {
                heldOut.append((id, labels))
            } else {
                try store.applyLabels(labels, to: [id], by: identity, expectedVersions: try store.versions(of: [id]))
                trained.append(labels)
            }
        }

        var result = SuggestedLabelsAccuracy()
        result.heldOut = heldOut.count
        // The reference: the labels most training items have, given to every held-out item.
        var baseline: [LabelField: String] = [:]
        for field in Store.suggestedFields {
            let counts = Dictionary(grouping: trained.compactMap { $0[field] }, by: { $0 }).mapValues(\.count)
            baseline[field] = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        }
        let started = DispatchTime.now().uptimeNanoseconds
        for (item, truth) in heldOut {
            var baselineAllMatch = true
            for field in Store.suggestedFields {
                let expected = field == .reasons ? "[\"\(truth[field]!)\"]" : truth[field]
                if baseline[field].map({ field == .reasons ? "[\"\($0)\"]" : $0 }) == expected {
                    result.baselineByField[field, default: 0] += 1
                } else { baselineAllMatch = false }
            }
            if baselineAllMatch { result.baselineAll += 1 }
            guard let suggestion = try store.suggestedLabels(for: item) else { continue }
            result.suggested += 1
            var allMatch = true
            for field in Store.suggestedFields {
                let expected = field == .reasons ? "[\"\(truth[field]!)\"]" : truth[field]
                if suggestion.labels[field] == expected { result.matchingByField[field, default: 0] += 1 } else { allMatch = false }
            }
            if allMatch { result.matchingAll += 1 }
        }
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        try store.pool.close()
        return result
    }

    func report() -> String {
        func share(_ n: Int, of total: Int) -> String { String(format: "%.3f", total == 0 ? 0 : Double(n) / Double(total)) }
        var lines = ["Suggested labels on \(NumberFormat.grouped(heldOut)) held-out items: \(NumberFormat.grouped(suggested)) got a suggestion "
                     + "(\(share(suggested, of: heldOut))); \(String(format: "%.1f", seconds * 1000 / Double(max(1, heldOut)))) ms an item"]
        lines.append("  field      suggestion = reviewers' (of suggested)   reference: the most common label (of all held out)")
        func row(_ name: String, _ winnow: String, _ reference: String) -> String {
            "  " + name.padding(toLength: 9, withPad: " ", startingAt: 0) + "  " + winnow.padding(toLength: 41, withPad: " ", startingAt: 0)
                + reference
        }
        for field in Store.suggestedFields {
            lines.append(row(field.rawValue, share(matchingByField[field] ?? 0, of: suggested), share(baselineByField[field] ?? 0, of: heldOut)))
        }
        lines.append(row("all four", share(matchingAll, of: suggested), share(baselineAll, of: heldOut)))
        return lines.joined(separator: "\n")
    }
}
