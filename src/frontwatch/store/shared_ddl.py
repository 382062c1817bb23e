"""Migrations whose DDL is the same for SQLite and PostgreSQL (sqlite.py and postgres.py number them in their own
lists): plain tables and B-tree indexes of TEXT and INTEGER columns, which both read alike."""

MIGRATION_7 = """
        CREATE TABLE resolved_documents (   -- the documents the picture rows reflect (store/picture_index.py)
            doc_id TEXT PRIMARY KEY,
            pipeline_version TEXT NOT NULL,
            dated INTEGER NOT NULL          -- 1: its publication day is stated or in metadata (never inferred)
        );
        CREATE TABLE event_reports (         -- each event's reports: the block and interval clustering saw
            report_id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            block TEXT NOT NULL,            -- JSON [sub-event type, base place or "doc:<id>"]
            region TEXT,                    -- JSON [sub-event type, country, admin1] (counties join towns there)
            county INTEGER NOT NULL,
            first_day TEXT,
            last_day TEXT,
            precision TEXT
        );
        CREATE INDEX event_reports_block ON event_reports(block);
        CREATE INDEX event_reports_region ON event_reports(region);
        CREATE INDEX event_reports_event ON event_reports(event_id);
        CREATE TABLE event_claims (          -- each event's claims: linked by its reports (0) or joined (1)
            event_id TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            joined INTEGER NOT NULL,
            PRIMARY KEY (event_id, claim_id)
        );
        CREATE INDEX event_claims_doc ON event_claims(doc_id);
        CREATE TABLE event_keys (            -- what orders the events and which place names them
            event_id TEXT PRIMARY KEY,
            place TEXT,
            sort_key TEXT NOT NULL          -- JSON [day or "9999", source id, doc id, trigger start, place named at]
        );
        CREATE INDEX event_keys_place ON event_keys(place);
        CREATE TABLE place_forms (           -- the spellings a place's display name is chosen from
            place_id TEXT PRIMARY KEY,
            forms TEXT NOT NULL,            -- JSON {spelling: count}
            first_doc TEXT NOT NULL         -- JSON [source id, doc id] of the first report naming it: its entry
        );
        CREATE TABLE resolver_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version TEXT                    -- the resolver that wrote the rows (NULL: never written)
        );
        INSERT INTO resolver_state(id, version) VALUES (1, NULL);
    """

MIGRATION_9 = """
        CREATE TABLE doc_dates (            -- each resolved document's publication day as resolution read it
            doc_id TEXT PRIMARY KEY,        -- (store/date_index.py: dates kept up to date incrementally)
            source_id TEXT NOT NULL,
            dated INTEGER NOT NULL,         -- 1: its day is stated or in metadata (evidence for the others)
            anchor TEXT,                    -- that day
            published TEXT NOT NULL,        -- the Published resolution gave it (JSON)
            day TEXT,                       -- its day then (NULL: none)
            first_pass TEXT,                -- an undated document's first-pass reading (JSON); NULL for the others
            conflict INTEGER NOT NULL,      -- 1: its evidence admits no day (it has no second pass)
            weekdays TEXT NOT NULL,         -- the weekdays its expressions name ('0' Monday .. '6')
            reach_lo TEXT,                  -- a new dated day in [reach_lo, reach_hi] may change the day it picks
            reach_hi TEXT
        );
        CREATE INDEX doc_dates_anchor ON doc_dates(anchor);
        CREATE INDEX doc_dates_day ON doc_dates(day);
        CREATE TABLE date_keys (            -- the (sub-event type, place) of an undated document's events, as JSON
            key TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            PRIMARY KEY (key, doc_id)
        );
        CREATE TABLE date_event_days (      -- days given to events at a key: by a dated document (inferred 0) or by
            key TEXT NOT NULL,              -- an undated one's first pass (1)
            source_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            day TEXT NOT NULL,
            label TEXT NOT NULL,            -- who gives it, as the inference's evidence names them
            inferred INTEGER NOT NULL
        );
        CREATE INDEX date_event_days_key ON date_event_days(key);
        CREATE INDEX date_event_days_doc ON date_event_days(doc_id);
        CREATE TABLE date_named_days (      -- each day a dated document names, with the first (source id, id) naming it
            day TEXT PRIMARY KEY,
            source_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            label TEXT NOT NULL
        );
    """

MIGRATION_13 = """
        CREATE TABLE place_mentions (      -- a place's mentions in one document (JSON list, in the place's order); the
            place_id TEXT NOT NULL,        -- places row's record holds none, so adding documents writes their rows
            doc_id TEXT NOT NULL,          -- and never reads or rewrites a much-named place's thousands of mentions
            mentions TEXT NOT NULL,
            PRIMARY KEY (place_id, doc_id)
        );
"""

MIGRATION_12 = """
        CREATE INDEX event_reports_county ON event_reports(region) WHERE county = 1;  -- county reports of a region
        CREATE INDEX doc_dates_undated ON doc_dates(doc_id) WHERE first_pass IS NOT NULL;  -- the undated documents
"""

MIGRATION_14 = """
        CREATE INDEX event_reports_block_days ON event_reports(block, last_day);  -- a block's reports by date range
        DROP INDEX event_reports_block;  -- (its prefix serves the whole-block reads)
"""
