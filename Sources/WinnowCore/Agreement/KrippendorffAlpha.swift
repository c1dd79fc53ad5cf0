/// The difference function Krippendorff's alpha uses, which is what its level of measurement means.
public struct AlphaMetric<Value: Hashable & Sendable>: Sendable {
    enum Kind: Sendable {
        case nominal
        /// Levels in order; values outside them make alpha undefined.
        case ordinal([Value])
        /// Levels ordered by sorting the values that occur.
        case ordinalSorted(@Sendable ([Value]) -> [Value])
        case interval(@Sendable (Value) -> Double)
        case ratio(@Sendable (Value) -> Double)
    }
    let kind: Kind

    /// Any two different categories differ equally.
    public static var nominal: Self { AlphaMetric(kind: .nominal) }
    /// Categories are ranked as in `levels`; the difference between two ranks grows with how many
    /// values were given to the ranks between them (Krippendorff's ordinal metric).
    public static func ordinal(levels: [Value]) -> Self { AlphaMetric(kind: .ordinal(levels)) }
    /// Values are points on a numeric scale; the difference is their squared distance.
    public static func interval(_ numericValue: @escaping @Sendable (Value) -> Double) -> Self {
        AlphaMetric(kind: .interval(numericValue))
    }
}

extension AlphaMetric {
    /// Values are points on a numeric scale with a true zero; the difference of two values is
    /// ((c − k)/(c + k))², Krippendorff's ratio metric (zero when c + k is zero, as the
    /// `krippendorff` Python package has it).
    public static func ratio(_ numericValue: @escaping @Sendable (Value) -> Double) -> Self {
        AlphaMetric(kind: .ratio(numericValue))
    }
}

extension AlphaMetric where Value: Comparable {
    /// Ordinal, ranking the values by their own order (for integer levels, say).
    public static var ordinal: Self { AlphaMetric(kind: .ordinalSorted { $0.sorted() }) }
}

extension AlphaMetric where Value: BinaryInteger {
    /// Interval, taking each integer as its own number.
    public static var interval: Self { .interval { Double($0) } }
    /// Ratio, taking each integer as its own number.
    public static var ratio: Self { .ratio { Double($0) } }
}

extension AlphaMetric where Value: BinaryFloatingPoint {
    /// Interval, taking each number as itself.
    public static var interval: Self { .interval { Double($0) } }
    /// Ratio, taking each number as itself.
    public static var ratio: Self { .ratio { Double($0) } }
}

extension Agreement {
    /// Krippendorff's alpha for any number of raters with missing values, as defined in
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": each unit with mᵤ ≥ 2
    /// values adds 1/(mᵤ − 1) to the coincidence o(c, k) of every ordered pair of its values from
    /// different raters, nᶜ are the coincidence matrix's margins and n their total, and
    /// alpha = 1 − (n − 1) · Σ o(c, k)·δ²(c, k) / Σ nᶜ·nₖ·δ²(c, k).
    /// Units with fewer than two values cannot be paired and are left out, as the paper does.
    /// Values are coded to category indices once; see `AlphaComputation` for the arithmetic.
    public static func krippendorffAlpha<Value>(_ data: ReliabilityData<Value>,
                                                metric: AlphaMetric<Value>) -> AgreementFigure {
        let categories: [Value]
        let codes: [Int32]
        let level: MeasurementLevel
        var numbers: [Double] = []
        switch metric.kind {
        case .nominal, .interval, .ratio:
            (categories, codes) = FlatCoding.byFirstAppearance(data)
            switch metric.kind {
            case .interval(let number): level = .interval; numbers = categories.map(number)
            case .ratio(let number): level = .ratio; numbers = categories.map(number)
            default: level = .nominal
            }
        case .ordinal(let levels):
            guard let coded = FlatCoding.onScale(data, scale: levels) else {
                let outside = data.units.joined().compactMap { $0 }.first { !levels.contains($0) }!
                return .undefined(.valueNotOnScale(String(describing: outside)), unitsUsed: 0, pairableValues: 0)
            }
            (categories, codes) = coded
            level = .ordinal
        case .ordinalSorted(let sort):
            let used = Array(Set(data.units.joined().compactMap { $0 }))
            // Every value is on its own sorted list, so this coding cannot fail.
            (categories, codes) = FlatCoding.onScale(data, scale: sort(used))!
            level = .ordinal
        }
        return AlphaComputation(codes: codes, raterCount: data.raterCount, categoryCount: categories.count,
                                level: level, numbers: numbers).figure { String(describing: categories[$0]) }
    }

