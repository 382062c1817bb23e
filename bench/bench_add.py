"""What adding 100 documents costs on a big store against an empty one: storing them with their analyses (spaCy is
not run: they are copies made by ``replicate.py``), marking near-duplicates and bringing the picture's rows up to
date (``refresh_rows``: incremental when it can be), as ``frontwatch analyze`` does after its per-document stage.
Prints both times and their ratio, and apart from them the time to build the whole picture (picture.json, which
``analyze --out`` and ``export`` write: it holds every document, so it grows with the store). No assertions. The load
average is printed beside the figures (compare lines of one run only), and how many of the added documents were
marked near-copies of stored ones: replicate.py's copies share their text, so in the big store every added document
is a copy of one stored (marking costs a write each), in the empty one none is.

    .venv/bin/python bench/bench_add.py /tmp/s1k.db [BIG] [REPEAT]   # BIG documents in the big store (default
                                                                     # 10000); REPEAT runs (default 1), medians

With REPEAT, each run adds the same 100 documents to a fresh empty store and to a fresh copy of the big store, and
the figures are the runs' medians (picture.json is timed in the first run only).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from frontwatch import PIPELINE_VERSION
from frontwatch.analyze import mark_duplicates, picture_from_store, refresh_picture, refresh_rows
from frontwatch.store import open_store
from replicate import Pair, copy_of, grow, load_base

ADDED = 100


def _fill(db: Path, pairs: list[Pair]) -> None:
    with open_store(db) as store:
        for document, analysis in pairs:
            store.put(document, analysis, PIPELINE_VERSION)
        mark_duplicates(store)
        refresh_picture(store)


def _add(db: Path, pairs: list[Pair], whole: bool = True) -> dict[str, float]:
    """Seconds per step of adding ``pairs`` to the store at ``db`` (``whole``: also building the whole picture)."""
    times: dict[str, float] = {}
    with open_store(db) as store:
        started = time.perf_counter()
        for document, analysis in pairs:
            store.put(document, analysis, PIPELINE_VERSION)
        times["store"] = time.perf_counter() - started
        started = time.perf_counter()
        mark_duplicates(store)
        times["duplicates"] = time.perf_counter() - started
        started = time.perf_counter()
        times["incremental"] = float(refresh_rows(store))
        times["rows"] = time.perf_counter() - started
        started = time.perf_counter()
        if whole:
            picture_from_store(store)
        times["picture.json"] = time.perf_counter() - started
        times["copies"] = sum(bool((d := store.document(document.id)) and d.duplicate_of) for document, _ in pairs)
    times["total"] = times["store"] + times["duplicates"] + times["rows"]
    return times


def main(base_db: Path, big: int, repeat: int) -> None:
    base = load_base(base_db)
    work = Path(tempfile.mkdtemp())
    copies = -(-big // len(base))
    added = copy_of(base, copies)[:ADDED]  # a stretch of the war neither store holds yet
    print(f"load average {_load()}", flush=True)
    started = time.perf_counter()
    _fill(work / "big.db", grow(base, big))
    print(f"big store: {big} documents, filled in {time.perf_counter() - started:.1f} s (untimed below)", flush=True)
    runs: list[tuple[dict[str, float], dict[str, float]]] = []
    for run in range(repeat):
        shutil.copy(work / "big.db", work / f"big-{run}.db")
        _flush(work / f"big-{run}.db")
        runs.append((_add(work / f"empty-{run}.db", added, whole=run == 0),
                     _add(work / f"big-{run}.db", added, whole=run == 0)))
    empty, full = (_medians([r[i] for r in runs]) for i in (0, 1))
    print(f"{'adding ' + str(ADDED) + ' documents':28} {'store':>8} {'duplicates':>11} {'rows':>8} {'total':>8}"
          f"   {'(picture.json)':>14}   ({repeat} run{'s' if repeat > 1 else ''}, medians)")
    for label, times in (("to an empty store", empty), (f"to a {big}-document store", full)):
        print(f"{label:28} {times['store']:8.2f} {times['duplicates']:11.2f} {times['rows']:8.2f} "
              f"{times['total']:8.2f}   {times['picture.json']:14.2f}"
              f"   {times['copies']:.0f} copies{'' if times['incremental'] else '  (rows rebuilt whole)'}")
    print(f"ratio big / empty: {full['total'] / empty['total']:.1f}x, rows alone {full['rows'] / empty['rows']:.1f}x"
          f" (picture.json: {full['picture.json'] / empty['picture.json']:.1f}x); load average {_load()}")
    if repeat > 1:
        print("ratio per run: " + ", ".join(f"{b['total'] / a['total']:.1f}x" for a, b in runs))


def _flush(path: Path) -> None:
    """Write a file's pages to disk before timing: else SQLite's first checkpoint (it syncs the database file) pays
    for writing out the whole fresh copy (at 100k: 0.4 s more to store 100 documents)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    out = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    out["picture.json"] = runs[0]["picture.json"]
    return out


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10000,
         int(sys.argv[3]) if len(sys.argv) > 3 else 1)
