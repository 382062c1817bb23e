"""Who a claim's sentence says holds a place, was handed it, or besieges it (data/control_phrases.tsv).

Read at picture level from what extraction already set: the claim's span, the actors and places mentioned in it
(their document offsets). Only armed actors (ACLED inter codes below) hold, receive or besiege a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..lexicons import read_tsv
from ..model import Actor, Claim, Place

Role = Literal["handover", "hold", "enter", "siege"]
ARMED_INTER = {1, 2, 3, 4, 8}  # ACLED inter codes: state forces, rebels, political and identity militias, external
NOT_HELD_KINDS = {"country", "continent", "admin1", "admin2"}  # a capture "in Syria" or "in Hama province" is not
# of it whole


@dataclass(frozen=True)
class Reading:
    claim: str
    role: Role
    actor: str  # who holds, entered, receives or besieges
    place: str


@cache
def _patterns() -> tuple[tuple[Role, re.Pattern[str]], ...]:
    return tuple((row["role"], re.compile(row["pattern"], re.I))  # type: ignore[misc]
                 for row in read_tsv("control_phrases.tsv"))


@dataclass(frozen=True)
class MentionIndex:
    """Armed actors' and holdable places' mentions, by document: (start, end, id) sorted by position."""

    actors: dict[str, list[tuple[int, int, str]]]
    places: dict[str, list[tuple[int, int, str]]]

    @classmethod
    def build(cls, actors: list[Actor], places: list[Place]) -> MentionIndex:
        by_doc_actor: dict[str, list[tuple[int, int, str]]] = {}
        for actor in actors:
            if actor.inter in ARMED_INTER:
                for m in actor.mentions:
                    by_doc_actor.setdefault(m.doc, []).append((m.start, m.end, actor.id))
        by_doc_place: dict[str, list[tuple[int, int, str]]] = {}
        for place in places:
            if place.kind not in NOT_HELD_KINDS:
                for m in place.mentions:
                    by_doc_place.setdefault(m.doc, []).append((m.start, m.end, place.id))
        for index in (by_doc_actor, by_doc_place):
            for mentions in index.values():
                mentions.sort()
        return cls(by_doc_actor, by_doc_place)

    def actors_in(self, doc: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [m for m in self.actors.get(doc, []) if start <= m[0] and m[1] <= end]

    def places_in(self, doc: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [m for m in self.places.get(doc, []) if start <= m[0] and m[1] <= end]


def receiver(claim: Claim, index: MentionIndex) -> str | None:
    """The armed actor a withdrawal's sentence says the place was handed to ("handed the town over to X")."""
    for role, pattern in _patterns():
        if role != "handover":
            continue
        for match in pattern.finditer(claim.text):
            after = index.actors_in(claim.doc, claim.start + match.end(), claim.end)
            if after:
                return after[0][2]
    return None


def _place_of(claim: Claim, index: MentionIndex, after: int) -> str | None:
    """The place a phrase is about: the first holdable place named after it in the sentence, else the sentence's
    only holdable place."""
    named = index.places_in(claim.doc, claim.start, claim.end)
    following = [m for m in named if m[0] >= after]
    if following:
        return following[0][2]
    distinct = {m[2] for m in named}
    return distinct.pop() if len(distinct) == 1 else None


def hold_and_siege(claim: Claim, index: MentionIndex) -> list[Reading]:
    """What an asserted sentence says of who holds or besieges a place now: "the militia still holds X",
    "troops besieged X". The actor is the nearest armed actor named before the phrase."""
    if claim.stance == "deny":
        return []
    out: list[Reading] = []
    for role, pattern in _patterns():
        if role == "handover":
            continue
        for match in pattern.finditer(claim.text):
            at = claim.start + match.start()
            before = index.actors_in(claim.doc, claim.start, at)
            place = _place_of(claim, index, claim.start + match.end())
            if before and place:
                out.append(Reading(claim.id, role, before[-1][2], place))
    return sorted(set(out), key=lambda r: (r.place, r.role, r.actor, r.claim))