    /// Krippendorff's alpha on numbers laid out unit by unit (`values[u * raterCount + r]`), NaN
    /// for a missing value: the shape a CSV of scores or a NumPy array has, coded without any
    /// generic overhead. At the ordinal level the numbers are ranked by their order.
    public static func krippendorffAlpha(numbers values: [Double], raterCount: Int,
                                         level: MeasurementLevel) -> AgreementFigure {
        precondition(raterCount > 0 && values.count % raterCount == 0, "values must fill whole units")
        let (sorted, codes) = FlatCoding.numbers(values, ordered: level != .nominal)
        return AlphaComputation(codes: codes, raterCount: raterCount, categoryCount: sorted.count, level: level,
                                numbers: level == .nominal || level == .ordinal ? [] : sorted)
            .figure { c in
                let value = sorted[c]
                return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            }
    }
}

/// Stevens' levels of measurement, which choose Krippendorff's difference function δ².
public enum MeasurementLevel: String, Sendable, CaseIterable, Codable {
    case nominal, ordinal, interval, ratio
}

/// The arithmetic of alpha over coded values: `codes[u * raterCount + r]` is the category of
/// rater r's value for unit u, or −1 when missing; at interval and ratio level `numbers[c]` is
/// category c's number, and at ordinal level categories arrive in rank order.
///
/// The coincidence matrix is never built: Σ o(c, k)·δ²(c, k) is summed unit by unit over the
/// pairs of the unit's values (each unordered pair counts twice at weight 1/(mᵤ − 1)), which is
/// O(units × raters²) on a flat integer array, and the expected sum Σ nᶜ·nₖ·δ²(c, k) needs only
/// the margins: closed forms for nominal, ordinal and interval, a q × q sum for ratio.
struct AlphaComputation {
    let codes: [Int32]
    let raterCount: Int
    let categoryCount: Int
    let level: MeasurementLevel
    let numbers: [Double]

    /// Up to this many categories, one pass over the table also gathers each pair of categories'
    /// weight (the coincidences off the diagonal), and the observed disagreement is summed over
    /// the q² pairs instead of over the table a second time: scores have a handful of levels.
    static let pairTableLimit = 64

    func figure(naming name: (Int) -> String) -> AgreementFigure {
        var margins = [Double](repeating: 0, count: categoryCount)
        var pairableUnits = 0, pairableValues = 0
        let q = categoryCount
        let pairTable = q <= Self.pairTableLimit
        // pairWeights[c * q + k], c < k: Σ over units of 1/(mᵤ − 1) for each pair of values c, k.
        var pairWeights = [Double](repeating: 0, count: pairTable ? q * q : 0)
        let r = raterCount
        codes.withUnsafeBufferPointer { codes in
            margins.withUnsafeMutableBufferPointer { margins in
                pairWeights.withUnsafeMutableBufferPointer { pairWeights in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: r) { present in
                        var start = 0
                        while start < codes.count {
                            var m = 0
                            for i in start..<(start + r) where codes[i] >= 0 {
                                present[m] = Int(codes[i])
                                m += 1
                            }
                            start += r
                            guard m >= 2 else { continue }
                            pairableUnits += 1
                            pairableValues += m
                            for i in 0..<m { margins[present[i]] += 1 }
                            guard pairTable else { continue }
                            let weight = 1 / Double(m - 1)
                            for i in 0..<(m - 1) {
                                let c = present[i]
                                for j in (i + 1)..<m where present[j] != c {
                                    let k = present[j]
                                    pairWeights[c < k ? c * q + k : k * q + c] += weight
                                }
                            }
                        }
                    }
                }
            }
        }
        let outcome = { (outcome: AgreementFigure.Outcome) in
            AgreementFigure(outcome: outcome, unitsUsed: pairableUnits, pairableValues: pairableValues)
        }
        guard pairableUnits > 0 else { return outcome(.undefined(.noPairableValues)) }
        let used = margins.indices.filter { margins[$0] > 0 }

