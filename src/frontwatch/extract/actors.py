"""Actors: mentions of the dictionary's actors (data/actors.tsv), named or generic ("the rebels")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..lexicons import read_tsv, split_forms
from ..model import ActorMention, Mention

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "pobj"}  # where a place name stands for its government ("Moscow said")


@dataclass(frozen=True)
class ActorInfo:
    id: str
    name: str
    kind: str
    side: str | None
    inter: int | None
    aliases: tuple[str, ...]


@cache
def actor_table() -> dict[str, ActorInfo]:
    table = {}
    for row in read_tsv("actors.tsv"):
        table[row["id"]] = ActorInfo(
            id=row["id"], name=row["name"], kind=row["kind"], side=row["side"] or None,
            inter=int(row["inter"]) if row["inter"] else None,
            aliases=tuple(a.lstrip("@") for a in split_forms(row["aliases"])),
        )
    return table


@cache
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """(generic lower-case aliases matched on LOWER, metonym place names matched on ORTH)."""
    generic = PhraseMatcher(vocab, attr="LOWER")
    metonym = PhraseMatcher(vocab, attr="ORTH")
    for row in read_tsv("actors.tsv"):
        aliases = split_forms(row["aliases"])
        lower = [vocab_doc(vocab, a) for a in aliases if a.islower()]
        meto = [vocab_doc(vocab, a[1:]) for a in aliases if a.startswith("@")]
        if lower:
            generic.add(row["id"], lower)
        if meto:
            metonym.add(row["id"], meto)
    return generic, metonym


def vocab_doc(vocab: Vocab, text: str) -> Doc:
    return Doc(vocab, words=text.replace("'s", " 's").split())


def actor_spans(doc: Doc) -> list[tuple[str, Span]]:
    """(actor id, span) for every actor mention, longest first where they overlap, in text order."""
    found: list[tuple[str, Span]] = [(ent.ent_id_, ent) for ent in doc.ents if ent.ent_id_ in actor_table()]
    taken = {i for _, span in found for i in range(span.start, span.end)}
    generic, metonym = _matchers(doc.vocab)
    for match_id, start, end in sorted(generic(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if any(i in taken for i in range(start, end)):
            continue
        found.append((doc.vocab.strings[match_id], doc[start:end]))
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


def extract_actors(doc: Doc, doc_id: str) -> list[ActorMention]:
    return [
        ActorMention(actor=actor_id, mention=Mention(doc=doc_id, start=span.start_char, end=span.end_char,
                                                     text=span.text))
        for actor_id, span in actor_spans(doc)
    ]
