"""Places: resolve each place span the pipeline found to one gazetteer entry, with the reasons it won.

Scoring (all parts recorded in ``PlaceRef.why``), each from the document's *other* names, every distinct name
counted once, in two rounds (round 2 re-reads the context from round 1's choices):
- ``focus``: share of the other names that lie in the candidate's country;
- ``admin1``: the candidate's province is named, or settled on by another name;
- ``near``: other names with a reading within 60 km, each voting 1/(its number of readings);
- ``population``: log10 of the population (bigger places are mentioned more often);
- ``name``: the candidate's own name, not an alternate one (or a reviewed form of a country, province, county);
- ``primary``: a town's primary name, not an exonym of another ("Valence" is the French town, not Valencia);
- ``exact`` / ``supplement`` / ``kind``: exact spelling match, reviewed supplement entry, a country's or
  province's name (and the province cue "X province").
Demonym spans ("Georgian") resolve to their country. Relative phrases ("5 km north-east of X", "outskirts of X",
"X countryside", "near X") set ``relative`` and the ACLED geo_precision (1 = the place itself, 2 = near it or part
of a region, 3 = a province or larger).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from .. import gazetteer
from ..admin_areas import bare
from ..gazetteer import Entry, normalize
from ..model import Mention, PlaceMention, PlaceRef
from ..nlp.place_rules import (
    BREAKS,
    UNIT_NAMES,
    after_unknown_name,
    coded_to,
    in_brackets_after_name,
    name_before_dash,
    road_named,
    spaced_dash,
)
from ..nlp.text import doc_text

FOCUS_WEIGHT = 3.0  # a candidate in the document's main country beats a bigger namesake abroad
DEMONYM_VOTE = 0.5  # a demonym's say in the focus country ("Malian villagers")
ARMED_HEADS = {"forces", "force", "troops", "army", "soldiers", "jets", "warplanes", "aircraft", "drones", "drone",
               "military", "navy", "artillery", "air", "missiles", "missile", "strikes", "airstrikes", "shelling",
               "mercenaries", "fighters", "units", "gunboats", "warships", "tanks", "assault", "assaults", "attack",
               "attacks", "offensive", "raid", "raids", "rockets", "shells", "mortars", "bombs", "mines", "snipers",
               "positions", "advance", "advances", "incursion", "servicemen", "paratroopers", "marines",
               "commandos"}  # "Russian forces shelled X", "repelled six Russian assaults near X":
# who acts, not where (Russian, Israeli, Turkish forces fight abroad), so no say in the focus country
COUNTRY_NAME_VOTE = 0.25  # a country named by name: often another war's or an embassy's ("the war in Ukraine")
FOCUS_EVIDENCE = 1.0  # ... in full once one local name (or two country names) says so: "the US Supreme Court" alone
# does not put a rally in Nancy in the United States
ADMIN1_WEIGHT = 1.0
NEAR_KM, NEAR_WEIGHT = 60.0, 3.0  # other names of the document with a reading this close support a candidate
POPULATION_WEIGHT = 0.3  # per power of ten
EXACT_WEIGHT = 0.5
NAME_WEIGHT = 2.0  # the candidate's own name, not one of its alternate names ("Egypt" is not Goodyear, Arizona)
PRIMARY_WEIGHT = 0.5  # a town's primary name, not another town's exonym in some language ("Valence" is not Valencia)
NAMESAKE_WEIGHT = -0.5  # a province named like a town inside it, mentioned bare
TOWN_KINDS = {"city", "town", "village"}
SETTLED_MARGIN = 1.0  # a name whose winner led by this much in round 1 informs the others in round 2
KIND_PRIOR = {"country": 2.5, "admin1": 0.5, "admin2": -0.5}  # a country's or province's name means it unless much
# says otherwise; a district's name is the last resort (its town, or a namesake the context supports, comes first)
SUPPLEMENT_WEIGHT = 2.5  # a reviewed conflict place (or press form) beats namesakes abroad
SEAT_WEIGHT = 0.3  # of two namesake towns in one province, the one that gives its district its name (the seat)
CAPITAL_WEIGHT = 2.0  # national capitals are named far more often than their size says (and stand for governments)
PROVINCE_CUE_WEIGHT = 2.0
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
NOT_EVENT_KINDS = {"country", "continent"}  # a whole country is never an event location on its own
ORG_SEAT_WORDS = {"institute", "university", "council", "center", "centre", "foundation", "think", "tank",
                  "agency", "organization", "organisation", "ministry", "newspaper", "magazine", "government",
                  "junta", "regime", "administration", "leadership"}  # "the government in Quito said"
# (not "embassy": a protest "outside the Russian embassy in Yerevan" happens in Yerevan)

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
OFFSET_MARK = "~"  # a place some km from a town: "<town id>~5kmNE"


def base_place(place_id: str) -> str:
    """The town an offset place is measured from ("gn170017~5kmNE" -> "gn170017"); other ids as they are."""
    return place_id.split(OFFSET_MARK, 1)[0]


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


PROVINCE_WORDS = {"province", "provinces", "governorate", "governorates", "oblast", "oblasts"}
PLURAL_PROVINCE_WORDS = {"provinces", "governorates", "oblasts"}
TOWN_WORDS = {"city", "town"}  # "Khost city": the town (in lower case: "Kansas City" is a name of its own)
WEAK_PROVINCE_WORDS = {"region", "regions", "state", "states"}  # "Brest region", "Kaduna state": the province, when
# it is named for a town of its own country and the word is written in lower case (not "the Charlotte region", a
# city's surroundings, nor "Columbia State", a college)
DISTRICT_WORDS = {"district", "districts", "county", "counties", "cercle", "raion", "rayon", "upazila", "lga",
                  "department", "prefecture", "woreda", "tehsil", "regency", "municipality", "territory"}
LIST_GLUE = {",", "and", "&"}


def _town_said(span: Span) -> bool:
    """"Khost city", "the town of Bara", "a village near Beni": the text calls the name a town (lower case), or
    places a village by it, so not the district or province of that name."""
    doc = span.doc
    return (span.end < len(doc) and doc[span.end].text in TOWN_WORDS) or (
        span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].text in TOWN_WORDS) or (
        span.start > 1 and doc[span.start - 1].lower_ == "near" and doc[span.start - 2].lemma_.lower() in
        {"village", "town", "camp", "hamlet", "locality", "settlement"}) or road_named(span)  # "a village near
    # Beni": a town's name; "the Gao-Ansongo road": roads are named after towns


def _province_cue(span: Span) -> str | None:
    """"Hama province", "the province of Idlib", "Hama's governorate", and names listed with one: "the western
    provinces of Idlib and Aleppo", "Hama and Homs provinces" ("strong"); "Brest region", "the Kharkiv and Sumy
    regions" ("weak": see WEAK_PROVINCE_WORDS)."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ == "'s" and span.end + 1 < len(doc):
        after = doc[span.end + 1]
    if after is not None and after.lower_ in PROVINCE_WORDS:
        return "strong"
    if after is not None and after.text in WEAK_PROVINCE_WORDS:
        return "weak"
    i = span.start - 1  # back over a list of names to "provinces of"
    while i >= 0 and (doc[i].lower_ in LIST_GLUE or (doc[i].pos_ == "PROPN" and doc[i].lower_ != "of")):
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PROVINCE_WORDS:
        return "strong"
    j = span.end  # on over a list of names to "provinces"
    while j < len(doc) and (doc[j].lower_ in LIST_GLUE or doc[j].pos_ == "PROPN"):
        j += 1
    if j > span.end and j < len(doc):
        return "strong" if doc[j].lower_ in PLURAL_PROVINCE_WORDS else "weak" if doc[j].text in {"regions", "states"} \
            else None
    return None


