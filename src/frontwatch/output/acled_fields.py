"""ACLED columns that take a rule of the ACLED codebook (2023-2024 editions) rather than a field of the picture:
disorder_type, civilian_targeting, source_scale and the crowd-size tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ..actor_dictionary import country_names
from ..lexicons import read_tsv
from ..model import Document

CIVILIANS = 7  # ACLED inter code of civilians
CIVILIAN_TARGETING = "Civilian targeting"  # the column's one non-empty value
# Codebook, "Civilian targeting": every Violence against civilians event; Explosions/Remote violence and Riots when
# civilians are the target. Battles, Protests and Strategic developments never carry it.
TARGETS_CIVILIANS_WHEN_NAMED = {"Explosions/Remote violence", "Riots"}

# Codebook, "Disorder type": Demonstrations are Protests and Riots, except Mob violence (Political violence) and
# Excessive force against protesters (both); Strategic developments are their own; the rest is Political violence.
DISORDER_BY_SUB_TYPE = {"Mob violence": "Political violence",
                        "Excessive force against protesters": "Political violence; Demonstrations"}
DISORDER_BY_TYPE = {"Protests": "Demonstrations", "Riots": "Demonstrations",
                    "Strategic developments": "Strategic developments"}

# Codebook, "Source scale": the values, in the order ACLED joins them ("National-International").
SCALE_ORDER = ("New media", "Local", "Subnational", "National", "Regional", "International", "Other")
# Two-letter top-level domains sold worldwide, which name no outlet's home country.
GENERIC_TLDS = frozenset({"ai", "cc", "co", "fm", "io", "me", "tv", "ws"})
TLD_COUNTRY = {"uk": "GB"}  # the one ccTLD that is not the country's ISO code

CROWD_EVENT_TYPES = {"Protests", "Riots"}  # ACLED tags crowd size on demonstration events only
NO_REPORT = "no report"  # ACLED's crowd size when no source gives one
_SIZE_TAG = re.compile(r"\[size=([^\]]+)\]")  # ACLED's own note convention, e.g. "[size=around 200]"
_VAGUE_CROWD = re.compile(
    r"\b(tens of thousands|hundreds of thousands|a few hundred|several hundred|several thousand|a few dozen|"
    r"hundreds|thousands|dozens|scores)\s+of\s+(?:[a-z-]+\s+)?(?:protesters|protestors|demonstrators|marchers|"
    r"rioters|people|residents|students|workers|supporters|women|farmers|youths)\b", re.IGNORECASE)
_COUNTED_CROWD = re.compile(
    r"\b((?:about|around|some|nearly|almost|over|more than|at least|up to|roughly)\s+)?(\d[\d,]*)\s+"
    r"(?:[a-z-]+\s+)?(?:protesters|protestors|demonstrators|marchers|rioters)\b", re.IGNORECASE)


def disorder_type(event_type: str, sub_event_type: str) -> str:
    return DISORDER_BY_SUB_TYPE.get(sub_event_type) or DISORDER_BY_TYPE.get(event_type, "Political violence")


def civilian_targeting(event_type: str, inter1: int | None, inter2: int | None) -> str:
    if event_type == "Violence against civilians":
        return CIVILIAN_TARGETING
    if event_type in TARGETS_CIVILIANS_WHEN_NAMED and CIVILIANS in (inter1, inter2):
        return CIVILIAN_TARGETING
    return ""


def crowd_size(texts: Iterable[str]) -> str:
    """ACLED's crowd size from the reports' words: their "[size=...]" note, a vague crowd ("hundreds of
    protesters" -> "hundreds") or a counted one ("about 200 demonstrators" -> "about 200"), else "no report"."""
    texts = list(texts)
    for pattern in (_SIZE_TAG, _VAGUE_CROWD):
        for text in texts:
            if found := pattern.search(text):
                return found.group(1).strip().lower()
    for text in texts:
        if found := _COUNTED_CROWD.search(text):
            hedge = (found.group(1) or "").strip().lower()
            return f"{hedge} {found.group(2)}".strip()
    return NO_REPORT


def tags(event_type: str, texts: Iterable[str]) -> str:
    return f"crowd size={crowd_size(texts)}" if event_type in CROWD_EVENT_TYPES else ""


@dataclass(frozen=True)
class OutletScale:
    country: str
    reach: str  # local | subnational | national | international


@cache
def _known_outlets() -> dict[str, OutletScale]:
    return {row["name"].lower(): OutletScale(row["country"], row["reach"]) for row in read_tsv("source_scales.tsv")}


def _home_by_domain(document: Document) -> OutletScale | None:
    """A national outlet's home country from its country-code domain (".sy", ".co.uk"), else None."""
    for where in (document.url, document.outlet):
        if not where:
            continue
        host = urlsplit(where if "//" in where else f"//{where}").hostname or ""
        if "." not in host or " " in host:
            continue
        tld = host.rsplit(".", 1)[1]
        country = TLD_COUNTRY.get(tld, tld.upper())
        if len(tld) == 2 and tld not in GENERIC_TLDS and country in country_names():
            return OutletScale(country, "national")
    return None


def source_scale(documents: Iterable[Document], event_country: str | None) -> str:
    """ACLED's source_scale of an event's sources: each known outlet's reach relative to the event's country, joined
    in ACLED's order ("National-International"); empty when no outlet's reach is known."""
    scales: set[str] = set()
    for document in documents:
        outlet = _known_outlets().get(document.outlet.lower()) or _home_by_domain(document)
        if outlet is None:
            continue
        if outlet.reach == "international" or (event_country and outlet.country != event_country):
            scales.add("International")
        elif event_country:
            scales.add(outlet.reach.capitalize())
    return "-".join(s for s in SCALE_ORDER if s in scales)
