"""The report's "Changes of control": who took or held each place, from when to when, how sure, cited.

One line per period of picture.json's `control`, places in alphabetical order and periods in the order they
follow each other. Each line cites the reports behind the period (its claims' documents and its events' sources)
and links to the words of its first claim in each.
"""

from __future__ import annotations

from ..extract.actors import actor_table
from ..model import ControlBound, ControlPeriod, Picture
from .report_common import Block, anchors, cite, spaced

CONTROL = "Changes of control"
SURE = {"confirmed", "single_source"}  # statuses a line states as fact; contested and denied control is "said to be"


def _when(bound: ControlBound) -> str:
    """ "2024-12-02", or "between 2024-11-22 and 2024-11-28 (week)" when a report leaves a window open."""
    assert bound.date is not None
    if bound.latest and bound.latest != bound.date:
        return f"between {bound.date} and {bound.latest} ({bound.precision})"
    return bound.date if bound.precision == "day" else f"{bound.date} ({bound.precision})"


def _span(period: ControlPeriod) -> str:
    since = f"from {_when(period.from_)}" if period.from_.date else "from before the reports begin"
    if period.to is None:
        return f"{since}, still holding it as far as the reports tell"
    until = _when(period.to) if period.to.date else "a day the reports do not give"
    return f"{since} until {until}"


def control_blocks(picture: Picture, numbers: dict[str, int]) -> list[Block]:
    if not picture.control:
        return []
    places = {p.id: p.name for p in picture.places}
    claims = {c.id: c for c in picture.claims}
    events = {e.id: e for e in picture.events}
    actors = actor_table()
    names = {a.id: a.name for a in picture.actors}
    blocks = [Block("h2", CONTROL)]
    for control in sorted(picture.control, key=lambda c: (places.get(c.place, c.place), c.place)):
        where = places.get(control.place, control.place)
        for period in control.periods:
            who = actors[period.controller].name if period.controller in actors else names.get(
                period.controller, period.controller)
            period_claims = [claims[c] for c in period.claims if c in claims]
            docs = [c.doc for c in period_claims] + [d for e in period.events if e in events
                                                     for d in events[e].sources]
            held = "held by" if period.status in SURE else "said to be held by"
            blocks.append(Block("li", f"{where}: {held} {who} {_span(period)}; "
                                      f"{period.status.replace('_', ' ')}{spaced(cite(docs, numbers))}.",
                                anchors(period_claims, numbers)))
    return blocks
