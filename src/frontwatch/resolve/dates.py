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
from ..wording import count

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
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


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
    if abs((day - anchor).days) > MAX_PHRASE_DAYS and not _YEAR.search(text):
        return None  # a far reading without a year of its own is a misreading; "in March 2022" is told as such
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


SAME_EVENT = 3  # evidence weight: the undated document's day for an event is the day a dated one gives it
SAME_DAY = 1  # ... a weekday falls on a day some dated document names (the same week's happenings)
SEARCH_DAYS = 21  # candidate publication days: this far around the dated documents' own dates
ONE_OFF = {"Non-state actor overtakes territory", "Government regains territory"}  # a place changes hands once in
# a news cycle, so two reports of it are one happening; strikes and clashes recur and do not bound a date
SAME_EVENT_SLACK = 1  # outlets put one happening a day apart (time zones, night-time fighting: 30 Nov / 1 Dec)
NEWS_LAG_DAYS = 2  # a report is published within two days of the latest happening it tells (news, not a review)
LATEST_KINDS = {"absolute", "month_day", "weekday"}  # days that date a happening; "yesterday" and "in the last 24
# hours" move with the publication day and bound nothing
REPORTED_WITHIN_DAYS = 6  # a happening reported without its day lies within the week before publication (the
# convention resolve.picture.REPORT_WINDOW_DAYS applies to events)
NIGHT_LAG_DAYS = 1  # "the night into Wednesday": news of a night is published that day or the next


EventDays = dict[tuple[str, str], list[tuple[date, str]]]  # (sub-type, place) -> [(day, who dates it)]


@dataclass(frozen=True)
class _Corpus:
    event_days: EventDays  # (sub-type, place) -> [(day, outlet)], in the documents' (source id, id) order
    named_days: dict[date, str]  # a day some dated document names -> which document (outlet, source)
    anchors: list[date]


@dataclass(frozen=True)
class DatedEvidence:
    """What one dated document gives the inference of the others: its day, the days it names, its events' days."""

    anchor: date
    named: tuple[tuple[date, str], ...]  # (day, label) in the order it names them (its own day left out)
    event_days: tuple[tuple[tuple[str, str], date, str], ...]  # ((sub-type, place), day, label)


def dated_evidence(doc: Document, analysis: DocAnalysis | None) -> DatedEvidence | None:
    """The evidence of a document whose day is stated or in metadata; None for the others (undated, inferred or
    not analysed), which give none."""
    anchor = parse_day(doc.published.date)
    if anchor is None or analysis is None or doc.published.basis == "inferred":
        return None
    label = f"{doc.outlet} ({doc.source_id})"
    resolved = resolve_all(analysis.times, anchor)
    named = tuple((i.start, label) for i in resolved
                  if i is not None and i.precision == "day" and i.start != anchor)  # its own day is only "now"
    days = tuple((key, day, label) for key, day in _event_days(analysis, resolved).items())
    return DatedEvidence(anchor, named, days)


def corpus_of(evidence: list[DatedEvidence]) -> _Corpus:
    """The corpus the inference reads, from the dated documents' evidence in (source id, id) order."""
    event_days: EventDays = {}
    named: dict[date, str] = {}
    for found in evidence:
        for day, label in found.named:
            named.setdefault(day, label)
        for key, day, label in found.event_days:
            event_days.setdefault(key, []).append((day, label))
    return _Corpus(event_days, named, sorted(found.anchor for found in evidence))


def _corpus(documents: list[Document], analyses: dict[str, DocAnalysis]) -> _Corpus:
    ordered = sorted(documents, key=lambda d: (d.source_id, d.id))
    evidence = (dated_evidence(doc, analyses.get(doc.id)) for doc in ordered)
    return corpus_of([found for found in evidence if found is not None])


@dataclass(frozen=True)
class _Bound:
    """The earliest publication day a report of a happening allows: it was published after what it tells."""

    day: date
    evidence: str
    claim: str


