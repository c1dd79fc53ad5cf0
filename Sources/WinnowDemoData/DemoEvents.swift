// DemoEvents.swift
// Public entry point of WinnowDemoData and the assembly of the demo timeline.
//
// Six weeks (2026-10-05 … 2026-11-15, UTC) of feedback on "Helios", the support
// assistant of the fictional expense/billing tool "Ledgerly". Everything comes
// from one SplitMix64 stream with a fixed seed, so the output is identical on
// every call, run and machine.

import Foundation
import WinnowCore

public enum DemoEvents {
    /// Number of events in the shipped demo.
    public static let defaultCount: Int = 1800

    /// The demo events as JSON Lines: one complete JSON object per element, no newline characters inside an element.
    /// Deterministic: the same output byte for byte on every call, every run, every machine.
    public static func jsonLines(count: Int = defaultCount) -> [String] {
        guard count > 0 else { return [] }
        var assembler = DemoAssembler(count: count)
        let events = assembler.build()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return events.map { event in
            do {
                return String(decoding: try encoder.encode(event), as: UTF8.self)
            } catch {
                preconditionFailure("WinnowDemoData: event \(event.id) could not be encoded: \(error)")
            }
        }
    }
}

/// Builds the event list. A value type with its own PRNG: no shared state.
struct DemoAssembler {
    enum Kind: Sendable {
        case background
        case spike
        case duplicate(group: Int, variant: Int)
        case foreign(Int)
        case hostile(Int)
    }

    struct Plan: Sendable {
        var time: Int
        let order: Int
        let kind: Kind
    }

    /// The decided content of one answer.
    struct Answer: Sendable {
        var body: String
        var isBad: Bool
        var isClarification = false
        var correction: String?
        var agentCorrection: String?
        var escalation: String?
        var action: ToolTemplate?
        var sources: [String]?
    }

    struct Context: Sendable {
        let time: Int
        let user: DemoUser
        let company: DemoCompany
        let region: DemoRegion
        let channel: String
        let slots: DemoSlots
    }

    static let seed: UInt64 = 0x5EED_1ED6_E250_2026
    static let userPoolSize = 330

    static let signals = ["thumbs_up", "thumbs_down", "rephrase", "session_abandon", "csat",
                          "explicit_correction", "agent_escalation"]
    /// Background mix; the special events (spike, complaint groups) add to the
    /// negative signals, so the overall mix ends up near the target proportions.
    static let backgroundSignalWeights = [22, 20, 14, 11, 12, 13, 10]

    /// Relative traffic per UTC hour (EU mornings + US afternoons).
    static let hourOfDay = [2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 11, 13, 15, 16, 15, 13, 11, 9, 8, 6, 4, 3]
    /// Monday ... Sunday.
    static let weekdayFactor = [100, 105, 100, 95, 80, 25, 20]
    /// Daytime hours used for one-off events.
    static let workingHours = [0, 0, 0, 0, 0, 0, 1, 3, 8, 10, 10, 9, 9, 10, 11, 11, 10, 8, 5, 3, 2, 1, 0, 0]

    var rng: SplitMix64
    let count: Int
    let users: [DemoUser]
    let userWeights: [Int]
    let hourCumulative: [Int]
    let scenarioWeights: [Int]

    init(count: Int) {
        self.count = count
        var rng = SplitMix64(seed: Self.seed)
        let users = DemoPeople.makeUsers(&rng, count: Self.userPoolSize)
        self.users = users
        self.userWeights = users.map(\.weight)
        self.scenarioWeights = DemoScenarios.all.map(\.weight)
        var cumulative: [Int] = []
        cumulative.reserveCapacity(DemoClock.dayCount * 24)
        var total = 0
        for hour in 0..<(DemoClock.dayCount * 24) {
            let day = hour / 24
            let weekday = DemoClock.weekday(DemoClock.windowStart + day * 86_400)
            let trend = 100 + (day / 7) * 4
            total += Self.hourOfDay[hour % 24] * Self.weekdayFactor[weekday] * trend
            cumulative.append(total)
        }
        self.hourCumulative = cumulative
        self.rng = rng
    }

