import WinnowStore

/// What happens to the app: keys, commands, and results that effects bring back from the store.
public enum Action: Equatable, Sendable {
    case key(Key)
    case command(CommandID, argument: String?)
    case resize(width: Int, height: Int)
    /// Text pasted at once: into the editor or the input line, never run as keys.
    case paste(String)
    case tick(now: Int64)
    /// A fresh window of rows; `start` is the absolute index of the first. While `countPending`,
    /// `total` is only what is known so far and the exact count follows as `.counted`.
    case window(rows: [QueueRow], start: Int, total: Int, open: Int, cursor: Int, countPending: Bool = false)
    case counted(total: Int, open: Int)
    /// A new filter's first page is being read in the background (it took longer than a keystroke
    /// may): nothing is shown as matching until its `.window` arrives.
    case pagePending
    case appendRows([QueueRow])
    case prependRows([QueueRow])
    case detailLoaded(ItemDetail?)
    case viewsLoaded([SavedView], openPicker: Bool)
    case applyView(SavedView)
    case message(String, isError: Bool)
    case historyLoaded(itemID: Int64, [AuditRecord])
    /// How many of the reviewer's changes can be undone and redone now.
    case undoDepth(undo: Int, redo: Int)
    /// Half-written corrections of this reviewer that survived a crash: offered back.
    case draftsFound([Int64])
    /// The correction editor opens on an item with this text.
    case editorOpened(itemID: Int64, text: String, source: String, fromDraft: Bool, version: Int)
    /// The external editor finished: its text, or why nothing changed.
    case externalEditFinished(text: String?, error: String?)
    /// A save met someone else's change: the editor now builds on the item's fresh version.
    case editorRebased(itemID: Int64, version: Int)
    /// The correction was saved or discarded: close the editor.
    case editorClosed(itemID: Int64)
    /// A search's far match, found in the background: shown if the search is still the same.
    case searchFound(search: String, itemID: Int64, forward: Bool, wrapped: Bool)
    /// A lead took over one of this reviewer's claims (found a moment after it happened).
    case claimLost(String)
    /// Items to add to the marked set, with the versions they had when marked (a range read from the store).
    case markItems([Int64: Int])
    /// A label action on `items` succeeded with these fields and values: what `.` repeats.
    case labelsApplied([LabelField: String], items: [Int64])
    /// After a change (or its refusal): the marked items still in the view stay marked, the others
    /// are let go; those in `versions` are marked at that version now, the one the change left.
    case marksRefreshed(stillInView: Set<Int64>, versions: [Int64: Int])
    /// The disputes of an item in the dispute queue (open first), with each field's values.
    case disputesLoaded(itemID: Int64, [DisputeDetail], scales: [JudgedField: [String]])
    /// The agreement figures of a round (nil: every round), computed in the background, or why not.
    case agreementLoaded(round: String?, Result<[AgreementFigures], AgreementViewError>)
    /// The insights as of a time (nil: the store's default), read in the background, or why not.
    case insightsLoaded(asOf: Int64?, Result<InsightsReport, InsightsViewError>)
    /// Results of review-round work (the scoring screen, the rounds view).
    case scoring(ScoringEvent)
    /// An item's likely duplicates and suggested labels (nil: the store suggests nothing for it).
    case suggestionsLoaded(itemID: Int64, DuplicateSuggestions?)
    /// The suggested groups for the dedupe view; `opening`: as the view opened, so the new and
    /// grown ones are marked.
    case duplicateGroupsLoaded([DuplicateGroup], opening: Bool)
}

