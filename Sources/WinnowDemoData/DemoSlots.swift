// DemoSlots.swift
// Per-event slot values ({company}, {amount}, {idp} ...), template filling and
// the small text "roughening" that makes prompts look typed by real people.

/// Slot values for one event. The dictionary is only ever used for lookups
/// (never iterated), so hash order can't leak into the output.
import WinnowCore

struct DemoSlots: Sendable {
    private let values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    subscript(_ key: String) -> String {
        values[key] ?? ""
    }

    /// Replaces `{key}` with its slot value; unknown keys are kept verbatim.
    func fill(_ template: String) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        out.reserveCapacity(template.utf8.count + 64)
        var index = template.startIndex
        while index < template.endIndex {
            let ch = template[index]
            if ch == "{", let close = template[index...].firstIndex(of: "}") {
                let key = String(template[template.index(after: index)..<close])
                if let value = values[key] {
                    out += value
                    index = template.index(after: close)
                    continue
                }
            }
            out.append(ch)
            index = template.index(after: index)
        }
        return out
    }
}

enum DemoFormat {
    /// "12,345" (thousands separators, no locale involved).
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (offset, ch) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// "$1,234.50" from an amount in cents.
    static func money(_ cents: Int, _ symbol: String) -> String {
        "\(symbol)\(grouped(cents / 100)).\(DemoClock.pad(cents % 100, 2))"
    }

    static func planName(_ cohort: String) -> String {
        switch cohort {
        case "enterprise": return "Enterprise"
        case "growth": return "Growth"
        case "starter": return "Starter"
        default: return "Growth trial"
        }
    }

    /// Monthly list price per seat, in cents.
    static func seatPrice(_ cohort: String) -> Int {
        switch cohort {
        case "enterprise": return 2900
        case "starter": return 800
        default: return 1600
        }
    }
}

extension DemoAssembler {
    static let identityProviders = ["Okta", "Azure AD", "Google Workspace", "OneLogin", "JumpCloud"]
    static let identityProviderWeights = [40, 30, 15, 8, 7]
    static let declineCodes = ["card_declined", "insufficient_funds", "do_not_honor", "expired_card",
                               "authentication_required", "processing_error"]
    static let salesforceObjects = ["Opportunity", "Account", "Project__c", "Case"]

    mutating func vatNumber(_ region: DemoRegion) -> String {
        switch region.code {
        case "DE": return "DE" + rng.digits(9)
        case "FR": return "FR" + rng.digits(2) + rng.digits(9)
        case "ES": return "ESB" + rng.digits(8)
        case "NL": return "NL" + rng.digits(9) + "B01"
        case "IE": return "IE" + rng.digits(7) + "W"
        case "SE": return "SE" + rng.digits(10) + "01"
        case "PL": return "PL" + rng.digits(10)
        case "GB": return "GB" + rng.digits(9)
        default: return "EU372" + rng.digits(6)
        }
    }

