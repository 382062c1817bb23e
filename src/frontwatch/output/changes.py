"""What changed since the previous run: the picture against the one the output directory held before.

The baseline is read from the previous picture.json as plain JSON (only event ids, aliases and statuses, and
contradiction ids and subjects), so a picture written by an older version of frontwatch still serves as one. An
event is the same event when its id or one of its aliases (ids of events merged into it) was in the baseline.
Pure functions: same picture and same baseline, same changes, in a fixed order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Contradiction, Event, Picture


@dataclass(frozen=True)
class Baseline:
    documents: int
    events: int
    statuses: Mapping[str, str]  # every event id and alias of the baseline -> that event's status
    contradictions: frozenset[str]  # contradiction ids, and "kind|about" of each


@dataclass(frozen=True)
class Changes:
    baseline: Baseline
    new_events: tuple[Event, ...]
    status_changes: tuple[tuple[Event, str], ...]  # (event now, its status in the baseline)
    new_contradictions: tuple[Contradiction, ...]

    @property
    def nothing(self) -> bool:
        return not (self.new_events or self.status_changes or self.new_contradictions)


def _subject(kind: str, about: str) -> str:
    return f"{kind}|{about}"


def baseline_from_json(data: Any) -> Baseline | None:
    """The baseline in a parsed picture.json, or None when the data is not a picture."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return None
    statuses: dict[str, str] = {}
    for event in data["events"]:
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            continue
        status = str(event.get("status", ""))
        for key in (event["id"], *(a for a in event.get("aliases") or () if isinstance(a, str))):
            statuses.setdefault(key, status)
    contradictions: set[str] = set()
    for con in data.get("contradictions") or ():
        if isinstance(con, dict):
            contradictions.add(str(con.get("id", "")))
            contradictions.add(_subject(str(con.get("kind", "")), str(con.get("about", ""))))
    documents = data.get("documents")
    return Baseline(documents=len(documents) if isinstance(documents, list) else 0, events=len(data["events"]),
                    statuses=statuses, contradictions=frozenset(contradictions - {""}))


def _old_status(event: Event, baseline: Baseline) -> str | None:
    for key in (event.id, *event.aliases):
        if key in baseline.statuses:
            return baseline.statuses[key]
    return None


def changes_since(baseline: Baseline, picture: Picture) -> Changes:
    order = sorted(picture.events, key=lambda e: (e.date.start or "", e.id))
    new: list[Event] = []
    changed: list[tuple[Event, str]] = []
    for event in order:
        old = _old_status(event, baseline)
        if old is None:
            new.append(event)
        elif old != event.status:
            changed.append((event, old))
    fresh = tuple(c for c in sorted(picture.contradictions, key=lambda c: c.id)
                  if c.id not in baseline.contradictions
                  and _subject(c.kind, c.about) not in baseline.contradictions)
    return Changes(baseline, tuple(new), tuple(changed), fresh)
