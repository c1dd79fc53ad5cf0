/// Reliability data with each value replaced by the index of its category, and each unit reduced
/// to how many of its values fall in each category. Every coefficient works on these counts, so
/// the hashing happens once and the arithmetic runs over small integer arrays.
struct CodedUnits<Value: Hashable & Sendable> {
    /// The categories, in scale order when a scale was given, otherwise in order of first appearance.
    let categories: [Value]
    /// Per unit: (category index, number of values in that category), only for categories present.
    let unitCounts: [[(category: Int, count: Int)]]
    /// Per unit: number of values present.
    let unitTotals: [Int]

    /// Codes values in order of first appearance.
    init(_ data: ReliabilityData<Value>) {
        var index: [Value: Int] = [:]
        var categories: [Value] = []
        for unit in data.units {
            for case let value? in unit where index[value] == nil {
                index[value] = categories.count
                categories.append(value)
            }
        }
        self.init(data, categories: categories, index: index)
    }

    /// The outcome of coding values on a given scale.
    enum ScaleCoding {
        case coded(CodedUnits)
        /// The first value (in unit then rater order) that is not on the scale, which leaves the
        /// coefficient undefined.
        case notOnScale(UndefinedAgreement)
    }

    /// Codes values by their position on `scale`.
    /// A level listed twice counts once, at its first place, so it cannot open a gap in the ranks.
    static func onScale(_ data: ReliabilityData<Value>, scale: [Value]) -> ScaleCoding {
        var index: [Value: Int] = [:]
        var levels: [Value] = []
        for level in scale where index[level] == nil {
            index[level] = levels.count
            levels.append(level)
        }
        for unit in data.units {
            for case let value? in unit where index[value] == nil {
                return .notOnScale(.valueNotOnScale(String(describing: value)))
            }
        }
        return .coded(CodedUnits(data, categories: levels, index: index))
    }

    private init(_ data: ReliabilityData<Value>, categories: [Value], index: [Value: Int]) {
        self.categories = categories
        var unitCounts: [[(category: Int, count: Int)]] = []
        var unitTotals: [Int] = []
        unitCounts.reserveCapacity(data.unitCount)
        unitTotals.reserveCapacity(data.unitCount)
        var scratch = [Int](repeating: 0, count: categories.count)
        for unit in data.units {
            var touched: [Int] = []
            var total = 0
            for case let value? in unit {
                let category = index[value]!
                if scratch[category] == 0 { touched.append(category) }
                scratch[category] += 1
                total += 1
            }
            unitCounts.append(touched.map { ($0, scratch[$0]) })
            for category in touched { scratch[category] = 0 }
            unitTotals.append(total)
        }
        self.unitCounts = unitCounts
        self.unitTotals = unitTotals
    }

    /// Units with at least two values, and the number of values in them: what can be paired.
    var pairable: (units: Int, values: Int) {
        var units = 0, values = 0
        for total in unitTotals where total >= 2 {
            units += 1
            values += total
        }
        return (units, values)
    }

    /// The category index every value falls in, when there is exactly one such category.
    var onlyCategoryUsed: Int? {
        var only: Int?
        for counts in unitCounts {
            for entry in counts {
                if only == nil { only = entry.category } else if only != entry.category { return nil }
            }
        }
        return only
    }
}