def _place_names(analysis: DocAnalysis) -> dict[str, str]:
    return {pm.place.id: pm.place.name for pm in analysis.places}


def _past_bounds(analysis: DocAnalysis, corpus: _Corpus) -> list[_Bound]:
    """One bound per one-off happening (a place changing hands) that dated documents put on a day: the document
    reports it, so it was published on or after the earliest day they give."""
    names = _place_names(analysis)
    bounds: dict[tuple[str, str], _Bound] = {}
    for event in analysis.events:
        if event.place is None or event.sub_event_type not in ONE_OFF:
            continue
        key = (event.sub_event_type, event.place)
        dated = sorted(corpus.event_days.get(key, ()))
        if dated and key not in bounds:
            day, outlet = dated[0]
            bounds[key] = _Bound(day, f"it reports {event.sub_event_type.lower()} at {names.get(event.place, '?')}, "
                                      f"dated {day.isoformat()} by {outlet}: published on or after", event.claim)
    return sorted(bounds.values(), key=lambda b: (b.day, b.evidence))


@dataclass(frozen=True)
class _Fit:
    """How publication on one candidate day fits a document: ``conflict`` names a broken hard constraint (the
    document's own words or a dated report of the same happening); ``late`` a broken news convention."""

    day: date
    score: int
    evidence: tuple[str, ...]
    conflict: str | None
    late: str | None


def _day_of(expr: TimeExpr, interval: Interval | None, future: bool = False) -> date | None:
    """The day an expression names, if told as past (or, with ``future``, as past or to come)."""
    if interval is None or interval.precision != "day" or (expr.direction != "past" and not future):
        return None
    return interval.start


WEEK_KINDS = {"relative_week", "recent"}  # expressions that put a happening within a span of days ("last week")


def _same_event_fit(analysis: DocAnalysis, resolved: list[Interval | None], corpus: _Corpus
                    ) -> tuple[int, list[str], str | None]:
    """Days the document itself gives an event, against the days dated documents give it: exact agreement scores,
    a one-off happening put further than a day away is a conflict."""
    score, evidence = 0, []
    for event in analysis.events:
        dated = corpus.event_days.get((event.sub_event_type, event.place or ""), [])
        misses: list[str] = []  # a sentence's expressions are all its events': one that fits is enough
        fits = False
        for i in event.times:
            expr, interval = analysis.times[i], resolved[i]
            if not dated or interval is None:
                continue
            text = expr.mention.text
            if expr.kind in WEEK_KINDS and expr.direction == "past":  # "last week": the dated day lies in its span
                if any(interval.start - timedelta(days=SAME_EVENT_SLACK) <= d <= interval.end for d, _ in dated):
                    fits = True
                else:
                    misses.append(f'"{text}" would be {interval.start.isoformat()} to {interval.end.isoformat()}')
                continue
            day = _day_of(expr, interval, future=True)
            if day is None or expr.kind not in {"weekday", "offset_days"}:
                continue
            exact = [outlet for d, outlet in dated if d == day]
            told = "to come" if expr.direction == "future" else "past"
            if exact:
                score += SAME_EVENT
                fits = True
                evidence.append(f'"{text}" = {day.isoformat()} (told as {told}): {event.sub_event_type.lower()} at '
                                f"the same place, dated by {exact[0]}")
            elif all(abs((d - day).days) > SAME_EVENT_SLACK for d, _ in dated):
                misses.append(f'"{text}" would be {day.isoformat()}')
            else:
                fits = True
        if misses and not fits and event.sub_event_type in ONE_OFF:
            return score, evidence, (f"{misses[0]}, but {dated[0][1]} dates {event.sub_event_type.lower()} there "
                                     f"{dated[0][0].isoformat()}")
    return score, evidence, None


