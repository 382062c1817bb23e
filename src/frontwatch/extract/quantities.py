"""Quantities: numbers in words or digits, ranges, hedges and vague words -> low/best/high, unit and subject.

``parse_number_phrase`` is a pure text parser (property-tested); ``extract_quantities`` adds what the
dependency parse says the number counts (its unit: killed, wounded, fighters ...) and part-of links
("at least 327 people, including 44 civilians": the 44 are part of the 327).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicons import read_tsv
from ..model import Quantity, Unit
from ..nlp.text import doc_text

# Vague quantity words -> (low, best, high). The low figure follows ACLED's fixed conventions for vague
# fatality reports where the codebook fixes one (ACLED Codebook 2023, "Fatalities": "dozens" = 12,
# "several"/"many" = 10, "hundreds" = 100); where it does not, the low figure is the least the plural can mean
# ("thousands": two thousand, "tens of thousands": twenty thousand). The high figure is the largest number the word
# can mean; best is unknown (None): we never invent one.
VAGUE: dict[str, tuple[int, int | None, int | None]] = {
    "dozens": (12, None, 99),
    "scores": (20, None, 99),
    "hundreds": (100, None, 999),
    "thousands": (2000, None, 9999),
    "tens of thousands": (20000, None, 99999),
    "hundreds of thousands": (200000, None, 999999),
    "millions": (1000000, None, None),
    "several": (10, None, None),
    "many": (10, None, None),
    "half a dozen": (6, 6, 6),  # ("a dozen" is a number: 12, "at least a dozen" 12 or more)
    "a few": (3, None, 9),
    "a handful": (3, None, 9),
}
ONES = {"zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}  # "two dozen" is 24
# hedge -> how the figure bounds the count. A hedged figure is a bound, never a best figure: "at least N" and
# "over N" give low N (the figure as printed: "over 400" is at least 400, and 401 would be our invention);
# "nearly N"/"almost N" and "up to N" give high N; only "about N" is a best figure (approx).
HEDGES = {
    "at least": "low", "no fewer than": "low", "not less than": "low",
    "more than": "above", "over": "above", "upwards of": "above",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
    "an estimated": "approx", "estimated": "approx", "nearly": "below", "almost": "below", "close to": "below",
    "up to": "high", "as many as": "high", "fewer than": "under", "less than": "under", "under": "under",
}
_HEDGE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True)) + r")\s+$", re.I)
_LEADING_HEDGE = re.compile(r"^(" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True)) + r")\s", re.I)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_RANGE = re.compile(r"^(?P<a>[\d,]+)\s*(?:-|–|to)\s*(?P<b>[\d,]+)$")

KILL_LEMMAS = {"kill", "die", "dead", "death", "casualty", "slay", "massacre", "fatality", "perish",
               "eliminate", "neutralise", "neutralize", "lose", "execute", "behead", "slaughter", "lynch"}
EUPHEMISMS = {"eliminate", "neutralise", "neutralize"}  # killing in army communiques, or making a bomb harmless
WOUND_LEMMAS = {"wound", "injure", "injury", "hurt", "wounded", "injured", "wounding"}
WOUND_WORDS = WOUND_LEMMAS | {"hospitalized", "hospitalised"}  # the word after a number that says it counts wounded
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
              "calibre", "caliber", "mm", "page", "point", "vote", "seat", "grade", "wound", "gunshot", "call",
              "caller", "p.m.", "a.m.", "pm", "am"}
# Singular words for one person (reviewed list in data/person_nouns.tsv).
PERSON_NOUNS = frozenset(row["noun"] for row in read_tsv("person_nouns.tsv"))
DEAD_BODIES = {"body", "corpse"}  # "900 bodies were recovered": a count of the dead
IMPLICIT_KILL = {"kill", "die", "dead", "murder", "slay", "death", "behead", "execute", "lynch"}
INTENT_VERBS = {"aim", "try", "attempt", "plan", "want", "threaten", "intend", "vow", "plot", "seek", "hope"}
YEAR_OLD = re.compile(r"\d{1,3}-year-old", re.I)
# Sentence frames that make a count background rather than the toll of the happening reported: a war's running
# toll, a period's total or average, an incident years before. Checked on our own unit tests and the GVA DEV
# articles (follow-up stories cite older shootings and city-wide tolls).
_NUMBER_WORD = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few)"
BACKGROUND = re.compile(
    r"\b(?:war|conflict|uprising|revolution|insurgency|fighting)\b,?\s+(?:which\s+|that\s+)?(?:has|have|had)\s+"
    r"(?:so far\s+|since\s+\w+\s+)?(?:killed|claimed|left)\b"
    r"|\bso far (?:this|in|in the) (?:year|month|decade)\b|\bthis year alone\b|\byear to date\b"
    r"|\bsince (?:the (?:start|beginning) of )?(?:19|20)\d\d\b"
    r"|\b" + _NUMBER_WORD + r" (?:years|decades) (?:ago|earlier|before)\b|\ba (?:year|decade) (?:ago|earlier)\b"
    r"|\b(?:last|previous|past) (?:year|summer|spring|fall|autumn|winter|decade)\b"
    r"|\bin the (?:past|last) (?:\w+ )?(?:years|decades|decade)\b"
    r"|\bin the (?:past|last|first) (?:\d+|\w+) months\b|\bin the first \w+ (?:days|weeks) of\b"
    r"|\ban average of\b|\bon average\b|\bannually\b|\b(?:each|every|per) year\b"
    r"|\b(?:homicides|murders|killings)\b[^.;]{0,60}\bthis year\b|\b(?:crime )?statistics\b|\bcrime stats\b"
    r"|\b(?:another|a separate|an earlier|a previous|a prior)\b[^.;]{0,40}\b(?:last (?:week|month)|earlier this "
    r"(?:week|month|year)|(?:weeks|months) (?:ago|earlier|before))\b"
    r"|\b(?:separate|unrelated|different) (?:shootings|incidents|attacks)\b|\bshootings across\b"
    r"|\b(?:overall|total|cumulative|running|national)\s+(?:death\s+)?toll\b"  # "the overall death toll in Gaza
    r"|\btoll (?:from|of|in) the (?:war|conflict|fighting|offensive|insurgency)\b"  # has risen to 34,900": the
    r"|\bsince (?:january|february|march|april|may|june|july|august|september|october|november|december)\b",  # war's
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
OLD_YEARS = 2  # a year named this many years or more before publication dates another incident


def background_frame(text: str, published_year: int | None = None) -> bool:
    """Whether a sentence's counts are background: a running toll, a period's total, an incident years before."""
    if BACKGROUND.search(text):
        return True
    return published_year is not None and any(int(y) <= published_year - OLD_YEARS for y in _YEAR.findall(text))


@dataclass(frozen=True)
class Parsed:
    low: int | None
    best: int | None
    high: int | None
    approx: bool


def figure(q: Quantity) -> int:
    """The one number a count gives for comparing sizes: its best figure, else its bound (low, then high), else 0."""
    for value in (q.best, q.low, q.high):
        if value is not None:
            return value
    return 0


def leading_hedge(text: str) -> str | None:
    """The hedge a quantity's words open with ("nearly 3,000 people" -> "nearly"), lower-cased; None without one."""
    match = _LEADING_HEDGE.match(text)
    return match.group(1).lower() if match else None