def _provinces_meant(reading: _Reading) -> list[Entry]:
    """The provinces a province cue points to among the readings: any, after "province"; after "region" or "state",
    those of a country where a town has the name too ("Brest region": Belarus's, named for Brest)."""
    provinces = [e for e in reading.entries if e.kind == "admin1"]
    if reading.province == "weak":
        towns = {e.country for e in reading.entries if e.kind in TOWN_KINDS}
        provinces = [e for e in provinces if e.country in towns]
    return provinces if reading.province else []


EITHER_LEVEL_WORDS = {"department", "county", "counties"}  # a department is El Salvador's province, France's district


def _district_cue(span: Span) -> str | None:
    """"Siwan district", "Giro district", "Uvira territory": the name is the district's, not its town's ("admin2");
    "Santa Ana department", "Kakamega county": a district or a province ("either"); else None."""
    doc = span.doc
    word = doc[span.end].lower_ if span.end < len(doc) else ""
    return "either" if word in EITHER_LEVEL_WORDS else "admin2" if word in DISTRICT_WORDS else None


def _relative(span: Span, known: list[Span] | None = None) -> tuple[str | None, int, tuple[float, float] | None]:
    """(relative phrase, geo_precision, (km, bearing) offset) for the words around a place span."""
    doc = span.doc
    before_text = doc_text(doc)[max(0, span.start_char - 60) : span.start_char]
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
    if "countryside" in before or after[:1] == ["countryside"] or (after[1:2] == ["countryside"] and (
            after[0].removesuffix("ern") in _DIRECTIONS or after[0] == "rural")):  # "Idleb southern countryside"
        return "countryside of", 2, None
    if before[-1:] in (["near"], ["around"]) or before[-2:] == ["close", "to"] or (
            before[-1:] == ["off"] and doc[span.start - 1].dep_ == "prep"):
        return "near", 2, None  # "a ship attacked off Hodeidah": at sea near the town
    if before[-1:] == ["of"] and before[-2:-1] and before[-2] in _DIRECTIONS and not _landmark(span, known):
        return f"{before[-2]} of", 2, None  # "(a front) north of Harib", no distance: near the town, not in it
    return None, 1, None


ZONE_KM = 15.0  # how far a big city's compass zone ("Rio de Janeiro - West Zone", "Sydney - Western") lies from its
# middle: ACLED's zones of cities of a million lie 7-66 km from the city's point
_ZONE = re.compile(r"^\s+[-–]\s+(?P<dir>" + "|".join(sorted(_DIRECTIONS, key=len, reverse=True))
                   + r")(?:ern)?(?:\s+zone)?\s*(?:[(,.;]|$)", re.I)


def _compass_zone(span: Span) -> float | None:
    """The bearing of the compass zone written after a city's name and a spaced dash, else None."""
    match = _ZONE.match(doc_text(span.doc)[span.end_char : span.end_char + 30])
    return _DIRECTIONS[match["dir"].lower()] if match else None


SPEECH_VERBS = {"say", "deny", "claim", "announce", "report", "accuse", "confirm", "insist", "warn", "reject",
                "dismiss", "state", "allege", "respond", "condemn", "blame"}  # "Kyiv denied", "Moscow claimed"


def _speaks(span: Span) -> bool:
    """A place that speaks for its government ("Kyiv denied the claim"), or whose body speaks ("Gaza's civil
    defence said", "Ukraine's air force reported"), is not where anything happened."""
    root = span.root
    if root.dep_ == "poss" and root.head.dep_ == "nsubj":
        root = root.head
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS


_SPEAKER_BEFORE = re.compile(r"\b(?:spokes(?:man|woman|person)|officials?|officers?|commanders?|sources?|governor|"
                             r"minister|ministry|mission|police|army|military)\s+(?:in|from|at|"
                             r"based\s+in)\s+$", re.IGNORECASE)
_SAID_AFTER = re.compile(r"\s*(?:said|says|told|added|confirmed|reported)\b")


def _in_speakers_words(span: Span) -> bool:
    """The name is part of who speaks ("The Kano Chamber of Commerce said", "The governor of Borno, on a visit to
    Abuja, condemned ...", "..., a defence spokesman in Jammu said."): it says who they are or where they were
    when they spoke."""
    text = doc_text(span.doc)
    if _SAID_AFTER.match(text, span.end_char) and _SPEAKER_BEFORE.search(text[max(0, span.start_char - 40):
                                                                             span.start_char]):
        return True  # a closing attribution the parse misread ("spokesman" as the apposition of "soldier")
    token = span.root
    for _ in range(SPEAKER_HOPS):
        if token.dep_ == "nsubj":
            return token.head.lemma_.lower() in SPEECH_VERBS
        if token.pos_ in {"VERB", "AUX"}:  # "..., speaking in Abuja, condemned": where the speaker spoke
            return token.dep_ in {"acl", "advcl"} and token.lemma_.lower() in SPEECH_VERBS | {"speak", "talk"}
        if token.head is token:
            return False
        token = token.head
    return False


SPEAKER_HOPS = 6  # Abuja <- to <- visit <- on <- governor (the subject)
STATEMENT_NOUNS = {"statement", "communique", "communiqué", "release", "conference", "briefing", "interview",
                   "broadcast", "address", "speech", "message"}  # what words are said in
AUDIENCE_NOUNS = {"reporters", "journalists", "newsmen", "press", "media", "conference", "briefing"}
ISSUING_VERBS = {"issue", "release", "publish", "read", "post", "broadcast"}  # "a statement issued in Bamako"
SPOKEN_PREPS = {"in", "from", "at"}


SAYING_VERBS = {"say", "tell", "announce", "claim", "confirm", "deny", "state", "add", "warn", "insist"}
# (not "report": "Ted Chen reports from Santa Ana" is a reporter at the scene)


def _says(verb: Token) -> bool:
    """An active saying verb with its speaker ("the spokesman told", not "a man accused in ...")."""
    return verb.lemma_.lower() in SAYING_VERBS and any(c.dep_ == "nsubj" for c in verb.children) and \
        not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _where_spoken(span: Span) -> bool:
    """Where words were said, never where anything happened, whatever else the sentence names: "an army spokesman
    told reporters in Manila", "the mission said in a statement from Bangui", "according to a statement issued in
    Bamako", "the minister told a news conference in Kabul". Not "clashes were reported in Bakhmut" (the passive
    tells where the reported thing was), nor a witness "speaking from Khan Younis" (often where it happened)."""
    token = span.root
    for _ in range(SPEAKER_HOPS):
        if token.dep_ != "pobj" or token.head.lower_ not in SPOKEN_PREPS:
            return False
        holder = token.head.head
        lemma = holder.lemma_.lower()
        if holder.pos_ in {"VERB", "AUX"}:
            if lemma in ISSUING_VERBS:
                return holder.dep_ == "acl" and holder.head.lower_ in STATEMENT_NOUNS
            return _says(holder) and token.head.i > holder.i  # (not "From Ladera Ranch, police said the gunman
            # headed north": a fronted phrase is the told happening's, whatever the parse hangs it off)
        if holder.lower_ not in STATEMENT_NOUNS | AUDIENCE_NOUNS:
            return False
        if holder.dep_ in {"dobj", "dative"}:
            return _says(holder.head)
        if holder.dep_ == "pobj" and holder.head.lower_ == "to" and holder.head.head.lower_ == "according":
            return True  # "according to a statement from Bamako"
        token = holder  # "said in a statement from Bangui": on to the statement's own preposition
    return False


LOCATIVE_PREPS = {"outside", "at", "near", "inside", "before", "into", "to", "towards", "toward", "in", "from"}


