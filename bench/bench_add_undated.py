"""Adding documents when many are undated (issue 20.4): a store's analysed documents, a share of them stripped of
their publication day (their days are inferred from the others), are stored but for the last N (in a seeded random
order) and resolved whole; then the N are added and the rows brought up to date incrementally (store/date_index.py
re-reads only the undated documents the new ones bear on). Prints both times, how many undated documents the update
read again, and the load average. No assertions; spaCy is not run.

    .venv/bin/python bench/bench_add_undated.py /tmp/s2k.db [--undated 0.3] [--added 100] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from check_incremental import undated
from frontwatch import PIPELINE_VERSION
from frontwatch.analyze import refresh_rows
from frontwatch.store import date_index, open_store
from replicate import load_base


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--undated", type=float, default=0.3)
    parser.add_argument("--added", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pairs = undated(load_base(args.db), args.undated, args.seed)
    random.Random(args.seed).shuffle(pairs)
    base, added = pairs[:-args.added], pairs[-args.added:]
    reread: list[str] = []
    real = date_index.first_pass
    date_index.first_pass = lambda doc, *rest: reread.append(doc.id) or real(doc, *rest)  # type: ignore[assignment]
    with open_store(Path(tempfile.mkdtemp()) / "store.db") as store:
        for document, analysis in base:
            store.put(document.model_copy(update={"duplicate_of": None}), analysis, PIPELINE_VERSION)
        started = time.perf_counter()
        refresh_rows(store)
        full = time.perf_counter() - started
        for document, analysis in added:
            store.put(document.model_copy(update={"duplicate_of": None}), analysis, PIPELINE_VERSION)
        started = time.perf_counter()
        incremental = refresh_rows(store)
        step = time.perf_counter() - started
    new_undated = sum(not d.published.date for d, _ in added)
    stored_undated = sum(not d.published.date for d, _ in base)
    print(f"{len(base)} documents ({stored_undated} undated) resolved whole: {full:.2f} s "
          f"(load {os.getloadavg()[0]:.1f})")
    print(f"adding {len(added)} ({new_undated} undated): {'incremental' if incremental else 'REBUILT WHOLE'} "
          f"{step:.2f} s; undated documents read again: {len(reread) - new_undated} stored + {new_undated} new; "
          f"ratio whole / added {full / step:.1f}x (load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