def words_to_int(text: str) -> int | None:
    """'three hundred and twenty-seven' -> 327; '1,200' -> 1200; None if not a number."""
    text = text.strip().lower()
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    parts = [p for p in re.split(r"[\s-]+", text) if p and p != "and"]
    if not parts:
        return None
    if any(_DIGITS.match(a) and (_DIGITS.match(b) or b in ONES or b in TENS) for a, b in itertools.pairwise(parts)):
        return None  # "58 - Five", "2 4": two numbers side by side are not one count
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
        return Parsed(value, None, None, approx=False)
    if kind == "above":
        return Parsed(value, None, None, approx=True)
    if kind == "approx":
        return Parsed(None, value, None, approx=True)
    if kind in {"below", "high"}:
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
        ) or _tens_of_thousands(doc, i, sent.end):
            j = i + 1
            if lowered in {"hundreds", "tens"} and j + 1 < sent.end and doc[j].lower_ == "of" and \
                    doc[j + 1].lower_ == "thousands":
                j += 2
            runs.append(doc[i:j])
            i = j
            continue
        dozen = _a_dozen(doc, i, sent.end)
        if dozen:  # "a dozen", "half a dozen"
            runs.append(doc[i:i + dozen])
            i += dozen
            continue
        if token.like_num and token.ent_type_ not in {"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"} \
                and not _day_of_month(doc, i):
            j = i + 1
            while j < sent.end and (doc[j].like_num or (doc[j].lower_ in {"and", "-", "to"} and j + 1 < sent.end
                                    and doc[j + 1].like_num)):
                j += 1
            if j < sent.end and doc[j].lower_ == "dozen":
                j += 1  # "two dozen villagers": 24, not two
            runs.append(doc[i:j])
            i = j
            continue
        i += 1
    return runs


TOLL_VERBS = {"rise", "climb", "increase", "reach", "jump", "grow", "mount", "soar", "stand", "hit", "be"}


def _toll_reached(run: Span) -> bool:
    """"the death toll rose to 13", "the toll stands at 9", "the toll reached 20": a figure a toll came to (not an
    injury or casualty toll, which may count the hurt)."""
    number = run.root
    verb = number.head.head if number.dep_ == "pobj" and number.head.lower_ in {"to", "at"} else \
        number.head if number.dep_ in {"dobj", "attr"} else None
    if verb is None or verb.lemma_.lower() not in TOLL_VERBS:
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() == "toll" and not any(
        m.lemma_.lower() in {"injury", "casualty", "wounded"} for m in c.children) for c in verb.children)


def _a_dozen(doc: Doc, i: int, end: int) -> int:
    """Tokens of "a dozen" or "half a dozen" starting at i, else 0."""
    words = [t.lower_ for t in doc[i:min(i + 3, end)]]
    if words[:3] == ["half", "a", "dozen"]:
        return 3
    return 2 if words[:2] == ["a", "dozen"] else 0


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _day_of_month(doc: Doc, i: int) -> bool:
    """"Around 20 February", "on March 3": a day of a month the model did not tag as a date, not a count."""
    def month(j: int) -> bool:  # written with its capital: "20 may have died" counts
        return 0 <= j < len(doc) and doc[j].text[:1].isupper() and doc[j].text.lower().rstrip(".") in MONTHS

    return doc[i].is_digit and int(doc[i].text) <= 31 and (month(i + 1) or (month(i - 1) and (
        i + 1 >= len(doc) or doc[i + 1].pos_ != "NOUN")))


def _tens_of_thousands(doc: Doc, i: int, end: int) -> bool:
    """"tens of thousands" starts a vague count at "tens" (not at "thousands", which alone means fewer)."""
    return doc[i].lower_ == "tens" and i + 2 < end and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ == "thousands"


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


THINGS = {"home", "house", "building", "hut", "shelter", "tent", "shop", "store", "vehicle", "car", "truck", "bus",
          "motorcycle", "school", "church", "mosque", "temple", "market", "office", "farm", "field", "crop", "granary",
          "cattle", "cow", "goat", "sheep", "camel", "livestock", "animal", "head", "round", "shell", "rocket",
          "missile", "drone", "bomb", "grenade", "weapon", "gun", "rifle", "tank", "structure", "property", "dwelling",
          "compound", "boat", "well", "bridge", "warrant", "search", "order", "plan", "operation", "raid", "attack",
          "strike", "contract"}  # what a count of burned, looted, fired or executed things counts: never the dead


