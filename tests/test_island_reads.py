"""The incremental update reads a block's stored reports by date range, widened until the stretch closes
(store/picture_index._Stretch): the stretches it finds must be those found from the whole block."""

from __future__ import annotations

import random
from datetime import date, timedelta

from frontwatch.resolve.dates import Interval
from frontwatch.store import Store, open_store
from frontwatch.store.picture_index import ISLAND_GAP_DAYS, Member, _Stretch, _touched

BLOCK = '["Shelling/artillery/missile attack", "ua:kherson"]'
OTHER_BLOCK = '["Armed clash", "ua:kherson"]'
DAY0 = date(2023, 3, 1)
WIDTH = {"day": 0, "week": 6, "month": 29}


def _store_reports(store: Store, block: str, members: list[Member]) -> None:
    store._write([("INSERT INTO event_reports(report_id, doc_id, event_id, block, region, county, first_day, last_day,"
                   " precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [(rid, doc, f"ev-{rid}", block, None, 0, i.start.isoformat(), i.end.isoformat(), i.precision)
                    for rid, doc, i in members])])


def _report(rid: str, doc: str, day: int, precision: str = "day") -> Member:
    start = DAY0 + timedelta(days=day)
    return (rid, doc, Interval(start, start + timedelta(days=WIDTH[precision]), precision))


def _random_block(rng: random.Random, n: int) -> list[Member]:
    """Reports in clusters with gaps around ISLAND_GAP_DAYS, some loose (week, month) and sharing documents."""
    out, day = [], 0
    for k in range(n):
        day += rng.choice([0, 1, ISLAND_GAP_DAYS, ISLAND_GAP_DAYS + 1, ISLAND_GAP_DAYS + 2, 9, 30])
        precision = rng.choices(["day", "week", "month"], [8, 1, 1])[0]
        out.append(_report(f"r{k:03d}", f"d{rng.randrange(n // 3 + 1):02d}", day, precision))
    return out


def _check(store: Store, stored: list[Member], start: list[Member], skip: set[str]) -> None:
    whole = [m for m in stored if m[1] not in skip]
    members = {m[0]: m for m in whole} | {m[0]: m for m in start}
    seeds = {m[0] for m in start}
    expected = _touched(list(members.values()), seeds)
    read = _Stretch(store, BLOCK, skip).closed(start)
    assert _touched(read, seeds) == expected
    assert {m[0] for m in start} <= {m[0] for m in read}


def test_stretches_read_by_date_range_equal_those_of_the_whole_block(spec: str) -> None:
    rng = random.Random(20)
    with open_store(spec) as store:
        for trial in range(40):
            stored = [(f"t{trial}-{rid}", f"t{trial}-{doc}", i) for rid, doc, i in _random_block(rng, 40)]
            store._write([("DELETE FROM event_reports", [()])])
            _store_reports(store, BLOCK, stored)
            _store_reports(store, OTHER_BLOCK, [(f"x{rid}", doc, i) for rid, doc, i in stored])  # never read
            last = max(i.end for _, _, i in stored)
            new = [(f"t{trial}-new{k}", f"t{trial}-new", Interval(d, d, "day"))
                   for k, d in enumerate(DAY0 + timedelta(days=rng.randrange((last - DAY0).days + 5))
                                         for _ in range(rng.randint(1, 2)))]
            _check(store, stored, new, set())
            moved = {rng.choice(stored)[1]}
            _check(store, stored, [m for m in stored if m[1] in moved], set())  # where a moved document was
            _check(store, stored, new, moved)  # its reports left out


def test_a_chain_and_a_documents_loose_reports_widen_the_read(spec: str) -> None:
    """A day-by-day chain running past the first read's range, and a document's month reports a year apart; a report
    past them all is never read."""
    chain = [_report(f"c{k}", f"dc{k}", k * ISLAND_GAP_DAYS) for k in range(12)]  # days 0..33, each reaching the next
    loose = [_report("m0", "dm", 35, "month"), _report("m1", "dm", 400, "month"), _report("m2", "dz", 401)]
    far = [_report("f0", "df", 200), _report("f1", "df", 600)]
    with open_store(spec) as store:
        _store_reports(store, BLOCK, [*chain, *loose, *far])
        new = [_report("n0", "dn", 0)]
        read = _Stretch(store, BLOCK, set()).closed(new)
        assert _touched(read, {"n0"}) == {"n0", *(m[0] for m in chain), "m0", "m1", "m2"}
        assert "f1" not in {m[0] for m in read}
