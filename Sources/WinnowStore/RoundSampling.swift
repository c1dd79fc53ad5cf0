import WinnowCore

/// What a round's items can be stratified by.
public enum StratumKey: String, CaseIterable, Sendable, Codable {
    case intent, cohort, severity, signal
    case modelVersion = "model_version"
}

/// The population a round draws from: each stratum's name (`intent=billing|cohort=none`, or ""
/// when not stratified) and its items in id order. Ids only: a sample of a million items holds
/// 8 MB here, not a row per item.
typealias SampleStrata = [String: [Int64]]

extension StratumKey {
    /// `intent=billing|cohort=none`: the stratum of an item with these values under `keys`.
    static func stratumName(_ keys: [StratumKey], _ value: (StratumKey) -> String?) -> String {
        keys.map { "\($0.rawValue)=\(value($0) ?? "none")" }.joined(separator: "|")
    }
}

/// The items a sample chose, each with its stratum, and how many each stratum gave.
struct SampleOutcome: Equatable {
    /// In round order.
    var items: [(itemID: Int64, stratum: String)]
    /// Items drawn for the long tail.
    var longTail: Int
    /// Stratum → items drawn from it (long tail included).
    var perStratum: [String: Int]
    /// Stratum → its size in the population.
    var population: [String: Int]

    static func == (a: SampleOutcome, b: SampleOutcome) -> Bool {
        a.items.map(\.itemID) == b.items.map(\.itemID) && a.items.map(\.stratum) == b.items.map(\.stratum)
            && a.longTail == b.longTail && a.perStratum == b.perStratum && a.population == b.population
    }
}

/// Seeded, platform-independent choices for rounds: which items, and who reviews each. SplitMix64
/// rather than Swift's own generators or `Set` order, whose results change between runs and
/// versions: the same seed and the same data must give the same round.
enum RoundSampling {
    /// Fisher–Yates with the seeded generator.
    static func shuffled<T>(_ values: [T], _ rng: inout SplitMix64) -> [T] {
        var values = values
        guard values.count > 1 else { return values }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(index, rng.below(index + 1))
        }
        return values
    }

    /// Every item, in id order, each in its stratum (a round over a filter: nothing is drawn).
    static func everything(_ strata: SampleStrata) -> SampleOutcome {
        let items = strata.flatMap { stratum, ids in ids.map { (itemID: $0, stratum: stratum) } }.sorted { $0.itemID < $1.itemID }
        let sizes = strata.mapValues(\.count)
        return SampleOutcome(items: items, longTail: 0, perStratum: sizes, population: sizes)
    }

    /// `count` items of the strata: strata get items in proportion to their size (largest
    /// remainders), and every non-empty stratum at least one while `count` allows (the largest
    /// strata first when it does not).
    /// Before that, `longTail` items come from the smallest strata, smallest first, so rare cases
    /// are over-represented on purpose. Items are drawn at random within a stratum; the result is
    /// in a seeded random order.
    static func stratified(_ groups: SampleStrata, count: Int, seed: UInt64, longTail: Int) -> SampleOutcome {
        var rng = SplitMix64(seed: seed)
        let population = groups.mapValues(\.count)
        // Each stratum's items in a seeded order; drawing takes from the front.
        var remaining: [String: [Int64]] = [:]
        for key in groups.keys.sorted() { remaining[key] = shuffled(groups[key]!, &rng) }
        var drawn: [String: [Int64]] = [:]
        func draw(_ stratum: String, _ n: Int) {
            let taken = remaining[stratum]!.prefix(n)
            drawn[stratum, default: []] += taken
            remaining[stratum]!.removeFirst(taken.count)
        }

        var tail = 0
        for stratum in groups.keys.sorted(by: { (population[$0]!, $0) < (population[$1]!, $1) }) where tail < longTail {
            let n = min(longTail - tail, remaining[stratum]!.count)
            draw(stratum, n)
            tail += n
        }

        let available = remaining.filter { !$0.value.isEmpty }
        let wanted = min(max(0, count), available.values.reduce(0) { $0 + $1.count })
        // The largest strata first, so a small count still covers most of the population.
        let bySize = available.keys.sorted { (available[$0]!.count, $1) > (available[$1]!.count, $0) }
        var allocation: [String: Int] = [:]
        if wanted <= bySize.count {
            for stratum in bySize.prefix(wanted) { allocation[stratum] = 1 }
        } else {
            // Largest remainder over the strata's sizes, in integers.
            let total = bySize.reduce(0) { $0 + available[$1]!.count }
            var remainders: [(stratum: String, remainder: Int)] = []
            for stratum in bySize {
                allocation[stratum] = wanted * available[stratum]!.count / total
                remainders.append((stratum, wanted * available[stratum]!.count % total))
            }
            var left = wanted - allocation.values.reduce(0, +)
            for entry in remainders.sorted(by: { ($0.remainder, $1.stratum) > ($1.remainder, $0.stratum) }) where left > 0 {
                allocation[entry.stratum]! += 1
                left -= 1
            }
            // Every stratum gets one, taken from the one given the most (there are more items than strata).
            for stratum in bySize.reversed() where allocation[stratum] == 0 {
                let richest = bySize.max { (allocation[$0]!, $1) < (allocation[$1]!, $0) }!
                allocation[richest]! -= 1
                allocation[stratum] = 1
            }
        }
        for stratum in allocation.keys.sorted() { draw(stratum, allocation[stratum]!) }

        var chosen: [(itemID: Int64, stratum: String)] = []
        for stratum in drawn.keys.sorted() { chosen += drawn[stratum]!.map { ($0, stratum) } }
        return SampleOutcome(items: shuffled(chosen, &rng), longTail: tail, perStratum: drawn.mapValues(\.count),
                             population: population)
    }

    /// One assignment: the reviewer and where the item sits in their queue (0 first).
    struct Assignment: Equatable {
        var itemID: Int64
        var reviewer: String
        var position: Int
    }

    /// Gives each item `overlap` distinct reviewers, walking the (seeded) reviewer order round
    /// and round, so loads differ by at most one. Each reviewer's queue starts at a different
    /// point of the round's items (the k-th of r reviewers k/r of the way in) and wraps around,
    /// so the reviewers of one item reach it at different times.
    static func assign(_ items: [Int64], reviewers: [String], overlap: Int, seed: UInt64) -> [Assignment] {
        precondition(overlap >= 1 && overlap <= reviewers.count, "overlap must be between 1 and the number of reviewers")
        var rng = SplitMix64(seed: seed ^ 0x5EED_A551_6E00_0000)
        let order = shuffled(reviewers.sorted(), &rng)
        var queues: [String: [(index: Int, item: Int64)]] = [:]
        var next = 0
        for (index, item) in items.enumerated() {
            for _ in 0..<overlap {
                queues[order[next % order.count], default: []].append((index, item))
                next += 1
            }
        }
        var assignments: [Assignment] = []
        for (k, reviewer) in order.enumerated() {
            let start = k * items.count / order.count
            func key(_ index: Int) -> Int { (index - start + items.count) % items.count }
            let queue = (queues[reviewer] ?? []).sorted { key($0.index) < key($1.index) }
            for (position, entry) in queue.enumerated() {
                assignments.append(Assignment(itemID: entry.item, reviewer: reviewer, position: position))
            }
        }
        return assignments
    }
}