def _unit(run: Span, noun: Token | None) -> Unit:
    counted = noun is not None and ((noun.i >= run.end and all(  # "two houses", "two search warrants"
        t.head.i == noun.i and t.dep_ in {"compound", "amod"} for t in run.doc[run.end : noun.i])) or (
        noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.i == run.end))  # "dozens of homes"
    if counted and noun.pos_ == "NOUN" and noun.lemma_.lower() in THINGS:  # type: ignore[union-attr]
        return "other"  # "burned dozens of homes and killed 70 people": the homes were burned, not killed
    if _doers(noun if noun is not None and noun.i >= run.end else run.root):
        return SUBJECT_UNITS.get(noun.lemma_.lower(), "other") if noun is not None else "other"
    following = []
    for t in run.doc[run.end : min(len(run.doc), run.end + 2)]:
        if t.is_punct or t.dep_ == "cc":
            break  # "killed 1, wounded 9", "killed one and injured three": the next word counts the next number
        following.append(t)
    after = {t.lemma_.lower() for t in following} | {t.lower_ for t in following}
    if after & WOUND_WORDS:
        return "wounded"  # "one dead, six injured": the word right after a number says what it counts
    if after & {"dead", "killed", "died", "fatally"}:
        return "killed"
    if noun is not None and run.end <= noun.i < len(run.doc) - 1:  # "three other people injured"
        whole = noun.dep_ == "pobj" and noun.head.lower_ == "of"  # "two of the four victims had died": not the four
        beyond = _word_after(noun) if not whole else run.doc[noun.i + 1]
        if beyond is not None and {beyond.lower_, beyond.lemma_.lower()} & WOUND_WORDS:
            return "wounded"
        if beyond is not None and beyond.lower_ in {"dead", "killed", "died"}:
            return "killed"
    partitive = noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head == run.root
    anchor = run.root if noun is None or partitive else noun  # "four of the victims died": the four died
    compounds = {c.lemma_.lower() for c in anchor.children}
    window = {t.lemma_.lower() for t in run.doc[run.end : min(len(run.doc), run.end + 8)]}
    if compounds & {"dead", "death", "fatality"} or (
        noun is not None and noun.lemma_.lower() in {"casualty", "death", "fatality", "dead"} | DEAD_BODIES
    ):
        return "killed"
    relative = next((c for c in anchor.children if c.dep_ == "relcl" and any(
        g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ in {"who", "that"} for g in c.children)), None)
    if relative is not None and anchor.lemma_.lower() in PERSON_NOUNS | {"person", "people", "victim", "other"} and (
            said := _predicate_unit(relative)) in {"killed", "wounded"}:
        return said  # "two young men who were killed"
    # the nearest governing word decides: "killed hundreds of thousands and displaced millions" -> the millions
    # are displaced, not killed
    previous = None
    for token in [anchor, *anchor.ancestors]:
        if previous is not None and previous.dep_ == "prep" and previous.lower_ == "of" and token.like_num:
            break  # "four of the five people shot died": the five were shot; only the four died
        unit = _word_unit(token) if token is anchor else _predicate_unit(token)
        if unit is not None:
            return unit
        if token.pos_ in {"VERB", "AUX"} and (token.lemma_.lower() not in {"be", "leave", "report", "say", "confirm"}
                                             or _own_clause(token)):
            break  # "2 arrested in a shooting that wounded 9": the two were arrested, not wounded
        previous = token
    if window & {"missing", "miss"}:
        return "missing"
    if noun is not None:
        unit = SUBJECT_UNITS.get(noun.lemma_.lower())
        if unit:
            return unit
    return "other"


LONG_DASHES = {"--", "–", "—"}
DASHES = LONG_DASHES | {"-"}
ASIDE_OPENERS = {"including", "among", "one", "two", "most", "all", "both", "mostly", "many"}
AUXILIARIES = {"were", "was", "are", "is", "have", "has", "had", "been", "being"}


def _word_after(noun: Token) -> Token | None:
    """The word that says what befell a counted noun, past an aside and auxiliaries: "four others, including one
    woman, were injured" -> injured; "seven other victims -- including two teens -- wounded" -> wounded."""
    doc, i = noun.doc, noun.i + 1
    if i + 1 < len(doc) and doc[i].text in DASHES | {","} and doc[i + 1].lower_ in ASIDE_OPENERS:
        closers = LONG_DASHES if doc[i].text in LONG_DASHES else {doc[i].text}  # "-- ... —" pair up
        end = next((t.i for t in doc[i + 1 : min(len(doc), i + 12)] if t.text in closers), None)
        if end is None:
            return None
        i = end + 1
    while i < len(doc) and doc[i].lower_ in AUXILIARIES:
        i += 1
    return doc[i] if i < len(doc) else None


def _word_unit(token: Token) -> Unit | None:
    words = {token.lemma_.lower(), token.lower_}
    if token.pos_ == "VERB" and "murder" in words:
        return "killed"  # "murdering four of them" (the noun, as in "counts of murder", counts charges)
    for lemmas, unit in ((KILL_LEMMAS, "killed"), (WOUND_LEMMAS, "wounded"), (DISPLACE_LEMMAS, "displaced"),
                         (MISSING_LEMMAS, "missing")):
        if words & lemmas:
            return unit  # type: ignore[return-value]
    return None


def _intended(verb: Token) -> bool:
    """"aiming to kill four", "threatened to kill", "tried to kill": an intent, not a death."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_VERBS


def _predicate_unit(verb: Token) -> Unit | None:
    """What a predicate says of the people it governs: its own word ("killed"), a result ("shot dead", "is dead",
    "stabbed to death", "fatally shot"), or a verb conjoined with it that shares its subject ("shot and killed")."""
    if _intended(verb):
        return "other"
    unit = _word_unit(verb)
    if unit is not None or verb.pos_ not in {"VERB", "AUX"}:
        return unit
    for child in verb.children:
        if child.dep_ in {"acomp", "oprd"} or (child.dep_ == "advmod" and child.lower_ == "fatally"):
            if child.lower_ == "fatally" and _not_fatal(child):
                return "wounded"  # "four others were hit, none fatally"
            if child.lower_ == "fatally" or child.lemma_.lower() in {"dead", "killed"}:
                return "killed"
            if child.lemma_.lower() in WOUND_LEMMAS:
                return "wounded"
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lemma_.lower() == "death" for g in child.children):
            return "killed"  # "stabbed to death", "beaten to death"
        if child.dep_ == "conj" and child.pos_ == "VERB" and not _own_clause(child) and \
                not any(g.dep_ == "dobj" for g in child.children):  # not "arrested 313 and executed 35"
            unit = _word_unit(child)
            if unit is not None:
                return unit  # "were shot and killed"
    return None


def _doers(counted: Token) -> bool:
    """The counted people are the doers of a killing or wounding: its agent ("was killed by two gunmen") or the
    subject of an active verb whose victim is its object ("three men beat and killed a guard"). A count the parser
    hung on a name before the verb as an apposition stands for that subject ("in Oldtown (Rivers), some 30 youths
    beat and killed a man"; "in Port City, three gang members shot and killed a boy", the verb left subjectless)."""
    step = counted
    if step.dep_ == "pobj" and step.head.dep_ == "agent":
        step = step.head
    while step.dep_ == "appos" and step.head.i < step.i:
        step = step.head
    if step.dep_ == "agent":
        return _predicate_unit(step.head) in {"killed", "wounded"}
    if step.dep_ == "nsubj":
        return _harms_an_object(step.head)
    root = counted.sent.root
    return counted.dep_ == "appos" and counted.i < root.i and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in root.children) and _harms_an_object(root)


def _dead_as_verb(token: Token) -> Token | None:
    """The object of "dead" parsed as the sentence's verb, "shot" taken for a noun ("two gunmen on a motorcycle shot
    dead a chairman"): the one killed; None for any other word."""
    if token.lemma_.lower() != "dead" or token.dep_ != "ROOT":
        return None
    return next((c for c in token.children if c.dep_ == "dobj"), None)


def _harms_an_object(verb: Token) -> bool:
    """An active verb that kills or wounds someone named as its object, or as the object of a verb conjoined with
    it that shares its subject ("beat and killed a man"; not "left one dead and seven others injured")."""
    if _dead_as_verb(verb) is not None:
        return True  # "two gunmen on a motorcycle shot dead a chairman": the gunmen did it
    if verb.pos_ not in {"VERB", "AUX"} or _predicate_unit(verb) not in {"killed", "wounded"}:
        return False
    shared = [v for v in verb.conjuncts if v.i > verb.i and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in v.children)]
    return any(c.dep_ == "dobj" for v in (verb, *shared) for c in v.children)


