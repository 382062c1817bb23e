"""control.geojson: one Point per period of control (picture.json ``control``), flat properties for GIS tools.

Each feature is a place held by one controller from ``from_date`` to ``to_date`` (null: still held as far as the
sources tell), so a GIS time filter (QGIS temporal controller on ``from_date``/``to_date``) shows who holds what on a
day. Properties are strings, integers or null, as in events.geojson (output/geojson.py).
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Picture

COORD_DIGITS = 6  # as events.geojson: ~0.1 m, stable across platforms

Properties = dict[str, str | int | float | None]


def control_features(picture: Picture) -> list[dict[str, Any]]:
    places = {p.id: p for p in picture.places}
    actors = {a.id: a.name for a in picture.actors}
    features = []
    for entry in picture.control:
        place = places.get(entry.place)
        if place is None:
            continue
        for n, period in enumerate(entry.periods):
            props: Properties = {
                "place": place.id,
                "place_name": place.name,
                "controller": period.controller,
                "controller_name": actors.get(period.controller, period.controller),
                "from_date": period.from_.date,
                "from_precision": period.from_.precision,
                "from_latest": period.from_.latest,
                "to_date": period.to.date if period.to else None,
                "status": period.status,
                "events": "; ".join(period.events) or None,
                "claims": len(period.claims),
            }
            features.append({"type": "Feature", "id": f"{place.id}#{n}",
                             "geometry": {"type": "Point",  # RFC 7946: longitude first, WGS 84
                                          "coordinates": [round(place.lon, COORD_DIGITS),
                                                          round(place.lat, COORD_DIGITS)]},
                             "properties": props})
    return features


def control_geojson(picture: Picture) -> str:
    return json.dumps({"type": "FeatureCollection", "features": control_features(picture)}, ensure_ascii=False,
                      indent=1) + "\n"
