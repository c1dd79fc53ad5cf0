// DemoClock.swift
// Integer-only calendar arithmetic (UTC, proleptic Gregorian) and the fixed
// release / policy timeline of the demo. No Date, Calendar or DateFormatter is
// used, so formatting never depends on the machine's locale or time zone.

enum DemoClock {
    // MARK: Calendar arithmetic (Howard Hinnant's civil-date algorithms)

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (y + (m <= 2 ? 1 : 0), m, d)
    }

    /// Seconds since the Unix epoch for a UTC wall-clock time.
    static func epoch(_ year: Int, _ month: Int, _ day: Int,
                      _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int {
        daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// 0 = Monday ... 6 = Sunday.
    static func weekday(_ t: Int) -> Int {
        let days = floorDiv(t, 86_400)
        return ((days + 3) % 7 + 7) % 7
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// RFC 3339 / ISO 8601 UTC timestamp, e.g. "2026-10-14T09:31:22Z".
    static func rfc3339(_ t: Int) -> String {
        let days = floorDiv(t, 86_400)
        let secs = t - days * 86_400
        let c = civilFromDays(days)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T"
            + "\(pad(secs / 3600, 2)):\(pad(secs % 3600 / 60, 2)):\(pad(secs % 60, 2))Z"
    }

    /// RFC 3339 with milliseconds, used inside pasted logs.
    static func rfc3339Millis(_ t: Int, millis: Int) -> String {
        let base = rfc3339(t)
        return String(base.dropLast()) + "." + pad(millis, 3) + "Z"
    }

    /// "2026-10-14".
    static func isoDate(_ t: Int) -> String {
        String(rfc3339(t).prefix(10))
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Oct 14".
    static func shortDate(_ t: Int) -> String {
        let c = civilFromDays(floorDiv(t, 86_400))
        return "\(monthNames[c.month - 1]) \(c.day)"
    }

    // MARK: The demo timeline

    /// Monday 2026-10-05 00:00:00 UTC.
    static let windowStart = epoch(2026, 10, 5)
    /// Sunday 2026-11-15 23:59:59 UTC.
    static let windowEnd = epoch(2026, 11, 15, 23, 59, 59)
    /// 42 days = six full weeks.
    static let dayCount = 42

    /// helios-2.4.0 rollout (the SSO regression ships with it).
    static let release240 = epoch(2026, 10, 21, 8, 0, 0)
    /// helios-2.4.1 rollout (the fix).
    static let release241 = epoch(2026, 11, 2, 9, 30, 0)
    /// support-sys-v19 system prompt.
    static let promptV19 = epoch(2026, 11, 10, 8, 0, 0)
    /// policy-2026.10 and policy-2026.11 packs.
    static let policy202610 = epoch(2026, 10, 12)
    static let policy202611 = epoch(2026, 11, 9)
    /// The experiment with three arms runs between these times.
    static let experimentStart = epoch(2026, 10, 12, 9, 0, 0)
    static let experimentEnd = epoch(2026, 11, 9, 9, 0, 0)

    static func modelVersion(_ t: Int) -> String {
        if t < release240 { return "helios-2.3.1" }
        if t < release241 { return "helios-2.4.0" }
        return "helios-2.4.1"
    }

    static func promptVersion(_ t: Int) -> String {
        if t < release240 { return "support-sys-v17" }
        if t < promptV19 { return "support-sys-v18" }
        return "support-sys-v19"
    }

    static func policyPack(_ t: Int) -> String {
        if t < policy202610 { return "policy-2026.09" }
        if t < policy202611 { return "policy-2026.10" }
        return "policy-2026.11"
    }

    /// Web widget build that was live at time t (one release a week).
    static func webBuild(_ t: Int) -> String {
        let week = max(0, (t - windowStart) / (7 * 86_400))
        return week < 4 ? "web-2026.10.\(week + 1)" : "web-2026.11.\(week - 3)"
    }
}
