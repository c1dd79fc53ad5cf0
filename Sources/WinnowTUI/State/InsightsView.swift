import WinnowCore
import WinnowStore

/// The insights view's own room: the report once the background has read it, and the flag under
/// the cursor (Enter opens its items in the queue).
public struct InsightsView: Equatable, Sendable {
    /// The time the report is as of (nil: the store's default, now or the newest event's day).
    public var asOf: Int64?
    public var loading = true
    public var report: InsightsReport?
    public var selected = 0
    /// Lines scrolled past what showing the selected flag needs (the screen clamps it to the end).
    public var scroll = 0
    public var error: String?

    public init(asOf: Int64?) {
        self.asOf = asOf
    }

    public var selectedFlag: SpikeFlag? {
        guard let flags = report?.flags, flags.indices.contains(selected) else { return nil }
        return flags[selected]
    }
}

/// Why the insights view has no report: the store could not be read.
public struct InsightsViewError: Error, Equatable, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
