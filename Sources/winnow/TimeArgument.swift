import ArgumentParser
import WinnowCore

/// Times given on the command line: RFC 3339, a date, or an age counted back from now. Every value
/// is range-checked, so no argument can overflow the arithmetic; a bad one is a usage error (exit 64).
enum TimeArgument {
    /// The oldest age accepted, in days (100 years): older records cannot exist, and the bound keeps
    /// `now - age` far from overflowing.
    static let maxAgeDays: Int64 = 36_500

    static let units: [(suffix: Character, millis: Int64, name: String)] = [
        ("m", 60_000, "minutes"), ("h", 3_600_000, "hours"), ("d", 86_400_000, "days"), ("w", 7 * 86_400_000, "weeks"),
    ]

    static func millis(_ text: String, option: String, now: Int64) throws -> Int64 {
        switch parse(text, now: now) {
        case .success(let millis): return millis
        case .failure(let problem): throw CLIError(status: ExitCode.validationFailure, message: "\(option) \(text): \(problem.message)")
        }
    }

    struct Problem: Error, Equatable {
        var message: String
    }

    static func parse(_ text: String, now: Int64) -> Result<Int64, Problem> {
        if let exact = RFC3339.parseMillis(text) { return .success(exact) }
        if text.count == 10, let day = RFC3339.parseMillis(text + "T00:00:00Z") { return .success(day) }
        let expected = "expected RFC 3339 (2026-11-23T08:00:00Z), a date (2026-11-23) or an age (90m, 8h, 2d, 1w)"
        guard let suffix = text.last, let unit = units.first(where: { $0.suffix == suffix }) else {
            return .failure(Problem(message: expected))
        }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            return .failure(Problem(message: expected))
        }
        let limit = maxAgeDays * 86_400_000 / unit.millis
        // Too many digits for Int64 is as out of range as a large number.
        guard let amount = Int64(digits), amount <= limit else {
            return .failure(Problem(message: "an age is at most 100 years (\(NumberFormat.grouped(Int(limit))) \(unit.name))"))
        }
        return .success(now - amount * unit.millis)
    }
}