def _seat_of(noun: Token) -> bool:
    """"a think tank in Washington said", "the ministry in Kabul": the place names an organisation's seat. Not when
    the organisation's building is where people went ("gathered outside Ruchill community centre in Glasgow")."""
    if noun.lower_ not in ORG_SEAT_WORDS:
        return False
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ != "front":
        noun = noun.head.head  # "before the delegation of the Ministry of Environment in Sevilla"
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "of" and prep.head.lower_ == "front":
        return False  # "in front of the ministry in Kabul"
    went = prep is not None and prep.lower_ in LOCATIVE_PREPS and (prep.lower_ in BESIDE_PREPS or
        prep.head.pos_ in {"VERB", "AUX"} or prep.head.lemma_.lower() in GATHERINGS)
    return not went  # not "a senior fellow at the Middle East Institute in Washington"


GATHERINGS = {"protest", "demonstration", "rally", "sit-in", "picket", "march", "vigil", "gathering", "strike",
              "conference", "meeting"}
BESIDE_PREPS = {"outside", "inside", "near", "before", "into", "towards", "toward"}  # where someone physically was,
# whatever the phrase hangs off ("a press conference with banners outside the ministry in Kinshasa")


def _not_event_location(span: Span, known: list[Span] | None = None) -> bool:
    """'UK-based', 'an institute in Washington', 'Kyiv denied': a place named for an organisation's seat or a
    government's voice, not for an event."""
    doc = span.doc
    if _speaks(span) or _where_spoken(span):
        return True
    if _in_speakers_words(span) and any(k.sent == span.sent and not _in_speakers_words(k) for k in known or ()):
        return True  # the other place the sentence names is where it happened (with none, the speaker's place
        # may well be: "the Kherson regional administration said shelling killed two")
    if _retreat_goal(span) and any(k.sent == span.sent and not _retreat_goal(k) for k in known or ()):
        return True  # "seized Bara after the garrison withdrew towards El Obeid": where it went, not where it was
    end_char = span.end_char
    if doc_text(doc)[end_char : end_char + 6].lower() == "-based":
        return True
    prep = doc[span.start - 1] if span.start > 0 else None
    if prep is not None and prep.lower_ == "in" and _seat_of(prep.head):
        return True
    if span.end < len(doc) and doc[span.end].lower_ in GROUP_WORDS:
        return True  # "Jalisco cartel gunmen", "the Kherson brigade": a group named after a place
    if _in_organisation_name(span) and any(
            k.sent == span.sent and k.start != span.start and not _in_organisation_name(k) for k in known or ()):
        return True  # "a Bank of Beirut branch in Sidon", "a director of the Niger Delta Development Commission
        # ... in Port Harcourt": the other place of the sentence is where it happened
    return _landmark(span, known) or _route_end(span) or _facility_in_town(span) or _march_start(span, known)


ORGANISATION_HEADS = {"bank", "university", "college", "institute", "commission", "authority", "council", "company",
                      "corporation", "club", "foundation", "association", "federation", "agency", "board", "church",
                      "diocese", "archdiocese", "academy", "airlines", "airways", "fc", "united", "electric", "power",
                      "telecom", "chamber", "exchange", "bar", "society", "trust", "group", "holdings", "brewery",
                      "refinery", "mills", "motors", "railways", "tribune", "times", "post", "herald", "daily"}
# (not "school": "a shooting at Alpine High School in West Texas" happened in Alpine)


def _in_organisation_name(span: Span) -> bool:
    """The place name is part of a named organisation's ("Bank of Beirut", "the Niger Delta Development Commission",
    "Kenya Power", "the Dhaka Tribune"): the model's organisation entity holds it and a word that names a body."""
    return any(ent.label_ == "ORG" and ent.start <= span.start and span.end <= ent.end and len(ent) > len(span)
               and any(t.lower_ in ORGANISATION_HEADS for t in ent if not span.start <= t.i < span.end)
               for ent in span.doc.ents)


RETREATING = {"withdraw", "retreat", "flee", "escape", "fall", "pull", "head", "evacuate", "relocate"}
GOAL_PREPS = {"towards", "toward", "to", "into"}


def _retreat_goal(span: Span) -> bool:
    """Where those who withdrew or fled went ("the garrison withdrew towards El Obeid", "residents fled to Chad")."""
    root = span.root
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in GOAL_PREPS:
        return False
    verb = prep.head.head if prep.head.lower_ == "back" else prep.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in RETREATING


GROUP_WORDS = {"cartel", "cartels", "gang", "gangs", "brigade", "brigades", "battalion", "battalions", "regiment",
               "militia", "militias", "clan", "clans", "faction", "factions", "mafia"}


MARCHING = {"march", "walk", "trek", "parade", "proceed", "rally", "caravan"}


def _march_start(span: Span, known: list[Span] | None) -> bool:
    """"marched from Colombo to Kandy": a march is told where it went, not where it set out."""
    doc, root = span.doc, span.root
    if not (span.start > 0 and doc[span.start - 1].lower_ == "from" and root.dep_ == "pobj"):
        return False
    verb = doc[span.start - 1].head
    ends = [k for k in known or () if k.sent == span.sent and k.start > span.end and k.start - span.end <= 3
            and doc[k.start - 1].lower_ == "to"]
    return bool(ends) and verb.lemma_.lower() in MARCHING


FACILITY_WORDS = {"hotel", "school", "campus", "hospital", "clinic", "university", "college", "casino", "mall",
                  "stadium", "church", "mosque", "temple", "factory", "plant", "mine", "company", "station",
                  "restaurant", "cafe", "bank", "market", "supermarket", "store", "shop", "office", "offices",
                  "headquarters", "academy", "club", "park", "centre", "center", "prison", "camp", "penitentiary",
                  "jail", "barracks", "refinery"}
FACILITY_GAP = 3  # words between the name and its facility noun ("Alliance charter school")
FACILITY_REACH = 10  # tokens from the facility noun to the town it stands in ("... at the X campus in Los Angeles")


def _facility_in_town(span: Span) -> bool:
    """'at Sunset Station hotel in Henderson', 'outside Alliance charter school ... in Los Angeles': the name is a
    facility's, and the text says which town the facility stands in; the event is there, not at a namesake town."""
    doc = span.doc
    noun = next((i for i in range(span.end, min(span.end + FACILITY_GAP, len(doc)))
                 if doc[i].lower_ in FACILITY_WORDS), None)
    if noun is None or any(t.is_punct for t in doc[span.end : noun]):
        return False
    places = {s.start for s in doc.spans.get("fw_places", ()) if s.label_ != "DEMONYM"}
    owner = span.start - 2
    if owner >= 0 and doc[span.start - 1].text in {"'s", "’s"} and any(
            s.start <= owner < s.end for s in doc.spans.get("fw_places", ()) if s.label_ != "DEMONYM"):
        return True  # "Guayaquil's Litoral penitentiary": the town owns the facility
    for i in range(noun + 1, min(noun + 1 + FACILITY_REACH, len(doc) - 1)):
        if doc[i].text in {".", ";", "(", "["} or doc[i].is_sent_start or doc[i].pos_ in {"VERB", "AUX"}:
            return False  # "the Hidalgo County Sheriff's Office said ... in Fronton": the office speaks
        if doc[i].lower_ in {"in", "at"} and (i + 1 in places or (doc[i + 1].lower_ == "the" and i + 2 in places)):
            return True
    return False


_ROUTE = re.compile(r"^(?:[-–]\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+)?(?:road|highway|motorway|route|railway|"
                    r"pipeline|corridor|axis)\b", re.I)
_ROUTE_BEFORE = re.compile(r"(?:^|\s)[A-Z][\w'’-]*\s*[-–]\s*$")
_ROUTE_BETWEEN = re.compile(r"\b(?:road|highway|motorway|route|railway|corridor)\s+(?:between|from|linking|connecting|"
                            r"joining)\s+(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:and|to|with)\s+)?$")


