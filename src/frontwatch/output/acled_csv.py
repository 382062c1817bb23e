"""events.csv with ACLED's column names and conventions, plus UCDP-style fatality and precision columns.

ACLED columns follow the ACLED export (event_id_cnty ... timestamp); time_precision is 1 day, 2 week, 3 month;
the codebook's rules for disorder_type, civilian_targeting, source_scale and tags live in acled_fields.py.
admin2 is the district the place lies in, or the place itself when it is a second-level division (a US county);
admin3 is filled where the place is itself a third-level division (kind "admin3"; the gazetteer knows few).
timestamp is ACLED's time of the row's last change, as Unix seconds; ours is derived from the data, never the
clock: midnight UTC of the newest publication date among the event's reports, else of the event's last day.
event_id_cnty is the country code, "FW" and the event's stable id, so a row keeps its id when the picture grows.

Events with no coordinates (a place no gazetteer knows) are kept, as ACLED users count events by country and
type: latitude, longitude, location and geo_precision are empty, the country comes from the actors when they
name one, where_prec is 6 (country) and the notes say why.

UCDP-style extras: best, low, high (fatalities), where_prec (1 exact ... 6 country), date_prec (1 day ... 5 year),
source_article (our document ids), source_original (the speakers behind the claims).
"""

from __future__ import annotations

import calendar
import csv
import io
from datetime import date

from ..actor_dictionary import acled_countries
from ..extract.actors import actor_table
from ..model import Document, Event, Picture
from .acled_fields import civilian_targeting, disorder_type, source_scale, tags

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "best", "low", "high", "where_prec", "date_prec", "source_article", "source_original", "status",
    "independent_sources", "frontwatch_id",
]
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}  # ACLED time_precision codes
DATE_PREC = {"day": 1, "week": 2, "month": 3}  # UCDP date_prec: 1 day, 2 2-6 days, 3 week-month
WHERE_PREC = {1: 1, 2: 2, 3: 4}  # ACLED geo_precision -> UCDP where_prec (1 exact, 2 within 25 km, 4 admin1)
WHERE_PREC_COUNTRY = 6  # UCDP where_prec: only the country is known
UNLOCATED_NOTE = "No coordinates: the reports name a place no gazetteer we ship knows."
ADMIN2_KINDS = {"county", "admin2"}  # place kinds that are second-level administrative divisions
ADMIN3_KINDS = {"admin3"}  # place kinds that are third-level administrative divisions (sub-districts, communes)


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: the two actors' inter codes, the lower first ("12", "17"); a lone actor pairs
    with 0 ("10")."""
    if not inter1 and not inter2:
        return ""
    if not inter1 or not inter2:
        return f"{inter1 or inter2}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def timestamp(event: Event, sources: list[Document]) -> int | str:
    """When the row last changed, as ACLED counts it (Unix seconds): the newest report's publication day, else the
    event's last day, at midnight UTC; empty when neither is known."""
    days = [d.published.date for d in sources if d.published.date]
    day = max(days) if days else event.date.end or event.date.start
    if not day:
        return ""
    return calendar.timegm(date.fromisoformat(day).timetuple())


def events_csv(picture: Picture) -> str:
    actors = actor_table()
    places = {p.id: p for p in picture.places}
    docs = {d.id: d for d in picture.documents}
    claims = {c.id: c for c in picture.claims}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in picture.events:
        place = places.get(event.place or "")
        a1 = actors.get(event.actor1 or "")
        a2 = actors.get(event.actor2 or "")
        event_claims = [claims[c] for c in event.claims if c in claims]
        speakers = sorted({c.speaker or "" for c in event_claims} - {""})
        sources = [docs[d] for d in event.sources if d in docs]
        outlets = sorted({d.outlet for d in sources})
        cc = place.country if place else next((a.country for a in (a1, a2) if a is not None and a.country), None)
        country = acled_countries().get(cc or "")
        inter1 = a1.inter if a1 and a1.inter else ""
        inter2 = a2.inter if a2 and a2.inter else ""
        located = place is not None and event.lat is not None and event.lon is not None
        writer.writerow({
            "event_id_cnty": f"{cc or 'XX'}FW{event.id.removeprefix('evt-')}",
            "event_date": event.date.start or "",
            "year": (event.date.start or "")[:4],
            "time_precision": TIME_PRECISION.get(event.date.precision, 3) if event.date.start else "",
            "disorder_type": disorder_type(event.event_type, event.sub_event_type),
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "actor1": a1.name if a1 else "",
            "assoc_actor_1": "; ".join(actors[a].name for a in event.assoc_actor_1 if a in actors),
            "inter1": inter1,
            "actor2": a2.name if a2 else "",
            "assoc_actor_2": "; ".join(actors[a].name for a in event.assoc_actor_2 if a in actors),
            "inter2": inter2,
            "interaction": interaction(a1.inter if a1 else None, a2.inter if a2 else None),
            "civilian_targeting": civilian_targeting(event.event_type, a1.inter if a1 else None,
                                                     a2.inter if a2 else None),
            "iso": country.iso if country else "",
            "region": country.region if country else "",
            "country": country.name if country else (cc or ""),
            "admin1": place.admin1 or "" if place else "",
            "admin2": (place.admin2 or (place.name if place.kind in ADMIN2_KINDS else "")) if place else "",
            "admin3": place.name if place and place.kind in ADMIN3_KINDS else "",
            "location": place.name if place else "",
            "latitude": f"{event.lat:.4f}" if located and event.lat is not None else "",
            "longitude": f"{event.lon:.4f}" if located and event.lon is not None else "",
            "geo_precision": event.geo_precision if located else "",
            "source": "; ".join(outlets),
            "source_scale": source_scale(sources, cc),
            "notes": event.summary if located else f"{event.summary}. {UNLOCATED_NOTE}",
            "fatalities": event.fatalities.acled,
            "tags": tags(event.event_type, [c.text for c in event_claims]),
            "timestamp": timestamp(event, sources),
            "best": event.fatalities.best if event.fatalities.best is not None else "",
            "low": event.fatalities.low if event.fatalities.low is not None else "",
            "high": event.fatalities.high if event.fatalities.high is not None else "",
            "where_prec": WHERE_PREC.get(event.geo_precision, 4) if located else WHERE_PREC_COUNTRY if cc else "",
            "date_prec": DATE_PREC.get(event.date.precision, 5),
            "source_article": "; ".join(event.sources),
            "source_original": "; ".join(speakers),
            "status": event.status,
            "independent_sources": event.independent_sources,
            "frontwatch_id": event.id,
        })
    return out.getvalue()
