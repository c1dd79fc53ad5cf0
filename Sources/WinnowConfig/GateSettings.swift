import TOMLKit
import WinnowCore

/// The release gate's settings (`[gate]` in `winnow.toml`): the rule `winnow gate` applies, the
/// reason code it counts as a hallucination, and what counts as a pass on each rubric dimension.
public struct GateSettings: Sendable, Equatable {
    /// What passes on one dimension.
    public enum PassRule: Sendable, Equatable {
        /// An ordinal score at least this high.
        case atLeast(Int)
        /// One of these values (pass_fail or categories).
        case oneOf([String])
    }

    public var rule = GateRule()
    public var hallucinationReason = "hallucination"
    /// Dimension name → its pass rule, where the file gives one (see `passes`).
    public var pass: [String: PassRule] = [:]

    public init() {}

    /// Whether a settled score passes: by `[gate.pass]` when it names the dimension; otherwise a
    /// pass_fail dimension passes on `pass`, an ordinal one in the upper half of its range
    /// (4 and 5 of 1–5, 3 and 4 of 1–4), and a categories one on its first category.
    public func passes(_ value: String, on dimension: RubricDimension) -> Bool {
        switch pass[dimension.name] {
        case .atLeast(let minimum)?: return Int(value).map { $0 >= minimum } ?? false
        case .oneOf(let values)?: return values.contains(value)
        case nil: break
        }
        switch dimension.scale {
        case .passFail: return value == "pass"
        case .categories(let levels): return levels.first?.value == value
        case .ordinal(let levels):
            let scores = levels.compactMap { Int($0.value) }
            guard let low = scores.min(), let high = scores.max(), let score = Int(value) else { return false }
            return Double(score) > Double(low + high) / 2
        }
    }
}

/// Reads and checks `[gate]`, after the taxonomy and the rubrics it names are known.
struct GateConfigReader {
    static let keys: Set<String> = ["accuracy_dimension", "tolerance", "min_items", "confidence", "hallucination_reason", "pass"]

    let file: String
    let lines: TOMLLineIndex

    init(file: String, text: String) {
        self.file = file
        self.lines = TOMLLineIndex(text)
    }

    func fail(_ message: String, at path: String) -> ConfigError {
        ConfigError(file: file, line: lines.line(of: path), message: message)
    }

    func settings(from value: TOMLValueConvertible?, config: WorkspaceConfig) throws -> GateSettings {
        var settings = GateSettings()
        guard let value else { return settings }
        guard let table = value.table else { throw fail("`gate` must be a table ([gate])", at: "gate") }
        for key in table.keys.sorted() where !Self.keys.contains(key) {
            throw fail("unknown setting `\(key)` in [gate] (expected one of: \(Self.keys.sorted().joined(separator: ", ")))", at: "gate.\(key)")
        }
        let dimensions = Dictionary(config.rubrics.flatMap(\.dimensions).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let known = dimensions.keys.sorted().joined(separator: ", ")
        if let entry = table["accuracy_dimension"] {
            guard let name = entry.string else { throw fail("gate.accuracy_dimension must be the name of a rubric dimension", at: "gate.accuracy_dimension") }
            guard dimensions[name] != nil else {
                throw fail("gate.accuracy_dimension `\(name)` is not a dimension of this workspace's rubrics (\(known))", at: "gate.accuracy_dimension")
            }
            settings.rule.accuracyDimension = name
        } else if dimensions[settings.rule.accuracyDimension] == nil {
            throw fail("gate.accuracy_dimension is needed: this workspace's rubrics have no `\(settings.rule.accuracyDimension)` dimension "
                       + "(choose one of: \(known))", at: "gate")
        }
        if let entry = table["tolerance"] {
            guard let tolerance = number(entry), tolerance >= 0, tolerance < 1 else {
                throw fail("gate.tolerance must be a number from 0 up to 1 (a drop in pass rate, 0.005 is half a point)", at: "gate.tolerance")
            }
            settings.rule.tolerance = tolerance
        }
        if let entry = table["min_items"] {
            guard let minimum = entry.int, minimum >= 1 else {
                throw fail("gate.min_items must be a whole number of at least 1", at: "gate.min_items")
            }
            settings.rule.minimumItems = minimum
        }
        if let entry = table["confidence"] {
            guard let confidence = number(entry), confidence >= 0.5, confidence < 1 else {
                throw fail("gate.confidence must be a number from 0.5 up to (not including) 1, such as 0.95", at: "gate.confidence")
            }
            settings.rule.confidence = confidence
        }
        if let entry = table["hallucination_reason"] {
            let codes = config.taxonomy.loci.flatMap(\.reasons)
            guard let code = entry.string, codes.contains(code) else {
                throw fail("gate.hallucination_reason must be one of the taxonomy's reason codes (\(codes.joined(separator: ", ")))",
                           at: "gate.hallucination_reason")
            }
            settings.hallucinationReason = code
        }
        if let entry = table["pass"] {
            guard let passes = entry.table else { throw fail("gate.pass must be a table ([gate.pass])", at: "gate.pass") }
            for name in passes.keys.sorted() {
                let path = "gate.pass.\(name)"
                guard let dimension = dimensions[name] else {
                    throw fail("gate.pass.\(name): not a dimension of this workspace's rubrics (\(known))", at: path)
                }
                switch dimension.scale {
                case .ordinal(let levels):
                    let scores = levels.compactMap { Int($0.value) }
                    guard let minimum = passes[name]?.int, let low = scores.min(), let high = scores.max(), (low...high).contains(minimum) else {
                        throw fail("gate.pass.\(name) must be the lowest passing score, a whole number from \(scores.min() ?? 0) to \(scores.max() ?? 0)", at: path)
                    }
                    settings.pass[name] = .atLeast(minimum)
                case .passFail, .categories:
                    let allowed = dimension.scale.levels.map(\.value)
                    guard let values = passes[name]?.array?.compactMap(\.string), values.count == passes[name]?.array?.count, !values.isEmpty,
                          values.allSatisfy(allowed.contains) else {
                        throw fail("gate.pass.\(name) must list the passing values, some of: \(allowed.joined(separator: ", "))", at: path)
                    }
                    settings.pass[name] = .oneOf(values)
                }
            }
        }
        return settings
    }

    /// TOML writes a whole number (`tolerance = 0`) as an integer.
    private func number(_ value: TOMLValueConvertible) -> Double? {
        value.double ?? value.int.map(Double.init)
    }
}
