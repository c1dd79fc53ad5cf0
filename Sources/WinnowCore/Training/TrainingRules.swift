/// The rules an event must pass to feed training, by the stable names the manifest and
/// `winnow export --explain` use. An export counts a dropped event under the first rule it fails,
/// in this order (cheap, certain reasons first; the per-user cap last, since it counts only the
/// events every other rule kept).
public enum TrainingRule: String, CaseIterable, Sendable, Codable {
    case reservedForEval = "reserved_for_eval"
    case thumbsUp = "thumbs_up"
    case blockedUser = "blocked_user"
    case duplicate
    case unsettled
    case notTrainable = "not_trainable"
    case stale
    case versionCutoff = "version_cutoff"
    case minEditDistance = "min_edit_distance"
    case evalLeakage = "eval_leakage"
    case userCap = "user_cap"

    /// Why the rule exists, for the README and `--explain`.
    public var reason: String {
        switch self {
        case .reservedForEval: "an eval item is never trained on, or the eval stops measuring anything"
        case .thumbsUp: "thumbs up measures engagement, not quality: it is never a training label"
        case .blockedUser: "adversarial users' feedback would poison the set"
        case .duplicate: "one example per cluster: duplicates would weight one case many times"
        case .unsettled: "only reviewed labels (triaged or resolved, no open dispute) are trusted"
        case .notTrainable: "a reviewer (or the signal's default) said the item must not be trained on"
        case .stale: "old answers may describe a product that changed since"
        case .versionCutoff: "the knowledge or schema the event depends on changed after it"
        case .minEditDistance: "a correction this close to the response is a typo fix, not a better answer"
        case .evalLeakage: "an item in an eval item's cluster or near-duplicate of one would leak the eval into training"
        case .userCap: "no single user may dominate the set"
        }
    }
}

/// One rule's answer for one event: kept or dropped, and why in words.
public struct RuleOutcome: Sendable, Equatable {
    public var rule: TrainingRule
    public var kept: Bool
    public var why: String

    public init(rule: TrainingRule, kept: Bool, why: String) {
        self.rule = rule
        self.kept = kept
        self.why = why
    }
}

/// What the rules look at for one event and its item, read by the store.
public struct CandidateFacts: Sendable {
    public var itemID: Int64
    public var signal: String
    public var tsMillis: Int64
    public var userID: String?
    public var intent: String?
    public var sources: [String]
    /// The item's trainable flag when a reviewer set it.
    public var trainableFlag: Bool?
    public var canonicalID: Int64?
    public var status: String
    public var openDisputes: Int
    public var isBlocked: Bool
    public var response: String
    /// The corrected answer the example would train on, if the export uses one.
    public var correction: String?
    public var isEvalItem: Bool
    /// The eval item this one would leak into, if any.
    public var leaksTo: Int64?

    public init(itemID: Int64, signal: String, tsMillis: Int64, userID: String?, intent: String?, sources: [String],
                trainableFlag: Bool?, canonicalID: Int64?, status: String, openDisputes: Int, isBlocked: Bool,
                response: String, correction: String?, isEvalItem: Bool = false, leaksTo: Int64? = nil) {
        self.itemID = itemID
        self.signal = signal
        self.tsMillis = tsMillis
        self.userID = userID
        self.intent = intent
        self.sources = sources
        self.trainableFlag = trainableFlag
        self.canonicalID = canonicalID
        self.status = status
        self.openDisputes = openDisputes
        self.isBlocked = isBlocked
        self.response = response
        self.correction = correction
        self.isEvalItem = isEvalItem
        self.leaksTo = leaksTo
    }
}

/// The rules themselves, pure: facts and settings in, outcomes out. The per-user cap needs the
/// whole set and is applied by the export (see `UserCap`); here it is never evaluated.
public struct TrainingRules: Sendable {
    public let policy: TrainingPolicy
    /// The export's as-of time: staleness is measured back from it.
    public let asOfMillis: Int64

    public init(policy: TrainingPolicy, asOfMillis: Int64) {
        self.policy = policy
        self.asOfMillis = asOfMillis
    }

    static let settled: Set<String> = ["triaged", "resolved"]

    /// The first rule the event fails, or nil when it passes every rule but the cap. It decides
    /// without the words `outcome` writes, since an export asks it of every row twice.
    public func firstDrop(_ f: CandidateFacts) -> TrainingRule? {
        if f.isEvalItem { return .reservedForEval }
        if f.signal == Signal.thumbsUp.rawValue { return .thumbsUp }
        if f.userID != nil && f.isBlocked { return .blockedUser }
        if f.canonicalID != nil { return .duplicate }
        if !Self.settled.contains(f.status) || f.openDisputes > 0 { return .unsettled }
        if !(f.trainableFlag ?? policy.isTrainableByDefault(Signal(rawValue: f.signal))) { return .notTrainable }
        if asOfMillis - f.tsMillis > policy.staleMillis { return .stale }
        if policy.cutoffs.contains(where: { $0.applies(intent: f.intent, sources: f.sources) && f.tsMillis < $0.sinceMillis }) {
            return .versionCutoff
        }
        if let correction = f.correction,
           TextDiff.editDistance(f.response, correction, upTo: policy.minEditDistance) < policy.minEditDistance {
            return .minEditDistance
        }
        if f.leaksTo != nil { return .evalLeakage }
        return nil
    }

