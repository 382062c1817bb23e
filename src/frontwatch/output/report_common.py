"""Pieces every part of the report shares: a block of text, citations [n] and their anchors, counted nouns, and
the one-line description of an event."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from ..extract.actors import ActorInfo
from ..model import Claim, Event, Place


class Block(NamedTuple):
    kind: str  # h1 | h2 | p | li
    text: str  # citations as [n], n the source's number in the Sources list
    # source number -> the claim whose words a citation [n] in this text stands for (read-only, shared default)
    anchors: Mapping[int, str] = MappingProxyType({})


def cite(doc_ids: Iterable[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{n}]" for n in sorted({numbers[d] for d in doc_ids if d in numbers}))


def anchors(claims: Iterable[Claim], numbers: dict[str, int]) -> dict[int, str]:
    """Each cited source's first claim among these: the words a citation of that source points at."""
    anchors: dict[int, str] = {}
    for claim in claims:
        if claim.doc in numbers:
            anchors.setdefault(numbers[claim.doc], claim.id)
    return anchors


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def sources(n: int) -> str:
    return count(n, "independent source")


def event_phrase(event: Event, places: dict[str, Place], actors: dict[str, ActorInfo]) -> str:
    """ "2024-12-01: Government of Syria — air/drone strike at Idlib" """
    place = places.get(event.place or "")
    actor = actors[event.actor1].name if event.actor1 in actors else "An unidentified actor"
    when = event.date.start or "undated"
    if event.date.precision != "day" and event.date.start:
        when = f"{event.date.start} to {event.date.end} ({event.date.precision})"
    return f"{when}: {actor} — {event.sub_event_type.lower()} at {place.name if place else 'an unknown place'}"


def spaced(citations: str) -> str:
    """Citations as they follow a sentence's words: " [1][2]", or nothing when there are none."""
    return f" {citations}" if citations else ""
