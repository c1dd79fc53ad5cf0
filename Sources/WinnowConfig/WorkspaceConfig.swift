import Foundation
import TOMLKit
import WinnowCore

/// Roles a reviewer can hold on a workspace roster.
public enum Role: String, CaseIterable, Sendable, Codable {
    case reviewer, qa, adjudicator, lead
}

public struct RosterEntry: Sendable, Equatable {
    public var name: String
    public var roles: [Role]

    public init(name: String, roles: [Role]) {
        self.name = name
        self.roles = roles
    }
}

/// A workspace's `winnow.toml`, validated. Absent sections take the design brief's defaults.
public struct WorkspaceConfig: Sendable, Equatable {
    public var name: String
    public var taxonomy: Taxonomy
    public var teams: [String]
    /// Empty means single-user mode.
    public var roster: [RosterEntry]
    public var leaseMinutes: Int
    public var theme: String?
    /// Command name → keys, overriding the defaults.
    public var keyBindings: [String: [String]]
    /// Named sets of labels, each applied with one key.
    public var presets: [LabelPreset]
    /// Whether marking an item (Space) also moves the cursor to the next one; off by default, so a
    /// mark never moves the reviewer past the item after it.
    public var markMovesDown: Bool
    /// QA rubrics (`[[rubric]]`); `Rubric.standard` when the file defines none, so there is always one.
    public var rubrics: [Rubric]
    /// Whether a label change that would overwrite another reviewer's accepted label opens a dispute
    /// carrying the new value instead (`[review] dispute_on_overwrite`); off by default.
    public var disputeOnOverwrite: Bool
    /// Near-duplicate suggestions (`[dupes]`).
    public var dupes = DuplicateSettings()
    /// The training-candidate rules (`[training]`).
    public var training = TrainingPolicy()
    /// The workspace's own redaction patterns (`[[redaction]]`), applied before the built-in ones.
    public var redactions: [RedactionRule] = []
    /// The eval set's slice of live traffic (`[eval]`).
    public var eval = EvalSettings()
    /// The release gate (`[gate]`).
    public var gate = GateSettings()

    public init(name: String = "Winnow workspace", taxonomy: Taxonomy = .defaults, teams: [String] = [],
                roster: [RosterEntry] = [], leaseMinutes: Int = 10, theme: String? = nil,
                keyBindings: [String: [String]] = [:], presets: [LabelPreset] = [], markMovesDown: Bool = false,
                rubrics: [Rubric] = [.standard], disputeOnOverwrite: Bool = false) {
        self.name = name
        self.taxonomy = taxonomy
        self.teams = teams
        self.roster = roster
        self.leaseMinutes = leaseMinutes
        self.theme = theme
        self.keyBindings = keyBindings
        self.presets = presets
        self.markMovesDown = markMovesDown
        self.rubrics = rubrics
        self.disputeOnOverwrite = disputeOnOverwrite
    }

    public var isSingleUser: Bool { roster.isEmpty }

    /// Owners to offer: teams, the loci's default owners, and rostered people, without repeats.
    public var owners: [String] {
        var seen = Set<String>()
        return (teams + taxonomy.loci.map(\.owner) + roster.map(\.name)).filter { seen.insert($0).inserted }
    }

    public func rubric(named name: String) -> Rubric? {
        rubrics.first { $0.name == name }
    }

    public func roles(of reviewer: String) -> [Role]? {
        roster.first { $0.name == reviewer }?.roles
    }
}

public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