def _named_day_fit(analysis: DocAnalysis, resolved: list[Interval | None], corpus: _Corpus) -> tuple[int, list[str]]:
    score, evidence = 0, []
    for expr, interval in zip(analysis.times, resolved, strict=True):
        day = _day_of(expr, interval, future=True)  # "talks will resume on Friday": a Friday others name
        if expr.kind == "weekday" and day is not None and day in corpus.named_days:
            score += SAME_DAY
            evidence.append(f'"{expr.mention.text}" = {day.isoformat()}, a day named by {corpus.named_days[day]}')
    return score, evidence


def _lateness(analysis: DocAnalysis, resolved: list[Interval | None], candidate: date, floor: date | None
              ) -> str | None:
    """Why publication on ``candidate`` would break a news convention: too long after the latest happening the
    document tells, or more than a day after a night it reports as fresh news."""
    days = [d for e, i in zip(analysis.times, resolved, strict=True) if (d := _day_of(e, i)) and d <= candidate
            and e.kind in LATEST_KINDS]
    latest = max([*days, *([floor] if floor else [])], default=None)
    if floor is not None and (candidate - floor).days > REPORTED_WITHIN_DAYS:
        return f"published within {REPORTED_WITHIN_DAYS} days of the happenings it reports without a day"
    if latest is not None and (candidate - latest).days > NEWS_LAG_DAYS:
        return f"published within {NEWS_LAG_DAYS} days of the latest happening it tells"
    for expr, interval in zip(analysis.times, resolved, strict=True):
        day = _day_of(expr, interval)
        if expr.night and day is not None and (candidate - day).days > NIGHT_LAG_DAYS:
            return "news of a night is published that day or the next"
    return None


def _fit(analysis: DocAnalysis, candidate: date, corpus: _Corpus, bounds: list[_Bound]) -> _Fit:
    resolved = resolve_all(analysis.times, candidate, phrases=False)
    for expr, interval in zip(analysis.times, resolved, strict=True):
        if interval is not None and expr.kind in {"absolute", "month_day"} and expr.direction == "past" and \
                interval.start > candidate:
            return _Fit(candidate, 0, (), f'"{expr.mention.text}" is told as past', None)
    late = [b for b in bounds if b.day > candidate]
    if late:
        return _Fit(candidate, 0, (), f"{late[0].evidence} {late[0].day.isoformat()}", None)
    score, evidence, conflict = _same_event_fit(analysis, resolved, corpus)
    named_score, named = _named_day_fit(analysis, resolved, corpus)
    nights = [f'"{e.mention.text}" = {d.isoformat()}, the day after a night it reports' for e, i in
              zip(analysis.times, resolved, strict=True) if e.night and (d := _day_of(e, i))]
    floor = bounds[-1].day if bounds else None
    return _Fit(candidate, score + named_score, tuple(dict.fromkeys(evidence + named + nights)), conflict,
                _lateness(analysis, resolved, candidate, floor))


@dataclass(frozen=True)
class DateConflict:
    """An undated document whose evidence admits no publication day: a date contradiction, not a silent pick."""

    doc: str
    claims: tuple[str, ...]
    explanation: str


def _window(fits: list[_Fit]) -> tuple[list[_Fit], list[str]]:
    """The candidates left by the hard constraints, then by the news conventions (when any candidate keeps them),
    then the best-supported ones; with the conventions that narrowed the window."""
    timely = [f for f in fits if f.late is None]
    notes = sorted({f.late for f in fits if f.late} - {None}) if timely and len(timely) < len(fits) else []
    pool = timely or fits
    best = max(f.score for f in pool)
    return [f for f in pool if f.score == best], [n for n in notes if n]


