import Foundation

/// Says what a maintenance step on opening the store is doing once it has run longer than
/// `after`, so an upgrade of a large workspace never looks like a hang. Fast steps stay silent.
struct SlowStepNotice: Sendable {
    var after: TimeInterval = 1
    var announce: (@Sendable (String) -> Void)?

    func run<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
        guard let announce else { return try body() }
        if after <= 0 {
            announce(what)
            return try body()
        }
        let notice = DispatchWorkItem { announce(what) }
        DispatchQueue.global().asyncAfter(deadline: .now() + after, execute: notice)
        defer { notice.cancel() }
        return try body()
    }
}
