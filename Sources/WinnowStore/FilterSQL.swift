import GRDB
import WinnowCore

/// A filter compiled to a WHERE clause over `items` joined with `events`. Values are always bound
/// as arguments; full-text terms are quoted as FTS5 strings, so no input can change the SQL.
struct FilterSQL {
    var clause: String
    var arguments: StatementArguments
    /// Whether the clause reads columns of `events` (and so needs the join).
    var needsEvents: Bool

    static let everything = FilterSQL(clause: "1", arguments: [], needsEvents: false)

    init(clause: String, arguments: StatementArguments, needsEvents: Bool) {
        self.clause = clause
        self.arguments = arguments
        self.needsEvents = needsEvents
    }

    /// `manyDisputes`: the `dispute:` terms match so many items that the queue's first page is
    /// found sooner by walking the queue's order than by looking up every disputed item (see
    /// `QueueReader.compile`).
    init(_ query: FilterQuery, reviewer: String, now: Int64, manyDisputes: Set<DisputeFilter> = []) {
        var parts: [String] = []
        var args: [DatabaseValueConvertible?] = []
        var needsEvents = false
        let grouped = Dictionary(grouping: query.terms) { "\($0.field.rawValue)|\($0.negated)" }
        for key in grouped.keys.sorted() {
            let terms = grouped[key]!
            let negated = terms[0].negated
            var alternatives: [String] = []
            for term in terms {
                let (sql, values, events) = Self.condition(term, reviewer: reviewer, now: now, manyDisputes: manyDisputes)
                alternatives.append(sql)
                args.append(contentsOf: values)
                needsEvents = needsEvents || events
            }
            let joined = "(" + alternatives.joined(separator: " OR ") + ")"
            parts.append(negated ? "NOT coalesce(\(joined), 0)" : joined)
        }
        let positive = query.text.filter { !$0.negated }
        if !positive.isEmpty {
            parts.append("items.id IN (\(Self.matchingRowids))")
            let match = positive.map { Self.ftsString($0.text) }.joined(separator: " ")
            args += [match, match]
        }
        for term in query.text where term.negated {
            parts.append("items.id NOT IN (\(Self.matchingRowids))")
            args += [Self.ftsString(term.text), Self.ftsString(term.text)]
        }
        clause = parts.isEmpty ? "1" : parts.joined(separator: " AND ")
        arguments = StatementArguments(args)
        self.needsEvents = needsEvents
    }

    /// The rowids whose texts match an FTS5 query: the event's prompt, response and arrived
    /// correction, and the correction a reviewer wrote. It takes the query twice, as two arguments.
    public static let matchingRowids = """
        SELECT rowid FROM events_fts WHERE events_fts MATCH ? UNION ALL SELECT rowid FROM corrections_fts WHERE corrections_fts MATCH ?
        """

    /// An FTS5 string literal: the text is matched as words (a phrase when several), never as syntax.
    static func ftsString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A GLOB pattern matching values that start with `prefix`, its `*`, `?` and `[` taken literally.
    static func globPrefix(_ prefix: String) -> String {
        var pattern = ""
        for scalar in prefix.unicodeScalars {
            if scalar == "*" || scalar == "?" || scalar == "[" {
                pattern += "[\(scalar)]"
            } else {
                pattern.unicodeScalars.append(scalar)
            }
        }
        return pattern + "*"
    }

