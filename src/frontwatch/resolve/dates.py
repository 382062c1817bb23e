"""Dates across documents: anchor every document (stated, metadata or inferred), then resolve its expressions.

Inference for an undated document (``infer_publication``): candidate publication days are scored by how its
weekday expressions land on days the dated documents give to the same events or name at all; the best-scoring
days form the window, with the evidence chain. Without such evidence the document stays ``unknown``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from dateparser.date import DateDataParser

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
        weekday = int(value.rstrip("!"))
        if expr.direction == "future":
            ahead = (weekday - anchor.weekday()) % WEEK or WEEK
            day = anchor + timedelta(days=ahead)
        else:
            back = (anchor.weekday() - weekday) % WEEK
            day = anchor - timedelta(days=back or (WEEK if value.endswith("!") else 0))
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
    if kind == "phrase":
        return _dateparser_interval(value, anchor)
    if kind == "relative_week":
        monday = anchor - timedelta(days=anchor.weekday())
        start = monday + timedelta(days=WEEK * int(value))
        return Interval(start, start + timedelta(days=WEEK - 1), "week")
    return None


MAX_PHRASE_DAYS = 366  # a phrase read further than this from the anchor is a misreading or history: ignored


@cache
def _date_parser(anchor: date) -> DateDataParser:
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day), "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False})


@lru_cache(maxsize=65536)
def _dateparser_interval(text: str, anchor: date) -> Interval | None:
    """dateparser's reading of a phrase, with the anchor as its "today"; days, weeks and months only."""
    try:
        found = _date_parser(anchor).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if found is None or found.date_obj is None or found.period not in {"day", "week", "month"}:
        return None
    day = found.date_obj.date()
    if abs((day - anchor).days) > MAX_PHRASE_DAYS:
        return None
    if day == anchor and found.period == "day" and not re.search(r"\b(today|this|now|tonight)\b", text, re.I):
        return None  # dateparser falls back to "today" for words it cannot read ("in the 1990s")
    if found.period == "day":
        return Interval(day, day, "day")
    if found.period == "week":
        monday = day - timedelta(days=day.weekday())
        return Interval(monday, monday + timedelta(days=WEEK - 1), "week")
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return Interval(first, last, "month")


def resolve_all(times: tuple[TimeExpr, ...], anchor: date | None, phrases: bool = True) -> list[Interval | None]:
    """Resolve a document's expressions in order; "a day earlier" counts from the previous resolved one.
    ``phrases=False`` leaves dateparser phrases unresolved (publication inference tries many anchors)."""
    out: list[Interval | None] = []
    previous: date | None = None
    for expr in times:
        if expr.kind == "phrase" and not phrases:
            out.append(None)
            continue
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


SAME_EVENT = 3  # evidence weight: the undated document's weekday falls on the day a dated one gives the same event
SAME_DAY = 1  # ... falls on a day some dated document names (the same week's happenings)
SEARCH_DAYS = 21  # candidate publication days: this far around the dated documents' own dates


@dataclass(frozen=True)
class _Corpus:
    event_days: dict[tuple[str, str], list[tuple[date, str]]]  # (sub-type, place) -> [(day, outlet)]
    named_days: dict[date, str]  # a day some dated document names -> which document (outlet, source)
    anchors: list[date]


def _corpus(documents: list[Document], analyses: dict[str, DocAnalysis]) -> _Corpus:
    event_days: dict[tuple[str, str], list[tuple[date, str]]] = {}
    named: dict[date, str] = {}
    anchors = []
    for doc in sorted(documents, key=lambda d: (d.source_id, d.id)):
        anchor = parse_day(doc.published.date)
        if anchor is None or doc.id not in analyses:
            continue
        anchors.append(anchor)
        resolved = resolve_all(analyses[doc.id].times, anchor)
        for interval in resolved:
            if interval is not None and interval.precision == "day":
                named.setdefault(interval.start, f"{doc.outlet} ({doc.source_id})")
        for key, day in _event_days(analyses[doc.id], resolved).items():
            event_days.setdefault(key, []).append((day, f"{doc.outlet} ({doc.source_id})"))
    return _Corpus(event_days, named, sorted(anchors))


def _candidate_support(analysis: DocAnalysis, candidate: date, corpus: _Corpus) -> tuple[int, list[str]] | None:
    """How well publication on ``candidate`` fits the document's weekdays and the dated documents; None when it
    contradicts the document itself (a day the document names as past would lie after publication)."""
    resolved = resolve_all(analysis.times, candidate, phrases=False)
    for expr, interval in zip(analysis.times, resolved, strict=True):
        if interval is not None and expr.kind in {"absolute", "month_day"} and expr.direction == "past" and \
                interval.start > candidate:
            return None
    score, evidence = 0, []
    event_of = {i: e for e in analysis.events if e.place is not None for i in e.times}
    for i, (expr, interval) in enumerate(zip(analysis.times, resolved, strict=True)):
        if expr.kind != "weekday" or expr.direction != "past" or interval is None:
            continue
        event = event_of.get(i)
        matches = [outlet for day, outlet in corpus.event_days.get((event.sub_event_type, event.place), ())
                   if day == interval.start] if event else []
        if matches:
            score += SAME_EVENT
            evidence.append(f'"{expr.mention.text}" = {interval.start.isoformat()}: {event.sub_event_type} at the '
                            f"same place, dated by {matches[0]}")
        elif interval.start in corpus.named_days:
            score += SAME_DAY
            evidence.append(f'"{expr.mention.text}" = {interval.start.isoformat()}, a day named by '
                            f"{corpus.named_days[interval.start]}")
    return score, evidence


def infer_publication(documents: list[Document], analyses: dict[str, DocAnalysis]) -> dict[str, Published]:
    """Published dates for every document: stated/metadata ones as given, inferred ones where evidence allows.

    For an undated document every candidate publication day around the dated documents is tried: its weekday
    expressions ("on Saturday", "launched on Wednesday") then fall on definite days, which score when a dated
    document gives the same event that day (strong) or names that day at all (weak); a candidate that would put a
    date the document mentions as past into its future is ruled out. The best-scoring candidates form the window;
    its length sets the precision (day, week, month) and the evidence chain is kept. No support: ``unknown``.
    """
    out = {d.id: d.published for d in documents}
    corpus = _corpus(documents, analyses)
    if not corpus.anchors:
        return out
    first = corpus.anchors[0] - timedelta(days=SEARCH_DAYS)
    span = (corpus.anchors[-1] - corpus.anchors[0]).days + 2 * SEARCH_DAYS
    candidates = [first + timedelta(days=k) for k in range(span + 1)]
    for doc in documents:
        if doc.published.date or doc.id not in analyses:
            continue
        scored = [(support[0], day, support[1]) for day in candidates
                  if (support := _candidate_support(analyses[doc.id], day, corpus)) is not None]
        best = max((score for score, _, _ in scored), default=0)
        if best == 0:
            continue
        winners = [(day, evidence) for score, day, evidence in scored if score == best]
        lo, hi = winners[0][0], winners[-1][0]
        length = (hi - lo).days
        precision = "day" if length == 0 else ("week" if length < WEEK else "month")
        pick = min(winners, key=lambda w: (min(abs((w[0] - a).days) for a in corpus.anchors), w[0]))
        out[doc.id] = Published(date=pick[0].isoformat(), precision=precision, basis="inferred",
                                evidence="; ".join(dict.fromkeys(pick[1])) + f" (window {lo.isoformat()} to "
                                f"{hi.isoformat()}, {len(winners)} candidate day(s) fit equally)",
                                window=(lo.isoformat(), hi.isoformat()))
    return out
