"""Place recognition rules for the ``fw_places`` component: which gazetteer matches in a parsed document name a place.

The model's GPE/LOC/FAC entities are kept when the gazetteer knows them (widened by a word it knows, never after a
title or before a street word); then an n-gram pass accepts other gazetteer matches by the evidence around them
(``_accept``: labels, cues, focus countries, population, person and organisation context); then names already
accepted recur (one sense per discourse) and demonyms name their country. Registered on import; used by
``nlp.pipeline.get_nlp``.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import gazetteer
from ..actor_dictionary import actor_table
from ..lexicons import read_tsv

MAX_NGRAM = 6  # longest place name looked up, in tokens ("Khan Sheikhoun" 2, "Santa Cruz de la Sierra" 5)
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NON_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
BIG_PLACE = 100_000  # a gazetteer place this populous is taken even if the model calls it ORG/NORP
HUGE_PLACE = 1_000_000  # ... and this populous even if the model calls it PERSON ("Mary", "Paul" are people)
COMPASS = {"north", "south", "east", "west", "central", "northeast", "northwest", "southeast", "southwest",
           "northern", "southern", "eastern", "western", "upper", "lower", "middle", "mount", "route", "bay", "gulf",
           "metro", "section"}  # alone these are words, not places, whatever region of the world bears the name
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president", "coach", "sgt", "sergeant", "officer",
          "judge", "pastor", "rev", "lt", "capt", "det", "deputy", "chief", "mayor", "sheriff", "prof", "professor",
          "gen", "general", "col", "colonel", "maj", "major", "king", "queen", "prince", "lord", "sir",
          "uncle", "aunt", "brother", "sister", "father", "son", "daughter", "wife", "husband"}  # before a name: person
PLACE_WORDS = {"glen", "cay", "lake", "mount", "mt", "port", "fort", "ft", "san", "santa", "falls", "springs", "beach",
               "heights", "hills", "creek", "valley", "harbor", "harbour", "bay", "ville", "city", "junction", "park",
               "grove", "ridge", "point", "rapids", "bluff", "station", "crossing", "prairie", "meadows", "tal", "khan",
               "deir", "ras", "jisr", "kafr", "maarat", "qasr", "tell", "bir", "ain", "jabal", "wadi"}
UNIT_NAMES = {"city", "town", "district", "province", "municipality", "county", "governorate", "region", "village",
              "prefecture", "regency", "upazila", "township"}  # a capitalised unit after a name is not more name
BREAKS = {"(", ")", "[", "]", ",", ";", ":", '"', "“", "”"}  # no place name runs across these
NAME_LABELS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
TOWN_PLACE = 10_000  # an institution named after a place ("Watertown Police") is named after a town or a county
SMALL_PLACE = 1_000  # smaller places need the model's agreement or a context cue ("the village of X")
CUE_BEFORE = {"village", "town", "city", "province", "governorate", "district", "outskirts", "countryside", "near",
              "in", "of", "from", "to", "towards", "toward", "into", "around", "outside", "at"}
CUE_AFTER = {"province", "governorate", "countryside", "district", "region", "city", "town", "village", "airport",
             "base", "plain", "area", "outskirts", "state", "tehsil", "woreda", "kebele", "upazila", "commune",
             "payam", "chiefdom", "groupement", "subdistrict", "barangay", "corregimiento", "vereda", "lga", "cercle",
             "territory", "township", "prefecture", "municipality", "zone", "sector"}  # "Jonglei
# state", "Khar tehsil" (not "county", "hill", "camp": "McMinn County School Board", "Capitol Hill", "Camp David")


ADMIN_UNITS = {"lga", "district", "province", "governorate", "state", "region", "woreda", "tehsil", "upazila", "cercle",
               "territory", "township", "prefecture", "municipality", "zone", "sector", "commune", "payam",
               "kebele"}  # "Guma LGA" read as a person is still Guma (not "Soul City", a gym's name)


ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,3}\.){1,3}[A-Z]?[a-z]*\.?")  # "U.S.", "W.Va", "D.C.", "Kan."


APOSTROPHE_NAME = re.compile(r"[^\W\d_]+(?:['’‘ʿʾ][^\W\d_]+)+")  # "Sana'a", "Rufa'a", "Ma'arrat": one word


def _is_candidate_start(token: spacy.tokens.Token) -> bool:
    return ((token.is_alpha or bool(APOSTROPHE_NAME.fullmatch(token.text))) and token.text[:1].isupper()) or \
        bool(ABBREVIATION.fullmatch(token.text))


def _with_period(span: Span, gaz: gazetteer.Gazetteer) -> Span:
    """"W.Va" + "." is one name when the gazetteer knows "W.Va.": take the period in (offsets then match)."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "." and not span[-1].whitespace_ and \
            gaz.knows(span.text + "."):
        return doc[span.start:span.end + 1]
    return span


HAPPENING_HOPS = 4  # "gathered" <- "outside" <- "prefecture" <- "in" Lecco


@cache
def _happening_lemmas() -> frozenset[str]:
    """Words that report a happening (the event trigger lexicon): "protested in X", "was killed in X"."""
    return frozenset(row["lemma"] for row in read_tsv("event_triggers.tsv"))


SEEN_VERBS = {"report", "record", "observe", "see", "witness", "confirm", "hear", "document", "register", "continue",
              "rage", "resume", "intensify"}  # told of a happening that is their subject


def _where_it_happened(span: Span) -> bool:
    """"demonstrated in Teterow", "were killed in Kajaki", "gathered outside the prefecture in Lecco", "a rally in
    Poznan": a name after "in"/"at" on a verb or noun that reports a happening (through at most a few nouns and
    prepositions) is where it happened (a person is not "in" anyone)."""
    doc = span.doc
    before = span.start - 1
    if before > 0 and doc[before].lower_ in COMPASS:  # "in central Lancaster", "in northern Mali"
        before -= 1
    if before < 0 or doc[before].lower_ not in {"in", "at"} or span.root.head.i not in {before, span.start - 1}:
        return False
    if span.end < len(doc) and doc[span.end].lower_ in {"'s", "’s"}:
        return False
    word, happening = doc[before].head, _happening_lemmas()
    for _hop in range(HAPPENING_HOPS):
        if word.lemma_.lower() in happening and word.pos_ in {"VERB", "NOUN"}:
            return True
        if word.pos_ == "VERB" and word.lemma_.lower() in SEEN_VERBS and any(
                c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in happening for c in word.children):
            return True  # "fighting was reported in Sumy", "heavy clashes were recorded in Goma"
        if word.pos_ not in {"NOUN", "PROPN", "ADP"} or word.head == word:
            return False
        word = word.head
    return False


