"""PostgreSQL store (psycopg 3, a connection pool): the same tables, migrations and behaviour as the SQLite store,
for a store that many processes and machines write to.

Migrations run in one transaction under an advisory lock, so processes opening a new database at once apply each
migration exactly once. Records stay JSON text (not jsonb) so they read back byte for byte as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from ..errors import StoreError
from ..model import DocAnalysis, Document, Picture
from .base import Store, marked_records
from .ordering import GAP
from .picture_tables import EVENT_COLUMNS, PLACE_COLUMNS, alias_rows, event_row, mention_rows, place_row
from .shared_ddl import MIGRATION_7, MIGRATION_9, MIGRATION_12, MIGRATION_13, MIGRATION_14
from .url import MASK, StoreSpec, parse_store_spec

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,  -- first-stored order (gaps allowed)
            source_id TEXT NOT NULL,
            outlet TEXT NOT NULL,
            record TEXT NOT NULL                             -- the Document as JSON
        );
        CREATE TABLE analyses (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            pipeline_version TEXT NOT NULL,
            record TEXT NOT NULL                             -- the DocAnalysis as JSON
        );
    """),
    (2, """
        CREATE TABLE raw_texts (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            raw TEXT NOT NULL                                -- the text as read, before cleaning
        );
    """),
    (3, """
        CREATE TABLE generation (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            value BIGINT NOT NULL                            -- bumped by every change, so readers know to rebuild
        );
        INSERT INTO generation(id, value) VALUES (1, 0);
        CREATE FUNCTION bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE generation SET value = value + 1 WHERE id = 1;
            RETURN NULL;
        END $$;
        CREATE TRIGGER documents_changed AFTER INSERT OR UPDATE OR DELETE ON documents
            FOR EACH ROW EXECUTE FUNCTION bump_generation();
        CREATE TRIGGER analyses_changed AFTER INSERT OR UPDATE ON analyses
            FOR EACH ROW EXECUTE FUNCTION bump_generation();
    """),
    (4, """
        CREATE TABLE feed_entries (
            feed TEXT NOT NULL,                              -- the feed URL as the user gave it
            entry TEXT NOT NULL,                             -- the entry's id (guid), else link, else title
            doc_id TEXT,                                     -- the document it became (NULL: nothing usable)
            seen TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (feed, entry)
        );
    """),
    (5, """
        CREATE TABLE events (                                -- the resolved picture's events (picture_tables.py)
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,                            -- place in picture.json's order
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            status TEXT NOT NULL,
            first_day TEXT COLLATE "C",                      -- YYYY-MM-DD, compared byte-wise as SQLite does
            last_day TEXT COLLATE "C",
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            actor1 TEXT,
            actor2 TEXT,
            actor1_key TEXT,                                 -- ids lower-cased and names, for the actor filter
            actor2_key TEXT,
            actor1_name TEXT,
            actor2_name TEXT,
            record TEXT NOT NULL                             -- the Event as JSON
        );
        CREATE INDEX events_seq ON events(seq);
        CREATE INDEX events_days ON events(first_day, last_day);
        CREATE INDEX events_type ON events(event_type, sub_event_type);
        CREATE INDEX events_status ON events(status);
        CREATE INDEX events_lat_lon ON events(lat, lon);
        CREATE INDEX events_actor1 ON events(actor1_key);
        CREATE INDEX events_actor2 ON events(actor2_key);
        CREATE TABLE event_aliases (
            alias TEXT PRIMARY KEY,                          -- the id of an event since merged into event_id
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE
        );
        CREATE TABLE places (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            lat DOUBLE PRECISION NOT NULL,
            lon DOUBLE PRECISION NOT NULL,
            country TEXT,
            record TEXT NOT NULL                             -- the Place as JSON
        );
        CREATE INDEX places_seq ON places(seq);
        CREATE INDEX places_lat_lon ON places(lat, lon);
        CREATE TABLE picture_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            generation BIGINT                                -- the store generation the rows above reflect
        );
        INSERT INTO picture_state(id, generation) VALUES (1, NULL);
    """),
    (6, """
        CREATE TABLE doc_signatures (                        -- MinHash signatures (analyze.mark_duplicates)
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            hashvalues BYTEA NOT NULL                        -- the NUM_PERM hash values, as datasketch holds them
        );
        CREATE TABLE signature_bands (                       -- the LSH bands of documents no one's copy
            band INTEGER NOT NULL,
            key BYTEA NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (band, key, doc_id)
        );
    """),
    (7, MIGRATION_7),
    (8, """
        -- an event's days as an integer range (YYYYMMDD, ordered as the days' text is), for GiST indexes that answer
        -- a bounding box and a date window at once; a day not written YYYY-MM-DD leaves that end open (a superset:
        -- the text comparisons re-check), and ends given backwards are swapped (never an error on insert)
        CREATE FUNCTION fw_day_span(first TEXT, last TEXT) RETURNS int4range LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE
            WHEN (CASE WHEN first ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN replace(first, '-', '')::integer END)
               > (CASE WHEN last ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN replace(last, '-', '')::integer END)
            THEN int4range(replace(last, '-', '')::integer, replace(first, '-', '')::integer, '[]')
            ELSE int4range(CASE WHEN first ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN replace(first, '-', '')::integer END,
                           CASE WHEN last ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN replace(last, '-', '')::integer END,
                           '[]')
            END $$;
        CREATE INDEX events_box_days ON events USING gist (box(point(lon, lat), point(lon, lat)),
            fw_day_span(first_day, last_day)) WHERE lat IS NOT NULL AND lon IS NOT NULL AND first_day IS NOT NULL;
    """),
    (9, MIGRATION_9),
    (10, """
        -- seq: an ordering key with gaps (store/ordering.py), past 32 bits; keys compared by code point, as SQLite
        ALTER TABLE events ALTER COLUMN seq TYPE BIGINT;
        ALTER TABLE places ALTER COLUMN seq TYPE BIGINT;
        ALTER TABLE places ALTER COLUMN id TYPE TEXT COLLATE "C";  -- places stand in id order
        ALTER TABLE event_keys ADD COLUMN rank_key TEXT COLLATE "C";  -- sort_key as text in the picture's order
        CREATE UNIQUE INDEX event_keys_rank ON event_keys(rank_key);  -- a new event's neighbours, by range
    """),
    (11, """
        -- what changed since the picture rows and the near-duplicate marks were written, kept by triggers so that
        -- adding documents reads those, not every document (issue 20.7)
        CREATE TABLE unresolved_analyses (  -- analyses stored, replaced or removed since the rows were written
            doc_id TEXT PRIMARY KEY
        );
        INSERT INTO unresolved_analyses(doc_id) SELECT doc_id FROM analyses;
        CREATE FUNCTION fw_unresolved_analysis() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                INSERT INTO unresolved_analyses(doc_id) VALUES (OLD.doc_id) ON CONFLICT DO NOTHING;
            ELSE
                INSERT INTO unresolved_analyses(doc_id) VALUES (NEW.doc_id) ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER analyses_unresolved AFTER INSERT OR UPDATE OR DELETE ON analyses
            FOR EACH ROW EXECUTE FUNCTION fw_unresolved_analysis();
        CREATE TABLE unsigned_documents (   -- documents stored since near-duplicates were marked (some may be signed)
            doc_id TEXT PRIMARY KEY
        );
        INSERT INTO unsigned_documents(doc_id) SELECT id FROM documents d
            WHERE NOT EXISTS (SELECT 1 FROM doc_signatures s WHERE s.doc_id = d.id);
        CREATE FUNCTION fw_unsigned_document() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO unsigned_documents(doc_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;
        CREATE TRIGGER documents_unsigned AFTER INSERT ON documents
            FOR EACH ROW EXECUTE FUNCTION fw_unsigned_document();
        CREATE INDEX doc_dates_dated_anchor ON doc_dates(dated, anchor);  -- the dated days, from the index alone
        CREATE INDEX event_aliases_event ON event_aliases(event_id);  -- an event's aliases (and ON DELETE CASCADE)
    """),
    (12, MIGRATION_12),
    (13, MIGRATION_13),
    (14, MIGRATION_14),
)
CONNECT_TIMEOUT_S = 5  # an unreachable server fails the command after this long, not libpq's default of forever
POOL_MAX = 4  # connections per store: the API's request threads share them
MIGRATION_LOCK = 0x66726F6E  # pg_advisory_xact_lock key ('fron'): one migrating process at a time
NUL_STAND_IN = "\ufffd"  # PostgreSQL text cannot hold U+0000; SQLite can. Only raw page text ever has one


