"""Canonical events: document-level events merged into one per happening (type x place x overlapping days).

Blocking: only events with the same sub-event type and place are compared, so cost grows with the size of the
largest block, not with the square of all events. Within a block, events whose date intervals overlap (with
DATE_SLACK_DAYS of slack, so two sources a day apart still meet and their disagreement can be flagged) merge.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..extract.places import base_place, haversine_km
from ..model import DocEvent, PlaceRef
from .dates import Interval

TERRITORY = {"Non-state actor overtakes territory", "Government regains territory", "Non-violent transfer of territory",
             "Headquarters or base established"}
COUNTY_KM = 60.0  # a town this close to a county's centre counts as inside it
DATE_SLACK_DAYS = 1  # reports a day apart may describe one happening: a relative day ("on Saturday") read against
# a publication date is often a day off, and sources put the same capture a day apart (a date dispute). Two reports
# that each state their date in full on different days describe two happenings, unless it is a change of control
# (it happens once).


@dataclass(frozen=True)
class Located:
    event: DocEvent
    interval: Interval | None
    stated: bool = False  # the interval comes from a full date in the text ("on 3 May 2022"), not a relative one


def _find(parent: dict[int, int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _sweep(indexes: list[int], events: list[Located], union: Callable[[int, int], None], slack: timedelta,
           once: bool = False) -> list[int]:
    """Link reports whose intervals overlap (with slack; none between two fully stated dates unless the happening
    can only happen ``once``): one sweep in start order, O(k log k). Returns the indexes in that order. Every index
    must have an interval."""
    ordered = sorted(indexes, key=lambda i: (events[i].interval.start, i))  # type: ignore[union-attr]
    group: _Run | None = None
    for previous, current in zip([None, *ordered], ordered, strict=False):
        interval: Interval = events[current].interval  # type: ignore[assignment]
        if previous is not None and group is not None and group.admits(events[current], slack, once):
            union(current, previous)
        else:
            group = _Run(interval.start, interval.end)
        group.add(events[current])
    return ordered


@dataclass
class _Run:
    """The reports a sweep has joined so far: their first day, how far they reach, the days they state."""

    first: date
    reach: date
    stated: set[date] = field(default_factory=set)

    def add(self, located: Located) -> None:
        interval: Interval = located.interval  # type: ignore[assignment]
        self.reach = max(self.reach, interval.end)
        if located.stated:
            self.stated.add(interval.start)

    def admits(self, located: Located, slack: timedelta, once: bool) -> bool:
        """Whether the next report (in start order) joins. Overlapping intervals do. A change of control (it happens
        ``once``) joins within the slack of the reach. Otherwise the slack (a relative day read a day off) counts
        from the run's first day, so daily reports never chain day after day, and a stated day never joins a
        different stated day: those are two happenings, unless a report spanning both days ties them."""
        interval: Interval = located.interval  # type: ignore[assignment]
        if interval.start <= self.reach:
            return True
        if once:
            return interval.start <= self.reach + slack
        clash = located.stated and bool(self.stated - {interval.start})
        return not clash and interval.start <= self.first + slack


def _compatible(a: DocEvent, b: DocEvent) -> bool:
    """Whether two tellings may name the same doers: their actor1s agree or one names none."""
    return a.actor1 is None or b.actor1 is None or a.actor1 == b.actor1


def _join_coarse(events: list[Located], places: Mapping[str, PlaceRef], parent: dict[int, int],
                 union: Callable[[int, int], None], slack: timedelta) -> None:
    """A report placed only at a county ("a shooting in Rankin County") joins the happening of the same type at a
    place within COUNTY_KM of the county's centre on overlapping days, when there is exactly one such happening.
    (Joining at province level was measured and dropped: it cost precision on GVA for no gain.)"""
    fine: dict[tuple[str, str | None, str | None], list[int]] = defaultdict(list)
    coarse: list[int] = []
    for i, located in enumerate(events):
        ref = places.get(located.event.place or "")
        if ref is None or located.interval is None:
            continue
        if ref.kind == "county":
            coarse.append(i)
        elif ref.kind not in {"country", "continent"}:
            fine[(located.event.sub_event_type, ref.country, ref.admin1)].append(i)
    for i in coarse:
        area = places[events[i].event.place]  # type: ignore[index]
        window = events[i].interval
        roots = set()
        for j in fine.get((events[i].event.sub_event_type, area.country, area.admin1), ()):
            town = places[events[j].event.place]  # type: ignore[index]
            if haversine_km(area.lat, area.lon, town.lat, town.lon) > COUNTY_KM:
                continue
            if window.overlaps(events[j].interval, slack.days):  # type: ignore[union-attr, arg-type]
                roots.add(_find(parent, j))
        if len(roots) == 1:
            union(i, roots.pop())


def cluster(events: list[Located], places: Mapping[str, PlaceRef] | None = None) -> list[list[Located]]:
    """Groups of document events that describe the same happening, in a stable order. With ``places`` (place id ->
    resolved place), reports placed at a county can join the one happening inside it."""
    blocks: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for i, located in enumerate(events):  # an event with no place is compared only within its own report
        # a clash "5 km north of Hama" is compared with the clashes at Hama
        place = base_place(located.event.place) if located.event.place else f"doc:{located.event.doc}"
        blocks[(located.event.sub_event_type, place)].append(i)
    parent = {i: i for i in range(len(events))}

    def union(a: int, b: int) -> None:
        parent[_find(parent, a)] = _find(parent, b)

    slack = timedelta(days=DATE_SLACK_DAYS)
    for (sub_type, _place), members in blocks.items():
        once = sub_type in TERRITORY  # a change of control happens once: stated days a day apart are one, disputed
        dated = [i for i in members if events[i].interval is not None and events[i].interval.precision == "day"]
        dated_set = set(dated)
        loose = [i for i in members if i not in dated_set]
        # day-precise reports: overlapping days (with slack) are one happening
        ordered = _sweep(dated, events, union, slack, once)
        # reports with only a week or month: same document -> together (a change of control at one place within
        # overlapping windows is one happening: such changes are rare); else join the one dated happening their
        # window holds, when there is exactly one (two undated shootings in one city and week may be two)
        first_in_doc: dict[str, int] = {}
        for i in loose:
            doc = events[i].event.doc
            if doc in first_in_doc:
                union(i, first_in_doc[doc])
            else:
                first_in_doc[doc] = i
        if loose and (events[members[0]].event.sub_event_type in TERRITORY or not ordered):
            # with no day-precise report at that place, overlapping windows of one type are taken as one happening
            # reported without its day (they cannot be told apart; a date dispute still shows inside the event)
            undated = [i for i in loose if events[i].interval is None]
            windows = _sweep([i for i in loose if events[i].interval is not None], events, union, slack)
            if undated:  # an undated report may be any of them: one group with the first window
                for i in undated[1:] + windows[:1]:
                    union(i, undated[0])
        starts = [events[j].interval.start for j in ordered]  # type: ignore[union-attr]
        for i in loose:
            window = events[i].interval
            if window is None:
                near = ordered
            else:  # day reports whose day lies in the window (they span two days at most: "in the last 24 hours")
                near = ordered[bisect_left(starts, window.start - timedelta(days=2)):bisect_right(starts, window.end)]
                near = [j for j in near if window.overlaps(events[j].interval, 0)]  # type: ignore[arg-type]
            # a happening told twice in one report (once with its day, once without): its own report's dated
            # telling comes first, when there is exactly one and their actors agree
            own = {_find(parent, j) for j in near if events[j].event.doc == events[i].event.doc
                   and _compatible(events[i].event, events[j].event)}
            if len(own) == 1:
                union(i, own.pop())
                continue
            roots = {_find(parent, j) for j in near}
            if len(roots) == 1:
                union(i, roots.pop())
    if places:
        _join_coarse(events, places, parent, union, timedelta(days=DATE_SLACK_DAYS))
    groups: dict[int, list[Located]] = defaultdict(list)
    for i in range(len(events)):
        groups[_find(parent, i)].append(events[i])
    return sorted(groups.values(), key=lambda g: min(x.event.id for x in g))


def group_interval(group: list[Located]) -> Interval | None:
    """The tightest interval the group supports: day-precise dates win over week windows."""
    intervals = [x.interval for x in group if x.interval is not None]
    if not intervals:
        return None
    days = sorted({i.start for i in intervals if i.precision == "day"})
    if days:
        return Interval(days[0], days[-1], "day" if len(days) == 1 else "week")
    start = max(i.start for i in intervals)
    end = min(i.end for i in intervals)
    if start > end:
        start, end = min(i.start for i in intervals), max(i.end for i in intervals)
    precision = "week" if (end - start).days <= 13 else "month"
    return Interval(start, end, precision)


def distinct_days(group: list[Located]) -> list[date]:
    return sorted({x.interval.start for x in group if x.interval is not None and x.interval.precision == "day"})
