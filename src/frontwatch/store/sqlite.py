"""SQLite store (stdlib sqlite3, WAL), the default backend. One writer: a document and its analysis go in one
transaction.

Schema changes are numbered migrations recorded in ``schema_migrations``; opening a store applies the missing
ones in order. Documents are keyed by content hash, so storing the same document twice is a no-op.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import DocAnalysis, Document, Picture
from .base import LOOKUP_CHUNK, Store, marked_records
from .ordering import GAP
from .picture_tables import EVENT_COLUMNS, PLACE_COLUMNS, alias_rows, event_row, mention_rows, place_row
from .shared_ddl import MIGRATION_7, MIGRATION_9, MIGRATION_12, MIGRATION_13, MIGRATION_14
from .url import StoreSpec, parse_store_spec

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            source_id TEXT NOT NULL,
            outlet TEXT NOT NULL,
            record TEXT NOT NULL            -- the Document as JSON
        );
        CREATE INDEX documents_seq ON documents(seq);
        CREATE TABLE analyses (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            pipeline_version TEXT NOT NULL,
            record TEXT NOT NULL            -- the DocAnalysis as JSON
        );
    """),
    (2, """
        CREATE TABLE raw_texts (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            raw TEXT NOT NULL               -- the text as read, before cleaning
        );
    """),
    (3, """
        CREATE TABLE generation (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            value INTEGER NOT NULL          -- bumped by every change, so readers know when to rebuild
        );
        INSERT INTO generation(id, value) VALUES (1, 0);
        CREATE TRIGGER documents_ins AFTER INSERT ON documents BEGIN UPDATE generation SET value = value + 1; END;
        CREATE TRIGGER documents_upd AFTER UPDATE ON documents BEGIN UPDATE generation SET value = value + 1; END;
        CREATE TRIGGER documents_del AFTER DELETE ON documents BEGIN UPDATE generation SET value = value + 1; END;
        CREATE TRIGGER analyses_ins AFTER INSERT ON analyses BEGIN UPDATE generation SET value = value + 1; END;
        CREATE TRIGGER analyses_upd AFTER UPDATE ON analyses BEGIN UPDATE generation SET value = value + 1; END;
    """),
    (4, """
        CREATE TABLE feed_entries (
            feed TEXT NOT NULL,             -- the feed URL as the user gave it
            entry TEXT NOT NULL,            -- the entry's id (guid), else link, else title
            doc_id TEXT,                    -- the document it became (NULL: nothing usable in it)
            seen TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY (feed, entry)
        );
    """),
    (5, """
        CREATE TABLE events (                -- the resolved picture's events (store/picture_tables.py)
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,           -- place in picture.json's order
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            status TEXT NOT NULL,
            first_day TEXT,                 -- YYYY-MM-DD; NULL when undated
            last_day TEXT,
            lat REAL,
            lon REAL,
            actor1 TEXT,
            actor2 TEXT,
            actor1_key TEXT,                -- the ids lower-cased, and the actors' names, for the actor filter
            actor2_key TEXT,
            actor1_name TEXT,
            actor2_name TEXT,
            record TEXT NOT NULL            -- the Event as JSON
        );
        CREATE INDEX events_seq ON events(seq);
        CREATE INDEX events_days ON events(first_day, last_day);
        CREATE INDEX events_type ON events(event_type, sub_event_type);
        CREATE INDEX events_status ON events(status);
        CREATE INDEX events_lat_lon ON events(lat, lon);
        CREATE INDEX events_actor1 ON events(actor1_key);
        CREATE INDEX events_actor2 ON events(actor2_key);
        CREATE TABLE event_aliases (
            alias TEXT PRIMARY KEY,         -- the id of an event since merged into event_id
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE
        );
        CREATE TABLE places (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            lat REAL NOT NULL,
            lon REAL NOT NULL,
            country TEXT,
            record TEXT NOT NULL            -- the Place as JSON
        );
        CREATE INDEX places_seq ON places(seq);
        CREATE INDEX places_lat_lon ON places(lat, lon);
        CREATE TABLE picture_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            generation INTEGER              -- the store generation the rows above reflect (NULL: never written)
        );
        INSERT INTO picture_state(id, generation) VALUES (1, NULL);
    """),
    (6, """
        CREATE TABLE doc_signatures (        -- each document's MinHash signature (analyze.mark_duplicates)
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            hashvalues BLOB NOT NULL        -- the NUM_PERM hash values as datasketch holds them (bytes)
        );
        CREATE TABLE signature_bands (       -- the LSH bands of documents that are no one's copy
            band INTEGER NOT NULL,
            key BLOB NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (band, key, doc_id)
        );
    """),
    (7, MIGRATION_7),
    (8, """
        CREATE VIRTUAL TABLE event_boxes USING rtree(   -- the located events for bounding box + date window queries
            id,                             -- events.rowid, kept in step by the triggers below (VACUUM keeps rowids:
                                            -- checked on SQLite 3.40, though its manual does not promise it)
            min_lon, max_lon,
            min_lat, max_lat,
            first_day, last_day             -- julianday() of the event's days; undated: 0, 0 (no window reaches it)
        );
        CREATE TRIGGER event_boxes_ins AFTER INSERT ON events WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL
        BEGIN
            INSERT INTO event_boxes VALUES (new.rowid, new.lon, new.lon, new.lat, new.lat,
                COALESCE(julianday(new.first_day), 0), COALESCE(julianday(new.last_day), 0));
        END;
        CREATE TRIGGER event_boxes_del AFTER DELETE ON events BEGIN DELETE FROM event_boxes WHERE id = old.rowid; END;
        CREATE TRIGGER event_boxes_upd AFTER UPDATE OF lat, lon, first_day, last_day ON events BEGIN
            DELETE FROM event_boxes WHERE id = old.rowid;
            INSERT INTO event_boxes SELECT new.rowid, new.lon, new.lon, new.lat, new.lat,
                COALESCE(julianday(new.first_day), 0), COALESCE(julianday(new.last_day), 0)
                WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
        END;
        INSERT INTO event_boxes SELECT rowid, lon, lon, lat, lat, COALESCE(julianday(first_day), 0),
            COALESCE(julianday(last_day), 0) FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL;
    """),
    (9, MIGRATION_9),
    (10, """
        -- seq: an ordering key with gaps from here on (store/ordering.py; SQLite's INTEGER holds 64 bits)
        ALTER TABLE event_keys ADD COLUMN rank_key TEXT;  -- sort_key as text in the picture's order
        CREATE UNIQUE INDEX event_keys_rank ON event_keys(rank_key);  -- a new event's neighbours, by range
    """),
    (11, """
        -- what changed since the picture rows and the near-duplicate marks were written, kept by triggers so that
        -- adding documents reads those, not every document (issue 20.7)
        CREATE TABLE unresolved_analyses (  -- analyses stored, replaced or removed since the rows were written
            doc_id TEXT PRIMARY KEY
        );
        INSERT INTO unresolved_analyses(doc_id) SELECT doc_id FROM analyses;
        CREATE TRIGGER analyses_unresolved_ins AFTER INSERT ON analyses BEGIN
            INSERT OR IGNORE INTO unresolved_analyses(doc_id) VALUES (new.doc_id);
        END;
        CREATE TRIGGER analyses_unresolved_upd AFTER UPDATE ON analyses BEGIN
            INSERT OR IGNORE INTO unresolved_analyses(doc_id) VALUES (new.doc_id);
        END;
        CREATE TRIGGER analyses_unresolved_del AFTER DELETE ON analyses BEGIN
            INSERT OR IGNORE INTO unresolved_analyses(doc_id) VALUES (old.doc_id);
        END;
        CREATE TABLE unsigned_documents (   -- documents stored since near-duplicates were marked (some may be signed)
            doc_id TEXT PRIMARY KEY
        );
        INSERT INTO unsigned_documents(doc_id) SELECT id FROM documents d
            WHERE NOT EXISTS (SELECT 1 FROM doc_signatures s WHERE s.doc_id = d.id);
        CREATE TRIGGER documents_unsigned AFTER INSERT ON documents BEGIN
            INSERT OR IGNORE INTO unsigned_documents(doc_id) VALUES (new.id);
        END;
        CREATE INDEX doc_dates_dated_anchor ON doc_dates(dated, anchor);  -- the dated days, from the index alone
        CREATE INDEX event_aliases_event ON event_aliases(event_id);  -- an event's aliases (and ON DELETE CASCADE)
    """),
    (12, MIGRATION_12),
    (13, MIGRATION_13),
    (14, MIGRATION_14),
)
BUSY_TIMEOUT_S = 30  # wait for another writer this long before failing


