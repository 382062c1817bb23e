"""Contradictions: number (different counts of overlapping things), denial, date disputes and control of places.

Numbers are never averaged: a number contradiction lists each speaker's figure with what it counts.
"""

from __future__ import annotations

import hashlib
from datetime import date

from ..extract.quantities import SUBJECT_UNITS, figure, leading_hedge
from ..model import Claim, Contradiction, Event, Quantity

NUMBER_TOLERANCE = 0.10  # figures within 10 % of each other are treated as agreeing


def _cid(kind: str, claim_ids: list[str]) -> str:
    return "con-" + hashlib.sha256(f"{kind}|{'|'.join(sorted(claim_ids))}".encode()).hexdigest()[:12]


def describe_figure(q: Quantity) -> str:
    """A count as its source put it: a hedged figure keeps its hedge ("nearly 3000", "over 400"), a vague one its
    range, an exact one its number."""
    hedge = leading_hedge(q.text)
    if q.best is not None and q.low == q.best == q.high:
        return str(q.best)
    if q.best is not None:
        return f"{hedge or 'about'} {q.best}"
    if q.low is not None and q.high is not None:
        return f"{q.low}-{q.high}"
    if q.low is not None:
        return f"{hedge or 'at least'} {q.low}"
    return f"{hedge or 'up to'} {q.high}"


def describe_quantity(q: Quantity) -> str:
    figure = describe_figure(q)
    return f"{figure} ({q.subject or 'people'})" if q.subject not in {None, "people"} else figure


def headline_count(claim: Claim) -> Quantity | None:
    return next((q for q in claim.quantities if q.is_toll), None)


GENERIC_SUBJECTS = {None, "people", "person", "victim", "other"}  # a count of the dead with no side named


def _counted(q: Quantity) -> str:
    """Who a toll counts, as a class: people in general, civilians, fighters, soldiers ... ("400 militants" and
    "11 civilians" count different dead, so they do not contradict)."""
    if q.subject in GENERIC_SUBJECTS:
        return "people"
    return SUBJECT_UNITS.get(q.subject or "", q.subject or "people")


def toll_scope(claim: Claim, q: Quantity, window: tuple[date, date] | None) -> tuple[str, ...] | None:
    """What a toll is the toll of: its event, else its place(s) in the reporting week (ISO week of publication),
    with the class of dead it counts. None when it is tied to neither an event nor a place: such a figure is
    compared with nothing."""
    if claim.event:
        return ("event", claim.event, _counted(q))
    if not claim.places or window is None:
        return None
    year, week, _day = window[1].isocalendar()
    return ("place", ",".join(sorted(claim.places)), f"{year}-W{week:02d}", _counted(q))


def number_contradictions(claims: list[Claim], window_of: dict[str, tuple[date, date] | None],
                          names: dict[str, str] | None = None,
                          copies: frozenset[str] = frozenset()) -> list[Contradiction]:
    """One contradiction per toll (the same event, or the same place and week; counting the same class of dead)
    whose speakers give figures more than NUMBER_TOLERANCE apart. Background counts (a war's running toll, an older
    incident) are not rival counts (see ``Quantity.background``); copies of other documents (``copies``: their
    ids) repeat their original and are left out. ``names`` gives readable names of event and place ids."""
    names = names or {}
    groups: dict[tuple[str, ...], list[tuple[Claim, Quantity]]] = {}
    for c in claims:
        q = headline_count(c)
        if c.stance != "assert" or q is None or c.doc in copies:
            continue
        scope = toll_scope(c, q, window_of.get(c.doc))
        if scope is not None:
            groups.setdefault(scope, []).append((c, q))
    out = []
    for scope, group in sorted(groups.items()):
        speakers = {c.speaker for c, _q in group}
        values = [float(figure(q)) for _c, q in group]
        if len(speakers) < 2 or max(values) <= (1 + NUMBER_TOLERANCE) * max(min(values), 1):
            continue
        parts = "; ".join(f"{c.speaker}: {describe_quantity(q)}" for c, q in group)
        ids = [c.id for c, _q in group]
        about = names.get(scope[1], scope[1])
        out.append(Contradiction(
            id=_cid("number", ids), kind="number", about=f"death toll: {about}", claims=tuple(ids),
            explanation=f"Sources give different death tolls for {about} (not averaged): {parts}.",
        ))
    return out


