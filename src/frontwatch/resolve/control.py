"""Territorial control: per place, who held it from when to when, and how sure the sources let us be.

Built from the picture, not the text: a place changes hands at each territory event (a capture, a recapture, a base
set up, a withdrawal), and claims that say who holds or besieges a place (resolve.control_phrases) support or
dispute the period they fall in. A withdrawal hands the place to the other side only when its sentence names who
received it; otherwise it ends the withdrawing side's period and gives it to no one.

Status of a period: denied when the change rests on one origin and another party denies it; contested when it is
denied but several origins assert it, when a claim has someone else holding or besieging the place while it lasts,
when the change that ends or begins it cannot be ordered against its rival's (their date windows overlap), or when
another side is reported taking ground there or around it ("the countryside of X") in the same window, in another
sentence; otherwise confirmed with MIN_CONFIRMING_SOURCES independent origins, else single_source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from ..extract.times import parse_times
from ..model import (
    Actor,
    Claim,
    ControlBound,
    ControlPeriod,
    Document,
    Event,
    Place,
    PlaceControl,
)
from .control_phrases import (
    ARMED_INTER,
    NOT_HELD_KINDS,
    MentionIndex,
    hold_and_siege,
    receiver,
    takings,
    tells_change,
)
from .corroboration import COUNTED_STANCES, independent_count
from .dates import REPORTED_WITHIN_DAYS, parse_day, resolve_in_window

GAINS = {"Non-state actor overtakes territory", "Government regains territory", "Headquarters or base established"}
TRANSFER = "Non-violent transfer of territory"
EXACT_PLACE = 1  # ACLED geo-precision 1: the town itself; "the countryside of X" (2) is not control of X
MIN_CONFIRMING_SOURCES = 2  # independent origins for "confirmed", as for events (resolve.picture)
KIND_ORDER = {"gain": 0, "loss": 1, "hold": 2, "siege": 3, "rival": 4}  # on one day: who took it before who holds it

Kind = Literal["gain", "loss", "hold", "siege", "rival"]


@dataclass(frozen=True)
class Change:
    """Something the sources say about a place's holder on a day (or within a window of days)."""

    place: str
    controller: str | None
    kind: Kind
    start: str
    latest: str | None  # last day of the window, when wider than one day
    precision: str
    events: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    denied: bool = False  # one origin asserts it, another party denies it
    prior: bool = False  # a loss told with a taking ("retook X from Y", "Y lost X"): Y held it until then

    def bound(self) -> ControlBound:
        return ControlBound(date=self.start, precision=self.precision, latest=self.latest)  # type: ignore[arg-type]

    def overlaps(self, other: Change) -> bool:
        return self.start <= (other.latest or other.start) and other.start <= (self.latest or self.start)

    def key(self) -> tuple[str, str, int, str, tuple[str, ...], tuple[str, ...]]:
        return (self.start, self.latest or self.start, KIND_ORDER[self.kind], self.controller or "", self.events,
                self.claims)


@dataclass
class _Period:
    controller: str
    start: ControlBound
    first: Change | None  # the change that began it (None for a holder known only from its withdrawal)
    end: ControlBound | None = None
    events: set[str] = field(default_factory=set)
    claims: set[str] = field(default_factory=set)
    disputing: set[str] = field(default_factory=set)  # claims of someone else holding or besieging it meanwhile
    contested: bool = False
    denied: bool = False
    closing: Change | None = None  # the told loss that ended a holder known only as the earlier one ("from Y")

    def take(self, change: Change) -> None:
        self.events.update(change.events)
        self.claims.update(change.claims)


def _taker(event: Event, asserted: list[Claim], armed: set[str], index: MentionIndex) -> str | None:
    """Who took the place: the event's actor1 when it is an armed actor; else (a speaker or civilians read as the
    doer) the armed actor its sentences say holds or entered it."""
    if event.actor1 in armed:
        return event.actor1
    readings = [r for c in asserted for r in hold_and_siege(c, index) if r.role != "siege" and r.place == event.place]
    return readings[0].actor if readings else None


