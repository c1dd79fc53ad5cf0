import Foundation
import WinnowCore
import WinnowDemoData

/// Makes hostile event lines from well-formed and badly-formed seed lines, for the fuzz harness
/// (`winnow-bench fuzz`) and its property-based CI version, which share it. Deterministic: the same
/// seed lines and the same generator state give the same bytes on every run and machine.
///
/// Most lines keep the shape of an event and get a fresh `id`, so they reach the store and its
/// rendering instead of being skipped as already stored; the rest are broken at the byte level.
public struct EventLineMutator {
    /// A seed line split into its top-level members, each value as raw JSON text; nil when the
    /// seed is not a JSON object (such seeds are only mutated as bytes).
    struct Seed {
        var bytes: [UInt8]
        var members: [(key: String, value: String)]?
    }

    private let seeds: [Seed]
    private var serial = 0
    /// Pieces in the longest hostile text (about ten bytes each): the default makes strings of
    /// about 600 kB; the CI test uses fewer to stay fast in a debug build.
    public var hugeTextPieces = 60_000

    public init(seedLines: [String]) {
        precondition(!seedLines.isEmpty, "EventLineMutator needs at least one seed line")
        seeds = seedLines.map { line in
            Seed(bytes: Array(line.utf8), members: Self.members(of: line))
        }
    }

    /// The demo's events (hostile ones included) and the shipped bad lines, when `sampleData` has them.
    public static func standardSeeds(sampleData: URL?) -> [String] {
        var lines = DemoEvents.jsonLines()
        if let sampleData, let text = try? String(contentsOf: sampleData.appendingPathComponent("bad-events.jsonl"), encoding: .utf8) {
            lines += text.split(separator: "\n").map(String.init)
        }
        return lines
    }

    /// One input line (no newline inside, unless a byte mutation put one there).
    public mutating func next(using rng: inout SplitMix64) -> [UInt8] {
        serial += 1
        let seed = seeds[rng.below(seeds.count)]
        switch rng.below(100) {
        case ..<45: return structured(seed, rng: &rng)
        case ..<80: return bytes(structured(seed, rng: &rng), rng: &rng)
        case ..<95: return bytes(seed.bytes, rng: &rng)
        default: return noise(rng: &rng)
        }
    }

    // MARK: Structured mutations: the line stays JSON-shaped, values become extreme.

    static let contractFields = ["id", "ts", "signal", "prompt", "response", "request_id", "user_id", "cohort", "channel",
                                 "intent", "page", "correction", "escalation_reason", "csat", "model_version",
                                 "prompt_version", "policy_pack", "sources", "tool_calls"]

    private mutating func structured(_ seed: Seed, rng: inout SplitMix64) -> [UInt8] {
        guard var members = seed.members else { return seed.bytes }
        func set(_ key: String, _ value: String) {
            if let index = members.firstIndex(where: { $0.key == key }) { members[index].value = value }
            else { members.append((key, value)) }
        }
        let id = rng.percent(3) ? Self.jsonString(hostileText(rng: &rng)) : "\"fz-\(serial)-\(rng.below(1_000_000))\""
        set("id", id)
        for _ in 0..<rng.between(1, 4) {
            switch rng.below(8) {
            case 0: set("ts", Self.jsonString(rng.pick(Self.timestamps)))
            case 1: set("csat", rng.pick(Self.numbers))
            case 2: set("tool_calls", toolCalls(rng: &rng))
            case 3: set("sources", "[" + (0..<rng.between(0, 6)).map { _ in Self.jsonString(hostileText(rng: &rng)) }.joined(separator: ",") + "]")
            case 4: set(rng.pick(Self.contractFields), anyValue(rng: &rng, depth: 0))
            case 5: set("x_" + hostileText(rng: &rng, short: true), anyValue(rng: &rng, depth: 0))
            case 6: set(rng.pick(["prompt", "response", "correction", "escalation_reason", "intent", "user_id", "page"]),
                        Self.jsonString(hostileText(rng: &rng)))
            default:
                if !members.isEmpty { members.remove(at: rng.below(members.count)) }
            }
        }
        if rng.percent(10), members.count > 1 { members.shuffle(using: &rng) }
        if rng.percent(3), let member = members.randomElement(using: &rng) { members.append(member) } // a repeated key
        let body = members.map { Self.jsonString($0.key) + ":" + $0.value }.joined(separator: rng.percent(5) ? " , " : ",")
        return Array(("{" + body + "}").utf8)
    }

