import Foundation
import WinnowCore
import WinnowStore

/// What this session did with claims, so that they end with the shift: the items it claimed, the
/// item last taken with `t`, the ones `t` let go, and how far the audit log has been read for
/// takeovers of this reviewer's claims.
struct ClaimLedger {
    /// When the session started: at quit, a claim on an item the reviewer changed since is kept.
    let startedAt: Int64
    /// Items this session claimed: taken with `t`, opened, claimed, corrected or taken over.
    var claimed: Set<Int64> = []
    /// The item last taken with `t`, and when: the next `t` lets it go if nothing was done to it.
    var lastTake: (item: Int64, at: Int64)?
    /// Items `t` let go unused: the next `t` skips them until no other item is left.
    var passedOver: Set<Int64> = []
    /// The audit log's last record already looked at for takeovers.
    var auditSeenThrough: Int64
}

/// What quitting did with the session's claims.
public struct ClaimsAtQuit: Equatable, Sendable {
    /// The claims let go: items this session claimed and the reviewer did nothing with.
    public var released: [Int64]
    /// Why they could not be let go, when so (they then run out with their lease).
    public var failure: String?
}

extension QueueSession {
    func noteClaimed(_ item: Int64) { claimLedger.claimed.insert(item) }

    func performClaims(_ effect: Effect, state: AppState) throws -> [Action]? {
        switch effect {
        case .takeNext:
            return try takeNext(state)
        case .claim(let item):
            do {
                let outcome = try store.claim(item, by: identity, at: clock())
                noteClaimed(item)
                let text = outcome == .renewed ? "Your claim on #\(item) is renewed for \(store.config.leaseMinutes) min"
                    : "Claimed #\(item) for \(store.config.leaseMinutes) min"
                return try refreshed(state, message: text, recount: false)
            } catch let error as ClaimError {
                // Reading someone else's item is fine; it just cannot be changed.
                return try refreshed(state, message: error.description + " — you can read it, not change it", recount: false)
            }
        case .release(let item):
            let released = try store.releaseClaim(item, by: identity, at: clock())
            if released { claimLedger.claimed.remove(item) }
            return try refreshed(state, message: released ? "Released #\(item)" : "You hold no claim on #\(item)", isError: !released,
                                 recount: false)
        case .takeOver(let item, let reason):
            let previous = state.selectedRow?.activeClaim(now: clock())
            try store.takeOver(item, by: identity, reason: reason, at: clock())
            noteClaimed(item)
            return try refreshed(state, message: "Took over #\(item)\(previous.map { " from \(SafeText.line($0))" } ?? "") (recorded in its history)",
                                 recount: false)
        case .releaseUnusedClaims:
            let outcome = releaseUnusedClaims()
            if let failure = outcome.failure { return [.message(failure, isError: true)] }
            return [.message("Released \(Self.claims(outcome.released.count)) you did not use", isError: false)]
        case .checkTakeovers:
            return try checkTakeovers(state)
        default:
            return nil
        }
    }

    /// Takes the next unclaimed open item; the item taken before with `t` is let go if the
    /// reviewer did nothing with it, so `t t t` holds one item, not three.
    func takeNext(_ state: AppState) throws -> [Action] {
        let queue = filter(for: state)
        // Another reviewer may take the same item between the read and the claim: try the next.
        for _ in 0..<8 {
            var next = try reader.nextUnclaimed(queue, sort: state.sort, excluding: claimLedger.passedOver, now: clock())
            if next == nil, !claimLedger.passedOver.isEmpty {
                // Only items passed over are left: go round them again.
                claimLedger.passedOver = []
                next = try reader.nextUnclaimed(queue, sort: state.sort, now: clock())
            }
            guard let row = next else {
                return [.message("No unclaimed open item left\(state.filter.isEmpty ? "" : " in the filtered queue")", isError: false)]
            }
            let now = clock()
            do {
                _ = try store.claim(row.id, by: identity, at: now)
            } catch ClaimError.heldBy {
                continue
            }
            noteClaimed(row.id)
            var text = "Took #\(row.id): claimed for \(store.config.leaseMinutes) min, renewed as you work"
            if let previous = claimLedger.lastTake, previous.item != row.id {
                // The new item is taken either way; a claim that could not be let go runs out with its lease.
                let released = (try? store.releaseUnusedClaims([previous.item], by: identity, since: previous.at,
                                                               reason: "passed over with take_next", at: now)) ?? []
                if released == [previous.item] {
                    claimLedger.claimed.remove(previous.item)
                    claimLedger.passedOver.insert(previous.item)
                    text += "; released #\(previous.item), untouched"
                }
            }
            claimLedger.lastTake = (row.id, now)
            return try refreshed(state, message: text, keeping: row.id)
        }
        return [.message("Other reviewers keep taking the next items; try again", isError: true)]
    }

    /// Lets go of the claims this session took on items the reviewer did not change in it (or
    /// write a draft for), in one transaction; once, when the reviewer quits.
    @discardableResult
    public func releaseUnusedClaims() -> ClaimsAtQuit {
        if let done = claimsAtQuit { return done }
        let outcome: ClaimsAtQuit
        do {
            let released = try store.releaseUnusedClaims(claimLedger.claimed.sorted(), by: identity, since: claimLedger.startedAt,
                                                         reason: "unused when the session ended", at: clock())
            claimLedger.claimed.subtract(released)
            outcome = ClaimsAtQuit(released: released, failure: nil)
        } catch {
            outcome = ClaimsAtQuit(released: [], failure: "Your claims were not released (\(error)); they run out with their lease")
        }
        claimsAtQuit = outcome
        return outcome
    }

    /// Tells the reviewer when a lead took over one of their claims (one read of the log's newest
    /// records); the reload that follows a change shows the new holder in the list.
    func checkTakeovers(_ state: AppState) throws -> [Action] {
        let (notices, last) = try store.takeovers(from: identity.reviewer, after: claimLedger.auditSeenThrough)
        claimLedger.auditSeenThrough = last
        guard let latest = notices.last else { return [] }
        for notice in notices { claimLedger.claimed.remove(notice.itemID) }
        let reason = latest.reason.map { " (reason: \(SafeText.line($0)))" } ?? ""
        let more = notices.count > 1 ? " (and \(notices.count - 1) more of yours)" : ""
        return [.claimLost("\(SafeText.line(latest.by)) took over #\(latest.itemID) from you\(reason)\(more) — your changes to it will be refused")]
    }

    static func claims(_ count: Int) -> String { "\(count) claim\(count == 1 ? "" : "s")" }
}