def _event_changes(events: list[Event], claims: dict[str, Claim], docs: dict[str, Document], holdable: set[str],
                   armed: set[str], index: MentionIndex) -> list[Change]:
    out = []
    for event in events:
        if event.place not in holdable or event.date.start is None:
            continue
        if event.sub_event_type not in GAINS and event.sub_event_type != TRANSFER:
            continue
        own = [claims[c] for c in event.claims if c in claims]
        latest = event.date.end if event.date.end and event.date.end != event.date.start else None
        told = {c.id: tells_change(c, event.place, index) for c in own if c.stance in COUNTED_STANCES}
        around = told and not any(told.values()) and None not in told.values()  # every sentence naming the place
        # has it approached, fought near or aimed at ("advanced towards X", "villages on the outskirts of X")
        if event.geo_precision != EXACT_PLACE or around:  # ground taken around the place: no period, but it
            if event.sub_event_type in GAINS and event.actor1 in armed:  # disputes one
                out.append(Change(place=event.place, controller=event.actor1, kind="rival", start=event.date.start,
                                  latest=latest, precision=event.date.precision, events=(event.id,),
                                  claims=tuple(c.id for c in own if c.stance in COUNTED_STANCES)))
            continue
        off = {c for c, says in told.items() if says is False}  # sentences that approach the place, and denials of them
        own = [c for c in own if c.id not in off and c.denies not in off]
        asserted = [c for c in own if c.stance in COUNTED_STANCES]
        denied = any(c.stance == "deny" for c in own) and independent_count(asserted, docs) < MIN_CONFIRMING_SOURCES
        controller, kind = _taker(event, asserted, armed, index), "gain"
        if event.sub_event_type == TRANSFER:
            to = next((r for c in asserted if (r := receiver(c, index))), None)
            controller, kind = (to, "gain") if to else (event.actor1 if event.actor1 in armed else None, "loss")
        out.append(Change(place=event.place, controller=controller, kind=kind,  # type: ignore[arg-type]
                          start=event.date.start, latest=latest, precision=event.date.precision,
                          events=(event.id,), claims=tuple(c.id for c in own), denied=denied))
        if kind == "gain":
            for claim in asserted:
                for taking in takings(claim, index):
                    if taking.place == event.place and taking.holder_before not in (None, controller):
                        out.append(Change(place=event.place, controller=taking.holder_before, kind="loss",
                                          start=event.date.start, latest=latest, precision=event.date.precision,
                                          events=(event.id,), claims=(claim.id,), denied=denied, prior=True))
    return out


def _claim_day(claim: Claim, events: dict[str, Event], docs: dict[str, Document]) -> tuple[str, str | None, str] | None:
    """When a claim's sentence speaks of: its event's days, else its report's publication day (a state seen when the
    report was written, so from its publication date, never from the earliest day of an inferred window)."""
    event = events.get(claim.event or "")
    if event is not None and event.date.start:
        latest = event.date.end if event.date.end and event.date.end != event.date.start else None
        return event.date.start, latest, event.date.precision
    published = docs[claim.doc].published if claim.doc in docs else None
    if published is None or published.date is None:
        return None
    latest = published.window[1] if published.window and published.window[1] > published.date else None
    return published.date, latest, published.precision


def _told_day(claim: Claim, events: dict[str, Event], docs: dict[str, Document]) -> tuple[str, str | None, str] | None:
    """When a taking a sentence tells (and no event reads) happened: its event's days, else the first day its own
    words name ("on Saturday", read against its report's publication window), else the week before publication."""
    if claim.event in events:
        return _claim_day(claim, events, docs)
    doc = docs.get(claim.doc)
    if doc is None or parse_day(doc.published.date) is None:
        return None
    for expr, interval in zip(times := parse_times(claim.text, claim.doc), resolve_in_window(times, doc.published),
                              strict=True):
        if interval is not None and interval.precision == "day" and expr.direction == "past":
            return interval.start.isoformat(), None, "day"
    published = parse_day(doc.published.date)
    assert published is not None
    latest = doc.published.window[1] if doc.published.window else published.isoformat()
    start = published - timedelta(days=REPORTED_WITHIN_DAYS)
    return start.isoformat(), latest, "week"


def _claim_changes(claims: list[Claim], events: dict[str, Event], docs: dict[str, Document], index: MentionIndex,
                   told: set[tuple[str, str]]) -> list[Change]:
    """Takings no event reads, holds, entries and sieges. ``told``: (place, claim) pairs an event already reads."""
    out = []
    for claim in claims:
        for taking in takings(claim, index):
            if (taking.place, claim.id) in told or (when := _told_day(claim, events, docs)) is None:
                continue
            start, latest, precision = when
            if taking.taker is not None:
                out.append(Change(place=taking.place, controller=taking.taker, kind="gain", start=start,
                                  latest=latest, precision=precision, claims=(claim.id,)))
            if taking.holder_before is not None:
                out.append(Change(place=taking.place, controller=taking.holder_before, kind="loss", start=start,
                                  latest=latest, precision=precision, claims=(claim.id,), prior=True))
        day = _claim_day(claim, events, docs)
        if day is None:
            continue
        for reading in hold_and_siege(claim, index):
            if (reading.place, claim.id) in told:
                continue
            out.append(Change(place=reading.place, controller=reading.actor,
                              kind="siege" if reading.role == "siege" else "hold",
                              start=day[0], latest=day[1], precision=day[2], claims=(claim.id,)))
    return out