ASSAULT_VERBS = {"shell", "bomb", "bombard", "besiege", "encircle", "overrun", "recapture", "retake", "storm",
                 "liberate", "invade", "occupy", "surround", "pound", "airstrike"}  # what is done to places
SEIZED_NOUNS = {"control", "fall", "siege", "encirclement", "liberation", "occupation", "shelling", "bombardment",
                "outskirts", "shell", "bombard"}  # "... of X": X is a place (the last two: "shelling of X" parsed
# as a verb's gerund)
ASSAULT_NOUNS = {"attack", "raid", "assault", "strike", "airstrike", "offensive", "incursion", "bombardment",
                 "shelling", "bombing", "ambush", "advance", "push"}  # "... on X": X is what was assailed
PERSON_OR_PLACE_VERBS = {"attack", "capture", "seize", "strike", "hit", "target", "raid", "take", "enter"}  # ... and
# to places or people alike ("captured Kherson", "captured Ali"): a town of some size only


def _misread_object(word: Token) -> bool:
    """A name right after its verb that the parser hung on it as an adverb ("attacked Bakhmut from three
    directions": Bakhmut an adverb): the verb's object."""
    return word.dep_ in {"advmod", "npadvmod"} and word.i == word.head.i + 1 and \
        not any(c.dep_ == "dobj" for c in word.head.children)


def _assault_on(span: Span) -> bool:
    """"condemned Tuesday's raid on Geidam", "the attack on Kanyabayonga": the name is what an assault hit (a town or
    a person: the caller asks for a town of the story's countries)."""
    root = span.root
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in {"on", "against"} and prep.head.pos_ == "NOUN" and \
        prep.head.lemma_.lower() in ASSAULT_NOUNS


def names_a_town(entries: list[gazetteer.Entry]) -> bool:
    """A name that can stand for a town as the object of a taking: a town of 10,000 or a reviewed conflict place."""
    return any(e.population >= TOWN_PLACE or e.source == "supplement" for e in entries)


def _assailed(span: Span, entries: list[gazetteer.Entry]) -> bool:
    """"Rebels attacked Goma", "shelling hit Kherson", "Bakhmut was encircled": the object of an assault is a place
    when the gazetteer knows a town of that name, whatever label the model gave it (it takes many unfamiliar
    names for people)."""
    root = span.root
    of_noun = root.head.head.lemma_.lower() if root.dep_ == "pobj" and root.head.lower_ == "of" else ""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "VERB" and before.lemma_.lower() in ASSAULT_VERBS and \
            span[0].text[:1].isupper():  # "fighters besieging Djibo fired ...": the parser made Djibo the subject
        return any(e.population >= SMALL_PLACE or e.source == "supplement" for e in entries
                   if e.kind not in {"country", "continent"})
    if of_noun in SEIZED_NOUNS or (root.dep_ == "nsubj" and root.head.lemma_.lower() == "fall" and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in root.head.children)):
        verb = "besiege"  # "regained control of Wad Madani", "the fall of Bakhmut", "Goma fell to the rebels"
    elif of_noun in {"capture", "seizure", "recapture"}:  # "the capture of Avdiivka", "the capture of Smith"
        return names_a_town(entries)
    elif not (root.dep_ in {"dobj", "nsubjpass"} or _misread_object(root)) or root.head.pos_ != "VERB" or \
            any(c.dep_ == "det" for c in root.children):
        return False  # not "struck the Toyota", "struck the Webster" (a car, a club)
    else:
        verb = root.head.lemma_.lower()
    size = max((e.population for e in entries if e.kind not in {"country", "continent"}), default=0)
    if any(e.kind == "admin2" for e in entries):
        size = max(size, TOWN_PLACE)  # a district's name: its seat is a town whatever GeoNames counts there
    if verb in ASSAULT_VERBS:
        return size >= SMALL_PLACE or any(e.source == "supplement" for e in entries)
    return verb in PERSON_OR_PLACE_VERBS and (root.dep_ == "dobj" or _misread_object(root)) and (
        size >= TOWN_PLACE or any(e.source == "supplement" for e in entries))  # "Johnson was hit": a person


ROAD_WORDS = {"road", "highway", "axis", "route", "corridor", "motorway", "expressway", "track"}


def road_named(span: Span) -> bool:
    """"the Gao-Ansongo road", "the Kabul - Jalalabad highway": the towns a road is named after."""
    doc = span.doc
    j = span.end
    if j + 1 < len(doc) and doc[j].text in HYPHENS | {"–", "—"}:  # "Gao-Ansongo road": the first town
        j += 2
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        return j < len(doc) and doc[j].lower_ in ROAD_WORDS
    return j < len(doc) and doc[j].lower_ in ROAD_WORDS and span.start > 1 and \
        doc[span.start - 1].text in HYPHENS | {"–", "—"}  # "... -Ansongo road": the second


