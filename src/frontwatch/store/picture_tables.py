"""The resolved picture as rows: events (with their aliases) and places, indexed for the queries users make (time
window, bounding box, type, actor, status). Both backends share these row builders and the query's WHERE clause,
so the same query gives the same events, in the same order, from either.

The rows are written from the picture ``analyze`` builds, with the store generation they reflect
(``picture_generation``): a reader can tell when documents were added since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import TypeAdapter

from ..model import Event, Mention, Place

EVENT_COLUMNS = ("id", "seq", "event_type", "sub_event_type", "status", "first_day", "last_day", "lat", "lon",
                 "actor1", "actor2", "actor1_key", "actor2_key", "actor1_name", "actor2_name", "record")
PLACE_COLUMNS = ("id", "seq", "name", "lat", "lon", "country", "record")
LIKE_ESCAPE = "\\"


@dataclass(frozen=True)
class EventQuery:
    """Which events: every given field must hold (the fields and meaning of ``GET /api/events``)."""

    event_type: str | None = None
    sub_event_type: str | None = None
    start: str | None = None  # YYYY-MM-DD: events whose days overlap [start, end]; undated events never do
    end: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # W, S, E, N; W > E crosses the antimeridian
    actor: str | None = None  # lower case: an actor's id exactly, or part of its name
    status: str | None = None


@dataclass(frozen=True)
class EventPage:
    """A page of matching events as the rows hold them, with what a reader needs to trust it."""

    records: list[str]  # each event as stored (Event.model_dump_json()), in the picture's order
    total: int  # how many match in all
    current: bool  # the rows reflect the store as it is now (no document stored or changed since they were written)


def event_row(seq: int, event: Event, actor_names: dict[str, str]) -> tuple[object, ...]:
    """The row of one event; ``seq`` is its place in the picture's order."""
    return (event.id, seq, event.event_type, event.sub_event_type, event.status, event.date.start,
            event.date.end or event.date.start, event.lat, event.lon, event.actor1, event.actor2,
            event.actor1.lower() if event.actor1 else None, event.actor2.lower() if event.actor2 else None,
            actor_names.get(event.actor1, "").lower() if event.actor1 else None,
            actor_names.get(event.actor2, "").lower() if event.actor2 else None,
            event.model_dump_json())


MENTIONS = TypeAdapter(tuple[Mention, ...])


def place_row(seq: int, place: Place) -> tuple[object, ...]:
    """The row of one place; its record without its mentions (``mention_rows`` holds them)."""
    return (place.id, seq, place.name, place.lat, place.lon, place.country,
            place.model_copy(update={"mentions": ()}).model_dump_json())


def mention_rows(place: Place) -> list[tuple[str, str, str]]:
    """(place id, doc id, mentions as JSON) of each document naming the place, its mentions in the place's order
    (sorted by document first: concatenated in doc id order they give the place's mentions back)."""
    by_doc: dict[str, list[Mention]] = {}
    for mention in place.mentions:
        by_doc.setdefault(mention.doc, []).append(mention)
    return [(place.id, doc, MENTIONS.dump_json(tuple(found)).decode()) for doc, found in sorted(by_doc.items())]


def with_mentions(place: Place, rows: list[tuple[str, str]]) -> Place:
    """The place with the mentions of its ``mention_rows`` ((doc id, JSON) pairs, any order) put back."""
    found = [m for _, text in sorted(rows) for m in MENTIONS.validate_json(text)]
    return place.model_copy(update={"mentions": (*place.mentions, *found)}) if found else place


def alias_rows(events: tuple[Event, ...]) -> list[tuple[str, str]]:
    return [(alias, e.id) for e in events for alias in e.aliases]


BoxIndex = Literal["lat_lon", "gist", "postgis", "rtree"]
JULIAN_DAY_OF_ORDINAL_0 = 1721424.5  # julianday('0001-01-01') - date(1, 1, 1).toordinal(): SQLite's day numbers


def where(query: EventQuery, spatial: bool = False, index: BoxIndex | None = None) -> tuple[str, list[object]]:
    """The WHERE clause (``?`` placeholders) and its parameters; ``TRUE`` when nothing is asked. How a bounding box
    is asked (``index``, else ``spatial``): ``lat_lon`` compares the columns (a B-tree on them serves);
    ``postgis``: the table has a PostGIS ``geom`` point with a GiST index (for events, one on the point and the
    days too); ``gist``: PostgreSQL's GiST on a box around the point and the days (migration 8) serves a box with a
    date window; ``rtree``: SQLite's ``event_boxes`` R*Tree (lon x lat x days, migration 8) picks the candidates,
    box and date window at once. The column comparisons re-check what an index offers, so every index answers the
    same rows."""
    index = index or ("postgis" if spatial else "lat_lon")
    rtree = bool(query.bbox) and index == "rtree"
    mark = "+" if rtree else ""  # unary +: SQLite takes the R*Tree's candidates, not another index, for these
    parts = [_equalities(query), _rtree_candidates(query) if rtree else ([], []), _window(query, mark),
             _indexed_box(query, index), _compared_box(query, mark) if index != "postgis" else ([], []),
             _actor(query)]
    clauses = [clause for part, _ in parts for clause in part]
    return (" AND ".join(clauses) or "TRUE"), [value for _, values in parts for value in values]


