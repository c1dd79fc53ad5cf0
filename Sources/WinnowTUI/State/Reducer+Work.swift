import WinnowStore

/// Triage beyond single labels: corrections, duplicates, claims, undo and redo.
extension Reducer {
    static func workUnavailableReason(_ id: CommandID, _ state: AppState) -> String? {
        let row = state.selectedRow
        let detail = state.detail?.row.id == row?.id ? state.detail : nil
        let needsSelection: Set<CommandID> = [.correct, .editExternally, .acceptCorrection, .rejectCorrection, .merge, .cluster,
                                              .claim, .release, .takeOver]
        if needsSelection.contains(id), row == nil { return "no item selected" }
        switch id {
        case .undo: return state.undoDepth == 0 ? "nothing of yours to undo in this session" : nil
        case .redo: return state.redoDepth == 0 ? "nothing undone to redo" : nil
        case .acceptCorrection, .rejectCorrection:
            return detail?.arrivedCorrection == nil ? "this event arrived without a correction (c writes one)" : nil
        case .merge:
            return state.marked.subtracting([row!.id]).isEmpty ? "mark the duplicates (Space), then press D on the item they duplicate" : nil
        case .unmerge:
            if !state.marked.isEmpty { return nil }
            guard let row else { return "no item selected" }
            return (row.clusterSize > 1 || detail?.canonicalID != nil) ? nil : "this item is not part of a cluster"
        case .cluster:
            return (row!.clusterSize > 1 || detail?.canonicalID != nil) ? nil : "this item is not part of a cluster"
        case .release:
            return row!.activeClaim(now: state.now) == state.reviewer ? nil : "you hold no claim on this item"
        case .takeOver:
            guard let holder = row!.activeClaim(now: state.now) else { return "nobody holds a claim on this item" }
            return holder == state.reviewer ? "you hold this claim already" : nil
        default:
            return nil
        }
    }

    static func runWork(_ state: inout AppState, _ id: CommandID, argument: String?) -> [Effect] {
        let row = state.selectedRow
        switch id {
        case .undo: return [.undo]
        case .redo: return [.redo]
        case .correct: return [.openEditor(row!.id)]
        case .editExternally: return [.openEditor(row!.id), .editExternally]
        case .acceptCorrection: return [.acceptCorrection(row!.id)]
        case .rejectCorrection: return [.rejectCorrection(row!.id)]
        case .merge:
            var canonical = row!.id
            if let argument = argument?.trimmingCharacters(in: " ").trimmingCharacters(in: "#"), !argument.isEmpty {
                guard let id = Int64(argument) else {
                    state.message = .init(text: "merge: `\(argument)` is not an item number", isError: true)
                    return []
                }
                canonical = id
            }
            let duplicates = state.marked.subtracting([canonical]).sorted()
            state.confirmation = .init(question: "Merge \(duplicates.count) marked item\(duplicates.count == 1 ? "" : "s") into #\(canonical) as duplicates? y/n",
                                       effect: .merge(duplicates: duplicates, into: canonical,
                                                      versions: seenVersions(duplicates + [canonical], state)))
            return []
        case .unmerge:
            if !state.marked.isEmpty {
                let items = state.marked.sorted()
                state.confirmation = .init(question: "Unmerge \(items.count) marked item\(items.count == 1 ? "" : "s") from their clusters? y/n",
                                           effect: .unmerge(items, versions: seenVersions(items, state)))
                return []
            }
            if row!.clusterSize > 1 {
                state.confirmation = .init(question: "Unmerge the whole cluster of #\(row!.id) (\(row!.clusterSize - 1) duplicates)? y/n",
                                           effect: .unmerge([row!.id], versions: seenVersions([row!.id], state)))
                return []
            }
            return [.unmerge([row!.id], versions: seenVersions([row!.id], state))]
        case .cluster:
            let root = state.detail?.row.id == row!.id ? state.detail?.canonicalID ?? row!.id : row!.id
            return submitFilter(&state, "cluster:\(root)")
        case .takeNext: return [.takeNext]
        case .claim: return [.claim(row!.id)]
        case .release: return [.release(row!.id)]
        case .takeOver:
            let reason = argument?.trimmingCharacters(in: " ")
            return [.takeOver(row!.id, reason: reason?.isEmpty == false ? reason : nil)]
        default:
            return []
        }
    }

    static var workCommands: Set<CommandID> {
        [.undo, .redo, .correct, .editExternally, .acceptCorrection, .rejectCorrection, .merge, .unmerge, .cluster,
         .takeNext, .claim, .release, .takeOver]
    }
}
