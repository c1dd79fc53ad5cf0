import TOMLKit
import WinnowCore

/// Reads and checks the `[[rubric]]` entries of a `winnow.toml`.
///
/// It walks the TOML tree itself rather than decoding it, so that every mistake (a missing key,
/// a value of the wrong type, an unknown key) is reported on the line that holds it.
struct RubricConfigReader {
    static let rubricKeys: Set<String> = ["name", "description", "dimension"]
    static let dimensionKeys: Set<String> = ["name", "description", "scale", "range", "categories", "anchors", "checks",
                                             "signals", "intents", "disagreement_distance"]
    /// One key per level when scoring: the digits 1–9, by position.
    static let maximumLevels = 9
    /// Field names that rounds and agreement already use for triage labels; a dimension named
    /// like one would make `--field severity` ambiguous.
    static let triageFields: Set<String> = ["severity", "locus", "reasons", "owner", "status", "trainable"]

    let file: String
    let lines: TOMLLineIndex

    init(file: String, text: String) {
        self.file = file
        self.lines = TOMLLineIndex(text)
    }

    func fail(_ message: String, at path: String) -> ConfigError {
        ConfigError(file: file, line: lines.line(of: path), message: message)
    }

    private func firstAt(_ path: String) -> String {
        lines.line(of: path).map { " (first at line \($0))" } ?? ""
    }

    /// The rubrics of the file, or the standard one when it defines none.
    func rubrics(from value: TOMLValueConvertible?) throws -> [Rubric] {
        guard let value else { return [.standard] }
        guard let entries = value.array, entries.allSatisfy({ $0.table != nil }) else {
            throw fail("`rubric` must be a list of [[rubric]] tables", at: "rubric")
        }
        guard !entries.isEmpty else { return [.standard] }
        var names: [String: Int] = [:]
        return try entries.enumerated().map { index, entry in
            let path = "rubric[\(index)]"
            let rubric = try self.rubric(entry.table!, path: path)
            if let first = names[rubric.name] {
                throw fail("rubric \(rubric.name) is defined twice\(firstAt("rubric[\(first)].name"))", at: path + ".name")
            }
            names[rubric.name] = index
            return rubric
        }
    }

    private func rubric(_ table: TOMLTable, path: String) throws -> Rubric {
        try rejectUnknownKeys(table, allowed: Self.rubricKeys, path: path, section: "[[rubric]]")
        let name = try identifier(table, path: path, what: "a [[rubric]]")
        let context = "rubric \(name)"
        let description = try text(table, "description", path: path, context: context)
        guard let dimensionValue = table["dimension"] else {
            throw fail("\(context): has no dimensions (add [[rubric.dimension]] entries after it)", at: path)
        }
        guard let entries = dimensionValue.array, entries.allSatisfy({ $0.table != nil }) else {
            throw fail("\(context): `dimension` must be a list of [[rubric.dimension]] tables", at: path + ".dimension")
        }
        guard !entries.isEmpty else { throw fail("\(context): has no dimensions", at: path + ".dimension") }
        var seen: [String: Int] = [:]
        let dimensions = try entries.enumerated().map { index, entry in
            let dimensionPath = path + ".dimension[\(index)]"
            let dimension = try self.dimension(entry.table!, path: dimensionPath, rubric: name)
            if let first = seen[dimension.name] {
                throw fail("\(context): dimension \(dimension.name) is defined twice\(firstAt(path + ".dimension[\(first)].name"))",
                           at: dimensionPath + ".name")
            }
            seen[dimension.name] = index
            return dimension
        }
        return Rubric(name: name, description: description, dimensions: dimensions)
    }

