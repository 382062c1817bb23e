"""Actors: mentions of named actors and of generic ones ("the army", "protesters") in a parsed document.

The dictionaries and the generic categories live in frontwatch/actor_dictionary.py. A generic mention whose own
phrase names no country ("the army") carries the bare category id (``military``) until the event it acts in gives
it the country of its place (``with_country``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..actor_dictionary import (  # noqa: F401  (re-exported for the stages after extract)
    ActorInfo,
    actor_table,
    canonical_id,
    dictionary_rows,
    generic_categories,
    generic_id,
)
from ..lexicons import read_tsv, split_forms
from ..model import ActorMention, Mention
from ..nlp.text import WORD, doc_text, words_of

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "pobj"}  # where a place name stands for its government ("Moscow said")
NP_PARTS = {"ADJ", "PROPN", "CCONJ", "DET", "NOUN"}  # words of a noun phrase before a generic actor's head
NP_LOOKBACK = 5
GENERIC_WRITTEN = "generic:"  # match-id prefix of generic forms matched as written ("IS")
SHORT_ACRONYM = 4  # an all-capital alias this short ("SAF", "PDF") counts only where its country is named


@cache
def _scoped_aliases() -> dict[str, tuple[str, ...]]:
    """Aliases that count only in a text naming one of their countries: lower-case words and short acronyms."""
    scoped: dict[str, tuple[str, ...]] = {}
    for row in dictionary_rows():
        countries = tuple(split_forms(row["countries"]))
        if not countries:
            continue
        for alias in split_forms(row["aliases"]):
            if alias.islower() or (alias.isupper() and len(alias) <= SHORT_ACRONYM):
                scoped[alias] = countries
    return scoped


@cache
def _unique_acronyms() -> frozenset[str]:
    """Short acronyms that name one actor only ("JNIM", "FPRC"): in a text that names no country at all they still
    count, as nothing says they mean anything else."""
    owners: dict[str, set[str]] = {}
    for row in dictionary_rows():
        for alias in split_forms(row["aliases"]):
            if alias.isupper() and len(alias) <= SHORT_ACRONYM:
                owners.setdefault(alias, set()).add(row["id"])
    return frozenset(alias for alias, ids in owners.items() if len(ids) == 1)


@cache
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    """(lower-case dictionary aliases and generic forms on LOWER, metonym place names on ORTH, generic forms)."""
    lower_aliases = PhraseMatcher(vocab, attr="LOWER")
    metonym = PhraseMatcher(vocab, attr="ORTH")
    generic = PhraseMatcher(vocab, attr="LOWER")
    for row in dictionary_rows():
        aliases = split_forms(row["aliases"])
        lower = [vocab_doc(vocab, a) for a in aliases if a.islower()]
        meto = [vocab_doc(vocab, a[1:]) for a in aliases if a.startswith("@")]
        if lower:
            lower_aliases.add(canonical_id(row), lower)
        if meto:
            metonym.add(canonical_id(row), meto)
    for cat in generic_categories().values():
        lower = [vocab_doc(vocab, form) for form in cat.forms if form.islower()]
        written = [vocab_doc(vocab, form) for form in cat.forms if not form.islower()]
        if lower:
            generic.add(cat.category, lower)
        if written:
            metonym.add(GENERIC_WRITTEN + cat.category, written)
    return lower_aliases, metonym, generic


def vocab_doc(vocab: Vocab, text: str) -> Doc:
    """A form as the tokenizer splits it: "'s" and a hyphen inside a word are tokens ("pro-government militias",
    "al-shabaab")."""
    return Doc(vocab, words=_HYPHEN.sub(" - ", text.replace("'s", " 's")).split())


_HYPHEN = re.compile(r"(?<=[^\W\d])-(?=[^\W\d])")


SAYING = {"say", "claim", "announce", "report", "state", "confirm", "declare", "add"}


def _speaker_of(word: Token) -> list[Token]:
    """The words of the subject of the saying verb a word's clause is told by ("Russia said its forces ...")."""
    for head in word.ancestors:
        if head.pos_ == "VERB" and head.lemma_.lower() in SAYING:
            return [t for c in head.children if c.dep_ == "nsubj" for t in sorted(c.subtree, key=lambda x: x.i)]
    return []


