"""The GeoJSON layers as GIS users open them: flat typed properties, names beside ids, a places layer.

GDAL's ogrinfo (Debian gdal-bin) reads the files as QGIS does; without it the GDAL test skips, unless
FRONTWATCH_REQUIRE_GDAL=1 (set by .ci/run), where a missing ogrinfo fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from frontwatch.output.geojson import events_geojson, places_geojson

EVENT_FIELDS = {
    "id": "String", "event_type": "String", "sub_event_type": "String", "date_start": "Date", "date_end": "Date",
    "date_precision": "String", "place": "String", "place_name": "String", "admin1": "String",
    "geo_precision": "Integer", "actor1": "String", "actor1_name": "String", "actor2": "String",
    "actor2_name": "String", "fatalities_low": "Integer", "fatalities_best": "Integer", "fatalities_high": "Integer",
    "fatalities_acled": "Integer", "status": "String", "independent_sources": "Integer", "link": "String",
}
PLACE_FIELDS = {"id": "String", "name": "String", "country": "String", "admin1": "String", "kind": "String",
                "events": "Integer", "mentions": "Integer"}


def _ogr_fields(path: Path) -> dict[str, str]:
    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo is None:
        if os.environ.get("FRONTWATCH_REQUIRE_GDAL"):
            pytest.fail("ogrinfo not found (apt-get install gdal-bin) and FRONTWATCH_REQUIRE_GDAL is set")
        pytest.skip("ogrinfo not found (apt-get install gdal-bin)")
    out = subprocess.run([ogrinfo, "-ro", "-so", "-al", str(path)], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    assert "Geometry: Point" in out, out
    return dict(re.findall(r"^(\w+): (\w+) \(", out, flags=re.MULTILINE))


def test_gdal_reads_event_fields_with_their_types(demo_run) -> None:
    fields = _ogr_fields(demo_run[1] / "events.geojson")
    assert {name: fields.get(name) for name in EVENT_FIELDS} == EVENT_FIELDS


def test_gdal_reads_the_places_layer(demo_run) -> None:
    fields = _ogr_fields(demo_run[1] / "places.geojson")
    assert {name: fields.get(name) for name in PLACE_FIELDS} == PLACE_FIELDS


def test_event_properties_are_flat_and_name_what_they_point_to(demo_run) -> None:
    picture = demo_run[0].picture
    geo = json.loads((demo_run[1] / "events.geojson").read_text(encoding="utf-8"))
    places = {p.id: p.name for p in picture.places}
    for feature in geo["features"]:
        props = feature["properties"]
        assert all(v is None or isinstance(v, str | int | float) for v in props.values()), props
        assert props["place_name"] == places[props["place"]]
        assert props["link"] == f"/#event={props['id']}"
        assert props["actor1"] is None or props["actor1_name"] not in {None, props["actor1"]}
    [raid] = [f["properties"] for f in geo["features"]
              if f["properties"]["sub_event_type"] == "Air/drone strike" and f["properties"]["place_name"] == "Idlib"]
    assert raid["independent_sources"] == 2 and raid["date_start"] and raid["date_precision"] in {"day", "week"}


def test_unlocated_events_stay_out_of_the_point_layer(demo_run) -> None:
    picture = demo_run[0].picture
    first = picture.events[0]
    unlocated = first.model_copy(update={"place": None, "lat": None, "lon": None})
    changed = picture.model_copy(update={"events": (unlocated, *picture.events[1:])})
    ids = [f["id"] for f in json.loads(events_geojson(changed))["features"]]
    assert first.id not in ids and len(ids) == len(picture.events) - 1


def test_places_layer_counts_events_and_is_deterministic(demo_run) -> None:
    picture = demo_run[0].picture
    text = places_geojson(picture)
    assert text == places_geojson(picture) and events_geojson(picture) == events_geojson(picture)
    counts = {f["properties"]["name"]: f["properties"]["events"] for f in json.loads(text)["features"]}
    assert counts["Idlib"] >= 1 and sum(counts.values()) == sum(1 for e in picture.events if e.place)