def _route_end(span: Span) -> bool:
    """'along the Maharda-Suqaylabiyah road': towns that name a road's ends only say where the road runs; 'along
    the Dnipro': a river's (or a road's) name, no town."""
    doc = span.doc
    if span.start > 1 and doc[span.start - 1].lower_ == "the" and doc[span.start - 2].lower_ == "along":
        return True
    after = doc_text(doc)[span.end_char : span.end_char + 40]
    if _ROUTE.match(after):
        return True
    before = doc_text(doc)[max(0, span.start_char - 60) : span.start_char]
    if _ROUTE_BETWEEN.search(before):
        return True  # "the road between Aleppo and Damascus"
    return bool(_ROUTE_BEFORE.search(before)) and bool(re.match(r"^\s*(?:road|highway|motorway|route)\b", after,
                                                                re.I))


_LANDMARK = re.compile(
    r"(?:[A-Z][\w'’-]+),?\s+(?:(?:just|some|about)\s+)?(?:to the\s+)?(?:"
    + "|".join(sorted(_DIRECTIONS, key=len, reverse=True))
    + r")\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$",
    re.I,
)


def _landmark(span: Span, known: list[Span] | None = None) -> bool:
    """'the town of Suran, north of Hama': Hama only says where Suran is; the event is at Suran. (With a distance,
    "5 km north of Hama", the offset point is the event location: see _relative.)"""
    doc = span.doc
    start = max(0, span.start_char - 60)
    before_text = doc_text(doc)[start : span.start_char]
    match = _LANDMARK.search(before_text)
    if match is None or _OFFSET.search(before_text):
        return False
    named = start + match.start()  # the name whose whereabouts the town gives: a place we know, else the town is
    return any(p.start_char <= named < p.end_char for p in (doc.spans.get("fw_places", ()) if known is None
                                                             else known))  # all there is ("in Najd Al Hajla front
    # north of Harib city": the front is nowhere in the gazetteer, so north of Harib; nor is a village read as a
    # namesake abroad and dropped: "the village of Al-Khamis, west of Raqqa")


HINTS_KEY = "\x00hints"  # the context's pseudo-name for country votes that come from the actors
QUALIFIER = "qualifier of"  # PlaceMention.relative of a name that only says where the name before it lies
ROAD_END = "on a road from"  # ... of a town that names an end of the road the text tells of ("the road from X to Y")
QUALIFIER_WEIGHT = 4.0  # the province or country written after a name ("Sucre (Chuquisaca)") says which one it is
MAX_QUALIFIER_TOKENS = 12


UNIT_WORDS = UNIT_NAMES | {"department", "commune", "area", "sector", "kebele", "woreda", "tehsil", "corregimiento",
                          "hill", "zone", "neighborhood", "neighbourhood", "camp", "locality", "subdistrict", "parish",
                          "payam", "groupement", "chiefdom", "territory", "division", "municipio", "barangay",
                          "settlement", "suburb", "quarter", "canton", "oblast", "raion", "rayon", "mukim"}
# the kind of unit written after a name ("La Plata municipality (Buenos Aires)", "Zugdidi City")


def after_name(span: Span) -> int:
    """The token index right after a place name and the kind of unit written after it, if any."""
    doc = span.doc
    end = span.end
    if end + 2 < len(doc) and doc[end].lower_ == "sub" and doc[end + 1].text == "-" and doc[end + 2].lower_ in {
            "city", "county", "district", "prefecture"}:
        return end + 3  # "Bole sub-city, Addis Ababa"
    return end + 1 if end < len(doc) and doc[end].lower_ in UNIT_WORDS else end


def qualifiers(span: Span) -> list[str]:
    """The names written right after a place name (and its unit word) to say where it is: in brackets ("Taluqan
    (Takhar)", "Kerawa (Kolofata, Mayo-Sava)", "Uluberia town (Howrah, West Bengal)") or after a comma ("Bara, North
    Kordofan"), normalised, nearest first."""
    doc = span.doc
    end = after_name(span)
    if end >= len(doc) or doc[end].text not in {"(", ","}:
        return []
    closing = ")" if doc[end].text == "(" else None
    items, words = [], []
    for t in doc[end + 1 : end + 1 + MAX_QUALIFIER_TOKENS]:
        if t.text == closing or (closing is None and ((t.is_punct and t.text != "-") or (not t.text[:1].isupper()
                                                      and t.text != "-"))):
            break
        if t.text == "," and closing:
            items.append("".join(words))
            words = []
            continue
        words.append(t.text_with_ws)
    items.append("".join(words))
    return [key for item in items if (key := normalize(bare(item.strip())))]


def _qualified_by(entry: Entry, names: list[str], gaz: gazetteer.Gazetteer) -> bool:
    """The entry lies in a province, country or place its qualifier names."""
    return any(gazetteer.in_region(entry, name, gaz) or _in_namesake_district(entry, name, gaz)
               or _by_province_seat(entry, name, gaz) for name in names)


PROVINCE_SEAT_KM = 30.0


def _by_province_seat(entry: Entry, name: str, gaz: gazetteer.Gazetteer) -> bool:
    """A town this close to the seat of a province of its country named as its qualifier lies in it, whatever
    province GeoNames files it under ("La Libertad (Santa Elena)": filed under Guayas, which Santa Elena was cut
    from in 2007)."""
    return entry.kind in TOWN_KINDS and any(
        e.kind == "admin1" and e.country == entry.country
        and haversine_km(e.lat, e.lon, entry.lat, entry.lon) <= PROVINCE_SEAT_KM for e in gaz.lookup(name))


NAMESAKE_DISTRICT_KM = 100.0


def _in_namesake_district(entry: Entry, name: str, gaz: gazetteer.Gazetteer) -> bool:
    """A town qualified by its own name lies in the district or province named after it ("Jaffna (Jaffna, Jaffna,
    Northern)", "Formosa (Formosa)"), when the gazetteer holds that area in its country, close by, though it does
    not say the town lies in it."""
    found = gaz.lookup(name)
    if entry.kind not in TOWN_KINDS or all(e.id != entry.id for e in found):
        return False
    return any(e.kind in {"admin1", "admin2"} and e.country == entry.country
               and haversine_km(e.lat, e.lon, entry.lat, entry.lon) <= NAMESAKE_DISTRICT_KM for e in found)


def _same_country_as(entry: Entry, names: list[str], gaz: gazetteer.Gazetteer) -> bool:
    """The qualifier names another place in the entry's country ("Kerawa (Kolofata, Mayo-Sava)"): a province or
    country of that name, else its likeliest reading (not any village abroad that shares the province's name)."""
    return any(e.country == entry.country and e.id != entry.id for name in names for e in _region_readings(name, gaz))


def _region_readings(name: str, gaz: gazetteer.Gazetteer) -> list[Entry]:
    found = gaz.lookup(name)
    return [e for e in found if e.kind in {"admin1", "country"}] or found[:1]


def _within_qualifier(entries: list[Entry], span: Span, names: list[str], gaz: gazetteer.Gazetteer) -> list[Entry]:
    """The readings that lie in the province or country written after the name ("Kuriga, Kaduna State" is no town
    in Morocco, "Chervone, Donetsk" none of the Chervones of other oblasts): none when the qualifier names a known
    province or country and no reading lies in it, so the qualifier itself stands for the place. After a comma
    only a province counts ("Kyiv, Russia and Belarus" is a list of countries), and in a list of names ("Aleppo,
    Idlib and Hama") a reading in the province's country is enough. ``names``: the span's qualifiers."""
    doc, end = span.doc, after_name(span)
    bracket = end < len(doc) and doc[end].text == "("
    kinds = {"admin1", "country"} if bracket else {"admin1"}
    regions = [n for n in names if any(e.kind in kinds for e in gaz.lookup(n))]
    if not entries or not regions:
        return entries
    listed = not bracket and any(t.lower_ in {"and", "or"} for t in doc[end + 1 : end + 4])  # a list of names
    if bracket and len(names) > 1 and names[-1] in regions and any(
            e.kind in TOWN_KINDS and _qualified_by(e, names[-1:], gaz) for e in entries):
        names = names[-1:]  # "La Libertad (La Libertad, Santa Elena)": ACLED's district, then its province, which
        # holds the place (the province of the district's name elsewhere does not)
    return [e for e in entries if e.kind in {"country", "continent"} or _qualified_by(e, names, gaz)
            or (listed and _same_country_as(e, names, gaz))]


