"""Dates across documents: anchor every document (stated, metadata or inferred), then resolve its expressions.

Inference for an undated document: when it dates an event by weekday ("took Aleppo on Saturday") and a dated
document gives the same event (same sub-event type and place) a calendar day with that weekday, the undated
document was published within the week after that day. All such windows are intersected; the evidence chain
is kept. Without such evidence the document stays ``unknown`` (never a guessed day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..model import DocAnalysis, Document, Published, TimeExpr

WEEK = 7
REPORTING_LAG_DAYS = 6  # a weekday named without a date refers to the past week: at most 6 days before the anchor


@dataclass(frozen=True)
class Interval:
    start: date
    end: date
    precision: str  # day | week | month

    def overlaps(self, other: Interval, slack: int = 0) -> bool:
        return self.start <= other.end + timedelta(days=slack) and other.start <= self.end + timedelta(days=slack)


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def resolve_expr(expr: TimeExpr, anchor: date, previous: date | None = None) -> Interval | None:
    """The calendar interval an expression means, seen from an anchor date (and the previous resolved date)."""
    kind, value = expr.kind, expr.value
    if kind == "absolute":
        day = parse_day(value)
        return Interval(day, day, "day") if day else None
    if kind == "month_day":
        month, day_of_month = (int(x) for x in value.split("-"))
        for year in (anchor.year, anchor.year - 1):
            try:
                day = date(year, month, day_of_month)
            except ValueError:
                return None
            if day <= anchor + timedelta(days=WEEK) or year < anchor.year:
                return Interval(day, day, "day")
        return None
    if kind == "weekday":
        weekday = int(value)
        if expr.direction == "future":
            ahead = (weekday - anchor.weekday()) % WEEK or WEEK
            day = anchor + timedelta(days=ahead)
        else:
            day = anchor - timedelta(days=(anchor.weekday() - weekday) % WEEK)
        return Interval(day, day, "day")
    if kind == "offset_days":
        base = previous if expr.relative_to == "previous" else anchor
        if base is None:
            return None
        day = base + timedelta(days=int(value))
        return Interval(day, day, "day")
    if kind == "recent":
        days = int(value)
        return Interval(anchor - timedelta(days=days), anchor, "day" if days <= 1 else "week")
    if kind == "relative_week":
        monday = anchor - timedelta(days=anchor.weekday())
        start = monday + timedelta(days=WEEK * int(value))
        return Interval(start, start + timedelta(days=WEEK - 1), "week")
    return None


def resolve_all(times: tuple[TimeExpr, ...], anchor: date | None) -> list[Interval | None]:
    """Resolve a document's expressions in order; "a day earlier" counts from the previous resolved one."""
    out: list[Interval | None] = []
    previous: date | None = None
    for expr in times:
        interval = resolve_expr(expr, anchor, previous) if anchor else (
            resolve_expr(expr, date.min, None) if expr.kind == "absolute" else None)
        out.append(interval)
        if interval is not None and interval.precision == "day":
            previous = interval.start
    return out


def _event_days(analysis: DocAnalysis, resolved: list[Interval | None]) -> dict[tuple[str, str], date]:
    days = {}
    for event in analysis.events:
        if event.place is None:
            continue
        for i in event.times:
            interval = resolved[i]
            if interval is not None and interval.precision == "day":
                days.setdefault((event.sub_event_type, event.place), interval.start)
                break
    return days


def infer_publication(documents: list[Document], analyses: dict[str, DocAnalysis]) -> dict[str, Published]:
    """Published dates for every document: stated/metadata ones as given, inferred ones where evidence allows."""
    out = {d.id: d.published for d in documents}
    dated_days: dict[tuple[str, str], list[tuple[date, str]]] = {}
    for doc in documents:
        anchor = parse_day(doc.published.date)
        if anchor is None or doc.id not in analyses:
            continue
        analysis = analyses[doc.id]
        for key, day in _event_days(analysis, resolve_all(analysis.times, anchor)).items():
            dated_days.setdefault(key, []).append((day, doc.outlet))
    for doc in documents:
        if doc.published.date or doc.id not in analyses:
            continue
        analysis = analyses[doc.id]
        lo, hi = date.min, date.max
        evidence: list[str] = []
        for event in analysis.events:
            if event.place is None:
                continue
            for i in event.times:
                expr = analysis.times[i]
                if expr.kind != "weekday" or expr.direction != "past":
                    continue
                for day, outlet in sorted(dated_days.get((event.sub_event_type, event.place), ())):
                    if day.weekday() != int(expr.value):
                        continue
                    lo, hi = max(lo, day), min(hi, day + timedelta(days=REPORTING_LAG_DAYS))
                    evidence.append(f'"{expr.mention.text}" = {day.isoformat()} ({event.sub_event_type} at the same '
                                    f'place, dated by {outlet})')
        if evidence and lo <= hi:
            precision = "day" if lo == hi else "week"
            out[doc.id] = Published(date=lo.isoformat(), precision=precision, basis="inferred",
                                    evidence="; ".join(dict.fromkeys(evidence)),
                                    window=(lo.isoformat(), hi.isoformat()))
    return out
