import GRDB

extension Store {
    /// Called in the transaction that completes an item of a round (its last assignment submitted
    /// or skipped, or the round closed): compares the item's round judgments field by field,
    /// records the agreed outcome, and opens a dispute for each field whose judgments disagree
    /// (on an ordinal rubric scale, by at least the dimension's `disagreement_distance`).
    /// Returns the disputes it opened.
    @discardableResult
    func settleCompletedItem(roundID: Int64, itemID: Int64, writer: ChangeWriter) throws -> [Int64] {
        // Filled in by the disputes work; until then a completed item opens no dispute.
        []
    }
}