    // MARK: Timeline

    mutating func build() -> [DemoEvent] {
        var plans: [Plan] = []
        plans.reserveCapacity(count)

        let hostileCount = min(DemoHostile.days.count, count / 60)
        for index in 0..<hostileCount {
            plans.append(Plan(time: timeOnDay(DemoHostile.days[index], hours: Self.workingHours),
                              order: plans.count, kind: .hostile(index)))
        }

        let spikeCount = count * 60 / 1800
        for _ in 0..<spikeCount {
            plans.append(Plan(time: spikeTime(), order: plans.count, kind: .spike))
        }

        for (groupIndex, group) in DemoDuplicates.groups.enumerated() {
            let variants = count >= 1200 ? group.prompts.count : group.prompts.count * count / 1800
            for variant in 0..<variants {
                plans.append(Plan(time: windowTime(firstDay: group.firstDay, span: group.spanDays),
                                  order: plans.count, kind: .duplicate(group: groupIndex, variant: variant)))
            }
        }

        let foreignCount = count * 5 / 100
        for _ in 0..<foreignCount {
            let index = rng.below(DemoForeign.exchanges.count)
            let hours = DemoForeign.hourWeights(DemoForeign.exchanges[index].locale)
            plans.append(Plan(time: timeOnDay(weekdayWeightedDay(first: 0, span: DemoClock.dayCount), hours: hours),
                              order: plans.count, kind: .foreign(index)))
        }

        if plans.count > count {
            plans = Array(plans.prefix(count))
        }
        while plans.count < count {
            plans.append(Plan(time: backgroundTime(), order: plans.count, kind: .background))
        }

        plans.sort { a, b in a.time != b.time ? a.time < b.time : a.order < b.order }
        // Strictly ascending timestamps (nudge collisions by a second when possible).
        for i in plans.indices.dropFirst() where plans[i].time <= plans[i - 1].time {
            if plans[i - 1].time < DemoClock.windowEnd {
                plans[i].time = plans[i - 1].time + 1
            } else {
                plans[i].time = plans[i - 1].time
            }
        }

        var events: [DemoEvent] = []
        events.reserveCapacity(plans.count)
        for (index, plan) in plans.enumerated() {
            let id = "evt-" + DemoClock.pad(index + 1, 6)
            let ts = DemoClock.rfc3339(plan.time)
            switch plan.kind {
            case .background:
                events.append(backgroundEvent(id: id, ts: ts, time: plan.time))
            case .spike:
                events.append(spikeEvent(id: id, ts: ts, time: plan.time))
            case let .duplicate(group, variant):
                events.append(duplicateEvent(id: id, ts: ts, time: plan.time, group: group, variant: variant))
            case let .foreign(index):
                events.append(foreignEvent(id: id, ts: ts, time: plan.time, exchange: index))
            case let .hostile(index):
                events.append(hostileEvent(id: id, ts: ts, time: plan.time, index: index))
            }
        }
        return events
    }

    mutating func backgroundTime() -> Int {
        let hour = rng.cumulativeIndex(hourCumulative)
        return DemoClock.windowStart + hour * 3600 + rng.below(3600)
    }

    mutating func timeOnDay(_ day: Int, hours: [Int]) -> Int {
        let hour = rng.weightedIndex(hours)
        return DemoClock.windowStart + day * 86_400 + hour * 3600 + rng.below(3600)
    }

    mutating func weekdayWeightedDay(first: Int, span: Int) -> Int {
        let last = min(DemoClock.dayCount - 1, first + span - 1)
        let days = Array(first...max(first, last))
        let weights = days.map { Self.weekdayFactor[DemoClock.weekday(DemoClock.windowStart + $0 * 86_400)] }
        return days[rng.weightedIndex(weights)]
    }

    mutating func windowTime(firstDay: Int, span: Int) -> Int {
        timeOnDay(weekdayWeightedDay(first: firstDay, span: span), hours: Self.hourOfDay)
    }