class PostgresStore(Store):
    def __init__(self, spec: StoreSpec) -> None:
        target = parse_store_spec(spec)
        if target.backend != "postgresql":
            raise StoreError("not a PostgreSQL URL", where=target.display)
        self.display = target.display
        self._password = _password(target.location)
        try:
            options = conninfo_to_dict(target.location)
        except psycopg.ProgrammingError as exc:
            raise self._error("not a valid PostgreSQL URL", exc) from exc
        kwargs = {} if "connect_timeout" in options else {"connect_timeout": CONNECT_TIMEOUT_S}
        try:
            with psycopg.connect(target.location, **kwargs) as conn:  # first, for a precise error and migrations
                _migrate(conn)
                self.spatial = _spatial(conn)
                self.event_box_index = "postgis" if self.spatial else "gist"
            self.pool = ConnectionPool(target.location, min_size=1, max_size=POOL_MAX, kwargs=kwargs, open=False,
                                       timeout=CONNECT_TIMEOUT_S * 2, name="frontwatch")
            try:
                self.pool.open(wait=True, timeout=CONNECT_TIMEOUT_S * 2)
            except PoolTimeout:
                self.pool.close()
                raise
        except psycopg.OperationalError as exc:
            raise self._error("cannot connect to the PostgreSQL server", exc) from exc
        except (psycopg.Error, PoolTimeout) as exc:
            raise self._error("cannot open the store", exc) from exc

    def _error(self, doing: str, exc: Exception) -> StoreError:
        detail = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
        if self._password:
            detail = detail.replace(self._password, MASK)
        return StoreError(f"{doing} ({detail or type(exc).__name__})", where=self.display)

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[psycopg.Connection]:
        """A pooled connection in one transaction: committed on success, rolled back on any error."""
        try:
            with self.pool.connection() as conn:
                yield conn
        except PoolTimeout as exc:
            raise self._error(f"cannot {doing}", exc) from exc
        except psycopg.Error as exc:
            raise self._error(f"cannot {doing}", exc) from exc

    def _one(self, sql: str, params: tuple[object, ...] = ()) -> tuple | None:  # type: ignore[type-arg]
        with self._transaction("read the store") as conn:
            return conn.execute(sql, params).fetchone()

    def close(self) -> None:
        self.pool.close()

    def schema_version(self) -> int:
        row = self._one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        return int(row[0]) if row else 0

    def generation(self) -> int:
        row = self._one("SELECT value FROM generation WHERE id = 1")
        return int(row[0]) if row else 0

    def has_document(self, doc_id: str) -> bool:
        return self._one("SELECT 1 FROM documents WHERE id = %s", (doc_id,)) is not None

    def has_analysis(self, doc_id: str, pipeline_version: str) -> bool:
        row = self._one("SELECT pipeline_version FROM analyses WHERE doc_id = %s", (doc_id,))
        return row is not None and row[0] == pipeline_version

    def put(self, document: Document, analysis: DocAnalysis, pipeline_version: str, raw: str | None = None) -> None:
        with self._transaction(f"store document {document.id}") as conn:
            conn.execute("INSERT INTO documents(id, source_id, outlet, record) VALUES (%s, %s, %s, %s)"
                         " ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record",
                         (document.id, _text(document.source_id), _text(document.outlet),
                          document.model_dump_json()))
            conn.execute("INSERT INTO analyses(doc_id, pipeline_version, record) VALUES (%s, %s, %s)"
                         " ON CONFLICT (doc_id) DO UPDATE SET pipeline_version = EXCLUDED.pipeline_version,"
                         " record = EXCLUDED.record",
                         (document.id, pipeline_version, analysis.model_dump_json()))
            if raw is not None:
                conn.execute("INSERT INTO raw_texts(doc_id, raw) VALUES (%s, %s) ON CONFLICT (doc_id) DO NOTHING",
                             (document.id, _text(raw)))

    def set_duplicates(self, marks: list[tuple[str, str, str | None]]) -> None:
        if not marks:
            return
        ids = sorted({doc_id for doc_id, _, _ in marks})
        with self._transaction("mark near-duplicates") as conn, conn.cursor() as cur:
            records = dict(cur.execute("SELECT id, record FROM documents WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                                       (ids,)).fetchall())
            rows = marked_records(records, marks)
            if rows:
                cur.executemany("UPDATE documents SET record = %s WHERE id = %s", rows)

    def seen_entries(self, feed: str) -> set[str]:
        with self._transaction("read feed entries") as conn:
            return {row[0] for row in conn.execute("SELECT entry FROM feed_entries WHERE feed = %s", (_text(feed),))}

    def mark_entry(self, feed: str, entry: str, doc_id: str | None) -> None:
        with self._transaction("record a feed entry") as conn:
            conn.execute("INSERT INTO feed_entries(feed, entry, doc_id) VALUES (%s, %s, %s) ON CONFLICT (feed, entry)"
                         " DO UPDATE SET doc_id = EXCLUDED.doc_id, seen = now()",
                         (_text(feed), _text(entry), doc_id))

    def document(self, doc_id: str) -> Document | None:
        row = self._one("SELECT record FROM documents WHERE id = %s", (doc_id,))
        return Document.model_validate_json(row[0]) if row else None

    def documents(self) -> list[Document]:
        with self._transaction("read documents") as conn:
            rows = conn.execute("SELECT record FROM documents ORDER BY seq").fetchall()
        return [Document.model_validate_json(r[0]) for r in rows]

    def analyses(self) -> dict[str, DocAnalysis]:
        with self._transaction("read analyses") as conn:  # COLLATE "C": code-point order, as SQLite sorts
            rows = conn.execute('SELECT doc_id, record FROM analyses ORDER BY doc_id COLLATE "C"').fetchall()
        return {doc_id: DocAnalysis.model_validate_json(record) for doc_id, record in rows}

    def count(self) -> int:
        row = self._one("SELECT COUNT(*) FROM documents")
        return int(row[0]) if row else 0

    def integrity_ok(self) -> bool:
        row = self._one("SELECT EXISTS (SELECT 1 FROM generation WHERE id = 1) AND NOT EXISTS ("
                        "SELECT 1 FROM analyses a LEFT JOIN documents d ON d.id = a.doc_id WHERE d.id IS NULL)")
        return bool(row and row[0])


    def _rows(self, sql: str, params: list[object]) -> list[tuple[Any, ...]]:
        with self._transaction("read the store") as conn:
            return conn.execute(sql.replace("?", "%s"), params).fetchall()  # type: ignore[arg-type]

    def _write(self, statements: list[tuple[str, list[tuple[object, ...]]]]) -> None:
        with self._transaction("write to the store") as conn, conn.cursor() as cur:
            for sql, rows in statements:
                if rows:
                    cur.executemany(sql.replace("?", "%s"), rows)  # type: ignore[arg-type]

    def save_picture(self, picture: Picture, generation: int) -> None:
        names = {a.id: a.name for a in picture.actors}
        with self._transaction("store the picture") as conn, conn.cursor() as cur:
            cur.execute("TRUNCATE event_aliases, events, places, place_mentions")
            cur.executemany(_insert("events", EVENT_COLUMNS),
                            [event_row(i * GAP, e, names) for i, e in enumerate(picture.events)])
            cur.executemany("INSERT INTO event_aliases(alias, event_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                            alias_rows(picture.events))
            cur.executemany(_insert("places", PLACE_COLUMNS),
                            [place_row(i * GAP, p) for i, p in enumerate(picture.places)])
            cur.executemany("INSERT INTO place_mentions(place_id, doc_id, mentions) VALUES (%s, %s, %s)",
                            [row for p in picture.places for row in mention_rows(p)])
            if self.spatial:
                for table in ("events", "places"):
                    cur.execute(f"UPDATE {table} SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326)"
                                " WHERE lat IS NOT NULL AND lon IS NOT NULL")
            cur.execute("UPDATE picture_state SET generation = %s WHERE id = 1", (generation,))
            cur.execute("ANALYZE events, places")  # fresh statistics, so the planner uses the box indexes at once


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('%s' for _ in columns)})"


def _migrate(conn: psycopg.Connection) -> None:
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                     " applied TIMESTAMPTZ NOT NULL DEFAULT now())")
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for version, sql in MIGRATIONS:
            if version not in done:
                conn.execute(sql)  # type: ignore[arg-type]  # our own constant, several statements
                conn.execute("INSERT INTO schema_migrations(version) VALUES (%s)", (version,))


def _spatial(conn: psycopg.Connection) -> bool:
    """With PostGIS in the database (an administrator's CREATE EXTENSION postgis), give events and places a point
    with a GiST index for bounding boxes (and events one on their point and days, for a box and a date window);
    without it, lat/lon indexes and migration 8's box and days GiST serve. Idempotent, under the migration lock."""
    row = conn.execute("SELECT to_regtype('geometry') IS NOT NULL").fetchone()
    if not (row and row[0]):
        return False
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        for table in ("events", "places"):
            conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)")
            conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_geom ON {table} USING gist (geom)")
            conn.execute(f"UPDATE {table} SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326)"
                         " WHERE geom IS NULL AND lat IS NOT NULL AND lon IS NOT NULL")
        conn.execute("CREATE INDEX IF NOT EXISTS events_geom_days ON events USING gist (geom, fw_day_span(first_day,"
                     " last_day)) WHERE first_day IS NOT NULL")  # a box and a date window at once (migration 8)
    return True


def _password(dsn: str) -> str | None:
    try:
        value = conninfo_to_dict(dsn).get("password")
    except psycopg.ProgrammingError:
        return None
    return str(value) if value else None


def _text(value: str) -> str:
    return value.replace("\x00", NUL_STAND_IN)
