"""Places: resolve each place span the pipeline found to one gazetteer entry, with the reasons it won.

Scoring (all parts recorded in ``PlaceRef.why``):
- ``focus``: share of the document's confident place mentions that lie in the candidate's country;
- ``admin1``: the candidate's province is itself named in the document;
- ``near``: distance to places in the document that have only one reading (supplement entries, unique names);
- ``population``: log10 of the population (bigger places are mentioned more often);
- ``exact`` / ``supplement`` / ``kind``: exact spelling match, reviewed supplement entry, province cue.
Relative phrases ("5 km north-east of X", "outskirts of X", "X countryside", "near X") set ``relative`` and the
ACLED geo_precision (1 = the place itself, 2 = near it or part of a region, 3 = a province or larger).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.tokens import Doc, Span

from .. import gazetteer
from ..gazetteer import Entry, normalize
from ..model import Mention, PlaceMention, PlaceRef

FOCUS_WEIGHT = 3.0  # a candidate in the document's main country beats a bigger namesake abroad
ADMIN1_WEIGHT = 1.0
NEAR_KM, NEAR_WEIGHT = 60.0, 1.5  # within this of an unambiguous place in the same document
MID_KM, MID_WEIGHT = 150.0, 0.5
POPULATION_WEIGHT = 0.15  # per power of ten
EXACT_WEIGHT = 0.5
SUPPLEMENT_WEIGHT = 0.5
PROVINCE_CUE_WEIGHT = 2.0
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
NOT_EVENT_KINDS = {"country"}  # a whole country is never an event location on its own
ORG_SEAT_WORDS = {"institute", "university", "council", "center", "centre", "foundation", "think", "tank",
                  "agency", "organization", "organisation", "ministry", "embassy", "newspaper", "magazine"}

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_DIRECTIONS = {"north": 0, "north-east": 45, "northeast": 45, "east": 90, "south-east": 135, "southeast": 135,
               "south": 180, "south-west": 225, "southwest": 225, "west": 270, "north-west": 315, "northwest": 315}
_ABBREV = {0: "N", 45: "NE", 90: "E", 135: "SE", 180: "S", 225: "SW", 270: "W", 315: "NW"}
_OFFSET = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s*(?P<unit>km|kilometres|kilometers|miles|mi)\s+"
    r"(?:to the\s+)?(?P<dir>" + "|".join(sorted(_DIRECTIONS, key=len, reverse=True)) + r")\s+of\s+(?:the\s+)?$",
    re.I,
)
MILE_KM = 1.609344


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def destination(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) on the given bearing (great circle)."""
    d = km / EARTH_RADIUS_KM
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)


ABBREVIATED = re.compile(r"(?:[A-Z][a-z]{0,3}\. ?){1,3}")  # "U.S.", "W.Va.", "D.C.", "Kan.": the period is the name's


def _clean_span_text(span: Span) -> tuple[int, int, str]:
    text = span.text
    trimmed = text.rstrip(",;:'’")
    if not ABBREVIATED.fullmatch(trimmed):
        trimmed = trimmed.rstrip(".,;:'’")
    if trimmed.endswith(("'s", "’s")):
        trimmed = trimmed[:-2]
    return span.start_char, span.start_char + len(trimmed), trimmed


def _province_cue(span: Span) -> bool:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    return after in {"province", "governorate"} or before[-2:] == ["province", "of"] or (
        after == "'s" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in {"province", "governorate"}
    )


def _relative(span: Span) -> tuple[str | None, int, tuple[float, float] | None]:
    """(relative phrase, geo_precision, (km, bearing) offset) for the words around a place span."""
    doc = span.doc
    before_text = doc.text[max(0, span.start_char - 60) : span.start_char]
    offset = _OFFSET.search(before_text)
    if offset:
        num = offset["num"].lower()
        km = float(_NUMBER_WORDS.get(num, 0) or num)
        if offset["unit"].lower() in {"miles", "mi"}:
            km *= MILE_KM
        bearing = _DIRECTIONS[offset["dir"].lower()]
        return f"{km:g} km {_ABBREV[bearing]} of", 2, (km, bearing)
    before = [t.lower_ for t in doc[max(0, span.start - 4) : span.start]]
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    if "outskirts" in before:
        return "outskirts of", 1, None
    if "countryside" in before or (after[:1] == ["countryside"]):
        return "countryside of", 2, None
    if before[-1:] in (["near"], ["around"]) or before[-2:] == ["close", "to"]:
        return "near", 2, None
    return None, 1, None


def _not_event_location(span: Span) -> bool:
    """'UK-based', 'an institute in Washington': a place named for an organisation's seat, not for an event."""
    doc = span.doc
    end_char = span.end_char
    if doc.text[end_char : end_char + 6].lower() == "-based":
        return True
    window = [t.lower_ for t in doc[max(0, span.start - 4) : span.start]]
    if window[-1:] == ["in"] and any(w in ORG_SEAT_WORDS for w in window[:-1]):
        return True
    return _landmark(span)


