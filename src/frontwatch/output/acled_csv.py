"""events.csv with ACLED's column names and conventions, plus UCDP-style fatality and precision columns.

ACLED columns follow the ACLED export (event_id_cnty ... timestamp); time_precision is 1 day, 2 week, 3 month.
UCDP-style extras: best, low, high (fatalities), where_prec (1 exact ... 7 country), date_prec (1 day ... 5 year),
source_article (our document ids), source_original (the speakers behind the claims).
"""

from __future__ import annotations

import csv
import io

from ..actor_dictionary import acled_countries
from ..extract.actors import actor_table
from ..model import Picture

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
DISORDER = {"Protests": "Demonstrations", "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}


CIVILIANS = 7  # ACLED inter code of civilians


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: the two actors' inter codes, the lower first ("12", "17"); a lone actor pairs
    with 0 ("10")."""
    if not inter1 and not inter2:
        return ""
    if not inter1 or not inter2:
        return f"{inter1 or inter2}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def events_csv(picture: Picture) -> str:
    actors = actor_table()
    places = {p.id: p for p in picture.places}
    docs = {d.id: d for d in picture.documents}
    claims = {c.id: c for c in picture.claims}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for n, event in enumerate(picture.events, start=1):
        place = places.get(event.place or "")
        a1 = actors.get(event.actor1 or "")
        a2 = actors.get(event.actor2 or "")
        speakers = sorted({claims[c].speaker or "" for c in event.claims if c in claims} - {""})
        outlets = sorted({docs[d].outlet for d in event.sources if d in docs})
        country = acled_countries().get(place.country or "") if place else None
        inter1 = a1.inter if a1 and a1.inter else ""
        inter2 = a2.inter if a2 and a2.inter else ""
        writer.writerow({
            "event_id_cnty": f"{place.country if place else 'XX'}FW{n}",
            "event_date": event.date.start or "",
            "year": (event.date.start or "")[:4],
            "time_precision": TIME_PRECISION.get(event.date.precision, 3),
            "disorder_type": DISORDER.get(event.event_type, "Political violence"),
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "actor1": a1.name if a1 else "",
            "assoc_actor_1": "; ".join(actors[a].name for a in event.assoc_actor_1 if a in actors),
            "inter1": inter1,
            "actor2": a2.name if a2 else "",
            "assoc_actor_2": "; ".join(actors[a].name for a in event.assoc_actor_2 if a in actors),
            "inter2": inter2,
            "interaction": interaction(a1.inter if a1 else None, a2.inter if a2 else None),
            "civilian_targeting": "Civilian targeting" if event.event_type == "Violence against civilians" or (
                a2 is not None and a2.inter == CIVILIANS) else "",
            "iso": country.iso if country else "",
            "region": country.region if country else "",
            "country": country.name if country else (place.country or "" if place else ""),
            "admin1": place.admin1 or "" if place else "",
            "admin2": "",
            "admin3": "",
            "location": place.name if place else "",
            "latitude": f"{event.lat:.4f}" if event.lat is not None else "",
            "longitude": f"{event.lon:.4f}" if event.lon is not None else "",
            "geo_precision": event.geo_precision,
            "source": "; ".join(outlets),
            "source_scale": "Other",
            "notes": event.summary,
            "fatalities": event.fatalities.acled,
            "tags": "",
            "timestamp": "",
            "best": event.fatalities.best if event.fatalities.best is not None else "",
            "low": event.fatalities.low if event.fatalities.low is not None else "",
            "high": event.fatalities.high if event.fatalities.high is not None else "",
            "where_prec": WHERE_PREC.get(event.geo_precision, 4),
            "date_prec": DATE_PREC.get(event.date.precision, 5),
            "source_article": "; ".join(event.sources),
            "source_original": "; ".join(speakers),
            "status": event.status,
            "independent_sources": event.independent_sources,
            "frontwatch_id": event.id,
        })
    return out.getvalue()