Clauses = tuple[list[str], list[object]]


def _equalities(query: EventQuery) -> Clauses:
    asked = [(column, value) for column, value in (("event_type", query.event_type),
                                                   ("sub_event_type", query.sub_event_type),
                                                   ("status", query.status)) if value]
    return [f"{column} = ?" for column, _ in asked], [value for _, value in asked]


def _window(query: EventQuery, mark: str) -> Clauses:
    """Days overlapping [start, end]; undated events never do."""
    if not (query.start or query.end):
        return [], []
    clauses, params = [f"{mark}first_day IS NOT NULL"], []
    if query.end:
        clauses.append(f"{mark}first_day <= ?")
        params.append(query.end)
    if query.start:
        clauses.append(f"{mark}last_day >= ?")
        params.append(query.start)
    return clauses, params


def _indexed_box(query: EventQuery, index: BoxIndex) -> Clauses:
    """The conditions PostgreSQL's GiST indexes answer: PostGIS's point in the box (inside or on its edge, as the
    comparisons), or migration 8's fuzzy box (1e-6) with the window's days (a superset the comparisons re-check)."""
    if not query.bbox or index not in ("postgis", "gist"):
        return [], []
    windowed = bool(query.start or query.end)
    if index == "gist" and not windowed:
        return [], []  # a box alone: the lat/lon B-tree
    _, south, _, north = query.bbox
    test = ("geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)" if index == "postgis" else
            "box(point(lon, lat), point(lon, lat)) && box(point(?, ?), point(?, ?))")
    clauses = ["(" + " OR ".join(test for _ in _spans(query)) + ")"]
    params: list[object] = [value for w, e in _spans(query) for value in (w, south, e, north)]
    if windowed:  # the days of the events_*_days indexes
        clauses.append("fw_day_span(first_day, last_day) && fw_day_span(?, ?)")
        params += [query.start, query.end]
    return clauses, params


def _compared_box(query: EventQuery, mark: str) -> Clauses:
    if not query.bbox:
        return [], []
    west, south, east, north = query.bbox
    joined = "AND" if west <= east else "OR"  # OR: a box across the antimeridian
    return ([f"{mark}lat IS NOT NULL AND {mark}lon IS NOT NULL AND {mark}lat >= ? AND {mark}lat <= ?",
             f"({mark}lon >= ? {joined} {mark}lon <= ?)"], [south, north, west, east])


def _actor(query: EventQuery) -> Clauses:
    """An actor's id exactly, or part of its name."""
    if not query.actor:
        return [], []
    pattern = "%" + "".join(LIKE_ESCAPE + c if c in "%_\\" else c for c in query.actor) + "%"
    return ([f"(actor1_key = ? OR actor2_key = ? OR actor1_name LIKE ? ESCAPE '{LIKE_ESCAPE}'"
             f" OR actor2_name LIKE ? ESCAPE '{LIKE_ESCAPE}')"], [query.actor, query.actor, pattern, pattern])


def _spans(query: EventQuery) -> list[tuple[float, float]]:
    """The box's longitude spans (west, east): two when it crosses the antimeridian."""
    assert query.bbox is not None
    west, _, east, _ = query.bbox
    return [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]


def _julian_day(day: str | None) -> float | None:
    """SQLite's julianday() of a YYYY-MM-DD day; None when absent or not a calendar day (then the R*Tree is not
    asked about days: the text comparisons decide alone)."""
    try:
        return date.fromisoformat(day).toordinal() + JULIAN_DAY_OF_ORDINAL_0 if day else None
    except ValueError:
        return None


def _rtree_candidates(query: EventQuery) -> Clauses:
    """``rowid IN (...)``: the events whose R*Tree box meets the query's box and date window. The R*Tree holds
    coordinates as 32-bit floats rounded outwards, so it may offer a few too many, never too few."""
    assert query.bbox is not None
    _, south, _, north = query.bbox
    first, last = _julian_day(query.start), _julian_day(query.end)
    days = (" AND last_day >= ?" if first is not None else "") + (" AND first_day <= ?" if last is not None else "")
    selects, params = [], []
    for west, east in _spans(query):
        selects.append("SELECT id FROM event_boxes WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ?"
                       f" AND min_lat <= ?{days}")
        params += [west, east, south, north, *(d for d in (first, last) if d is not None)]
    return [f"rowid IN ({' UNION ALL '.join(selects)})"], params
