import TOMLKit
import WinnowCore

/// Reads and checks `[training]` (with `[training.trainable]` and `[[training.cutoff]]`) and
/// `[[redaction]]`, walking the TOML tree so each mistake names its key and line.
struct TrainingConfigReader {
    static let trainingKeys: Set<String> = ["min_edit_distance", "stale_days", "max_per_user", "max_user_share",
                                            "negative_csat_max", "blocked_users_file", "trainable", "cutoff"]
    static let cutoffKeys: Set<String> = ["intent", "source", "since"]
    static let redactionKeys: Set<String> = ["name", "pattern"]

    let file: String
    let lines: TOMLLineIndex

    init(file: String, text: String) {
        self.file = file
        self.lines = TOMLLineIndex(text)
    }

    func fail(_ message: String, at path: String) -> ConfigError {
        ConfigError(file: file, line: lines.line(of: path), message: message)
    }

    func policy(from value: TOMLValueConvertible?) throws -> TrainingPolicy {
        var policy = TrainingPolicy()
        guard let value else { return policy }
        guard let table = value.table else { throw fail("`training` must be a table ([training])", at: "training") }
        func integer(_ key: String, in range: ClosedRange<Int>, what: String) throws -> Int? {
            guard let raw = table[key] else { return nil }
            guard let number = raw.int, range.contains(number) else {
                throw fail("training.\(key) must be \(what) (got \(raw.debugDescription))", at: "training." + key)
            }
            return number
        }
        if let n = try integer("min_edit_distance", in: 1...10_000, what: "a whole number from 1 to 10000") { policy.minEditDistance = n }
        if let n = try integer("stale_days", in: 1...36_500, what: "a whole number of days from 1 to 36500") { policy.staleDays = n }
        if let n = try integer("max_per_user", in: 1...1_000_000_000, what: "a whole number of at least 1") { policy.maxPerUser = n }
        if let n = try integer("negative_csat_max", in: 1...5, what: "a CSAT score from 1 to 5") { policy.negativeCSATMax = n }
        if let raw = table["max_user_share"] {
            let share = raw.double ?? raw.int.map(Double.init)
            guard let share, share > 0, share <= 1 else {
                throw fail("training.max_user_share must be a share above 0 and at most 1 (got \(raw.debugDescription))",
                           at: "training.max_user_share")
            }
            policy.maxUserShare = share
        }
        if let raw = table["blocked_users_file"] {
            guard let path = raw.string, !path.allSatisfy(\.isWhitespace) else {
                throw fail("training.blocked_users_file must be a file path (got \(raw.debugDescription))", at: "training.blocked_users_file")
            }
            policy.blockedUsersFile = path
        }
        if let raw = table["trainable"] {
            guard let trainable = raw.table else {
                throw fail("training.trainable must be a table of signal = true/false ([training.trainable])", at: "training.trainable")
            }
            for key in trainable.keys.sorted() {
                guard let signal = Signal(rawValue: key) else {
                    throw fail("training.trainable has unknown signal `\(key)` (expected one of: \(Signal.allCases.map(\.rawValue).joined(separator: ", ")))",
                               at: "training.trainable." + key)
                }
                guard let flag = trainable[key]?.bool else {
                    throw fail("training.trainable.\(key) must be true or false", at: "training.trainable." + key)
                }
                policy.trainableBySignal[signal] = flag
            }
        }
        if let raw = table["cutoff"] {
            guard let entries = raw.array, entries.allSatisfy({ $0.table != nil }) else {
                throw fail("training.cutoff must be a list of [[training.cutoff]] tables", at: "training.cutoff")
            }
            policy.cutoffs = try entries.enumerated().map { index, entry in try cutoff(entry.table!, path: "training.cutoff[\(index)]") }
        }
        return policy
    }

    private func cutoff(_ table: TOMLTable, path: String) throws -> VersionCutoff {
        for key in table.keys.sorted() where !Self.cutoffKeys.contains(key) {
            throw fail("unknown setting `\(key)` in [[training.cutoff]] (expected one of: \(Self.cutoffKeys.sorted().joined(separator: ", ")))",
                       at: path + "." + key)
        }
        let intent = table["intent"]
        let source = table["source"]
        guard (intent == nil) != (source == nil) else {
            throw fail("a [[training.cutoff]] names exactly one of `intent` (billing.refund or billing.*) or `source` (a source id)", at: path)
        }
        let scope: VersionCutoff.Scope
        if let intent {
            guard let pattern = intent.string, Self.isIntentPattern(pattern) else {
                throw fail("training.cutoff intent must be an intent name such as billing.refund, or billing.* for all of billing (got \(intent.debugDescription))",
                           at: path + ".intent")
            }
            scope = .intent(pattern)
        } else {
            guard let id = source!.string, !id.isEmpty, !id.contains(where: \.isWhitespace) else {
                throw fail("training.cutoff source must be a source id such as kb:pricing (got \(source!.debugDescription))", at: path + ".source")
            }
            scope = .source(id)
        }
        guard let raw = table["since"] else { throw fail("a [[training.cutoff]] needs `since` (an RFC 3339 time)", at: path) }
        guard let text = raw.string, let millis = RFC3339.parseMillis(text) else {
            throw fail("training.cutoff since must be an RFC 3339 time in quotes such as \"2026-10-01T00:00:00Z\" (got \(raw.debugDescription))",
                       at: path + ".since")
        }
        return VersionCutoff(scope: scope, sinceMillis: millis)
    }

    static func isIntentPattern(_ text: String) -> Bool {
        let stem = text.hasSuffix(".*") ? String(text.dropLast(2)) : text
        return !stem.isEmpty && !stem.contains { $0.isWhitespace || $0 == "*" }
    }

    func redactions(from value: TOMLValueConvertible?) throws -> [RedactionRule] {
        guard let value else { return [] }
        guard let entries = value.array, entries.allSatisfy({ $0.table != nil }) else {
            throw fail("`redaction` must be a list of [[redaction]] tables", at: "redaction")
        }
        var seen = Set<String>()
        return try entries.enumerated().map { index, entry in
            let table = entry.table!
            let path = "redaction[\(index)]"
            guard let name = table["name"]?.string, !name.isEmpty,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw fail("a [[redaction]] needs a `name` of letters, digits and _ (it becomes the placeholder, order_id → [ORDER_ID])",
                           at: table["name"] == nil ? path : path + ".name")
            }
            guard seen.insert(name).inserted else { throw fail("redaction \(name) is defined twice", at: path + ".name") }
            guard let pattern = table["pattern"]?.string, !pattern.isEmpty else {
                throw fail("redaction \(name) needs a `pattern` (a regular expression, such as \"ORD-[0-9]+\")",
                           at: table["pattern"] == nil ? path : path + ".pattern")
            }
            let rule = RedactionRule(name: name, pattern: pattern)
            do {
                try Redactor.validate(rule)
            } catch {
                throw fail(String(describing: error), at: path + ".pattern")
            }
            return rule
        }
    }
}