def _not_fatal(fatally: Token) -> bool:
    """'none fatally', 'not fatally': the shots did not kill."""
    before = fatally.doc[fatally.i - 1] if fatally.i > 0 else None
    return before is not None and before.lower_ in {"none", "not", "non", "non-"}


def _own_clause(verb: Token) -> bool:
    """A conjoined verb with a subject of its own heads its own clause ("two were killed and four others were
    hurt": the four belong to the second clause only)."""
    return verb.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _hedge(run: Span) -> str | None:
    before = doc_text(run.doc)[max(0, run.start_char - 25) : run.start_char]
    match = _HEDGE_RE.search(before)
    return match.group(1) if match else None


def _people_shot(run: Span, noun: Token) -> bool:
    """"4 shot dead", "16 shot, 1 fatally": a headline's count of people shot, not of shots fired ("4 shots")."""
    return noun.lower_ == "shot" and noun.i == run.end and run.text.lower() not in {"one", "1", "a"}


def _one_victim(run: Span, noun: Token | None) -> bool:
    """"kills one, injures eight", "killed one person": one as the count of a casualty verb (not "one of")."""
    nxt = run.doc[run.end] if run.end < len(run.doc) else None
    if run.text.lower() != "one":
        return False
    if nxt is not None and nxt.lower_ == "of":  # "one of whom died", "one of the victims was pronounced dead"
        whole = [c for c in nxt.children if c.dep_ == "pobj"]
        return bool(whole) and (whole[0].lower_ in {"whom", "them", "those"} or whole[0].lemma_.lower() in
                                PERSON_NOUNS | {"person", "people", "victim"}) and _unit(run, whole[0]) == "killed"
    if noun is not None and noun.i == run.end and noun.lemma_.lower() not in PERSON_NOUNS | {"person", "people"}:
        return False
    return _unit(run, noun if noun is not None and noun.i == run.end else None) in {"killed", "wounded"}


_AGE_AFTER = re.compile(r"\s*(?:y/o|y\.o\.?|yrs?\.? old|yo)\b", re.I)
AGE_WORDS = {"age", "ages", "aged", "both", "y.o", "y.o.", "yo", "y/o"}
FAMILY_NOUNS = {"father", "mother", "parent", "grandmother", "grandfather", "grandparent", "mom", "dad"}
STREET_WORDS = {"street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "blvd", "blvd.",
                "drive", "dr", "dr.", "lane", "ln", "court", "ct", "place", "way", "highway", "parkway", "pkwy",
                "terrace", "circle", "trail", "pike"}


def _age(run: Span) -> bool:
    """"a girl, 6, was killed", "John Smith, 34,", "Perry, 14; Sanders, 17;", "his sons, ages 3 and 4", "both 24",
    "a 17 y.o": a person's age, not a count."""
    doc = run.doc
    if run.start >= 1 and doc[run.start - 1].lower_ in AGE_WORDS:
        return True
    if _AGE_AFTER.match(doc_text(doc), run.end_char):
        return True  # "the 17 y/o boy", "a 22 yr old"
    j = run.start - 1
    while j >= 1 and doc[j].lower_ in {",", "and"} and doc[j - 1].text.isdigit():
        j -= 2  # back over "4, 6 and" to the start of a list of ages
    if j < run.start - 1 and j >= 1 and doc[j].lower_ in {"ages", "aged"}:
        return True  # "his sons, ages 4 and 9"
    if j < run.start - 1 and j >= 1 and doc[j].text == "," and (
            doc[j - 1].pos_ == "PROPN" or doc[j - 1].lemma_.lower() in PERSON_NOUNS):
        return True  # "his sons, 4, 6 and 9"
    if run.start < 2 or doc[run.start - 1].text not in {",", "("} or run.end >= len(doc):
        return False
    before = doc[run.start - 2]
    after = doc[run.end]
    of_place = after.lower_ == "of" and run.end + 1 < len(doc) and doc[run.end + 1].pos_ == "PROPN"
    return (after.text in {",", ")", ".", ";"} or of_place) and (  # "Sutton, 32 of Dunbar"
        before.pos_ == "PROPN" or before.lemma_.lower() in PERSON_NOUNS)


COMPASS = {"N", "S", "E", "W", "NE", "NW", "SE", "SW", "North", "South", "East", "West"}


def _address(run: Span) -> bool:
    """"743 Locust Avenue", "224 E. Vantana Court": a house number before capitalised words and a street word."""
    doc = run.doc
    if run.end + 1 < len(doc) and doc[run.end].text.rstrip(".") in COMPASS and doc[run.end + 1].text[:1].isalnum():
        return True  # "4601 SE 79th", "224 E. Vantana"
    for token in doc[run.end : min(len(doc), run.end + 5)]:
        if token.lower_ in STREET_WORDS and token.text[:1].isupper() and token.i > run.end:
            return True
        if not token.text[:1].isupper():
            return False
    return False


def _family_size(run: Span) -> bool:
    """"a father of three": the size of someone's family, not a count of victims."""
    doc = run.doc
    return run.start >= 2 and doc[run.start - 1].lower_ == "of" and doc[run.start - 2].lemma_.lower() in FAMILY_NOUNS


NAME_WORDS = {"channel", "route", "highway", "image", "photo", "no", "station", "interstate", "apartment", "unit",
              "suite", "district", "ward", "precinct", "gate", "building", "block"}


AREA_LABELS = {"zone", "sector", "ward", "precinct"}  # numbered city areas, often written in lower case


def _in_name(run: Span) -> bool:
    """"Channel 4", "Route 9", "Image 8 of 12": a digit right after a capitalised name word; "in zone 18": a digit
    right after an area's label in any case, unless people follow ("in sector 5 people died")."""
    if run.start == 0 or not run[0].text.isdigit():
        return False
    before = run.doc[run.start - 1]
    if before.lower_ in AREA_LABELS:
        after = run.doc[run.end] if run.end < len(run.doc) else None
        return after is None or not ({after.lemma_.lower(), after.lower_} & (
            PERSON_NOUNS | {"person", "people", *KILL_LEMMAS, *WOUND_WORDS, "killed", "dead"}))
    if before.ent_type_ in {"DATE", "TIME"} or not before.text[:1].isupper() or not before.is_alpha:
        return False
    return before.lower_ in NAME_WORDS or (before.pos_ == "PROPN" and not before.is_sent_start)