extension WorkspaceConfig {
    public static func load(from url: URL) throws -> WorkspaceConfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigError(file: url.path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String = "winnow.toml") throws -> WorkspaceConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, message: error.description)
        }
        let raw: ConfigFile
        do {
            raw = try TOMLDecoder().decode(ConfigFile.self, from: table)
        } catch let error as DecodingError {
            throw ConfigError(file: file, line: nil, message: TOMLErrorText.describe(error))
        }
        try TOMLKeyCheck.rejectUnknownKeys(in: table, file: file, text: text)
        var config = try raw.validated(file: file, text: text)
        config.rubrics = try RubricConfigReader(file: file, text: text).rubrics(from: table["rubric"])
        let training = TrainingConfigReader(file: file, text: text)
        config.training = try training.policy(from: table["training"])
        config.redactions = try training.redactions(from: table["redaction"])
        // After the rubrics and taxonomy, whose dimensions and reason codes it names.
        config.gate = try GateConfigReader(file: file, text: text).settings(from: table["gate"], config: config)
        return config
    }
}

/// The file as written; every field optional so a partial file still decodes.
struct ConfigFile: Decodable {
    struct WorkspaceSection: Decodable { var name: String?; var teams: [String]? }
    struct ClaimsSection: Decodable {
        var leaseMinutes: Int?
        enum CodingKeys: String, CodingKey { case leaseMinutes = "lease_minutes" }
    }
    struct UISection: Decodable {
        var theme: String?
        var markMovesDown: Bool?
        enum CodingKeys: String, CodingKey { case theme, markMovesDown = "mark_moves_down" }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            theme = try container.decodeIfPresent(String.self, forKey: .theme)
            // TOMLKit reports a value of the wrong type as a missing key; say what is expected instead.
            guard container.contains(.markMovesDown) else { return }
            guard let value = try? container.decode(Bool.self, forKey: .markMovesDown) else {
                throw DecodingError.dataCorruptedError(forKey: .markMovesDown, in: container, debugDescription: "must be true or false")
            }
            markMovesDown = value
        }
    }
    struct ReviewSection: Decodable {
        var disputeOnOverwrite: Bool?
        enum CodingKeys: String, CodingKey { case disputeOnOverwrite = "dispute_on_overwrite" }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // TOMLKit reports a value of the wrong type as a missing key; say what is expected instead.
            guard container.contains(.disputeOnOverwrite) else { return }
            guard let value = try? container.decode(Bool.self, forKey: .disputeOnOverwrite) else {
                throw DecodingError.dataCorruptedError(forKey: .disputeOnOverwrite, in: container, debugDescription: "must be true or false")
            }
            disputeOnOverwrite = value
        }
    }
    struct EvalSection: Decodable {
        var share: Double?
        var seed: String?
    }
    struct DupesSection: Decodable {
        var enabled: Bool?
        var minSimilarity: Double?
        var compare: [String]?
        var mask: [String]?
        enum CodingKeys: String, CodingKey { case enabled, minSimilarity = "min_similarity", compare, mask }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // TOMLKit reports a value of the wrong type as a missing key; say what is expected instead.
            func decode<T: Decodable>(_ key: CodingKeys, _ expected: String) throws -> T? {
                guard container.contains(key) else { return nil }
                guard let value = try? container.decode(T.self, forKey: key) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: expected)
                }
                return value
            }
            enabled = try decode(.enabled, "must be true or false")
            // TOML writes a whole number (`min_similarity = 1`) as an integer, which is no Double to the decoder.
            if container.contains(.minSimilarity), let whole = try? container.decode(Int.self, forKey: .minSimilarity) {
                minSimilarity = Double(whole)
            } else {
                minSimilarity = try decode(.minSimilarity, "must be a number between 0 and 1")
            }
            compare = try decode(.compare, "must be a list of field names")
            mask = try decode(.mask, "must be a list of mask names")
        }
    }
    struct SeverityEntry: Decodable { var code: String; var label: String; var description: String? }
    struct LocusEntry: Decodable { var name: String; var reasons: [String]; var owner: String }
    struct ReviewerEntry: Decodable { var name: String; var roles: [String]? }

    var workspace: WorkspaceSection?
    var claims: ClaimsSection?
    var ui: UISection?
    var review: ReviewSection?
    var dupes: DupesSection?
    var eval: EvalSection?
    var severity: [SeverityEntry]?
    var locus: [LocusEntry]?
    var reviewer: [ReviewerEntry]?
    var signalWeights: [String: Double]?
    var keys: [String: [String]]?
    var preset: [PresetEntry]?

    enum CodingKeys: String, CodingKey {
        case workspace, claims, ui, review, dupes, eval, severity, locus, reviewer, keys, preset
        case signalWeights = "signal_weights"
    }

    func validated(file: String, text: String) throws -> WorkspaceConfig {
        func fail(_ message: String, near needle: String? = nil) -> ConfigError {
            ConfigError(file: file, line: needle.flatMap { TOMLKeyCheck.line(of: $0, in: text) }, message: message)
        }
        var config = WorkspaceConfig()
        if let name = workspace?.name { config.name = name }
        config.teams = workspace?.teams ?? []
        if let lease = claims?.leaseMinutes {
            guard (1...24 * 60).contains(lease) else {
                throw fail("claims.lease_minutes must be between 1 and 1440 (got \(lease))", near: "lease_minutes")
            }
            config.leaseMinutes = lease
        }
        config.theme = ui?.theme
        config.markMovesDown = ui?.markMovesDown ?? false
        config.disputeOnOverwrite = review?.disputeOnOverwrite ?? false
        if let dupes {
            config.dupes.enabled = dupes.enabled ?? true
            if let minimum = dupes.minSimilarity {
                guard minimum > 0, minimum <= 1 else {
                    throw fail("dupes.min_similarity must be above 0 and at most 1 (got \(minimum))", near: "min_similarity")
                }
                config.dupes.minSimilarity = minimum
            }
            if let compare = dupes.compare {
                guard !compare.isEmpty else { throw fail("dupes.compare needs at least one field (prompt, response, correction)", near: "compare") }
                config.dupes.compare = try compare.map { name in
                    guard let field = DuplicateSettings.ComparedField(rawValue: name) else {
                        throw fail("dupes.compare has unknown field `\(name)` (expected prompt, response or correction)", near: "\"\(name)\"")
                    }
                    return field
                }
            }
            if let mask = dupes.mask {
                config.dupes.masks = try mask.reduce(into: ComparableText.Masks()) { masks, name in
                    guard let known = DuplicateSettings.maskNames.first(where: { $0.name == name }) else {
                        throw fail("dupes.mask has unknown kind `\(name)` (expected urls, emails, numbers or ids)", near: "\"\(name)\"")
                    }
                    masks.insert(known.mask)
                }
            }
        }
        if let share = eval?.share {
            guard share > 0, share <= 1 else {
                throw fail("eval.share must be above 0 and at most 1 (got \(share))", near: "share")
            }
            config.eval.share = share
        }
        if let seed = eval?.seed {
            guard !seed.isEmpty else { throw fail("eval.seed must not be empty", near: "seed") }
            config.eval.seed = seed
        }
        if let severity {
            guard !severity.isEmpty else { throw fail("at least one [[severity]] is needed", near: "[[severity]]") }
            var seen = Set<String>()
            for s in severity where !seen.insert(s.code).inserted {
                throw fail("severity \(s.code) is defined twice", near: "\"\(s.code)\"")
            }
            config.taxonomy.severities = severity.map {
                Severity(code: $0.code, label: $0.label, description: $0.description ?? $0.label)
            }
        }
        if let locus {
            var seen = Set<String>()
            for l in locus where !seen.insert(l.name).inserted {
                throw fail("failure locus \(l.name) is defined twice", near: "\"\(l.name)\"")
            }
            config.taxonomy.loci = locus.map { FailureLocus(name: $0.name, reasons: $0.reasons, owner: $0.owner) }
        }
        if let signalWeights {
            for (name, weight) in signalWeights.sorted(by: { $0.key < $1.key }) {
                guard let signal = Signal(rawValue: name) else {
                    throw fail("unknown signal `\(name)` in [signal_weights] (expected one of: \(Signal.allCases.map(\.rawValue).joined(separator: ", ")))", near: name)
                }
                guard (0...1).contains(weight) else {
                    throw fail("signal weight for \(name) must be between 0 and 1 (got \(weight))", near: name)
                }
                config.taxonomy.signalWeights[signal] = weight
            }
        }
        if let reviewer {
            var seen = Set<String>()
            config.roster = try reviewer.map { entry in
                guard !entry.name.isEmpty else { throw fail("a [[reviewer]] has an empty name", near: "[[reviewer]]") }
                guard seen.insert(entry.name).inserted else {
                    throw fail("reviewer \(entry.name) is listed twice", near: "\"\(entry.name)\"")
                }
                let roles = try (entry.roles ?? ["reviewer"]).map { text in
                    guard let role = Role(rawValue: text) else {
                        throw fail("reviewer \(entry.name) has unknown role `\(text)` (expected one of: reviewer, qa, adjudicator, lead)", near: "\"\(text)\"")
                    }
                    return role
                }
                return RosterEntry(name: entry.name, roles: roles)
            }
        }
        config.keyBindings = keys ?? [:]
        // Last: a preset's values are checked against the taxonomy, teams and roster above.
        config.presets = try validatedPresets(preset ?? [], config: config, fail: fail)
        return config
    }
}

