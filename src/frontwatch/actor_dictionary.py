"""The actor dictionaries: named actors (data/actors.tsv, data/actors_world.tsv) and generic ones by country.

A generic actor is a category plus a country: ``military-sd`` is *Military Forces of Sudan*, ``protesters-ar``
*Protesters (Argentina)* (data/actor_generic.tsv, ACLED's naming). A bare category id (``military``) stands for a
mention whose country is not known yet. A dictionary row of a state's forces, police or government only adds names
of that country's generic actor ("Syrian Arab Army" -> ``military-sy``), so no row binds "the army" to one war.
Shared by the nlp stage (the actor EntityRuler) and extract/actors.py (mentions).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from .lexicons import read_tsv, split_forms

ACTOR_FILES = ("actors.tsv", "actors_world.tsv")
STATE_KINDS = {"state_forces": "military", "police": "police", "government": "government"}
GENERIC_SEP = "-"


@dataclass(frozen=True)
class ActorInfo:
    id: str
    name: str
    kind: str
    inter: int | None
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes where it operates; () = anywhere
    start: str | None = None  # the entry holds from / until these dates (ISO, blank = open)
    end: str | None = None

    @property
    def country(self) -> str | None:
        return self.countries[0] if len(self.countries) == 1 else None

    @property
    def generic(self) -> str | None:
        """The generic category of a generic actor id ("military" for military-sd), else None."""
        head = self.id.partition(GENERIC_SEP)[0]
        return head if head in generic_categories() else None

    @property
    def state(self) -> bool:
        return self.generic in {"military", "police", "government"}


@dataclass(frozen=True)
class GenericCategory:
    category: str
    name: str  # with {country}
    kind: str
    inter: int
    forms: tuple[str, ...]


@cache
def generic_categories() -> dict[str, GenericCategory]:
    return {row["category"]: GenericCategory(row["category"], row["name"], row["kind"], int(row["inter"]),
                                             tuple(split_forms(row["forms"])))
            for row in read_tsv("actor_generic.tsv")}


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-2 -> the country's name as ACLED writes it (data/acled_countries.tsv, else data/countries.tsv)."""
    names = {row["iso2"]: row["name"] for row in read_tsv("countries.tsv")}
    names.update({row["iso2"]: row["acled_name"] for row in read_tsv("acled_countries.tsv")})
    return names


@dataclass(frozen=True)
class AcledCountry:
    name: str
    iso: int  # ISO 3166-1 numeric, as ACLED's `iso` column writes it
    region: str


@cache
def acled_countries() -> dict[str, AcledCountry]:
    """ISO alpha-2 -> ACLED's name, ISO numeric code and region (data/acled_countries.tsv)."""
    return {row["iso2"]: AcledCountry(row["acled_name"], int(row["iso_numeric"]), row["region"])
            for row in read_tsv("acled_countries.tsv")}


UNNAMED = "uag"  # the category of armed men no report identifies


@cache
def unnamed_armed_men() -> dict[str, str]:
    """ISO alpha-2 -> the category ACLED's coding gives unidentified armed men there, where it is not ``uag``
    (data/unnamed_armed_men.tsv)."""
    return {row["iso2"]: row["category"] for row in read_tsv("unnamed_armed_men.tsv")}


FORCES_HELD_BY = {("military", "PS"): "IL"}  # no Palestinian state has an army: soldiers in the West Bank and Gaza
# are Israel's (ACLED codes them Military Forces of Israel; Palestinian security forces are police)


def generic_id(category: str, country: str | None) -> str:
    """``military-sd``; the bare category when the country is unknown or not one ACLED names. Unidentified armed
    men take their country's convention (``uag`` in El Salvador is ``gang-sv``)."""
    if not (country and country in country_names()):
        return category
    if category == UNNAMED:
        category = unnamed_armed_men().get(country, category)
    country = FORCES_HELD_BY.get((category, country), country)
    return f"{category}{GENERIC_SEP}{country.lower()}"