    /// Every rule but the cap, kept or dropped, with why.
    public func outcomes(_ facts: CandidateFacts) -> [RuleOutcome] {
        TrainingRule.allCases.filter { $0 != .userCap }.map { outcome($0, facts) }
    }

    public func outcome(_ rule: TrainingRule, _ f: CandidateFacts) -> RuleOutcome {
        func keep(_ why: String) -> RuleOutcome { RuleOutcome(rule: rule, kept: true, why: why) }
        func drop(_ why: String) -> RuleOutcome { RuleOutcome(rule: rule, kept: false, why: why) }
        switch rule {
        case .reservedForEval:
            return f.isEvalItem ? drop("the item is in the eval set") : keep("the item is not in the eval set")
        case .thumbsUp:
            return f.signal == Signal.thumbsUp.rawValue ? drop("the signal is thumbs_up") : keep("the signal is \(f.signal)")
        case .blockedUser:
            guard let user = f.userID else { return keep("the event has no user id") }
            return f.isBlocked ? drop("user \(user) is on the blocked list") : keep("user \(user) is not blocked")
        case .duplicate:
            guard let canonical = f.canonicalID else { return keep("the item is the canonical of its cluster") }
            return drop("the item is a duplicate of #\(canonical)")
        case .unsettled:
            guard Self.settled.contains(f.status) else { return drop("the status is \(f.status) (needs triaged or resolved)") }
            if f.openDisputes > 0 { return drop("\(f.openDisputes) dispute\(f.openDisputes == 1 ? " is" : "s are") open") }
            return keep("the status is \(f.status) and no dispute is open")
        case .notTrainable:
            if let flag = f.trainableFlag {
                return flag ? keep("a reviewer marked it trainable") : drop("a reviewer marked it not trainable")
            }
            let byDefault = policy.isTrainableByDefault(Signal(rawValue: f.signal))
            return byDefault ? keep("\(f.signal) is trainable by default") : drop("\(f.signal) is not trainable by default")
        case .stale:
            let age = asOfMillis - f.tsMillis
            let window = policy.staleMillis
            if age > window {
                return drop("the event is \(Self.describe(age)) old (the window is \(policy.staleDays) days)")
            }
            return keep("the event is \(Self.describe(age)) old, within \(policy.staleDays) days")
        case .versionCutoff:
            for cutoff in policy.cutoffs where cutoff.applies(intent: f.intent, sources: f.sources) && f.tsMillis < cutoff.sinceMillis {
                return drop("the event is older than the \(cutoff.scope) cutoff (\(RFC3339.format(millis: cutoff.sinceMillis)))")
            }
            return keep(policy.cutoffs.isEmpty ? "no version cutoffs are set" : "no cutoff that applies is later than the event")
        case .minEditDistance:
            guard let correction = f.correction else { return keep("no correction to compare") }
            let needed = policy.minEditDistance
            let distance = TextDiff.editDistance(f.response, correction, upTo: needed)
            if distance < needed {
                return drop("the correction differs from the response by \(distance) character\(distance == 1 ? "" : "s") (needs \(needed))")
            }
            return keep("the correction differs from the response by at least \(needed) characters")
        case .evalLeakage:
            guard let eval = f.leaksTo else { return keep("nothing ties the item to an eval item") }
            return drop("the item shares a cluster or a near-duplicate suggestion with eval item #\(eval)")
        case .userCap:
            return keep("applied to the whole set")
        }
    }

    /// "3 days 4 h", "45 days", "12 min": an age in words, for `--explain`.
    static func describe(_ millis: Int64) -> String {
        if millis < 0 { return "0 s" }
        let seconds = millis / 1000
        let days = seconds / 86_400
        let rest = seconds % 86_400
        if days > 0 {
            return rest == 0 ? "\(days) days" : "\(days) days \(rest / 3600) h \(rest % 3600 / 60) min \(rest % 60) s"
        }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) min \(seconds % 60) s"
    }
}

/// The per-user cap: no user contributes more than `maxPerUser` examples, nor more than
/// `maxUserShare` of the candidates that passed every other rule (at least one example each).
/// Each capped user keeps the examples with the highest weight, then the oldest, then the lowest
/// item id. Events without a user id are not capped: there is no one to attribute them to.
public enum UserCap {
    public static func effectiveCap(policy: TrainingPolicy, candidates: Int) -> Int {
        let share = Int((policy.maxUserShare * Double(candidates)).rounded(.down))
        return min(policy.maxPerUser, max(1, share))
    }

    /// The order a capped user's examples are kept in: true when `a` is kept before `b`.
    public static func keptFirst(_ a: (weight: Double, tsMillis: Int64, itemID: Int64),
                                 _ b: (weight: Double, tsMillis: Int64, itemID: Int64)) -> Bool {
        if a.weight != b.weight { return a.weight > b.weight }
        if a.tsMillis != b.tsMillis { return a.tsMillis < b.tsMillis }
        return a.itemID < b.itemID
    }
}
