"""events.geojson and places.geojson: RFC 7946 FeatureCollections with flat, typed properties.

GIS tools (QGIS, ogr2ogr, Kepler) show nested objects as opaque text and cannot style or filter on them, so every
property is a string, an integer, a number or null: names beside ids, the date as ``date_start``/``date_end``
(YYYY-MM-DD, read as Date fields by GDAL), fatalities as ``fatalities_low``/``_best``/``_high`` integers. A field keeps
one type in every feature. Events with no coordinates (``place`` null) are left out of the point layer; picture.json
and events.csv keep them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..actor_dictionary import country_names
from ..extract.actors import actor_table
from ..model import Event, Picture, Place

COORD_DIGITS = 6  # ~0.1 m: more than any gazetteer point is worth, stable across platforms
EVENT_LINK = "/#event={id}"  # the web UI (frontwatch serve) opens the event named in the URL's fragment

Properties = dict[str, str | int | float | None]


def _collection(features: list[dict[str, Any]]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"


def _point(ident: str, lon: float, lat: float, props: Properties) -> dict[str, Any]:
    # RFC 7946: longitude first, WGS 84
    return {"type": "Feature", "id": ident,
            "geometry": {"type": "Point", "coordinates": [round(lon, COORD_DIGITS), round(lat, COORD_DIGITS)]},
            "properties": props}


def event_properties(event: Event, places: dict[str, Place]) -> Properties:
    """One event as flat GIS attributes; ids and names side by side."""
    actors = actor_table()
    place = places.get(event.place or "")

    def name(actor_id: str | None) -> str | None:
        return actors[actor_id].name if actor_id in actors else actor_id

    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "place": event.place,
        "place_name": place.name if place else None,
        "country": place.country if place else None,
        "country_name": country_names().get(place.country or "") if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "geo_precision": event.geo_precision,
        "actor1": event.actor1,
        "actor1_name": name(event.actor1),
        "actor2": event.actor2,
        "actor2_name": name(event.actor2),
        "assoc_actor_1": "; ".join(name(a) or a for a in event.assoc_actor_1) or None,
        "assoc_actor_2": "; ".join(name(a) or a for a in event.assoc_actor_2) or None,
        "fatalities_low": event.fatalities.low,
        "fatalities_best": event.fatalities.best,
        "fatalities_high": event.fatalities.high,
        "fatalities_acled": event.fatalities.acled,
        "status": event.status,
        "independent_sources": event.independent_sources,
        "sources": len(event.sources),
        "claims": len(event.claims),
        "summary": event.summary,
        "link": EVENT_LINK.format(id=event.id),
    }


def events_geojson(picture: Picture) -> str:
    """One Point per located event; unlocated events are not in this layer."""
    places = {p.id: p for p in picture.places}
    features = [_point(e.id, e.lon, e.lat, event_properties(e, places))
                for e in picture.events if e.lat is not None and e.lon is not None]
    return _collection(features)


def places_geojson(picture: Picture) -> str:
    """One Point per place the coverage names, with how many events happened there and how often it is named."""
    events_at = Counter(e.place for e in picture.events if e.place)
    features = []
    for place in sorted(picture.places, key=lambda p: p.id):
        props: Properties = {
            "id": place.id,
            "name": place.name,
            "gazetteer_name": place.gazetteer_name,
            "country": place.country,
            "country_name": country_names().get(place.country or ""),
            "admin1": place.admin1,
            "admin2": place.admin2,
            "kind": place.kind,
            "geonameid": place.geonameid,
            "events": events_at.get(place.id, 0),
            "mentions": len(place.mentions),
        }
        features.append(_point(place.id, place.lon, place.lat, props))
    return _collection(features)
