"""Gapped ``seq`` (store/ordering.py): new rows take a seq between their neighbours', only a window around a full gap
is renumbered, and the seqs always give the keys' order."""

from __future__ import annotations

import bisect
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.store import Store, open_store
from frontwatch.store.ordering import FIRST_WINDOW, GAP, STEP, Slot, TableOrder, place, rank_key
from frontwatch.store.picture_index import PLACE_ORDER


class ListOrder:
    """A stored order held in a list (what TableOrder reads from a table)."""

    def __init__(self, rows: dict[str, tuple[str, int]]) -> None:  # id -> (key, seq)
        self.slots = sorted(Slot(i, k, s) for i, (k, s) in rows.items())
        self.slots.sort(key=lambda s: s.key)
        self.reads = 0

    def before(self, key: str, n: int) -> list[Slot]:
        self.reads += 1
        at = bisect.bisect_left([s.key for s in self.slots], key)
        return list(reversed(self.slots[max(0, at - n):at]))

    def after(self, key: str, n: int) -> list[Slot]:
        self.reads += 1
        at = bisect.bisect_left([s.key for s in self.slots], key)
        return self.slots[at:at + n]


def _apply(rows: dict[str, tuple[str, int]], new: dict[str, str], removed: frozenset[str] = frozenset()
           ) -> tuple[dict[str, tuple[str, int]], dict[str, int]]:
    seqs = place(new, ListOrder(rows), removed)
    out = {i: (k, seqs.get(i, s)) for i, (k, s) in rows.items() if i not in removed}
    out |= {i: (k, seqs[i]) for i, k in new.items()}
    return out, seqs


def _in_key_order(rows: dict[str, tuple[str, int]]) -> bool:
    by_seq = sorted(rows, key=lambda i: rows[i][1])
    return by_seq == sorted(rows, key=lambda i: rows[i][0]) and len({s for _, s in rows.values()}) == len(rows)


def _full(keys: list[str]) -> dict[str, tuple[str, int]]:
    return {f"r{k}": (k, i * GAP) for i, k in enumerate(sorted(keys))}


def test_a_new_row_takes_a_seq_between_its_neighbours_and_nothing_else_moves() -> None:
    rows = _full(["b", "d", "f"])
    after, seqs = _apply(rows, {"new": "c"})
    assert set(seqs) == {"new"}
    assert rows["rb"][1] < seqs["new"] < rows["rd"][1]
    assert _in_key_order(after)


def test_rows_at_the_ends_take_open_room() -> None:
    rows = _full(["m"])
    after, seqs = _apply(rows, {"first": "a", "last": "z"})
    assert set(seqs) == {"first", "last"} and _in_key_order(after)


def test_rows_arriving_at_one_spot_keep_room_for_those_after_them() -> None:
    """News of the latest day lands before the undated events, batch after batch: STEP apart, not halving."""
    rows = _full(["0000", "9999"])
    for batch in range(3):
        rows, seqs = _apply(rows, {f"n{batch}-{i}": f"5{batch}{i:03d}" for i in range(100)})
        assert set(seqs) == {f"n{batch}-{i}" for i in range(100)}  # no stored row renumbered
    assert _in_key_order(rows)
    assert sorted(s for k, s in rows.values() if k.startswith("52"))[1:] == [
        s + STEP for s in sorted(s for k, s in rows.values() if k.startswith("52"))[:-1]]


def test_a_full_gap_renumbers_a_window_around_it_not_the_whole_order() -> None:
    keys = [f"{i:05d}" for i in range(0, 20000, 2)]
    rows = _full(keys)
    low, high = rows["r10000"][1], rows["r10002"][1]
    rows["r10002"] = ("10002", low + 1)  # no room between 10000 and 10002
    rows = {i: (k, s) for i, (k, s) in rows.items() if k <= "10000" or s > high} | {"r10002": ("10002", low + 1)}
    after, seqs = _apply(rows, {"new": "10001"})
    assert _in_key_order(after)
    assert 1 < len(seqs) <= 4 * FIRST_WINDOW + 1  # a window's rows, not the 10,000


def test_a_new_row_takes_the_seq_of_the_removed_row_with_its_key() -> None:
    rows = _full(["a", "b", "c"])
    _, seqs = _apply({**rows, "old": ("b2", rows["rb"][1] + 5)}, {"old": "b2"}, frozenset({"old"}))
    assert seqs == {"old": rows["rb"][1] + 5}


def test_a_new_row_with_a_kept_row_s_key_is_refused() -> None:
    with pytest.raises(ValueError):
        place({"x": "b"}, ListOrder(_full(["a", "b"])))


