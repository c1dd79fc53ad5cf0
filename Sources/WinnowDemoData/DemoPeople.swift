// DemoPeople.swift
// Fictional Ledgerly customers: regions, companies and the user pool.
// Every company name is invented for the demo.

import WinnowCore

struct DemoRegion: Sendable {
    let code: String
    let country: String
    let currency: String      // symbol used when quoting amounts
    let timeZones: [String]
    let locale: String
    let eu: Bool
    let names: NamePool
}

enum NamePool: Sendable {
    case english, german, french, spanish, portuguese, dutch, japanese, chinese, korean, nordic, polish
}

struct DemoCompany: Sendable {
    let name: String
    let region: String        // DemoRegion.code
    let cohort: String        // enterprise / growth / starter / trial
}

struct DemoUser: Sendable {
    let id: String
    let firstName: String
    let lastName: String
    let company: Int          // index into DemoPeople.companies
    let channel: String       // preferred channel
    let weight: Int           // how often this user shows up
}

enum DemoPeople {
    static let regions: [DemoRegion] = [
        DemoRegion(code: "US", country: "the United States", currency: "$",
                   timeZones: ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"],
                   locale: "en-US", eu: false, names: .english),
        DemoRegion(code: "CA", country: "Canada", currency: "$",
                   timeZones: ["America/Toronto", "America/Vancouver"], locale: "en-CA", eu: false, names: .english),
        DemoRegion(code: "GB", country: "the United Kingdom", currency: "£",
                   timeZones: ["Europe/London"], locale: "en-GB", eu: false, names: .english),
        DemoRegion(code: "IE", country: "Ireland", currency: "€",
                   timeZones: ["Europe/Dublin"], locale: "en-IE", eu: true, names: .english),
        DemoRegion(code: "DE", country: "Germany", currency: "€",
                   timeZones: ["Europe/Berlin"], locale: "de-DE", eu: true, names: .german),
        DemoRegion(code: "FR", country: "France", currency: "€",
                   timeZones: ["Europe/Paris"], locale: "fr-FR", eu: true, names: .french),
        DemoRegion(code: "ES", country: "Spain", currency: "€",
                   timeZones: ["Europe/Madrid"], locale: "es-ES", eu: true, names: .spanish),
        DemoRegion(code: "NL", country: "the Netherlands", currency: "€",
                   timeZones: ["Europe/Amsterdam"], locale: "nl-NL", eu: true, names: .dutch),
        DemoRegion(code: "SE", country: "Sweden", currency: "€",
                   timeZones: ["Europe/Stockholm"], locale: "sv-SE", eu: true, names: .nordic),
        DemoRegion(code: "PL", country: "Poland", currency: "€",
                   timeZones: ["Europe/Warsaw"], locale: "pl-PL", eu: true, names: .polish),
        DemoRegion(code: "BR", country: "Brazil", currency: "$",
                   timeZones: ["America/Sao_Paulo"], locale: "pt-BR", eu: false, names: .portuguese),
        DemoRegion(code: "JP", country: "Japan", currency: "$",
                   timeZones: ["Asia/Tokyo"], locale: "ja-JP", eu: false, names: .japanese),
        DemoRegion(code: "CN", country: "China", currency: "$",
                   timeZones: ["Asia/Shanghai"], locale: "zh-CN", eu: false, names: .chinese),
        DemoRegion(code: "KR", country: "South Korea", currency: "$",
                   timeZones: ["Asia/Seoul"], locale: "ko-KR", eu: false, names: .korean),
        DemoRegion(code: "AU", country: "Australia", currency: "$",
                   timeZones: ["Australia/Sydney", "Australia/Perth"], locale: "en-AU", eu: false, names: .english),
    ]

    static func region(_ code: String) -> DemoRegion {
        regions.first { $0.code == code } ?? regions[0]
    }