def _publication(doc: Document, analysis: DocAnalysis, corpus: _Corpus, candidates: list[date]
                 ) -> tuple[Published | None, DateConflict | None]:
    bounds = _past_bounds(analysis, corpus)
    fits = [_fit(analysis, day, corpus, bounds) for day in candidates]
    own = [f for f in fits if f.conflict is None or "is told as past" not in f.conflict]
    allowed = [f for f in own if f.conflict is None]
    if own and not allowed:
        reasons = sorted({f.conflict for f in own if f.conflict})
        return None, DateConflict(doc.id, tuple(sorted({b.claim for b in bounds})),
                                  f"No publication day fits all that {doc.outlet} ({doc.source_id}) says: "
                                  + "; ".join(reasons[:3]) + ".")
    if not allowed or (not bounds and max(f.score for f in allowed) == 0):
        return None, None
    winners, notes = _window(allowed)
    lo, hi = winners[0].day, winners[-1].day
    length = (hi - lo).days
    precision = "day" if length == 0 else ("week" if length < WEEK else "month")
    pick = min(winners, key=lambda w: (min(abs((w.day - a).days) for a in corpus.anchors), w.day))
    evidence = list(dict.fromkeys([*pick.evidence, *(f"{b.evidence} {b.day.isoformat()}" for b in bounds), *notes]))
    return Published(date=pick.day.isoformat(), precision=precision, basis="inferred",
                     evidence="; ".join(evidence) + f" (window {lo.isoformat()} to {hi.isoformat()}, "
                     f"{count(len(winners), 'candidate day')} {'fits' if len(winners) == 1 else 'fit equally'})",
                     window=(lo.isoformat(), hi.isoformat())), None


def infer_publication_checked(documents: list[Document], analyses: dict[str, DocAnalysis]
                              ) -> tuple[dict[str, Published], list[DateConflict]]:
    """Published dates for every document, and the undated ones whose evidence conflicts (see ``infer_dates``)."""
    inference = infer_dates(documents, analyses)
    return inference.published, inference.conflicts


@dataclass(frozen=True)
class DateInference:
    published: dict[str, Published]  # every document's
    conflicts: list[DateConflict]
    first: dict[str, Published]  # each undated document's first-pass reading (as given when the pass found none)
    corpus: _Corpus | None  # None: no dated document, nothing inferred


def candidate_days(anchors: list[date]) -> list[date]:
    """The publication days tried for an undated document: SEARCH_DAYS around the dated documents' days."""
    first = anchors[0] - timedelta(days=SEARCH_DAYS)
    span = (anchors[-1] - anchors[0]).days + 2 * SEARCH_DAYS
    return [first + timedelta(days=k) for k in range(span + 1)]


def infer_dates(documents: list[Document], analyses: dict[str, DocAnalysis]) -> DateInference:
    """Published dates for every document, and the undated ones whose evidence conflicts.

    An undated document's publication day is the intersection of what it says, tried on every candidate day
    around the dated documents. Hard constraints: a calendar day it tells as past lies before publication; a place
    changing hands that dated documents put on a day, reported by it, happened before publication; its own day for
    such a happening ("on Saturday", "yesterday") lies within a day of theirs. Conventions that narrow the window
    when they can be kept: a news report appears within two days of the latest happening it tells, and within a
    day of a night it reports ("the night into Wednesday"). Among what is left, the days where its weekdays land on
    days dated documents give the same event (strong) or name at all (weak) form the window. Hard constraints that
    admit no day are a ``DateConflict`` (a date contradiction) and the document stays undated: no silent pick.
    A second pass reads the other undated documents' windows as evidence: the days they give their events (where
    their window fixes one) join the dated ones, and a narrower window that keeps every constraint replaces the
    first.
    """
    out = {d.id: d.published for d in documents}
    conflicts: list[DateConflict] = []
    corpus = _corpus(documents, analyses)
    if not corpus.anchors:
        return DateInference(out, conflicts, {}, None)
    candidates = candidate_days(corpus.anchors)
    undated = [d for d in documents if not d.published.date and d.id in analyses]
    for doc in undated:
        published, conflict = first_pass(doc, analyses[doc.id], corpus, candidates)
        if published is not None:
            out[doc.id] = published
        if conflict is not None:
            conflicts.append(conflict)
    first = {d.id: out[d.id] for d in undated}
    inferred = {d.id: inferred_event_days(d, analyses[d.id], out[d.id]) for d in undated}
    unsettled = {c.doc for c in conflicts}
    for doc in undated:
        if doc.id in unsettled:
            continue
        others = [days for other, days in inferred.items() if other != doc.id and days]
        if others:
            out[doc.id] = second_pass(doc, analyses[doc.id], out[doc.id], corpus, others, candidates)
    return DateInference(out, conflicts, first, corpus)