    private func dimension(_ table: TOMLTable, path: String, rubric: String) throws -> RubricDimension {
        try rejectUnknownKeys(table, allowed: Self.dimensionKeys, path: path, section: "[[rubric.dimension]]")
        let name = try identifier(table, path: path, what: "a dimension of rubric \(rubric)")
        let context = "rubric \(rubric): dimension \(name)"
        guard !Self.triageFields.contains(name) else {
            throw fail("\(context): the name is taken by a triage field (\(Self.triageFields.sorted().joined(separator: ", "))); choose another",
                       at: path + ".name")
        }
        let description = try text(table, "description", path: path, context: context)
        let scale = try self.scale(table, path: path, context: context)

        guard let checks = try strings(table, "checks", path: path, context: context), !checks.isEmpty else {
            throw fail("\(context): needs `checks`, the concrete pass/fail checks shown to the scorer (checks = [\"…\", \"…\"])",
                       at: table["checks"] == nil ? path : path + ".checks")
        }
        var seenChecks = Set<String>()
        for check in checks {
            guard !check.isBlank else { throw fail("\(context): a check is empty", at: path + ".checks") }
            guard seenChecks.insert(check).inserted else { throw fail("\(context): check \"\(check)\" is listed twice", at: path + ".checks") }
        }

        var signals: [Signal] = []
        for name in try strings(table, "signals", path: path, context: context) ?? [] {
            guard let signal = Signal(rawValue: name) else {
                throw fail("\(context): unknown signal `\(name)` (expected one of: \(Signal.allCases.map(\.rawValue).joined(separator: ", ")))",
                           at: path + ".signals")
            }
            guard !signals.contains(signal) else { throw fail("\(context): signal \(name) is listed twice", at: path + ".signals") }
            signals.append(signal)
        }
        if table["signals"] != nil && signals.isEmpty {
            throw fail("\(context): `signals` is empty (leave it out to apply to every signal)", at: path + ".signals")
        }

        let intents = try strings(table, "intents", path: path, context: context) ?? []
        if table["intents"] != nil && intents.isEmpty {
            throw fail("\(context): `intents` is empty (leave it out to apply to every intent)", at: path + ".intents")
        }
        for (index, intent) in intents.enumerated() {
            let stem = intent.hasSuffix(".*") ? String(intent.dropLast(2)) : intent
            guard !stem.isEmpty, !stem.contains(where: { $0.isWhitespace || $0 == "*" }) else {
                throw fail("\(context): intent `\(intent)` is not an intent name (write one such as billing.vat, or billing.* for all of billing)",
                           at: path + ".intents")
            }
            guard !intents[..<index].contains(intent) else { throw fail("\(context): intent \(intent) is listed twice", at: path + ".intents") }
        }

        var distance = 1
        if let value = table["disagreement_distance"] {
            guard case .ordinal(let levels) = scale else {
                throw fail("\(context): `disagreement_distance` is for ordinal scales; on \(scale.kind.rawValue) any two different values disagree",
                           at: path + ".disagreement_distance")
            }
            let widest = Int(levels.last!.value)! - Int(levels.first!.value)!
            guard let number = value.int, (1...widest).contains(number) else {
                throw fail("\(context): `disagreement_distance` must be a whole number from 1 to \(widest), the widest gap on \(levels.first!.value)–\(levels.last!.value) (got \(value.debugDescription))",
                           at: path + ".disagreement_distance")
            }
            distance = number
        }
        return RubricDimension(name: name, description: description, scale: scale, checks: checks, signals: signals,
                               intents: intents, disagreementDistance: distance)
    }

