"""events.geojson: RFC 7946 FeatureCollection, one Point feature per located event, properties = event fields."""

from __future__ import annotations

import json

from ..model import Picture


def events_geojson(picture: Picture) -> str:
    features = []
    for event in picture.events:
        if event.lat is None or event.lon is None:
            continue
        props = event.model_dump(mode="json")
        features.append({
            "type": "Feature",
            "id": event.id,
            # RFC 7946: longitude first, WGS 84
            "geometry": {"type": "Point", "coordinates": [round(event.lon, 6), round(event.lat, 6)]},
            "properties": props,
        })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"