/// Work the reducer asks the runtime to do against the store; its results come back as actions.
public enum Effect: Equatable, Sendable {
    /// Recount and reload the window, keeping `itemID` selected when it still matches (else the same position).
    case reload(keepingItem: Int64?, position: Int)
    case loadTop
    case loadBottom
    case extendForward
    case extendBackward
    case loadDetail(Int64)
    /// Count the filtered queue now (a jump to the end needs the exact total).
    case countNow
    case loadHistory(Int64)
    /// Read the ids at queue positions `from...to` (a range reaching beyond the loaded rows) to mark them.
    case markRange(from: Int, to: Int)
    /// Label items (one transaction, one judgment and one audit record per changed item).
    /// `versions`: each item's version as the reviewer acted on it (marked or shown).
    case label(field: LabelField, value: String, items: [Int64], versions: [Int64: Int])
    /// Several labels on items as one action (a preset, a repeat); `source` names it in the message
    /// ("Preset stale-kb", "Repeated").
    case applyLabels(labels: [LabelField: String], items: [Int64], versions: [Int64: Int], source: String)
    case findMatch(forward: Bool)
    /// Show a match found in the background: its window and position.
    case showMatch(Int64, forward: Bool, wrapped: Bool)
    case undo
    case redo
    case merge(duplicates: [Int64], into: Int64, versions: [Int64: Int])
    case unmerge([Int64], versions: [Int64: Int])
    case takeNext
    case claim(Int64)
    case release(Int64)
    case takeOver(Int64, reason: String?)
    case acceptCorrection(Int64)
    case rejectCorrection(Int64)
    /// Look for this reviewer's drafts left by a crash (at start).
    case findDrafts
    /// Select the item and reopen the editor on its draft.
    case resumeDraft(Int64)
    /// Open the correction editor on the item: its draft, else its correction, else the one that
    /// arrived, else its response as a starting point.
    case openEditor(Int64)
    /// Hand the open editor's text to $VISUAL/$EDITOR (the terminal loop does it).
    case editExternally
    /// Save the correction, refused if the item changed since the editor opened at `baseVersion`.
    case saveCorrection(Int64, text: String, baseVersion: Int)
    case saveDraft(Int64, text: String)
    case discardDraft(Int64)
    case saveView(name: String)
    case openView(name: String)
    case deleteView(name: String)
    case loadViews(openPicker: Bool)
    case applyTheme(String)
    case redraw
    /// The reviewer is quitting: let go of the claims this session took and did nothing with.
    case releaseUnusedClaims
    /// Another process committed: say if a lead took over one of this reviewer's claims.
    case checkTakeovers
    /// Another process committed: let go of the marks on items its change took out of the view.
    case pruneMarks
    case quit
    /// Read the disputes of an item (the dispute queue's detail).
    case loadDisputes(Int64)
    /// Decide a dispute, checked against the item's version the adjudicator saw.
    case decideDispute(Int64, value: String, rationale: String, itemVersion: Int)
    /// A lead reopens a decided dispute.
    case reopenDispute(Int64, reason: String)
    /// Dispute an item's accepted label (`:dispute FIELD REASON`).
    case raiseDispute(LabelField, item: Int64, reason: String, proposedValue: String?, version: Int)
    /// Compute the agreement figures of a round (nil: every round) in the background.
    case computeAgreement(round: String?)
    /// Read the insights as of a time (nil: the store's default) in the background.
    case computeInsights(asOf: Int64?)
    /// Review-round work: open a round for scoring, submit, skip, list, create, close.
    case scoring(ScoringEffect)
    /// Read an item's likely duplicates and the labels its similar items suggest.
    case loadSuggestions(Int64)
    /// Accept suggested duplicates: merge them into `into`, checked against the versions the reviewer saw.
    case acceptDuplicates([Int64], into: Int64, versions: [Int64: Int])
    /// Each of `items` is not a duplicate of each of `others`: remembered, never suggested again.
    case rejectDuplicates([Int64], of: [Int64])
    /// Apply the labels similar items suggest, as one undoable action.
    case applySuggestedLabels(item: Int64, LabelSuggestion, versions: [Int64: Int])
    /// Read the suggested groups in the background; `opening`: the view opens, and what it shows
    /// is remembered as seen by the reviewer.
    case loadDuplicateGroups(opening: Bool)
}