    private func scale(_ table: TOMLTable, path: String, context: String) throws -> RubricScale {
        let kinds = RubricScale.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        guard table["scale"] != nil else { throw fail("\(context): needs a `scale` (one of: \(kinds))", at: path) }
        guard let word = table["scale"]?.string, let kind = RubricScale.Kind(rawValue: word) else {
            throw fail("\(context): unknown scale \(table["scale"]!.debugDescription) (expected one of: \(kinds))", at: path + ".scale")
        }
        // Each kind takes its own settings; one meant for another kind is a misunderstanding to point out.
        let foreign: [String] = switch kind {
        case .passFail: ["range", "categories"]
        case .ordinal: ["categories"]
        case .categories: ["range"]
        }
        for key in foreign where table[key] != nil {
            throw fail("\(context): `\(key)` does not apply to a \(kind.rawValue) scale", at: path + "." + key)
        }
        let anchors = try self.anchors(table, path: path, context: context)
        func anchorPath(_ key: String) -> String { path + ".anchors." + key }

        switch kind {
        case .passFail:
            for key in anchors.keys.sorted() where key != "pass" && key != "fail" {
                throw fail("\(context): anchor `\(key)` is not a value of a pass_fail scale (pass, fail)", at: anchorPath(key))
            }
            return .passFail(passAnchor: anchors["pass"], failAnchor: anchors["fail"])

        case .ordinal:
            guard let range = table["range"] else {
                throw fail("\(context): an ordinal scale needs its `range`, lowest and highest level (range = [1, 5])", at: path + ".scale")
            }
            guard let bounds = range.array?.compactMap(\.int), bounds.count == 2, range.array?.count == 2 else {
                throw fail("\(context): `range` must be two whole numbers, lowest and highest level (range = [1, 5]); got \(range.debugDescription)",
                           at: path + ".range")
            }
            let (low, high) = (bounds[0], bounds[1])
            guard low < high else {
                throw fail("\(context): the scale \(low)–\(high) is empty; it needs at least two levels, lowest first", at: path + ".range")
            }
            guard high - low + 1 <= Self.maximumLevels else {
                throw fail("\(context): the scale \(low)–\(high) has \(high - low + 1) levels; at most \(Self.maximumLevels) (one key each)", at: path + ".range")
            }
            for key in anchors.keys.sorted() {
                guard let level = Int(key), (low...high).contains(level) else {
                    throw fail("\(context): anchor `\(key)` is not a level of \(low)–\(high)", at: anchorPath(key))
                }
            }
            let levels = try (low...high).map { level in
                guard let anchor = anchors[String(level)] else {
                    throw fail("\(context): level \(level) of \(low)–\(high) has no anchor (each level needs one, under [rubric.dimension.anchors])",
                               at: table["anchors"] == nil ? path + ".range" : path + ".anchors")
                }
                return RubricLevel(value: String(level), anchor: anchor)
            }
            return .ordinal(levels)

        case .categories:
            guard let names = try strings(table, "categories", path: path, context: context) else {
                throw fail("\(context): a categories scale needs its `categories` (categories = [\"…\", \"…\"])", at: path + ".scale")
            }
            guard names.count >= 2 else {
                throw fail("\(context): a categories scale needs at least two categories (got \(names.count))", at: path + ".categories")
            }
            guard names.count <= Self.maximumLevels else {
                throw fail("\(context): \(names.count) categories; at most \(Self.maximumLevels) (one key each)", at: path + ".categories")
            }
            for (index, category) in names.enumerated() {
                guard Self.isIdentifier(category) else {
                    throw fail("\(context): category `\(category)` must be one word of letters, digits, _ . or -", at: path + ".categories")
                }
                guard !names[..<index].contains(category) else {
                    throw fail("\(context): category \(category) is listed twice", at: path + ".categories")
                }
            }
            for key in anchors.keys.sorted() where !names.contains(key) {
                throw fail("\(context): anchor `\(key)` is not one of its categories (\(names.joined(separator: ", ")))", at: anchorPath(key))
            }
            return .categories(names.map { RubricLevel(value: $0, anchor: anchors[$0]) })
        }
    }

    /// `anchors`: level → text, written as a `[rubric.dimension.anchors]` table or inline.
    private func anchors(_ table: TOMLTable, path: String, context: String) throws -> [String: String] {
        guard let value = table["anchors"] else { return [:] }
        guard let anchors = value.table else {
            throw fail("\(context): `anchors` must be a table of level = \"what it means\" ([rubric.dimension.anchors])", at: path + ".anchors")
        }
        var out: [String: String] = [:]
        for key in anchors.keys {
            guard let text = anchors[key]?.string else {
                throw fail("\(context): anchor `\(key)` must be a string", at: path + ".anchors." + key)
            }
            guard !text.isBlank else { throw fail("\(context): anchor `\(key)` is empty", at: path + ".anchors." + key) }
            out[key] = text
        }
        return out
    }

    private func rejectUnknownKeys(_ table: TOMLTable, allowed: Set<String>, path: String, section: String) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            throw fail("unknown setting `\(key)` in \(section) (expected one of: \(allowed.sorted().joined(separator: ", ")))", at: path + "." + key)
        }
    }

    private func identifier(_ table: TOMLTable, path: String, what: String) throws -> String {
        guard let value = table["name"] else { throw fail("\(what) has no `name`", at: path) }
        guard let name = value.string, !name.isBlank else { throw fail("\(what) has an empty name", at: path + ".name") }
        // Names are typed on the command line and in `:` commands, so they must be one word.
        guard Self.isIdentifier(name) else {
            throw fail("\(what): name `\(name)` must be one word of letters, digits, _ . or -", at: path + ".name")
        }
        return name
    }

    private func text(_ table: TOMLTable, _ key: String, path: String, context: String) throws -> String {
        guard let value = table[key] else { throw fail("\(context): needs a `\(key)`", at: path) }
        guard let text = value.string else { throw fail("\(context): `\(key)` must be a string", at: path + "." + key) }
        guard !text.isBlank else { throw fail("\(context): `\(key)` is empty", at: path + "." + key) }
        return text
    }

    private func strings(_ table: TOMLTable, _ key: String, path: String, context: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw fail("\(context): `\(key)` must be a list of strings", at: path + "." + key) }
        return try array.map { element in
            guard let string = element.string else { throw fail("\(context): `\(key)` must be a list of strings", at: path + "." + key) }
            return string
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }
}

private extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
