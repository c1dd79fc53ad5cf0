import ArgumentParser
import Foundation
import WinnowCore
import WinnowStore

/// Which suggestion a decision is about: an item's whole group, a group by id, or one pair.
struct DuplicateTarget: ParsableArguments {
    @Argument(help: ArgumentHelp("An item of the group (`12` or `#12`).", valueName: "item"))
    var item: ItemNumber?

    @Option(help: ArgumentHelp("The group's id, as `winnow dupes` lists it, instead of an item.", valueName: "id"))
    var group: Int64?

    func validate() throws {
        guard (item == nil) != (group == nil) else { throw ValidationError("name an item of the group, or --group ID") }
    }

    /// The suggested group, read now (the command acts on what it just read).
    func suggestedGroup(in store: Store) throws -> DuplicateGroup {
        if let group {
            guard let found = try store.duplicateGroups().first(where: { $0.id == group }) else {
                throw CLIError(status: ExitStatus.refused, message: "there is no suggested group \(group) (`winnow dupes` lists them)")
            }
            return found
        }
        let id = item!.id
        guard try store.versions(of: [id])[id] != nil else { throw MergeError.noSuchItem(id) }
        guard let found = try store.duplicateGroup(containing: id) else { throw DuplicateDecisionError.noGroup(id) }
        return found
    }

    /// The group holding both, which a decision about the pair needs.
    static func pairGroup(_ item: Int64, _ other: Int64, in store: Store) throws -> DuplicateGroup {
        for id in [item, other] where try store.versions(of: [id])[id] == nil { throw MergeError.noSuchItem(id) }
        guard item != other, let group = try store.duplicateGroup(containing: item),
              group.members.contains(where: { $0.itemID == other }) else {
            throw DuplicateDecisionError.notSuggested(item, other)
        }
        return group
    }
}

/// Decisions change the workspace: suggestions must be on, and the reviewer on the roster.
private func openForDecision(_ global: GlobalOptions) throws -> Store {
    let store = try global.openStore(acting: true)
    guard try DupesCommand.reportIndexState(store) else {
        throw CLIError(status: ExitStatus.refused, message: "nothing to decide: near-duplicate suggestions are off")
    }
    return store
}

struct DupesAcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept a suggestion: merge the whole group into its canonical item, or with --into one item into another of its group.",
        discussion: """
            Examples: `winnow dupes accept 12` merges every item of #12's group into the group's \
            canonical; `winnow dupes accept 12 --into 7` merges #12 alone into #7. The merge is the \
            queue's own (claims, versions, audit with the reason "accepted near-duplicate \
            suggestion"); `U` in the queue unmerges.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var target: DuplicateTarget

    @Option(help: ArgumentHelp("Merge the item into this one, of the same group, instead of merging the whole group.", valueName: "item"))
    var into: ItemNumber?

    func validate() throws {
        if into != nil, target.item == nil { throw ValidationError("--into merges one item: name it (`winnow dupes accept ITEM --into OTHER`)") }
    }

    func run() throws {
        try reportingErrors {
            let store = try openForDecision(global)
            let (duplicates, canonical) = try refusingStoreErrors { () throws -> ([Int64], Int64) in
                let (duplicates, canonical) = try chosen(in: store)
                try store.acceptDuplicates(duplicates, into: canonical, by: global.identity,
                                           expectedVersions: try store.versions(of: duplicates + [canonical]))
                return (duplicates, canonical)
            }
            Terminal.out("merged \(DupesCommand.items(duplicates)) into #\(canonical) (accepted near-duplicate suggestion); "
                + "`U` in the queue unmerges")
        }
    }

    /// The items to merge and the one they go into.
    private func chosen(in store: Store) throws -> (duplicates: [Int64], canonical: Int64) {
        if let into, let item = target.item {
            _ = try DuplicateTarget.pairGroup(item.id, into.id, in: store)
            return ([item.id], into.id)
        }
        let group = try target.suggestedGroup(in: store)
        return (group.duplicates.map(\.itemID), group.canonical.itemID)
    }
}

struct DupesRejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject a suggestion: the whole group is not duplicates, or with --from one pair is not.",
        discussion: """
            Examples: `winnow dupes reject 12` says no two items of #12's group are duplicates; \
            `winnow dupes reject 12 --from 7` says #12 and #7 are not. Rejected pairs are never \
            suggested again, also after `winnow dupes rebuild`; a rejection cannot be undone.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var target: DuplicateTarget

    @Option(help: ArgumentHelp("Reject only the pair of the item and this one.", valueName: "item"))
    var from: ItemNumber?

    @Option(help: ArgumentHelp("Why, for the audit log.", valueName: "text"))
    var reason: String?

    func validate() throws {
        if from != nil, target.item == nil { throw ValidationError("--from rejects one pair: name its item (`winnow dupes reject ITEM --from OTHER`)") }
    }

    func run() throws {
        try reportingErrors {
            let store = try openForDecision(global)
            let (items, rejected) = try refusingStoreErrors { () throws -> ([Int64], Int) in
                if let from, let item = target.item {
                    _ = try DuplicateTarget.pairGroup(item.id, from.id, in: store)
                    return ([item.id, from.id], try store.rejectDuplicates([item.id], of: [from.id], by: global.identity, reason: reason))
                }
                let items = try target.suggestedGroup(in: store).members.map(\.itemID).sorted()
                return (items, try store.rejectDuplicates(items, of: items, by: global.identity, reason: reason))
            }
            let pairs = rejected == 1 ? "1 pair" : "\(rejected) pairs"
            Terminal.out(from != nil
                ? "rejected: #\(items[0]) and #\(items[1]) are not duplicates; they will not be suggested again"
                : "rejected: \(DupesCommand.items(items)) are not duplicates (\(pairs)); they will not be suggested again")
        }
    }
}
