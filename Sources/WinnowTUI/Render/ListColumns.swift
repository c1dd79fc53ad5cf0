import WinnowStore

/// The widths of the queue list's columns for a width and the rows on screen. SEV, SIGNAL, AGE
/// and STATUS are always there. The prompt is what a reviewer reads an item by, so it always
/// gets at least half of what is left (and all of it when nothing else fits); the optional
/// columns follow in order of use — duplicates (× merged, ≈ suggested), intent, claim, owner — as the width allows,
/// and a column that is empty on every visible row gives its width to the prompt.
struct ListColumns: Equatable {
    var severity = 4, signal = 13, age = 4, status = 10, intent = 0, owner = 0, cluster = 0, claim = 0, preview = 0

    /// Columns narrower than this say too little to be worth their width.
    static let least = (cluster: 3, intent: 16, claim: 8, owner: 11, preview: 12)
    /// How far the intent and the owner grow before the rest goes to the prompt.
    static let most = (intent: 24, owner: 14)

    static func layout(width: Int, rows: [QueueRow], now: Int64) -> ListColumns {
        var cols = ListColumns()
        // The margin (▶ and the mark), the spaces after SEV, SIGNAL and AGE, and the one before the prompt.
        let remaining = width - 2 - cols.severity - cols.signal - cols.age - cols.status - 4
        guard remaining > 0 else { return cols }
        let markers = rows.map { DisplayWidth.of(duplicateMarker($0)) }
        let shown = (cluster: markers.contains { $0 > 0 },
                     intent: rows.contains { !($0.intent ?? "").isEmpty },
                     claim: rows.contains { $0.activeClaim(now: now) != nil },
                     owner: rows.contains { !($0.owner ?? "").isEmpty })
        // Each optional column costs its width and the space before it.
        let promptShare = max(min(remaining, least.preview), remaining / 2)
        var budget = remaining - promptShare
        func take(_ wanted: Bool, _ size: Int) -> Int {
            guard wanted, budget >= size + 1 else { return 0 }
            budget -= size + 1
            return size
        }
        cols.cluster = take(shown.cluster, max(least.cluster, markers.max() ?? 0))
        cols.intent = take(shown.intent, least.intent)
        cols.claim = take(shown.claim, least.claim)
        cols.owner = take(shown.owner, least.owner)
        if cols.owner > 0 {
            let grow = min(budget, most.owner - cols.owner)
            cols.owner += grow
            budget -= grow
        }
        // The intent grows only once the prompt has room to be read.
        if cols.intent > 0, promptShare + budget >= 40 {
            let grow = min(budget, most.intent - cols.intent)
            cols.intent += grow
            budget -= grow
        }
        cols.preview = promptShare + budget
        return cols
    }

    /// The duplicates column of a row: `×3` for a merged cluster of three, `≈2` for two other
    /// items suggested as its near-duplicates (`≈999+` past the count's cap), both when both.
    static func duplicateMarker(_ row: QueueRow) -> String {
        let cluster = row.clusterSize > 1 ? "×\(row.clusterSize)" : ""
        let suggested = row.suggestedDuplicates >= QueueRow.suggestedDuplicatesCap ? "≈\(QueueRow.suggestedDuplicatesCap)+"
            : row.suggestedDuplicates > 0 ? "≈\(row.suggestedDuplicates)" : ""
        return cluster + suggested
    }
}
