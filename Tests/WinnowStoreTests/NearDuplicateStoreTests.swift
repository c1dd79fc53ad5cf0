import Foundation
import GRDB
import XCTest
import WinnowCore
@testable import WinnowStore

/// Suggestions found at import, their groups, accept (a merge, undoable), reject (remembered past
/// a rebuild), rebuild and determinism, on the store alone.
final class NearDuplicateStoreTests: XCTestCase {
    static let texts = [
        "My invoice INV-48213 was charged twice this month, please refund the second charge",     // 1
        "my invoice inv-99120 was charged twice this month please refund the second charge!!",     // 2: 1 with another number
        "Hi team, my invoice #5521 was chraged twice this month, pls refund the second charge",    // 3: greeting, typo, abbreviation
        "The export to CSV button does nothing when I click it on the reports page",               // 4: unrelated
        "the export to csv button does nothing when i click it on the reports page.",              // 5: 4 again
        "How do I change the language of the assistant to German?",                                // 6: alone
    ]

    func workspace(_ texts: [String] = texts, config: String? = nil) throws -> TestWorkspace {
        let ws = try TestWorkspace(config: config)
        try importTexts(texts, into: ws, startingAt: 1)
        return ws
    }

    func importTexts(_ texts: [String], into ws: TestWorkspace, startingAt first: Int) throws {
        let lines = texts.enumerated().map { offset, text in
            eventLine("e\(first + offset)", prompt: text).replacingOccurrences(of: "2026-10-14T09:31:22Z",
                                                                               with: "2026-10-14T09:\(10 + first + offset):00Z")
        }
        _ = try ws.importFile(try ws.file("batch-\(first).jsonl", lines.joined(separator: "\n") + "\n"))
    }

    func groups(_ ws: TestWorkspace) throws -> [[Int64]] {
        try ws.store.duplicateGroups().map { $0.members.map(\.itemID) }
    }