@dataclass
class _Reading:
    """One place span and its gazetteer candidates, with the entry chosen so far and by what margin."""

    span: Span
    start: int
    end: int
    text: str
    entries: list[Entry]
    exact: bool
    province: str | None  # "Hama province" (see _province_cue)
    qualifiers: tuple[str, ...] = ()
    district: str | None = None
    bracketed: bool = False
    town: bool = False  # "Khost city", "Aleppo town": the town, not the province or district of its name
    choice: Entry | None = None
    margin: float = 0.0

    @property
    def key(self) -> str:
        return normalize(self.text)

    @property
    def settled(self) -> bool:
        """One reading only, a reviewed entry, or a clear winner of the previous round."""
        entry = self.choice or self.entries[0]
        clear = self.choice is not None and self.margin >= SETTLED_MARGIN
        return len(self.entries) == 1 or entry.source == "supplement" or clear


IN_WORDS = {"in", "inside"}
IN_FILLER = {"the", "city", "town", "village", "district", "municipality", "of"}  # "in the city of X"
PART_WORDS = {"area", "neighbourhood", "neighborhood", "quarter", "district", "suburb", "section", "part", "outskirts"}
PART_KM = 30.0  # how far from a town a part of it ("the Newbuildings area of Belfast") may lie
METRO_PART_KM, METRO = 50.0, 1_000_000  # ... and from a city of a million ("Johannesburg - Diepsloot")


def _part_km(town: Entry) -> float:
    return METRO_PART_KM if town.population >= METRO else PART_KM


def sub_city_dash(span: Span) -> bool:
    """The span follows a spaced dash after another name, as ACLED writes a part of a city ("Johannesburg -
    Diepsloot", "Beijing - Chaoyang"): the name before the dash holds it."""
    return span.start > 1 and name_before_dash(span.doc, span.start - 1) is not None


def _after_part(span: Span) -> int:
    """``after_name``, past a part of the city written after a spaced dash ("Taizz - Usayfarah (Al Qahirah)": the
    bracket says where the part lies, so it qualifies the city too)."""
    doc, end = span.doc, after_name(span)
    if end + 1 < len(doc) and spaced_dash(doc, end):
        end += 1
        while end < len(doc) and doc[end].text[:1].isupper() and doc[end].text not in BREAKS:
            end += 1
    return end


def _wider_name(reading: _Reading, readings: list[_Reading]) -> _Reading | None:
    """The name the text puts this one inside: "People's Park in Annapolis", "Sanjo in the district of Misungwi",
    "the Newbuildings area of Belfast", "the al-Tell area in Al Khadir town", "Beijing - Chaoyang"."""
    if sub_city_dash(reading.span):
        return next((r for r in readings if r.span.end == reading.span.start - 1), None)
    doc, end = reading.span.doc, after_name(reading.span)
    part = end > reading.span.end and doc[end - 1].lower_ in PART_WORDS
    if end >= len(doc) or not (doc[end].lower_ in IN_WORDS or (part and doc[end].lower_ == "of")):
        return None
    i = end + 1
    while i < len(doc) and doc[i].lower_ in IN_FILLER:
        i += 1
    return next((r for r in readings if r.span.start == i), None)


CITY_DISTRICT_KM = 10.0  # a district whose middle lies this close to its town is the town itself
REGION_AFTER = {"countryside", "province", "governorate", "region", "district", "state", "county", "department"}


def _a_town_around(reading: _Reading, wider: _Reading) -> bool:
    """The wider name is a town the first name is a part of ("the Newbuildings area of Belfast", "Johannesburg -
    Diepsloot"), not a province named like its capital ("Gire Cudi area in Duhok", "Maadan town in Ar Raqqa
    countryside"), nor a town that holds another town."""
    around, doc = wider.choice, wider.span.doc
    if around is not None and sub_city_dash(reading.span):
        return around.kind != "country"  # ACLED's "Chisinau - Riscani": a part of the city, whatever else bears
        # its name
    if around is not None and around.kind == "admin1":  # "Istanbul" read as its province: its city of millions
        around = next((e for e in wider.entries if e.kind in TOWN_KINDS and e.population >= METRO
                       and e.country == around.country), around)
    if around is None or around.kind not in TOWN_KINDS:
        return False
    part = after_name(reading.span) > reading.span.end and doc[reading.span.end].lower_ in PART_WORDS
    if not part:
        return False  # "Hopkins Park in DeKalb", "Maadan town in Ar Raqqa": only the country is sure
    region_word = wider.span.end < len(doc) and doc[wider.span.end].lower_ in REGION_AFTER
    if around.population >= METRO:
        return not region_word  # "the Kadikoy district of Istanbul": a city of millions holds its districts, even
        # where its province bears its name (a village of that name 60 km out is another place)
    province = any(e.country == around.country and (e.kind == "admin1" or (
        e.kind == "admin2" and haversine_km(e.lat, e.lon, around.lat, around.lon) > CITY_DISTRICT_KM))
        for e in wider.entries)  # a district wider than the city itself ("Duhok"; not "Belfast City")
    return not region_word and not province


def _inside_the_next(readings: list[_Reading]) -> list[_Reading]:
    """A name the text puts inside a second one (``_wider_name``) has a reading in the second's country, and near
    it when the second is a town; a name with no such reading is misread (a park in Hungary, a town in Japan, a
    village of the same name 100 km away) and dropped."""
    kept = []
    for reading in readings:
        wider = _wider_name(reading, readings)
        if wider is not None and wider.choice is not None and wider.choice.kind != "continent":
            around = wider.choice
            town = _a_town_around(reading, wider)
            local = [e for e in reading.entries if e.country == around.country and (
                not town or (haversine_km(e.lat, e.lon, around.lat, around.lon) <= _part_km(around)
                             and (not e.admin1 or not around.admin1 or e.admin1 == around.admin1)))]  # (a part
            # of a town lies in its province: not Yalova's Kadikoy, across the sea from Istanbul)
            if not local:
                continue
            reading.entries = local
        kept.append(reading)
    return kept


def _on_armed_forces(span: Span) -> bool:
    """"Russian forces", "a Russian Su-34 jet": the demonym qualifies armed men, machines or onslaughts."""
    doc = span.doc
    head = span.root.head if span.root.dep_ in {"amod", "compound", "nmod"} else None
    return (span.end < len(doc) and doc[span.end].lower_ in ARMED_HEADS) or \
        (head is not None and head.i >= span.end and head.lower_ in ARMED_HEAD_NOUNS)


ARMED_HEAD_NOUNS = ARMED_HEADS | {"jet", "warplane", "helicopter", "tank", "soldier", "warship", "plane", "bomber"}
# ... and the singular machines a demonym qualifies a few words ahead ("a Russian Su-34 jet")


