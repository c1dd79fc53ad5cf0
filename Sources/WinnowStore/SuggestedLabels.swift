import Foundation
import GRDB
import WinnowCore

/// Labels for an untriaged item, read off its most similar triaged items: per field the value
/// most of them have, with how many agree.
public struct LabelSuggestion: Equatable, Sendable {
    public struct Value: Equatable, Sendable {
        public var field: LabelField
        /// As stored (reasons: a JSON array of codes).
        public var value: String
        /// Neighbours with this value, of `neighbours.count`.
        public var agreeing: Int
    }

    /// The triaged items it was read from, most similar first.
    public var neighbours: [(item: Int64, similarity: Double)]
    public var values: [Value]

    public var labels: [LabelField: String] {
        Dictionary(uniqueKeysWithValues: values.map { ($0.field, $0.value) })
    }

    public static func == (a: LabelSuggestion, b: LabelSuggestion) -> Bool {
        a.values == b.values && a.neighbours.map(\.item) == b.neighbours.map(\.item)
            && a.neighbours.map(\.similarity) == b.neighbours.map(\.similarity)
    }
}

extension Store {
    /// Fields a suggestion fills, in the order they are shown.
    public static let suggestedFields: [LabelField] = [.severity, .locus, .reasons, .owner]
    /// Neighbours need not be duplicates: an item this similar is usually labelled alike.
    public static let labelNeighbourFloor = 0.3
    public static let labelNeighbours = 5

    /// The labels `item`'s most similar triaged items agree on, nil when the item is triaged
    /// already or has no triaged neighbour. Ties go to the value of the more similar neighbours.
    public func suggestedLabels(for item: Int64) throws -> LabelSuggestion? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT severity, locus FROM items WHERE id = ?", arguments: [item]),
                  (row["severity"] as String?) == nil, (row["locus"] as String?) == nil,
                  let sketch = try DuplicateIndex.sketch(of: item, db: db) else { return nil }
            let index = DuplicateIndex(db: db, minSimilarity: Self.labelNeighbourFloor, millis: 0)
            let labels = try db.cachedStatement(sql: """
                SELECT severity, locus, reasons, owner FROM items WHERE id = ? AND (severity IS NOT NULL OR locus IS NOT NULL)
                """)
            var neighbours: [(item: Int64, similarity: Double)] = []
            var values: [LabelField: [(value: String, similarity: Double)]] = [:]
            // Copies of the same text first: only the first copy of a text is in the band index.
            let copies = try index.exactCopies(of: item, sketch: sketch, earlierOnly: false) ?? []
            let found = try index.verifiedCandidates(of: item, sketch: sketch, limit: DuplicateIndex.verifyLimit)
            var seen = Set<Int64>()
            for candidate in copies + found where seen.insert(candidate.item).inserted {
                guard let labelled = try Row.fetchOne(labels, arguments: [candidate.item]) else { continue }
                neighbours.append(candidate)
                for (column, field) in Self.suggestedFields.enumerated() {
                    if let value: String = labelled[column], value != "[]" { values[field, default: []].append((value, candidate.similarity)) }
                }
                if neighbours.count == Self.labelNeighbours { break }
            }
            guard !neighbours.isEmpty else { return nil }
            var suggestion = LabelSuggestion(neighbours: neighbours, values: [])
            for field in Self.suggestedFields {
                guard let seen = values[field] else { continue }
                var tally: [String: (count: Int, weight: Double)] = [:]
                for entry in seen {
                    let current = tally[entry.value] ?? (0, 0)
                    tally[entry.value] = (current.count + 1, current.weight + entry.similarity)
                }
                let best = tally.max { a, b in
                    a.value.count != b.value.count ? a.value.count < b.value.count
                        : a.value.weight != b.value.weight ? a.value.weight < b.value.weight : a.key > b.key
                }!
                suggestion.values.append(.init(field: field, value: best.key, agreeing: best.value.count))
            }
            return suggestion
        }
    }

    /// Applies a suggestion's labels as one labelling action of the reviewer's, audited as taken
    /// from the suggestion (the neighbours named) and undone like any label.
    @discardableResult
    public func applySuggestedLabels(_ suggestion: LabelSuggestion, to item: Int64, by identity: Identity,
                                     expectedVersions: [Int64: Int], at millis: Int64 = Clock.nowMillis()) throws -> ChangeSet {
        let from = suggestion.neighbours.map { "#\($0.item)" }.joined(separator: " ")
        return try applyLabels(suggestion.labels, to: [item], by: identity, reason: "\(Self.suggestedLabelsReason) \(from)",
                               expectedVersions: expectedVersions, at: millis)
    }

    public static let suggestedLabelsReason = "suggested by similar items"
}