_LANDMARK = re.compile(
    r"(?:[A-Z][\w'’-]+),?\s+(?:(?:just|some|about)\s+)?(?:to the\s+)?(?:"
    + "|".join(sorted(_DIRECTIONS, key=len, reverse=True))
    + r")\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$",
    re.I,
)


def _landmark(span: Span) -> bool:
    """'the town of Suran, north of Hama': Hama only says where Suran is; the event is at Suran. (With a distance,
    "5 km north of Hama", the offset point is the event location: see _relative.)"""
    doc = span.doc
    before_text = doc.text[max(0, span.start_char - 60) : span.start_char]
    return bool(_LANDMARK.search(before_text)) and not _OFFSET.search(before_text)


def _score(entry: Entry, exact: bool, ctx: dict[str, object], province: bool) -> dict[str, float]:
    focus: Counter[str] = ctx["focus"]  # type: ignore[assignment]
    total = sum(focus.values()) or 1
    why = {
        "focus": round(FOCUS_WEIGHT * focus.get(entry.country, 0) / total, 3),
        "admin1": ADMIN1_WEIGHT if entry.admin1 and normalize(entry.admin1) in ctx["admin1"] else 0.0,  # type: ignore[operator]
        "population": round(POPULATION_WEIGHT * math.log10(entry.population + 1), 3),
        "exact": EXACT_WEIGHT if exact else 0.0,
        "supplement": SUPPLEMENT_WEIGHT if entry.source == "supplement" else 0.0,
        "kind": PROVINCE_CUE_WEIGHT if province and entry.kind == "admin1" else 0.0,
    }
    anchors: list[tuple[float, float]] = ctx["anchors"]  # type: ignore[assignment]
    near = 0.0
    for lat, lon in anchors:
        if (lat, lon) == (entry.lat, entry.lon):
            continue
        dist = haversine_km(entry.lat, entry.lon, lat, lon)
        if dist <= NEAR_KM:
            near = NEAR_WEIGHT
            break
        if dist <= MID_KM:
            near = max(near, MID_WEIGHT)
    why["near"] = near
    return why


def extract_places(doc: Doc, doc_id: str) -> list[PlaceMention]:
    gaz = gazetteer.load()
    spans = list(doc.spans.get("fw_places", ()))
    readings: list[tuple[Span, int, int, str, list[Entry], bool]] = []
    for span in spans:
        start, end, text = _clean_span_text(span)
        exact = gaz.lookup(text)
        entries = exact or gaz.lookup_loose(text)
        if entries:
            readings.append((span, start, end, text, entries[:40], bool(exact)))
    focus: Counter[str] = Counter()
    anchors: list[tuple[float, float]] = []
    admin1_named: set[str] = set()
    for _span, _s, _e, text, entries, _x in readings:
        top = entries[0]
        focus[top.country] += 0.5 if top.kind == "country" else 1.0
        if len(entries) == 1 or top.source == "supplement":
            anchors.append((top.lat, top.lon))
        if any(e.kind == "admin1" for e in entries):
            admin1_named.add(normalize(text))
    ctx: dict[str, object] = {"focus": focus, "anchors": anchors, "admin1": admin1_named}
    out: list[PlaceMention] = []
    for span, start, end, text, entries, exact in readings:
        province = _province_cue(span)
        if ABBREVIATED.fullmatch(text) and any(e.kind in {"admin1", "country"} for e in entries):
            entries = [e for e in entries if e.kind in {"admin1", "country"}]  # "Kan." is Kansas, not Kano
        scored = []
        for entry in entries:
            why = _score(entry, exact, ctx, province)
            scored.append((sum(why.values()), entry.population, entry.id, entry, why))
        scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
        _total, _pop, _id, best, why = scored[0]
        relative, precision, offset = _relative(span)
        lat, lon = best.lat, best.lon
        if offset is not None:
            lat, lon = destination(lat, lon, *offset)
        if best.kind in {"admin1", "country"}:
            precision = 3
        elif best.kind == "region":
            precision = max(precision, 2)
        ref = PlaceRef(
            id=best.id, name=best.name, lat=lat, lon=lon, country=best.country, admin1=best.admin1,
            geonameid=best.geonameid, kind=best.kind, population=best.population,
            why={k: v for k, v in why.items() if v},
        )
        out.append(PlaceMention(
            mention=Mention(doc=doc_id, start=start, end=end, text=doc.text[start:end]),
            place=ref, relative=relative, geo_precision=precision,
            event_location=best.kind not in NOT_EVENT_KINDS and not _not_event_location(span),
        ))
    return out