def _generic_info(actor_id: str) -> ActorInfo | None:
    category, _, cc = actor_id.partition(GENERIC_SEP)
    cat = generic_categories().get(category)
    if cat is None or (cc and (len(cc) != 2 or cc.upper() not in country_names())):
        return None
    country = cc.upper() if cc else None
    name = cat.name.format(country=country_names()[country]) if country else \
        cat.name.replace(" of {country}", "").replace(" ({country})", "")
    return ActorInfo(id=actor_id, name=name, kind=cat.kind, inter=cat.inter, aliases=cat.forms,
                     countries=(country,) if country else ())


class ActorTable(Mapping[str, ActorInfo]):
    """Named actors by id; generic ids (``military-sd``, ``protesters``) are answered on lookup."""

    def __init__(self, named: dict[str, ActorInfo]) -> None:
        self.named = named

    def __getitem__(self, actor_id: str) -> ActorInfo:
        info = self.named.get(actor_id) or _generic_info(actor_id)
        if info is None:
            raise KeyError(actor_id)
        return info

    def __iter__(self) -> Iterator[str]:
        return iter(self.named)

    def __len__(self) -> int:
        return len(self.named)

    def __contains__(self, actor_id: object) -> bool:
        return isinstance(actor_id, str) and (actor_id in self.named or _generic_info(actor_id) is not None)


def dictionary_rows() -> Iterator[dict[str, str]]:
    for name in ACTOR_FILES:
        yield from read_tsv(name)


def name_forms(row: dict[str, str]) -> list[str]:
    """How a text writes a named actor that its ACLED-style name already spells out: "Rapid Support Forces", the
    English name after an acronym ("JNIM: Group for Support of Islam and Muslims"), each half of a party/army pair
    ("United League of Arakan/Arakan Army"). Not a name with a qualifier in brackets, nor a state's or a generic
    pattern ("Military Forces of ...")."""
    name = row["name"].split(":", 1)[1].strip() if ":" in row["name"] else row["name"]
    if "(" in name or name.startswith(("Military Forces", "Police Forces", "Government of")):
        return []
    return [part.strip() for part in name.split("/") if len(part.strip()) > 3]


def canonical_id(row: dict[str, str]) -> str:
    """A row of a state's forces, police or government stands for that country's generic actor."""
    countries = split_forms(row["countries"])
    category = STATE_KINDS.get(row["kind"])
    return generic_id(category, countries[0]) if category and len(countries) == 1 else row["id"]


@cache
def actor_table() -> ActorTable:
    table = {}
    for row in dictionary_rows():
        actor_id = canonical_id(row)
        if actor_id != row["id"]:
            continue  # answered as a generic actor
        table[actor_id] = ActorInfo(
            id=actor_id, name=row["name"], kind=row["kind"], inter=int(row["inter"]) if row["inter"] else None,
            aliases=tuple(a.lstrip("@") for a in split_forms(row["aliases"])),
            countries=tuple(split_forms(row["countries"])), start=row["from"] or None, end=row["to"] or None,
        )
    return ActorTable(table)


@cache
def _era_rows() -> dict[str, tuple[str | None, str | None, str]]:
    """Actor id -> (from, to, first country) of dictionary rows that hold only for a period."""
    out = {}
    for row in dictionary_rows():
        countries = split_forms(row["countries"])
        if (row["from"] or row["to"]) and countries:
            out[canonical_id(row)] = (row["from"] or None, row["to"] or None, countries[0])
    return out


@cache
def successor(actor_id: str) -> str | None:
    """The actor that took over from one whose entry ended ("Taliban" after 15 August 2021: the Military Forces of
    Afghanistan): the row of the same country that starts on the day this one ends, a state's forces first."""
    era = _era_rows().get(actor_id)
    if era is None or era[1] is None:
        return None
    _start, end, country = era
    following = [row for row in dictionary_rows() if row["from"] == end and country in split_forms(row["countries"])]
    following.sort(key=lambda row: (row["kind"] not in STATE_KINDS, row["id"]))
    return canonical_id(following[0]) if following else None


def in_era(actor_id: str | None, day: str | None) -> str | None:
    """The actor that the dictionary names for ``day`` (ISO date): a successor once the entry has ended."""
    if actor_id is None or day is None:
        return actor_id
    era = _era_rows().get(actor_id)
    if era is not None and era[1] is not None and day >= era[1]:
        return successor(actor_id) or actor_id
    return actor_id
