import GRDB
import WinnowCore

/// One line of the queue: what the list pane shows, and the item's position key.
public struct QueueRow: Equatable, Sendable {
    public var id: Int64
    public var signal: String
    public var weight: Double
    public var timestampMillis: Int64
    public var intent: String?
    public var status: String
    public var isOpen: Bool
    public var severity: String?
    public var owner: String?
    public var clusterSize: Int
    /// The canonical item this one was merged into, nil when it is not a duplicate.
    public var canonicalID: Int64?
    public var claimedBy: String?
    public var claimExpiresMillis: Int64?
    public var preview: String
    /// The item's version (bumped by every change): pass it back as an expected version so a write
    /// is refused if someone changed the item meanwhile.
    public var version: Int
    /// The failure locus: which reason codes the item can take, also when it is only marked.
    public var locus: String?
    /// How many disputes on the item's fields are open (for the list's marker).
    public var openDisputes: Int
    /// How many other unmerged items are suggested as its near-duplicates (for the list's `≈N`),
    /// counted up to `suggestedDuplicatesCap`.
    public var suggestedDuplicates: Int

    public init(id: Int64, signal: String, weight: Double, timestampMillis: Int64, intent: String?, status: String,
                isOpen: Bool, severity: String?, owner: String?, clusterSize: Int, claimedBy: String?,
                claimExpiresMillis: Int64?, preview: String, version: Int = 0, canonicalID: Int64? = nil, locus: String? = nil,
                openDisputes: Int = 0, suggestedDuplicates: Int = 0) {
        self.id = id
        self.signal = signal
        self.weight = weight
        self.timestampMillis = timestampMillis
        self.intent = intent
        self.status = status
        self.isOpen = isOpen
        self.severity = severity
        self.owner = owner
        self.clusterSize = clusterSize
        self.claimedBy = claimedBy
        self.claimExpiresMillis = claimExpiresMillis
        self.preview = preview
        self.version = version
        self.canonicalID = canonicalID
        self.locus = locus
        self.openDisputes = openDisputes
        self.suggestedDuplicates = suggestedDuplicates
    }

    /// A group of thousands (one greeting sent by everyone) is counted no further per row.
    public static let suggestedDuplicatesCap = 999

    /// The status a reviewer sees and filters by: a merged duplicate is `duplicate`, whatever its
    /// own stored status (kept, so that unmerging restores it).
    public var effectiveStatus: String {
        canonicalID == nil ? status : ItemStatus.duplicate.rawValue
    }

    static let selection = """
        items.id, items.signal, items.weight, items.ts_ms, items.intent, items.status, items.is_open, items.severity,
        items.owner, items.cluster_size, items.canonical_id, items.claimed_by, items.claim_expires_ms, items.version, items.locus,
        substr(events.prompt, 1, 160) AS preview,
        (SELECT count(*) FROM disputes WHERE disputes.state = 'open' AND disputes.item_id = items.id) AS open_disputes,
        CASE WHEN items.canonical_id IS NULL THEN (
            SELECT count(*) FROM (
                SELECT 1 FROM dupe_sketches g JOIN items gi ON gi.id = g.item_id
                WHERE g.group_id = (SELECT group_id FROM dupe_sketches WHERE item_id = items.id)
                  AND gi.canonical_id IS NULL AND gi.id <> items.id
                LIMIT 999)
        ) ELSE 0 END AS suggested_duplicates
        """

    init(row: Row) {
        id = row["id"]
        signal = row["signal"]
        weight = row["weight"]
        timestampMillis = row["ts_ms"]
        intent = row["intent"]
        status = row["status"]
        isOpen = row["is_open"]
        severity = row["severity"]
        owner = row["owner"]
        clusterSize = row["cluster_size"]
        canonicalID = row["canonical_id"]
        claimedBy = row["claimed_by"]
        claimExpiresMillis = row["claim_expires_ms"]
        preview = row["preview"] ?? ""
        version = row["version"]
        locus = row["locus"]
        openDisputes = row["open_disputes"] ?? 0
        suggestedDuplicates = row["suggested_duplicates"] ?? 0
    }

    public func key(for sort: QueueSort) -> [DatabaseValue] {
        switch sort {
        case .queue: [(isOpen ? 1 : 0).databaseValue, weight.databaseValue, timestampMillis.databaseValue, id.databaseValue]
        case .newest, .oldest: [timestampMillis.databaseValue, id.databaseValue]
        }
    }

    /// The position key as numbers, for comparing positions in memory (all key columns are numeric,
    /// and milliseconds and ids are exact in a Double).
    public func sortKey(for sort: QueueSort) -> [Double] {
        switch sort {
        case .queue: [isOpen ? 1 : 0, weight, Double(timestampMillis), Double(id)]
        case .newest, .oldest: [Double(timestampMillis), Double(id)]
        }
    }

    /// A claim counts only until its lease runs out.
    public func activeClaim(now: Int64) -> String? {
        guard let claimedBy, let expires = claimExpiresMillis, expires > now else { return nil }
        return claimedBy
    }
}

/// Everything the detail pane shows about one item.
public struct ItemDetail: Equatable, Sendable {
    public var row: QueueRow
    public var eventID: String
    public var timestamp: String
    public var prompt: String
    public var response: String
    /// The correction that arrived with the event (a user's or agent's own edit), as imported.
    public var arrivedCorrection: String?
    /// The accepted corrected answer (items.correction), nil when none.
    public var correction: String?
    /// How the accepted correction came about: nil, "written", "accepted" or "rejected".
    public var correctionState: String?
    public var requestID: String?
    public var userID: String?
    public var cohort: String?
    public var channel: String?
    public var page: String?
    public var escalationReason: String?
    public var csat: Int?
    public var modelVersion: String?
    public var promptVersion: String?
    public var policyPack: String?
    public var sources: [String]
    public var toolCalls: [ToolCall]
    public var locus: String?
    public var reasons: [String]
    public var trainable: Bool?
    /// The canonical item this one was merged into, nil when it is not a duplicate.
    public var canonicalID: Int64?

    public var version: Int { row.version }
    /// Members merged into this item (0 unless it is a canonical).
    public var clusterMembers: Int { max(0, row.clusterSize - 1) }
}
