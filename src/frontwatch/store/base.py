"""The store interface every backend implements: documents and their analyses, near-duplicate marks, feed entries,
a generation counter, and numbered schema migrations.

``Store(spec)`` opens the backend ``spec`` names (as ``pathlib.Path()`` gives a ``PosixPath``), so code that only
stores and reads never names a backend: a path or ``sqlite:///PATH`` opens SQLite, ``postgresql://...`` PostgreSQL.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from ..model import DocAnalysis, Document, Event, Picture, Place
from .picture_tables import BoxIndex, EventPage, EventQuery, where, with_mentions
from .url import StoreSpec, parse_store_spec

LOOKUP_CHUNK = 500  # ids per IN (...) list: far below SQLite's 32,766 bound variables


class Store(ABC):
    """A store. Documents are keyed by content hash: storing the same document twice changes nothing."""

    spatial = False  # bounding boxes answered by a spatial index (PostGIS) rather than lat/lon comparisons
    event_box_index: BoxIndex | None = None  # how event rows answer a bounding box (None: as ``spatial`` says)
    explain = "EXPLAIN"  # the statement that shows a query's plan

    def __new__(cls, *args: Any, **kwargs: Any) -> Store:
        if cls is Store:  # dispatch on the spec; the chosen class's __init__ then runs with the same arguments
            cls = backend_class(args[0] if args else kwargs["spec"])
        return super().__new__(cls)

    @abstractmethod
    def __init__(self, spec: StoreSpec) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def schema_version(self) -> int:
        """The highest migration applied."""

    @abstractmethod
    def generation(self) -> int:
        """A number that changes whenever documents or analyses change (for caches)."""

    @abstractmethod
    def has_document(self, doc_id: str) -> bool: ...

    @abstractmethod
    def has_analysis(self, doc_id: str, pipeline_version: str) -> bool:
        """Whether the document is stored with an analysis by this pipeline version."""

    def analysed_among(self, doc_ids: list[str], pipeline_version: str) -> set[str]:
        """Which of these documents are stored with an analysis by this pipeline version (few round trips)."""
        found: set[str] = set()
        for at in range(0, len(doc_ids), LOOKUP_CHUNK):
            chunk = doc_ids[at:at + LOOKUP_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            found.update(row[0] for row in self._rows(
                f"SELECT doc_id FROM analyses WHERE pipeline_version = ? AND doc_id IN ({marks})",
                [pipeline_version, *chunk]))
        return found

    @abstractmethod
    def put(self, document: Document, analysis: DocAnalysis, pipeline_version: str, raw: str | None = None) -> None:
        """Store a document and its analysis atomically (replacing an analysis of an older pipeline)."""

    def set_duplicate(self, doc_id: str, original: str, syndicated_from: str | None) -> None:
        """Mark a stored document as a near-copy of ``original`` (and, when it names none, who it came from)."""
        self.set_duplicates([(doc_id, original, syndicated_from)])

    @abstractmethod
    def set_duplicates(self, marks: list[tuple[str, str, str | None]]) -> None:
        """``set_duplicate`` for each (doc id, original, syndicated from), all in one transaction (ids not stored
        are left alone)."""

    def documents_by_id(self, doc_ids: list[str]) -> dict[str, Document]:
        """The stored ones of these documents, by id (few round trips)."""
        found: dict[str, Document] = {}
        ordered = sorted(set(doc_ids))
        for at in range(0, len(ordered), LOOKUP_CHUNK):
            chunk = ordered[at:at + LOOKUP_CHUNK]
            found.update((r[0], Document.model_validate_json(r[1])) for r in self._rows(
                f"SELECT id, record FROM documents WHERE id IN ({', '.join('?' for _ in chunk)})", chunk))
        return found

    @abstractmethod
    def seen_entries(self, feed: str) -> set[str]:
        """The keys of the feed's entries already handled."""

    @abstractmethod
    def mark_entry(self, feed: str, entry: str, doc_id: str | None) -> None:
        """Record a feed entry as handled (``doc_id`` None: it held nothing usable)."""

    @abstractmethod
    def document(self, doc_id: str) -> Document | None: ...

    @abstractmethod
    def documents(self) -> list[Document]:
        """All documents, in the order they were first stored."""

    @abstractmethod
    def analyses(self) -> dict[str, DocAnalysis]:
        """Every analysis by document id, ids in code-point order."""

    @abstractmethod
    def count(self) -> int:
        """How many documents are stored."""

    @abstractmethod
    def integrity_ok(self) -> bool:
        """Whether the backend's own consistency check passes."""

    # ------------------------------------------------ the resolved picture as rows (store/picture_tables.py)

    @abstractmethod
    def save_picture(self, picture: Picture, generation: int) -> None:
        """Replace the event, alias and place rows with this picture's, built from the store at ``generation``."""

    @abstractmethod
    def _rows(self, sql: str, params: list[object]) -> list[tuple[Any, ...]]:
        """Run one read query written with ``?`` placeholders."""

    @abstractmethod
    def _write(self, statements: list[tuple[str, list[tuple[object, ...]]]]) -> None:
        """Run each statement (``?`` placeholders) over its rows, all in one transaction."""

    # ------------------------------------------------ near-duplicate signatures (analyze.mark_duplicates)

    def unsigned_documents(self) -> list[tuple[str, int, str]]:
        """(id, seq, Document JSON) of the documents with no stored signature yet, in first-stored order."""
        rows = self._rows("SELECT d.id, d.seq, d.record FROM unsigned_documents q JOIN documents d ON d.id = q.doc_id"
                          " LEFT JOIN doc_signatures s ON s.doc_id = d.id WHERE s.doc_id IS NULL", [])
        # the queue migration 11's trigger fills, sorted here: ORDER BY d.seq led SQLite to scan every document
        return sorted(((r[0], int(r[1]), r[2]) for r in rows), key=lambda r: r[1])

    def band_matches(self, keys: list[tuple[int, bytes]]) -> dict[str, tuple[int, bytes]]:
        """The stored documents (no one's copy) sharing any of these LSH bands: id -> (seq, signature)."""
        if not keys:
            return {}
        clause = " OR ".join("(b.band = ? AND b.key = ?)" for _ in keys)
        rows = self._rows("SELECT DISTINCT b.doc_id, d.seq, s.hashvalues FROM signature_bands b"
                          " JOIN documents d ON d.id = b.doc_id JOIN doc_signatures s ON s.doc_id = b.doc_id"
                          f" WHERE {clause}", [value for key in keys for value in key])
        return {r[0]: (int(r[1]), bytes(r[2])) for r in rows}

    def put_signatures(self, signatures: list[tuple[str, bytes]], bands: list[tuple[int, bytes, str]]) -> None:
        """Store signatures (doc id, bytes) and the LSH bands (band, key, doc id) of those that are no one's copy."""
        self._write([("INSERT INTO doc_signatures(doc_id, hashvalues) VALUES (?, ?)", list(signatures)),
                     ("INSERT INTO signature_bands(band, key, doc_id) VALUES (?, ?, ?)", list(bands)),
                     ("DELETE FROM unsigned_documents WHERE doc_id = ?", [(doc_id,) for doc_id, _ in signatures])])

    def picture_generation(self) -> int | None:
        """The store generation the event and place rows reflect (None: never written)."""
        rows = self._rows("SELECT generation FROM picture_state WHERE id = 1", [])
        return None if not rows or rows[0][0] is None else int(rows[0][0])

    def find_events(self, query: EventQuery, limit: int, offset: int = 0) -> tuple[list[Event], int]:
        """A page of the matching events, in the picture's order, and how many match in all."""
        page = self.event_page(query, limit, offset)
        return [Event.model_validate_json(r) for r in page.records], page.total

    def event_page(self, query: EventQuery, limit: int, offset: int = 0) -> EventPage:
        """A page of the matching events as stored JSON, how many match, and whether the rows are current: one
        statement (one round trip to a database server)."""
        clause, params = where(query, self.spatial, self.event_box_index)
        rows = self._rows("SELECT s.generation = g.value, (SELECT COUNT(*) FROM events WHERE " + clause + "),"
                          " p.record FROM picture_state s JOIN generation g ON g.id = 1 LEFT JOIN (SELECT seq, record"
                          " FROM events WHERE " + clause + " ORDER BY seq LIMIT ? OFFSET ?) p ON 1 = 1"
                          " WHERE s.id = 1 ORDER BY p.seq", [*params, *params, limit, offset])
        current, total = (bool(rows[0][0]), int(rows[0][1])) if rows else (False, 0)
        return EventPage([r[2] for r in rows if r[2] is not None], total, current)

    def event_plan(self, query: EventQuery) -> str:
        """How the backend runs a page of this query (its EXPLAIN, one line per step): which index serves it."""
        clause, params = where(query, self.spatial, self.event_box_index)
        rows = self._rows(f"{self.explain} SELECT seq, record FROM events WHERE {clause} ORDER BY seq LIMIT 100",
                          params)
        return "\n".join(str(r[-1]) for r in rows)

    def find_event(self, event_id: str) -> Event | None:
        """The event with this id, else the one that absorbed the event that had it (an alias)."""
        rows = self._rows("SELECT record FROM events WHERE id = ? UNION ALL SELECT e.record FROM event_aliases a"
                          " JOIN events e ON e.id = a.event_id WHERE a.alias = ?", [event_id, event_id])
        return Event.model_validate_json(rows[0][0]) if rows else None

    def find_places(self, bbox: tuple[float, float, float, float] | None = None) -> list[Place]:
        """Places (in the picture's order), only those inside ``bbox`` (W, S, E, N) when given."""
        clause, params = where(EventQuery(bbox=bbox), self.spatial)
        rows = self._rows(f"SELECT id, record FROM places WHERE {clause} ORDER BY seq", params)
        mentions = self._place_mentions([r[0] for r in rows] if bbox else None)
        return [with_mentions(Place.model_validate_json(record), mentions.get(pid, [])) for pid, record in rows]

    def _place_mentions(self, place_ids: list[str] | None) -> dict[str, list[tuple[str, str]]]:
        """(doc id, mentions JSON) of these places' documents (None: of every place), by place."""
        sql = "SELECT place_id, doc_id, mentions FROM place_mentions"
        if place_ids is None:
            rows = self._rows(sql, [])
        else:
            rows = []
            for at in range(0, len(place_ids), LOOKUP_CHUNK):
                chunk = place_ids[at:at + LOOKUP_CHUNK]
                rows += self._rows(f"{sql} WHERE place_id IN ({', '.join('?' for _ in chunk)})", chunk)
        out: dict[str, list[tuple[str, str]]] = {}
        for place_id, doc_id, text in rows:
            out.setdefault(place_id, []).append((doc_id, text))
        return out