def extract_quantities(sent: Span) -> list[Quantity]:
    """Every count in a sentence, with unit, subject and part-of links; offsets are document offsets."""
    out: list[Quantity] = []
    nouns: list[Token | None] = []
    for run in _number_runs(sent):
        noun = _counted_noun(run)
        if noun is not None and noun.lemma_.lower() in NOT_COUNTS and not _people_shot(run, noun):
            continue
        following = run.doc[run.end].lower_ if run.end < len(run.doc) else ""
        if following == "-" or (run.text.lower() in {"one", "a", "an"} and following not in
                                {"dead", "killed", "died", "injured", "wounded", "hurt"}
                                and not _one_victim(run, noun)):
            continue  # "two-pronged", "one of the roads": not counts ("one dead", "killed one person" are)
        if run.start > 0 and run.doc[run.start - 1].lower_ in {"no", "not"}:
            continue  # "no one was injured", "one person died, not two"
        if run.start > 1 and run.doc[run.start - 1].lower_ == "at" and run.doc[run.start - 2].lower_ in {
                "dead", "died", "dies"}:
            continue  # "dead at 25" (an age), "pronounced dead at 5" (a time)
        if _age(run) or _in_name(run) or _address(run) or _family_size(run):
            continue  # "a girl, 6, was killed"; "Channel 4", "Route 9"; "743 Locust Avenue"; "father of three"
        if run.text.lower() == "many" and not (noun is not None and noun.lemma_.lower() in SUBJECT_UNITS):
            continue
        if len(run) == 1 and run[0].like_num and run[0].text.isdigit() and len(run[0].text) == 4 and \
                1900 <= int(run[0].text) <= 2100:
            continue  # a year
        hedge = _hedge(run)
        parsed = parse_number_phrase(run.text, hedge)
        if parsed is None:
            continue
        start = doc_text(run.doc).rfind(hedge, 0, run.start_char) if hedge else run.start_char
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
        if unit not in {"killed", "wounded"} and _toll_reached(run):
            unit = "killed"  # "the death toll rose to 13": the dead, counted again
        if unit == "killed" and noun is not None and noun.head.lemma_.lower() in EUPHEMISMS and \
                noun.lemma_.lower() not in PERSON_NOUNS | {"people", "person", "element"}:
            unit = "other"  # "neutralised two IEDs": a thing made harmless; "neutralised 12 terrorists" are dead
        if noun is not None and _people_shot(run, noun):  # "4 shot dead" / "16 shot, 1 fatally"
            after = run.doc[noun.i + 1] if noun.i + 1 < len(run.doc) else None
            unit = "killed" if after is not None and after.lower_ in {"dead", "fatally"} else "other"
        if part_of is not None and unit in {"other", "civilians", "fighters", "soldiers"}:
            unit = out[part_of].unit if out[part_of].unit in {"killed", "wounded"} else unit
        out.append(Quantity(
            low=parsed.low, best=parsed.best, high=parsed.high, unit=unit, approx=parsed.approx,
            text=doc_text(run.doc)[start:end], start=start, end=end,
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
    if token.lemma_.lower() in {"shooting", "stabbing", "slaying", "killing", "homicide"} or (
            token.lemma_.lower() == "murder" and token.pos_ == "NOUN"):
        # "the fatal shooting of a 16-year-old", "the slaying of a clerk"
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if token.lemma_.lower() == "turn":
        return _turned_on_self(token)
    if token.lemma_.lower() == "life":  # "took his own life": the one who took it
        verb = token.head if token.dep_ == "dobj" else None
        return next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if token.lemma_.lower() == "condition":  # "two men are in stable condition"
        verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if verb else None
    transitive = token.lemma_.lower() in {"kill", "murder", "slay", "shoot", "stab", "wound", "injure", "beat", "gun",
                                          "behead", "execute", "lynch"}
    if (obj := _dead_as_verb(token)) is not None:
        return obj  # "two gunmen on a motorcycle shot dead a chairman": the chairman died
    if token.pos_ == "ADJ" and token.dep_ == "acomp" and token.head.lemma_.lower() == "be":
        transitive = False  # "the boy was injured": the subject of be is the one hurt
    if transitive and (subject := _headline_subject(token)) is not None:
        return subject  # "Teen shot to death in Douglas": a headline drops the "was"
    shared = next((g for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB" for g in c.children
                   if g.dep_ == "dobj"), None) if transitive and not any(
        c.dep_ in {"dobj", "nsubjpass"} for c in token.children) else None
    if shared is not None:
        return shared  # "fatally shot and robbed a clerk": the object of both verbs
    for candidate in (token, token.head if token.dep_ in {"conj", "acomp", "oprd", "xcomp", "advcl"} else None):
        if candidate is None:
            continue
        if transitive and candidate.dep_ == "acl" and candidate.tag_ in {"VBN", "VBD"} and (
                candidate.head.pos_ in {"NOUN", "PROPN"} or candidate.head.lower_ == "old") and not any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in candidate.children):
            return candidate.head  # "a teenage boy shot and killed Monday", "the 15-year-old killed in a shooting"
        for child in candidate.children:
            if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and not transitive and (
                    candidate is token or (token.dep_ == "conj" and not _own_clause(token)))):
                return child  # "the girl turned the gun on herself and died": died shares the subject
            if child.dep_ == "dobj" and (transitive or (candidate == token.head and token.lemma_.lower() == "dead")):
                return child
            if child.dep_ == "nsubj" and candidate == token.head and not transitive and \
                    candidate.lemma_.lower() in {"be", "find", "lie", "remain"}:
                return child  # "he was found dead", "the victim lay dead"
    return None


_MURDER_SUICIDE = re.compile(r"\bmurder[- ]suicide\b", re.I)
WEAPONS = {"gun", "weapon", "rifle", "shotgun", "pistol", "handgun", "firearm", "revolver", "knife"}