    private static func condition(_ term: FilterQuery.Term, reviewer: String, now: Int64, manyDisputes: Set<DisputeFilter>)
        -> (String, [DatabaseValueConvertible?], Bool) {
        var term = term
        // Statuses are stored in lower case, and the language accepts them in any case.
        if term.field == .status { term.value = term.value.lowercased() }
        func match(_ column: String, events: Bool = false, caseInsensitive: Bool = false) -> (String, [DatabaseValueConvertible?], Bool) {
            if term.value.lowercased() == "none" && !term.prefix { return ("\(column) IS NULL", [], events) }
            if term.prefix {
                // A prefix matches in the same case as the exact value does: LIKE ignores case, GLOB
                // does not (and lets SQLite range-scan a binary index). Their wildcards are escaped.
                guard caseInsensitive else { return ("\(column) GLOB ?", [globPrefix(term.value)], events) }
                let escaped = term.value.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                return ("\(column) LIKE ? ESCAPE '\\'", [escaped + "%"], events)
            }
            if caseInsensitive { return ("\(column) = ? COLLATE NOCASE", [term.value], events) }
            return ("\(column) = ?", [term.value], events)
        }
        switch term.field {
        case .signal: return match("items.signal")
        case .severity: return match("items.severity", caseInsensitive: true)
        case .owner: return match("items.owner", caseInsensitive: true)
        case .intent: return match("items.intent")
        case .locus: return match("items.locus")
        case .reason:
            // Reasons are stored as a JSON list of codes; a value that is not one holds none.
            let codes = "json_each(CASE WHEN json_valid(items.reasons) THEN items.reasons END)"
            if term.value.lowercased() == "none" && !term.prefix { return ("NOT EXISTS (SELECT 1 FROM \(codes))", [], false) }
            if term.prefix { return ("EXISTS (SELECT 1 FROM \(codes) WHERE value GLOB ?)", [globPrefix(term.value)], false) }
            return ("EXISTS (SELECT 1 FROM \(codes) WHERE value = ?)", [term.value], false)
        case .cohort: return match("events.cohort", events: true)
        case .channel: return match("events.channel", events: true)
        case .model: return match("events.model_version", events: true)
        case .user: return match("events.user_id", events: true)
        case .status:
            // A merged duplicate's status is `duplicate` (see `QueueRow.effectiveStatus`); its stored
            // status, which unmerging restores, matches nothing meanwhile.
            let duplicate = ItemStatus.duplicate.rawValue
            if term.prefix {
                let (sql, values, events) = match("items.status")
                let stored = "(\(sql) AND items.canonical_id IS NULL)"
                return duplicate.hasPrefix(term.value) ? ("(\(stored) OR items.canonical_id IS NOT NULL)", values, events)
                    : (stored, values, events)
            }
            switch term.value {
            case "open": return ("items.is_open = 1", [], false)
            case "closed": return ("items.is_open = 0", [], false)
            // Read from `items_by_canonical`, which holds the merged items only.
            case duplicate: return ("items.canonical_id IS NOT NULL", [], false)
            case "new", "none":
                let (sql, values, events) = match("items.status")
                return ("(\(sql) AND items.canonical_id IS NULL)", values, events)
            default:
                // Spelled out so the planner can read `items_by_status`, which holds worked items only.
                let (sql, values, events) = match("items.status")
                return ("(\(sql) AND items.status <> 'new' AND items.canonical_id IS NULL)", values, events)
            }
        case .cluster:
            // The canonical item and every item merged into it.
            let id = Int64(term.value) ?? -1
            return ("(items.id = ? OR items.canonical_id = ?)", [id, id], false)
        case .dispute:
            // While the disputes are few beside the items, their ids are read from
            // `disputes_by_state` and looked up by primary key, so the first page sorts those few
            // and never walks the queue. When they are many, looking each up and sorting them all
            // costs more than walking the queue's index to the first page's last match: `+items.id`
            // keeps the planner from the primary-key lookup, so it walks.
            let filter = DisputeFilter(rawValue: term.value.lowercased()) ?? .any
            let id = manyDisputes.contains(filter) ? "+items.id" : "items.id"
            switch filter {
            case .open: return ("\(id) IN (SELECT item_id FROM disputes WHERE state = 'open')", [], false)
            case .decided: return ("\(id) IN (SELECT item_id FROM disputes WHERE state = 'decided')", [], false)
            case .any: return ("\(id) IN (SELECT item_id FROM disputes)", [], false)
            case .mine:
                return ("""
                    \(id) IN (SELECT d.item_id FROM disputes AS d WHERE d.state = 'open' AND d.opened_by <> ?
                        AND NOT EXISTS (SELECT 1 FROM judgments AS j WHERE j.dispute_id = d.id AND j.reviewer = ?))
                    """, [reviewer, reviewer], false)
            }
        case .round:
            // A round holds few items beside the queue: its rows are read by key, as `dispute:` reads disputes.
            let name = term.prefix ? "r.name GLOB ?" : "r.name = ?"
            return ("items.id IN (SELECT ri.item_id FROM rounds AS r JOIN round_items AS ri ON ri.round_id = r.id WHERE \(name))",
                    [term.prefix ? globPrefix(term.value) : term.value], false)
        case .claimed:
            let value = term.value.lowercased()
            if value == "none" { return ("(items.claimed_by IS NULL OR items.claim_expires_ms <= ?)", [now], false) }
            let who = value == "me" ? reviewer : term.value
            return ("(items.claimed_by = ? AND items.claim_expires_ms > ?)", [who, now], false)
        }
    }
}