def _statements(sql: str) -> list[str]:
    """Split a migration into complete statements (a trigger body holds ';' of its own)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


class SQLiteStore(Store):
    event_box_index = "rtree"  # migration 8's event_boxes
    explain = "EXPLAIN QUERY PLAN"

    def __init__(self, spec: StoreSpec) -> None:
        target = parse_store_spec(spec)
        if target.backend != "sqlite":
            raise StoreError("not a SQLite store", where=target.display)
        path = target.location
        self.path = Path(path)
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                        check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"cannot open the store ({exc})", where=str(path)) from exc

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT"
                          " NOT NULL DEFAULT CURRENT_TIMESTAMP)")
        done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        for version, sql in MIGRATIONS:
            if version in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations(version) VALUES (?)", (version,))
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError:
                self.conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.conn.close()

    def schema_version(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]

    def generation(self) -> int:
        return self.conn.execute("SELECT value FROM generation WHERE id = 1").fetchone()[0]

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def has_analysis(self, doc_id: str, pipeline_version: str) -> bool:
        row = self.conn.execute("SELECT pipeline_version FROM analyses WHERE doc_id = ?", (doc_id,)).fetchone()
        return row is not None and row[0] == pipeline_version

    def put(self, document: Document, analysis: DocAnalysis, pipeline_version: str, raw: str | None = None) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            seq = self.conn.execute("SELECT seq FROM documents WHERE id = ?", (document.id,)).fetchone()
            if seq is None:
                next_seq = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
                self.conn.execute("INSERT INTO documents(id, seq, source_id, outlet, record) VALUES (?, ?, ?, ?, ?)",
                                  (document.id, next_seq, document.source_id, document.outlet,
                                   document.model_dump_json()))
            else:
                self.conn.execute("UPDATE documents SET record = ? WHERE id = ?",
                                  (document.model_dump_json(), document.id))
            self.conn.execute("INSERT OR REPLACE INTO analyses(doc_id, pipeline_version, record) VALUES (?, ?, ?)",
                              (document.id, pipeline_version, analysis.model_dump_json()))
            if raw is not None:
                self.conn.execute("INSERT OR IGNORE INTO raw_texts(doc_id, raw) VALUES (?, ?)", (document.id, raw))
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot store document {document.id} ({exc})", where=str(self.path)) from exc

    def set_duplicates(self, marks: list[tuple[str, str, str | None]]) -> None:
        if not marks:
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            records: dict[str, str] = {}
            ids = sorted({doc_id for doc_id, _, _ in marks})
            for at in range(0, len(ids), LOOKUP_CHUNK):
                chunk = ids[at:at + LOOKUP_CHUNK]
                records.update(self.conn.execute(
                    f"SELECT id, record FROM documents WHERE id IN ({', '.join('?' for _ in chunk)})", chunk))
            self.conn.executemany("UPDATE documents SET record = ? WHERE id = ?", marked_records(records, marks))
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot mark near-duplicates ({exc})", where=str(self.path)) from exc

    def seen_entries(self, feed: str) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT entry FROM feed_entries WHERE feed = ?", (feed,))}

    def mark_entry(self, feed: str, entry: str, doc_id: str | None) -> None:
        self.conn.execute("INSERT OR REPLACE INTO feed_entries(feed, entry, doc_id) VALUES (?, ?, ?)",
                          (feed, entry, doc_id))

    def document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT record FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document.model_validate_json(row[0]) if row else None

    def documents(self) -> list[Document]:
        rows = self.conn.execute("SELECT record FROM documents ORDER BY seq")
        return [Document.model_validate_json(r[0]) for r in rows]

    def analyses(self) -> dict[str, DocAnalysis]:
        rows = self.conn.execute("SELECT doc_id, record FROM analyses ORDER BY doc_id")
        return {doc_id: DocAnalysis.model_validate_json(record) for doc_id, record in rows}

    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def _rows(self, sql: str, params: list[object]) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def _write(self, statements: list[tuple[str, list[tuple[object, ...]]]]) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            for sql, rows in statements:
                self.conn.executemany(sql, rows)
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot write to the store ({exc})", where=str(self.path)) from exc

    def save_picture(self, picture: Picture, generation: int) -> None:
        names = {a.id: a.name for a in picture.actors}
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            for table in ("event_aliases", "events", "places", "place_mentions"):
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.executemany(_insert("events", EVENT_COLUMNS),
                                  [event_row(i * GAP, e, names) for i, e in enumerate(picture.events)])
            self.conn.executemany("INSERT OR IGNORE INTO event_aliases(alias, event_id) VALUES (?, ?)",
                                  alias_rows(picture.events))
            self.conn.executemany(_insert("places", PLACE_COLUMNS),
                                  [place_row(i * GAP, p) for i, p in enumerate(picture.places)])
            self.conn.executemany("INSERT INTO place_mentions(place_id, doc_id, mentions) VALUES (?, ?, ?)",
                                  [row for p in picture.places for row in mention_rows(p)])
            self.conn.execute("UPDATE picture_state SET generation = ? WHERE id = 1", (generation,))
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot store the picture ({exc})", where=str(self.path)) from exc


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"