def _context_cue(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    before2 = doc[span.start - 2].lower_ if span.start > 1 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (before in CUE_BEFORE and before not in {"in", "of", "from", "to", "at"}) or after in CUE_AFTER or (
        before in {"of", "in"} and before2 in OF_PLACE_WORDS) or _side_cue(span) or _where_it_happened(span) or \
        road_named(span)


OF_PLACE_WORDS = {"village", "town", "city", "province", "outskirts", "countryside", "area", "port", "suburbs",
                  "centre", "center", "vicinity", "environs", "municipality", "commune", "locality", "north", "south",
                  "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
                  "south-east", "south-west"}  # "the port area of Mocha", "30 km east of Fada N'Gourma": a place's
# name follows


CODED = {"coded", "code"}


def coded_to(span: Span) -> bool:
    """"(coded to Waza, ...)", "[location coded as Bagani ...]": a coder names the place the event is put at."""
    doc = span.doc
    whole = span.end >= len(doc) or not doc[span.end].text[:1].isupper()  # not "Al" of "Al Qaidah"
    return whole and span.start > 1 and doc[span.start - 1].lower_ in {"to", "as", "at"} \
        and doc[span.start - 2].lower_ in CODED


def _side_cue(span: Span) -> bool:
    """"in central Lancaster", "across northern Shan": a side or part of a place named after a preposition."""
    doc = span.doc
    return span.start > 1 and doc[span.start - 1].lower_ in SIDES and \
        doc[span.start - 2].lower_ in {"in", "across", "throughout"}


SIDES = {"central", "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
         "southwestern", "downtown", "rural", "greater"}  # "in central Lancaster", "across northern Shan"


REGION_OPEN = {"(", ","}
REGION_CLOSE = {")", ",", ".", ";", "[", "and"}
MAX_REGION_TOKENS = 5


def region_after(span: Span) -> str | None:
    """The words in brackets or after a comma that follow a name ("Taluqan (Takhar)", "Sucre, Chuquisaca", "Merawi,
    in West Gojjam zone"), or None."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text not in REGION_OPEN:
        return None
    start = span.end + 1
    if doc[span.end].text == "," and start < len(doc) and doc[start].lower_ == "in":
        start += 1 + (start + 1 < len(doc) and doc[start + 1].lower_ == "the")
    words = []
    for t in doc[start : start + MAX_REGION_TOKENS]:
        if t.text in REGION_CLOSE:
            break
        words.append(t.text_with_ws)
    return "".join(words).strip() or None


def _second_in_brackets(span: Span) -> str | None:
    """The province after the district in the brackets that follow a name ("Victoria (Capital, British Columbia)":
    British Columbia), or None."""
    doc, names, words = span.doc, [], []
    if span.end >= len(doc) or doc[span.end].text != "(":
        return None
    for t in doc[span.end + 1 : span.end + 1 + 2 * MAX_REGION_TOKENS]:
        if t.text not in {")", ","}:
            words.append(t.text_with_ws)
            continue
        names.append("".join(words).strip())
        words = []
        if t.text == ")":
            return names[1] or None if len(names) == 2 else None
    return None


def _region_after(span: Span, entries: list[gazetteer.Entry], gaz: gazetteer.Gazetteer) -> bool:
    """A name followed by the province or country of one of its readings ("Ruffec (Charente)", "Bara, North
    Kordofan", "Sucre (Chuquisaca)", "Victoria (Capital, British Columbia)"): a place, as dated notes and
    datelines write them."""
    regions = [r for r in (region_after(span), _second_in_brackets(span)) if r]
    return any(gazetteer.in_region(e, region, gaz) for region in regions for e in entries)


LOCAL_UNITS = {"district", "county", "area", "hill", "kebele", "woreda", "tehsil", "commune", "sector", "zone", "camp",
               "locality", "neighbourhood", "neighborhood", "corregimiento", "vereda", "barangay", "payam",
               "groupement", "chiefdom", "settlement", "quarter", "suburb", "parish", "canton", "farm", "union",
               "upazila", "township", "colline", "market", "junction", "front", "base", "checkpoint"}


def _bracketed_region(span: Span, entries: list[gazetteer.Entry]) -> bool:
    """A province, district or country in the brackets after a name ("El Alto (La Paz)", "Kouyape (Kolofata,
    Mayo-Sava)"): notes write where a place lies this way, so it is a place even where the model saw none."""
    return in_brackets_after_name(span) and any(e.kind in {"admin1", "admin2", "country", "county"} for e in entries)


def in_brackets_after_name(span: Span) -> bool:
    """The span stands in the brackets after a name or its unit word, alone or listed ("San Juan (Merida)",
    "Kerawa (Kolofata, Mayo-Sava)"): it says in which district or province that place lies."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].text != "(" and (doc[i].text in {",", "-"} or doc[i].text[:1].isupper()
                                             or doc[i].lower_ in PARTICLES):
        i -= 1  # back over the names listed before it inside the brackets ("Logone-et-Chari, Extreme-Nord")
    if i < 1 or doc[i].text != "(":
        return False
    if not (doc[i - 1].text[:1].isupper() or doc[i - 1].lower_ in UNIT_NAMES | LOCAL_UNITS):
        return False  # "Ayod town (...)", "Rango hill (...)": the bracket follows a name or its unit word
    return span.end < len(doc) and doc[span.end].text in {")", ","}


UNKNOWN_NAME_PREPS = {"near", "in", "at", "around", "outside", "of"}


def after_unknown_name(span: Span, known: set[int]) -> bool:
    """The span follows a comma after a name no place reading took ("near Tykhotske, Kharkiv", "in Sakhanka,
    Donetsk."), at the end of its clause: like a bracket after a name, it says in which province that unknown
    place lies, not that the event happened in the province's capital. ``known``: tokens of the place spans."""
    doc = span.doc
    comma = span.start - 1
    if comma < 2 or doc[comma].text != "," or (span.end < len(doc) and doc[span.end].text not in {".", ";", ","}
                                                 and not doc[span.end].is_sent_start):
        return False  # "near Sakhanka, Donetsk. Casualties": the span may hold the sentence's period
    i = comma - 1
    while i > 0 and (doc[i].text[:1].isupper() or doc[i].text == "-" or doc[i].lower_ in PARTICLES) \
            and not doc[i].is_sent_start:
        i -= 1
    name = range(i + 1, comma)
    return bool(name) and doc[i].lower_ in UNKNOWN_NAME_PREPS and doc[i + 1].text[:1].isupper() and \
        not any(t in known for t in name) and all(doc[t].pos_ == "PROPN" or doc[t].text == "-" for t in name)


def _in_list_with(span: Span, accepted: set[int]) -> bool:
    """True when the span is coordinated with an already accepted place ("Souran, Morek and Khan Sheikhoun")."""
    root = span.root
    neighbours = [root.head, *root.children] if root.dep_ == "conj" else list(root.children)
    return any(t.i in accepted and (t.dep_ == "conj" or root.dep_ == "conj") for t in neighbours)


NOT_PLACE_AFTER = {"system", "systems", "missile", "missiles", "launcher", "launchers", "rocket", "rockets", "jet",
                   "jets", "drone", "drones", "tank", "tanks", "rifle", "rifles", "helicopter", "helicopters",
                   "inc", "corp", "ltd", "llc", "company", "brand"}
QUOTES = {"'", '"', "’", "”", "‘", "“"}
NOT_A_PLACE_AFTER = {"river", "cocktail", "cocktails"}  # whatever the size of a namesake


def _names_a_thing(span: Span) -> bool:
    """True when the words right after say the name is a product or company: "Pantsir-S1", "Titan missiles"."""
    doc = span.doc
    end = span.end + 1 if span.end < len(doc) and doc[span.end].text in QUOTES else span.end  # "'Grad' missiles"
    nxt = doc[end] if end < len(doc) else None
    if nxt is None:
        return False
    if nxt.text == "-" and end + 1 < len(doc) and any(ch.isdigit() for ch in doc[end + 1].text):
        return True  # a model designation
    return nxt.lower_.rstrip(".") in NOT_PLACE_AFTER


HYPHENS = {"-", "‐", "‑"}
PARTICLES = {"e", "et", "el", "al", "ul", "i", "de", "du", "la", "le", "en", "sur", "gun", "ye"}  # "Mazar-e-Sharif",
# "Logone-et-Chari", "Haman-gun": a name goes on past the hyphen


def _hyphen_fragment(span: Span, gaz: gazetteer.Gazetteer) -> bool:
    """True when the span is one half of a hyphenated name the gazetteer does not hold ("Sava" and "Mayo" in
    "Mayo-Sava", "Mazar" in "Mazar-e-Sharif"). Not when the other half is a sizeable place of its own ("the
    Idlib-Aleppo road", "Athens-Clarke County"), a party's or people's mark ("R-Marshall", "Egyptian-US ties"), an
    article ("Sharm El-Sheikh") or a word such as "-based" ("a Chicago-based firm")."""
    doc = span.doc

    def glued(i: int) -> bool:
        return 0 < i < len(doc) - 1 and doc[i].text in HYPHENS and not doc[i - 1].whitespace_ \
            and not doc[i].whitespace_ and doc[i - 1].is_alpha and doc[i + 1].is_alpha

    def sizeable(text: str, regions: bool = True) -> bool:
        return any((regions and e.kind in {"country", "admin1", "county"}) or e.population >= TOWN_PLACE
                   for e in gaz.lookup(text))

    before, after = span.start - 1, span.end
    if glued(before):
        word = doc[before - 1]
        if word.text[:1].isupper() and not word.is_upper and len(word) > 2 and word.lower_ not in gazetteer.ARTICLES \
                and gaz.demonym(word.text) is None and not sizeable(word.text):
            return True
    if glued(after):
        word = doc[after + 1]
        if word.lower_ in PARTICLES:
            return True
        return word.text[:1].isupper() and not word.is_upper and not sizeable(word.text, regions=False) \
            and not sizeable(span.text, regions=False)
    return False


SAINTS = {"saint", "st", "sainte", "ste", "san", "santa", "sao", "são", "santo"}
NAME_PARTICLES = {"del", "de", "do", "da", "dos", "das", "di", "della"}  # "San Antonio del Junte" goes on


def _part_of_a_name(span: Span, entries: list[gazetteer.Entry]) -> bool:
    """The words after say the name is only the start of a longer one the gazetteer lacks: a Romance particle and a
    capitalised word ("San Antonio del Junte", a Bolivian village, is not San Antonio, Texas), or, for a town that
    is no country or big city, a possessive before a capitalised word or a preposition ("Saint Mary's Ukrainian
    Catholic Church in Sudbury", "outside McDonald's in Sheffield": a church and a shop, not the places)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in SAINTS:
        return True  # "Mary" in "Saint Mary's Church": the whole name was no place the gazetteer knows
    if len(span) == 1 and span[0].lower_.rstrip(".") in SAINTS and span.end < len(doc) \
            and doc[span.end].text[:1].isupper():
        return True  # "San" in "San Martin square": a saint's name, however many towns are called "San"
    i = span.end
    while i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper() and doc[i].lower_ not in UNIT_NAMES:
        i += 1  # "San" in "San Antonio del Junte": the name runs on through its capitalised words
    if i + 1 < len(doc) and doc[i].lower_ in NAME_PARTICLES and doc[i + 1].text[:1].isupper():
        return True
    after = doc[span.end : span.end + 2]
    if after and after[0].lower_ in NOT_A_PLACE_AFTER:
        return True  # "the Po river", "Molotov cocktails"
    possessive = span[-1].lower_ in POSSESSIVE  # the model's span may hold the "'s" itself
    if not possessive and after and after[0].lower_ in POSSESSIVE:
        possessive, after = True, doc[span.end + 1 : span.end + 2]
    if not possessive or not after:
        return False
    small = all(e.kind != "country" and e.population < BIG_PLACE for e in entries)
    return small and (after[0].text[:1].isupper() or after[0].pos_ == "ADP")


POSSESSIVE = {"'s", "’s"}
NAME_GOES_ON = UNIT_NAMES | set(CUE_AFTER) | COMPASS | {"oblast", "krai", "strip", "bank", "dam", "bridge", "lake",
                                                         "river", "mountain", "mountains", "hills", "valley", "port",
                                                         "harbour", "harbor", "bay", "island", "islands", "square"}


def _runs_on(span: Span, gaz: gazetteer.Gazetteer) -> bool:
    """The model's place name goes on past the gazetteer's with another name ("Pueblo Andino", "the Balkan Varvara
    club"): a place or club the gazetteer lacks, not the shorter namesake ("Puebla", Turkmenistan's Balkan)."""
    doc, i = span.doc, span.end
    if span[-1].lower_ in NAME_GOES_ON:
        return False  # "Lucas County Common Pleas Court": the county's name is whole, a court's follows
    if i >= len(doc) or doc[i].ent_iob_ != "I" or not doc[i].is_alpha or not doc[i].text[:1].isupper() \
            or doc[i].lower_ in NAME_GOES_ON or doc[i].lower_ in INSTITUTION_WORDS:
        return False
    end = i
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return not gaz.knows(doc[span.start : end].text)


def _inside_longer_name(span: Span) -> bool:
    """True when the span is part of a longer run of capitalised proper nouns (a person's or group's full name)."""
    doc = span.doc

    def proper(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].tag_.startswith("NNP") and doc[i].text[:1].isupper() and doc[i].is_alpha \
            and not (i == span.end and doc[i].lower_ in UNIT_NAMES)  # "Zugdidi City", "Kajaki District"

    return proper(span.start - 1) or proper(span.end)


MOTION_PREPS = {"in", "at", "near", "from", "to", "into", "towards", "toward", "outside", "over", "across", "through"}
# "drones over Kyiv", "raids across Gao", "marched through Goma"
PERSON_PREPS = frozenset(MOTION_PREPS - {"to"})  # "spoke to Jackson": a name after "to" may be anyone's


TALK_VERBS = {"say", "hear", "learn", "speak", "talk", "write", "reply", "respond", "report", "tell", "explain",
              "listen", "refer", "belong", "turn", "appeal", "apologise", "apologize", "pay", "give", "send"}


def _where_an_act_went(span: Span, preps: frozenset[str] = frozenset(MOTION_PREPS)) -> bool:
    """The name is where a verb's action happened or went ("withdrew from Kherson", "protested in Den Haag"): a
    place even when the model took it for a person."""
    root = span.root
    prep = root.head
    if not (span.start > 0 and span.doc[span.start - 1].lower_ in preps and root.dep_ == "pobj"
            and prep.dep_ == "prep"):
        return False
    head = prep.head
    for _ in range(ACT_REACH):  # "took to the streets in Kiel", "set fire to the party office and a police post in
        if head.pos_ != "NOUN" or head.dep_ not in {"pobj", "dobj", "conj"}:  # Am Timan": up the things acted on
            break
        head = head.head.head if head.dep_ == "pobj" else head.head
    return head.pos_ == "VERB" and head.lemma_.lower() not in TALK_VERBS


ACT_REACH = 3  # nouns climbed from a place's preposition to the verb that acted


def _accept(span: Span, label: str | None, gaz: gazetteer.Gazetteer, focus: set[str], accepted: set[int]) -> bool:
    """Should a gazetteer match that the model did not label as a place be kept?

    ``focus`` holds the countries of the places the document names with confidence: a small Syrian village in a
    Syrian story is likely, the same name in an American story is not.
    """
    entries = gaz.candidates(span.text)
    if not entries or _hyphen_fragment(span, gaz) or _part_of_a_name(span, entries):
        return False
    if label in {"GPE", "LOC"} and _runs_on(span, gaz):
        return False
    if _dateline(span) or coded_to(span) or _region_after(span, entries, gaz) or _bracketed_region(span, entries):
        return True
    assailed = _assailed(span, entries) or (_assault_on(span) and any(  # "rebels attacked Homs", Homs tagged a
        (e.population >= TOWN_PLACE or e.source == "supplement") and e.country in focus for e in entries))  # plural
    # noun or a language; "the raid on Geidam" in a Nigerian story, not "the attack on Jackson" in an American one
    mistagged = (not span[0].is_sent_start and (
        any(e.population >= TOWN_PLACE and e.country in focus for e in entries) or _side_cue(span))) or assailed
    if len(span) == 1 and (span[0].lower_ in STOP_WORDS or span[0].lower_ in COMPASS
                           or not (span[0].tag_.startswith("NNP") or mistagged)):
        return False  # "Homs" tagged a plural noun mid-sentence is still Homs when the story is Syrian
    if _street(span):
        return False
    top = entries[0]
    in_focus = any(e.country in focus for e in entries)
    proper = all(t.tag_.startswith("NNP") for t in span if t.is_alpha) or (len(span) == 1 and mistagged)
    cue = _context_cue(span) or _in_list_with(span, accepted) or assailed
    if _after_title(span):
        return False  # "coach Ripley", "Sen. Lincoln"
    if label == "PERSON" and _office_of(span, gaz.lookup(span.text)):
        return True  # "Hakkari Governor's office", "the mayor of Kherson"
    if label == "PERSON" and _entity_len(span.doc, span.start) > len(span) and not (
            _entity_len(span.doc, span.start) == len(span) + 1 and span.end < len(span.doc)
            and span.doc[span.end].lower_ in ADMIN_UNITS):
        return False  # "George" in "George Bush"; not "Guma" in "Guma LGA"
    if label == "LANGUAGE":  # the small model's "Aleppo" as a language: a big city of the story is still the city,
        # and so is one an act went over or into ("shot down drones over Odesa")
        big = any(e.population >= BIG_PLACE for e in entries)
        return (big and (any(e.country in focus for e in entries) or _where_an_act_went(span))) or assailed
    if top.kind in {"country", "county"}:
        return True  # "Syria", "Anderson County": no person or firm is called that
    if top.source == "supplement" and (label in PLACE_LABELS or cue or in_focus or _where_an_act_went(span)):
        return True  # a reviewed conflict place, where the words around or the story's countries say place
    if len(span) > 1 and in_focus and any(t.lower_ in PLACE_WORDS for t in span) and label != "ORG":
        return True  # "Glen Carbon", "Tega Cay", "Fort Worth" even where the model saw a person
    if _names_a_thing(span) and top.population < BIG_PLACE:
        return False  # "'Grad' missiles", "Titan missiles"
    if top.kind == "admin1":  # "Texas" in an American story, "Idlib province"; not Turkmenistan's "Mary"
        return top.country in focus or cue or label in PLACE_LABELS or _where_an_act_went(span, PERSON_PREPS) or (
            not focus and label != "PERSON" and not _inside_longer_name(span))  # not "the Balkan Varvara club"
    key = gazetteer.normalize(span.text)
    if _particled_town(span, entries):
        return True
    if label not in PLACE_LABELS and not cue and not any(
            gazetteer.normalize(e.name) == key or (gazetteer.own_name(e, span.text) and e.country in focus)
            or (len(span) > 1 and e.population >= BIG_PLACE)  # "Den Haag": a big city's other name, in full
            for e in entries):
        return False  # only an alternate name ("Passover", "Jerusalem" for small American towns): needs support
    if label in {"ORG", "FAC"}:  # "Gainesville Police", "the Edgar County Sheriff's Department"; not "Toyota"
        if cue:
            return not _inside_longer_name(span)
        named_for = any((e.country in focus or not focus) and (e.population >= TOWN_PLACE or e.kind == "county")
                        for e in entries)
        of_place = span.start > 0 and span.doc[span.start - 1].lower_ == "of" and _named_after_place(span)
        went = len(span) == 1 and _where_an_act_went(span, PERSON_PREPS)  # "fired a missile at Eilat"
        return proper and named_for and (of_place or went or (_starts_entity(span) and _named_after_place(span)))
    exact = gaz.lookup(span.text)
    big = any(e.population >= BIG_PLACE for e in exact)
    if label == "PERSON":  # "Bell", "Meredith": a person unless the words around say place
        return (cue and (in_focus or top.population >= SMALL_PLACE)) or \
            ((big or top.kind == "admin1") and _where_an_act_went(span, PERSON_PREPS)) or \
            (len(span) > 1 and big and span.start > 0 and span.doc[span.start - 1].lower_ in {"in", "at", "near"}) or \
            any(e.population >= BIG_PLACE and e.country in focus for e in exact) or \
            any(e.population >= HUGE_PLACE for e in exact)
    if label is None and not cue and _title_case_sentence(span):
        return False  # a headline's "Man", "Day": every word is capitalised there, so capitals say nothing
    if _inside_longer_name(span) and not any(gazetteer.own_name(e, span.text) for e in exact):
        return False  # "Jadid" in "Jadid Bakkara town": another name of El Jadida, inside a longer name
    if top.population >= BIG_PLACE and big:
        return True
    if label in PLACE_LABELS:
        cue = True  # the model saw a place around here ("the northern Hama countryside")
    if _inside_longer_name(span) and top.population < BIG_PLACE:
        return False  # "Salman" in "Salman Nimr Jamaa"
    if in_focus and proper:
        return True
    return top.population >= SMALL_PLACE and proper and (cue or (
        top.population >= TOWN_PLACE and _where_an_act_went(span)))  # "marched from X to La Rochelle"


def _particled_town(span: Span, entries: list[gazetteer.Entry]) -> bool:
    """"in Leca do Balio", "at Santa Maria da Feira": a town's name with a particle, written without its accents
    (Leça do Bailio), after "in" or "at": the particle breaks the parse ("do" read as a verb, the name as a
    product or a firm), so the name's shape and the town's size say place."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in {"in", "at"} and span[0].tag_.startswith("NNP") \
        and span[-1].tag_.startswith("NNP") and any(t.lower_ in NAME_PARTICLES for t in span[1:-1]) \
        and any(e.population >= TOWN_PLACE for e in entries)


STREET_WORDS = {"street", "st", "road", "rd", "avenue", "ave", "drive", "dr", "lane", "ln", "boulevard", "blvd",
                "parkway", "pkwy", "highway", "hwy", "trail", "court", "ct", "place", "pl", "way", "circle", "pike",
                "terrace", "square", "bridge", "park", "mall", "school", "church", "hospital", "university",
                "college"}  # "Darby Street", "Lincoln Hospital": named after a place or person, not at the place
# (airports and bases are at the town they are named after: "Hama airport", "Kuweires airport")
NAMED_SPOTS = {"square", "street", "avenue", "boulevard", "roundabout"}  # "San Martin square", "Tahrir square": a spot
# inside a town named after someone or something, however it is capitalised
WIDER = {"county", "parish", "township", "city", "colony", "heights", "springs", "falls", "beach", "valley"}


def _street(span: Span) -> bool:
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None:
        return False
    word = nxt.lower_.rstrip(".")
    return (nxt.text[:1].isupper() and word in STREET_WORDS) or word in NAMED_SPOTS


def _widened(span: Span, gaz: gazetteer.Gazetteer) -> Span:
    """The model's place entity, grown by a word it left out when the longer name is the gazetteer's:
    "New" + "Concord", "South" + "Charleston", "Henderson" + "County", "Port of" + "Spain"."""
    doc = span.doc
    if span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].text[:1].isupper() \
            and doc[span.start - 2].is_alpha and gaz.lookup(doc[span.start - 2 : span.end].text):
        span = doc[span.start - 2 : span.end]
    if span.start > 0 and doc[span.start - 1].text[:1].isupper() and doc[span.start - 1].is_alpha \
            and not doc[span.start - 1].is_sent_start and gaz.lookup(doc[span.start - 1 : span.end].text):
        span = doc[span.start - 1 : span.end]
    if span.end < len(doc) and doc[span.end].lower_ in WIDER and doc[span.end].text[:1].isupper() \
            and gaz.lookup(doc[span.start : span.end + 1].text):
        span = doc[span.start : span.end + 1]
    for end in range(min(len(doc), span.start + MAX_NGRAM), span.end, -1):  # "San Fernando" + "del Valle de
        longer = doc[span.start : end]  # Catamarca": the gazetteer's longer name, joined by its particles
        ends = longer[-1].text[:1].isupper() or (len(longer) > 2 and longer[-2].text in HYPHENS
                                                  and longer[-1].is_lower and len(longer[-1]) <= 3)  # "Hpa-an"
        if ends and all(t.is_alpha or t.text in HYPHENS for t in longer) and gaz.lookup(longer.text):
            return longer
    return span


INSTITUTION_WORDS = {"police", "county", "city", "council", "public", "fire", "department", "sheriff", "sheriff's",
                     "schools", "school", "high", "township", "board", "commission", "utilities", "hospital",
                     "library", "chamber", "airport", "municipal", "regional", "area", "community", "district",
                     "state", "metro", "metropolitan", "transit", "housing", "water", "times", "news", "herald",
                     "post", "daily", "gazette", "tribune", "journal", "courier", "village", "town", "borough",
                     "planning", "parks", "recreation", "health", "memorial", "general", "medical", "superior",
                     "circuit", "jail", "detention", "coroner", "commissioners", "courthouse", "civic", "museum",
                     "emergency", "fairgrounds", "education", "reservoir", "zoo", "camp", "governor", "governorate",
                     "municipality", "mayor", "prison", "'s", "’s", "-"}  # "Rukban Camp", "Hakkari Governor's office"


def _named_after_place(span: Span) -> bool:
    """"Gainesville Police", "Butler County Commissioners", "Watertown Daily Times": an institution named for its
    town, which the word after the name says; not "Turner Construction" or "Bell Helicopter"."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].ent_iob_ != "I":
        return True  # the model's organisation is the bare name itself, or ends with it ("University of Georgia")
    return doc[span.end].lower_ in INSTITUTION_WORDS


OFFICES = {"governor", "governorate", "mayor", "municipality", "prefecture", "prefect"}  # not "police": "Cameron Police
# Chief Mike Younger" is a person's name as often as a town's


def _office_of(span: Span, entries: list[gazetteer.Entry]) -> bool:
    """"Hakkari Governor's office", "Kherson Mayor", "the mayor of Kherson": the model took a town or province named
    with the office that governs it for a person; the name is the place it governs."""
    doc = span.doc
    before = span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in OFFICES
    after = _starts_entity(span) and span.end < len(doc) and doc[span.end].lower_ in OFFICES
    return (before or after) and \
        any(e.population >= TOWN_PLACE or e.kind in {"admin1", "admin2", "county"} for e in entries)


def _dateline(span: Span) -> bool:
    """"BEIRUT, Lebanon -" or "NEWARK (AP)": a capitalised place name opening a line."""
    doc = span.doc
    if not span.text.isupper() or len(span.text) < 5 or not span[0].is_sent_start:
        return False
    return span.end < len(doc) and doc[span.end].text in {",", "(", "-", "—", "–", ":"}


def _surname(span: Span, surnames: set[str]) -> bool:
    """"Bell", "Hughes" alone after "Dominic Bell", "Terry Hughes" earlier in the document: the same person, unless
    the words around say place ("in Lincoln, Neb.", "the town of Bell")."""
    if len(span) != 1 or span.text not in surnames:
        return False
    doc = span.doc
    after = doc[span.end : span.end + 2]
    state_follows = len(after) == 2 and after[0].text == "," and gazetteer.load().lookup(after[1].text) != []
    return not (_context_cue(span) or state_follows)


def _after_title(span: Span) -> bool:
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    return i >= 0 and doc[i].lower_ in TITLES


def _title_case_sentence(span: Span) -> bool:
    """True when most longer words of the span's sentence are capitalised (a headline in title case)."""
    words = [t for t in span.sent if t.is_alpha and len(t) > 3 and t.lower_ not in STOP_WORDS]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _starts_entity(span: Span) -> bool:
    """True when the span opens the named entity that holds it, after a leading "the" ("the Edgar County ...")."""
    doc = span.doc
    i = span.start
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i == span.start or (i == span.start - 1 and doc[i].lower_ == "the")


def _entity_len(doc: Doc, i: int) -> int:
    """Length in tokens of the named entity that holds token i (0 when none)."""
    if doc[i].ent_iob_ in {"", "O"}:
        return 0
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end - start


LANGUAGE_BEFORE = {"in", "into", "speak", "speaks", "spoke", "spoken", "speaking", "learn", "learned", "learning",
                   "teach", "teaches", "taught", "translate", "translated", "fluent"}


def _language(span: Span) -> bool:
    """"in French", "speaks Russian": the language, not the country (unless a noun follows: "in French waters")."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in {"language", "speaking"}:
        return True
    return before in LANGUAGE_BEFORE and not (after is not None and after.tag_.startswith("NN"))


def _demonyms(doc: Doc, gaz: gazetteer.Gazetteer, taken: set[int], blocked: list[bool]) -> list[Span]:
    """'Georgian', 'Sri Lankan', 'Palestinians': adjectives and nouns naming a country (also opening an
    organisation's name: "the American Red Cross" names the country too), not inside a person's name, a law or a
    work ("the American Recovery and Reinvestment Act"), and not as a language ("in French")."""
    out = []
    i = 0
    while i < len(doc):
        matched = None
        for n in (2, 1):
            end = i + n
            if end > len(doc) or any(blocked[j] or j in taken for j in range(i, end)):
                continue
            span = doc[i:end]
            if gaz.demonym(span.text) is None:
                continue
            label = doc[i].ent_type_
            if label in NAME_LABELS - {"ORG", "NORP"} and _entity_len(doc, i) > n:
                continue
            if _language(span):
                continue
            matched = span
            break
        if matched is not None:
            out.append(Span(doc, matched.start, matched.end, label="DEMONYM"))
            i = matched.end
        else:
            i += 1
    return out


def _same_name_again(doc: Doc, found: list[Span], strong: set[str], taken: set[int],
                     blocked: list[bool]) -> list[Span]:
    """One sense per discourse: a name the model itself called a place (``strong``) is a place wherever it recurs
    in the document ("Gainesville" again in "the Gainesville sewer system", mislabelled a person), unless it is
    part of a longer name there; other accepted names recur only where the model saw no name at all."""
    by_first: dict[str, list[tuple[str, int]]] = {}  # first word -> the names that start with it
    for span in found:
        if span.text[:1].isupper() and (span.text, len(span)) not in by_first.get(span[0].text, []):
            by_first.setdefault(span[0].text, []).append((span.text, len(span)))
    out = []
    for i in range(len(doc)):
        for text, n in by_first.get(doc[i].text, ()):
            end = i + n
            if end > len(doc) or doc[i:end].text != text or any(blocked[j] or j in taken for j in range(i, end)):
                continue
            label = doc[i].ent_type_
            longer = _entity_len(doc, i) > n
            if label in NAME_LABELS and (text not in strong or (longer and label == "PERSON")):
                continue
            if not doc[i].tag_.startswith("NNP") or _after_title(doc[i:end]):
                continue
            out.append(Span(doc, i, end, label="PLACE"))
            taken.update(range(i, end))
            break
    return out


SPACED_DASHES = {"-", "–", "—"}
PART_OPENERS = {"in", "at", "near", "of", "to", "from", "into", "outside", "(", "around"}
MAX_CITY_TOKENS = 4


def spaced_dash(doc: Doc, i: int) -> bool:
    """Token ``i`` is a dash with a space on each side ("Taizz - Usayfarah"; not "Mayo-Sava")."""
    return 0 < i < len(doc) and doc[i].text in SPACED_DASHES and bool(doc[i].whitespace_) \
        and bool(doc[i - 1].whitespace_)


def name_before_dash(doc: Doc, i: int) -> int | None:
    """Where the name before a spaced dash at token ``i`` starts, when a preposition or a bracket opens it ("in
    Taizz - Usayfarah", "(Seoul City - Jongno)"); None for anything else, datelines included ("ST. PARIS - The
    council ...", "HARTFORD — Connecticut lawmakers ...")."""
    if not spaced_dash(doc, i):
        return None
    start = i
    while start > 0 and i - start < MAX_CITY_TOKENS and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].text not in BREAKS:
        start -= 1
    return start if 0 < start < i and doc[start - 1].lower_ in PART_OPENERS else None


def _cities_before_a_part(doc: Doc, gaz: gazetteer.Gazetteer, taken: set[int], blocked: list[bool]) -> list[Span]:
    """The town before a spaced dash, as ACLED names a part of a city ("Taizz - Usayfarah", "Seoul City - Jongno"):
    a place whatever the model calls the whole (a person, often), when the gazetteer holds a town of 10,000 or a
    province by that name."""
    out = []
    for dash in doc:
        i = dash.i
        start = name_before_dash(doc, i)
        if start is None or i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper():
            continue
        ends = [i, i - 1] if doc[i - 1].lower_ in UNIT_NAMES and i - 1 > start else [i]  # "Seoul City"
        for end in ends:  # the whole name before the dash, never its last word ("near Twin Lakes - Highway 10")
            span = doc[start:end]
            if any(j in taken or blocked[j] for j in range(start, end)):
                continue
            if any(e.kind in {"city", "town", "admin1", "admin2"} and (e.population >= TOWN_PLACE or e.kind != "town")
                   for e in gaz.lookup(span.text)):
                out.append(Span(doc, start, end, label="PLACE"))
                break
    return out


REGION_UNITS = {"region", "province", "state", "governorate", "district", "zone", "county", "department", "oblast"}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "spring", "summer", "autumn", "winter", "christmas", "easter", "ramadan", "eid"}


def _misread_region(ent: Span) -> bool:
    """"in Amhara region" read as a date: capitalised words before a unit word, none of them a calendar word."""
    doc = ent.doc
    return ent.label_ == "DATE" and ent.end < len(doc) and doc[ent.end].lower_ in REGION_UNITS and all(
        t.is_alpha and t.text[:1].isupper() and t.lower_ not in CALENDAR for t in ent)


def _misread_city(ent: Span, gaz: gazetteer.Gazetteer) -> bool:
    """"marched in Montevideo" read as a date: capitalised words, none a calendar word, that name a big city."""
    return ent.label_ in {"DATE", "TIME"} and all(t.is_alpha and t.text[:1].isupper() and t.lower_ not in CALENDAR
                                                   for t in ent) and any(
        e.population >= BIG_PLACE for e in gaz.lookup(ent.text))


FOREIGN_KINDS = {"state_forces", "external_forces", "government", "police", "media", "ngo", "think_tank", "monitor",
                 "person"}  # actors whose country need not be where the text's places are


def _home_countries(doc: Doc) -> set[str]:
    """The one country of each armed group the text names that is no state's (a state's forces fight abroad)."""
    table = actor_table()
    found = (table.get(ent.ent_id_) for ent in doc.ents if ent.ent_id_)
    return {info.country for info in found if info is not None and info.country and info.generic is None
            and info.kind not in FOREIGN_KINDS}


@Language.component("fw_places")
def find_places(doc: Doc) -> Doc:
    """Mark every span that names a gazetteer place in ``doc.spans["fw_places"]``."""
    gaz = gazetteer.load()
    blocked = [False] * len(doc)
    found: list[Span] = []
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_alpha}
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            # the model or a place ruler says place: keep it if the gazetteer knows it (else nothing to map)
            span = _widened(doc[ent.start:ent.end], gaz)
            if (gaz.knows(span.text) or gaz.knows(span.text.rstrip("."))) and not _after_title(span) \
                    and not all(t.is_lower for t in span if t.is_alpha) \
                    and not _street(span) and not _surname(span, surnames) and not _hyphen_fragment(span, gaz) \
                    and not _part_of_a_name(span, gaz.candidates(span.text)) \
                    and not (_names_a_thing(span) and all(e.population < BIG_PLACE for e in gaz.candidates(span.text)))\
                    and not (len(span) == 1 and span[0].lower_ in COMPASS) \
                    and not (_inside_longer_name(span) and not any(gazetteer.own_name(e, span.text)
                                                                   for e in gaz.lookup(span.text))):
                place = _with_period(span, gaz)
                found.append(Span(doc, place.start, place.end, label="PLACE"))
                for i in range(place.start, place.end):
                    blocked[i] = True
            # else: names inside it ("Hama province", "the northern Hama countryside") are left to the n-gram pass
        elif ent.ent_id_ or (ent.label_ in NON_PLACE_LABELS and not _misread_region(ent)
                             and not _misread_city(ent, gaz)):
            for i in range(ent.start, ent.end):
                blocked[i] = True
    accepted = {t.i for span in found for t in span}
    for span in _cities_before_a_part(doc, gaz, accepted, blocked):
        found.append(span)
        accepted.update(range(span.start, span.end))
    strong = {span.text for span in found}
    labels = {i: ent.label_ for ent in doc.ents for i in range(ent.start, ent.end)}
    at_home = _home_countries(doc)
    for _ in range(2):  # a second pass accepts list members next to places found in the first
        # focus: countries of the towns and regions found so far (named countries are often foreign actors) and of
        # the armed groups the text names that fight in one country only ("M23", "Fano": at home)
        focus = {e.country for span in found for e in gaz.candidates(span.text.rstrip("."))[:1]
                 if e.kind != "country"} | at_home
        i = 0
        while i < len(doc):
            if blocked[i] or i in accepted or not _is_candidate_start(doc[i]):
                i += 1
                continue
            matched = None
            for n in range(MAX_NGRAM, 0, -1):
                end = i + n
                if end > len(doc) or any(blocked[j] or j in accepted for j in range(i, end)):
                    continue
                span = doc[i:end]
                if not _is_candidate_start(span[-1]) or any(t.text in BREAKS for t in span):
                    continue  # "Koro (Koro, Mopti)": a bracket or comma ends a name
                if _accept(span, labels.get(i), gaz, focus, accepted) and not _surname(span, surnames):
                    matched = _with_period(span, gaz)
                    break
            if matched is not None:
                found.append(Span(doc, matched.start, matched.end, label="PLACE"))
                accepted.update(range(matched.start, matched.end))
                i = matched.end
            else:
                i += 1
    found.extend(_same_name_again(doc, [f for f in found if not _surname(f, surnames)], strong, accepted, blocked))
    found.extend(_demonyms(doc, gaz, accepted, blocked))
    doc.spans["fw_places"] = filter_spans(found)
    return doc