def _country_of_phrase(span: Span) -> str | None:
    """The country a generic mention's own phrase names: a demonym or a country before it ("the Sudanese army",
    "Ukraine's air force", "Malian and Russian troops": the first named)."""
    from .. import gazetteer

    gaz = gazetteer.load()
    candidates: list[Token] = []
    if any(t.dep_ == "poss" and t.lower_ in {"its", "their", "our"} for t in span.root.children):
        candidates.extend(_speaker_of(span.root))  # "Russia said its forces had captured ...": Russia's forces
    for t in span.root.children:
        if t.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"} and t.i < span.start:
            candidates.extend(sorted(t.subtree, key=lambda x: x.i))
    i = span.start - 1  # the words before it in its noun phrase, even where the parse did not attach them
    left: list[Token] = []
    while i >= 0 and i >= span.start - NP_LOOKBACK and (span.doc[i].pos_ in NP_PARTS or span.doc[i].text == ","):
        left.append(span.doc[i])
        i -= 1
    candidates.extend(reversed(left))
    for t in span:  # "Sudanese Armed Forces" matched whole
        candidates.append(t)
    after = span.doc[span.end : span.end + 2]  # "the military forces of Pakistan", "refugees from Ukraine"
    if len(after) == 2 and after[0].lower_ in {"of", "from"}:
        candidates.append(after[1])
    for t in candidates:
        entry = gaz.demonym(t.text)
        if entry is not None and entry.kind == "country":
            return entry.country
        if t.text[:1].isupper():
            country = next((e.country for e in gaz.lookup(t.text) if e.kind == "country"), None)
            if country is not None:
                return country
    return None


FORMER = {"former", "ex", "ex-", "late", "deposed", "ousted"}


def actor_spans(doc: Doc, countries: frozenset[str] | None = None) -> list[tuple[str, Span]]:
    """(actor id, span) for every actor mention, longest first where they overlap, in text order.

    ``countries``: the countries the text names; aliases scoped to other countries ("SAF" for Sudan's army, "the
    Observatory" for the Syrian monitor) are dropped when given."""
    table = actor_table()
    scoped = _scoped_aliases()

    def in_scope(actor_id: str, text: str) -> bool:
        if countries is None or text not in scoped:
            return True
        if not countries:
            return text in _unique_acronyms()
        return bool(countries & set(scoped[text]))

    found: list[tuple[str, Span]] = [(ent.ent_id_, ent) for ent in doc.ents
                                     if ent.ent_id_ in table and in_scope(ent.ent_id_, ent.text)]
    taken = {i for _, span in found for i in range(span.start, span.end)}
    lower_aliases, metonym, generic = _matchers(doc.vocab)
    place_names = metonym(doc)
    written = [(m, s, e) for m, s, e in place_names if doc.vocab.strings[m].startswith(GENERIC_WRITTEN)]
    matches = [(m, s, e, False) for m, s, e in lower_aliases(doc)] + \
        [(m, s, e, True) for m, s, e in [*generic(doc), *written]]
    for match_id, start, end, is_generic in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]), m[3])):
        if any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        actor_id = doc.vocab.strings[match_id].removeprefix(GENERIC_WRITTEN)
        if is_generic and actor_id == "government" and start > 0 and doc[start - 1].lower_ in FORMER:
            continue  # "supporters of the former president": no government acts
        if is_generic:
            actor_id = generic_id(actor_id, _country_of_phrase(span))
        elif not in_scope(actor_id, span.text):
            continue
        found.append((actor_id, span))
        taken.update(range(start, end))
    for match_id, start, end in place_names:
        span = doc[start:end]
        if doc.vocab.strings[match_id].startswith(GENERIC_WRITTEN):
            continue
        if any(i in taken for i in range(start, end)) or span.root.dep_ not in SUBJECT_DEPS:
            continue
        if span.root.dep_ == "pobj" and span.root.head.lower_ not in {"by", "from", "to"}:
            continue
        if span.root.dep_ == "pobj" and span.root.head.lower_ == "to" and span.root.head.head.lower_ != "according":
            continue
        found.append((doc.vocab.strings[match_id], span))
        taken.update(range(start, end))
    return _named_with_their_noun(_titles_of_named(sorted(found, key=lambda t: (t[1].start, t[1].end))))