def first_pass(doc: Document, analysis: DocAnalysis, corpus: _Corpus, candidates: list[date]
               ) -> tuple[Published | None, DateConflict | None]:
    """An undated document's reading from the dated documents alone (None: no evidence, or a conflict)."""
    return _publication(doc, analysis, corpus, candidates)


def second_pass(doc: Document, analysis: DocAnalysis, first: Published, corpus: _Corpus, others: list[EventDays],
                candidates: list[date]) -> Published:
    """An undated document's reading once the other undated documents' first-pass days for their events join the
    dated ones: it replaces ``first`` when it dates the document or narrows its window."""
    published, conflict = _publication(doc, analysis, _joined(corpus, others), candidates)
    if published is None or conflict is not None or published.window is None:
        return first
    if first.window is None or (first.window[0] <= published.window[0] <= published.window[1] <= first.window[1]
                                and published.window != first.window):
        return published  # dated or narrowed by another undated report's window for a happening it tells
    return first


def inferred_event_days(doc: Document, analysis: DocAnalysis, published: Published) -> EventDays:
    """The days an undated document's inferred window gives its events, where every day of the window gives the same
    one ("on Saturday" read from Sunday to Tuesday)."""
    if published.window is None:
        return {}
    resolved = resolve_in_window(analysis.times, published)
    label = f"{doc.outlet} ({doc.source_id}), itself dated by inference"
    return {key: [(day, label)] for key, day in _event_days(analysis, resolved).items()}


def _joined(corpus: _Corpus, others: list[EventDays]) -> _Corpus:
    event_days = {key: list(days) for key, days in corpus.event_days.items()}
    for days in others:
        for key, found in days.items():
            event_days.setdefault(key, []).extend(found)
    return _Corpus({k: sorted(v) for k, v in event_days.items()}, corpus.named_days, corpus.anchors)


def infer_publication(documents: list[Document], analyses: dict[str, DocAnalysis]) -> dict[str, Published]:
    """Published dates for every document: stated/metadata ones as given, inferred ones where evidence allows."""
    return infer_publication_checked(documents, analyses)[0]


MAX_WINDOW_READING = 7  # a window longer than a week reads a weekday as several days: then only the anchor is used


def resolve_in_window(times: tuple[TimeExpr, ...], published: Published) -> list[Interval | None]:
    """Resolve a document's expressions against every day of its publication window: an expression that means the
    same day from each ("on Saturday" against Sunday-Tuesday) keeps day precision; else it spans their days."""
    anchor = parse_day(published.date)
    lo, hi = (parse_day(published.window[0]), parse_day(published.window[1])) if published.window else (None, None)
    if anchor is None or lo is None or hi is None or not 0 < (hi - lo).days < MAX_WINDOW_READING:
        return resolve_all(times, anchor)
    readings = [resolve_all(times, lo + timedelta(days=k)) for k in range((hi - lo).days + 1)]
    return [_combine([r[i] for r in readings]) for i in range(len(times))]


def _combine(readings: list[Interval | None]) -> Interval | None:
    if any(r is None for r in readings):
        return None
    found = [r for r in readings if r is not None]
    if all(r == found[0] for r in found):
        return found[0]
    return Interval(min(r.start for r in found), max(r.end for r in found), "week")