def backend_class(spec: StoreSpec) -> type[Store]:
    """The Store class for a spec (imports the PostgreSQL driver only when asked for it)."""
    if parse_store_spec(spec).backend == "postgresql":
        from .postgres import PostgresStore

        return PostgresStore
    from .sqlite import SQLiteStore

    return SQLiteStore


def marked_records(records: dict[str, str], marks: list[tuple[str, str, str | None]]) -> list[tuple[str, str]]:
    """(new record, id) of each stored document (``records``: id -> Document JSON) marked as ``marks`` say: a
    near-copy of its original and, when it names no source and the original's outlet is not its own, syndicated
    from it. A document marked twice keeps both marks in order, as marking it twice would."""
    documents = {doc_id: Document.model_validate_json(record) for doc_id, record in records.items()}
    changed: set[str] = set()
    for doc_id, original, syndicated_from in marks:
        document = documents.get(doc_id)
        if document is None:
            continue
        update: dict[str, object] = {"duplicate_of": original}
        if syndicated_from and not document.syndicated_from and syndicated_from != document.outlet:
            update["syndicated_from"] = syndicated_from
        documents[doc_id] = document.model_copy(update=update)
        changed.add(doc_id)
    return [(documents[doc_id].model_dump_json(), doc_id) for doc_id in sorted(changed)]
