"""Build src/frontwatch/data/countries.tsv: each country's conventional point and its demonyms.

Source: the PyPI package countryinfo 1.0.1 (MIT licence; its data follows REST Countries): ``latlng`` is the
conventional representative point that gazetteers and geoparsing corpora use for a country (Russia 60 N 100 E;
for the US, whose source point is a rounded 38 N 97 W, the surveyed centre of the contiguous states instead),
``demonym`` the adjective ("Georgian", "Palestinian"). A demonym shared by several entries (Chinese: China, Hong
Kong, Macau; American: the US, Northern Mariana Islands) is kept only for the most populous one. Plural nouns
("Russians", "Israelis") are derived by rule for demonyms ending in -an, -i or -ian. Build time only:

    pip download --no-deps countryinfo==1.0.1 -d /tmp/ci && unzip -q -o /tmp/ci/*.whl -d /tmp/ci
    python scripts/build_countries.py /tmp/ci/countryinfo/data > src/frontwatch/data/countries.tsv
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

POINT_OVERRIDES = {  # iso2 -> (lat, lon, why): where the rounded source point is far from the usual one
    "US": (39.8283, -98.5795, "geographic centre of the contiguous United States, near Lebanon, Kansas (USGS)"),
}
PLURAL_ENDINGS = ("an", "i")  # Russian -> Russians, Israeli -> Israelis; not Chinese, French, Dutch


def forms(demonym: str) -> list[str]:
    out = []
    for word in (w.strip() for w in demonym.split(",")):
        if not word or not word[:1].isupper():
            continue
        out.append(word)
        if word.endswith(PLURAL_ENDINGS):
            out.append(word + "s")
    return out


def main(folder: Path) -> None:
    rows = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if not iso or not latlng or len(latlng) != 2:
            continue
        lat, lon = POINT_OVERRIDES.get(iso, (float(latlng[0]), float(latlng[1]), ""))[:2]
        rows.append((iso, data["name"], lat, lon, data.get("demonym") or "", int(data.get("population") or 0)))
    owner: dict[str, tuple[int, str]] = {}
    for iso, _name, _lat, _lon, demonym, population in rows:
        for form in forms(demonym):
            if form not in owner or population > owner[form][0]:
                owner[form] = (population, iso)
    print("# Country points and demonyms by scripts/build_countries.py from countryinfo 1.0.1 (MIT; REST Countries")
    print("# data). lat/lon: the conventional representative point; demonyms: adjective and derived plural nouns.")
    for iso, (_lat, _lon, why) in sorted(POINT_OVERRIDES.items()):
        print(f"# {iso} point overridden: {why}.")
    print("iso2\tname\tlat\tlon\tdemonyms")
    seen = set()
    for iso, name, lat, lon, demonym, _population in sorted(rows):
        if iso in seen:
            continue
        seen.add(iso)
        mine = [f for f in forms(demonym) if owner[f][1] == iso]
        print(f"{iso}\t{name}\t{lat:g}\t{lon:g}\t{'|'.join(mine)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