def _periods(changes: list[Change]) -> list[_Period]:
    """One place's periods from its changes in date order."""
    periods: list[_Period] = []
    current: _Period | None = None
    denied: list[_Period] = []  # denied captures, open until another side is next said to take the place
    for change in sorted(changes, key=Change.key):
        if change.controller is None or change.kind == "rival":
            continue
        if change.kind == "gain" and change.denied:
            period = _Period(change.controller, change.bound(), change, denied=True)
            period.take(change)
            periods.append(period)
            denied.append(period)
        elif change.kind == "gain" or (change.kind == "hold" and current is None):
            for period in [p for p in denied if p.controller != change.controller]:
                period.end = change.bound()
                denied.remove(period)
            if current is not None and current.controller == change.controller:
                current.take(change)
                continue
            unordered = False  # the change that ends the current period and the one that began it overlap
            if current is not None:
                current.end = change.bound()
                unordered = current.first is not None and current.first.overlaps(change)
                current.contested = current.contested or unordered
            current = _Period(change.controller, change.bound(), change, contested=unordered)
            current.take(change)
            periods.append(current)
        elif change.kind == "loss":
            ended = next((p for p in periods if p.controller == change.controller and p.end is not None
                          and p.end.date == change.start), None) if change.prior else None
            if ended is not None:  # the taking already ended its period: the words naming it support that period
                ended.take(change)
                ended.contested = ended.contested or change.denied
            elif current is not None and current.controller == change.controller:
                current.end = change.bound()
                current.take(change)
                current = None
            else:
                period = _Period(change.controller, ControlBound(date=None, precision="unknown"), None,
                                 end=change.bound(), contested=change.denied,
                                 closing=change if change.prior else None)
                period.take(change)
                periods.append(period)
        elif current is not None and current.controller == change.controller:
            if change.kind == "hold":
                current.take(change)
        elif current is not None:
            current.contested = True  # someone else holds or besieges it meanwhile
            current.disputing.update(change.claims)
    return periods


def _priors_meet_takers(periods: list[_Period]) -> None:
    """An earlier holder named by a sentence no event reads ("its lost stronghold in X") lost the place when another
    side's capture in an overlapping window began: its period ends there, not at the sentence's own wider window."""
    for period in periods:
        if period.closing is None:
            continue
        taker = next((p for p in periods if p.controller != period.controller and p.first is not None
                      and p.first.kind == "gain" and p.first.overlaps(period.closing)), None)
        if taker is not None:
            period.end = taker.start


def _orphans_join(periods: list[_Period], changes: list[Change]) -> None:
    """A capture whose taker no report names supports a period begun by a capture in the same window."""
    for change in changes:
        if change.controller is not None or change.kind != "gain" or change.denied:
            continue
        home = next((p for p in periods if p.first is not None and not p.denied and p.first.kind == "gain"
                     and p.first.overlaps(change)), None)
        if home is not None:
            home.take(change)


def _rivals_dispute(periods: list[_Period], changes: list[Change], claims: dict[str, Claim]) -> None:
    """Another side taking ground at or around the place in an overlapping window, told in a sentence none of the
    period's claims is (one sentence read two ways is not two sources disagreeing), contests the period."""
    def sentence(claim_id: str) -> tuple[str, int, int]:
        c = claims[claim_id]
        return (c.doc, c.start, c.end)

    for change in changes:
        if change.kind != "rival":
            continue
        for period in periods:
            if period.denied or period.first is None or period.controller == change.controller:
                continue
            own = {sentence(c) for c in period.claims if c in claims}
            other = [c for c in change.claims if c in claims and sentence(c) not in own]
            if other and period.first.overlaps(change):
                period.contested = True
                period.disputing.update(other)


def _status(period: _Period, claims: dict[str, Claim], docs: dict[str, Document]) -> str:
    if period.denied:
        return "denied"
    own = [claims[c] for c in sorted(period.claims) if c in claims]
    if period.contested or any(c.stance == "deny" for c in own):
        return "contested"
    asserted = [c for c in own if c.stance in COUNTED_STANCES]
    return "confirmed" if independent_count(asserted, docs) >= MIN_CONFIRMING_SOURCES else "single_source"


def build_control(events: list[Event], claims: list[Claim], places: list[Place], actors: list[Actor],
                  docs: dict[str, Document]) -> list[PlaceControl]:
    """Per place, its periods of control, sorted by place id and then by start."""
    claims_by_id = {c.id: c for c in claims}
    holdable = {p.id for p in places if p.kind not in NOT_HELD_KINDS}
    index = MentionIndex.build(actors, places)
    armed = {a.id for a in actors if a.inter in ARMED_INTER}
    changes = _event_changes(events, claims_by_id, docs, holdable, armed, index)
    told = {(ch.place, c) for ch in changes for c in ch.claims}
    changes += _claim_changes(claims, {e.id: e for e in events}, docs, index, told)
    by_place: dict[str, list[Change]] = {}
    for change in changes:
        by_place.setdefault(change.place, []).append(change)
    out = []
    for place, place_changes in sorted(by_place.items()):
        periods = _periods(place_changes)
        ordered = sorted(place_changes, key=Change.key)
        _priors_meet_takers(periods)
        _orphans_join(periods, ordered)
        _rivals_dispute(periods, ordered, claims_by_id)
        if not periods:
            continue
        records = [
            ControlPeriod(controller=p.controller, from_=p.start, to=p.end,
                          status=_status(p, claims_by_id, docs),  # type: ignore[arg-type]
                          events=tuple(sorted(p.events)), claims=tuple(sorted(p.claims | p.disputing)))
            for p in periods
        ]
        records.sort(key=lambda r: (r.from_.date or "", r.controller, r.status, r.events, r.claims))
        out.append(PlaceControl(place=place, periods=tuple(records)))
    return out
