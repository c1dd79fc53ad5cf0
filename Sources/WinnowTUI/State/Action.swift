import WinnowStore

/// What happens to the app: keys, commands, and results that effects bring back from the store.
public enum Action: Equatable, Sendable {
    case key(Key)
    case command(CommandID, argument: String?)
    case resize(width: Int, height: Int)
    case tick(now: Int64)
    /// A fresh window of rows; `start` is the absolute index of the first. While `countPending`,
    /// `total` is only what is known so far and the exact count follows as `.counted`.
    case window(rows: [QueueRow], start: Int, total: Int, open: Int, cursor: Int, countPending: Bool = false)
    case counted(total: Int, open: Int)
    case appendRows([QueueRow])
    case prependRows([QueueRow])
    case detailLoaded(ItemDetail?)
    case viewsLoaded([SavedView], openPicker: Bool)
    case applyView(SavedView)
    case message(String, isError: Bool)
    case historyLoaded(itemID: Int64, [AuditRecord])
    /// Items to add to the marked set (a range read from the store).
    case markItems([Int64])
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
    case label(field: LabelField, value: String, items: [Int64])
    case findMatch(forward: Bool)
    case saveView(name: String)
    case openView(name: String)
    case deleteView(name: String)
    case loadViews(openPicker: Bool)
    case applyTheme(String)
    case redraw
    case quit
}