@dataclass
class _Context:
    """What the document's place names say, each distinct name once: countries, provinces, local readings."""

    focus: dict[str, Counter[str]] = field(default_factory=dict)  # name -> its country votes
    admin1: dict[str, str] = field(default_factory=dict)  # name -> the province it settles on
    readings: dict[str, list[Entry]] = field(default_factory=dict)  # name -> all its local readings
    cells: dict[tuple[int, int], list[tuple[str, Entry]]] = field(default_factory=dict)  # 1° cell -> readings
    inside: dict[tuple[str, str | None], set[str]] = field(default_factory=dict)  # (country, admin1|None) -> names

    def index(self) -> None:
        """Grid and containment indexes over the local readings, so 'near' costs no pairwise scan."""
        for key, points in self.readings.items():
            for point in points:
                self.cells.setdefault((math.floor(point.lat), math.floor(point.lon)), []).append((key, point))
                self.inside.setdefault((point.country, None), set()).add(key)
                self.inside.setdefault((point.country, point.admin1), set()).add(key)

    def votes_besides(self, key: str, without: frozenset[str] = frozenset()) -> Counter[str]:
        """Country votes of the document's names other than ``key`` (a name never supports itself) and ``without``."""
        votes: Counter[str] = Counter()
        for name, counts in self.focus.items():
            if name != key and name not in without:
                votes.update(counts)
        return votes

    def neighbours(self, entry: Entry) -> set[str]:
        """Names with a reading near the candidate (inside it, for a country or province)."""
        if entry.kind == "country":
            return self.inside.get((entry.country, None), set())
        if entry.kind == "admin1":
            return self.inside.get((entry.country, entry.admin1), set())
        lat, lon = math.floor(entry.lat), math.floor(entry.lon)
        found = set()
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for key, point in self.cells.get((lat + dlat, (lon + dlon + 180) % 360 - 180), ()):
                    if key not in found and haversine_km(entry.lat, entry.lon, point.lat, point.lon) <= NEAR_KM:
                        found.add(key)
        return found

    @classmethod
    def from_choices(cls, readings: list[_Reading], hints: Counter[str] | None = None) -> _Context:
        """Round 1 uses each name's likeliest entry (most populous); round 2 the entries round 1 chose. ``hints``:
        country votes from outside the place names (the countries of the named actors: "Imbonerakure" is Burundi's)."""
        ctx = cls()
        if hints:
            ctx.focus[HINTS_KEY] = Counter(hints)
        for reading in readings:
            if reading.key in ctx.focus:
                continue
            entry = reading.choice or reading.entries[0]
            vote = 1.0 if entry.kind != "country" else \
                (0.0 if _on_armed_forces(reading.span) else DEMONYM_VOTE) if reading.span.label_ == "DEMONYM" \
                else COUNTRY_NAME_VOTE
            ctx.focus[reading.key] = Counter({entry.country: vote})
            local = [e for e in reading.entries if e.kind not in {"country", "admin1", "continent"}]
            if local:
                ctx.readings[reading.key] = local
            if not reading.settled or entry.kind == "country":
                continue
            if entry.admin1:
                ctx.admin1[reading.key] = normalize(entry.admin1)
        ctx.index()
        return ctx


def _score(reading: _Reading, entry: Entry, ctx: _Context) -> dict[str, float]:
    """Score components of one candidate, from the document's other names (never from the name itself)."""
    focus = ctx.votes_besides(reading.key)
    total = sum(focus.values())
    provinces = {a for key, a in ctx.admin1.items() if key != reading.key}
    names, gaz = list(reading.qualifiers), gazetteer.load()
    qualified = QUALIFIER_WEIGHT if names and _qualified_by(entry, names, gaz) else \
        QUALIFIER_WEIGHT / 2 if names and _same_country_as(entry, names, gaz) else 0.0
    seat_population = _namesake_seat(entry, reading.entries)
    why = {
        "focus": round(FOCUS_WEIGHT * focus.get(entry.country, 0.0) / max(total, FOCUS_EVIDENCE), 3) if total else 0.0,
        "admin1": ADMIN1_WEIGHT if entry.admin1 and entry.kind != "admin1" and normalize(entry.admin1) in provinces
        else 0.0,
        "population": round(POPULATION_WEIGHT * math.log10(min(entry.population, seat_population) + 1), 3),
        "exact": EXACT_WEIGHT if reading.exact else 0.0,
        "name": NAME_WEIGHT if gazetteer.own_name(entry, reading.text) else 0.0,
        "primary": PRIMARY_WEIGHT if entry.kind in {"city", "town"} and (
            gazetteer.primary_name(entry, reading.text) or gazetteer.press_form(entry, reading.text)) else 0.0,
        "supplement": SUPPLEMENT_WEIGHT if entry.source == "supplement" else 0.0,
        "capital": CAPITAL_WEIGHT if entry.capital else 0.0,
        "seat": SEAT_WEIGHT if _seat_among_namesakes(entry, reading.entries) else 0.0,
        "qualifier": qualified,
        "kind": (PROVINCE_CUE_WEIGHT if (reading.province and entry in _provinces_meant(reading))
                 or (reading.district and entry.kind == "admin2")
                 or (reading.district == "either" and entry.kind == "admin1")
                 or (reading.town and entry.kind in TOWN_KINDS) else 0.0)
        + (NAMESAKE_WEIGHT if seat_population < entry.population else KIND_PRIOR.get(entry.kind, 0.0))
        + (_bracket_kind(entry, reading.entries) if reading.bracketed else 0.0),
    }
    # each other name votes for this reading when one of its own readings lies close by (or inside it); a name
    # with one reading votes fully, one with many readings barely
    support = sum(1.0 / len(ctx.readings[key]) for key in sorted(ctx.neighbours(entry)) if key != reading.key)
    why["near"] = round(NEAR_WEIGHT * min(1.0, support), 3)
    return why


STRAY_POPULATION = 100_000  # a namesake abroad this small, with nothing in the text for it, is a misreading
STRAY_EVIDENCE = 1.0  # ... once the text's other names put the story in another country this firmly


def _strays(readings: list[_Reading], choices: list[tuple[Entry, dict[str, float], float]],
            ctx: _Context) -> set[int]:
    """Indexes of the readings that are strays. Two names that only make each other strays ("masons of Unia", an
    alias of Ünye in Turkey, "demonstrated in Olten"): the one read by its own name stays, the alias goes."""
    flagged = {i for i, (r, c) in enumerate(zip(readings, choices, strict=True)) if _stray(r, c[0], c[1], ctx)}
    suspects = frozenset(readings[i].key for i in flagged)
    out = set()
    for i in flagged:
        reading, entry = readings[i], choices[i][0]
        votes = ctx.votes_besides(reading.key, without=suspects)
        if (votes and max(votes.values()) >= STRAY_EVIDENCE) or not gazetteer.own_name(entry, reading.text):
            out.add(i)
    return out


SMALL_UNITS = {"village", "hill", "vereda", "kebele", "farm", "hamlet", "locality", "neighbourhood", "neighborhood",
               "quarter", "camp", "settlement", "barangay", "colonia", "corregimiento", "ward", "township", "fokontany"}


