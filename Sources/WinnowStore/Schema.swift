import GRDB

/// The store's schema, by migrations. Events are kept as they arrived; an item is the unit of
/// triage (one per event; duplicates point at a canonical item); labels are judgments by reviewers
/// and an item's columns cache its accepted ones for ordering and filtering.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events-items-judgments-audit") { db in
            try db.execute(sql: """
                CREATE TABLE events (
                    rowid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    ts TEXT NOT NULL,
                    ts_ms INTEGER NOT NULL,
                    signal TEXT NOT NULL,
                    prompt TEXT NOT NULL,
                    response TEXT NOT NULL,
                    correction TEXT,
                    request_id TEXT,
                    user_id TEXT,
                    cohort TEXT,
                    channel TEXT,
                    intent TEXT,
                    page TEXT,
                    escalation_reason TEXT,
                    csat INTEGER,
                    model_version TEXT,
                    prompt_version TEXT,
                    policy_pack TEXT,
                    sources TEXT,
                    tool_calls TEXT,
                    tool_failures INTEGER NOT NULL DEFAULT 0,
                    raw TEXT NOT NULL,
                    import_id INTEGER REFERENCES imports(id),
                    source_line INTEGER
                );

                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    format TEXT NOT NULL,
                    reviewer TEXT NOT NULL,
                    os_user TEXT NOT NULL,
                    started_ms INTEGER NOT NULL,
                    finished_ms INTEGER,
                    imported INTEGER NOT NULL DEFAULT 0,
                    skipped INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0
                );

                CREATE TABLE items (
                    id INTEGER PRIMARY KEY REFERENCES events(rowid),
                    signal TEXT NOT NULL,
                    weight REAL NOT NULL,
                    ts_ms INTEGER NOT NULL,
                    intent TEXT,
                    status TEXT NOT NULL DEFAULT 'new',
                    is_open INTEGER NOT NULL DEFAULT 1,
                    severity TEXT,
                    locus TEXT,
                    reasons TEXT,
                    owner TEXT,
                    trainable INTEGER,
                    canonical_id INTEGER REFERENCES items(id),
                    cluster_size INTEGER NOT NULL DEFAULT 1,
                    claimed_by TEXT,
                    claim_expires_ms INTEGER,
                    version INTEGER NOT NULL DEFAULT 0,
                    updated_ms INTEGER
                );

                CREATE TABLE judgments (
                    id INTEGER PRIMARY KEY,
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    field TEXT NOT NULL,
                    value TEXT,
                    reviewer TEXT NOT NULL,
                    os_user TEXT NOT NULL,
                    created_ms INTEGER NOT NULL,
                    state TEXT NOT NULL DEFAULT 'accepted'
                        CHECK (state IN ('accepted', 'pending', 'superseded', 'disputed')),
                    note TEXT
                );
                CREATE INDEX judgments_by_item ON judgments(item_id, field, created_ms);

                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY,
                    ts_ms INTEGER NOT NULL,
                    reviewer TEXT NOT NULL,
                    os_user TEXT NOT NULL,
                    action TEXT NOT NULL,
                    item_id INTEGER,
                    field TEXT,
                    old_value TEXT,
                    new_value TEXT,
                    reason TEXT,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

                CREATE TABLE saved_views (
                    name TEXT PRIMARY KEY,
                    query TEXT NOT NULL,
                    sort TEXT,
                    created_by TEXT NOT NULL,
                    created_ms INTEGER NOT NULL
                );

                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

                CREATE VIRTUAL TABLE events_fts USING fts5(
                    prompt, response, correction,
                    content='events', content_rowid='rowid',
                    tokenize='unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
                    INSERT INTO events_fts(events_fts, rowid, prompt, response, correction)
                    VALUES ('delete', old.rowid, old.prompt, old.response, old.correction);
                END;
                """)
            try createSecondaryIndexes(db)
        }
        migrator.registerMigration("v2-corrections-drafts") { db in
            // The accepted correction and how it came about (NULL none, 'written', 'accepted', 'rejected');
            // drafts are a reviewer's private, unaudited scratch that survives a crash; merged
            // duplicates are never open.
            try db.execute(sql: """
                ALTER TABLE items ADD COLUMN correction TEXT;
                ALTER TABLE items ADD COLUMN correction_state TEXT;
                CREATE TABLE drafts (
                    reviewer TEXT NOT NULL,
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    text TEXT NOT NULL,
                    updated_ms INTEGER NOT NULL,
                    PRIMARY KEY (reviewer, item_id)
                );
                UPDATE items SET is_open = 0 WHERE canonical_id IS NOT NULL;
                -- An item's history (`h`, `audit log --item`, who changed it meanwhile) without a scan.
                CREATE INDEX audit_by_item ON audit(item_id, seq) WHERE item_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v3-corrections-search") { db in
            // Reviewers' corrections are searched too; the events' own texts stay in events_fts.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE corrections_fts USING fts5(
                    correction, content='items', content_rowid='id',
                    tokenize='unicode61 remove_diacritics 2'
                );
                INSERT INTO corrections_fts(rowid, correction) SELECT id, correction FROM items WHERE correction IS NOT NULL;
                """)
        }
        migrator.registerMigration("v4-partial-label-indexes-fts-hash") { db in
            // Severity, owner and locus stay empty, and status 'new', until a reviewer sets them:
            // indexing only the worked items spares a bulk import four full index builds, and the
            // case-insensitive indexes serve the case-insensitive filters. `createSecondaryIndexes`
            // makes the new ones.
            try db.execute(sql: """
                DROP INDEX IF EXISTS items_by_status;
                DROP INDEX IF EXISTS items_by_severity;
                DROP INDEX IF EXISTS items_by_owner;
                DROP INDEX IF EXISTS items_by_locus;
                """)
            try FullTextIndex.configure(db)
        }
        migrator.registerMigration("v5-audit-by-cluster") { db in
            // A canonical item's history shows the duplicates merged into and out of its cluster:
            // those records name the canonical in their values, not in item_id.
            try db.execute(sql: """
                CREATE INDEX audit_into_cluster ON audit(new_value) WHERE field = 'canonical';
                CREATE INDEX audit_out_of_cluster ON audit(old_value) WHERE field = 'canonical';
                """)
        }
        migrator.registerMigration("v6-fts-without-column-sizes") { db in
            // The per-row column sizes serve only bm25 ranking, which the queue never uses (it
            // keeps its own order); not writing them takes about a fifth off building the index.
            // The next open rebuilds the index from the events.
            try db.execute(sql: """
                DROP TABLE events_fts;
                CREATE VIRTUAL TABLE events_fts USING fts5(
                    prompt, response, correction,
                    content='events', content_rowid='rowid', columnsize=0,
                    tokenize='unicode61 remove_diacritics 2'
                );
                DELETE FROM meta WHERE key = 'fts_upto';
                """)
            try FullTextIndex.configure(db)
        }
        migrator.registerMigration("v7-audit-action-ids") { db in
            // Every record names the user action it belongs to (its first record's seq), and new
            // records' hashes cover it (hash format 2). Existing records keep format 1, so they
            // still verify; their action is derived by the rule history used before: records one
            // after another with the same time, reviewer and OS account are one action. The
            // append-only guard is lifted for this one update, in this transaction.
            try db.execute(sql: """
                ALTER TABLE audit ADD COLUMN action_id INTEGER;
                ALTER TABLE audit ADD COLUMN hash_format INTEGER NOT NULL DEFAULT 1;
                DROP TRIGGER audit_is_append_only_update;
                UPDATE audit SET action_id = actions.action_id
                FROM (
                    SELECT seq, max(CASE WHEN starts THEN seq END) OVER (ORDER BY seq) AS action_id
                    FROM (
                        SELECT seq, coalesce(lag(ts_ms) OVER previous <> ts_ms
                                             OR lag(reviewer) OVER previous <> reviewer
                                             OR lag(os_user) OVER previous <> os_user, 1) AS starts
                        FROM audit WINDOW previous AS (ORDER BY seq)
                    )
                ) AS actions
                WHERE audit.seq = actions.seq;
                CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v8-review-rounds-disputes") { db in
            // Double review. A round samples items and assigns each to `overlap` reviewers; their
            // judgments are `pending` (blind) and carry the round, the rubric version they were
            // given under and a rationale. A disagreement opens a dispute per field; an
            // adjudicator's decision is an accepted judgment of its own, and the judgments it
            // overrules point at it. A revision points at the judgment it replaced.
            try db.execute(sql: """
                CREATE TABLE rounds (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    rubric TEXT,
                    rubric_version TEXT,
                    fields TEXT NOT NULL DEFAULT '[]',
                    overlap INTEGER NOT NULL DEFAULT 2,
                    sample TEXT NOT NULL DEFAULT '{}',
                    created_by TEXT NOT NULL,
                    created_ms INTEGER NOT NULL,
                    closed_by TEXT,
                    closed_ms INTEGER
                );
                CREATE TABLE round_items (
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    position INTEGER NOT NULL,
                    stratum TEXT,
                    completed_ms INTEGER,
                    PRIMARY KEY (round_id, item_id)
                );
                CREATE INDEX round_items_by_item ON round_items(item_id);
                CREATE TABLE assignments (
                    id INTEGER PRIMARY KEY,
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    reviewer TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'submitted', 'skipped')),
                    skip_reason TEXT,
                    submitted_ms INTEGER,
                    UNIQUE (round_id, item_id, reviewer)
                );
                CREATE INDEX assignments_by_reviewer ON assignments(reviewer, round_id, state, position);
                CREATE INDEX assignments_by_item ON assignments(item_id, round_id);
                CREATE TABLE disputes (
                    id INTEGER PRIMARY KEY,
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    field TEXT NOT NULL,
                    round_id INTEGER REFERENCES rounds(id),
                    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'decided')),
                    opened_by TEXT NOT NULL,
                    opened_ms INTEGER NOT NULL,
                    reason TEXT,
                    decision_id INTEGER REFERENCES judgments(id),
                    decided_by TEXT,
                    decided_ms INTEGER
                );
                CREATE INDEX disputes_by_item ON disputes(item_id, field);
                CREATE INDEX disputes_open ON disputes(opened_ms, id) WHERE state = 'open';
                ALTER TABLE judgments ADD COLUMN round_id INTEGER REFERENCES rounds(id);
                ALTER TABLE judgments ADD COLUMN rubric_version TEXT;
                ALTER TABLE judgments ADD COLUMN rationale TEXT;
                ALTER TABLE judgments ADD COLUMN dispute_id INTEGER REFERENCES disputes(id);
                ALTER TABLE judgments ADD COLUMN overruled_by INTEGER REFERENCES judgments(id);
                ALTER TABLE judgments ADD COLUMN revises INTEGER REFERENCES judgments(id);
                CREATE INDEX judgments_by_round ON judgments(round_id, item_id, field) WHERE round_id IS NOT NULL;
                CREATE INDEX judgments_by_dispute ON judgments(dispute_id) WHERE dispute_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v9-disputes-by-state") { db in
            // The filter `dispute:open` and the queue's count of an item's open disputes read the
            // disputed items' ids from here alone.
            try db.execute(sql: "CREATE INDEX disputes_by_state ON disputes(state, item_id)")
        }
        migrator.registerMigration("v10-near-duplicates") { db in
            // Per item, the sketch of its compared text (32-bit shingle hashes, and one hash of
            // them all that finds exact copies) and the suggested group it belongs to (NULL while it has no suggestion); one row per LSH band key finds
            // candidates; pairs are the verified suggestions (a < b), at most a few per item as it
            // arrived; rejections outlive every rebuild. `dupe_seen` is what each reviewer last saw
            // of a group, so the dedupe view can mark the groups that grew since.
            try db.execute(sql: """
                CREATE TABLE dupe_sketches (
                    item_id INTEGER PRIMARY KEY REFERENCES items(id),
                    shingles BLOB NOT NULL,
                    content_hash INTEGER NOT NULL,
                    group_id INTEGER
                );
                CREATE INDEX dupe_sketches_by_group ON dupe_sketches(group_id) WHERE group_id IS NOT NULL;
                CREATE INDEX dupe_sketches_by_content ON dupe_sketches(content_hash, item_id);
                CREATE TABLE dupe_bands (
                    band_key INTEGER NOT NULL,
                    item_id INTEGER NOT NULL,
                    PRIMARY KEY (band_key, item_id)
                ) WITHOUT ROWID;
                CREATE TABLE dupe_pairs (
                    a INTEGER NOT NULL,
                    b INTEGER NOT NULL,
                    similarity REAL NOT NULL,
                    found_ms INTEGER NOT NULL,
                    PRIMARY KEY (a, b)
                ) WITHOUT ROWID;
                CREATE INDEX dupe_pairs_by_b ON dupe_pairs(b, a);
                CREATE TABLE dupe_rejections (
                    a INTEGER NOT NULL,
                    b INTEGER NOT NULL,
                    reviewer TEXT NOT NULL,
                    rejected_ms INTEGER NOT NULL,
                    PRIMARY KEY (a, b)
                ) WITHOUT ROWID;
                CREATE TABLE dupe_seen (
                    reviewer TEXT NOT NULL,
                    group_id INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    PRIMARY KEY (reviewer, group_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v11-exports") { db in
            // The eval set's slice of live traffic: chosen per week and stratum, and kept once
            // chosen, so an item never moves between eval and training. `eval_weeks` remembers how
            // many items a week had when it was last sampled, so an export skips the weeks that
            // have not grown. Blocked users are adversarial accounts whose events never feed training.
            try db.execute(sql: """
                CREATE TABLE eval_items (
                    item_id INTEGER PRIMARY KEY REFERENCES items(id),
                    week TEXT NOT NULL,
                    stratum TEXT NOT NULL,
                    chosen_ms INTEGER NOT NULL
                );
                CREATE TABLE eval_weeks (
                    week TEXT PRIMARY KEY,
                    items INTEGER NOT NULL
                );
                CREATE TABLE blocked_users (
                    user_id TEXT PRIMARY KEY,
                    reason TEXT,
                    added_by TEXT NOT NULL,
                    added_ms INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v12-spike-indexes") { db in
            // `winnow spikes` reads per-day CSAT from the rated events' time index alone, and finds
            // each model and prompt version's first appearance by a seek per distinct value. Events
            // arrive in time order, so these grow at their ends and cost an import little; they are
            // not dropped for bulk loads.
            try db.execute(sql: """
                CREATE INDEX events_csat_by_time ON events(ts_ms, csat) WHERE csat IS NOT NULL;
                CREATE INDEX events_by_model_version ON events(model_version, ts_ms) WHERE model_version IS NOT NULL;
                CREATE INDEX events_by_prompt_version ON events(prompt_version, ts_ms) WHERE prompt_version IS NOT NULL;
                """)
        }
        migrator.registerMigration("v13-eval-slice-index") { db in
            // Choosing a week's eval slice needs each event's id and cohort: read from this index,
            // a week is a range of it, where reading them from the events themselves would read
            // every prompt and response of the week as well. Events arrive in time order, so it
            // grows at its end and costs an import little.
            try db.execute(sql: "CREATE INDEX events_for_eval_slice ON events(ts_ms, id, cohort)")
        }
        return migrator
    }

    /// Indexes for the queue order and the filters. Bulk imports drop and rebuild them (faster than
    /// maintaining them row by row); every open re-creates any that a killed import left missing.
    /// The filterable fields lead an index that continues in queue order, so a filtered queue's
    /// first page is a range scan and its counts are read from the index alone. Labels only
    /// reviewers set are indexed where set: `severity:none` and `status:new`, which match most
    /// of a fresh queue, read the queue index instead. `status:duplicate` reads the merged items
    /// in queue order, which the planner otherwise finds by walking the whole queue index.
    static let secondaryIndexes: [(name: String, sql: String)] = [
        ("items_queue", "items(is_open DESC, weight DESC, ts_ms DESC, id DESC, signal)"),
        ("items_by_time", "items(ts_ms DESC, id DESC)"),
        ("items_by_status", "items(status, is_open DESC, weight DESC, ts_ms DESC, id DESC) WHERE status <> 'new'"),
        ("items_by_severity", "items(severity COLLATE NOCASE, is_open DESC, weight DESC, ts_ms DESC, id DESC) WHERE severity IS NOT NULL"),
        ("items_by_signal", "items(signal, is_open DESC, weight DESC, ts_ms DESC, id DESC)"),
        ("items_by_owner", "items(owner COLLATE NOCASE, is_open DESC, weight DESC, ts_ms DESC, id DESC) WHERE owner IS NOT NULL"),
        ("items_by_intent", "items(intent, is_open DESC, weight DESC, ts_ms DESC, id DESC)"),
        ("items_by_locus", "items(locus, is_open DESC, weight DESC, ts_ms DESC, id DESC) WHERE locus IS NOT NULL"),
        ("items_by_canonical", "items(canonical_id) WHERE canonical_id IS NOT NULL"),
        ("items_merged", "items(is_open DESC, weight DESC, ts_ms DESC, id DESC) WHERE canonical_id IS NOT NULL"),
        // `winnow spikes` counts the window's and baseline's items per day and slice from this alone.
        ("items_by_day_slice", "items(ts_ms, signal, intent, locus, reasons)"),
    ]

    /// Creates the indexes that are missing, and rebuilds any whose definition is not the one
    /// above (a workspace made by an earlier version), so changing a definition needs no migration.
    static func createSecondaryIndexes(_ db: Database) throws {
        // Index builds sort; let SQLite use a second core for it.
        try db.execute(sql: "PRAGMA threads = 2")
        var existing: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL") {
            existing[row["name"]] = row["sql"]
        }
        for index in secondaryIndexes {
            // SQLite keeps the statement as written, which is how a changed definition shows.
            let definition = "CREATE INDEX \(index.name) ON \(index.sql)"
            if let current = existing[index.name] {
                if current == definition { continue }
                try db.execute(sql: "DROP INDEX \(index.name)")
            }
            try db.execute(sql: definition)
        }
    }

    static func dropSecondaryIndexes(_ db: Database) throws {
        for index in secondaryIndexes {
            try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)")
        }
    }
}
