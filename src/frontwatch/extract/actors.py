"""Actors: named actors (data/actors.tsv, data/actors_world.tsv) and generic ones ("the army", "protesters").

A generic actor is a category plus a country: ``military-sd`` is *Military Forces of Sudan*, ``protesters-ar``
*Protesters (Argentina)* (data/actor_generic.tsv, ACLED's naming). A generic mention whose own phrase names no
country ("the army") carries the bare category id (``military``) until the event it acts in gives it the country
of its place (``with_country``). A dictionary row of a state's forces, police or government only adds names of
that country's generic actor ("Syrian Arab Army" -> ``military-sy``), so no row binds "the army" to one war.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..lexicons import read_tsv, split_forms
from ..model import ActorMention, Mention

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "pobj"}  # where a place name stands for its government ("Moscow said")
ACTOR_FILES = ("actors.tsv", "actors_world.tsv")
STATE_KINDS = {"state_forces": "military", "police": "police", "government": "government"}
GENERIC_SEP = "-"
SHORT_ACRONYM = 4  # an all-capital alias this short ("SAF", "PDF") counts only where its country is named


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


def generic_id(category: str, country: str | None) -> str:
    return f"{category}{GENERIC_SEP}{country.lower()}" if country else category


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


def _rows() -> Iterator[dict[str, str]]:
    for name in ACTOR_FILES:
        yield from read_tsv(name)


def canonical_id(row: dict[str, str]) -> str:
    """A row of a state's forces, police or government stands for that country's generic actor."""
    countries = split_forms(row["countries"])
    category = STATE_KINDS.get(row["kind"])
    return generic_id(category, countries[0]) if category and len(countries) == 1 else row["id"]


@cache
def actor_table() -> ActorTable:
    table = {}
    for row in _rows():
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
def _scoped_aliases() -> dict[str, tuple[str, ...]]:
    """Aliases that count only in a text naming one of their countries: lower-case words and short acronyms."""
    scoped: dict[str, tuple[str, ...]] = {}
    for row in _rows():
        countries = tuple(split_forms(row["countries"]))
        if not countries:
            continue
        for alias in split_forms(row["aliases"]):
            if alias.islower() or (alias.isupper() and len(alias) <= SHORT_ACRONYM):
                scoped[alias] = countries
    return scoped


@cache
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    """(lower-case dictionary aliases and generic forms on LOWER, metonym place names on ORTH, generic forms)."""
    lower_aliases = PhraseMatcher(vocab, attr="LOWER")
    metonym = PhraseMatcher(vocab, attr="ORTH")
    generic = PhraseMatcher(vocab, attr="LOWER")
    for row in _rows():
        aliases = split_forms(row["aliases"])
        lower = [vocab_doc(vocab, a) for a in aliases if a.islower()]
        meto = [vocab_doc(vocab, a[1:]) for a in aliases if a.startswith("@")]
        if lower:
            lower_aliases.add(canonical_id(row), lower)
        if meto:
            metonym.add(canonical_id(row), meto)
    for cat in generic_categories().values():
        generic.add(cat.category, [vocab_doc(vocab, form) for form in cat.forms])
    return lower_aliases, metonym, generic


def vocab_doc(vocab: Vocab, text: str) -> Doc:
    return Doc(vocab, words=text.replace("'s", " 's").split())


def _country_of_phrase(span: Span) -> str | None:
    """The country a generic mention's own phrase names: a demonym or a country before it ("the Sudanese army",
    "Ukraine's air force", "Malian and Russian troops": the first named)."""
    from .. import gazetteer

    gaz = gazetteer.load()
    candidates: list[Token] = []
    for t in span.root.children:
        if t.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"} and t.i < span.start:
            candidates.extend(sorted(t.subtree, key=lambda x: x.i))
    for t in span:  # "Sudanese Armed Forces" matched whole
        candidates.append(t)
    for t in candidates:
        entry = gaz.demonym(t.text)
        if entry is not None and entry.kind == "country":
            return entry.country
        if t.text[:1].isupper():
            country = next((e.country for e in gaz.lookup(t.text) if e.kind == "country"), None)
            if country is not None:
                return country
    return None


def actor_spans(doc: Doc, countries: frozenset[str] | None = None) -> list[tuple[str, Span]]:
    """(actor id, span) for every actor mention, longest first where they overlap, in text order.

    ``countries``: the countries the text names; aliases scoped to other countries ("SAF" for Sudan's army, "the
    Observatory" for the Syrian monitor) are dropped when given."""
    table = actor_table()
    scoped = _scoped_aliases()

    def in_scope(actor_id: str, text: str) -> bool:
        if countries is None or text not in scoped:
            return True
        return bool(countries & set(scoped[text]))

    found: list[tuple[str, Span]] = [(ent.ent_id_, ent) for ent in doc.ents
                                     if ent.ent_id_ in table and in_scope(ent.ent_id_, ent.text)]
    taken = {i for _, span in found for i in range(span.start, span.end)}
    lower_aliases, metonym, generic = _matchers(doc.vocab)
    matches = [(m, s, e, False) for m, s, e in lower_aliases(doc)] + [(m, s, e, True) for m, s, e in generic(doc)]
    for match_id, start, end, is_generic in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]), m[3])):
        if any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        actor_id = doc.vocab.strings[match_id]
        if is_generic:
            actor_id = generic_id(actor_id, _country_of_phrase(span))
        elif not in_scope(actor_id, span.text):
            continue
        found.append((actor_id, span))
        taken.update(range(start, end))
    for match_id, start, end in metonym(doc):
        span = doc[start:end]
        if any(i in taken for i in range(start, end)) or span.root.dep_ not in SUBJECT_DEPS:
            continue
        if span.root.dep_ == "pobj" and span.root.head.lower_ not in {"by", "from", "to"}:
            continue
        if span.root.dep_ == "pobj" and span.root.head.lower_ == "to" and span.root.head.head.lower_ != "according":
            continue
        found.append((doc.vocab.strings[match_id], span))
        taken.update(range(start, end))
    return sorted(found, key=lambda t: (t[1].start, t[1].end))


def with_country(actor_id: str | None, country: str | None) -> str | None:
    """A bare generic id ("military") bound to a country ("military-sd"); other ids as they are."""
    if actor_id is None or country is None or actor_id not in generic_categories():
        return actor_id
    return generic_id(actor_id, country)


def extract_actors(spans: list[tuple[str, Span]], doc_id: str, focus: str | None) -> list[ActorMention]:
    """Mentions of the document's actors; a generic mention with no country of its own takes the document's
    focus country (events re-bind theirs to the country of their place)."""
    return [
        ActorMention(actor=with_country(actor_id, focus) or actor_id,
                     mention=Mention(doc=doc_id, start=span.start_char, end=span.end_char, text=span.text))
        for actor_id, span in spans
    ]