def _small_unit(span: Span) -> bool:
    """The text calls the place a village, a hill, a farm: no city abroad, however big, is meant."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in SMALL_UNITS


def _stray(reading: _Reading, entry: Entry, why: dict[str, float], ctx: _Context) -> bool:
    """A small town or district abroad that only its name supports, in a text whose other names all lie in another
    country ("Olan" in a report on Syrian factions in Aleppo: no village in France; "Bara district" in a report on
    Nepal's parties: not Sudan's Bara). Dropped: a village the gazetteer lacks is better unplaced (its district or
    province then stands for it) than misplaced."""
    if coded_to(reading.span):
        return False  # "[coded to Rudkobing]": the coder says so
    small = not reading.exact or _small_unit(reading.span)  # a loose spelling, "Mirama hill", "San Juan vereda"
    if _small_unit(reading.span) and entry.kind in TOWN_KINDS and not why.get("qualifier") and not why.get("admin1") \
            and why.get("near", 0.0) < NEAR_WEIGHT / 2 and _in_another_province(reading, entry, ctx):
        return True  # "the Miraflores vereda" in a story set in Norte de Santander: not Boyaca's Miraflores
    if entry.kind not in TOWN_KINDS | {"admin2"} or (entry.population >= STRAY_POPULATION and not small) or any(
            why.get(k) for k in ("focus", "qualifier", "admin1", *(() if small else ("capital",)))) \
            or why.get("near", 0.0) >= NEAR_WEIGHT / 2:
        return False  # (a name with many readings, one of them close by, is no support)
    votes = ctx.votes_besides(reading.key, without=_ACTORS_ABROAD if _struck(reading.span) else frozenset())
    return votes.get(entry.country, 0.0) == 0 and bool(votes) and max(votes.values()) >= STRAY_EVIDENCE


_ACTORS_ABROAD = frozenset({HINTS_KEY})
STRIKE_PREPS = {"at", "on", "into", "towards", "toward", "against"}


def _struck(span: Span) -> bool:
    """The name is where a missile, a drone or a strike went ("launched a missile at Eilat", "strikes on
    Kharkiv"): armed groups hit other countries, so the actors' own countries say nothing against it."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in STRIKE_PREPS and span.start > 0 and \
        span.doc[span.start - 1].lower_ in STRIKE_PREPS


def _in_another_province(reading: _Reading, entry: Entry, ctx: _Context) -> bool:
    """The story's other names settle on provinces, and the entry lies in none of them."""
    provinces = {a for key, a in ctx.admin1.items() if key != reading.key}
    return bool(provinces) and normalize(entry.admin1 or "") not in provinces


def _seat_among_namesakes(entry: Entry, entries: list[Entry]) -> bool:
    """The town is its district's seat (the district bears its name) and another town of that name lies in the same
    province ("El Salto, Jalisco": the municipal seat by Guadalajara, not the village of Atenguillo's)."""
    return entry.kind in TOWN_KINDS and bool(entry.admin2) and normalize(entry.admin2) == normalize(entry.name) \
        and any(o.id != entry.id and o.kind in TOWN_KINDS and o.country == entry.country and o.admin1 == entry.admin1
                for o in entries)


def _namesake_seat(entry: Entry, entries: list[Entry]) -> int:
    """For a province or district that holds a town of its own name ("Hama", "Aleppo", "New York", "Siwan"), that
    town's population (the bare name means the town, "Hama province" still the province); else the entry's own
    population."""
    if entry.kind not in {"admin1", "admin2"}:
        return entry.population
    towns = [e.population for e in entries
             if e.kind in TOWN_KINDS and e.country == entry.country and e.admin1 == entry.admin1
             and (entry.kind == "admin1" or e.admin2 == entry.name)]
    return max(towns) if towns else entry.population


BRACKET_KIND = {"admin1": 2.0, "admin2": 1.5}  # "San Juan (Merida)": Venezuela's state, not Mexico's city


def _seat_town(area: Entry, entries: list[Entry]) -> Entry | None:
    """Among a name's readings, the most populous town inside a province or district of that name (its seat)."""
    towns = [e for e in entries if e.kind in TOWN_KINDS and e.country == area.country and e.admin1 == area.admin1
             and (area.kind == "admin1" or e.admin2 == area.name
                  or (not e.admin2 and normalize(e.name) == normalize(area.name)))]
    return max(towns, key=lambda e: (e.population, e.id), default=None)


def _bracket_kind(entry: Entry, entries: list[Entry]) -> float:
    """How much a name in brackets favours this reading: a province or district, or rather the town that gives it
    its name when there is one (ACLED codes a district named for its seat at the seat)."""
    if entry.kind in BRACKET_KIND:
        return 0.0 if _seat_town(entry, entries) else BRACKET_KIND[entry.kind]
    if entry.kind not in TOWN_KINDS:
        return 0.0
    return max((BRACKET_KIND[e.kind] for e in entries if e.kind in BRACKET_KIND and _seat_town(e, entries) is entry),
               default=0.0)


def _choose(reading: _Reading, ctx: _Context) -> tuple[Entry, dict[str, float], float]:
    entries = reading.entries
    if ABBREVIATED.fullmatch(reading.text) and any(e.kind in {"admin1", "country"} for e in entries):
        entries = [e for e in entries if e.kind in {"admin1", "country"}]  # "Kan." is Kansas, not Kano
    if any(e.kind == "country" for e in entries):  # "Egypt" is the country, not a town that lists it as an alias
        entries = [e for e in entries if e.kind == "country" or gazetteer.own_name(e, reading.text)]
    if reading.province == "strong" and any(e.kind == "admin1" for e in entries):
        entries = [e for e in entries if e.kind == "admin1"]  # "the provinces of Idlib and Aleppo": the text says so
    scored = []
    for entry in entries:
        why = _score(reading, entry, ctx)
        scored.append((sum(why.values()), entry.population, entry.id, entry, why))
    scored.sort(key=lambda t: (-t[0], -t[1], t[3].kind not in TOWN_KINDS, t[2]))  # a tie: the town, not the province
    # its point stands for ("in Khost" with nothing to tell the province from the town is the town)
    best = scored[0][3]
    # the lead over the best reading in another province: "Rio de Janeiro" the state or the city settles the province
    others = [t[0] for t in scored[1:] if (t[3].country, t[3].admin1) != (best.country, best.admin1)]
    margin = scored[0][0] - others[0] if others else float("inf")
    return best, scored[0][4], margin


def _one_sense(readings: list[_Reading], choices: list[tuple[Entry, dict[str, float], float]]
               ) -> list[tuple[Entry, dict[str, float], float]]:
    """A name said again without its qualifier means the place it was qualified as ("Henderson (Nevada) ... told
    Henderson police"), when the text qualifies it one way only."""
    qualified: dict[str, set[str]] = {}
    by_id: dict[str, tuple[Entry, dict[str, float], float]] = {}
    for reading, choice in zip(readings, choices, strict=True):
        if choice[1].get("qualifier", 0.0) >= QUALIFIER_WEIGHT:
            qualified.setdefault(reading.key, set()).add(choice[0].id)
            by_id[choice[0].id] = choice
    out = []
    for reading, choice in zip(readings, choices, strict=True):
        ids = qualified.get(reading.key, set())
        if not reading.qualifiers and len(ids) == 1 and choice[0].id not in ids and \
                any(e.id in ids for e in reading.entries):
            choice = by_id[next(iter(ids))]
            reading.choice = choice[0]
        out.append(choice)
    return out


CITY_OF_KM = 30.0  # "Cite Soleil, Port-au-Prince": a bigger town this close after a comma says where the first is


def _holds(wider: _Reading, reading: _Reading) -> bool:
    """The name after a comma is the province of the first or a bigger town around it ("Soyapango, San Salvador";
    "Cite Soleil, Port-au-Prince"), so it says where the first place is rather than naming a second one."""
    first, other = reading.choice or reading.entries[0], wider.choice or wider.entries[0]
    if gazetteer.in_region(first, wider.text, gazetteer.load()):
        return True
    return other.kind in TOWN_KINDS and other.population > first.population and \
        haversine_km(first.lat, first.lon, other.lat, other.lon) <= CITY_OF_KM


def _listed_on(span: Span) -> bool:
    """The name after a comma is followed by another listed name ("including Halfaya, Taybat al-Imam, Maardis and
    Soran"): a list, not a town and the place it lies in."""
    doc = span.doc
    i = span.end
    return i + 1 < len(doc) and doc[i].lower_ in {",", "and", "or"} and doc[i + 1].text[:1].isupper() and \
        doc[i + 1].is_alpha


def _qualifying_spans(readings: list[_Reading]) -> set[int]:
    """Token starts of names that only say where the name before them is ("Taluqan (Takhar)": Takhar)."""
    out = {r.span.start for r in readings  # "Johannesburg - Diepsloot": Johannesburg says where Diepsloot is
           if any(sub_city_dash(o.span) and o.span.start == r.span.end + 1 for o in readings)}
    for reading in readings:
        doc, span = reading.span.doc, reading.span
        end = _after_part(span)
        if not reading.qualifiers and not (end > after_name(span) and end < len(doc) and doc[end].text == "("):
            continue
        closing = ")" if doc[end].text == "(" else None
        for other in readings:
            o = other.span
            if o.start <= end or o.start > end + MAX_QUALIFIER_TOKENS:
                continue
            between = doc[end + 1 : o.start]
            inside_brackets = closing is not None and not any(t.text == ")" for t in between)
            region_after_comma = closing is None and o.start == end + 1 and not _listed_on(o) and \
                ((other.choice or other.entries[0]).kind in {"admin1", "admin2", "country"} or _holds(other, reading))
            if inside_brackets or region_after_comma:
                out.add(o.start)
    return out


def extract_places(doc: Doc, doc_id: str, hints: Counter[str] | None = None) -> list[PlaceMention]:
    gaz = gazetteer.load()
    readings: list[_Reading] = []
    known_tokens = {i for span in doc.spans.get("fw_places", ()) for i in range(span.start, span.end)}
    for span in doc.spans.get("fw_places", ()):
        if span.label_ == "DEMONYM":
            country = gaz.demonym(span.text)
            if country:
                readings.append(_Reading(span, span.start_char, span.end_char, span.text, [country], True, False))
            continue
        start, end, text = _clean_span_text(span)
        if text.endswith(".") and not gaz.lookup(text):
            end, text = end - 1, text[:-1]  # "Hama." at a sentence end: the period is the sentence's
        exact = gaz.lookup(text)
        written_after = qualifiers(span)
        entries = _within_qualifier(exact or gaz.lookup_loose(text), span, written_after, gaz)
        if entries:
            readings.append(_Reading(span, start, end, text, entries[:40], bool(exact), _province_cue(span),
                                     tuple(written_after), _district_cue(span),
                                     in_brackets_after_name(span) or after_unknown_name(span, known_tokens),
                                     _town_said(span)))
    choices: list[tuple[Entry, dict[str, float], float]] = []
    for _round in range(2):
        ctx = _Context.from_choices(readings, hints)
        choices = [_choose(reading, ctx) for reading in readings]
        for reading, (entry, _why, margin) in zip(readings, choices, strict=True):
            reading.choice, reading.margin = entry, margin
        if _round == 0:
            readings = _inside_the_next(readings)
    choices = _one_sense(readings, choices)
    strays = _strays(readings, choices, ctx)
    kept = [(r, c) for i, (r, c) in enumerate(zip(readings, choices, strict=True)) if i not in strays]
    readings, choices = [r for r, _ in kept], [c for _, c in kept]
    qualifying = _qualifying_spans(readings)
    known = [r.span for r in readings]
    coded: dict[int, tuple[int, Entry]] = {}  # "[coded to Pazigyi]": the coder's place is the sentence's event
    for r, (entry, _, _) in zip(readings, choices, strict=True):  # place (a bracket the parser took for a
        if coded_to(r.span):  # sentence of its own belongs to the sentence before)
            sent = r.span.sent
            coded[sent.start] = (r.span.start, entry)
            if sent.start > 0 and doc[sent.start].text in {"[", "("}:
                coded[doc[sent.start - 1].sent.start] = (r.span.start, entry)
    out: list[PlaceMention] = []
    for reading, (best, why, _margin) in zip(readings, choices, strict=True):
        span = reading.span
        relative, precision, offset = _relative(span, known)
        lat, lon = best.lat, best.lon
        place_id, name, geonameid = best.id, best.name, best.geonameid
        zone = _compass_zone(span) if offset is None and best.kind == "city" and best.population >= METRO else None
        if zone is not None:
            relative, offset = f"{_ABBREV[zone]} zone of", (ZONE_KM, zone)  # "Rio de Janeiro - West Zone"
        if offset is not None:  # "5 km north of Hama": a place of its own, so Hama keeps its point
            lat, lon = destination(lat, lon, *offset)
            place_id = f"{best.id}{OFFSET_MARK}{offset[0]:g}km{_ABBREV[offset[1]]}"
            name, geonameid = f"{relative} {best.name}", None
        stand_in = _bracket_kind(best, reading.entries) if reading.bracketed and span.start not in qualifying and \
            best.kind in TOWN_KINDS else 0.0  # "San Juan (Merida)" with no San Juan known: somewhere in Merida
        if best.kind in {"admin1", "country", "continent"} or not best.country or stand_in >= BRACKET_KIND["admin1"]:
            precision = 3
        elif best.kind in {"region", "admin2"} or stand_in:
            precision = max(precision, 2)
        ref = PlaceRef(
            id=place_id, name=name, lat=lat, lon=lon, country=best.country or None, admin1=best.admin1,
            admin2=best.admin2,
            geonameid=geonameid, kind=best.kind, population=best.population,
            why={k: v for k, v in why.items() if v},
        )
        if span.start in qualifying and relative is None:
            relative = QUALIFIER
        elif relative is None and _route_end(span):
            relative = ROAD_END
        out.append(PlaceMention(
            mention=Mention(doc=doc_id, start=reading.start, end=reading.end,
                            text=doc_text(doc)[reading.start:reading.end]),
            place=ref, relative=relative, geo_precision=precision,
            event_location=best.kind not in NOT_EVENT_KINDS and bool(best.country)
            and not _not_event_location(span, known)
            and span.start not in qualifying
            and _coded_here(span, best, coded, known),
            demonym=span.label_ == "DEMONYM",
        ))
    return _dateline_aside(doc, _between_two(doc, out))


CODED_KM = 60  # a coder's place this far from another place of its sentence is a namesake we misread: both stand


def _coded_here(span: Span, entry: Entry, coded: dict[int, tuple[int, Entry]], known: list[Span]) -> bool:
    """No coder's place in the span's sentence, or the span names it, or we read it too far away to trust."""
    if span.sent.start not in coded:
        return True
    at, place = coded[span.sent.start]
    return at == span.start or span.text in {k.text for k in known if k.start == at} or \
        haversine_km(entry.lat, entry.lon, place.lat, place.lon) > CODED_KM


def _between_two(doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
    """"a bomb killed four soldiers between Bosaso and Qardho": one happening on the way, coded as ACLED does to
    the first town, near it (geo_precision 2); the second only says which way."""
    text = doc_text(doc)
    out = list(places)
    for i, (p, q) in enumerate(pairwise(places)):
        if text[p.mention.end:q.mention.start] == " and " and text[:p.mention.start].endswith("between ") and \
                p.event_location and q.event_location:
            out[i] = p.model_copy(update={"relative": "between", "geo_precision": max(p.geo_precision, 2)})
            out[i + 1] = q.model_copy(update={"event_location": False})
    return out


# "GOMA, Democratic Republic of Congo -", "KHARTOUM, May 3 (Reuters) -", "Nairobi - ": where the reporter files
# from, opening the text
_DATELINE = re.compile(r"^\s*[A-Z][^\W\d][\w'’.\- ]{1,40}?(?:,\s*[A-Z][\w'’. ]{1,40}?)?"
                       r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^)\n]{1,30}\)\s*)?(?:-{1,2}|—|–)\s")


def dateline_end(text: str) -> int:
    """Where the text's dateline ends ("KHARTOUM, May 3 (Reuters) - "), 0 when it opens with none."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _dateline_aside(doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
    """A dateline's place is where the story was filed, not where it happened, whenever the text names another
    place an event can be at ("BAMAKO - ... killed 20 civilians in central Mali": not Bamako)."""
    match = _DATELINE.match(doc_text(doc))
    if match is None:
        return places
    filed = [p for p in places if p.mention.start < match.end() and p.event_location]
    if not filed or not any((p.event_location or (p.place.kind == "country" and not p.demonym))
                            and p.mention.start >= match.end() for p in places):  # "in central Mali" too
        return places
    return [p.model_copy(update={"event_location": False}) if p in filed else p for p in places]
