"""Pure queries over a picture dict (picture.json shape): filters, pages, event detail, document spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .actor_match import matching_actor_ids

Item = dict[str, Any]


@dataclass(frozen=True)
class EventFilter:
    event_type: str | None = None
    sub_event_type: str | None = None
    start: str | None = None
    end: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # W, S, E, N
    actor: str | None = None  # as typed
    status: str | None = None
    actor_ids: frozenset[str] | None = None  # the actors ``actor`` names (actor_match.py); None: no actor filter

    @classmethod
    def parse(cls, event_type: str | None, sub_event_type: str | None, start: str | None, end: str | None,
              bbox: str | None, actor: str | None, status: str | None) -> EventFilter:
        """Validate the raw query values; ValueError with a message naming the bad parameter."""
        box = None
        if bbox:
            parts = bbox.split(",")
            try:
                west, south, east, north = (float(p) for p in parts)
            except ValueError:
                raise ValueError(f"bbox must be four numbers W,S,E,N, got {bbox!r}") from None
            if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
                raise ValueError(f"bbox out of range (W,S,E,N in degrees, S <= N): {bbox!r}")
            box = (west, south, east, north)
        if start and end and start > end:
            raise ValueError(f"start {start} is after end {end}")
        typed = actor.strip() if actor and actor.strip() else None
        return cls(event_type or None, sub_event_type or None, start or None, end or None, box, typed,
                   status or None, matching_actor_ids(typed) if typed else None)


def _in_box(event: Item, box: tuple[float, float, float, float]) -> bool:
    lat, lon = event.get("lat"), event.get("lon")
    if lat is None or lon is None:
        return False
    west, south, east, north = box
    in_lon = west <= lon <= east if west <= east else (lon >= west or lon <= east)  # box across the antimeridian
    return south <= lat <= north and in_lon


def _overlaps(event: Item, start: str | None, end: str | None) -> bool:
    first, last = event["date"]["start"], event["date"]["end"] or event["date"]["start"]
    if first is None:
        return start is None and end is None
    return not ((end is not None and first > end) or (start is not None and last < start))


def has_actor(event: Item, actor_ids: frozenset[str]) -> bool:
    """Whether one of the actors takes part in the event: as either side or associated with one (as on the map)."""
    taking_part = (event.get("actor1"), event.get("actor2"), *event.get("assoc_actor_1", ()),
                   *event.get("assoc_actor_2", ()))
    return any(a is not None and a.lower() in actor_ids for a in taking_part)


def _named_like(event: Item, needle: str, actor_names: dict[str, str]) -> bool:
    """The store rows' own rule for an EventQuery's ``actor`` (an id exactly, or part of a name), for an
    EventFilter built from one without ``actor_ids``; ``GET /api/events`` always resolves ids (``parse``)."""
    needle = needle.lower()
    return any(a and (needle == a.lower() or needle in actor_names.get(a, "").lower())
               for a in (event.get("actor1"), event.get("actor2")))


def filter_events(picture: Item, wanted: EventFilter) -> list[Item]:
    names = {a["id"]: a["name"] for a in picture["actors"]}
    out = []
    for event in picture["events"]:
        if wanted.event_type and event["event_type"] != wanted.event_type:
            continue
        if wanted.sub_event_type and event["sub_event_type"] != wanted.sub_event_type:
            continue
        if wanted.status and event["status"] != wanted.status:
            continue
        if (wanted.start or wanted.end) and not _overlaps(event, wanted.start, wanted.end):
            continue
        if wanted.bbox and not _in_box(event, wanted.bbox):
            continue
        if wanted.actor_ids is not None and not has_actor(event, wanted.actor_ids):
            continue
        if wanted.actor_ids is None and wanted.actor and not _named_like(event, wanted.actor, names):
            continue
        out.append(event)
    return out


def page(items: list[Item], limit: int, offset: int) -> Item:
    return {"items": items[offset:offset + limit], "total": len(items), "limit": limit, "offset": offset}


def _source(document: Item, start: int, end: int) -> Item:
    return {"doc": document["id"], "title": document["title"], "outlet": document["outlet"],
            "published": document["published"], "start": start, "end": end, "text": document["text"][start:end]}


def event_detail(picture: Item, event_id: str) -> Item | None:
    """The event with its claims (each with the source span it stands on), its place, actors and contradictions."""
    event = next((e for e in picture["events"] if e["id"] == event_id), None) or next(
        (e for e in picture["events"] if event_id in e.get("aliases", ())), None)  # an id from before a merge
    if event is None:
        return None
    documents = {d["id"]: d for d in picture["documents"]}
    claims = {c["id"]: c for c in picture["claims"]}
    actors = {a["id"]: a for a in picture["actors"]}
    details = []
    for claim_id in event["claims"]:
        claim = claims.get(claim_id)
        if claim is None:
            continue
        document = documents[claim["doc"]]
        details.append({**claim, "source": _source(document, claim["start"], claim["end"])})
    ids = set(event["claims"])
    return {
        **event,
        "claim_details": details,
        "place_detail": next((p for p in picture["places"] if p["id"] == event["place"]), None),
        "actor_details": [actors[a] for a in (event["actor1"], event["actor2"]) if a in actors],
        "contradictions": [c for c in picture["contradictions"] if ids & set(c["claims"])],
        "documents": [{k: documents[d][k] for k in ("id", "title", "outlet", "published", "url", "path")}
                      for d in event["sources"] if d in documents],
    }


def document_spans(picture: Item, doc_id: str) -> list[Item]:
    """Every highlighted span in one document: claims, places and actors, sorted by position."""
    spans: list[Item] = []
    for claim in picture["claims"]:
        if claim["doc"] == doc_id:
            spans.append({"start": claim["start"], "end": claim["end"], "kind": "claim", "ref": claim["id"],
                          "label": claim["speaker"] or "the outlet"})
    for kind, records in (("place", picture["places"]), ("actor", picture["actors"])):
        for record in records:
            for mention in record["mentions"]:
                if mention["doc"] == doc_id:
                    spans.append({"start": mention["start"], "end": mention["end"], "kind": kind,
                                  "ref": record["id"], "label": record["name"]})
    return sorted(spans, key=lambda s: (s["start"], -s["end"], s["kind"], s["ref"]))


def _holds_on(period: Item, day: str) -> bool:
    start, end = period["from"]["date"], period["to"]["date"] if period["to"] else None
    return start is not None and start <= day and (end is None or day < end)


def control_on(picture: Item, day: str) -> list[Item]:
    """Who holds each place on ``day`` (YYYY-MM-DD): the period in force then, one asserted rather than denied when
    both are; places nobody is said to hold that day are left out. Sorted by place name, then id."""
    places = {p["id"]: p for p in picture["places"]}
    actors = {a["id"]: a["name"] for a in picture["actors"]}
    items = []
    for entry in picture.get("control", []):
        held = [p for p in entry["periods"] if _holds_on(p, day)]
        if not held:
            continue
        period = max(held, key=lambda p: (p["status"] != "denied", p["from"]["date"]))
        place = places.get(entry["place"], {})
        items.append({"place": entry["place"], "name": place.get("name"), "lat": place.get("lat"),
                      "lon": place.get("lon"), "controller": period["controller"],
                      "controller_name": actors.get(period["controller"], period["controller"]),
                      "since": period["from"]["date"], "since_precision": period["from"]["precision"],
                      "until": period["to"]["date"] if period["to"] else None, "status": period["status"],
                      "events": period["events"], "claims": period["claims"]})
    return sorted(items, key=lambda i: (i["name"] or "", i["place"]))
