"""The key judgements' lines on what changed since the previous run (output.changes), each cited."""

from __future__ import annotations

from ..extract.actors import actor_table
from ..model import Picture
from .changes import Baseline, changes_since
from .report_common import Block, anchors, cite, count, event_phrase, spaced

NO_BASELINE = "Since the previous run: no earlier picture in this output directory to compare with."


def changes_blocks(picture: Picture, baseline: Baseline | None, numbers: dict[str, int]) -> list[Block]:
    if baseline is None:
        return [Block("p", NO_BASELINE)]  # a line about the runs, not about the war: nothing to cite
    changes = changes_since(baseline, picture)
    before = (f"the previous run ({count(baseline.documents, 'document')}, "
              f"{count(baseline.events, 'event')})")
    if changes.nothing:
        return [Block("p", f"Since {before}: no new event, no change of status and no new contradiction.")]
    claims = {c.id: c for c in picture.claims}
    places = {p.id: p for p in picture.places}
    actors = actor_table()
    blocks = [Block("p", f"Since {before}: {count(len(changes.new_events), 'new event')}, "
                          f"{count(len(changes.status_changes), 'change')} of status and "
                          f"{count(len(changes.new_contradictions), 'new contradiction')}.")]
    for event in changes.new_events:
        event_claims = [claims[c] for c in event.claims if c in claims]
        blocks.append(Block("li", f"New: {event_phrase(event, places, actors)}; {event.status.replace('_', ' ')}"
                                  f"{spaced(cite(event.sources, numbers))}.", anchors(event_claims, numbers)))
    for event, old in changes.status_changes:
        event_claims = [claims[c] for c in event.claims if c in claims]
        blocks.append(Block("li", f"Status changed: {event_phrase(event, places, actors)}: "
                                  f"{old.replace('_', ' ')} → {event.status.replace('_', ' ')}"
                                  f"{spaced(cite(event.sources, numbers))}.", anchors(event_claims, numbers)))
    for con in changes.new_contradictions:
        con_claims = [claims[c] for c in con.claims if c in claims]
        blocks.append(Block("li", f"New contradiction ({con.kind}): {con.explanation.rstrip('.')}"
                                  f"{spaced(cite((c.doc for c in con_claims), numbers))}.",
                            anchors(con_claims, numbers)))
    return blocks