    func testImportFindsTheGroupsAndTheCanonicalIsTheOldest() throws {
        let ws = try workspace()
        XCTAssertEqual(try ws.store.duplicateIndexState(), .current)
        let found = try ws.store.duplicateGroups()
        XCTAssertEqual(found.map { Set($0.members.map(\.itemID)) }, [[1, 2, 3], [4, 5]], "heaviest (largest) group first")
        XCTAssertEqual(found[0].canonical.itemID, 1)
        XCTAssertEqual(found[0].canonical.similarity, 1)
        XCTAssertEqual(found[0].duplicates.map(\.itemID), [2, 3])
        XCTAssertEqual(found[0].duplicates.first?.similarity, 1, "the same text after normalisation and masking is similarity 1.0")
        XCTAssertTrue((0.5..<1).contains(found[0].duplicates.last!.similarity), "a typo and an abbreviation cost some similarity")
        XCTAssertEqual(found[1].duplicates.first?.similarity, 1)
        let reader = QueueReader(store: ws.store, reviewer: "tester")
        let rows = try reader.rows(reader.compile(FilterQuery()), sort: .oldest, offset: 0, limit: 10)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.suggestedDuplicates) }), [1: 2, 2: 2, 3: 2, 4: 1, 5: 1, 6: 0])
        XCTAssertEqual(try ws.store.likelyDuplicates(of: 2).map(\.itemID).sorted(), [1, 3])
    }

    func testTheLabelledItemIsTheCanonical() throws {
        let ws = try workspace()
        try ws.store.applyLabel(.severity, value: "S2", to: [3], by: ws.identity)
        XCTAssertEqual(try ws.store.duplicateGroup(containing: 1)?.canonical.itemID, 3)
    }

    func testEventsImportedLaterJoinTheirGroup() throws {
        let ws = try workspace()
        try importTexts(["MY INVOICE 777 WAS CHARGED TWICE THIS MONTH, PLEASE REFUND THE SECOND CHARGE"], into: ws, startingAt: 7)
        XCTAssertEqual(try ws.store.duplicateGroup(containing: 7).map { Set($0.members.map(\.itemID)) }, [1, 2, 3, 7])
    }

    func testAcceptMergesIntoTheCanonicalAndUndoBringsTheSuggestionBack() throws {
        let ws = try workspace()
        let group = try XCTUnwrap(try ws.store.duplicateGroup(containing: 1))
        let ids = group.members.map(\.itemID)
        let change = try ws.store.acceptDuplicates(Array(ids.dropFirst()), into: group.canonical.itemID, by: ws.identity,
                                                   expectedVersions: try ws.store.versions(of: ids))
        XCTAssertEqual(try ws.count("SELECT cluster_size FROM items WHERE id = 1"), 3)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'merge' AND reason = 'accepted near-duplicate suggestion'"), 2)
        XCTAssertNil(try ws.store.duplicateGroup(containing: 1), "merged items are no longer suggested")
        XCTAssertEqual(try groups(ws).map(Set.init), [[4, 5]])
        try ws.store.undo(change, by: ws.identity)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE canonical_id IS NOT NULL"), 0)
        XCTAssertEqual(try ws.store.duplicateGroup(containing: 1).map { Set($0.members.map(\.itemID)) }, [1, 2, 3])
    }

    func testARejectedPairIsAuditedAndNeverSuggestedAgainEvenAfterARebuild() throws {
        let ws = try workspace()
        XCTAssertEqual(try ws.store.rejectDuplicates([5], of: [4], by: ws.identity, reason: "different pages"), 1)
        XCTAssertEqual(try groups(ws).map(Set.init), [[1, 2, 3]])
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE action = 'dupe_reject' AND item_id = 4 AND new_value = 'not a duplicate of #5'"), 1)
        XCTAssertTrue(try ws.store.isRejectedDuplicatePair(5, 4))
        try ws.store.rebuildDuplicates(by: ws.identity)
        XCTAssertEqual(try groups(ws).map(Set.init), [[1, 2, 3]])
        // A new copy of the text still joins 4 (the rejection is about the pair, not the text).
        try importTexts(["The export to CSV button does nothing when I click it on the reports page"], into: ws, startingAt: 7)
        XCTAssertEqual(try ws.store.duplicateGroup(containing: 7).map { Set($0.members.map(\.itemID)) }, [4, 5, 7])
    }

    func testRejectingOneItemLeavesTheRestOfItsGroup() throws {
        let ws = try workspace()
        try ws.store.rejectDuplicates([3], of: [1, 2], by: ws.identity)
        XCTAssertEqual(try groups(ws).map(Set.init), [[1, 2], [4, 5]])
        XCTAssertEqual(try ws.store.likelyDuplicates(of: 3), [])
    }

    func testRebuildAfterTheSettingsChangeAndDeterminism() throws {
        let first = try workspace()
        let second = try workspace()
        XCTAssertEqual(try groups(first), try groups(second), "the same data gives the same groups")
        try first.store.rebuildDuplicates(by: first.identity)
        XCTAssertEqual(try groups(first), try groups(second), "a rebuild gives the same groups as the import")
        XCTAssertEqual(try first.count("SELECT count(*) FROM audit WHERE action = 'dupes_rebuild'"), 1)

        // Comparing the response as well (the same for all): the settings changed, a rebuild is asked for.
        let workspace = Workspace(directory: first.directory)
        // The whole file: the template `winnow init` wrote already has a [dupes] section, and every other section is optional.
        try "[dupes]\ncompare = [\"prompt\", \"response\"]\nmin_similarity = 0.9\n"
            .write(to: workspace.configURL, atomically: true, encoding: .utf8)
        let changed = try Store.open(workspace)
        guard case .needsRebuild = try changed.duplicateIndexState() else { return XCTFail("a changed compare setting needs a rebuild") }
        try changed.rebuildDuplicates(by: first.identity)
        XCTAssertEqual(try changed.duplicateIndexState(), .current)
        XCTAssertEqual(try changed.duplicateGroups().map { Set($0.members.map(\.itemID)) }, [[1, 2], [4, 5]],
                       "3's typo keeps it below 0.9")
    }

    /// The catch-up looks band keys up a batch at a time, in key order; one item at a time must
    /// find the same pairs and groups, also where a crowd of near-copies overflows the buckets.
    func testBatchedIndexingFindsWhatIndexingOneByOneFinds() throws {
        // One complaint with one word changed per copy, and another the same way: not exact
        // copies, so every one is searched for by its band keys.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func word(_ n: Int) -> String { "q" + String(letters[n % 26]) + String(letters[(n / 26) % 26]) + "z" }
        let complaints = ["my invoice was charged twice this month after the update, please refund the second charge to my card "
                              + "because the bank statement shows both payments and the support article about duplicate charges "
                              + "says the refund should happen automatically within three working days which it did not",
                          "the export to csv button does nothing when i click it on the reports page of the dashboard, "
                              + "neither in firefox nor in chrome, and the spreadsheet my manager expects every friday morning "
                              + "cannot be produced any other way since the old download link was removed last quarter",
                          "how do i change the language of the assistant to german for every member of my team"]
        let texts = (0..<400).map { n in complaints[n % 2] + " " + word(n) }
        func crowd() throws -> TestWorkspace {
            let ws = try TestWorkspace()
            let lines = texts.enumerated().map { n, text in
                eventLine("c\(n)", prompt: text).replacingOccurrences(of: "2026-10-14T09:31:22Z",
                                                                      with: RFC3339.format(millis: t0 + Int64(n) * 1000))
            }
            XCTAssertEqual(try ws.importFile(try ws.file("crowd.jsonl", lines.joined(separator: "\n") + "\n")).imported, texts.count)
            return ws
        }
        let batched = try crowd()
        let oneByOne = try crowd()
        try oneByOne.store.rebuildDuplicates(by: oneByOne.identity, catchUpSize: 1)
        func pairs(_ ws: TestWorkspace) throws -> [String] {
            try ws.store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT a, b, similarity FROM dupe_pairs ORDER BY a, b").map { "\($0[0] as Int64)-\($0[1] as Int64) \($0[2] as Double)" }
            }
        }
        let found = try pairs(batched)
        XCTAssertGreaterThan(found.count, 400, "the crowds give many pairs")
        XCTAssertEqual(try pairs(oneByOne), found)
        XCTAssertEqual(try groups(oneByOne), try groups(batched))
        XCTAssertGreaterThan(try batched.count("SELECT max(n) FROM (SELECT count(*) AS n FROM dupe_bands GROUP BY band_key)"),
                             DuplicateIndex.bucketLimit, "some band key holds more items than a bucket reads")
    }

    /// A text sent hundreds of times is one group: the detail and the dedupe view read its first
    /// members (and the item asked about, with its own pairs), and count the rest.
    func testACrowdIsReadUpToABoundAndCountedWhole() throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let base = "my invoice was charged twice this month after the update, please refund the second charge to my card "
            + "because the bank statement shows both payments and the support article says it should be automatic"
        let count = Store.groupMembersRead + 60
        let ws = try TestWorkspace()
        let lines = (0..<count).map { (n: Int) -> String in
            let word: String = "q" + String(letters[n % 26]) + String(letters[(n / 26) % 26]) + "z"
            let time: String = RFC3339.format(millis: t0 + Int64(n) * 1000)
            return eventLine("c\(n)", prompt: base + " " + word).replacingOccurrences(of: "2026-10-14T09:31:22Z", with: time)
        }
        XCTAssertEqual(try ws.importFile(try ws.file("crowd.jsonl", lines.joined(separator: "\n") + "\n")).imported, count)
        let last = Int64(count)
        let group = try XCTUnwrap(try ws.store.duplicateGroup(containing: last))
        XCTAssertEqual(group.size, count, "every member counts")
        XCTAssertEqual(group.weight, Double(count) * 0.5, accuracy: 1e-9, "thumbs_down weighs 0.5")
        XCTAssertLessThanOrEqual(group.members.count, Store.groupMembersRead + 1 + 2 * DuplicateIndex.pairsPerItem)
        XCTAssertEqual(group.unread, count - group.members.count)
        XCTAssertEqual(group.canonical.itemID, 1, "the oldest")
        XCTAssertTrue(group.members.contains { $0.itemID == last }, "the item asked about is read")
        let paired = try ws.store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT a FROM dupe_pairs WHERE b = ?", arguments: [last]) }
        XCTAssertFalse(paired.isEmpty)
        let likely = Set(try ws.store.likelyDuplicates(of: last).map(\.itemID))
        XCTAssertTrue(likely.isSuperset(of: paired), "its own pairs are among its likely duplicates")
        let listed = try XCTUnwrap(try ws.store.duplicateGroups().first)
        XCTAssertEqual(listed.size, count)
        XCTAssertEqual(listed.members.count, Store.groupMembersRead)
        XCTAssertEqual(listed.canonical.itemID, 1)
    }

    func testAHigherMinimumSplitsGroups() throws {
        let ws = try workspace()
        XCTAssertEqual(try ws.store.duplicateGroups(minSimilarity: 0.99).map { Set($0.members.map(\.itemID)) }, [[1, 2], [4, 5]],
                       "3 (with a typo) leaves its group")
    }

    func testGroupsThatGrewSinceLastSeenAreMarked() throws {
        let ws = try workspace()
        let seen = try ws.store.duplicateGroups(viewer: "tester")
        XCTAssertTrue(seen.allSatisfy(\.grown), "never seen counts as new")
        try ws.store.markDuplicateGroupsSeen(seen, by: "tester")
        XCTAssertFalse(try ws.store.duplicateGroups(viewer: "tester").contains(where: \.grown))
        try importTexts(["the export to CSV button does nothing when I click it on the reports page!"], into: ws, startingAt: 7)
        let after = try ws.store.duplicateGroups(viewer: "tester")
        XCTAssertEqual(after.filter(\.grown).map { Set($0.members.map(\.itemID)) }, [[4, 5, 7]])
        XCTAssertTrue(try ws.store.duplicateGroups(viewer: "someone else").allSatisfy(\.grown))
    }

    func testSuggestedLabelsComeFromTriagedNeighboursAndAreAuditedAsSuch() throws {
        let ws = try workspace()
        try ws.store.applyLabels([.severity: "S2", .locus: "retrieval"], to: [1], by: ws.identity,
                                 expectedVersions: try ws.store.versions(of: [1]))
        try ws.store.applyLabels([.severity: "S2"], to: [3], by: ws.identity, expectedVersions: try ws.store.versions(of: [3]))
        XCTAssertNil(try ws.store.suggestedLabels(for: 1), "a triaged item gets no suggestion")
        XCTAssertNil(try ws.store.suggestedLabels(for: 6), "no triaged neighbour")
        let suggestion = try XCTUnwrap(try ws.store.suggestedLabels(for: 2))
        XCTAssertEqual(Set(suggestion.neighbours.map(\.item)), [1, 3])
        XCTAssertEqual(suggestion.values.first { $0.field == .severity }?.agreeing, 2)
        XCTAssertEqual(suggestion.labels[.severity], "S2")
        XCTAssertEqual(suggestion.labels[.locus], "retrieval")
        let change = try ws.store.applySuggestedLabels(suggestion, to: 2, by: ws.identity, expectedVersions: try ws.store.versions(of: [2]))
        XCTAssertEqual(try ws.count("SELECT count(*) FROM audit WHERE item_id = 2 AND reason LIKE 'suggested by similar items #%'"),
                       change.changes.count)
        XCTAssertEqual(try ws.store.pool.read { try String.fetchOne($0, sql: "SELECT severity FROM items WHERE id = 2") }, "S2")
        try ws.store.undo(change, by: ws.identity)
        XCTAssertEqual(try ws.count("SELECT count(*) FROM items WHERE id = 2 AND severity IS NULL AND locus IS NULL"), 1)
    }

    func testACopyAddsNoBandKeysAndAMergedCandidateStandsForItsCanonical() throws {
        let ws = try workspace()
        // 5 is 4's text again: linked to 4 without a search, and not in the band index itself.
        XCTAssertEqual(try ws.count("SELECT count(*) FROM dupe_bands WHERE item_id = 5"), 0)
        XCTAssertGreaterThan(try ws.count("SELECT count(*) FROM dupe_bands WHERE item_id = 4"), 0)
        // 1 and 2, then 3, merged by hand into 6 (another text): a near-copy of 3 that the band
        // index finds through 3 (the first of its text there) is suggested with 3's open copy 7.
        try ws.store.merge([1, 2], into: 6, by: ws.identity)
        try importTexts(["Hi team, my invoice #777 was chraged twice this month, pls refund the second charge!"], into: ws, startingAt: 7)
        let group = try XCTUnwrap(try ws.store.duplicateGroup(containing: 7))
        XCTAssertEqual(Set(group.members.map(\.itemID)), [3, 7], "7 is 3's copy; 1 and 2 are merged away")
        try ws.store.merge([3], into: 6, by: ws.identity)
        try importTexts(["hi team my invoice 12 was chraged twice this month, pls refund the 2nd charge"], into: ws, startingAt: 8)
        let found = try ws.store.likelyDuplicates(of: 8).map(\.itemID)
        XCTAssertEqual(found, [7], "3 is merged and not in any suggestion; its open copy 7 is found through it, and 3's canonical 6 is verified and unlike")
    }

    func testSuggestionsOffStoreNothing() throws {
        let ws = try workspace(config: "[dupes]\nenabled = false\n")
        XCTAssertEqual(try ws.count("SELECT count(*) FROM dupe_sketches"), 0)
        XCTAssertEqual(try ws.store.duplicateIndexState(), .off)
        XCTAssertEqual(try groups(ws), [])
    }
}
