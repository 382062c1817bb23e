"""Check that incremental row updates (store/picture_index.py) give the rows a full rebuild gives: a store's
analysed documents are added in random batches to one store (rows updated after each batch) and all at once to
another, in the same order; the event, alias and place rows are compared, and how many batches went incrementally
is printed. Not a timing. Exit code 1 on any difference. Events and places are compared in ``seq`` order with each
``seq`` replaced by its rank (store/ordering.py: seq is an ordering key with gaps); every other column as stored.

``--undated SHARE`` strips the publication day from that share of the documents (chosen by the seed), so their days
are inferred from the others (store/date_index.py keeps them up to date batch by batch).

    .venv/bin/python bench/check_incremental.py /tmp/s1k.db [BATCHES] [--seed S] [--limit N] [--undated SHARE]
        [--pg postgresql://USER:PASSWORD@127.0.0.1:5432/DB]

``--pg``: both stores on that PostgreSQL server, each in a fresh schema (dropped afterwards), not SQLite files.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from frontwatch import PIPELINE_VERSION
from frontwatch.analyze import mark_duplicates, refresh_rows
from frontwatch.model import Published
from frontwatch.store import Store, open_store
from replicate import Pair, load_base

TABLES = ("events", "event_aliases", "places", "place_mentions")
RANKED = ("events", "places")  # their seq: an ordering key with gaps (store/ordering.py), compared as a rank


def rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row; an event's or place's seq replaced by its rank in seq order (seq values differ between an update
    and a full build, the order may not). Two rows sharing a seq count as a difference."""
    out = {"event_aliases": store._rows("SELECT * FROM event_aliases ORDER BY alias", []),
           "place_mentions": store._rows("SELECT * FROM place_mentions ORDER BY place_id, doc_id", [])}
    for table in RANKED:
        ranked = store._rows(f"SELECT id, seq, * FROM {table} ORDER BY seq, id", [])
        if len({r[1] for r in ranked}) != len(ranked):
            print(f"{table}: two rows share a seq", file=sys.stderr)
            ranked.append(("SHARED SEQ",))
        out[table] = [(r[0], rank, *r[4:]) for rank, r in enumerate(ranked)]  # r[2:4]: id and seq again
    return out


def undated(pairs: list[Pair], share: float, seed: int) -> list[Pair]:
    """The pairs with the publication day of ``share`` of the documents taken away (as a page that states none)."""
    rng = random.Random(seed)
    return [(document.model_copy(update={"published": Published()}), analysis)
            if rng.random() < share else (document, analysis) for document, analysis in pairs]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("batches", type=int, nargs="?", default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--undated", type=float, default=0.0)
    parser.add_argument("--pg", default="", help="a PostgreSQL server's DSN: the stores in fresh schemas there")
    args = parser.parse_args()
    pairs = load_base(args.db)
    if args.limit:
        pairs = pairs[:args.limit]
    if args.undated:
        pairs = undated(pairs, args.undated, args.seed)
    cuts = sorted(random.Random(args.seed).sample(range(1, len(pairs)), args.batches - 1))
    with _stores(args.pg) as (stepwise_spec, at_once_spec):
        return _check(pairs, cuts, stepwise_spec, at_once_spec, args.batches)


@contextmanager
def _stores(pg: str) -> Iterator[tuple[str, str]]:
    """Two empty stores: SQLite files, or (``pg``) two fresh schemas on that PostgreSQL server, dropped after."""
    if not pg:
        work = Path(tempfile.mkdtemp())
        yield str(work / "stepwise.db"), str(work / "at-once.db")
        return
    import psycopg
    from psycopg import sql

    names = [f"fw_check_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    with psycopg.connect(pg, autocommit=True) as admin:
        for name in names:
            admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
        try:
            first, second = (f"{pg}{'&' if '?' in pg else '?'}options={quote(f'-csearch_path={n}')}" for n in names)
            yield first, second
        finally:
            for name in names:
                admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))


def _check(pairs: list[Pair], cuts: list[int], stepwise_spec: str, at_once_spec: str, batches: int) -> int:
    incremental = 0
    with open_store(stepwise_spec) as store:
        for start, end in zip([0, *cuts], [*cuts, len(pairs)], strict=True):
            for document, analysis in pairs[start:end]:
                store.put(document.model_copy(update={"duplicate_of": None}), analysis, PIPELINE_VERSION)
            mark_duplicates(store)
            started = time.perf_counter()
            done = refresh_rows(store)
            incremental += done
            print(f"batch of {end - start:5d}: {'incremental' if done else 'full rebuild'} "
                  f"{time.perf_counter() - started:.2f} s", flush=True)
        stepwise = rows(store)
    with open_store(at_once_spec) as store:
        for document, analysis in pairs:
            store.put(document.model_copy(update={"duplicate_of": None}), analysis, PIPELINE_VERSION)
        mark_duplicates(store)
        refresh_rows(store)
        at_once = rows(store)
    bad = 0
    for table in TABLES:
        a, b = set(stepwise[table]), set(at_once[table])
        if a != b or stepwise[table] != at_once[table]:
            bad += 1
            print(f"{table}: {len(a - b)} rows only stepwise, {len(b - a)} only at once", file=sys.stderr)
            for row in sorted(a - b, key=str)[:3]:
                print("  stepwise:", str(row)[:400], file=sys.stderr)
            for row in sorted(b - a, key=str)[:3]:
                print("  at once: ", str(row)[:400], file=sys.stderr)
    print(f"{len(pairs)} documents ({sum(not d.published.date for d, _ in pairs)} undated) in {batches} "
          f"batches ({incremental} incremental): "
          f"{'rows identical' if not bad else 'ROWS DIFFER'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