    static let timestamps = [
        "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:60.999-23:59",
        "0000-01-01T00:00:00+23:59", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2026-02-29T00:00:00Z",
        "2024-02-29T12:00:00.5+05:30", "2026-13-01T00:00:00Z", "2026-10-14 09:31:22z", "2026-10-14T09:31:22",
        "", "yesterday", "2026-10-14T24:00:00Z", "99999-01-01T00:00:00Z", "2026-10-14T09:31:22.Z",
    ]

    static let numbers = [
        "0", "-0", "1", "5", "6", "-1", "3.0", "2.5", "1e20", "-1e20", "1e308", "-1e308", "1e400", "-1e400", "1e-400",
        "5e-324", "9007199254740993", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "0.1", "1E+2", "31622400000", "31622400001", "86400000.5", "NaN", "Infinity",
        "-", "01", "1.", ".5", "\"5\"", "true", "null", "[]", "{}",
    ]

    private mutating func toolCalls(rng: inout SplitMix64) -> String {
        let calls = (0..<rng.between(0, 4)).map { _ -> String in
            var fields: [String] = []
            if !rng.percent(5) { fields.append("\"name\":" + (rng.percent(80) ? Self.jsonString(hostileText(rng: &rng, short: true)) : anyValue(rng: &rng, depth: 2))) }
            if rng.percent(60) { fields.append("\"elapsed_ms\":" + rng.pick(Self.numbers)) }
            if rng.percent(50) { fields.append("\"arguments\":" + anyValue(rng: &rng, depth: 0)) }
            if rng.percent(40) { fields.append("\"status\":" + Self.jsonString(rng.pick(["ok", "error", "success", "timeout", hostileText(rng: &rng, short: true)]))) }
            if rng.percent(40) { fields.append("\"error\":" + Self.jsonString(hostileText(rng: &rng))) }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[" + calls.joined(separator: ",") + "]"
    }

    /// Any JSON value: scalars, extreme numbers, hostile strings, and sometimes very deep nesting.
    private mutating func anyValue(rng: inout SplitMix64, depth: Int) -> String {
        switch rng.below(depth > 3 ? 5 : 8) {
        case 0: return rng.pick(Self.numbers)
        case 1: return rng.pick(["true", "false", "null"])
        case 2, 3, 4: return Self.jsonString(hostileText(rng: &rng, short: depth > 0))
        case 5: return "[" + (0..<rng.between(0, 4)).map { _ in anyValue(rng: &rng, depth: depth + 1) }.joined(separator: ",") + "]"
        case 6:
            return "{" + (0..<rng.between(0, 4)).map { _ in
                Self.jsonString(hostileText(rng: &rng, short: true)) + ":" + anyValue(rng: &rng, depth: depth + 1)
            }.joined(separator: ",") + "}"
        default:
            let levels = rng.pick([10, 33, 100, 513, 2_000, 20_000])
            let (open, close) = rng.percent(50) ? ("[", "]") : ("{\"a\":", "}")
            return String(repeating: open, count: levels) + "1" + String(repeating: close, count: levels)
        }
    }

    /// Pieces hostile text is made of: escape sequences, C0/C1 controls, bidi controls, wide and
    /// combining characters, emoji sequences, line breaks, unpaired-surrogate escapes.
    static let hostilePieces = [
        "\u{1B}[31mRED\u{1B}[0m", "\u{1B}]0;title\u{07}", "\u{1B}[2J\u{1B}[H", "\u{9B}31m", "\u{85}", "\u{90}q\u{9C}",
        "\u{202E}txet\u{202C}", "\u{2066}iso\u{2069}", "\u{200E}\u{200F}\u{061C}", "\u{2028}\u{2029}", "\u{FEFF}\u{200B}",
        "\r\n", "\n", "\r", "\t", "\u{07}", "\u{08}", "\u{7F}", "\u{01}", "日本語", "請問", "👨‍👩‍👧", "🏳️‍🌈", "e\u{301}\u{302}\u{303}\u{304}\u{305}",
        "Z̷̢̛̛̛a̶l̵g̸o̵", "\u{E000}", "\u{10FFFF}", "\u{FFFD}", "%_*", "\"quoted\"", "\\", "a", "word ", "\u{0}",
    ]

    private mutating func hostileText(rng: inout SplitMix64, short: Bool = false) -> String {
        // Mostly short or paragraph-sized; one text in five hundred is huge (about 600 kB by default).
        let pieces = short ? rng.between(0, 6) : rng.below(500) == 0 ? hugeTextPieces : rng.pick([0, 1, 4, 20, 200, 2_000])
        var out = ""
        for _ in 0..<pieces { out += rng.pick(Self.hostilePieces) }
        return out
    }

    /// A Swift string as a JSON string literal, or sometimes with the raw escapes JSON allows
    /// (lone surrogates among them).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for s in text.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if s.value < 0x20 { out += String(format: "\\u%04x", s.value) } else { out.unicodeScalars.append(s) }
            }
        }
        return out + "\""
    }

    // MARK: Byte mutations: anything at all.

    private mutating func bytes(_ input: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        var b = input
        for _ in 0..<rng.between(1, 6) {
            let at = b.isEmpty ? 0 : rng.below(b.count)
            switch rng.below(10) {
            case 0: if !b.isEmpty { b[at] = UInt8(truncatingIfNeeded: rng.below(256)) }
            case 1: b.insert(rng.pick([0x00, 0x1B, 0x7F, 0x80, 0x9B, 0xC0, 0xC3, 0xE2, 0xED, 0xF4, 0xF5, 0xFF, 0x22, 0x5C, 0x0A, 0x0D]), at: at)
            case 2: if !b.isEmpty { b.removeSubrange(at..<min(b.count, at + rng.between(1, 40))) }
            case 3: if let quote = b.indices.filter({ b[$0] == 0x22 }).randomElement(using: &rng) { b.remove(at: quote) }
            case 4: b = Array(b.prefix(at))
            case 5: // splice another seed's tail
                let other = seeds[rng.below(seeds.count)].bytes
                b = Array(b.prefix(at)) + other.suffix(other.isEmpty ? 0 : rng.below(other.count))
            case 6: if !b.isEmpty { let end = min(b.count, at + rng.between(1, 64)); b.insert(contentsOf: b[at..<end], at: at) }
            case 7: b.insert(contentsOf: Array(rng.pick(["\\u0000", "\\ud800", "\\udc00\\ud800", "\\u001b[31m", "\\u202e", "1e999", "-0.0e-0"]).utf8), at: at)
            case 8: b.insert(contentsOf: Array(rng.pick(["{", "}", "[", "]", ",", ":", "null", "\"\"", "{}", "[[[["]).utf8), at: at)
            default: b.insert(contentsOf: Array(repeating: UInt8(truncatingIfNeeded: 0x20 + rng.below(0x60)), count: rng.pick([1, 100, 5_000])), at: at)
            }
        }
        return b
    }

    private mutating func noise(rng: inout SplitMix64) -> [UInt8] {
        (0..<rng.pick([0, 1, 2, 17, 300, 4_000])).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    /// The top-level members of a JSON object line, values as their JSON text.
    static func members(of line: String) -> [(key: String, value: String)]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) as? [String: Any] else {
            return nil
        }
        var members: [(key: String, value: String)] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) else { return nil }
            members.append((key, String(decoding: data, as: UTF8.self)))
        }
        return members
    }
}