enum TOMLErrorText {
    static func describe(_ error: DecodingError) -> String {
        func path(_ p: [CodingKey]) -> String {
            p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "`\(path(context.codingPath))` has the wrong type (expected \(type))"
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "missing `\(key.stringValue)`" + (at.isEmpty ? "" : " in `\(at)`")
        case .valueNotFound(let type, let context):
            return "`\(path(context.codingPath))` has no value (expected \(type))"
        case .dataCorrupted(let context):
            return "`\(path(context.codingPath))`: \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}

/// TOML decoding ignores keys it does not know; a typo in a config must not be silently ignored.
enum TOMLKeyCheck {
    static let known: [String: Set<String>] = [
        "": ["workspace", "claims", "ui", "review", "dupes", "eval", "severity", "locus", "reviewer", "signal_weights", "keys", "preset",
             "training", "redaction",  // [training] and [[redaction]] check their own keys (TrainingConfigReader)
             "rubric",  // [[rubric]] checks its own keys, nested as they are (RubricConfigReader)
             "gate"],  // and so does [gate] (GateConfigReader)
        "workspace": ["name", "teams"],
        "claims": ["lease_minutes"],
        "ui": ["theme", "mark_moves_down"],
        "review": ["dispute_on_overwrite"],
        "dupes": ["enabled", "min_similarity", "compare", "mask"],
        "eval": ["share", "seed"],
        "severity": ["code", "label", "description"],
        "locus": ["name", "reasons", "owner"],
        "reviewer": ["name", "roles"],
        "preset": ConfigFile.presetKeys,
        "training": TrainingConfigReader.trainingKeys,
        "redaction": TrainingConfigReader.redactionKeys,
    ]

    static func rejectUnknownKeys(in table: TOMLTable, file: String, text: String) throws {
        for key in table.keys where !known[""]!.contains(key) {
            throw ConfigError(file: file, line: line(of: key, in: text), message: "unknown setting `\(key)`")
        }
        for (section, allowed) in known where !section.isEmpty {
            guard let value = table[section] else { continue }
            var tables: [TOMLTable] = []
            if let t = value.table { tables = [t] }
            if let a = value.array { tables = a.compactMap { $0.table } }
            for t in tables {
                for key in t.keys where !allowed.contains(key) {
                    throw ConfigError(file: file, line: line(of: key, in: text),
                                      message: "unknown setting `\(key)` in [\(section)] (expected one of: \(allowed.sorted().joined(separator: ", ")))")
                }
            }
        }
    }

    /// The first line that assigns or names `needle`, for pointing at a semantic error.
    static func line(of needle: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix(needle) || trimmed.contains(needle) { return index + 1 }
        }
        return nil
    }
}