    mutating func spikeTime() -> Int {
        let weights = DemoSpike.dayWeights.map(\.weight)
        while true {
            let day = DemoSpike.dayWeights[rng.weightedIndex(weights)].day
            let t = timeOnDay(day, hours: Self.hourOfDay)
            if t >= DemoClock.release240 + 900 && t < DemoClock.release241 - 60 { return t }
        }
    }

    // MARK: Users and envelope

    mutating func pickUser(audience: Audience, locale: String? = nil) -> DemoUser {
        var candidate = users[rng.weightedIndex(userWeights)]
        for _ in 0..<60 {
            let company = DemoPeople.companies[candidate.company]
            let region = DemoPeople.region(company.region)
            let fits: Bool
            if let locale {
                fits = region.locale == locale
            } else {
                switch audience {
                case .anyone: fits = true
                case .paid: fits = company.cohort == "enterprise" || company.cohort == "growth"
                case .eu: fits = region.eu
                }
            }
            if fits { return candidate }
            candidate = users[rng.weightedIndex(userWeights)]
        }
        return candidate
    }

    mutating func makeContext(time: Int, audience: Audience, locale: String? = nil) -> Context {
        let user = pickUser(audience: audience, locale: locale)
        let company = DemoPeople.companies[user.company]
        let region = DemoPeople.region(company.region)
        let channel = rng.percent(72) ? user.channel
            : DemoPeople.channels[rng.weightedIndex(DemoPeople.channelWeights)]
        let slots = makeSlots(user: user, time: time)
        return Context(time: time, user: user, company: company, region: region, channel: channel, slots: slots)
    }

    /// Fills the optional context fields every kind of event shares.
    mutating func applyEnvelope(_ event: inout DemoEvent, _ ctx: Context, intent: String?, pages: [String],
                                forceLocale: String? = nil) {
        if rng.percent(94) { event.requestID = "req_" + rng.hex(24) }
        if rng.percent(92) {
            event.userID = ctx.user.id
            if rng.percent(90) { event.cohort = ctx.company.cohort }
        }
        if rng.percent(96) { event.channel = ctx.channel }
        if let intent, rng.percent(91) { event.intent = intent }
        if (ctx.channel == "web_widget" || ctx.channel == "in_app"), !pages.isEmpty, rng.percent(85) {
            event.page = rng.pick(pages)
        }
        if rng.percent(97) { event.modelVersion = DemoClock.modelVersion(ctx.time) }
        if rng.percent(92) { event.promptVersion = DemoClock.promptVersion(ctx.time) }
        if rng.percent(86) { event.policyPack = DemoClock.policyPack(ctx.time) }

        // Extra, non-contract fields on a good share of events.
        if let forceLocale { event.locale = forceLocale }
        if rng.percent(48) {
            var options = ["locale", "session_turn"]
            if ctx.channel != "email" { options.append("client_build") }
            if ctx.time >= DemoClock.experimentStart && ctx.time < DemoClock.experimentEnd {
                options.append("experiment_arm")
            }
            let chosen = rng.sample(options, rng.percent(40) ? 2 : 1)
            for field in chosen {
                switch field {
                case "locale": event.locale = forceLocale ?? ctx.region.locale
                case "session_turn": event.sessionTurn = rng.weightedIndex([0, 30, 24, 16, 10, 8, 5, 4, 3])
                case "client_build": event.clientBuild = clientBuild(channel: ctx.channel, time: ctx.time)
                default: event.experimentArm = rng.pick(["control", "control", "retrieval_v2", "short_answers"])
                }
            }
        }
    }

    mutating func clientBuild(channel: String, time: Int) -> String? {
        switch channel {
        case "web_widget": return DemoClock.webBuild(time)
        case "in_app":
            if rng.percent(55) {
                return time < DemoClock.release240 ? "ios-5.12.0 (4411)" : "ios-5.13.1 (4502)"
            }
            return time < DemoClock.release240 ? "android-5.12.1 (31205)" : "android-5.13.0 (31340)"
        case "slack": return "slack-app-3.4.0"
        case "api": return "sdk-python/2.8.1"
        default: return nil
        }
    }
}