        // Positions on the line: interval and ratio use the numbers; ordinal uses mid-ranks, since
        // Krippendorff's ordinal δ²(c, k) = (Σ_{g=c…k} n_g − (n_c + n_k)/2)² is the squared distance
        // between M_c and M_k with M_g = (n before g) + n_g/2.
        var positions = numbers
        if level == .ordinal {
            var before = 0.0
            positions = margins.map { margin in
                defer { before += margin }
                return before + margin / 2
            }
        }
        let varies: Bool
        if level == .nominal {
            varies = used.count >= 2
        } else {
            varies = used.contains { positions[$0] != positions[used[0]] }
        }
        guard varies else { return outcome(.undefined(.singleCategory(name(used[0])))) }

        let observed = pairTable ? observedDisagreement(pairWeights, positions) : observedDisagreement(positions)
        let n = Double(pairableValues)
        var expected = 0.0
        switch level {
        case .nominal:
            expected = n * n - margins.reduce(0) { $0 + $1 * $1 }
        case .ordinal, .interval:
            // Σ n꜀nₖ(x_c − x_k)² = 2n·Σ n꜀(x_c − x̄)².
            var sum = 0.0
            for c in used { sum += margins[c] * positions[c] }
            let mean = sum / n
            var squares = 0.0
            for c in used { squares += margins[c] * (positions[c] - mean) * (positions[c] - mean) }
            expected = 2 * n * squares
        case .ratio:
            for c in used {
                for k in used where k != c {
                    expected += margins[c] * margins[k] * Self.ratioDelta(positions[c], positions[k])
                }
            }
        }
        return outcome(.defined(1 - (n - 1) * observed / expected))
    }

    /// Σ o(c, k)·δ²(c, k) from the pairs' weights (each unordered pair counts twice).
    private func observedDisagreement(_ pairWeights: [Double], _ positions: [Double]) -> Double {
        let q = categoryCount
        var total = 0.0
        for c in 0..<q {
            for k in (c + 1)..<max(c + 1, q) where pairWeights[c * q + k] != 0 {
                let delta: Double
                switch level {
                case .nominal: delta = 1
                case .ordinal, .interval: delta = (positions[c] - positions[k]) * (positions[c] - positions[k])
                case .ratio: delta = Self.ratioDelta(positions[c], positions[k])
                }
                total += 2 * pairWeights[c * q + k] * delta
            }
        }
        return total
    }

    /// Σ o(c, k)·δ²(c, k), unit by unit.
    private func observedDisagreement(_ positions: [Double]) -> Double {
        let r = raterCount
        var total = 0.0
        codes.withUnsafeBufferPointer { codes in
            positions.withUnsafeBufferPointer { positions in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: r) { present in
                    var start = 0
                    while start < codes.count {
                        var m = 0
                        for i in start..<(start + r) where codes[i] >= 0 {
                            present[m] = codes[i]
                            m += 1
                        }
                        start += r
                        guard m >= 2 else { continue }
                        var unit = 0.0
                        for i in 0..<(m - 1) {
                            let c = Int(present[i])
                            for j in (i + 1)..<m {
                                let k = Int(present[j])
                                if c == k { continue }
                                switch level {
                                case .nominal: unit += 1
                                case .ordinal, .interval:
                                    let d = positions[c] - positions[k]
                                    unit += d * d
                                case .ratio: unit += Self.ratioDelta(positions[c], positions[k])
                                }
                            }
                        }
                        // Each unordered pair stands for two ordered ones.
                        total += 2 * unit / Double(m - 1)
                    }
                }
            }
        }
        return total
    }

    static func ratioDelta(_ c: Double, _ k: Double) -> Double {
        let sum = c + k
        guard sum != 0 else { return 0 }
        let ratio = (c - k) / sum
        return ratio * ratio
    }
}