    static let companies: [DemoCompany] = [
        // United States
        DemoCompany(name: "Brightwave Logistics", region: "US", cohort: "enterprise"),
        DemoCompany(name: "Northpine Dental", region: "US", cohort: "growth"),
        DemoCompany(name: "Kestrel Analytics", region: "US", cohort: "enterprise"),
        DemoCompany(name: "Harborline Freight", region: "US", cohort: "enterprise"),
        DemoCompany(name: "Copperleaf Studios", region: "US", cohort: "starter"),
        DemoCompany(name: "Quillfeather Media", region: "US", cohort: "growth"),
        DemoCompany(name: "Ironbark Robotics", region: "US", cohort: "enterprise"),
        DemoCompany(name: "Marigold Events", region: "US", cohort: "starter"),
        DemoCompany(name: "Fernhollow Labs", region: "US", cohort: "trial"),
        DemoCompany(name: "Saltmarsh Outdoor", region: "US", cohort: "growth"),
        DemoCompany(name: "Pinecrest Legal", region: "US", cohort: "growth"),
        DemoCompany(name: "Oakmoor Property", region: "US", cohort: "starter"),
        DemoCompany(name: "Cinderfield Games", region: "US", cohort: "growth"),
        DemoCompany(name: "Driftwood Coffee Roasters", region: "US", cohort: "starter"),
        DemoCompany(name: "Granite Peak Ventures", region: "US", cohort: "enterprise"),
        DemoCompany(name: "Hollowell Architects", region: "US", cohort: "growth"),
        DemoCompany(name: "Juniper Row Clinics", region: "US", cohort: "enterprise"),
        DemoCompany(name: "Larkspur Education", region: "US", cohort: "trial"),
        DemoCompany(name: "Mesa Verde Solar", region: "US", cohort: "growth"),
        DemoCompany(name: "Nightjar Security", region: "US", cohort: "enterprise"),
        DemoCompany(name: "Orchard Lane Foods", region: "US", cohort: "starter"),
        DemoCompany(name: "Pebblebrook Realty", region: "US", cohort: "trial"),
        DemoCompany(name: "Stonefly Software", region: "US", cohort: "growth"),
        DemoCompany(name: "Thistle & Pine Design", region: "US", cohort: "starter"),
        DemoCompany(name: "Wrenfield Nonprofit Alliance", region: "US", cohort: "growth"),
        DemoCompany(name: "Yellowtail Aviation", region: "US", cohort: "enterprise"),
        DemoCompany(name: "Zephyr Bikes", region: "US", cohort: "trial"),
        // Canada / Australia
        DemoCompany(name: "Maplebrook Outfitters", region: "CA", cohort: "growth"),
        DemoCompany(name: "Northshore Clinics", region: "CA", cohort: "enterprise"),
        DemoCompany(name: "Wattle & Gum Studio", region: "AU", cohort: "starter"),
        DemoCompany(name: "Coral Coast Tours", region: "AU", cohort: "growth"),
        // United Kingdom / Ireland
        DemoCompany(name: "Ashdown Consulting", region: "GB", cohort: "growth"),
        DemoCompany(name: "Bramblecote Insurance", region: "GB", cohort: "enterprise"),
        DemoCompany(name: "Calderbrook Media", region: "GB", cohort: "starter"),
        DemoCompany(name: "Dunmore Recruitment", region: "GB", cohort: "growth"),
        DemoCompany(name: "Foxglove Pharmacy Group", region: "GB", cohort: "enterprise"),
        DemoCompany(name: "Clonmore Analytics", region: "IE", cohort: "growth"),
        DemoCompany(name: "Liffeyside Tech", region: "IE", cohort: "trial"),
        // Continental Europe
        DemoCompany(name: "Nordlicht Logistik", region: "DE", cohort: "enterprise"),
        DemoCompany(name: "Bergmann & Söhne Maschinenbau", region: "DE", cohort: "enterprise"),
        DemoCompany(name: "Feldberg Software", region: "DE", cohort: "growth"),
        DemoCompany(name: "Lindenhof Gastronomie", region: "DE", cohort: "starter"),
        DemoCompany(name: "Weißdorn Medien", region: "DE", cohort: "growth"),
        DemoCompany(name: "Atelier Boréal", region: "FR", cohort: "growth"),
        DemoCompany(name: "Maison Lévesque", region: "FR", cohort: "enterprise"),
        DemoCompany(name: "Cerfeuil Digital", region: "FR", cohort: "starter"),
        DemoCompany(name: "Olivar Consultores", region: "ES", cohort: "growth"),
        DemoCompany(name: "Marea Azul Turismo", region: "ES", cohort: "starter"),
        DemoCompany(name: "Tierra Roja Agro", region: "ES", cohort: "trial"),
        DemoCompany(name: "Kanaalzicht", region: "NL", cohort: "growth"),
        DemoCompany(name: "Tulpenveld Design", region: "NL", cohort: "starter"),
        DemoCompany(name: "Granskog Bygg", region: "SE", cohort: "growth"),
        DemoCompany(name: "Wisła Data", region: "PL", cohort: "enterprise"),
        // Brazil / Asia
        DemoCompany(name: "Ipê Amarelo Tecnologia", region: "BR", cohort: "growth"),
        DemoCompany(name: "Cerrado Logística", region: "BR", cohort: "enterprise"),
        DemoCompany(name: "Baía Azul Seguros", region: "BR", cohort: "starter"),
        DemoCompany(name: "Hoshino Trading", region: "JP", cohort: "enterprise"),
        DemoCompany(name: "Kitamura Design Office", region: "JP", cohort: "growth"),
        DemoCompany(name: "Jade River Trading", region: "CN", cohort: "growth"),
        DemoCompany(name: "Hanlin Software", region: "CN", cohort: "enterprise"),
        DemoCompany(name: "Hangang Digital", region: "KR", cohort: "growth"),
        DemoCompany(name: "Seorak Foods", region: "KR", cohort: "starter"),
    ]

