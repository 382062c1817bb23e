"""Quantities: numbers in words or digits, ranges, hedges and vague words -> low/best/high, unit and subject.

``parse_number_phrase`` is a pure text parser (property-tested); ``extract_quantities`` adds what the
dependency parse says the number counts (its unit: killed, wounded, fighters ...) and part-of links
("at least 327 people, including 44 civilians": the 44 are part of the 327).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Quantity, Unit

# Vague quantity words -> (low, best, high). The low figure follows ACLED's fixed conventions for vague
# fatality reports (ACLED Codebook 2023, "Fatalities": "dozens" = 12, "several"/"many" = 10, "hundreds" = 100);
# the high figure is the largest number the word can mean; best is unknown (None): we never invent one.
VAGUE: dict[str, tuple[int, int | None, int | None]] = {
    "dozens": (12, None, 99),
    "scores": (20, None, 99),
    "hundreds": (100, None, 999),
    "thousands": (1000, None, 9999),
    "tens of thousands": (10000, None, 99999),
    "hundreds of thousands": (100000, None, 999999),
    "millions": (1000000, None, None),
    "several": (10, None, None),
    "many": (10, None, None),
    "a dozen": (12, 12, 12),
    "a few": (3, None, 9),
    "a handful": (3, None, 9),
}
ONES = {"zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# hedge -> (how the figure bounds the count). "at least N": low N; "over N": low N+1; "about N": approx, best N;
# "up to N": high N; "nearly N"/"almost N": high N, best N, approx.
HEDGES = {
    "at least": "low", "no fewer than": "low", "not less than": "low",
    "more than": "above", "over": "above", "upwards of": "above",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
    "an estimated": "approx", "estimated": "approx", "nearly": "below", "almost": "below", "close to": "below",
    "up to": "high", "as many as": "high", "fewer than": "under", "less than": "under", "under": "under",
}
_HEDGE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True)) + r")\s+$", re.I)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_RANGE = re.compile(r"^(?P<a>[\d,]+)\s*(?:-|–|to)\s*(?P<b>[\d,]+)$")

KILL_LEMMAS = {"kill", "die", "dead", "death", "casualty", "slay", "massacre", "fatality", "perish",
               "eliminate", "lose"}
WOUND_LEMMAS = {"wound", "injure", "injury", "hurt", "wounded", "injured"}
DISPLACE_LEMMAS = {"displace", "flee", "evacuate", "uproot", "refugee"}
MISSING_LEMMAS = {"missing", "disappear", "abduct", "kidnap"}
SUBJECT_UNITS: dict[str, Unit] = {
    "fighter": "fighters", "militant": "fighters", "rebel": "fighters", "insurgent": "fighters",
    "jihadist": "fighters", "terrorist": "fighters", "combatant": "fighters",
    "soldier": "soldiers", "troop": "soldiers", "serviceman": "soldiers", "officer": "soldiers",
    "civilian": "civilians", "child": "civilians", "woman": "civilians", "resident": "civilians",
    "village": "places", "town": "places", "city": "places", "location": "places", "area": "places",
    "place": "places", "position": "places", "locality": "places", "hamlet": "places", "settlement": "places",
}
NOT_COUNTS = {"km", "kilometre", "kilometer", "mile", "metre", "meter", "year", "month", "week", "day", "hour",
              "minute", "percent", "%", "dollar", "euro", "pound", "time", "kilogram", "ton", "tonne", "mph",
              "block", "floor", "storey", "story", "inch", "foot", "feet", "yard", "round", "shot", "bullet",
              "calibre", "caliber", "mm", "page", "point", "vote", "seat", "grade"}
# Singular words for one person: "a man was killed" counts one killed even with no number in the sentence.
PERSON_NOUNS = {"man", "woman", "boy", "girl", "teen", "teenager", "child", "person", "baby", "toddler", "infant",
                "resident", "civilian", "soldier", "officer", "policeman", "fighter", "victim", "student", "driver",
                "father", "mother", "son", "daughter", "brother", "sister", "husband", "wife", "journalist",
                "worker", "farmer", "shepherd", "commander", "guard", "youth", "passenger", "pedestrian", "suspect",
                "gunman", "doctor", "nurse", "teacher", "activist", "deputy", "trooper", "militant", "rebel",
                "shopkeeper", "owner", "clerk", "employee", "customer", "neighbour", "neighbor", "friend", "relative",
                "pastor", "priest", "imam", "cleric", "official", "mayor", "bystander", "motorist", "adult",
                "grandmother", "grandfather", "uncle", "aunt", "cousin", "boyfriend", "girlfriend"}
IMPLICIT_KILL = {"kill", "die", "dead", "murder", "slay", "death"}
YEAR_OLD = re.compile(r"\d{1,3}-year-old", re.I)


@dataclass(frozen=True)
class Parsed:
    low: int | None
    best: int | None
    high: int | None
    approx: bool


def words_to_int(text: str) -> int | None:
    """'three hundred and twenty-seven' -> 327; '1,200' -> 1200; None if not a number."""
    text = text.strip().lower()
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    parts = [p for p in re.split(r"[\s-]+", text) if p and p != "and"]
    if not parts:
        return None
    total = current = 0
    seen = False
    for part in parts:
        if _DIGITS.match(part):
            current += int(part.replace(",", ""))
        elif part in ONES:
            current += ONES[part]
        elif part in TENS:
            current += TENS[part]
        elif part in SCALES:
            scale = SCALES[part]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number_phrase(number: str, hedge: str | None = None) -> Parsed | None:
    """Turn the words of one count (and the hedge before it) into low/best/high."""
    text = " ".join(number.lower().split())
    if text in VAGUE:
        low, best, high = VAGUE[text]
        return Parsed(low, best, high, approx=True)
    rng = _RANGE.match(text)
    if rng:
        a, b = int(rng["a"].replace(",", "")), int(rng["b"].replace(",", ""))
        low, high = min(a, b), max(a, b)
        return Parsed(low, None, high, approx=True)
    value = words_to_int(text)
    if value is None:
        return None
    kind = HEDGES.get((hedge or "").lower().strip())
    if kind == "low":
        return Parsed(value, value, None, approx=False)
    if kind == "above":
        return Parsed(value + 1, value + 1, None, approx=True)
    if kind == "approx":
        return Parsed(None, value, None, approx=True)
    if kind == "below":
        return Parsed(None, value, value, approx=True)
    if kind == "high":
        return Parsed(None, None, value, approx=True)
    if kind == "under":
        return Parsed(None, None, max(value - 1, 0), approx=True)
    return Parsed(value, value, value, approx=False)


def _number_runs(sent: Span) -> list[Span]:
    """Spans of consecutive number tokens and vague count words in a sentence."""
    runs: list[Span] = []
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        token = doc[i]
        lowered = token.lower_
        if lowered in {"dozens", "hundreds", "thousands", "scores", "several", "millions"} or (
            lowered == "many" and i + 1 < sent.end and doc[i + 1].pos_ == "NOUN"
        ):
            j = i + 1
            if lowered in {"hundreds", "tens"} and j + 1 < sent.end and doc[j].lower_ == "of" and \
                    doc[j + 1].lower_ == "thousands":
                j += 2
            runs.append(doc[i:j])
            i = j
            continue
        if token.like_num and token.ent_type_ not in {"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"}:
            j = i + 1
            while j < sent.end and (doc[j].like_num or (doc[j].lower_ in {"and", "-", "to"} and j + 1 < sent.end
                                    and doc[j + 1].like_num)):
                j += 1
            runs.append(doc[i:j])
            i = j
            continue
        i += 1
    return runs


def _counted_noun(run: Span) -> Token | None:
    root = run.root
    if root.dep_ == "nummod" and root.head.pos_ in {"NOUN", "PROPN"}:
        return root.head
    nxt = run.doc[run.end] if run.end < len(run.doc) else None
    if nxt is not None and nxt.lower_ == "of" and run.end + 1 < len(run.doc):
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        if objs:
            return objs[0]
    for candidate in run.doc[run.end : min(run.end + 3, run.sent.end)]:
        if candidate.pos_ in {"NOUN", "PROPN"}:
            return candidate
    return None


def _unit(run: Span, noun: Token | None) -> Unit:
    following = []
    for t in run.doc[run.end : min(len(run.doc), run.end + 2)]:
        if t.is_punct:
            break  # "killed 1, wounded 9": the word after the comma counts the next number
        following.append(t)
    after = {t.lemma_.lower() for t in following} | {t.lower_ for t in following}
    if after & WOUND_LEMMAS:
        return "wounded"  # "one dead, six injured": the word right after a number says what it counts
    if after & {"dead", "killed", "died"}:
        return "killed"
    anchor = noun if noun is not None else run.root
    compounds = {c.lemma_.lower() for c in anchor.children}
    window = {t.lemma_.lower() for t in run.doc[run.end : min(len(run.doc), run.end + 8)]}
    if compounds & {"dead", "death", "fatality"} or (
        noun is not None and noun.lemma_.lower() in {"casualty", "death", "fatality", "dead"}
    ):
        return "killed"
    # the nearest governing word decides: "killed hundreds of thousands and displaced millions" -> the millions
    # are displaced, not killed
    for token in [anchor, *anchor.ancestors]:
        words = {token.lemma_.lower(), token.lower_}
        for lemmas, unit in ((KILL_LEMMAS, "killed"), (WOUND_LEMMAS, "wounded"), (DISPLACE_LEMMAS, "displaced"),
                             (MISSING_LEMMAS, "missing")):
            if words & lemmas:
                return unit  # type: ignore[return-value]
        if token.pos_ == "VERB" and token.lemma_.lower() not in {"be", "leave", "report", "say", "confirm"}:
            break  # "2 arrested in a shooting that wounded 9": the two were arrested, not wounded
    if window & {"missing", "miss"}:
        return "missing"
    if noun is not None:
        unit = SUBJECT_UNITS.get(noun.lemma_.lower())
        if unit:
            return unit
    return "other"


def _hedge(run: Span) -> str | None:
    before = run.doc.text[max(0, run.start_char - 25) : run.start_char]
    match = _HEDGE_RE.search(before)
    return match.group(1) if match else None


def _one_victim(run: Span, noun: Token | None) -> bool:
    """"kills one, injures eight", "killed one person": one as the count of a casualty verb (not "one of")."""
    nxt = run.doc[run.end] if run.end < len(run.doc) else None
    if run.text.lower() != "one" or (nxt is not None and nxt.lower_ == "of"):
        return False
    if noun is not None and noun.i == run.end and noun.lemma_.lower() not in PERSON_NOUNS | {"person", "people"}:
        return False
    return _unit(run, noun if noun is not None and noun.i == run.end else None) in {"killed", "wounded"}


def _age(run: Span) -> bool:
    """"a girl, 6, was killed", "John Smith, 34,": a number between commas right after a person."""
    doc = run.doc
    if run.start < 2 or doc[run.start - 1].text not in {",", "("} or run.end >= len(doc):
        return False
    before = doc[run.start - 2]
    return doc[run.end].text in {",", ")", "."} and (before.pos_ == "PROPN" or before.lemma_.lower() in PERSON_NOUNS)


NAME_WORDS = {"channel", "route", "highway", "image", "photo", "no", "station", "interstate", "apartment", "unit",
              "suite", "district", "ward", "precinct", "gate", "building", "block"}


def _in_name(run: Span) -> bool:
    """"Channel 4", "Route 9", "Image 8 of 12": a digit right after a capitalised name word."""
    if run.start == 0 or not run[0].text.isdigit():
        return False
    before = run.doc[run.start - 1]
    if before.ent_type_ in {"DATE", "TIME"} or not before.text[:1].isupper() or not before.is_alpha:
        return False
    return before.lower_ in NAME_WORDS or (before.pos_ == "PROPN" and not before.is_sent_start)


def extract_quantities(sent: Span) -> list[Quantity]:
    """Every count in a sentence, with unit, subject and part-of links; offsets are document offsets."""
    out: list[Quantity] = []
    nouns: list[Token | None] = []
    for run in _number_runs(sent):
        noun = _counted_noun(run)
        if noun is not None and noun.lemma_.lower() in NOT_COUNTS:
            continue
        following = run.doc[run.end].lower_ if run.end < len(run.doc) else ""
        if following == "-" or (run.text.lower() in {"one", "a", "an"} and following not in
                                {"dead", "killed", "died", "injured", "wounded", "hurt"}
                                and not _one_victim(run, noun)):
            continue  # "two-pronged", "one of the roads": not counts ("one dead", "killed one person" are)
        if _age(run) or _in_name(run):
            continue  # "a girl, 6, was killed"; "Channel 4", "Route 9"
        if run.text.lower() == "many" and not (noun is not None and noun.lemma_.lower() in SUBJECT_UNITS):
            continue
        if len(run) == 1 and run[0].like_num and run[0].text.isdigit() and len(run[0].text) == 4 and \
                1900 <= int(run[0].text) <= 2100:
            continue  # a year
        hedge = _hedge(run)
        parsed = parse_number_phrase(run.text, hedge)
        if parsed is None:
            continue
        start = run.doc.text.rfind(hedge, 0, run.start_char) if hedge else run.start_char
        end = noun.idx + len(noun.text) if noun is not None and noun.i >= run.end and noun.i - run.end <= 4 \
            else run.end_char
        part_of = None
        if noun is not None:
            for anc in noun.ancestors:
                if anc.lower_ == "including":
                    for idx, other in enumerate(nouns):
                        if other is not None and (other == anc.head or other in anc.ancestors):
                            part_of = idx
                    break
        unit = _unit(run, noun)
        if part_of is not None and unit in {"other", "civilians", "fighters", "soldiers"}:
            unit = out[part_of].unit if out[part_of].unit in {"killed", "wounded"} else unit
        out.append(Quantity(
            low=parsed.low, best=parsed.best, high=parsed.high, unit=unit, approx=parsed.approx,
            text=run.doc.text[start:end], start=start, end=end,
            subject=noun.lemma_.lower() if noun is not None else None, part_of=part_of,
        ))
        nouns.append(noun)
    return out


def _victim(token: Token) -> Token | None:
    """Who was killed: the passive subject or the object of kill/murder/slay (the active subject is the killer),
    the subject of die/dead, or the object of "left ... dead"."""
    if token.lemma_.lower() == "death":
        for child in token.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None
    transitive = token.lemma_.lower() in {"kill", "murder", "slay", "shoot", "stab", "wound", "injure", "beat"}
    for candidate in (token, token.head if token.dep_ in {"conj", "acomp", "oprd", "xcomp", "advcl"} else None):
        if candidate is None:
            continue
        if transitive and candidate.dep_ == "acl" and candidate.tag_ in {"VBN", "VBD"} and \
                candidate.head.pos_ in {"NOUN", "PROPN"}:
            return candidate.head  # "a teenage boy shot and killed Monday": the participle describes its victim
        for child in candidate.children:
            if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and not transitive and candidate is token):
                return child
            if child.dep_ == "dobj" and (transitive or (candidate is token.head and token.lemma_.lower() == "dead")):
                return child
            if child.dep_ == "nsubj" and candidate is token.head and not transitive and \
                    candidate.lemma_.lower() in {"be", "find", "lie", "remain"}:
                return child  # "he was found dead", "the victim lay dead"
    return None


def _one_person(token: Token) -> bool:
    if any(c.dep_ == "det" and c.lower_ in {"no", "every", "each", "any"} for c in token.children):
        return False
    if any(c.dep_ in {"nummod", "conj", "cc"} for c in token.children):
        return False  # "two men", "a man and a woman": counted elsewhere or not one
    if token.pos_ == "PROPN" and token.ent_type_ not in {"GPE", "LOC", "ORG", "NORP", "FAC", "EVENT", "PRODUCT"}:
        return True  # a named victim ("Spears had been shot and killed")
    if YEAR_OLD.fullmatch(token.text) or (token.lower_ == "old" and "year" in {t.lower_ for t in token.subtree}):
        return True  # "a 16-year-old has died"
    if token.lower_ in {"he", "she"}:
        return True  # "he died", "she was found dead" (never the active subject of kill: see _victim)
    if token.lower_ == "who" and token.head.dep_ == "relcl":
        return _one_person(token.head.head)  # "Smith, who was pronounced dead"
    return token.tag_ == "NN" and token.lemma_.lower() in PERSON_NOUNS


def implicit_victims(sent: Span, explicit: list[Quantity]) -> list[Quantity]:
    """One killed for a single named or singular person who was killed/died/found dead in a sentence with no
    killed count of its own. The quantity's text is the words naming the person."""
    if any(q.unit == "killed" for q in explicit):
        return []
    for token in sent:
        fatally = token.lemma_.lower() in {"shoot", "stab", "wound", "injure", "beat"} and any(
            c.lower_ == "fatally" for c in token.children)
        if token.lemma_.lower() not in IMPLICIT_KILL and not fatally:
            continue
        if token.lemma_.lower() == "dead" and token.pos_ not in {"ADJ", "NOUN"}:
            continue
        if token.lemma_.lower() == "death" and token.pos_ != "NOUN":
            continue
        if any(c.dep_ == "neg" for c in token.children) or any(c.dep_ == "aux" and c.lower_ in
                                                               {"will", "would", "could", "may", "might"}
                                                               for c in token.children):
            continue
        subject = _victim(token)
        if subject is None or not _one_person(subject):
            continue
        words = [t for t in subject.subtree if t.i <= subject.i]
        start, end = words[0].idx, subject.idx + len(subject.text)
        return [Quantity(low=1, best=1, high=1, unit="killed", approx=False, text=sent.doc.text[start:end],
                         start=start, end=end, subject=subject.lemma_.lower())]
    return []
