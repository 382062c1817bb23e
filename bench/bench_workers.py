"""Serial vs Dask workers, SQLite vs PostgreSQL: the same GVA articles analysed each way, docs/s printed, and
whether every picture.json is byte-identical to the serial SQLite one (no assertions: machines here are shared).

    .venv/bin/python bench/bench_workers.py [N] [WORKERS]          # N GVA articles (default 400), 2 workers
    FRONTWATCH_TEST_PG=postgresql://... .venv/bin/python bench/bench_workers.py   # adds a PostgreSQL run

Each run is cold: a fresh store, and for workers a fresh local cluster whose processes load the models themselves
(the serial run loads them in this process). Figures include that loading, as a user's first run would. The
per-document stage (spaCy and extraction, what workers share) is timed apart from the whole run (reading,
storing, resolving the picture, writing outputs: all in this process). CPU seconds are printed beside: this
process's, and the worker processes' (children, counted once the cluster has closed): on a loaded machine compare
those, since wall times then follow the load more than the code.

Two serial runs: one on one thread (``analyse_documents(overlap=False)``, as each Dask worker runs), and the
default one, whose sentence embedder reads ahead on a second thread (``overlap=True``: on two cores it already uses
the second one). Speed-ups are printed against both.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

from frontwatch.analyze import collect, mark_duplicates, picture_from_store, store_documents
from frontwatch.cluster import ClusterSpec, dask_analyser
from frontwatch.evaluation import eval_data_dir
from frontwatch.extract.document import analyse_documents
from frontwatch.model import DocAnalysis, Document
from frontwatch.output.write import write_outputs
from frontwatch.store import StoreSpec, open_store


def _one_thread(documents: list[Document]) -> Iterator[DocAnalysis]:
    return analyse_documents(documents, overlap=False)


def _cold() -> None:
    """Forget the models this process has loaded, so each serial run loads them as a first run would."""
    from frontwatch.classify import classifier
    from frontwatch.embed import embedder
    from frontwatch.gazetteer import load
    from frontwatch.nlp.pipeline import get_nlp

    for loaded in (classifier, embedder, load, get_nlp):
        loaded.cache_clear()


def _run(label: str, corpus: Path, db: StoreSpec, out: Path, cluster: ClusterSpec | bool | None, n: int
         ) -> tuple[float, float]:
    """Analyse into a fresh store; print the per-document stage's time (what workers share) and the whole run's.
    ``cluster``: a Dask cluster, None (serial, the default: the embedder reads ahead), False (serial, one thread)."""
    _cold()
    started, cpu = time.perf_counter(), os.times()
    docs, _ = collect([str(corpus)])
    running = dask_analyser(cluster) if isinstance(cluster, ClusterSpec) else nullcontext(
        None if cluster is None else _one_thread)
    with open_store(db) as store, running as analyser:
        stage_started = time.perf_counter()
        store_documents(store, docs, analyser=analyser)
        stage = time.perf_counter() - stage_started
        mark_duplicates(store)
        write_outputs(picture_from_store(store), out)
    total, used = time.perf_counter() - started, os.times()
    here = used.user + used.system - cpu.user - cpu.system
    workers = used.children_user + used.children_system - cpu.children_user - cpu.children_system
    print(f"{label:<22} per-document stage {stage:6.1f} s ({n / stage:5.2f} docs/s), whole run {total:6.1f} s "
          f"({n / total:5.2f} docs/s); CPU {here:5.1f} s here + {workers:5.1f} s in workers  "
          f"load {os.getloadavg()[0]:.1f}", flush=True)
    return stage, total


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    work = Path(tempfile.mkdtemp())
    lines = (eval_data_dir() / "gva_articles.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    corpus = work / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(json.loads(line)) for line in lines) + "\n", encoding="utf-8")
    print(f"{n} GVA articles, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}", flush=True)
    runs: dict[str, tuple[StoreSpec, ClusterSpec | bool | None]] = {
        "workers": (work / "w.db", ClusterSpec(workers=workers)),  # first: no model in this process yet
        "serial": (work / "s.db", False),
        "serial-overlap": (work / "s2.db", None),
    }
    dsn = os.environ.get("FRONTWATCH_TEST_PG")
    if dsn:
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        runs["postgresql"] = (f"{dsn}{'&' if '?' in dsn else '?'}options=-csearch_path%3D{schema}", None)
    seconds = {}
    for name, (db, cluster) in runs.items():
        label = f"{name} ({workers} workers)" if isinstance(cluster, ClusterSpec) else name
        seconds[name] = _run(label, corpus, db, work / name, cluster, n)
    serial = (work / "serial" / "picture.json").read_bytes()
    for name in runs:
        same = (work / name / "picture.json").read_bytes() == serial
        print(f"{name}: picture.json {'identical to' if same else 'DIFFERS from'} the serial run's")
    for base in ("serial", "serial-overlap"):
        (stage, total), (w_stage, w_total) = seconds[base], seconds["workers"]
        print(f"speed-up with {workers} workers over {base}: per-document stage {stage / w_stage:.2f}x, "
              f"whole run {total / w_total:.2f}x")
    if dsn:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
