"""Event ids that last: an event is named after its oldest report, so a report joining it later changes nothing,
and when two events merge the older one's id survives. The ids its other reports would carry alone become its
aliases, so a link to an event that has since merged into this one still finds it.

"Oldest" is the order documents were first stored (then the report id, within one document): a report that
joins an event comes from a document stored after the ones already there, so it can never take the name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import DocEvent

EVENT_PREFIX = "evt-"
ID_HEX_DIGITS = 12  # 48 bits of SHA-256: collisions stay unlikely far past a million reports


def report_event_id(report_id: str) -> str:
    """The id an event takes when this report is its oldest (for one report: the id it always had)."""
    return EVENT_PREFIX + hashlib.sha256(report_id.encode()).hexdigest()[:ID_HEX_DIGITS]


def stable_identity(reports: Iterable[DocEvent], stored_order: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The event's id and its aliases (sorted), from its member reports and each document's place in store order
    (any comparable key: a rank, or a (source id, id) pair)."""
    members = list(reports)
    oldest = min(members, key=lambda r: (r.doc not in stored_order, stored_order.get(r.doc, 0), r.id))
    # a document outside the order counts as newest
    event_id = report_event_id(oldest.id)
    return event_id, tuple(sorted({report_event_id(r.id) for r in members} - {event_id}))
