/// The agreement view's own room: the round it is about (nil: every round), the figures once the
/// background has computed them, and the field whose details (reasons, pairs, reviewers) are shown.
public struct AgreementView: Equatable, Sendable {
    public var round: String?
    public var loading = true
    public var fields: [AgreementFigures] = []
    public var selected = 0
    public var error: String?

    public init(round: String?) {
        self.round = round
    }
}

/// One field's (or rubric dimension's) agreement, as the view draws it: plain numbers and words,
/// an undefined figure carrying its reason instead of a value.
public struct AgreementFigures: Equatable, Sendable {
    public struct Figure: Equatable, Sendable {
        /// The column heading: `%agree`, `κ`, `wκ`, `Fleiss`, `α`, `AC1`.
        public var column: String
        /// The figure's full name, for its reason: "Cohen's κ".
        public var name: String
        public var value: Double?
        public var reason: String?

        public init(column: String, name: String, value: Double?, reason: String?) {
            self.column = column
            self.name = name
            self.value = value
            self.reason = reason
        }
    }

    public struct Pair: Equatable, Sendable {
        public var raters: String
        public var value: Double?
        public var reason: String?
        public var units: Int

        public init(raters: String, value: Double?, reason: String?, units: Int) {
            self.raters = raters
            self.value = value
            self.reason = reason
            self.units = units
        }
    }

    public struct Reviewer: Equatable, Sendable {
        public var name: String
        public var compared: Int
        public var shareEqual: Double?
        /// "harsher", "more lenient", "even", or nil on a nominal scale.
        public var lean: String?

        public init(name: String, compared: Int, shareEqual: Double?, lean: String?) {
            self.name = name
            self.compared = compared
            self.shareEqual = shareEqual
            self.lean = lean
        }
    }

    /// `severity`, `faithfulness (support)`.
    public var field: String
    /// nominal, ordinal, interval or ratio.
    public var level: String
    public var items: Int
    public var judgments: Int
    public var figures: [Figure]
    /// Krippendorff's α's bootstrap interval, or why there is none.
    public var alphaInterval: (lower: Double, upper: Double)?
    public var alphaIntervalReason: String?
    public var pairs: [Pair]
    public var reviewers: [Reviewer]

    public init(field: String, level: String, items: Int, judgments: Int, figures: [Figure], alphaInterval: (lower: Double, upper: Double)?,
                alphaIntervalReason: String?, pairs: [Pair], reviewers: [Reviewer]) {
        self.field = field
        self.level = level
        self.items = items
        self.judgments = judgments
        self.figures = figures
        self.alphaInterval = alphaInterval
        self.alphaIntervalReason = alphaIntervalReason
        self.pairs = pairs
        self.reviewers = reviewers
    }

    public static func == (a: AgreementFigures, b: AgreementFigures) -> Bool {
        a.field == b.field && a.level == b.level && a.items == b.items && a.judgments == b.judgments && a.figures == b.figures
            && a.alphaInterval?.lower == b.alphaInterval?.lower && a.alphaInterval?.upper == b.alphaInterval?.upper
            && a.alphaIntervalReason == b.alphaIntervalReason && a.pairs == b.pairs && a.reviewers == b.reviewers
    }
}

/// Why the agreement view has no figures: the store could not be read, or a round does not exist.
public struct AgreementViewError: Error, Equatable, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