def denial_contradictions(claims: list[Claim]) -> list[Contradiction]:
    by_id = {c.id: c for c in claims}
    out = []
    for claim in claims:
        if claim.stance != "deny" or not claim.denies or claim.denies not in by_id:
            continue
        target = by_id[claim.denies]
        out.append(Contradiction(
            id=_cid("denial", [target.id, claim.id]), kind="denial",
            about=target.text[:120], claims=(target.id, claim.id),
            explanation=f"{target.speaker} claims it; {claim.speaker} denies it.",
        ))
    return out


def date_contradiction(event_id: str, summary: str, dated: list[tuple[Claim, date]],
                       inferred_docs: frozenset[str] = frozenset()) -> Contradiction | None:
    """Sources giving one event different days. A day read from a document whose publication date was inferred
    says so: it is a reading of "on Saturday" against an inferred week, not the source's own calendar date."""
    days = sorted({d for _c, d in dated})
    if len(days) < 2:
        return None
    ids = sorted({c.id for c, _d in dated})
    parts = "; ".join(f"{c.speaker} ({c.doc}): {d.isoformat()}"
                      f"{' (weekday read against an inferred publication date)' if c.doc in inferred_docs else ''}"
                      for c, d in sorted(dated, key=lambda x: (x[1], x[0].id)))
    return Contradiction(
        id=_cid("date", ids), kind="date", about=summary, claims=tuple(ids),
        explanation=f"Sources put this event on different days: {parts}.",
    )


TAKEN = "Non-state actor overtakes territory"
HELD = "Government regains territory"


def _speakers(claims: list[Claim]) -> str:
    names = sorted({c.speaker or f"the outlet ({c.doc})" for c in claims})
    return ", ".join(names)


def _asserted(event: Event, claims_by_id: dict[str, Claim]) -> list[Claim]:
    return [claims_by_id[c] for c in event.claims if c in claims_by_id and claims_by_id[c].stance == "assert"]


def _other_sentences(a: list[Claim], b: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """The claims of each side that some claim of the other side, told in another sentence, opposes: two readings of
    one sentence ("the army said it retook the palace" read both as a capture and as a recapture) are not two
    sources disagreeing."""
    def sentence(c: Claim) -> tuple[str, int, int]:
        return (c.doc, c.start, c.end)

    def opposed(mine: list[Claim], theirs: list[Claim]) -> list[Claim]:
        return [c for c in mine if any(sentence(c) != sentence(o) for o in theirs)]

    return opposed(a, b), opposed(b, a)


def control_contradictions(events: list[Event], claims_by_id: dict[str, Claim],
                           place_names: dict[str, str]) -> list[Contradiction]:
    """Who holds a place, per whom: one set of sources has a non-state actor taking it while another has
    government forces taking or holding it, in overlapping date windows. Either the sources disagree or the place
    changed hands within the window; the explanation says which sources say what, and does not pick."""
    out: list[Contradiction] = []
    by_place: dict[str, dict[str, list[Event]]] = {}
    for event in events:
        if event.place and event.sub_event_type in (TAKEN, HELD):
            by_place.setdefault(event.place, {}).setdefault(event.sub_event_type, []).append(event)
    for place, kinds in sorted(by_place.items()):
        for taken in kinds.get(TAKEN, []):
            for held in kinds.get(HELD, []):
                if not (taken.date.start and held.date.start and taken.date.start <= (held.date.end or "9") and
                        held.date.start <= (taken.date.end or "9")):
                    continue
                a, b = _other_sentences(_asserted(taken, claims_by_id), _asserted(held, claims_by_id))
                if not a or not b or {c.speaker for c in a} == {c.speaker for c in b}:
                    continue
                name = place_names.get(place, place)
                ids = sorted({c.id for c in a + b})
                out.append(Contradiction(
                    id=_cid("control", ids), kind="control", about=f"control of {name}", claims=tuple(ids),
                    explanation=(f"{_speakers(a)} report a non-state actor taking {name}; {_speakers(b)} report "
                                 f"government forces taking or holding it, in overlapping dates "
                                 f"({taken.date.start}..{taken.date.end} vs {held.date.start}..{held.date.end}): "
                                 "the sources disagree, or control changed hands in between."),
                ))
    return out
