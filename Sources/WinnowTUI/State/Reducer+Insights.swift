import WinnowCore
import WinnowStore

/// The insights view: a modal context over the queue. `I` or `:insights [AS-OF]` opens it and asks
/// the background for the report, so keys never wait for it; j/k move between the flags, Enter shows
/// a flag's items in the queue through the filter language, and the view closes.
extension Reducer {
    static func openInsights(_ state: inout AppState, argument: String?) -> [Effect] {
        let text = argument?.trimmingCharacters(in: " ") ?? ""
        var asOf: Int64?
        if !text.isEmpty {
            // A date is the start of that day: the report then covers the days before it.
            guard let millis = RFC3339.parseMillis(text) ?? (text.count == 10 ? RFC3339.parseMillis(text + "T00:00:00Z") : nil) else {
                state.message = .init(text: "insights: `\(SafeText.line(text))` is no time (2026-10-28 or 2026-10-28T08:00:00Z)", isError: true)
                return []
            }
            asOf = millis
        }
        state.insights = InsightsView(asOf: asOf)
        return [.computeInsights(asOf: asOf)]
    }

    static func insightsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var view = state.insights else { return [] }
        let last = max(0, (view.report?.flags.count ?? 0) - 1)
        switch state.keymap.command(for: key, only: .insights) {
        // Moving between flags brings the selected one back into view.
        case .insightsDown?: view.selected = min(last, view.selected + 1); view.scroll = 0
        case .insightsUp?: view.selected = max(0, view.selected - 1); view.scroll = 0
        case .insightsPageDown?: view.scroll = min(view.scroll + max(1, state.height / 2), 10_000)
        case .insightsPageUp?: view.scroll = max(0, view.scroll - max(1, state.height / 2))
        case .insightsClose?:
            state.insights = nil
            return []
        case .insightsOpen?:
            guard let flag = view.selectedFlag else {
                state.message = .init(text: view.loading ? "The insights are still being read" : "No flag to open", isError: false)
                return []
            }
            state.insights = nil
            let filter = flag.slice.filter.canonicalText
            let effects = submitFilter(&state, filter)
            if !effects.isEmpty {
                // The filter language has no dates: the queue lists the slice's items of every day.
                state.message = .init(text: "Filter: \(filter) — \(SafeText.line(flag.summary)) (items of every day)", isError: false)
            }
            return effects
        default:
            // The queue's help and quit keys work here too: help lists this view's keys first.
            switch state.keymap.command(for: key, only: .global) {
            case .help?:
                state.overlay = .help(scroll: 0, from: .insights)
                return []
            case .quit?:
                return run(&state, .quit, argument: nil)
            default:
                let close = state.keymap.keys(for: .insightsClose).first?.label ?? ":insights_close"
                state.message = .init(text: "\(key.label) is not bound in the insights view (\(close) closes it)", isError: false)
            }
        }
        state.insights = view
        return []
    }

    /// The report for a view still open as of the same time; an answer to an older question is dropped.
    static func insightsLoaded(_ state: inout AppState, asOf: Int64?, _ result: Result<InsightsReport, InsightsViewError>) {
        guard var view = state.insights, view.asOf == asOf else { return }
        view.loading = false
        switch result {
        case .success(let report):
            view.report = report
            view.error = nil
        case .failure(let error):
            view.report = nil
            view.error = error.message
        }
        view.selected = min(view.selected, max(0, (view.report?.flags.count ?? 0) - 1))
        state.insights = view
    }
}