/// Coding values to category indices, once, into one flat array (−1 for missing).
enum FlatCoding {
    static func byFirstAppearance<Value>(_ data: ReliabilityData<Value>) -> ([Value], [Int32]) {
        var index: [Value: Int32] = [:]
        var categories: [Value] = []
        var codes: [Int32] = []
        codes.reserveCapacity(data.unitCount * data.raterCount)
        for unit in data.units {
            for value in unit {
                guard let value else { codes.append(-1); continue }
                if let code = index[value] {
                    codes.append(code)
                } else {
                    let code = Int32(categories.count)
                    index[value] = code
                    categories.append(value)
                    codes.append(code)
                }
            }
        }
        return (categories, codes)
    }

    /// Codes by position on `scale` (a level listed twice counts at its first place); nil when a
    /// value is not on the scale.
    static func onScale<Value>(_ data: ReliabilityData<Value>, scale: [Value]) -> ([Value], [Int32])? {
        var index: [Value: Int32] = [:]
        var levels: [Value] = []
        for level in scale where index[level] == nil {
            index[level] = Int32(levels.count)
            levels.append(level)
        }
        var codes: [Int32] = []
        codes.reserveCapacity(data.unitCount * data.raterCount)
        for unit in data.units {
            for value in unit {
                guard let value else { codes.append(-1); continue }
                guard let code = index[value] else { return nil }
                codes.append(code)
            }
        }
        return (levels, codes)
    }

    /// Codes numbers (NaN missing), in ascending order of value when `ordered`. Scores are
    /// mostly small whole numbers, which a table indexed by the number codes without hashing;
    /// any other number goes through a dictionary.
    static func numbers(_ values: [Double], ordered: Bool) -> ([Double], [Int32]) {
        var categories: [Double] = []
        var index: [Double: Int32] = [:]
        var small = [Int32](repeating: -1, count: 256)
        var codes = [Int32](repeating: -1, count: values.count)
        func code(of value: Double) -> Int32 {
            if let known = index[value] { return known }
            let code = Int32(categories.count)
            categories.append(value)
            index[value] = code
            return code
        }
        values.withUnsafeBufferPointer { values in
            codes.withUnsafeMutableBufferPointer { codes in
                for i in 0..<values.count {
                    let value = values[i]
                    if value.isNaN { continue }
                    if value >= 0, value < 256, value == value.rounded(.towardZero) {
                        let slot = Int(value)
                        var known = small[slot]
                        if known < 0 {
                            known = code(of: value)
                            small[slot] = known
                        }
                        codes[i] = known
                    } else {
                        codes[i] = code(of: value)
                    }
                }
            }
        }
        guard ordered else { return (categories, codes) }
        let order = categories.indices.sorted { categories[$0] < categories[$1] }
        var rank = [Int32](repeating: 0, count: categories.count)
        for (position, c) in order.enumerated() { rank[c] = Int32(position) }
        // Already in order (pass/fail coded 0 and 1, say), the codes stand as they are.
        guard order != Array(categories.indices) else { return (categories, codes) }
        rank.withUnsafeBufferPointer { rank in
            codes.withUnsafeMutableBufferPointer { codes in
                for i in 0..<codes.count where codes[i] >= 0 { codes[i] = rank[Int(codes[i])] }
            }
        }
        return (order.map { categories[$0] }, codes)
    }
}