    /// Draws every slot for one event. Always consumes the same amount of
    /// randomness, so one template choice never shifts the others.
    mutating func makeSlots(user: DemoUser, time: Int) -> DemoSlots {
        let company = DemoPeople.companies[user.company]
        let region = DemoPeople.region(company.region)
        let workspace = DemoPeople.slug(company.name)
        let domain = workspace + ".example"

        let seats: Int
        switch company.cohort {
        case "enterprise": seats = rng.between(60, 650)
        case "growth": seats = rng.between(12, 140)
        case "starter": seats = rng.between(3, 18)
        default: seats = rng.between(2, 12)
        }
        let price = DemoFormat.seatPrice(company.cohort)
        let annualCents = seats * price * 12 * 83 / 100
        let seatsAdded = rng.between(1, 12)
        let daysLeft = rng.between(5, 28)
        let proratedCents = seatsAdded * price * daysLeft / 30
        let pastDay = time - rng.between(1, 12) * 86_400
        let futureDay = time + rng.between(4, 26) * 86_400

        let pool = rng.percent(75) ? region.names : .english
        let coworker = rng.pick(DemoPeople.firstNames(pool)) + " " + rng.pick(DemoPeople.lastNames(pool))

        var v: [String: String] = [:]
        v["company"] = company.name
        v["name"] = user.firstName
        v["coworker"] = coworker
        v["agent"] = rng.pick(DemoPeople.agents)
        v["plan"] = DemoFormat.planName(company.cohort)
        v["seats"] = String(seats)
        v["seats_added"] = String(seatsAdded)
        v["amount"] = DemoFormat.money(annualCents, region.currency)
        v["amount_small"] = DemoFormat.money(proratedCents, region.currency)
        v["date"] = DemoClock.shortDate(pastDay)
        v["iso_date"] = DemoClock.isoDate(pastDay)
        v["date2"] = DemoClock.shortDate(futureDay)
        v["invoice"] = "INV-2026-" + DemoClock.pad(rng.between(1200, 48_000), 6)
        v["po"] = "PO-" + String(rng.between(10_000, 99_999))
        v["idp"] = Self.identityProviders[rng.weightedIndex(Self.identityProviderWeights)]
        v["workspace"] = workspace
        v["domain"] = domain
        v["card"] = rng.pick(["Visa", "Visa", "Mastercard", "Amex"])
        v["last4"] = rng.digits(4)
        v["decline"] = rng.pick(Self.declineCodes)
        v["vat"] = vatNumber(region)
        v["country"] = region.country
        v["tz"] = region.timeZones[user.company % region.timeZones.count]
        v["rows"] = DemoFormat.grouped(rng.between(100_500, 940_000))
        v["email"] = rng.pick(["finance", "ap", "accounting", "ops"]) + "@" + domain
        v["days"] = String(rng.between(3, 40))
        v["count"] = String(rng.between(3, 60))
        v["key_prefix"] = "lk_live_" + rng.hex(6)
        v["webhook_url"] = "https://hooks." + domain + "/ledgerly/events"
        v["sf_object"] = rng.pick(Self.salesforceObjects)
        return DemoSlots(v)
    }

    /// Makes a template prompt look typed: channel habits, extra context,
    /// typos, casing, emoji.
    mutating func roughen(_ prompt: String, channel: String, slots: DemoSlots) -> String {
        var text = prompt
        if channel != "slack" && rng.percent(28) {
            if let last = text.last, last.isLetter || last.isNumber { text += "." }
            text += slots.fill(rng.pick(DemoPhrases.promptContext))
        }
        var wrapped = false
        if channel == "email" && rng.percent(65) {
            let greeting = rng.pick(["Hi Ledgerly team,", "Hello,", "Hi support,", "Dear Ledgerly support,", "Hi there,"])
            let signOff = rng.pick(["Thanks,", "Best,", "Regards,", "Cheers,", "Thank you,"])
            text = "\(greeting)\n\n\(text)\n\n\(signOff)\n\(slots["name"])\n\(slots["company"])"
            wrapped = true
        } else if channel == "slack" && rng.percent(55) {
            text = text.lowercased()
            while text.hasSuffix(".") { text.removeLast() }
        }
        if !wrapped && rng.percent(9) {
            text = slots.fill(rng.pick(DemoPhrases.promptPrefixes)) + lowerFirst(text)
        }
        if !wrapped && rng.percent(9) {
            text += slots.fill(rng.pick(DemoPhrases.promptSuffixes))
        }
        if rng.percent(7) {
            text = typo(text)
        }
        if !wrapped && rng.percent(3) {
            text = text.uppercased()
        }
        if rng.percent(4) {
            text += " " + rng.pick(DemoPhrases.emoji)
        }
        return text
    }

    func lowerFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase,
              let second = text.dropFirst().first, second.isLowercase else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// Swaps two adjacent letters inside one longer ASCII word.
    mutating func typo(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let candidates = words.indices.filter { i in
            words[i].count >= 5 && words[i].allSatisfy { $0.isASCII && $0.isLetter }
        }
        guard !candidates.isEmpty else { return text }
        let w = rng.pick(candidates)
        var chars = Array(words[w])
        let p = rng.between(1, chars.count - 2)
        chars.swapAt(p, p + 1)
        words[w] = String(chars)
        return words.joined(separator: " ")
    }
}