def _turned_on_self(verb: Token) -> Token | None:
    """The reflexive in "turned the gun on himself": the shooter, who died by the weapon (not "in an attempted
    suicide")."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in WEAPONS for c in verb.children) or any(
            t.lower_ == "attempted" and t.head.lemma_.lower() == "suicide" for t in verb.sent):
        return None
    on = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"), None)
    return next((c for c in on.children if c.dep_ == "pobj" and c.lower_ in REFLEXIVES), None) if on else None


OBJECT_DEPS = {"dobj", "ccomp", "xcomp", "attr", "dative", "aux", "auxpass", "nsubjpass"}


def _headline_subject(verb: Token) -> Token | None:
    """The subject of a headline's bare participle, which the parser reads as an active past verb with no object:
    "Man fatally shot in Dayton", "Teen killed in crash". A real active kill names its victim as the object."""
    if verb.tag_ != "VBD" or verb.dep_ not in {"ROOT", "conj"} or any(
            c.dep_ in OBJECT_DEPS or (c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children))
            for c in verb.children):
        return None  # "Smith shot and killed Jones": the object of the second verb is the first's too
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.lower_ in {"police", "officers", "authorities"}:
        return None
    return subject


# Labels a name in a victim's slot may carry: the small model often calls surnames ORG, FAC or even GPE
# ("Espinosa", "Madueno"), and a place cannot be the one who was killed, so there it is a surname.
NAMED_VICTIM_LABELS = {"", "PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "GPE", "LOC"}
REFLEXIVES = {"himself", "herself", "self"}  # "kills 3 bandmates, self"
PRONOUNS = {"he", "she", "who", "him", "her"}


def _one_person(token: Token) -> bool:
    """Whether a word names one person: a name, a singular person noun, an age noun, he/she, who (its antecedent)."""
    if any(c.dep_ == "det" and c.lower_ in {"no", "every", "each", "any"} for c in token.children):
        return False
    if any(c.dep_ == "nummod" for c in token.children):
        return False  # "two men": counted by its number
    if token.pos_ == "PROPN" and token.ent_type_ in NAMED_VICTIM_LABELS and not (
            token.ent_type_ in {"GPE", "LOC"} and token.is_upper):
        return True  # a named victim ("Spears had been shot and killed"), not a dateline ("MIDWEST CITY, Okla. –")
    if token.is_title and not token.is_sent_start and token.ent_type_ in NAMED_VICTIM_LABELS - {""} and \
            token.tag_ in {"NN", "NNS", "NNP"}:
        return True  # a surname the tagger calls a noun ("killing Thompkins")
    if YEAR_OLD.fullmatch(token.text) or (token.lower_ == "old" and "year" in {t.lower_ for t in token.subtree}):
        return True  # "a 16-year-old has died"
    if token.lower_ in {"he", "she"} | REFLEXIVES or (token.lower_ in {"him", "her"} and token.tag_ == "PRP"):
        return True  # "he died", "she was found dead" (never the active subject of kill: see _victim)
    if token.lower_ == "who" and token.head.dep_ == "relcl":
        return _one_person(token.head.head)  # "Smith, who was pronounced dead"
    return token.tag_ == "NN" and token.lemma_.lower() in PERSON_NOUNS


def _kill_predicate(token: Token) -> bool:
    """A word that says someone died: kill, die, dead, murder, death, and 'fatally shot' / 'shot to death' ... --
    stated as a fact: not negated, intended, conditional or asked about ("police could not say if he had died")."""
    return _says_death(token) and _asserted(token)


def _asserted(token: Token) -> bool:
    if _intended(token) or any(c.dep_ == "neg" for c in token.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in (*token.children, *token.head.children)):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in {"will", "would", "could", "may", "might"} for c in token.children)


def _says_death(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma == "gun" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return True  # "a teenager was gunned down"
    if lemma == "shoot" and token.pos_ == "VERB" and _MURDER_SUICIDE.search(token.sent.text):
        return True  # "shot his son and then himself in a murder-suicide"
    if lemma in {"shoot", "stab", "wound", "injure", "beat", "strangle", "gun"}:
        return any(c.lower_ == "fatally" and not _not_fatal(c) for c in token.children) or any(
            c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children)
            for c in token.children) or any(c.dep_ in {"oprd", "acomp"} and c.lower_ == "dead" for c in token.children)
    if lemma == "pass" and any(c.dep_ == "prt" and c.lower_ == "away" for c in token.children):
        return True  # "she passed away"
    if lemma == "turn" and _turned_on_self(token) is not None:
        return True  # "then turned the gun on himself"
    if lemma in {"shooting", "stabbing"} and token.pos_ == "NOUN":
        return any(c.dep_ == "amod" and c.lower_ == "fatal" for c in token.children)  # "the fatal shooting of X"
    if lemma in {"slaying", "killing"} and token.pos_ == "NOUN":
        return True
    if lemma == "murder" and token.pos_ == "NOUN":  # "the murder of X", not "attempted murder" or "a murder charge"
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children) and not any(
            c.lower_ in {"attempted", "attempt"} for c in token.children)
    if lemma == "life" and token.dep_ == "dobj" and token.head.lemma_.lower() == "take" and any(
            c.lower_ == "own" for c in token.children):
        return True  # "took his own life"
    if lemma not in IMPLICIT_KILL:
        return False
    if lemma == "dead" and token.pos_ not in {"ADJ", "NOUN"}:
        return False
    return lemma != "death" or token.pos_ == "NOUN"


PAIR_NOUNS = {"couple", "pair"}  # one word for two people


def _members(victim: Token) -> list[tuple[Token, int]]:
    """The people a victim phrase names and how many each stands for: 'a mother, father and toddler' -> three of
    one; 'his partner and their two children' -> one and two. Words that name no person ('and his dog') count
    nothing."""
    out = []
    for member in _listed(victim):
        number = next((c for c in member.children if c.dep_ == "nummod" and c.like_num), None)
        if number is not None:
            value = words_to_int(number.text)
            counted = _unit(member.doc[number.i : number.i + 1], member)
            if value is not None and member.lemma_.lower() in PERSON_NOUNS | {"person", "people", "child", "victim",
                                                                               "other", "others"} \
                    and counted in {"killed", "other", "civilians", "fighters", "soldiers"}:
                out.append((member, value))  # not "six were killed and four people were injured": four are hurt
        elif member.tag_ == "NNS" and member.lemma_.lower() in PERSON_NOUNS and (ages := _ages_listed(member)) > 1:
            out.append((member, ages))  # "his sons, ages 3 and 4": two sons
        elif member.lemma_.lower() in PAIR_NOUNS and member.tag_ == "NN":
            out.append((member, 2))  # "a couple and their two small children"
        elif member.lower_ == "both" and member.dep_ in {"nsubj", "nsubjpass"}:
            out.append((member, 2))  # "both were fatally shot"
        elif _one_person(member):
            out.append((member, 1))
    return out


def _ages_listed(people: Token) -> int:
    """How many ages follow a plural noun: "her sons, 7 and 8" and "his sons, ages 3 and 4" are 2. Read from the
    words, as the parser hangs the ages anywhere."""
    doc, i = people.doc, people.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return 0
    i += 1
    if i < len(doc) and doc[i].lower_ in {"ages", "aged"}:
        i += 1
    ages = 0
    while i < len(doc) and doc[i].like_num and doc[i].text.isdigit():
        ages += 1
        i += 1
        if i < len(doc) and doc[i].lower_ in {",", "and"}:
            i += 1 + (i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "and")
    return ages if ages > 1 and (i >= len(doc) or doc[i].is_punct or not doc[i - 1].like_num) else 0


def _renames(head: Token, apposition: Token) -> bool:
    """An apposition that names or describes the same person(s): "her daughter, Meredith", "Smith, a teacher",
    "two teenagers -- a 14-year-old and an 18-year-old"."""
    if any(c.dep_ == "nummod" for c in head.children):
        return True
    return (head.pos_ == "PROPN") != (apposition.pos_ == "PROPN")


PLACE_OR_ORG = {"ORG", "GPE", "LOC", "FAC"}  # "WALB.com, South Georgia News": a site's name, not a second victim


def _listed(victim: Token) -> list[Token]:
    """The victim and the people listed with it. The parser often strings a list as appositions ("a mother,
    father, and toddler"; "woman, her son, himself"); an apposition counts as another person only in a list
    shape (a conjunction in the chain, two or more appositions, or a reflexive) and when it does not rename its
    head. Names after the first must look like a person's (the model's PERSON label or a first name)."""
    chain, todo = [], [victim]
    while todo:
        token = todo.pop()
        chain.append(token)
        todo.extend(c for c in token.children if c.dep_ in {"appos", "conj"} or (
            c.lower_ == "self" and c.dep_ in {"npadvmod", "dep"}))
    appositions = [t for t in chain if t.dep_ == "appos" and t.pos_ != "NUM"]  # an age is not a list item
    list_shape = len(appositions) >= 2 or any(t.dep_ == "conj" for t in chain) or \
        any(t.lower_ in REFLEXIVES for t in chain)
    dropped = [a for a in appositions if not list_shape or _renames(a.head, a)]
    kept = [t for t in chain if not any(t == d or d.is_ancestor(t) for d in dropped)]
    return sorted((t for t in kept if t == victim or t.pos_ != "PROPN" or t.ent_type_ == "PERSON" or (
        t.ent_type_ not in PLACE_OR_ORG and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children))),
        key=lambda t: t.i)


def _named_people(sent: Span, predicate: Callable[[Token], bool], skip: set[str] | None = None
                  ) -> list[tuple[Token, int]]:
    """The people a sentence names as victims of ``predicate`` words, each once, with how many each stands for.
    A pronoun (he/she/who) counts only when it is the only one: it may stand for a name beside it. ``skip`` holds
    keys of people already counted under another unit (killed people are not also wounded)."""
    found: dict[int, tuple[Token, int]] = {}
    for token in sent:
        if not predicate(token):
            continue
        victim = _victim(token)
        if victim is None:
            continue
        named = _members(victim)
        for member, count in named + [m for person in _co_subjects(victim) if named for m in _members(person)]:
            found.setdefault(member.i, (member, count))
        for extra in token.children:  # "kills 3 bandmates, self": the parser hangs "self" on the verb
            if (extra.lower_ == "self" and extra.dep_ in {"npadvmod", "dep", "appos"}) or (
                    extra.lower_ in REFLEXIVES and extra.dep_ == "conj"):  # "shot his wife and then himself"
                found.setdefault(extra.i, (extra, 1))
                number = next((c for c in victim.children if c.dep_ == "nummod" and c.like_num), None)
                value = words_to_int(number.text) if number is not None else None
                if value is not None:
                    found.setdefault(victim.i, (victim, value))
    members = [found[i] for i in sorted(found) if not _same_as_subject(found[i][0], found)]
    if len(members) > 1:  # "Smith was shot and he died": the pronoun is Smith, unless listed ("her and his wife")
        members = [(m, n) for m, n in members if m.lower_ not in PRONOUNS or m.dep_ == "conj" or any(
            c.dep_ == "conj" for c in m.children)] or members[:1]
    seen = set(skip or ())
    kept = []
    for member, count in members:
        key = _person_key(member)
        if key not in seen:
            seen.add(key)
            kept.append((member, count))
    return kept


def _same_as_subject(member: Token, found: dict[int, tuple[Token, int]]) -> bool:
    """A reflexive victim who is already counted as the subject of its verb: "a son who killed himself"."""
    if member.lower_ not in REFLEXIVES:
        return False
    verb = next((t for t in member.ancestors if t.pos_ in {"VERB", "AUX"}), member.head)
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ == "who" and subject.head.dep_ == "relcl":
        subject = subject.head.head
    return subject is not None and subject.i in found and subject.i != member.i


def _co_subjects(victim: Token) -> list[Token]:
    """Further subjects of the victim's verb, when the parser splits a list: "a man, his wife and their two
    daughters died" gives "man" and "wife" as two subjects. Not a dateline or a place ("Miller County, AR teen");
    the caller asks only when the victim itself names people."""
    if victim.dep_ not in {"nsubj", "nsubjpass"} or victim.ent_type_ in {"GPE", "LOC", "FAC"}:
        return []
    return [c for c in victim.head.children if c.dep_ == victim.dep_ and c.i > victim.i and not any(
        t.text in DASHES | {"(", ")", "×", ":"} for t in victim.doc[victim.i : c.i])]


def _person_key(token: Token) -> str:
    return token.lower_ if token.pos_ == "PROPN" else str(token.i)


def _people_quantity(sent: Span, people: list[tuple[Token, int]], unit: Unit, explicit: list[Quantity]
                     ) -> list[Quantity]:
    """One quantity counting the people named, unless the sentence gives its own count of that unit. Its text runs
    from the first person named to the last."""
    if not people:
        return []
    first, last = people[0][0], people[-1][0]
    start = min(t.idx for t in first.subtree if t.i <= first.i)
    end = last.idx + len(last.text)
    inside = [q for q in explicit if q.unit == unit and start <= q.start and q.end <= end]
    if any(q.unit == unit and q not in inside for q in explicit):
        return []  # "Three people died ... a man was killed": the count is given
    total = sum(n for _m, n in people)
    if inside and total <= max(figure(q) for q in inside):
        return []
    if len(inside) > 1 and not all(first.is_ancestor(m) for m, _n in people[1:]):
        return []  # "the rescuers said 23 people died, while the monitor said 14 were killed": two counts, no sum
    bounded = any(q.best is None for q in inside)  # "at least 20 soldiers and 15 rebels": at least 35, no best
    return [Quantity(low=total, best=None if bounded else total, high=None if bounded else total, unit=unit,
                     approx=bounded, text=doc_text(sent.doc)[start:end], start=start, end=end,
                     subject=first.lemma_.lower() if len(people) == 1 else "people")]


def _wound_predicate(token: Token) -> bool:
    """A word that says someone was hurt and lived: wounded, injured, hurt, hospitalized, 'in stable condition',
    'is recovering', or shot in a limb or with a survival cue in the sentence."""
    lemma = token.lemma_.lower()
    if any(c.dep_ == "neg" for c in token.children) or _intended(token) or _kill_predicate(token):
        return False
    if lemma in {"wound", "injure", "hurt", "hospitalize", "hospitalise", "recover"} or token.lower_ in {
            "wounded", "injured"}:
        return not any(c.dep_ == "aux" and c.lower_ in {"will", "would", "could", "may", "might"}
                       for c in token.children)
    if lemma == "condition":
        return any(c.dep_ == "amod" and c.lower_ in CONDITIONS for c in token.children)
    if lemma != "shoot" or token.pos_ != "VERB":
        return False
    limb = any(c.dep_ == "prep" and c.lower_ in {"in", "through"} and any(g.lemma_.lower() in LIMBS for g in c.children)
               for c in token.children)
    return limb or bool(SURVIVED.search(token.sent.text))


LIMBS = {"leg", "arm", "hand", "foot", "shoulder", "back", "stomach", "abdomen", "hip", "thigh", "knee", "ankle",
         "buttock", "buttocks", "groin", "wrist", "finger", "calf", "side", "elbow", "toe", "shin", "forearm",
         "lower", "upper"}  # shots to the head or chest are left out: they are often fatal
CONDITIONS = {"stable", "critical", "serious", "fair", "good", "grave", "satisfactory"}
SURVIVED = re.compile(r"\b(non-?life[- ]threatening|not (?:believed to be |considered |thought to be )?life[- ]"
                      r"threatening|expected to (?:survive|recover)|survived|treated and released|(?:stable|"
                      r"critical|serious|fair) condition)\b", re.I)


def implicit_victims(sent: Span, explicit: list[Quantity]) -> list[Quantity]:
    """Killed and wounded people a sentence names without a count of its own, counted: 'a man was shot and
    killed' (1 killed), 'X and his son were found dead' (2), 'killed his partner and their two children before
    killing himself' (4); 'a boy shot himself in the leg' (1 wounded), 'two men are in stable condition' (2)."""
    killed = _named_people(sent, _kill_predicate)
    wounded = _named_people(sent, _wound_predicate, skip={_person_key(m) for m, _n in killed})
    if killed:  # "the teen, who was shot in the back, was pronounced dead": the pronoun is the one who died
        wounded = [(m, n) for m, n in wounded if m.lower_ not in PRONOUNS]
    return _people_quantity(sent, killed, "killed", explicit) + _people_quantity(sent, wounded, "wounded", explicit)


MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_MULTIPLE = re.compile(r"\b(double|triple|quadruple|quintuple)[- ](?:murders?|homicides?|killings?|slayings?|"
                       r"fatal shootings?)\b", re.I)


def multiple_killings(sent: Span, explicit: list[Quantity]) -> list[Quantity]:
    """"a double murder", "the triple homicide": two or three killed, when the sentence gives no count."""
    match = _MULTIPLE.search(sent.text)
    if match is None or any(q.unit == "killed" for q in explicit):
        return []
    n = MULTIPLES[match.group(1).lower()]
    start, end = sent.start_char + match.start(), sent.start_char + match.end()
    return [Quantity(low=n, best=n, high=n, unit="killed", approx=False, text=doc_text(sent.doc)[start:end],
                     start=start, end=end, subject="people")]


def _within_lists(explicit: list[Quantity], implicit: list[Quantity]) -> list[Quantity]:
    """Explicit counts followed by the implicit ones; a count inside a counted list of victims ("killing her cousin
    and two others": two of the three) becomes a part of the list's total, not a rival toll."""
    found = explicit + implicit
    for i, q in enumerate(explicit):
        whole = next((len(explicit) + j for j, v in enumerate(implicit) if v.unit == q.unit and v.start <= q.start
                      and q.end <= v.end and figure(q) < figure(v)), None)
        if whole is not None and q.part_of is None:
            found[i] = q.model_copy(update={"part_of": whole})
    return found


