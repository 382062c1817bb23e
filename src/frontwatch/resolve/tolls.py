"""An event's toll from its reports: each report (document) gives its figure of the killed and of the wounded, from
every count it asserts of the event's happening; the event's low/best/high span the reports' figures, and the
``acled`` figure is the lowest credible one, as ACLED's codebook records disagreeing reports.

Within one report its largest figure counts: a report tells its toll and then its victims one by one ("four people
were killed ... the man was pronounced dead at the scene"), or updates it upwards ("two were killed ... the toll rose to
three"), so a later, smaller figure is mostly a part told again, not a correction. Each sentence gives its first count
of the unit only (the others in it mostly count something else). A hedged figure ("at least 3") is a bound, not a best
estimate: it sets the low, never the best. Measured (GVA DEV event killed exact / ACLED notes check toll): on the
pipeline 32 analyses the last word 0.7896 / 0.9333, the largest figure 0.8106 / 0.9251, every note lost being a
count of the killers read as the dead or a numbered zone read as a count; with those read as what they are
(extract/quantities.py) the last word 0.7907 / 0.9333, the largest figure 0.8117 / 0.9323 (tune 0.9518 either way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..extract.quantities import CODED
from ..model import Claim, Fatalities, Quantity, Unit


@dataclass(frozen=True)
class ReportFigure:
    """One report's figure of one unit: its lowest credible count, its best (None: only bounds) and its highest."""

    low: int
    best: int | None
    high: int


def _counts(q: Quantity, unit: Unit) -> bool:
    """A count of the reported happening itself in this unit (not a part of another count, not background)."""
    return q.unit == unit and q.part_of is None and not q.background and (q.best is not None or q.low is not None)


def report_counts(claim: Claim) -> bool:
    """Whether the claim counts the killed or wounded of the happening it reports."""
    return any(_counts(q, "killed") or _counts(q, "wounded") for q in claim.quantities)


def report_figures(claims: Iterable[Claim], unit: Unit) -> dict[str, ReportFigure]:
    """Each report's figure of ``unit`` among the asserted claims (document id -> figure); reports that give none
    are left out."""
    by_doc: dict[str, list[Quantity]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: (c.doc, c.start, c.id)):  # each report's counts in text order
        if claim.stance != "assert":
            continue
        coded = next((q for q in claim.quantities if _counts(q, unit) and q.subject == CODED), None)
        headline = coded or next((q for q in claim.quantities if _counts(q, unit)), None)  # a sentence's first
        # count: the others in it are mostly counts of something else ("killing 2 soldiers, 3 militants were hit")
        if headline is not None:
            by_doc[claim.doc].append(headline)
    out: dict[str, ReportFigure] = {}
    for doc, figures in sorted(by_doc.items()):
        if not figures:
            continue
        figures = [q for q in figures if q.subject == CODED] or figures  # "fatalities coded as 3": the coder's word
        bests = [q.best for q in figures if q.best is not None]
        best = max(bests) if bests else None  # a later, smaller figure is mostly one of the victims told again
        # the report's lowest credible figure: its best when it has one, else its largest bound ("at least 20
        # soldiers and 15 rebels": 35)
        low = best if best is not None else max(q.low for q in figures if q.low is not None)  # type: ignore[type-var]
        highs = [q.high for q in figures if q.high is not None]
        out[doc] = ReportFigure(low=low, best=best, high=max([*highs, *bests, low]))
    return out


PEACEFUL = "Peaceful protest"  # the codebook's peaceful protest kills no one: a death its reports count is its
# grievance's ("demanding justice for a classmate killed by police"), or the protest was not peaceful


def event_toll(claims: Iterable[Claim], unit: Unit = "killed", sub_type: str | None = None) -> Fatalities:
    """The event's figure of ``unit`` from its reports: low = the lowest report's lowest credible figure (also
    ``acled``, ACLED's rule), best = the highest best figure a report gives (a later report's updated toll; None
    when every report gives only bounds), high = the highest figure any report allows."""
    figures = list(report_figures(claims, unit).values())
    if not figures or (sub_type == PEACEFUL and unit == "killed"):
        return Fatalities(low=None, best=None, high=None, acled=0)
    low = min(f.low for f in figures)
    bests = [f.best for f in figures if f.best is not None]
    return Fatalities(low=low, best=max(bests) if bests else None, high=max(f.high for f in figures), acled=low)