def _titles_of_named(found: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    """"the vice president of the local Proud Boys chapter", "a commander of the Wagner group": a generic title
    whose "of" names a group is that group's man, not a government's or an army's: the title is dropped, so the
    group it belongs to is the doer."""
    named = [span for actor_id, span in found if _category(actor_id) is None]
    out = []
    for actor_id, span in found:
        of = [c for c in span.root.children if c.dep_ == "prep" and c.lower_ == "of"]
        if of and _category(actor_id) is not None and any(
                of[0].i < n.start and n.end <= of[0].right_edge.i + 1 for n in named):
            continue
        out.append((actor_id, span))
    return out


FIGHTER_NOUNS = {"uag", "gang", "military"}  # generic categories a named group's own fighters are written with


def _category(actor_id: str) -> str | None:
    """The generic category of an actor id ("uag-eg" -> "uag"), None for a named actor."""
    info = actor_table().get(actor_id)
    return info.generic if info is not None else None


def _named_with_their_noun(found: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    """"Islamic State militants", "Boko Haram fighters", "Houthi forces": a named group followed at once by a
    generic fighters' noun is one mention of the named group (not a second, unidentified armed group)."""
    out: list[tuple[str, Span]] = []
    for actor_id, span in found:
        if out and out[-1][1].end == span.start and _category(actor_id) in FIGHTER_NOUNS \
                and _category(out[-1][0]) in {None, "isis"}:
            named, first = out[-1]
            out[-1] = (named, span.doc[first.start : span.end])
            continue
        out.append((actor_id, span))
    return out


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


FEW_COUNTRIES = 3  # an actor of more countries than this (the Islamic State, Wagner) hints at none


def actor_countries(doc: Doc) -> Counter[str]:
    """Country votes from the named actors of one country a text names ("the Taliban", "Imbonerakure", "FARDC") and
    from its parties, unions, movements, state bodies and leaders ("cadres of CPN (UML)", "KCTU members", "the
    Guardia Civil", "President Milei"): a hint for which of several
    same-named places it means ("Bara district" of Nepal, not Bara in Sudan)."""
    table = actor_table()
    votes: Counter[str] = Counter()
    for ent in doc.ents:
        info = table.get(ent.ent_id_) if ent.ent_id_ else None
        if info is not None and info.country is not None:
            votes[info.country] += 1
        elif info is not None and 1 < len(info.countries) <= FEW_COUNTRIES:  # the ADF (DRC and Uganda): half each
            votes.update({c: 1 / len(info.countries) for c in info.countries})
    text = doc_text(doc)
    votes.update(organisations()[form] for form in sorted(
        {m.group(0) for m in organisation_pattern(_candidate_forms(text)).finditer(text)}))
    return votes


@cache
def _forms_by_first_word() -> dict[str, tuple[str, ...]]:
    """The organisations' and institutions' names by their first word, as written."""
    index: dict[str, list[str]] = {}
    for form in organisations():
        first = WORD.search(form)  # "#EndSARS": its word
        index.setdefault(first.group(0) if first else form, []).append(form)
    return {word: tuple(forms) for word, forms in index.items()}


def _candidate_forms(text: str) -> tuple[str, ...]:
    """The names whose first word the text holds: the only ones worth matching (a pattern of thousands of names
    run over every report costs more than the rest of the vote)."""
    index = _forms_by_first_word()
    return tuple(sorted({form for word in words_of(text) for form in index.get(word, ())}))


@lru_cache(maxsize=4096)
def organisation_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """The names, longest first, matched as written and as whole words (none: a pattern that never matches)."""
    names = "|".join(re.escape(form) for form in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])") if forms else re.compile(r"(?!)")


@cache
def organisations() -> dict[str, str]:
    """The parties', unions' and movements' names of ``data/organisation_countries.tsv`` and the state bodies',
    office-holders' and laws' names of ``data/institution_countries.tsv`` (as written: their case says a name), and
    each name's country. Leaders protested against or quoted abroad (Putin, Netanyahu, Modi) vote for nothing: "a
    rally outside the Russian embassy against Putin" is no sign of Russia."""
    return {form: row["country"] for file in ("organisation_countries.tsv", "institution_countries.tsv")
            for row in read_tsv(file) if row["kind"] != "leader_abroad" for form in split_forms(row["names"])}