def test_dense_seqs_of_an_older_store_are_spread_when_room_runs_out() -> None:
    rows = {f"r{i:04d}": (f"{i:04d}x", i) for i in range(1000)}  # 0, 1, 2, ...: a dense rank
    after, _ = _apply(rows, {"new": "0500"})
    assert _in_key_order(after)
    seqs = sorted(s for _, s in after.values())
    at = seqs.index(after["new"][1])
    assert seqs[at] - seqs[at - 1] >= STEP and seqs[at + 1] - seqs[at] >= STEP  # renumbered with room to spare


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="abc", min_size=1, max_size=6), max_size=30), min_size=1, max_size=8),
       st.integers(min_value=0, max_value=3))
def test_batches_of_insertions_and_removals_keep_the_keys_order(batches: list[list[str]], every: int) -> None:
    rows: dict[str, tuple[str, int]] = {}
    for number, batch in enumerate(batches):
        removed = frozenset(i for n, i in enumerate(sorted(rows)) if every and n % (every + 1) == 0)
        new = {f"{k}#{number}": f"{k}#{number}" for k in batch}
        again = {i: rows[i][0] for i in sorted(removed)[:2]}  # removed rows made again with their key
        rows, _ = _apply(rows, new | again, removed)
        assert _in_key_order(rows)


def test_close_seqs_force_windows_that_merge() -> None:
    rows = {f"r{i:03d}": (f"{i:03d}", i * 3) for i in range(200)}  # room for two between neighbours
    new = {f"n{i:03d}{j}": f"{i:03d}{j}" for i in range(0, 200, 7) for j in range(5)}
    after, _ = _apply(rows, new)
    assert _in_key_order(after)
    seqs = sorted(s for _, s in after.values())
    assert min(b - a for a, b in itertools.pairwise(seqs)) >= STEP  # renumbered with room to spare


def test_a_renumbered_window_leaves_step_between_its_rows() -> None:
    rows = {f"r{i:03d}": (f"{i:03d}", i * 3) for i in range(200)}  # room for two between neighbours
    after, seqs = _apply(rows, {"new": f"100{'x' * 3}", "new2": "100y", "new3": "100z"})
    assert _in_key_order(after)
    assert min(b - a for a, b in itertools.pairwise(sorted(seqs.values()))) >= STEP


@given(st.lists(st.tuples(st.text(max_size=4), st.integers(min_value=0, max_value=10**12)), min_size=2, max_size=2))
def test_rank_keys_compare_as_their_parts(pair: list[tuple[str, int]]) -> None:
    a, b = pair
    assert (rank_key(a) < rank_key(b)) == (a < b)
    assert (rank_key([a[0]]) < rank_key([b[0]])) == (a[0] < b[0])


def test_rank_keys_refuse_negative_integers() -> None:
    with pytest.raises(ValueError):
        rank_key(["a", -1])


# ------------------------------------------------------------------ the same, read from a store's tables

def _stored_places(store: Store) -> dict[str, tuple[str, int]]:
    return {r[0]: (r[0], int(r[1])) for r in store._rows("SELECT id, seq FROM places", [])}


def test_places_read_from_the_store_stand_in_code_point_order_and_full_gaps_renumber_a_window(spec: str) -> None:
    """Ids whose code-point order is not a dictionary's (PostgreSQL: COLLATE "C"); no room between a020 and a021."""
    ids = sorted(f"{c}{i:03d}" for c in ("B", "Z", "a", "\u00c9") for i in range(40))
    seq = {pid: n * GAP for n, pid in enumerate(ids)} | {"a021": ids.index("a020") * GAP + 1}
    with open_store(spec) as store:
        store._write([("INSERT INTO places(id, seq, name, lat, lon, country, record) VALUES (?, ?, ?, 0, 0, NULL, ?)",
                       [(pid, seq[pid], pid, "{}") for pid in ids])])
        new = {"a0205": "a0205", "Z": "Z", "\u00c9999": "\u00c9999", "0": "0"}
        seqs = place(new, TableOrder(store, PLACE_ORDER, "id"))
        assert set(new) <= set(seqs)
        assert 0 < len(set(seqs) - set(new)) <= 2 * FIRST_WINDOW  # stored rows renumbered: a window around a0205
        store._write([("UPDATE places SET seq = ? WHERE id = ?", [(s, i) for i, s in seqs.items() if i not in new]),
                      ("INSERT INTO places(id, seq, name, lat, lon, country, record) VALUES (?, ?, ?, 0, 0, NULL, ?)",
                       [(i, seqs[i], i, "{}") for i in new])])
        rows = _stored_places(store)
        assert [r[0] for r in store._rows("SELECT id FROM places ORDER BY seq", [])] == sorted(rows)
        assert _in_key_order(rows)
