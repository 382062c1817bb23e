"""The ``actor`` filter of ``GET /api/events``: what people type ("HTS", "Hayat Tahrir", "Syrian army", "rebels",
"russian air force") resolved to the set of actor ids it names, the way the web map's filter reads it
(``web/static/actor_match.js``: the same word rules).

Every typed word must fit one of the actor's words: the start of a word still being typed ("hay" for Hayat), or a
form of the same word ("syrian"/"syria", "rebels"/"rebel": a shared stem of at least ``MIN_STEM`` letters that
leaves at most ``MAX_ENDING`` letters of either word; stricter than the map, which leaves that many of the shorter
word only, since demonyms are words of their own here and "assad" is no form of "assault"). A possessive's "'s" is
no word. An actor's words come from the actor dictionaries, not
from one picture, so the in-memory filter and the store's event rows answer the same ids: its id, name, kind and
aliases; for a generic actor (``military-sy``) its category's name, kind and forms ("army", "air force",
"regime"), its country's name, code and demonyms, and the names of dictionary rows that stand for it ("Syrian
Arab Army", "Assad regime"). An actor id typed exactly always matches that id; one with a hyphen ("military-sy")
matches only that id.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from ..actor_dictionary import (
    GENERIC_SEP,
    actor_table,
    canonical_id,
    country_names,
    dictionary_rows,
    generic_categories,
)
from ..lexicons import read_tsv, split_forms

MIN_STEM = 4  # shorter shared starts ("iran"/"iraq" share "ira") are different words; as actor_match.js
MAX_ENDING = 2  # letters of either word past the shared stem: -n, -s, -ns...
_SPLIT = re.compile(r"[\W_]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")  # "Assad's forces": no word "s"


def words(text: str | None) -> list[str]:
    """Lower-case words without accents ("Hay'at Tahrir al-Sham" -> hay, at, tahrir, al, sham)."""
    folded = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", (text or "").lower()))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in _SPLIT.split(folded) if w]


def word_fits(typed: str, word: str) -> bool:
    if word.startswith(typed):
        return True
    stem = 0
    while stem < len(typed) and stem < len(word) and typed[stem] == word[stem]:
        stem += 1
    return stem >= MIN_STEM and max(len(typed), len(word)) - stem <= MAX_ENDING


def _words_of(texts: Iterable[str | None]) -> set[str]:
    return {w for text in texts for w in words(text)}


class _Vocabulary:
    """Word -> the named actors, generic categories, countries and generic ids (by their dictionary rows) using it."""

    def __init__(self) -> None:
        self.named: dict[str, set[str]] = defaultdict(set)
        self.categories: dict[str, set[str]] = defaultdict(set)
        self.countries: dict[str, set[str]] = defaultdict(set)
        self.rows: dict[str, set[str]] = defaultdict(set)  # names of dictionary rows answered as generic actors

    def all_words(self) -> set[str]:
        return set(self.named) | set(self.categories) | set(self.countries) | set(self.rows)


@cache
def _vocabulary() -> _Vocabulary:
    vocabulary = _Vocabulary()
    for actor_id, info in actor_table().named.items():
        for word in _words_of((actor_id, info.name, info.kind.replace("_", " "), *info.aliases)):
            vocabulary.named[word].add(actor_id)
    for row in dictionary_rows():
        actor_id = canonical_id(row)
        if actor_id != row["id"]:  # a state's forces, police or government: names of its generic actor
            for word in _words_of((row["id"], row["name"], *(a.lstrip("@") for a in split_forms(row["aliases"])))):
                vocabulary.rows[word].add(actor_id)
    for category, info in generic_categories().items():
        template = info.name.replace("{country}", " ")
        for word in _words_of((category, template, info.kind.replace("_", " "), *info.forms)):
            vocabulary.categories[word].add(category)
    for iso2, name in _country_forms().items():
        for word in _words_of(name):
            vocabulary.countries[word].add(iso2)
    return vocabulary


def _country_forms() -> dict[str, list[str]]:
    """ISO alpha-2 -> the country's code, names (ACLED's and the gazetteer's) and demonyms."""
    forms: dict[str, list[str]] = defaultdict(list)
    for iso2, name in country_names().items():
        forms[iso2] += [iso2, name]
    for row in read_tsv("countries.tsv"):
        forms[row["iso2"]] += [row["name"], *split_forms(row["demonyms"])]
    for row in read_tsv("demonyms_extra.tsv"):
        if len(row["place"]) == 2 and row["place"].isupper():
            forms[row["place"]].append(row["form"])
    return {iso2: found for iso2, found in forms.items() if iso2 in country_names()}


@cache
def _generic_ids() -> tuple[tuple[str, str | None], ...]:
    """Every generic actor as (category, country or None for the bare category)."""
    return tuple((category, country) for category in sorted(generic_categories())
                 for country in (None, *sorted(country_names())))


def matching_actor_ids(query: str) -> frozenset[str]:
    """The ids of the actors ``query`` names (empty when it names none)."""
    exact = query.strip().lower()
    if GENERIC_SEP in exact and not any(c.isspace() for c in exact) and exact in actor_table():
        return frozenset({exact})  # an id as the API gives it ("military-sy", "al-shabaab"): that actor only
    typed = words(query)
    found: set[str] = {exact} if exact and not any(c.isspace() for c in exact) else set()
    if not typed:
        return frozenset(found)
    vocabulary = _vocabulary()
    vocab_words = vocabulary.all_words()
    fitting = [[w for w in vocab_words if word_fits(t, w)] for t in typed]

    def union(index: dict[str, set[str]], ws: list[str]) -> set[str]:
        return set().union(*(index.get(w, set()) for w in ws))

    named = [union(vocabulary.named, ws) for ws in fitting]
    found |= set.intersection(*named)
    categories = [union(vocabulary.categories, ws) for ws in fitting]
    countries = [union(vocabulary.countries, ws) for ws in fitting]
    rows = [union(vocabulary.rows, ws) for ws in fitting]
    for category, country in _generic_ids():
        actor_id = f"{category}{GENERIC_SEP}{country.lower()}" if country else category
        if all(category in c or (country is not None and country in k) or actor_id in r
               for c, k, r in zip(categories, countries, rows, strict=True)):
            found.add(actor_id)
    return frozenset(found)
