"""Where rows stand in the picture's order (issue 20.7): ``seq`` is an ordering key with gaps, not a dense rank.

A full build numbers rows ``i * GAP``. Adding rows never renumbers the whole order: a new row takes a ``seq`` between
its neighbours' (found by an indexed range query on a key whose text order is the picture's order: ``rank_key`` for
events, the id for places); when a gap has no room left, only a window of neighbours around it is renumbered, the
window doubling until its span holds every row in it at least ``STEP`` apart. Readers only ever order by ``seq``.

Keys compare as text by code point: SQLite's BINARY collation on UTF-8 text, PostgreSQL's ``COLLATE "C"`` (migration
10), Python's ``str`` order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from .base import Store

GAP = 1 << 32  # a full build's step: 32 halvings fit between any two rows (2^31 rows fit in a 64-bit seq)
STEP = 1 << 20  # new rows at one spot (the latest day's news) stand this far apart: 4,096 fit in one GAP
FIRST_WINDOW = 16  # neighbours read on each side of a full gap at first (doubled until the window has room)
INT_DIGITS = 20  # a rank key's integers, zero-padded: 10^20 is past any character offset
TERMINATOR = "\x01\x01"  # ends each string of a rank key; sorts before any character a string holds
ESCAPES = {"\x00": "\x01\x02", "\x01": "\x01\x03"}  # the two characters that would sort before the terminator


class Slot(NamedTuple):
    """A stored row's place in the order."""

    id: str
    key: str
    seq: int


class StoredOrder(Protocol):
    """The stored rows by key (those about to be removed included: their ``seq`` still bounds the others)."""

    def before(self, key: str, n: int) -> list[Slot]:
        """Up to ``n`` rows with a key below ``key``, nearest first."""

    def after(self, key: str, n: int) -> list[Slot]:
        """Up to ``n`` rows with a key at or above ``key``, nearest first."""


def rank_key(parts: Iterable[str | int]) -> str:
    """Parts (strings and non-negative integers) as one string whose code-point order is the parts' tuple order."""
    out = []
    for part in parts:
        if isinstance(part, int):
            if part < 0:
                raise ValueError(f"rank keys hold non-negative integers, not {part}")
            out.append(f"{part:0{INT_DIGITS}d}")
        else:
            out.append("".join(ESCAPES.get(c, c) for c in part) + TERMINATOR)
    return "".join(out)


@dataclass(frozen=True)
class TableOrder:
    """A table's rows in key order, read through the store: ``select`` yields (id, key, seq), ``key`` is the key's
    column (indexed, so each read is a range scan)."""

    store: Store
    select: str
    key: str

    def before(self, key: str, n: int) -> list[Slot]:
        return self._read(f"{self.key} < ? ORDER BY {self.key} DESC", key, n)

    def after(self, key: str, n: int) -> list[Slot]:
        return self._read(f"{self.key} >= ? ORDER BY {self.key}", key, n)

    def _read(self, condition: str, key: str, n: int) -> list[Slot]:
        return [Slot(r[0], r[1], int(r[2])) for r in self.store._rows(f"{self.select} WHERE {condition} LIMIT ?",
                                                                       [key, n])]


@dataclass
class _Run:
    """New rows falling in one gap between stored rows (``None``: the order's start or end)."""

    low: Slot | None
    high: Slot | None
    items: list[tuple[str, str]]  # (key, id), in key order


@dataclass
class _Window:
    """Stored rows renumbered together with the new rows among them, between two anchors that keep their seq."""

    low: Slot | None
    high: Slot | None
    stored: dict[str, Slot]


