/// How the eval set samples live traffic (`[eval]`): the share of each week's events frozen into
/// it, and the seed that makes the choice reproducible. Once chosen, an item stays in the set.
public struct EvalSettings: Sendable, Equatable {
    /// 5 %: enough cases per week to see a regression, few enough that training keeps the rest.
    public var share = 0.05
    /// Changing the seed changes which items later weeks choose, never the ones already chosen.
    public var seed = "winnow-eval"

    public init() {}
}
