"""Who a claim's sentence says holds a place, took it from whom, was handed it, or besieges it
(data/control_phrases.tsv); and whether it tells a place taken at all, not only approached ("advanced towards X").

Read at picture level from what extraction already set: the claim's span, the actors and places mentioned in it
(their document offsets). Only armed actors (ACLED inter codes below) hold, take, receive or besiege a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..lexicons import read_tsv
from ..model import Actor, Claim, Place

Role = Literal["handover", "hold", "enter", "siege", "take", "from", "oust", "lost", "fell", "approach", "area",
               "unrealised"]
STATE_ROLES = ("hold", "enter", "siege")  # roles that say who is in or around a place now
APPROACH_REACH = 60  # characters before a place name in which a movement cue ("towards", "10 km from") applies
UNREALISED_REACH = 40  # characters before a taking verb in which "tried to", "would" make it unrealised
TAKE_REACH = 80  # characters after a taking verb in which its place is named ("seized the strategic town of X")
FROM_REACH = 40  # characters after the place in which "from Y" names its earlier holder ("retook X from the Y")
ACTOR_REACH = 30  # characters after "from", "to" or "fell to" in which the actor is named
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
        if role not in STATE_ROLES:
            continue
        for match in pattern.finditer(claim.text):
            at = claim.start + match.start()
            before = index.actors_in(claim.doc, claim.start, at)
            place = _place_of(claim, index, claim.start + match.end())
            if before and place and (role == "siege" or not _approached(claim, place, index)):
                out.append(Reading(claim.id, role, before[-1][2], place))
    return sorted(set(out), key=lambda r: (r.place, r.role, r.actor, r.claim))


def _matches(claim: Claim, role: Role) -> list[re.Match[str]]:
    found = [m for r, pattern in _patterns() if r == role for m in pattern.finditer(claim.text)]
    return sorted(found, key=lambda m: (m.start(), m.end()))


def _cue_in(role: Role, text: str) -> bool:
    return any(pattern.search(text) for r, pattern in _patterns() if r == role)


def _unrealised(claim: Claim, at: int) -> bool:
    """A taking verb at ``at`` (claim-relative) told as tried, planned, hypothetical or negated."""
    return _cue_in("unrealised", claim.text[max(0, at - UNREALISED_REACH):at])


def _mention_taken(claim: Claim, rel: int) -> bool:
    """Whether the place named at ``rel`` (claim-relative) is told as taken: not moved towards, fought near or aimed
    at ("advanced towards X", "10 km from X", "battles near X"), not the area a taken thing lies in ("seized towns in
    northern X", "captured Y in X"), not under a tried or hypothetical taking ("tried to capture X")."""
    takes = [m for m in _matches(claim, "take") if m.end() <= rel]
    last = takes[-1] if takes else None
    since = claim.text[last.end() if last else 0:rel]
    if _cue_in("approach", since[-APPROACH_REACH:]) or _cue_in("area", since):
        return False
    if last is not None and re.search(r"\w.*\bin\s+(?:the\s+)?$", since, re.S):
        return False  # the taking's object comes first, then where it lies
    return not (last is not None and _unrealised(claim, last.start()))


def tells_change(claim: Claim, place: str, index: MentionIndex) -> bool | None:
    """Whether a sentence tells the place itself changing hands: None when it does not name the place, False when
    every mention of it is only approached or under an unrealised taking."""
    mentions = [m for m in index.places_in(claim.doc, claim.start, claim.end) if m[2] == place]
    if not mentions:
        return None
    return any(_mention_taken(claim, m[0] - claim.start) for m in mentions)


def _approached(claim: Claim, place: str, index: MentionIndex) -> bool:
    return tells_change(claim, place, index) is False


@dataclass(frozen=True)
class Taking:
    """A place taken in a sentence's words: by whom (None when unnamed) and from whom (None when unnamed)."""

    claim: str
    place: str
    taker: str | None
    holder_before: str | None


def _actor_after(claim: Claim, index: MentionIndex, at: int, reach: int = ACTOR_REACH) -> str | None:
    """The armed actor whose name begins within ``reach`` characters after document offset ``at``."""
    found = [m for m in index.actors_in(claim.doc, at, claim.end) if m[0] - at <= reach]
    return found[0][2] if found else None


def _actor_before(claim: Claim, index: MentionIndex, at: int) -> str | None:
    found = index.actors_in(claim.doc, claim.start, at)
    return found[-1][2] if found else None


def _place_after(claim: Claim, index: MentionIndex, at: int) -> tuple[int, int, str] | None:
    """The first holdable place named within TAKE_REACH after document offset ``at`` and told as taken."""
    for m in index.places_in(claim.doc, at, claim.end):
        if m[0] - at > TAKE_REACH:
            return None
        if _mention_taken(claim, m[0] - claim.start):
            return m
    return None


def _holder_from(claim: Claim, index: MentionIndex, place_end: int, taker: str | None) -> str | None:
    """"... X from Y": Y, named right after "from" that follows the place."""
    for match in _matches(claim, "from"):
        at = claim.start + match.start()
        if place_end <= at <= place_end + FROM_REACH:
            holder = _actor_after(claim, index, claim.start + match.end())
            return holder if holder != taker else None
    return None


def takings(claim: Claim, index: MentionIndex) -> list[Taking]:
    """Places a sentence says were taken, with the taker and the earlier holder where it names them: "A captured X",
    "A retook X from B", "A drove B out of X", "B lost X (to A)", "X fell to A". A place under a tried or
    hypothetical taking, or only approached, is not taken. One taking per place, the first told."""
    if claim.stance == "deny":
        return []
    out: dict[str, Taking] = {}

    def add(place: str, taker: str | None, before: str | None) -> None:
        if taker is not None and taker == before:
            before = None
        if place not in out and (taker or before):
            out[place] = Taking(claim.id, place, taker, before)

    for match in _matches(claim, "take"):
        if _unrealised(claim, match.start()):
            continue
        place = _place_after(claim, index, claim.start + match.end())
        if place is not None:
            taker = _actor_before(claim, index, claim.start + match.start())
            add(place[2], taker, _holder_from(claim, index, place[1], taker))
    for match in _matches(claim, "oust"):
        if _unrealised(claim, match.start()):
            continue
        place = _place_after(claim, index, claim.start + match.end())
        who = index.actors_in(claim.doc, claim.start + match.start("who"), claim.start + match.end("who"))
        if place is not None and who:
            add(place[2], _actor_before(claim, index, claim.start + match.start()), who[0][2])
    for match in _matches(claim, "lost"):
        if _unrealised(claim, match.start()):
            continue
        place = _place_after(claim, index, claim.start + match.end())
        if place is None:
            continue
        rest = claim.text[place[1] - claim.start:]
        to = re.match(r"\s*(?:[\w'-]+\s+){0,3}?to\s+", rest)
        taker = _actor_after(claim, index, place[1] + to.end()) if to else None
        add(place[2], taker, _actor_before(claim, index, claim.start + match.start()))
    for match in _matches(claim, "fell"):
        at = claim.start + match.start()
        named = [m for m in index.places_in(claim.doc, claim.start, at) if at - m[1] <= TAKE_REACH]
        if named and not _unrealised(claim, match.start()):
            add(named[-1][2], _actor_after(claim, index, claim.start + match.end()), None)
    return sorted(out.values(), key=lambda t: t.place)