def place(new: dict[str, str], order: StoredOrder, removed: frozenset[str] = frozenset()) -> dict[str, int]:
    """``seq`` for each new row (id -> key) and, for the stored rows renumbered to make room, their new ``seq``.
    ``removed``: stored rows about to go (a new row with the same key takes its seq; none is ever renumbered)."""
    pairs = sorted((k, i) for i, k in new.items())
    seqs: dict[str, int] = {}
    runs: dict[tuple[str | None, str | None], _Run] = {}
    for key, ident in pairs:
        high = next(iter(order.after(key, 1)), None)
        if high is not None and high.key == key:
            if high.id not in removed:
                raise ValueError(f"a new row has the key of stored row {high.id}")
            seqs[ident] = high.seq
            continue
        low = next(iter(order.before(key, 1)), None)
        gap = (low.id if low else None, high.id if high else None)
        runs.setdefault(gap, _Run(low, high, [])).items.append((key, ident))
    for run in runs.values():
        if _fits(run):
            seqs.update(zip([i for _, i in run.items], _spread(run.low, run.high, len(run.items), tight=True),
                            strict=True))
    for window in _windows([run for run in runs.values() if not _fits(run)], order, removed, pairs):
        inside = _inside(window, pairs)
        for (_, ident), seq in zip(inside, _spread(window.low, window.high, len(inside)), strict=True):
            if ident in new or window.stored[ident].seq != seq:
                seqs[ident] = seq
    return seqs


def _fits(run: _Run) -> bool:
    return run.low is None or run.high is None or run.high.seq - run.low.seq > len(run.items)


def _spread(low: Slot | None, high: Slot | None, n: int, tight: bool = False) -> list[int]:
    """``n`` increasing values strictly between the anchors' seqs: ``GAP`` apart towards an open end; between two
    anchors evenly spread, or (``tight``: a run filling a gap) ``STEP`` apart from the lower one when there is room,
    so that rows arriving at one spot leave room for those after them."""
    if low is None and high is None:
        return [i * GAP for i in range(n)]
    if high is None:
        assert low is not None
        return [low.seq + (i + 1) * GAP for i in range(n)]
    if low is None:
        return [high.seq - (n - i) * GAP for i in range(n)]
    step = (high.seq - low.seq) // (n + 1)
    if tight:
        step = min(step, STEP)
    return [low.seq + (i + 1) * step for i in range(n)]


def _windows(full: list[_Run], order: StoredOrder, removed: frozenset[str],
             new: list[tuple[str, str]]) -> list[_Window]:
    """Windows around the full gaps, each doubled until it holds its rows ``STEP`` apart; overlapping ones merged."""
    width = {id(run): FIRST_WINDOW for run in full}
    while True:
        windows = _merged([_window(run, order, width[id(run)], removed) for run in full])
        crowded = [w for w in windows if not _roomy(w, new)]
        if not crowded:
            return windows
        for run in full:
            if any(_covers(w, run.items[0][0]) for w in crowded):
                width[id(run)] *= 2


def _window(run: _Run, order: StoredOrder, width: int, removed: frozenset[str]) -> _Window:
    """The run's gap with up to ``width`` stored rows on each side; the farthest read on a side anchors it (none when
    the order ends first)."""
    below = order.before(run.items[0][0], width)
    above = order.after(run.items[-1][0], width)
    low = below[-1] if len(below) == width else None
    high = above[-1] if len(above) == width else None
    rows = [s for s in (*below, *above) if s != low and s != high and s.id not in removed]
    return _Window(low, high, {s.id: s for s in rows})


def _merged(windows: list[_Window]) -> list[_Window]:
    """Overlapping windows as one (their reads are contiguous runs of the order, so a union is one run)."""
    out: list[_Window] = []
    for window in sorted(windows, key=lambda w: "" if w.low is None else w.low.key):
        last = out[-1] if out else None
        if last is not None and (last.high is None or window.low is None or window.low.key < last.high.key):
            higher = None if last.high is None or window.high is None else max(last.high, window.high,
                                                                               key=lambda s: s.key)
            out[-1] = _Window(last.low, higher, last.stored | window.stored)
        else:
            out.append(window)
    return out


def _covers(window: _Window, key: str) -> bool:
    return (window.low is None or window.low.key < key) and (window.high is None or key < window.high.key)


def _inside(window: _Window, new: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The window's rows to number, (key, id) in key order: its stored rows and the new rows between its anchors."""
    return sorted([*((s.key, s.id) for s in window.stored.values()), *((k, i) for k, i in new if _covers(window, k))])


def _roomy(window: _Window, new: list[tuple[str, str]]) -> bool:
    if window.low is None or window.high is None:
        return True
    return (window.high.seq - window.low.seq) // (len(_inside(window, new)) + 1) >= STEP
