"""The reviewed gazetteer supplement: every row well formed, sourced, inside its country, and no duplicate point."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import pytest

from frontwatch import gazetteer

SUPPLEMENT = Path(gazetteer.__file__).parent / "data" / "gazetteer_supplement.tsv"
COLUMNS = ["id", "name", "alternates", "lat", "lon", "country", "admin1", "kind", "geonameid", "precision_km", "source"]
KINDS = {"city", "town", "village", "region", "airport", "airbase", "military_site", "naval_base"}
PADDING_DEGREES = 1.5  # a country's rough box: its GeoNames places' extent, widened by this much on each side


def rows() -> list[dict[str, str]]:
    lines = [line.rstrip("\n") for line in SUPPLEMENT.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    header = lines[0].split("\t")
    assert header == COLUMNS
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, a)))


@cache
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load()


@cache
def boxes() -> dict[str, tuple[float, float, float, float]]:
    """Each country's rough bounding box from its GeoNames populated places (and its own point)."""
    extent: dict[str, list[float]] = {}
    for e in gaz().entries:
        if e.source != "geonames" or e.kind not in {"city", "town", "village", "country"} or not e.country:
            continue
        box = extent.setdefault(e.country, [e.lat, e.lat, e.lon, e.lon])
        box[0], box[1] = min(box[0], e.lat), max(box[1], e.lat)
        box[2], box[3] = min(box[2], e.lon), max(box[3], e.lon)
    return {cc: (b[0] - PADDING_DEGREES, b[1] + PADDING_DEGREES, b[2] - PADDING_DEGREES, b[3] + PADDING_DEGREES)
            for cc, b in extent.items()}


def test_every_row_parses_with_a_kind_a_precision_and_a_source() -> None:
    seen: set[str] = set()
    for row in rows():
        assert row["id"] and row["id"] not in seen, row["id"]
        seen.add(row["id"])
        assert row["name"].strip() == row["name"] and row["name"], row["id"]
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, row["id"]
        assert row["kind"] in KINDS, row["id"]
        assert float(row["precision_km"]) > 0, row["id"]
        assert len(row["source"].strip()) >= 10, f"{row['id']} names no source"
        assert not row["geonameid"] or row["geonameid"].isdigit(), row["id"]
        assert all(form.strip() == form and form for form in row["alternates"].split("|") if row["alternates"]), \
            row["id"]
        if row["source"].startswith("reference knowledge"):
            assert float(row["precision_km"]) >= 5, f"{row['id']}: an unverified position claims too much precision"


def test_rows_lie_inside_their_country() -> None:
    countries = gaz().countries
    for row in rows():
        cc = row["country"]
        if not cc:
            continue  # seas and wide regions (Middle East, Caucasus) belong to no one country
        assert cc in countries, f"{row['id']}: unknown country {cc}"
        lat, lon = float(row["lat"]), float(row["lon"])
        south, north, west, east = boxes()[cc]
        inside = south <= lat <= north and west <= lon <= east
        point = countries[cc]
        assert inside or km(lat, lon, point.lat, point.lon) <= 1500, f"{row['id']} lies outside {cc}"


def test_admin1_is_spelled_as_geonames_spells_it() -> None:
    admin1 = {(e.country, e.name) for e in gaz().entries if e.kind == "admin1"}
    for row in rows():
        if row["admin1"] and row["country"]:
            assert (row["country"], row["admin1"]) in admin1, f"{row['id']}: admin1 {row['admin1']!r}"


def test_spelling_rows_point_at_their_geonames_entry() -> None:
    by_id = {e.geonameid: e for e in gaz().entries if e.source == "geonames" and e.geonameid}
    for row in rows():
        if not row["geonameid"]:
            continue
        entry = by_id.get(int(row["geonameid"]))
        assert entry is not None, f"{row['id']}: GeoNames {row['geonameid']} is not in the gazetteer"
        assert entry.country == row["country"], row["id"]
        assert km(float(row["lat"]), float(row["lon"]), entry.lat, entry.lon) <= 10, row["id"]


def test_new_points_do_not_duplicate_a_geonames_place() -> None:
    g = gaz()
    for row in rows():
        if row["geonameid"]:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        for e in g.lookup(row["name"]):
            if e.source == "geonames" and e.country == row["country"] and e.kind in {"city", "town", "village"}:
                assert km(lat, lon, e.lat, e.lon) > 5, \
                    f"{row['id']} duplicates GeoNames {e.geonameid} {e.name!r}: add its spellings with a geonameid"


@pytest.mark.parametrize(("name", "country"), [("Pibor", "SS"), ("Tinzaouaten", "ML"), ("Umlazi", "ZA"),
                                              ("Paraskoviivka", "UA"), ("Ngarbuh", "CM"), ("Laiza", "MM"),
                                              ("Kipupu", "CD"), ("Saraf Omra", "SD"), ("Maroun al-Ras", "LB")])
def test_supplement_places_are_found_by_name(name: str, country: str) -> None:
    assert any(e.country == country and e.source == "supplement" for e in gaz().lookup(name))