CODED = "coded"  # Quantity.subject of a coder's figure ("fatalities coded as 3"), which stands for the report's
_CODED = re.compile(r"\b(?:fatalities|deaths|casualties)\b[^.]{0,80}?\bcoded as (\d+)(?:[^.]{0,40}?\b(?:split|spread|"
                    r"divided)\s+(?:between|across|among)\s+(\d+|two|three|four|five|six|seven|eight|nine|ten)\b)?",
                    re.IGNORECASE)


def coded_fatalities(sent: Span) -> list[Quantity]:
    """"An unknown number of fatalities ... coded as 3", "Unclear fatalities coded as 10 and split between 5
    locations" (2 here): the coder's figure for an unknown toll, ACLED's convention, each event its share."""
    match = _CODED.search(sent.text)
    if match is None:
        return []
    n = int(match.group(1))
    shares = match.group(2)
    if shares:
        parts = int(shares) if shares.isdigit() else ONES[shares.lower()]
        n = n // parts if parts else n
    start, end = sent.start_char + match.start(1), sent.start_char + match.end(1)
    return [Quantity(low=n, best=n, high=n, unit="killed", approx=False, text=doc_text(sent.doc)[start:end],
                     start=start, end=end, subject=CODED)]


FATALITIES_LABEL = re.compile(r"\s*Fatalities\s*:", re.IGNORECASE)


def _fatalities_listed(sent: Span, explicit: list[Quantity]) -> list[Quantity]:
    """"Fatalities: 2 Houthi fighters and 1 soldier.": a note's toll split by side, summed (3)."""
    killed = [q for q in explicit if q.unit == "killed" and q.part_of is None]
    if not FATALITIES_LABEL.match(sent.text) or len(killed) < 2 or any(q.best is None for q in killed):
        return []
    total = sum(q.best for q in killed if q.best is not None)
    start, end = killed[0].start, killed[-1].end
    return [Quantity(low=total, best=total, high=total, unit="killed", approx=False,
                     text=doc_text(sent.doc)[start:end], start=start, end=end, subject="people")]


def sentence_quantities(sent: Span, published_year: int | None = None) -> list[Quantity]:
    """Every count in a sentence, explicit and implicit victims, marked background when the sentence frames them
    as a running toll or an older incident (see ``background_frame``)."""
    explicit = extract_quantities(sent)
    found = _within_lists(explicit, implicit_victims(sent, explicit) + _fatalities_listed(sent, explicit))
    found += coded_fatalities(sent)
    found += multiple_killings(sent, found)
    if found and background_frame(sent.text, published_year):
        return [q.model_copy(update={"background": True}) for q in found]
    return found


def document_quantities(sentences: list[Span], published_year: int | None = None) -> list[list[Quantity]]:
    """``sentence_quantities`` for each sentence of a document, with one document-level check: a single person
    counted wounded in one sentence and killed in another ("Okafor was hit in the leg ... Okafor later died") is not
    also a survivor."""
    found = [sentence_quantities(sent, published_year) for sent in sentences]
    died = {q.subject for sentence in found for q in sentence if q.unit == "killed" and q.best == 1 and q.subject}
    return [[q for q in sentence if not (q.unit == "wounded" and q.best == 1 and q.subject in died)]
            for sentence in found]
