"""The resolved picture as rows: events (with their aliases) and places, indexed for the queries users make (time
window, bounding box, type, actor, status). Both backends share these row builders and the query's WHERE clause,
so the same query gives the same events, in the same order, from either.

The rows are written from the picture ``analyze`` builds, with the store generation they reflect
(``picture_generation``): a reader can tell when documents were added since.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Event, Place

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


def event_row(seq: int, event: Event, actor_names: dict[str, str]) -> tuple[object, ...]:
    """The row of one event; ``seq`` is its place in the picture's order."""
    return (event.id, seq, event.event_type, event.sub_event_type, event.status, event.date.start,
            event.date.end or event.date.start, event.lat, event.lon, event.actor1, event.actor2,
            event.actor1.lower() if event.actor1 else None, event.actor2.lower() if event.actor2 else None,
            actor_names.get(event.actor1, "").lower() if event.actor1 else None,
            actor_names.get(event.actor2, "").lower() if event.actor2 else None,
            event.model_dump_json())


def place_row(seq: int, place: Place) -> tuple[object, ...]:
    return (place.id, seq, place.name, place.lat, place.lon, place.country, place.model_dump_json())


def alias_rows(events: tuple[Event, ...]) -> list[tuple[str, str]]:
    return [(alias, e.id) for e in events for alias in e.aliases]


def where(query: EventQuery, spatial: bool = False) -> tuple[str, list[object]]:
    """The WHERE clause (``?`` placeholders) and its parameters; ``TRUE`` when nothing is asked. ``spatial``: the
    table has a PostGIS ``geom`` point with a GiST index, and the bounding box asks it (the same rows)."""
    clauses: list[str] = []
    params: list[object] = []
    for column, value in (("event_type", query.event_type), ("sub_event_type", query.sub_event_type),
                          ("status", query.status)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if query.start or query.end:
        clauses.append("first_day IS NOT NULL")
        if query.end:
            clauses.append("first_day <= ?")
            params.append(query.end)
        if query.start:
            clauses.append("last_day >= ?")
            params.append(query.start)
    if query.bbox and spatial:  # a point && a box: inside or on its edge, as the comparisons below
        west, south, east, north = query.bbox
        boxes = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
        clauses.append("(" + " OR ".join("geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)" for _ in boxes) + ")")
        params += [value for w, e in boxes for value in (w, south, e, north)]
    elif query.bbox:
        west, south, east, north = query.bbox
        clauses.append("lat IS NOT NULL AND lon IS NOT NULL AND lat >= ? AND lat <= ?")
        params += [south, north]
        clauses.append("(lon >= ? AND lon <= ?)" if west <= east else "(lon >= ? OR lon <= ?)")
        params += [west, east]
    if query.actor:
        pattern = "%" + "".join(LIKE_ESCAPE + c if c in "%_\\" else c for c in query.actor) + "%"
        clauses.append(f"(actor1_key = ? OR actor2_key = ? OR actor1_name LIKE ? ESCAPE '{LIKE_ESCAPE}'"
                       f" OR actor2_name LIKE ? ESCAPE '{LIKE_ESCAPE}')")
        params += [query.actor, query.actor, pattern, pattern]
    return (" AND ".join(clauses) or "TRUE"), params