    static func firstNames(_ pool: NamePool) -> [String] {
        switch pool {
        case .english:
            return ["Priya", "Marcus", "Dana", "Jordan", "Emily", "Tyler", "Aisha", "Connor", "Megan", "Luis",
                    "Hannah", "Derek", "Grace", "Omar", "Rachel", "Sam", "Brianna", "Kevin", "Nora", "Caleb",
                    "Tasha", "Ethan", "Lauren", "Jamal", "Olivia", "Ben", "Chloe", "Raj", "Maddie", "Trevor"]
        case .german: return ["Jonas", "Lena", "Felix", "Anna", "Matthias", "Sophie", "Lukas", "Katrin", "Jürgen", "Maren"]
        case .french: return ["Camille", "Julien", "Léa", "Thomas", "Élodie", "Mathieu", "Chloé", "Antoine", "Inès", "Hugo"]
        case .spanish: return ["Lucía", "Javier", "Carmen", "Pablo", "Marta", "Sergio", "Elena", "Álvaro", "Nuria", "Diego"]
        case .portuguese: return ["João", "Mariana", "Rafael", "Beatriz", "Thiago", "Larissa", "Gustavo", "Camila", "Felipe", "Luíza"]
        case .dutch: return ["Daan", "Sanne", "Bram", "Femke", "Joris", "Lotte"]
        case .japanese: return ["Haruka", "Takumi", "Yui", "Kenta", "Aoi", "Ren", "Misaki", "Daisuke"]
        case .chinese: return ["Wei", "Xiaoling", "Jun", "Mei", "Hao", "Yuting"]
        case .korean: return ["Minji", "Jisoo", "Hyun-woo", "Seo-yeon", "Dong-hyun", "Eunji"]
        case .nordic: return ["Erik", "Astrid", "Johan", "Linnéa", "Oskar", "Ingrid"]
        case .polish: return ["Kasia", "Tomasz", "Agnieszka", "Piotr", "Zofia", "Michał"]
        }
    }

