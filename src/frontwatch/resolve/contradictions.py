"""Contradictions: number (different counts of overlapping things), denial, date disputes and control of places.

Numbers are never averaged: a number contradiction lists each speaker's figure with what it counts.
"""

from __future__ import annotations

import hashlib
from datetime import date

from ..model import Claim, Contradiction, Event, Quantity

NUMBER_TOLERANCE = 0.10  # figures within 10 % of each other are treated as agreeing


def _cid(kind: str, claim_ids: list[str]) -> str:
    return "con-" + hashlib.sha256(f"{kind}|{'|'.join(sorted(claim_ids))}".encode()).hexdigest()[:12]


def describe_quantity(q: Quantity) -> str:
    if q.low is not None and q.best is not None and q.low == q.best and q.high is None:
        figure = f"at least {q.low}"
    elif q.best is not None:
        figure = f"about {q.best}" if q.approx else str(q.best)
    elif q.low is not None and q.high is not None:
        figure = f"{q.low}-{q.high}"
    elif q.low is not None:
        figure = f"{q.low} or more"
    else:
        figure = f"up to {q.high}"
    return f"{figure} ({q.subject or 'people'})" if q.subject not in {None, "people"} else figure


def headline_count(claim: Claim) -> Quantity | None:
    return next((q for q in claim.quantities if q.is_toll), None)


def _value(q: Quantity) -> float:
    return float(q.best if q.best is not None else (q.low if q.low is not None else q.high or 0))


def number_contradictions(claims: list[Claim], window_of: dict[str, tuple[date, date] | None],
                          about: str) -> list[Contradiction]:
    """One contradiction per group of death tolls from different speakers whose reporting windows overlap.
    Background counts (a war's running toll, an older incident) are not rival counts: see ``Quantity.background``."""
    tolls = [(c, q) for c in claims if c.stance == "assert" and (q := headline_count(c)) is not None]
    groups: list[list[tuple[Claim, Quantity]]] = []
    for item in tolls:
        window = window_of.get(item[0].doc)
        for group in groups:
            if all(_windows_overlap(window, window_of.get(other.doc)) for other, _q in group):
                group.append(item)
                break
        else:
            groups.append([item])
    out = []
    for group in groups:
        speakers = {c.speaker for c, _q in group}
        values = [_value(q) for _c, q in group]
        if len(speakers) < 2 or max(values) <= (1 + NUMBER_TOLERANCE) * max(min(values), 1):
            continue
        parts = "; ".join(f"{c.speaker}: {describe_quantity(q)}" for c, q in group)
        ids = [c.id for c, _q in group]
        out.append(Contradiction(
            id=_cid("number", ids), kind="number", about=about, claims=tuple(ids),
            explanation=f"Sources give different death tolls, counting overlapping groups (not averaged): {parts}.",
        ))
    return out


def _windows_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


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
                a = [claims_by_id[c] for c in taken.claims if c in claims_by_id and claims_by_id[c].stance == "assert"]
                b = [claims_by_id[c] for c in held.claims if c in claims_by_id and claims_by_id[c].stance == "assert"]
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