    static func lastNames(_ pool: NamePool) -> [String] {
        switch pool {
        case .english:
            return ["Patel", "Nguyen", "Okafor", "Kowalski", "Hernandez", "Brooks", "Chen", "O'Brien", "Walsh", "Reyes",
                    "Fischer", "Murphy", "Adeyemi", "Lindqvist", "Park", "Sullivan", "Haddad", "Morrison", "Tanaka", "Greene"]
        case .german: return ["Schneider", "Wagner", "Becker", "Hoffmann", "Schäfer", "Krüger", "Neumann", "Wolf"]
        case .french: return ["Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine", "Mercier", "Faure"]
        case .spanish: return ["García", "Martínez", "López", "Sánchez", "Romero", "Navarro", "Iglesias", "Ortega"]
        case .portuguese: return ["Silva", "Souza", "Oliveira", "Costa", "Pereira", "Almeida", "Carvalho", "Araújo"]
        case .dutch: return ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser"]
        case .japanese: return ["Sato", "Suzuki", "Takahashi", "Watanabe", "Ito", "Nakamura"]
        case .chinese: return ["Wang", "Li", "Zhang", "Liu", "Chen", "Zhao"]
        case .korean: return ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"]
        case .nordic: return ["Andersson", "Johansson", "Lindgren", "Berg", "Nyström"]
        case .polish: return ["Nowak", "Wiśniewska", "Kowalczyk", "Zieliński", "Wójcik"]
        }
    }

    /// Human support agents who take over escalations.
    static let agents = ["Maya (Support)", "Tomás (Billing)", "Priyanka (Support)", "Grant (Solutions)",
                         "Ines (Billing)", "Kwame (Support)", "Yuki (Support)", "Rosa (Tier 2)"]

    /// URL-ish slug for a company name ("Weißdorn Medien" -> "weissdorn-medien").
    static func slug(_ name: String) -> String {
        var out = ""
        var lastDash = false
        for ch in name.lowercased() {
            let mapped: String
            switch ch {
            case "ä": mapped = "ae"
            case "ö": mapped = "oe"
            case "ü": mapped = "ue"
            case "ß": mapped = "ss"
            case "é", "è", "ê", "ë": mapped = "e"
            case "á", "à", "â", "ã": mapped = "a"
            case "í", "ì", "î": mapped = "i"
            case "ó", "ò", "ô", "õ": mapped = "o"
            case "ú", "ù", "û": mapped = "u"
            case "ç": mapped = "c"
            case "ñ": mapped = "n"
            case "ł": mapped = "l"
            case "&": mapped = "and"
            default:
                if ch.isASCII, ch.isLetter || ch.isNumber { mapped = String(ch) } else { mapped = "-" }
            }
            if mapped == "-" {
                if !lastDash && !out.isEmpty { out += "-" }
                lastDash = true
            } else {
                if mapped == "and" && !lastDash && !out.isEmpty { out += "-" }
                out += mapped
                lastDash = false
                if mapped == "and" { out += "-"; lastDash = true }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    static func cohortWeight(_ cohort: String) -> Int {
        switch cohort {
        case "enterprise": return 4
        case "growth": return 4
        case "starter": return 3
        default: return 2
        }
    }

    static let channels = ["web_widget", "in_app", "slack", "email", "api"]
    static let channelWeights = [45, 20, 15, 12, 8]

    /// Builds the deterministic user pool.
    static func makeUsers(_ rng: inout SplitMix64, count: Int) -> [DemoUser] {
        let companyWeights = companies.map { cohortWeight($0.cohort) }
        var users: [DemoUser] = []
        users.reserveCapacity(count)
        for index in 0..<count {
            let companyIndex = rng.weightedIndex(companyWeights)
            let region = region(companies[companyIndex].region)
            // Mostly local names, some English names everywhere.
            let pool: NamePool = rng.percent(75) ? region.names : .english
            let first = rng.pick(firstNames(pool))
            let last = rng.pick(lastNames(pool))
            let channel = channels[rng.weightedIndex(channelWeights)]
            let id = "usr_01H" + rng.crockford(23)
            // Long-tailed activity: a few power users, many occasional ones.
            let weight = 60_000 / (index + 12)
            users.append(DemoUser(id: id, firstName: first, lastName: last, company: companyIndex,
                                  channel: channel, weight: weight))
        }
        return users
    }
}
